"""The report as Markdown, its chart drawn as text for a reader without a browser."""

from __future__ import annotations

from collections.abc import Sequence

from psoas_tui.core.report.model import ClinicianReport, ReportDay
from psoas_tui.core.report.words import (
    DAILY_INTRO,
    LEVEL_WORDS,
    NO_PROMPTS,
    NO_SIGNS,
    NOTHING_NOTICED,
    NOTICED_INTRO,
    OWN_LOG,
    PROMPTS_INTRO,
    SCALE,
    TITLE,
    active_words,
    answer_words,
    day_cell,
    done_words,
    exercise_share,
    made_words,
    minutes_text,
    period_words,
    places_words,
    prompt_words,
    score_text,
    sign_level,
    signs_words,
    status_words,
)

_BARS = "▁▂▃▄▅▆▇█"
_MARKDOWN_SPECIAL = str.maketrans(
    {char: f"\\{char}" for char in "\\`*_[]<>|#"} | {"\n": " ", "\r": " ", "\t": " "}
)


def report_markdown(report: ClinicianReport) -> str:
    """The report as Markdown, the chart drawn as text."""
    lines = [
        f"# {TITLE}",
        "",
        f"A summary for a clinician. {made_words(report)}",
        "",
        f"> {OWN_LOG}",
        "",
        "## Period",
        "",
        period_words(report),
        "",
        f"Symptoms were logged on {report.logged_days} of these days. {SCALE}",
        "",
        "## What the app notices today",
        "",
        NOTICED_INTRO,
        "",
        *([f"- {_md(reason)}" for reason in report.noticed] or [f"- {NOTHING_NOTICED}"]),
        "",
        "## Pain and stiffness over the period",
        "",
        *_text_chart(report.days),
        "",
        "## Warning and urgent signs logged",
        "",
    ]
    if report.signs:
        lines += ["| Date | Sign | Answered yes to |", "|---|---|---|"]
        lines += [
            f"| {day_cell(logged.day)} | {sign_level(logged.sign)} | {_md(logged.sign.noticed)} |"
            for logged in report.signs
        ]
    else:
        lines.append(NO_SIGNS)
    lines += ["", "## Referral prompts", "", PROMPTS_INTRO, ""]
    if report.prompts:
        lines += ["| What was noticed | Advice | Rule met | Answer |", "|---|---|---|---|"]
        lines += [
            f"| {_md(prompt_words(prompt))} | {LEVEL_WORDS[prompt.level]} | "
            f"{active_words(prompt)} | {answer_words(prompt)} |"
            for prompt in report.prompts
        ]
    else:
        lines.append(NO_PROMPTS)
    lines += [
        "",
        "## The routine and how often it was done",
        "",
        "| Exercise | Dose | Schedule | Done |",
        "|---|---|---|---|",
        *(
            f"| {_md(exercise.name)} | {_md(exercise.dose)} | {_md(exercise.schedule)} | "
            f"{exercise_share(exercise)} |"
            for exercise in report.exercises
        ),
        "",
        done_words(report),
        "",
        "## Day by day",
        "",
        DAILY_INTRO,
        "",
        "| Date | Routine | Pain | Stiffness | Morning stiffness | Where | Signs and notes |",
        "|---|---|--:|--:|--:|---|---|",
    ]
    for day in report.days:
        if day.entries:
            notes = [_md(note) for note in day.notes]
            if day.signs:
                notes.insert(0, signs_words(day))
            said = " · ".join(notes)
        else:
            said = "*nothing logged*"
        lines.append(
            f"| {day_cell(day.day)} | {status_words(day)} | {score_text(day.pain)} | "
            f"{score_text(day.stiffness)} | {minutes_text(day)} | {places_words(day.where)} | "
            f"{said} |"
        )
    lines += ["", "---", "", OWN_LOG, ""]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.translate(_MARKDOWN_SPECIAL)


def _text_chart(days: Sequence[ReportDay]) -> list[str]:
    """Four weeks a block: a bar per day for pain and for stiffness, ``·`` where nothing was
    logged, ``!`` above a day with a warning or urgent sign."""
    lines = [
        "Each column is a day, from the lowest bar (0) to the full block (10); "
        "`·` is a day with nothing logged, `!` a day with a sign logged.",
        "",
        "```text",
    ]
    for first in range(0, len(days), 28):
        block = days[first : first + 28]
        lines.append(f"from {block[0].day.isoformat()}")
        if any(day.signs for day in block):
            lines.append("signs      " + "".join("!" if day.signs else " " for day in block))
        lines += [
            "pain       " + "".join(_bar(day.pain) for day in block),
            "stiffness  " + "".join(_bar(day.stiffness) for day in block),
            "",
        ]
    lines[-1] = "```"
    return lines


def _bar(score: int | None) -> str:
    if score is None:
        return "·"
    return _BARS[round(score * (len(_BARS) - 1) / 10)]
