"""The summary for a clinician: what the person logged over a few weeks, as HTML or Markdown.

Data in, text out, no I/O. ``build_report`` gathers the figures; ``report_html`` and
``report_markdown`` lay them out. The report states what was logged and what the referral rules
noticed, in the prompt's own words; it never guesses at a cause. The HTML is one self-contained
page (inline CSS and a hand-built SVG chart, no script, nothing fetched) that prints cleanly on
A4 and Letter.
"""

from __future__ import annotations

import html
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from psoas_tui.core.config import Config
from psoas_tui.core.dates import format_day
from psoas_tui.core.model import DayRecord, History, ReferralResponse, SymptomEntry
from psoas_tui.core.referral import (
    ACKNOWLEDGED,
    SNOOZED,
    ActiveRule,
    active_rules,
)
from psoas_tui.core.routine import Routine
from psoas_tui.core.signs import PLACES, SIGN_BY_KEY, SIGNS, SOON, URGENT, Sign
from psoas_tui.core.streaks import DayStatus, DaySummary, StreakBook

#: The chart's lines step over at most this many days in a row with nothing logged.
CHART_MAX_GAP = 3

#: Weeks a report covers unless asked for another span, and the most it may cover.
REPORT_WEEKS = 4
MAX_WEEKS = 52

TITLE = "Psoas routine and symptom log"
OWN_LOG = (
    "This is the person's own log, kept with psoas-tui, a self-care app for a daily psoas "
    "release routine. It is not a clinical record: the app makes no diagnosis and only reports "
    "what was logged."
)
SCALE = "Pain and stiffness are the person's own scores from 0 (none) to 10 (worst imaginable)."
NOTHING_NOTICED = "Nothing that its referral rules look for."
NOTICED_INTRO = "The referral rules active today, in the words the app shows the person."
NO_SIGNS = "No warning or urgent sign was logged in this period."
NO_PROMPTS = "No referral rule was met in this period."
PROMPTS_INTRO = (
    "The app asks the person to get checked when what they logged meets one of its referral "
    "rules (pain on most days for more than a week, severe pain on consecutive days, a warning "
    "sign, an urgent sign). These are the rules met during the period, in the words the app "
    "showed, and what the person answered."
)
DAILY_INTRO = (
    "The highest pain and stiffness logged each day, and the longest morning stiffness. "
    "A routine marked rested (symptoms) was not done on a day with severe pain or a sign logged."
)

STATUS_WORDS = {
    DayStatus.DONE: "done",
    DayStatus.PARTIAL: "partly done",
    DayStatus.MISSED: "not done",
    DayStatus.REST: "rest day",
    DayStatus.SYMPTOM_REST: "rested (symptoms)",
    DayStatus.PENDING: "today, not finished",
}
LEVEL_WORDS = {URGENT: "urgent care advised", SOON: "see someone soon"}
ANSWER_WORDS = {ACKNOWLEDGED: "arranged to see someone", SNOOZED: "asked to be reminded"}
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_RRULE_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


@dataclass(frozen=True)
class ExerciseDone:
    """How often one exercise was done: days it was scheduled in the period, and days complete."""

    id: str
    name: str
    dose: str
    schedule: str
    scheduled: int
    done: int


@dataclass(frozen=True)
class ReportDay:
    """One day of the period: the routine's status and the day's highest scores.

    ``status`` is ``None`` before anything at all was recorded. ``minutes`` is the longest morning
    stiffness logged; ``where`` and ``signs`` gather every entry of the day.
    """

    day: date
    status: DayStatus | None
    entries: int
    pain: int | None
    stiffness: int | None
    minutes: int | None
    where: tuple[str, ...]
    signs: tuple[str, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class SignLogged:
    """A warning or urgent sign answered yes on a day."""

    day: date
    sign: Sign


@dataclass(frozen=True)
class PromptSeen:
    """A referral rule that was active on some days of the period, and what was answered.

    ``about`` is the rule's summary on the last day of the period it was active.
    """

    rule: str
    level: str
    key: str
    about: str
    first: date
    last: date
    answers: tuple[ReferralResponse, ...]


@dataclass(frozen=True)
class ClinicianReport:
    """Everything the report shows. ``extended`` is set when the period reaches back further than
    the weeks asked for, to show the whole of a rule active today."""

    start: date
    end: date
    weeks: int
    extended: bool
    made_at: datetime
    day_starts_at: time
    exercises: tuple[ExerciseDone, ...]
    days: tuple[ReportDay, ...]
    signs: tuple[SignLogged, ...]
    prompts: tuple[PromptSeen, ...]
    noticed: tuple[str, ...]

    def count(self, status: DayStatus) -> int:
        """Days of the period with ``status``."""
        return sum(1 for day in self.days if day.status is status)

    @property
    def logged_days(self) -> int:
        """Days of the period with at least one symptom entry."""
        return sum(1 for day in self.days if day.entries)


def report_file_name(today: date, markdown: bool = False) -> str:
    """``clinician-report-2026-11-21.html`` (or ``.md``): one a day, the latest kept."""
    return f"clinician-report-{today.isoformat()}.{'md' if markdown else 'html'}"


def build_report(
    history: History,
    routine: Routine,
    config: Config,
    today: date,
    made_at: datetime,
    weeks: int,
) -> ClinicianReport:
    """The report over the last ``weeks`` weeks up to ``today``, from everything in ``history``.

    The period reaches further back when a rule active today began earlier, so the whole episode
    is shown. Day statuses are ``core.streaks``'s; the referral prompts are found by asking
    ``core.referral`` about each day of the period, with the entries and answers dated up to it.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    entries = sorted(history.entries, key=lambda entry: (entry.day, entry.logged_at))
    responses = sorted(history.responses, key=lambda answer: answer.day)
    days_between = _days_between(history.days)
    rules = active_rules(entries, today, responses, days=days_between)
    start = today - timedelta(days=7 * weeks - 1)
    earliest = min([start, *(rule.first_day for rule in rules)])
    summaries = {
        summary.day: summary
        for summary in StreakBook(routine).summaries(history.days, entries, today)
        if summary.day >= earliest
    }
    period = [earliest + timedelta(days=offset) for offset in range((today - earliest).days + 1)]
    by_day: dict[date, list[SymptomEntry]] = {}
    for entry in entries:
        if earliest <= entry.day <= today:
            by_day.setdefault(entry.day, []).append(entry)
    report_days = tuple(_report_day(day, summaries.get(day), by_day.get(day, [])) for day in period)
    signs = tuple(
        SignLogged(entry.day, sign)
        for day in period
        for entry in by_day.get(day, [])
        for sign in SIGNS
        if sign.key in entry.signs
    )
    return ClinicianReport(
        start=earliest,
        end=today,
        weeks=weeks,
        extended=earliest < start,
        made_at=made_at,
        day_starts_at=config.day_starts_at,
        exercises=_exercises(routine, [summaries[day] for day in period if day in summaries]),
        days=report_days,
        signs=signs,
        prompts=_prompts(entries, responses, period),
        noticed=tuple(_noticed(rule) for rule in rules),
    )


def _noticed(rule: ActiveRule) -> str:
    text = " ".join(rule.reasons)
    if rule.acknowledged:
        text += " The person has answered that they arranged to see someone about it."
    return text


def _days_between(records: Sequence[DayRecord]) -> Callable[[date, date], list[DayRecord]]:
    ordered = sorted(records, key=lambda record: record.day)
    days = [record.day for record in ordered]

    def between(first: date, last: date) -> list[DayRecord]:
        return ordered[bisect_right(days, first - timedelta(days=1)) : bisect_right(days, last)]

    return between


def _report_day(day: date, summary: DaySummary | None, entries: list[SymptomEntry]) -> ReportDay:
    minutes = [entry.stiffness_minutes for entry in entries if entry.stiffness_minutes is not None]
    where = {place for entry in entries for place in entry.where}
    signs = {sign for entry in entries for sign in entry.signs}
    pains = [entry.pain for entry in entries if entry.pain is not None]
    stiffnesses = [entry.stiffness for entry in entries if entry.stiffness is not None]
    return ReportDay(
        day=day,
        status=None if summary is None else summary.status,
        entries=len(entries),
        pain=max(pains, default=None),
        stiffness=max(stiffnesses, default=None),
        minutes=max(minutes, default=None),
        where=tuple(place for place in PLACES if place in where),
        signs=tuple(sign.key for sign in SIGNS if sign.key in signs),
        notes=tuple(entry.note for entry in entries if entry.note.strip()),
    )


def _exercises(routine: Routine, summaries: Sequence[DaySummary]) -> tuple[ExerciseDone, ...]:
    # As for the streak: a day rested for symptoms is never held against the person, and today
    # counts once its routine is done.
    left_out = (DayStatus.PENDING, DayStatus.SYMPTOM_REST)
    counted = [summary for summary in summaries if summary.status not in left_out]
    scheduled: dict[str, int] = {}
    done: dict[str, int] = {}
    for summary in counted:
        for exercise_id in summary.planned:
            scheduled[exercise_id] = scheduled.get(exercise_id, 0) + 1
        for exercise_id in summary.complete:
            done[exercise_id] = done.get(exercise_id, 0) + 1
    rows = [
        ExerciseDone(
            id=exercise.id,
            name=exercise.name,
            dose=exercise.dose.describe(),
            schedule=schedule_words(exercise.schedule),
            scheduled=scheduled.get(exercise.id, 0),
            done=done.get(exercise.id, 0),
        )
        for exercise in routine.exercises
    ]
    rows += [
        ExerciseDone(
            id=exercise_id,
            name=exercise_id,
            dose="",
            schedule="no longer in the routine",
            scheduled=scheduled[exercise_id],
            done=done.get(exercise_id, 0),
        )
        for exercise_id in sorted(set(scheduled) - set(routine.ids))
    ]
    return tuple(rows)


def schedule_words(schedule: str) -> str:
    """A plain daily or weekly schedule in words (``every day``, ``Mon, Wed, Fri``); any other
    rule as it is written."""
    text = schedule.strip().upper().removeprefix("RRULE:")
    parts: dict[str, str] = {}
    for part in text.split(";"):
        name, _, value = part.partition("=")
        parts[name] = value
    if parts == {"FREQ": "DAILY"}:
        return "every day"
    if parts.keys() == {"FREQ", "INTERVAL"} and parts["FREQ"] == "DAILY":
        return f"every {parts['INTERVAL']} days"
    if parts.keys() == {"FREQ", "BYDAY"} and parts["FREQ"] == "WEEKLY":
        days = parts["BYDAY"].split(",")
        if all(day in _RRULE_DAYS for day in days):
            ordered = sorted(days, key=lambda day: _RRULE_DAYS[day])
            return ", ".join(_WEEKDAYS[_RRULE_DAYS[day]] for day in ordered)
    return schedule.strip()


def _prompts(
    entries: Sequence[SymptomEntry], responses: Sequence[ReferralResponse], period: Sequence[date]
) -> tuple[PromptSeen, ...]:
    entry_days = [entry.day for entry in entries]
    answer_days = [answer.day for answer in responses]
    seen: dict[tuple[str, str], tuple[ActiveRule, date, date]] = {}
    for day in period:
        known = entries[: bisect_right(entry_days, day)]
        answered = responses[: bisect_right(answer_days, day)]
        for rule in active_rules(known, day, answered):
            pair = (rule.rule, rule.key)
            first = seen[pair][1] if pair in seen else day
            seen[pair] = (rule, first, day)
    found = [
        PromptSeen(
            rule=rule.rule,
            level=rule.level,
            key=rule.key,
            about=rule.summary,
            first=first,
            last=last,
            answers=tuple(answer for answer in responses if (answer.rule, answer.key) == pair),
        )
        for pair, (rule, first, last) in seen.items()
    ]
    return tuple(sorted(found, key=lambda prompt: (prompt.first, prompt.rule, prompt.key)))


# Shared wording


def _day_cell(day: date) -> str:
    return f"{day.isoformat()} {_WEEKDAYS[day.weekday()]}"


def _score(score: int | None) -> str:
    return "–" if score is None else str(score)


def _status_words(day: ReportDay) -> str:
    return "no records yet" if day.status is None else STATUS_WORDS[day.status]


def _period_words(report: ClinicianReport) -> str:
    days = (report.end - report.start).days + 1
    text = (
        f"From {format_day(report.start)} {report.start.year} to {format_day(report.end)} "
        f"{report.end.year} ({days} days)."
    )
    if report.extended:
        text += (
            f" The last {report.weeks} weeks were asked for; the period starts earlier so that "
            "the whole of what the app noticed is shown."
        )
    if report.day_starts_at != time(0, 0):
        text += (
            f" A day runs from {report.day_starts_at:%H:%M} to {report.day_starts_at:%H:%M} "
            "the next morning (the person's setting)."
        )
    return text


def _done_words(report: ClinicianReport) -> str:
    scheduled = sum(
        report.count(status) for status in (DayStatus.DONE, DayStatus.PARTIAL, DayStatus.MISSED)
    )
    rested = report.count(DayStatus.SYMPTOM_REST)
    words = (
        f"The whole routine was done on {report.count(DayStatus.DONE)} of the {scheduled} days it "
        f"was due, part of it on {report.count(DayStatus.PARTIAL)}, none of it on "
        f"{report.count(DayStatus.MISSED)}."
    )
    if rested:
        words += (
            f" On {_plural(rested, 'other day')} it was not done while the person logged severe "
            "pain or a warning sign (a rest for symptoms, left out of the counts above)."
        )
    rest = report.count(DayStatus.REST)
    if rest:
        words += f" {_plural(rest, 'day')} had nothing scheduled."
    if report.days[-1].status is DayStatus.PENDING:
        words += " Today is not counted until its routine is done."
    return words


def _exercise_share(exercise: ExerciseDone) -> str:
    if not exercise.scheduled:
        return "not scheduled in this period"
    percent = round(100 * exercise.done / exercise.scheduled)
    return f"{exercise.done} of {exercise.scheduled} days ({percent}%)"


def _active_words(prompt: PromptSeen) -> str:
    if prompt.first == prompt.last:
        return f"on {prompt.first.isoformat()}"
    return f"{prompt.first.isoformat()} to {prompt.last.isoformat()}"


def _active_html(prompt: PromptSeen) -> str:
    first = f'<span class="date">{prompt.first.isoformat()}</span>'
    if prompt.first == prompt.last:
        return f"on {first}"
    return f'{first} to <span class="date">{prompt.last.isoformat()}</span>'


def _answer_words(prompt: PromptSeen) -> str:
    if not prompt.answers:
        return "no answer"
    return "; ".join(
        f"{ANSWER_WORDS.get(answer.kind, answer.kind)} ({answer.day.isoformat()})"
        for answer in prompt.answers
    )


def _sign_level(sign: Sign) -> str:
    return "urgent" if sign.level == URGENT else "warning"


def _prompt_words(prompt: PromptSeen) -> str:
    return prompt.about[:1].upper() + prompt.about[1:]


def _plural(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _places(keys: Iterable[str]) -> str:
    return ", ".join(PLACES[key] for key in keys)


def _made_words(report: ClinicianReport) -> str:
    return f"Made on {report.made_at:%Y-%m-%d %H:%M} with psoas-tui."


# HTML

_CSS = """
@page { margin: 14mm 12mm 16mm; }
* { box-sizing: border-box; }
html { color: #111; background: #fff;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font: 10.5pt/1.4 "Helvetica Neue", Helvetica, Arial, "Liberation Sans", sans-serif;
  max-width: 184mm; margin: 0 auto; padding: 10mm 4mm; }
h1 { font-size: 17pt; margin: 0 0 2pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 5pt; padding-bottom: 2pt; border-bottom: 1pt solid #444;
  break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0; }
.lead { margin: 0 0 6pt; color: #333; }
.own-log { border: 1pt solid #888; padding: 5pt 7pt; background: #f4f4f4; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4pt 0 6pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { text-align: left; vertical-align: top; padding: 2.5pt 4pt; border-bottom: 0.5pt solid #bbb;
  overflow-wrap: anywhere; word-break: normal; }
th { font-weight: 600; border-bottom: 1pt solid #444; background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.sign td { background: #fff1e0; }
tr.urgent td { background: #fde2e2; }
ul { margin: 4pt 0; padding-left: 16pt; }
figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #333; }
.daily { font-size: 9pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.date { white-space: nowrap; }
.quiet { color: #666; font-style: italic; }
footer { margin-top: 14pt; padding-top: 5pt; border-top: 1pt solid #444; font-size: 9pt; }
@media print {
  body { max-width: none; padding: 0; }
  h2 { margin-top: 12pt; }
}
"""


def report_html(report: ClinicianReport) -> str:
    """The report as one self-contained HTML page that prints on A4 and Letter."""
    title = f"{TITLE}: {report.start.isoformat()} to {report.end.isoformat()}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_h(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_h(TITLE)}</h1>",
        f'<p class="lead">A summary for a clinician. {_h(_made_words(report))}</p>',
        f'<p class="own-log" id="own-log">{_h(OWN_LOG)}</p>',
        "</header>",
        '<section id="period"><h2>Period</h2>',
        f"<p>{_h(_period_words(report))}</p>",
        f"<p>Symptoms were logged on {report.logged_days} of these days. {_h(SCALE)}</p>",
        "</section>",
        _noticed_html(report),
        _chart_html(report),
        _signs_html(report),
        _prompts_html(report),
        _routine_html(report),
        _daily_html(report),
        f"<footer><p>{_h(OWN_LOG)}</p><p>{_h(_made_words(report))}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _noticed_html(report: ClinicianReport) -> str:
    items = report.noticed or (NOTHING_NOTICED,)
    lines = "".join(f"<li>{_h(reason)}</li>" for reason in items)
    return (
        '<section id="noticed"><h2>What the app notices today</h2>'
        f"<p>{_h(NOTICED_INTRO)}</p><ul>{lines}</ul></section>"
    )


def _routine_html(report: ClinicianReport) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{_h(exercise.name)}</td><td>{_h(exercise.dose)}</td>"
        f"<td>{_h(exercise.schedule)}</td><td>{_h(_exercise_share(exercise))}</td>"
        "</tr>"
        for exercise in report.exercises
    )
    return (
        '<section id="routine"><h2>The routine and how often it was done</h2>'
        '<table><colgroup><col style="width:34%"><col style="width:24%">'
        '<col style="width:18%"><col style="width:24%"></colgroup>'
        "<thead><tr><th>Exercise</th><th>Dose</th><th>Schedule</th><th>Done</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<p>{_h(_done_words(report))}</p></section>"
    )


def _chart_html(report: ClinicianReport) -> str:
    return (
        '<section id="chart" class="keep"><h2>Pain and stiffness over the period</h2>'
        f"<figure>{chart_svg(report.days)}"
        "<figcaption>The highest score logged each day, from 0 (none) to 10 (worst "
        f"imaginable). A line breaks where more than {CHART_MAX_GAP} days in a row were not "
        "logged; a triangle at the top marks a day with a warning sign (outlined) or an urgent "
        "sign (filled).</figcaption></figure></section>"
    )


def chart_svg(days: Sequence[ReportDay]) -> str:
    """Daily pain (solid) and stiffness (dashed) as an inline SVG line chart, no script."""
    width, height = 720.0, 250.0
    left, right, top, bottom = 34.0, 12.0, 30.0, 34.0
    plot_width, plot_height = width - left - right, height - top - bottom
    step = plot_width / max(1, len(days))

    def x(index: int) -> float:
        return left + (index + 0.5) * step

    def y(score: int) -> float:
        return top + (10 - score) / 10 * plot_height

    shapes: list[str] = [
        f'<rect x="{left}" y="{top}" width="{plot_width}" height="{plot_height}" '
        'fill="#fafafa" stroke="#999" stroke-width="0.8"/>'
    ]
    for score in range(0, 11, 2):
        shapes.append(
            f'<line x1="{left}" y1="{y(score):.1f}" x2="{width - right}" y2="{y(score):.1f}" '
            'stroke="#ddd" stroke-width="0.8"/>'
        )
        shapes.append(
            f'<text x="{left - 6}" y="{y(score) + 3.5:.1f}" text-anchor="end">{score}</text>'
        )
    every = max(1, round(len(days) / 8 / 7)) * 7
    for index, report_day in enumerate(days):
        if index % every == 0:
            shapes.append(
                f'<line x1="{x(index):.1f}" y1="{top + plot_height}" x2="{x(index):.1f}" '
                f'y2="{top + plot_height + 4}" stroke="#666"/>'
                f'<text x="{x(index):.1f}" y="{top + plot_height + 16}" text-anchor="middle">'
                f"{report_day.day.day} {_MONTHS[report_day.day.month - 1]}</text>"
            )
    markers = len(days) <= 62
    for name, values, style in (
        ("stiffness", [day.stiffness for day in days], 'stroke="#1f4e99" stroke-dasharray="6 3"'),
        ("pain", [day.pain for day in days], 'stroke="#a3121f"'),
    ):
        shapes += _series(name, values, style, x, y, markers)
    for index, report_day in enumerate(days):
        if report_day.signs:
            urgent = any(SIGN_BY_KEY[key].level == URGENT for key in report_day.signs)
            cx = x(index)
            shapes.append(
                f'<path class="sign-mark" d="M{cx - 5:.1f},{top - 12} L{cx + 5:.1f},{top - 12} '
                f'L{cx:.1f},{top - 3} Z" fill="{"#222" if urgent else "#fff"}" stroke="#222"/>'
            )
    legend = (
        f'<g transform="translate({left},12)">'
        '<line x1="0" y1="0" x2="24" y2="0" stroke="#a3121f" stroke-width="2.2"/>'
        '<text x="30" y="4">pain</text>'
        '<line x1="80" y1="0" x2="104" y2="0" stroke="#1f4e99" stroke-width="2.2" '
        'stroke-dasharray="6 3"/><text x="110" y="4">stiffness</text></g>'
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label="Daily pain and stiffness, 0 to 10" font-size="11" '
        'font-family="Helvetica, Arial, sans-serif" fill="#222">'
        "<title>Daily pain and stiffness</title>" + legend + "".join(shapes) + "</svg>"
    )


def _series(
    name: str,
    values: Sequence[int | None],
    style: str,
    x: Callable[[int], float],
    y: Callable[[int], float],
    markers: bool,
) -> list[str]:
    """A line through the logged days, broken where more than ``CHART_MAX_GAP`` days in a row
    were not logged, and a marker on each logged day (on a long period, on lone days only)."""
    logged = [(index, value) for index, value in enumerate(values) if value is not None]
    runs: list[list[tuple[int, int]]] = []
    for index, value in logged:
        if runs and index - runs[-1][-1][0] - 1 <= CHART_MAX_GAP:
            runs[-1].append((index, value))
        else:
            runs.append([(index, value)])
    width = 2.2 if markers else 1.3
    shapes = [
        f'<polyline class="{name}" points="{" ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in run)}" '
        f'fill="none" {style} stroke-width="{width}" stroke-linejoin="round"/>'
        for run in runs
        if len(run) > 1
    ]
    colour = "#a3121f" if name == "pain" else "#1f4e99"
    for run in runs:
        if not markers and len(run) > 1:
            continue
        for index, value in run:
            if name == "pain":
                shapes.append(
                    f'<circle cx="{x(index):.1f}" cy="{y(value):.1f}" r="2.8" fill="{colour}"/>'
                )
            else:
                shapes.append(
                    f'<rect x="{x(index) - 2.6:.1f}" y="{y(value) - 2.6:.1f}" width="5.2" '
                    f'height="5.2" fill="#fff" stroke="{colour}" stroke-width="1.4"/>'
                )
    return shapes


def _signs_html(report: ClinicianReport) -> str:
    if not report.signs:
        body = f"<p>{_h(NO_SIGNS)}</p>"
    else:
        rows = "".join(
            f'<tr class="{"urgent" if logged.sign.level == URGENT else "sign"}">'
            f'<td class="date">{_h(_day_cell(logged.day))}</td>'
            f"<td>{_sign_level(logged.sign)}</td>"
            f"<td>{_h(logged.sign.noticed)}</td></tr>"
            for logged in report.signs
        )
        body = (
            '<table><colgroup><col style="width:20%"><col style="width:14%"><col></colgroup>'
            "<thead><tr><th>Date</th><th>Sign</th><th>Answered yes to</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return f'<section id="signs"><h2>Warning and urgent signs logged</h2>{body}</section>'


def _prompts_html(report: ClinicianReport) -> str:
    intro = f"<p>{_h(PROMPTS_INTRO)}</p>"
    if not report.prompts:
        body = f"<p>{_h(NO_PROMPTS)}</p>"
    else:
        rows = "".join(
            "<tr>"
            f"<td>{_h(_prompt_words(prompt))}</td>"
            f"<td>{_h(LEVEL_WORDS[prompt.level])}</td>"
            f"<td>{_active_html(prompt)}</td>"
            f"<td>{_h(_answer_words(prompt))}</td></tr>"
            for prompt in report.prompts
        )
        body = (
            '<table><colgroup><col style="width:40%"><col style="width:16%">'
            '<col style="width:20%"><col style="width:24%"></colgroup>'
            "<thead><tr><th>What was noticed</th><th>Advice</th><th>Rule met</th>"
            f"<th>Answer</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return f'<section id="prompts"><h2>Referral prompts</h2>{intro}{body}</section>'


def _daily_html(report: ClinicianReport) -> str:
    rows = []
    for day in report.days:
        css = ""
        if day.signs:
            urgent = any(SIGN_BY_KEY[key].level == URGENT for key in day.signs)
            css = ' class="urgent"' if urgent else ' class="sign"'
        if day.entries:
            notes = [f"<bdi>{_h(note)}</bdi>" for note in day.notes]
            if day.signs:
                notes.insert(0, _h(_signs_words(day)))
            said = "<br>".join(notes)
        else:
            said = '<span class="quiet">nothing logged</span>'
        rows.append(
            f'<tr{css}><td class="date">{_h(_day_cell(day.day))}</td>'
            f"<td>{_h(_status_words(day))}</td>"
            f'<td class="num">{_score(day.pain)}</td><td class="num">{_score(day.stiffness)}</td>'
            f'<td class="num">{_minutes(day)}</td><td>{_h(_places(day.where))}</td>'
            f"<td>{said}</td></tr>"
        )
    return (
        '<section id="daily" class="daily"><h2>Day by day</h2>'
        f"<p>{_h(DAILY_INTRO)}</p>"
        '<table><colgroup><col style="width:15.5%"><col style="width:13%"><col style="width:6%">'
        '<col style="width:9%"><col style="width:10%"><col style="width:16%"><col></colgroup>'
        '<thead><tr><th>Date</th><th>Routine</th><th class="num">Pain</th>'
        '<th class="num">Stiffness</th><th class="num">Morning stiffness</th><th>Where</th>'
        f"<th>Signs and notes</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


def _signs_words(day: ReportDay) -> str:
    return "Yes to: " + "; ".join(SIGN_BY_KEY[key].noticed for key in day.signs) + "."


def _minutes(day: ReportDay) -> str:
    return "" if day.minutes is None else f"{day.minutes} min"


# Markdown

_BARS = "▁▂▃▄▅▆▇█"
_MARKDOWN_SPECIAL = str.maketrans(
    {char: f"\\{char}" for char in "\\`*_[]<>|#"} | {"\n": " ", "\r": " ", "\t": " "}
)


def report_markdown(report: ClinicianReport) -> str:
    """The report as Markdown, the chart drawn as text."""
    lines = [
        f"# {TITLE}",
        "",
        f"A summary for a clinician. {_made_words(report)}",
        "",
        f"> {OWN_LOG}",
        "",
        "## Period",
        "",
        _period_words(report),
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
            f"| {_day_cell(logged.day)} | {_sign_level(logged.sign)} | {_md(logged.sign.noticed)} |"
            for logged in report.signs
        ]
    else:
        lines.append(NO_SIGNS)
    lines += ["", "## Referral prompts", "", PROMPTS_INTRO, ""]
    if report.prompts:
        lines += ["| What was noticed | Advice | Rule met | Answer |", "|---|---|---|---|"]
        lines += [
            f"| {_md(_prompt_words(prompt))} | {LEVEL_WORDS[prompt.level]} | "
            f"{_active_words(prompt)} | {_answer_words(prompt)} |"
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
            f"{_exercise_share(exercise)} |"
            for exercise in report.exercises
        ),
        "",
        _done_words(report),
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
                notes.insert(0, _signs_words(day))
            said = " · ".join(notes)
        else:
            said = "*nothing logged*"
        lines.append(
            f"| {_day_cell(day.day)} | {_status_words(day)} | {_score(day.pain)} | "
            f"{_score(day.stiffness)} | {_minutes(day)} | {_places(day.where)} | {said} |"
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
