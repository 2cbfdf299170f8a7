"""Every word the user (or their clinician) reads about referral, in one place.

The modal, the Today banner, ``psoas status`` (long and ``--short``), ``psoas log``, the hold
timer's question, "Earlier you logged" and the clinician report all take their words from here, so
that the highest level in force reads the same everywhere. The app never diagnoses: the words say
what was logged, with dates and numbers, what to do and how soon, and that the app cannot tell
what is causing it. No diagnosis names, no alarm, no jokes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from psoas_tui.core.dates import format_day, long_day
from psoas_tui.core.model import Answer, SymptomEntry
from psoas_tui.core.referral import ActiveRule, Rule, in_force, ordered, to_show, top_level
from psoas_tui.core.signs import (
    SIGN_BY_KEY,
    Level,
    SignAnswer,
    SignKey,
    sign_answer,
    statement,
    statements,
)
from psoas_tui.core.symptoms import SEVERE_FROM

HEADLINES: dict[Level, str] = {
    Level.emergency: "Please get emergency care now",
    Level.same_day: "Please contact a doctor today",
    Level.soon: "Time to have this checked",
}
EMERGENCY_ADVICE = (
    "Go to an emergency department now or call your local emergency number (for example 999 in "
    "the UK, 112 in the EU, 911 in North America). Tell them what you answered yes to. Do not wait "
    "to see whether it passes. Stop the exercises."
)
SAME_DAY_ADVICE = (
    "Ask for an urgent appointment with a doctor today, or call your local urgent health line "
    "(111 in England). If you cannot reach one today, go to an urgent care centre or emergency "
    "department. Stop the exercises until you have been checked."
)
#: Soon, for persistent pain alone.
SOON_WEEK_ADVICE = (
    "See a physical therapist, a doctor or a chiropractor within about a week. Meanwhile skip any "
    "stretch that makes it worse and keep gently active."
)
#: Soon, for a sign, severe pain or a minor fall: the shorter time frame, shown when both apply.
SOON_DAYS_ADVICE = (
    "See a physical therapist, a doctor or a chiropractor within the next few days. Meanwhile "
    "skip any stretch that makes it worse and keep gently active."
)
SIX_WEEKS_ADVICE = (
    "Your pain has now lasted six weeks. Please see a doctor about it within about a week, even "
    "if you have already seen a physical therapist or chiropractor."
)
CANCER_PAIN_ADVICE = (
    "Because you have had cancer, new or lasting back or hip pain should be checked by a doctor "
    "within a day. Tell them about your cancer."
)
CANCER_TELL = "Tell them you have had cancer."
SAFETY_NET_WORSE = (
    "If it gets much worse, contact a doctor today or call your local urgent health line (111 in "
    "England)."
)
SAFETY_NET_EMERGENCY = (
    "Get emergency care now if you notice numbness or tingling around your genitals or bottom "
    "(anus), trouble peeing or controlling your bladder or bowels, or pain, tingling, numbness or "
    "weakness in both legs."
)
SAFETY_NETS: dict[Level, tuple[str, ...]] = {
    Level.soon: (SAFETY_NET_WORSE, SAFETY_NET_EMERGENCY),
    Level.same_day: (SAFETY_NET_EMERGENCY,),
    Level.emergency: (),
}
CANNOT_TELL = "The app only sees what you logged; it cannot tell what is causing this."
NOTICED_TITLE = "What the app noticed:"

#: ``psoas status --short``: the highest level among active, unanswered rules.
SHORT_WORDS: dict[Level, str] = {
    Level.emergency: "get care now",
    Level.same_day: "see a doctor today",
    Level.soon: "get checked",
}
#: The last line of ``psoas log`` and ``psoas status`` for a same-day or emergency rule: the
#: person should go, not stop to answer.
CLI_TAIL_URGENT = "Later, `psoas report` writes a summary you can show them."
CLI_TAIL_SOON = (
    "To answer, open the app (psoas); `psoas report` writes a summary for your clinician."
)
#: The short advice the banner adds while a rule is in force.
BANNER_ADVICE: dict[Level, str] = {
    Level.emergency: "Go to an emergency department now or call your local emergency number.",
    Level.same_day: "Contact a doctor today.",
}

ACKNOWLEDGE = "I've arranged to see someone"
SNOOZE = "Remind me tomorrow"
SUMMARY = "Summary for my clinician"
GETTING_HELP = "I'm getting help now"
CHECKED = "I've been checked or advised about this"
MISTAKE = "I answered yes by mistake"
EARLIER_CHECKED = "Yes, I was checked"
EARLIER_NOT_YET = "Not yet"
START_ANYWAY = "Start anyway"
DONT_START = "No"
TIMER_ADVICE = "The app suggests getting medical care before these exercises. Start anyway?"


@dataclass(frozen=True, slots=True)
class Choice:
    """One button: its label and the answer it stores (``None``: it stores nothing).

    "Summary for my clinician" writes the report and says where; "I answered yes by mistake"
    opens the entry to edit; "No" on the timer does not start it.
    """

    label: str
    answer: Answer | None


SOON_CHOICES: tuple[Choice, ...] = (
    Choice(ACKNOWLEDGE, Answer.acknowledged),
    Choice(SNOOZE, Answer.snoozed),
    Choice(SUMMARY, None),
)
URGENT_CHOICES: tuple[Choice, ...] = (
    Choice(GETTING_HELP, Answer.getting_help),
    Choice(CHECKED, Answer.checked),
    Choice(MISTAKE, Answer.mistake),
    Choice(SUMMARY, None),
)
EARLIER_CHOICES: tuple[Choice, ...] = (
    Choice(EARLIER_CHECKED, Answer.checked),
    Choice(EARLIER_NOT_YET, Answer.not_yet),
    Choice(SUMMARY, None),
)
#: No button has focus when a referral modal opens: Enter alone answers nothing.
MODAL_FOCUS: Choice | None = None
#: The timer's question; the default is the last one, "No".
TIMER_CHOICES: tuple[Choice, ...] = (
    Choice(START_ANYWAY, Answer.start_anyway),
    Choice(DONT_START, None),
)
TIMER_DEFAULT = DONT_START


@dataclass(frozen=True, slots=True)
class Prompt:
    """What a referral prompt says and offers, for the modal and the command line.

    ``rules`` are the rules shown: an answer applies to every one of them. No choice has focus
    when the modal opens, so Enter alone answers nothing.
    """

    level: Level
    headline: str
    noticed: tuple[str, ...]
    what_to_do: tuple[str, ...]
    cannot_tell: str
    safety_net: tuple[str, ...]
    choices: tuple[Choice, ...]
    rules: tuple[ActiveRule, ...]

    @property
    def snooze_offered(self) -> bool:
        """Whether "Remind me tomorrow" is offered: only when every rule shown is soon."""
        return any(choice.answer is Answer.snoozed for choice in self.choices)

    def text(self, tail: str = "") -> str:
        """The prompt as plain lines, for a terminal; ``tail`` goes just before the safety net."""
        lines = [self.headline, "", NOTICED_TITLE]
        lines += [f"  - {line}" for line in self.noticed]
        lines += ["", *self.what_to_do, self.cannot_tell]
        if tail:
            lines += ["", tail]
        if self.safety_net:
            lines += ["", *self.safety_net]
        return "\n".join(lines)


def prompt_for(rules: Iterable[ActiveRule], *, everything: bool = False) -> Prompt | None:
    """The prompt for the active ``rules``, or ``None`` when it has nothing to show.

    It shows every pending rule and every rule in force (with ``everything``, as when the user
    opens it from the banner, every active rule), and speaks at the highest level among them, so
    a rule in force is never replaced by a lower one.
    """
    rules = tuple(rules)
    shown = tuple(ordered(rules) if everything else to_show(rules))
    if not shown:
        return None
    level = max((rule.level for rule in shown), key=lambda found: found.rank)
    choices = SOON_CHOICES if level is Level.soon else URGENT_CHOICES
    if not any(rule.entry_id for rule in shown):
        choices = tuple(choice for choice in choices if choice.answer is not Answer.mistake)
    return Prompt(
        level=level,
        headline=HEADLINES[level],
        noticed=_unique(line for rule in shown for line in noticed(rule)),
        what_to_do=_what_to_do(level, shown),
        cannot_tell=CANNOT_TELL,
        safety_net=SAFETY_NETS[level],
        choices=choices,
        rules=shown,
    )


def not_yet_advice(rule: ActiveRule) -> tuple[str, ...]:
    """What "Not yet" shows once: the rule's level's headline, what to do and safety net."""
    level = rule.level
    return (HEADLINES[level], *_what_to_do(level, (rule,)), *SAFETY_NETS[level])


def _what_to_do(level: Level, shown: Sequence[ActiveRule]) -> tuple[str, ...]:
    names = {rule.rule for rule in shown if rule.level is level}
    if level is Level.emergency:
        tell = f" {CANCER_TELL}" if Rule.cancer_nerve_sign in names else ""
        return (EMERGENCY_ADVICE + tell,)
    if level is Level.same_day:
        extra = (CANCER_PAIN_ADVICE,) if Rule.cancer_pain in names else ()
        return (*extra, SAME_DAY_ADVICE)
    episodes = {Rule.persistent_pain, Rule.long_persistent_pain}
    extra = (SIX_WEEKS_ADVICE,) if Rule.long_persistent_pain in names else ()
    if names <= episodes:
        return (*extra, SOON_WEEK_ADVICE)
    return (*extra, SOON_DAYS_ADVICE)


def noticed(rule: ActiveRule) -> tuple[str, ...]:
    """What the app noticed for ``rule``, in the second person, with dates and numbers."""
    if rule.rule in (Rule.persistent_pain, Rule.long_persistent_pain, Rule.cancer_long_pain):
        lines = _episode_lines(rule)
        if rule.rule is Rule.cancer_long_pain:
            lines = ("Your pain has now lasted six weeks.", *lines, _SAID_CANCER)
        return lines
    if rule.rule is Rule.severe_pain:
        return (
            f"Your daily pain was {SEVERE_FROM} or more on {rule.logged_days} logged days in a "
            f"row, from {format_day(rule.first_day)} to {format_day(rule.last_day)} "
            f"(highest {rule.high} out of 10).",
        )
    if rule.rule is Rule.cancer_pain:
        return (f"You logged pain on {format_day(rule.day)}.", _SAID_CANCER)
    words = statement(_sign(rule))
    if rule.rule is Rule.lasting_sign:
        return (f"You have answered yes to {words} for six weeks.",)
    if rule.rule is Rule.emergency_sign_then_no:
        return (
            f"You answered yes to {words} on {format_day(rule.day)}. If you have not had it "
            "checked, please contact a doctor today. If it comes back, get emergency care now.",
        )
    line = f"On {_days_words(rule.yes_days)} you answered yes to: {words}."
    if rule.rule is Rule.cancer_nerve_sign:
        return (line, _SAID_CANCER)
    return (line,)


_SAID_CANCER = "You have said you have had cancer."


def _episode_lines(rule: ActiveRule) -> tuple[str, ...]:
    between = f"from {format_day(rule.first_day)} to {format_day(rule.last_day)}"
    if rule.logged_days == rule.dates:
        logged = f"You logged pain on all {rule.dates} days {between}, and no pain-free day."
    else:
        unlogged = rule.dates - rule.logged_days
        logged = (
            f"You logged pain on {rule.logged_days} of the {rule.dates} days {between} "
            f"({unlogged} not logged), and no pain-free day."
        )
    lines = [logged]
    if rule.low is not None and rule.high is not None:
        if rule.low == rule.high:
            each = "each day you logged a score" if rule.unscored_days else "each day you logged"
            lines.append(f"Your daily pain was {rule.high} out of 10 {each}.")
        else:
            lines.append(f"Your daily pain was between {rule.low} and {rule.high} out of 10.")
    if rule.unscored_days:
        days = "day" if rule.unscored_days == 1 else "days"
        lines.append(
            f"On {rule.unscored_days} {days} you pressed “this hurts” during a stretch "
            "without giving a score."
        )
    if rule.routine_days is not None:
        lines.append(
            f"You did some or all of your routine on {rule.routine_days} of these "
            f"{rule.dates} days."
        )
    return tuple(lines)


def _days_words(days: Sequence[date]) -> str:
    if len(days) == 1:
        return format_day(days[0])
    if len(days) == 2:
        return f"{format_day(days[0])} and {format_day(days[1])}"
    return f"{len(days)} days from {format_day(days[0])} to {format_day(days[-1])}"


def logged_what(rule: ActiveRule) -> tuple[str, date]:
    """What was logged and the day it is named by, for "You logged …" and "Earlier you logged …"."""
    if rule.sign is not None:
        return statement(rule.sign), rule.day
    if rule.rule is Rule.cancer_pain:
        return "pain", rule.day
    if rule.rule is Rule.severe_pain:
        return f"pain of {SEVERE_FROM} or more out of 10 on {rule.logged_days} days", rule.day
    if rule.rule is Rule.persistent_pain:
        return f"pain that had lasted {rule.dates} days", rule.day
    return "pain that had lasted six weeks", rule.day


def _logged_sentence(lead: str, rule: ActiveRule) -> str:
    what, day = logged_what(rule)
    if rule.rule is Rule.cancer_pain:
        return f"{lead} {what} on {format_day(day)} and said you have had cancer."
    return f"{lead} {what} on {format_day(day)}."


def timer_text(rule: ActiveRule) -> str:
    """The hold timer's question before it starts while ``rule`` is in force ("No" by default)."""
    return f"{_logged_sentence('You logged', rule)} {TIMER_ADVICE}"


def earlier_text(rule: ActiveRule) -> str:
    """The one mention of a rule that stopped being active before it was answered."""
    return f"{_logged_sentence('Earlier you logged', rule)} Did you get it checked?"


def banner_text(rules: Sequence[ActiveRule]) -> str:
    """One line for the Today screen while any rule is active; empty when none is.

    It opens with the highest level's headline (in force, else pending, else the highest active)
    so that a cut at the screen's edge never loses it.
    """
    if not rules:
        return ""
    level = top_level(rules) or max((rule.level for rule in rules), key=lambda lv: lv.rank)
    named = _latest(rule for rule in rules if rule.level is level)
    text = f"{HEADLINES[level]}: {_summary(named)}"
    if len(rules) > 1:
        text += f" (and {len(rules) - 1} more)"
    if all(rule.answered for rule in rules):
        arranged = all(rule.answered_by is Answer.acknowledged for rule in rules)
        text += (
            "; you have arranged to see someone"
            if arranged
            else "; you have said you were checked or advised"
        )
    text += "."
    if level in BANNER_ADVICE and in_force(rules):
        text += f" {BANNER_ADVICE[level]}"
    return text


def _summary(rule: ActiveRule) -> str:
    if rule.rule in (Rule.persistent_pain, Rule.long_persistent_pain, Rule.cancer_long_pain):
        since = format_day(rule.first_day)
        if rule.rule is Rule.persistent_pain:
            return f"pain logged on {rule.logged_days} days since {since}"
        return f"pain for six weeks, since {since}"
    if rule.rule is Rule.severe_pain:
        return f"pain of {SEVERE_FROM} or more on {rule.logged_days} logged days in a row"
    if rule.rule is Rule.lasting_sign:
        return f"yes to {statement(_sign(rule))} for six weeks"
    what, day = logged_what(rule)
    if rule.rule is Rule.cancer_pain:
        return f"pain on {format_day(day)}, and you have said you have had cancer"
    if rule.rule is Rule.emergency_sign_then_no:
        return f"you answered yes to {what} on {format_day(day)}"
    return f"you logged {what} on {format_day(day)}"


def short_words(rules: Iterable[ActiveRule]) -> str:
    """``psoas status --short``: the highest level's words, or nothing when none is unanswered."""
    level = top_level(rules)
    return "" if level is None else SHORT_WORDS[level]


def cli_text(rules: Sequence[ActiveRule]) -> str:
    """What ``psoas log`` and ``psoas status`` print about referral; empty when nothing is due.

    Same day and emergency end with the ``psoas report`` line, never "open the app to answer":
    the person should go, not stop to answer. Soon keeps its safety net last.
    """
    prompt = prompt_for(rules)
    if prompt is None:
        return banner_text(rules)
    if prompt.level is Level.soon:
        return prompt.text(CLI_TAIL_SOON)
    return f"{prompt.text()}\n\n{CLI_TAIL_URGENT}"


#: What a reminder adds while a soon prompt is unanswered: it asks, and the app answers.
REMIND_BOOKED = f"{HEADLINES[Level.soon]}: have you booked someone?"


def remind_advice(rules: Sequence[ActiveRule]) -> tuple[str, tuple[str, ...]] | None:
    """What a reminder says instead of "time to stretch" while a same-day or emergency rule is in
    force: that level's headline, then its advice and safety net as every prompt gives them.
    ``None`` while no rule is in force."""
    prompt = prompt_for(rules)
    if prompt is None or not in_force(rules):
        return None
    return prompt.headline, (*prompt.what_to_do, *prompt.safety_net)


def remind_booked(rules: Iterable[ActiveRule]) -> str:
    """``REMIND_BOOKED`` while a soon rule is pending (neither arranged nor snoozed), else
    nothing."""
    pending_soon = any(rule.level is Level.soon and rule.pending for rule in rules)
    return REMIND_BOOKED if pending_soon else ""


def no_signs_text(keys: Iterable[str]) -> str:
    """What ``psoas log --no-signs`` prints: the questions it recorded as asked and answered no."""
    words = statements(keys)
    return "Recorded as no: " + "; ".join(words) + "." if words else ""


def summary_written(where: str) -> str:
    """What "Summary for my clinician" says once it has written the report to ``where``."""
    return f"The summary for your clinician is in {where}. You can show it or print it."


#: ``psoas log`` ends with this at most once a day when it printed no prompt.
LOG_SAFETY_LINE = SAFETY_NET_EMERGENCY


# The clinician report: third person.

LEVEL_WORDS: dict[Level, str] = {
    Level.emergency: "emergency level in the app",
    Level.same_day: "same-day level in the app",
    Level.soon: "soon level in the app",
}
#: How the report says what an entry answered to a sign question.
SIGN_ANSWER_WORDS: dict[SignAnswer, str] = {
    SignAnswer.yes: "yes",
    SignAnswer.no: "no",
    SignAnswer.not_asked: "not asked",
    SignAnswer.unknown: "not recorded",
}


def sign_answer_words(entry: SymptomEntry, key: SignKey) -> str:
    """``yes``, ``no``, ``not asked`` or ``not recorded``: what ``entry`` answered to ``key``."""
    return SIGN_ANSWER_WORDS[sign_answer(entry, key)]


def report_lead(rules: Sequence[ActiveRule]) -> str:
    """The report's first referral line while a rule is in force: its headline and advice."""
    forced = in_force(rules)
    if not forced:
        return ""
    level = max((rule.level for rule in forced), key=lambda found: found.rank)
    what = EMERGENCY_ADVICE if level is Level.emergency else SAME_DAY_ADVICE
    return (
        f"When this report was written the app was telling the person: “{HEADLINES[level]}. {what}”"
    )


def report_sentence(rule: ActiveRule, *, include_profile: bool = False) -> str:
    """One rule as the report states it, in the third person, with its level and its answer.

    ``include_profile`` is the user's choice to show "about you" answers in the report; without
    it a rule that rests on one says so without naming it.
    """
    level = LEVEL_WORDS[rule.level]
    ending = _report_answer(rule)
    first, last = long_day(rule.first_day), long_day(rule.last_day)
    if rule.rule in (Rule.persistent_pain, Rule.long_persistent_pain, Rule.cancer_long_pain):
        lasted = "43 or more" if rule.rule is not Rule.persistent_pain else "8 or more"
        said = (
            f"From {first} to {last} ({rule.dates} calendar dates) the person logged pain on "
            f"each of the {rule.logged_days} days they logged, with no pain-free day and no "
            f"more than 3 days in a row unlogged: pain across {lasted} calendar dates, the "
            "latest at most 2 days before the app checked"
        )
        return f"{said}{_profile_words(rule, include_profile)} ({level}); {ending}."
    if rule.rule is Rule.severe_pain:
        return (
            f"From {first} to {last} the person logged a daily pain of {SEVERE_FROM} or more "
            f"on {rule.logged_days} scored days, with no lower score between them and at most 3 "
            f"days between each two (highest {rule.high} out of 10) ({level}); {ending}."
        )
    if rule.rule is Rule.cancer_pain:
        return (
            f"On {long_day(rule.day)} the person logged pain"
            f"{_profile_words(rule, include_profile)} ({level}); {ending}."
        )
    words = statement(_sign(rule))
    if rule.rule is Rule.lasting_sign:
        said = f"The person has answered yes to {words} for six weeks, most recently on "
        return f"{said}{long_day(rule.day)} ({level}); {ending}."
    if rule.rule is Rule.emergency_sign_then_no:
        # A sign that is an emergency only because of an "about you" answer says so, without
        # naming the answer (the report shows those only when the person chose to).
        raised = SIGN_BY_KEY[_sign(rule)].level is not Level.emergency
        why = ", raised by an “about you” answer" if raised else ""
        return (
            f"On {long_day(rule.day)} the person answered yes to {words} (emergency level in "
            f"the app{why}) and later answered no ({level}); {ending}."
        )
    return (
        f"On {long_day(rule.day)} the person answered yes to {words}"
        f"{_profile_words(rule, include_profile)} ({level}); {ending}."
    )


def _profile_words(rule: ActiveRule, include_profile: bool) -> str:
    if rule.rule not in (Rule.cancer_pain, Rule.cancer_nerve_sign, Rule.cancer_long_pain):
        return ""
    if include_profile:
        return " and has said they have had cancer"
    return ", with an “about you” answer that raises the level"


def _report_answer(rule: ActiveRule) -> str:
    written = "when this report was written they had"
    when = "" if rule.answered_on is None else f" on {long_day(rule.answered_on)}"
    if rule.answered_by is Answer.checked:
        return f"{written} marked it as checked or advised{when}"
    if rule.answered_by is Answer.acknowledged:
        return f"{written} said{when} that they had arranged to see someone"
    if rule.level is Level.soon:
        return f"{written} not said they had arranged to see someone"
    if rule.help_today:
        return f"{written} said they were getting help, and had not marked it as checked"
    return f"{written} not marked it as checked"


def _sign(rule: ActiveRule) -> SignKey:
    if rule.sign is None:
        raise ValueError(f"{rule.rule.value} is not about a sign")
    return rule.sign


def _latest(rules: Iterable[ActiveRule]) -> ActiveRule:
    return max(rules, key=lambda rule: (rule.day, rule.first_day, rule.key))


def _unique(lines: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(lines))
