"""The summary for a clinician: what the person logged over a few weeks, as HTML or Markdown.

``build_report`` gathers the figures (``build``) into plain data (``model``); ``report_html``
(``html``, with the chart from ``svg``) and ``report_markdown`` (``markdown``) lay them out in
the wording both share (``words``). The report states what was logged and each referral rule met,
in ``core.prompt``'s words and the third person; it never guesses at a cause, and shows the
person's "about you" answers only when they choose to include them.
"""

from psoas_tui.core.report.build import MAX_WEEKS, REPORT_WEEKS, build_report, report_file_name
from psoas_tui.core.report.html import report_html
from psoas_tui.core.report.markdown import report_markdown
from psoas_tui.core.report.model import (
    ClinicianReport,
    ExerciseDone,
    PromptSeen,
    ReportDay,
    SignAsked,
    SignLogged,
)
from psoas_tui.core.report.svg import CHART_MAX_GAP, chart_svg
from psoas_tui.core.report.words import (
    ABOUT_YOU_INTRO,
    ANSWER_WORDS,
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
    STATUS_WORDS,
    TITLE,
    schedule_words,
)

__all__ = [
    "ABOUT_YOU_INTRO",
    "ANSWER_WORDS",
    "ASKED_INTRO",
    "CHART_MAX_GAP",
    "DAILY_INTRO",
    "MAX_WEEKS",
    "NOTHING_NOTICED",
    "NOTICED_INTRO",
    "NO_ENTRIES",
    "NO_PROMPTS",
    "NO_SIGNS",
    "OWN_LOG",
    "PROMPTS_INTRO",
    "REPORT_WEEKS",
    "SCALE",
    "STATUS_WORDS",
    "TITLE",
    "ClinicianReport",
    "ExerciseDone",
    "PromptSeen",
    "ReportDay",
    "SignAsked",
    "SignLogged",
    "build_report",
    "chart_svg",
    "report_file_name",
    "report_html",
    "report_markdown",
    "schedule_words",
]
