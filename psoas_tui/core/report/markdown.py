"""The report as Markdown, its chart drawn as text for a reader without a browser."""

from __future__ import annotations

from collections.abc import Sequence

from psoas_tui.core.report.model import ClinicianReport, ReportDay
from psoas_tui.core.report.words import (
    ABOUT_YOU_INTRO,
    ASKED_COLUMNS,
    ASKED_INTRO,
    DAILY_INTRO,
    NO_ENTRIES,
    NO_PROMPTS,
    NO_SIGNS,
    NOTHING_NOTICED,
    NOTICED_INTRO,
    OWN_LOG,
    PROMPTS_INTRO,
    SCALE,
    TITLE,
    about_you_words,
    active_words,
    answer_words,
    asked_counts,
    consistency_words,
    day_cell,
    done_words,
    exercise_share,
    level_words,
    made_words,
    minutes_text,
    pause_lines,
    period_words,
    places_words,
    score_text,
    sign_words,
    signs_words,
    status_words,
)
from psoas_tui.core.signs import statement

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
        f"> {_md(OWN_LOG)}",
        "",
        "## Period",
        "",
        period_words(report),
        "",
        f"Symptoms were logged on {report.logged_days} of these days. {SCALE}",
        "",
    ]
    if report.about_you is not None:
        lines += ["## About the person, in their own words", "", _md(ABOUT_YOU_INTRO), ""]
        lines += [f"- {_md(line)}" for line in about_you_words(report)]
        lines.append("")
    lines += ["## What the app notices today", ""]
    if report.lead:
        lines += [f"**{_md(report.lead)}**", ""]
    lines += [
        _md(NOTICED_INTRO),
        "",
        *([f"- {_md(sentence)}" for sentence in report.noticed] or [f"- {NOTHING_NOTICED}"]),
        "",
        "## Pain and stiffness over the period",
        "",
        *_text_chart(report.days),
        "",
        "## Signs answered yes",
        "",
    ]
    if report.signs:
        lines += ["| Date | Level | Answered yes to |", "|---|---|---|"]
        lines += [
            f"| {day_cell(logged.day)} | {level_words(logged.level)} | "
            f"{_md(statement(logged.sign))} |"
            for logged in report.signs
        ]
    else:
        lines.append(NO_SIGNS)
    lines += ["", "## Sign questions asked", "", _md(ASKED_INTRO), ""]
    if report.logged_days:
        heads = " | ".join(words.capitalize() for words in ASKED_COLUMNS)
        lines += [f"| Sign question | {heads} |", "|---" + "|--:" * len(ASKED_COLUMNS) + "|"]
        lines += [
            f"| {_md(sign_words(asked))} | "
            + " | ".join(str(count) for count in asked_counts(asked))
            + " |"
            for asked in report.asked
        ]
    else:
        lines.append(NO_ENTRIES)
    lines += ["", "## Referral prompts", "", _md(PROMPTS_INTRO), ""]
    if report.prompts:
        lines += ["| Rule met | Days met | Answers |", "|---|---|---|"]
        lines += [
            f"| {_md(prompt.sentence)} | {active_words(prompt)} | {_md(answer_words(prompt))} |"
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
        *(f"\n{_md(line)}" for line in pause_lines(report)),
        "",
        *_paragraph(consistency_words(report)),
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
                notes.insert(0, _md(signs_words(day)))
            said = " · ".join(notes)
        else:
            said = "*nothing logged*"
        lines.append(
            f"| {day_cell(day.day)} | {status_words(day)} | {score_text(day.pain)} | "
            f"{score_text(day.stiffness)} | {minutes_text(day)} | {places_words(day.where)} | "
            f"{said} |"
        )
    lines += ["", "---", "", _md(OWN_LOG), ""]
    return "\n".join(lines)


def _paragraph(text: str) -> list[str]:
    """``text`` and the blank line after it, or nothing when there is no text."""
    return [_md(text), ""] if text else []


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
