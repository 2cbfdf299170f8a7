"""The report as one self-contained HTML page: inline CSS laid out to print on A4 and Letter,
the SVG chart, no script, nothing fetched."""

from __future__ import annotations

import html

from psoas_tui.core.report.model import ClinicianReport, PromptSeen
from psoas_tui.core.report.svg import CHART_MAX_GAP, chart_svg
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
from psoas_tui.core.signs import Level, statement

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
.in-force { border: 1.5pt solid #a3121f; padding: 5pt 7pt; background: #fde2e2; }
ul { margin: 4pt 0; padding-left: 16pt; }
figure { margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #333; }
.daily { font-size: 9pt; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.date { overflow-wrap: normal; }
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
        f'<p class="lead">A summary for a clinician. {_h(made_words(report))}</p>',
        f'<p class="own-log" id="own-log">{_h(OWN_LOG)}</p>',
        "</header>",
        '<section id="period"><h2>Period</h2>',
        f"<p>{_h(period_words(report))}</p>",
        f"<p>Symptoms were logged on {report.logged_days} of these days. {_h(SCALE)}</p>",
        "</section>",
        _about_you_html(report),
        _noticed_html(report),
        _chart_html(report),
        _signs_html(report),
        _asked_html(report),
        _prompts_html(report),
        _routine_html(report),
        _daily_html(report),
        f"<footer><p>{_h(OWN_LOG)}</p><p>{_h(made_words(report))}</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _h(text: str) -> str:
    return html.escape(text, quote=True)


def _row_class(level: Level | None) -> str:
    # Same day and emergency share the stronger shade: both say "today".
    if level is None:
        return ""
    return ' class="sign"' if level is Level.soon else ' class="urgent"'


def _about_you_html(report: ClinicianReport) -> str:
    if report.about_you is None:
        return ""
    lines = "".join(f"<li>{_h(line)}</li>" for line in about_you_words(report))
    return (
        '<section id="about-you" class="keep"><h2>About the person, in their own words</h2>'
        f"<p>{_h(ABOUT_YOU_INTRO)}</p><ul>{lines}</ul></section>"
    )


def _noticed_html(report: ClinicianReport) -> str:
    lead = f'<p class="in-force">{_h(report.lead)}</p>' if report.lead else ""
    items = report.noticed or (NOTHING_NOTICED,)
    lines = "".join(f"<li>{_h(sentence)}</li>" for sentence in items)
    return (
        '<section id="noticed"><h2>What the app notices today</h2>'
        f"{lead}<p>{_h(NOTICED_INTRO)}</p><ul>{lines}</ul></section>"
    )


def _routine_html(report: ClinicianReport) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{_h(exercise.name)}</td><td>{_h(exercise.dose)}</td>"
        f"<td>{_h(exercise.schedule)}</td><td>{_h(exercise_share(exercise))}</td>"
        "</tr>"
        for exercise in report.exercises
    )
    return (
        '<section id="routine"><h2>The routine and how often it was done</h2>'
        '<table><colgroup><col style="width:34%"><col style="width:24%">'
        '<col style="width:18%"><col style="width:24%"></colgroup>'
        "<thead><tr><th>Exercise</th><th>Dose</th><th>Schedule</th><th>Done</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
        f"<p>{_h(done_words(report))}</p>"
        + "".join(f'<p class="pause">{_h(line)}</p>' for line in pause_lines(report))
        + f"{_consistency_html(report)}</section>"
    )


def _consistency_html(report: ClinicianReport) -> str:
    words = consistency_words(report)
    return f'<p id="consistency">{_h(words)}</p>' if words else ""


def _chart_html(report: ClinicianReport) -> str:
    return (
        '<section id="chart" class="keep"><h2>Pain and stiffness over the period</h2>'
        f"<figure>{chart_svg(report.days)}"
        "<figcaption>The highest score logged each day, from 0 (none) to 10 (worst "
        f"imaginable). A line breaks where more than {CHART_MAX_GAP} days in a row were not "
        "logged; a triangle at the top marks a day with a sign answered yes: outlined at the soon "
        "level, filled at the same-day or emergency level.</figcaption></figure></section>"
    )


def _active_html(prompt: PromptSeen) -> str:
    first = f'<span class="date">{prompt.first.isoformat()}</span>'
    if prompt.first == prompt.last:
        return f"on {first}"
    return f'{first} to <span class="date">{prompt.last.isoformat()}</span>'


def _signs_html(report: ClinicianReport) -> str:
    if not report.signs:
        body = f"<p>{_h(NO_SIGNS)}</p>"
    else:
        rows = "".join(
            f"<tr{_row_class(logged.level)}>"
            f'<td class="date">{_h(day_cell(logged.day))}</td>'
            f"<td>{_h(level_words(logged.level))}</td>"
            f"<td>{_h(statement(logged.sign))}</td></tr>"
            for logged in report.signs
        )
        body = (
            '<table><colgroup><col style="width:20%"><col style="width:24%"><col></colgroup>'
            "<thead><tr><th>Date</th><th>Level</th><th>Answered yes to</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return f'<section id="signs"><h2>Signs answered yes</h2>{body}</section>'


def _asked_html(report: ClinicianReport) -> str:
    if not report.logged_days:
        body = f"<p>{_h(NO_ENTRIES)}</p>"
    else:
        heads = "".join(f'<th class="num">{_h(words.capitalize())}</th>' for words in ASKED_COLUMNS)
        rows = "".join(
            f"<tr><td>{_h(sign_words(asked))}</td>"
            + "".join(f'<td class="num">{count}</td>' for count in asked_counts(asked))
            + "</tr>"
            for asked in report.asked
        )
        body = (
            '<table><colgroup><col><col style="width:10%"><col style="width:10%">'
            '<col style="width:12%"><col style="width:14%"></colgroup>'
            f"<thead><tr><th>Sign question</th>{heads}</tr></thead><tbody>{rows}</tbody></table>"
        )
    return (
        f'<section id="asked"><h2>Sign questions asked</h2><p>{_h(ASKED_INTRO)}</p>{body}</section>'
    )


def _prompts_html(report: ClinicianReport) -> str:
    intro = f"<p>{_h(PROMPTS_INTRO)}</p>"
    if not report.prompts:
        body = f"<p>{_h(NO_PROMPTS)}</p>"
    else:
        rows = "".join(
            f"<tr{_row_class(prompt.level)}>"
            f"<td>{_h(prompt.sentence)}</td>"
            f"<td>{_active_html(prompt)}</td>"
            f"<td>{_h(answer_words(prompt))}</td></tr>"
            for prompt in report.prompts
        )
        body = (
            '<table><colgroup><col style="width:56%"><col style="width:18%">'
            '<col style="width:26%"></colgroup>'
            "<thead><tr><th>Rule met</th><th>Days met</th>"
            f"<th>Answers</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    return f'<section id="prompts"><h2>Referral prompts</h2>{intro}{body}</section>'


def _daily_html(report: ClinicianReport) -> str:
    rows = []
    for day in report.days:
        css = _row_class(day.level)
        if day.entries:
            notes = [f"<bdi>{_h(note)}</bdi>" for note in day.notes]
            if day.signs:
                notes.insert(0, _h(signs_words(day)))
            said = "<br>".join(notes)
        else:
            said = '<span class="quiet">nothing logged</span>'
        rows.append(
            f'<tr{css}><td class="date">{_h(day_cell(day.day))}</td>'
            f"<td>{_h(status_words(day))}</td>"
            f'<td class="num">{score_text(day.pain)}</td>'
            f'<td class="num">{score_text(day.stiffness)}</td>'
            f'<td class="num">{minutes_text(day)}</td><td>{_h(places_words(day.where))}</td>'
            f"<td>{said}</td></tr>"
        )
    return (
        '<section id="daily" class="daily"><h2>Day by day</h2>'
        f"<p>{_h(DAILY_INTRO)}</p>"
        '<table><colgroup><col style="width:18%"><col style="width:11%"><col style="width:7%">'
        '<col style="width:12.5%"><col style="width:11.5%"><col style="width:15%"><col></colgroup>'
        '<thead><tr><th>Date</th><th>Routine</th><th class="num">Pain</th>'
        '<th class="num">Stiffness</th><th class="num">Morning stiffness</th><th>Where</th>'
        f"<th>Signs and notes</th></tr></thead><tbody>{''.join(rows)}</tbody></table></section>"
    )
