"""The use cases: one object with a method per thing a user does or asks.

The app's screens and every command call ``Psoas`` and nothing below it, so each rule is applied
in one place: freezing a day's plan before its first write, today's progress, the referral rules
(always with the day records, so every surface gives the same reasons), the streak figures and the
report. ``core`` stays pure and ``store`` stays storage; this layer joins them.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from uuid import uuid4

from psoas_tui.clock import Clock
from psoas_tui.core.config import Config
from psoas_tui.core.errors import PsoasError
from psoas_tui.core.model import (
    Answer,
    DayRecord,
    DoneMark,
    Exercise,
    History,
    Hold,
    Pause,
    ReferralResponse,
    SymptomEntry,
)
from psoas_tui.core.pauses import EasedRoutine, easings, ended, pause_on, read_pause
from psoas_tui.core.profile import Profile, ProfileAnswer, ProfileKey, due
from psoas_tui.core.progress import DayProgress, progress_on, scheduled_for
from psoas_tui.core.records import latest_day
from psoas_tui.core.referral import (
    ActiveRule,
    active_rules,
    earlier_logged,
    in_force,
    respond,
    timer_question,
)
from psoas_tui.core.remind import Due, due_now
from psoas_tui.core.routine import Routine
from psoas_tui.core.routine_versions import RoutineVersions
from psoas_tui.core.signs import SignKey
from psoas_tui.core.streaks import (
    Consistency,
    DaySummary,
    Streak,
    StreakBook,
    StreakFigures,
    consistency,
    streak_figures,
)
from psoas_tui.core.symptoms import check_entry
from psoas_tui.locations import Locations
from psoas_tui.services.output import write_private
from psoas_tui.services.unsaved import save_kept
from psoas_tui.store.errors import DatabaseIsLink, SaveFailed
from psoas_tui.store.repository import MergeCounts, Repository

if TYPE_CHECKING:
    from psoas_tui.core.transfer.period import Period

#: The warning sign the hold timer's "this hurts" logs.
WORSE_AFTER_STRETCH = SignKey.worse_after_stretch


@dataclass(frozen=True)
class Status:
    """What ``psoas status`` and the app's first glance show: today, the streak, the referral
    rules active now, those to mention once more ("Earlier you logged"), and the consistency
    beside the streak (``None`` while there is too little to say)."""

    today: DayProgress
    streak: Streak
    rules: tuple[ActiveRule, ...]
    earlier: tuple[ActiveRule, ...] = ()
    consistency: Consistency | None = None


class Psoas:
    """The use cases over one open database, the routine, the settings and the clock.

    At start the routine is compared with the versions the database keeps: if it differs from
    the version in force today, it is stored as a new version from today (the first version ever
    from the first day with a record). Every past day is judged by the version in force on it.
    Then the holds an earlier app kept at quit, unsaved, are saved (``services.unsaved``):
    ``kept_notices`` says what became of them, a line each file, for the user to be told once.
    """

    def __init__(
        self,
        repo: Repository,
        routine: Routine,
        config: Config,
        clock: Clock,
        locations: Locations,
        reading: bool = False,
    ) -> None:
        self._repo = repo
        self._reading = reading
        self.routine = routine
        self.config = config
        self.clock = clock
        self.locations = locations
        self._versions = self._remember_routine()
        self._book: StreakBook | None = None
        #: The routine with the graded return's doses, and the pauses it was made for.
        self._eased: tuple[tuple[Pause, ...], EasedRoutine] | None = None
        self.kept_notices = save_kept(locations, self.merge)

    @classmethod
    def open(
        cls,
        locations: Locations,
        routine: Routine,
        config: Config,
        clock: Clock,
        long_lived: bool = False,
        reading: bool = False,
    ) -> Psoas:
        """Open the database of ``locations`` (see ``Repository.open``) and build the use cases.

        ``long_lived`` (the app) spends a little time at open to keep the loaded history small.
        ``reading`` (a command that only reads) needs nothing written to disk.
        """
        repo = Repository.open(locations, clock, long_lived, reading)
        try:
            return cls(repo, routine, config, clock, locations, reading)
        except BaseException:
            repo.close()
            raise

    def close(self) -> None:
        """Release the database. Nothing needs saving: every change was saved when made."""
        self._repo.close()

    def take_notices(self) -> list[str]:
        """What the store could not do since the last call, each to be said once (today's
        backup not taken, a file it could not make private): nothing recorded was lost."""
        return self._repo.take_notices()

    def __enter__(self) -> Psoas:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _remember_routine(self) -> RoutineVersions:
        repo = self._repo
        today = self.clock.today()
        stored = RoutineVersions(repo.routine_versions())
        first_day = repo.first_day()
        start = today if first_day is None else min(first_day, today)
        versions = stored.with_current(self.routine, today, start)
        added = [version for version in versions.stored if version not in stored.stored]
        if added:
            # Every document must read before the file is written: a damaged one is refused
            # (``CorruptDatabase``) with the file left as it was, for ``psoas restore`` to keep.
            repo.history()
        try:
            for version in added:
                repo.save_routine_version(version)
        except (SaveFailed, DatabaseIsLink):
            if not self._reading:
                raise
            # A read judges by ``versions`` all the same; the next write stores them.
        return versions

    # The day's routine

    def routine_on(self, day: date) -> Routine:
        """The version of the routine in force on ``day`` (today: the routine read at start),
        with the eased doses on a day of a graded return after a pause (``core.pauses``)."""
        return self._eased_routine().in_force(day)

    def today(self) -> DayProgress:
        """Today's exercises against the day's plan (frozen at its first write), the pause today
        is in and the graded return it is part of: ``today().pause`` set means nothing is due."""
        return self.progress_on(self.clock.today())

    def progress_on(self, day: date) -> DayProgress:
        """The exercises of ``day`` against its plan, with the doses in force that day (eased
        on a day of a graded return), and the pause and graded return of that day."""
        eased = self._eased_routine()
        progress = progress_on(eased, self._repo.day(day))
        easing = eased.easing_on(day) if progress.exercises else None
        return replace(progress, pause=pause_on(eased.pauses, day), easing=easing)

    def exercise(self, exercise_id: str) -> Exercise:
        """Today's exercise with ``exercise_id``, at today's dose (``KeyError`` if there is
        none): the hold timer times it."""
        return self.routine_on(self.clock.today()).get(exercise_id)

    def _eased_routine(self) -> EasedRoutine:
        # Made again only when the pauses or their graded returns changed, so that the streak
        # book, which remembers work by the routine's identity, can be kept.
        pauses = tuple(self._repo.pauses())
        found = easings(pauses, self._repo.days, self.clock.today()) if pauses else ()
        known = self._eased
        if known is not None and known[0] == pauses and known[1].easings == found:
            return known[1]
        eased = EasedRoutine(self._versions, found, pauses)
        self._eased = (pauses, eased)
        self._book = None
        return eased

    # Pauses

    def pauses(self) -> list[Pause]:
        """Every pause declared, by first day."""
        return self._repo.pauses()

    def declare_pause(
        self,
        start: str,
        end: str,
        reason: str,
        names: tuple[str, str, str] = ("--from", "--to", "--reason"),
    ) -> Pause:
        """Store the pause typed as ``start``, ``end`` and ``reason``; ``InvalidInput`` naming
        the field (``names``) that is wrong, nothing saved (``core.pauses.read_pause``)."""
        pause = read_pause(start, end, reason, self.clock.today(), self._repo.pauses(), names)
        self._repo.save_pause(pause)
        return pause

    def end_pause(self) -> tuple[Pause, Pause | None] | None:
        """End the pause in force today: its end becomes yesterday, or it is removed when it
        starts today. The pause as it was and as it is now (``None``: removed); ``None`` when
        no pause is in force today."""
        today = self.clock.today()
        pause = pause_on(self._repo.pauses(), today)
        if pause is None:
            return None
        shorter = ended(pause, today)
        if shorter is None:
            self._repo.delete_pause(pause)
        else:
            self._repo.save_pause(shorter)
        return pause, shorter

    def _planned(self, day: date) -> list[str]:
        # A day's plan is frozen to what was scheduled when it was first written, so a later
        # change of the routine never rewrites a past day.
        return [exercise.id for exercise in scheduled_for(self._versions, self._repo.day(day))]

    def mark_done(self, exercise_id: str, day: date | None = None) -> bool:
        """Mark ``exercise_id`` done by hand on ``day`` (default today), saved at once.

        Returns whether the exercise was on that day's plan. A second mark changes nothing.
        """
        day = self.clock.today() if day is None else day
        planned = self._planned(day)
        self._repo.mark_done(DoneMark(exercise_id, day, self.clock.now()), planned)
        return exercise_id in planned

    def unmark_done(self, exercise_id: str, day: date) -> bool:
        """Take back the hand mark of ``exercise_id`` on ``day``; ``False`` if it had none."""
        return self._repo.unmark_done(exercise_id, day)

    def complete_holds(self, exercise_id: str, day: date) -> set[tuple[str | None, int]]:
        """The side and rep of each hold of ``exercise_id`` held to 90% on ``day``."""
        return {
            (hold.side, hold.rep)
            for hold in self._repo.day(day).holds
            if hold.exercise_id == exercise_id and hold.complete
        }

    def record_hold(self, hold: Hold) -> None:
        """Save one hold on its day, freezing the day's plan if this is its first record."""
        self._repo.add_hold(hold, self._planned(hold.day))

    def keep_holds(self, holds: Sequence[Hold], path: Path | None = None) -> Path:
        """Write ``holds``, which could not be saved, to a file in the data directory that the
        next start saves (a JSON export, atomic, 0600): ``path``, or a new one. Each day carries
        the plan it would have been saved with, or none when the store cannot say (it may be
        what refused the save). Returns the path; ``PsoasError`` if it cannot be written."""
        from psoas_tui.core.transfer.json_export import export_json

        by_day: dict[date, list[Hold]] = {}
        for hold in holds:
            by_day.setdefault(hold.day, []).append(hold)
        days = tuple(
            DayRecord(day, self._planned_if_known(day), tuple(day_holds))
            for day, day_holds in sorted(by_day.items())
        )
        now = self.clock.now()
        if path is None:
            stamp = now.strftime("%Y%m%d-%H%M%S")
            path, number = self.locations.kept_holds(stamp), 2
            while path.exists():
                path, number = self.locations.kept_holds(f"{stamp}-{number}"), number + 1
        write_private(path, export_json(History(days=days), self.routine, now))
        return path

    def _planned_if_known(self, day: date) -> tuple[str, ...] | None:
        try:
            return tuple(self._planned(day))
        except PsoasError:
            return None

    # Symptom entries

    def recent_entries(self, days: int, until: date | None = None) -> list[SymptomEntry]:
        """The entries of the ``days`` days up to ``until`` (default today), newest first."""
        end = self.clock.today() if until is None else until
        since = end - timedelta(days=days - 1)
        return sorted(
            self._repo.entries(start=since, end=end),
            key=lambda entry: (entry.day, entry.logged_at),
            reverse=True,
        )

    def first_entry_day(self) -> date | None:
        """The day of the earliest symptom entry (``None``: there is none)."""
        return self._repo.first_entry_day()

    def log_entry(self, entry: SymptomEntry) -> SymptomEntry:
        """Check ``entry`` (``EntryRefused`` names the field) and save it, replacing an entry
        with the same id; returns what was saved."""
        checked = check_entry(entry, self.clock.today())
        self._repo.save_entry(checked)
        return checked

    def delete_entry(self, entry_id: str) -> bool:
        """Delete the entry with ``entry_id``; ``False`` if there was none."""
        return self._repo.delete_entry(entry_id)

    def note_hurt(self, when: str) -> SymptomEntry:
        """Save the "this hurts" entry from the hold timer: the warning sign and where it was."""
        entry = SymptomEntry(
            id=uuid4().hex,
            day=self.clock.today(),
            logged_at=self.clock.now(),
            pain=None,
            stiffness=None,
            signs=(WORSE_AFTER_STRETCH,),
            note=f'Pressed "this hurts" {when}.',
            asked=(WORSE_AFTER_STRETCH,),
        )
        self._repo.save_entry(entry)
        return entry

    # The referral prompt and "about you"

    def profile(self) -> Profile:
        """The "about you" answers given so far."""
        return self._repo.profile()

    def profile_due(self) -> tuple[ProfileKey, ...]:
        """The "about you" questions to ask today: never answered, or a yearly one due again."""
        return due(self.profile(), self.clock.today())

    def answer_profile(self, key: ProfileKey, answer: ProfileAnswer) -> Profile:
        """Store (or change) one "about you" answer; the rules follow at once. The new profile."""
        profile = self.profile().with_answer(key, answer, self.clock.today())
        item = profile.item(key)
        assert item is not None
        self._repo.save_profile_item(item)
        return profile

    def referral_rules(self) -> list[ActiveRule]:
        """Every referral rule active today, with what the user answered about each."""
        repo = self._repo
        return active_rules(
            repo.recent_entries(),
            self.clock.today(),
            repo.responses(),
            repo.profile(),
            days=repo.days,
        )

    def answer_referral(self, rules: Sequence[ActiveRule], answer: Answer) -> None:
        """Store the user's ``answer`` to the prompt that showed ``rules`` (every one of them)."""
        for response in respond(rules, answer, self.clock.today(), self.clock.now()):
            self._repo.add_response(response)

    def note_shown(self, rules: Sequence[ActiveRule], what: Answer = Answer.shown) -> None:
        """Record that a prompt showed ``rules`` (``shown``) or mentioned them once more
        (``reminded``), once a day each: "Earlier you logged" needs to know what was seen."""
        today = self.clock.today()
        stored = {
            (response.rule, response.key, response.kind)
            for response in self._repo.responses()
            if response.day == today
        }
        for rule in rules:
            if (rule.rule, rule.key, what) not in stored:
                record = ReferralResponse(rule.rule, rule.key, what, today, self.clock.now())
                self._repo.add_response(record)

    def earlier_logged(self) -> list[ActiveRule]:
        """Rules shown and never answered that time has since ended: to mention once more."""
        repo = self._repo
        today = self.clock.today()
        return earlier_logged(repo.recent_entries(), today, repo.responses(), repo.profile())

    def answer_earlier(self, rules: Sequence[ActiveRule], answer: Answer) -> None:
        """Store "Yes, I was checked" (``checked``) or "Not yet" (``not_yet``) for ``rules``."""
        self.note_shown(rules, answer)

    def timer_question(self) -> ActiveRule | None:
        """The rule the hold timer asks about before it starts, or ``None``: it need not ask."""
        repo = self._repo
        rules = self.referral_rules()
        return timer_question(rules, repo.responses(), self.clock.today())

    def start_anyway(self) -> None:
        """The user starts the timer while a rule is in force: do not ask again today, unless
        another rule comes into force."""
        self.note_shown(in_force(self.referral_rules()), Answer.start_anyway)

    # Streaks

    def streak_summaries(self) -> list[DaySummary]:
        """Every day from the first record to today, each judged by the version of the routine in
        force on it; the judge remembers earlier work."""
        eased = self._eased_routine()
        if self._book is None:
            self._book = StreakBook(eased, eased.pauses)
        return self._book.summaries(self._repo.days(), self._repo.entries(), self.clock.today())

    def streak_figures(self, summaries: Sequence[DaySummary]) -> StreakFigures:
        """The streaks and rates of ``summaries`` under the user's ``count_partial`` setting."""
        return streak_figures(summaries, self.config.count_partial)

    def current_streak(self) -> Streak:
        """The current streak, reading only the weeks it reaches (ten years cost no more)."""
        repo = self._repo
        eased = self._eased_routine()
        return StreakBook(eased, eased.pauses).current_streak_reading(
            repo.days,
            repo.first_day(),
            repo.entries,
            self.clock.today(),
            self.config.count_partial,
        )

    def consistency_of(self, summaries: Sequence[DaySummary]) -> Consistency | None:
        """The consistency of ``summaries`` under the user's ``count_partial`` setting."""
        return consistency(summaries, self.config.count_partial)

    def consistency(self) -> Consistency | None:
        """The consistency beside the streak, reading only the weeks it needs (the last 30 days,
        as a rule)."""
        repo = self._repo
        return StreakBook(self._versions).consistency_reading(
            repo.days,
            repo.first_day(),
            repo.entries,
            self.clock.today(),
            self.config.count_partial,
        )

    def status(self) -> Status:
        """Today's progress, the current streak and the consistency beside it (each reading only
        the weeks it reaches) and the active referral rules."""
        repo = self._repo
        today = self.clock.today()
        streak = self.current_streak()
        entries, profile, responses = repo.recent_entries(), repo.profile(), repo.responses()
        rules = active_rules(entries, today, responses, profile, days=repo.days)
        earlier = earlier_logged(entries, today, responses, profile)
        return Status(self.today(), streak, tuple(rules), tuple(earlier), self.consistency())

    # Reminders

    def due_now(self) -> Due:
        """Whether something is due now (``core.remind.due_now``), reading today's record and
        entries only: cheap enough for every shell prompt."""
        today = self.clock.today()
        repo = self._repo
        eased = self._eased_routine()
        book = StreakBook(eased, eased.pauses)
        kind = book.summaries([repo.day(today)], repo.entries(today, today), today)[-1].status
        return due_now(kind)

    def locked(self) -> AbstractContextManager[None]:
        """The database's lock: what is read inside is current and no other psoas writes
        meanwhile, so a decision and its record (``services.remind``) happen once."""
        return self._repo.locked()

    # Settings

    def remember_theme(self, theme: str) -> None:
        """Keep ``theme`` in ``config.toml`` for the next start: its ``theme`` line is replaced
        (or added), every other line kept as the user wrote it. Atomic, 0600."""
        from dataclasses import replace

        from psoas_tui.core.config import theme_line
        from psoas_tui.locations import ensure_private_dir

        path = self.locations.config_file
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        ensure_private_dir(path.parent)
        write_private(path, theme_line(old, theme).encode())
        self.config = replace(self.config, theme=theme)

    # Export, import, the report

    def is_empty(self) -> bool:
        """Whether nothing at all is recorded yet."""
        return self._repo.is_empty()

    def merge(self, history: History) -> MergeCounts:
        """Add everything in ``history`` not stored yet, in one atomic write: merging the same
        history twice adds nothing the second time (an import, the demo)."""
        return self._repo.merge(history)

    def export(self, form: str, period: Period) -> bytes:
        """Everything recorded in ``period``: ``"json"`` (every field and the routine, which
        ``psoas import`` reads back) or ``"csv"`` (a row per record)."""
        from psoas_tui.core.transfer.csv_export import export_csv
        from psoas_tui.core.transfer.json_export import export_json

        history = self._repo.history()
        if form == "json":
            return export_json(history, self.routine, self.clock.now(), period)
        return export_csv(history, period).encode()

    def write_export(self) -> Path:
        """Write everything recorded as a JSON export into the reports folder (0700, the file
        0600, atomic): ``psoas-export-YYYY-MM-DD.json``. Returns its path."""
        from psoas_tui.core.transfer.period import ALL_DAYS
        from psoas_tui.locations import ensure_private_dir

        name = f"psoas-export-{self.clock.today().isoformat()}.json"
        path = ensure_private_dir(self.locations.reports) / name
        write_private(path, self.export("json", ALL_DAYS))
        return path

    def default_report_path(self, markdown: bool = False) -> Path:
        """``reports/clinician-report-YYYY-MM-DD.html`` (or ``.md``); the folder is made 0700."""
        from psoas_tui.core.report import report_file_name
        from psoas_tui.locations import ensure_private_dir

        name = report_file_name(self.clock.today(), markdown)
        return ensure_private_dir(self.locations.reports) / name

    def write_report(
        self, path: Path | None = None, weeks: int | None = None, *, about_you: bool = False
    ) -> Path:
        """Write the clinician report of the last ``weeks`` to ``path`` (default: the reports
        folder); Markdown when it ends in ``.md``, else HTML. Atomic, 0600; returns the path.
        ``about_you``: include the "about you" answers (the user chooses; off by default).

        ``PsoasError`` if it cannot be written, with nothing half-written left behind.
        """
        from psoas_tui.core.report import REPORT_WEEKS, build_report, report_html, report_markdown

        path = self.default_report_path() if path is None else path
        repo = self._repo
        today = self.clock.today()
        # After a flight west, days recorded in the zone left behind can lie after today here
        # (``core.records.latest_day``): the report runs to the last of them.
        latest = latest_day(self.clock.now())
        ahead = [record.day for record in repo.days(today, latest)]
        ahead += [entry.day for entry in repo.entries(today, latest)]
        report = build_report(
            repo.days,
            repo.first_day(),
            repo.entries(),
            repo.responses(),
            self._versions,
            self.config,
            max([today, *ahead]),
            self.clock.now(),
            REPORT_WEEKS if weeks is None else weeks,
            profile=repo.profile(),
            include_profile=about_you,
            pauses=repo.pauses(),
        )
        markdown = path.suffix.lower() == ".md"
        text = report_markdown(report) if markdown else report_html(report)
        write_private(path, text.encode())
        return path
