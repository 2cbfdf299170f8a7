"""The words the symptom log uses: the sign questions, their levels, and the places that can hurt.

The three soon signs come from the first seed article ("Warning signs that require professional
intervention"): pain shooting down the leg, pain worse right after a stretch, and mobility that
stays severely restricted. The other signs come from the NHS back pain and sciatica pages and the
NICE red-flag lists for back pain (CKS, NG59, NG234); ``Sign.source`` names each one's source.
Keys are what is stored; the question is asked in the form; the statement is what every prompt,
list and report shows. A key is never shown to the user.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from psoas_tui.core.model import SymptomEntry


class Level(StrEnum):
    """How soon a rule says to get care; ``rank`` orders them, the highest being the most urgent."""

    soon = "soon"
    same_day = "same_day"
    emergency = "emergency"

    @property
    def rank(self) -> int:
        """1 for soon, 2 for same day, 3 for emergency."""
        return _RANK[self]


_RANK = {Level.soon: 1, Level.same_day: 2, Level.emergency: 3}


def highest(levels: Iterable[Level]) -> Level | None:
    """The most urgent of ``levels``, or ``None`` when there are none."""
    return max(levels, key=lambda level: level.rank, default=None)


class SignKey(StrEnum):
    """The stored key of each sign question."""

    radiating = "radiating"
    worse_after_stretch = "worse_after_stretch"
    restricted = "restricted"
    minor_fall = "minor_fall"
    saddle = "saddle"
    bladder_bowel = "bladder_bowel"
    both_legs = "both_legs"
    sexual = "sexual"
    serious_accident = "serious_accident"
    cannot_bear_weight = "cannot_bear_weight"
    chest_pain = "chest_pain"
    belly = "belly"
    one_leg_weak = "one_leg_weak"
    fever = "fever"
    weight_loss = "weight_loss"
    night_pain = "night_pain"
    lump = "lump"
    cough_sneeze = "cough_sneeze"
    upper_back = "upper_back"
    #: Asked before version 2 ("Did the pain begin after a fall or an accident?") and never asked
    #: now: the question had no time limit, so a truthful yes about an old accident was urgent
    #: every day. Entries that have it keep it and it still counts, at the same-day level.
    trauma = "trauma"


@dataclass(frozen=True, slots=True)
class Sign:
    """One yes/no question of the log.

    ``level`` is the sign's level without any "about you" answer (see ``sign_level``).
    ``question`` is asked in the form; ``statement`` is how prompts, lists and reports name a yes.
    ``always_shown`` questions are never behind "more questions"; a ``legacy`` sign is never asked.
    """

    key: SignKey
    level: Level
    question: str
    statement: str
    source: str
    always_shown: bool = False
    legacy: bool = False


SIGNS: tuple[Sign, ...] = (
    Sign(
        SignKey.radiating,
        Level.soon,
        "Pain, tingling or numbness that shoots or spreads down one leg?",
        "pain, tingling or numbness shooting or spreading down one leg",
        "seed 000",
        always_shown=True,
    ),
    Sign(
        SignKey.worse_after_stretch,
        Level.soon,
        "Pain that got worse right after a stretch?",
        "pain that got worse right after a stretch",
        "seed 000",
        always_shown=True,
    ),
    Sign(
        SignKey.restricted,
        Level.soon,
        "Is it very hard to move (to walk, get out of bed or get dressed), and has resting not "
        "helped?",
        "moving very hard even after rest",
        "seed 000",
        always_shown=True,
    ),
    Sign(
        SignKey.minor_fall,
        Level.soon,
        "Did this pain start after a minor fall or knock in the last 2 weeks?",
        "pain that started after a minor fall or knock",
        "CKS",
    ),
    Sign(
        SignKey.saddle,
        Level.emergency,
        "Numbness, tingling or a changed feeling around your genitals, back passage (bottom) or "
        "inner thighs, for example when you wipe?",
        "numbness or a changed feeling around the genitals, bottom or inner thighs",
        "NHS",
        always_shown=True,
    ),
    Sign(
        SignKey.bladder_bowel,
        Level.emergency,
        "Trouble starting to pee, not being able to pee, not feeling when you need to go, or not "
        "being able to control your bladder or bowels, when this is not normal for you?",
        "new trouble peeing or controlling the bladder or bowels",
        "NHS",
        always_shown=True,
    ),
    Sign(
        SignKey.both_legs,
        Level.emergency,
        "Pain, tingling, numbness or weakness that spreads down both legs, or both legs feeling "
        "weak or heavy or giving way?",
        "pain, tingling, numbness or weakness down both legs",
        "NHS",
        always_shown=True,
    ),
    Sign(
        SignKey.sexual,
        Level.emergency,
        "Since this pain started, new numbness of your genitals, less feeling during sex, or new "
        "trouble getting an erection?",
        "a new change in sexual feeling or function",
        "NHS",
        always_shown=True,
    ),
    Sign(
        SignKey.serious_accident,
        Level.emergency,
        "Did this pain start after a serious accident, such as a car crash or a fall from a "
        "height, that you have not had checked?",
        "pain that started after a serious accident",
        "NHS",
        always_shown=True,
    ),
    Sign(
        SignKey.cannot_bear_weight,
        Level.emergency,
        "Are you unable to put weight on your leg?",
        "unable to put weight on the leg",
        "hip-fracture practice",
        always_shown=True,
    ),
    Sign(
        SignKey.chest_pain,
        Level.emergency,
        "Chest pain with the back or hip pain?",
        "chest pain with the back or hip pain",
        "NHS",
        always_shown=True,
    ),
    Sign(
        SignKey.belly,
        Level.emergency,
        "Sudden, severe pain in your tummy with the back pain?",
        "sudden severe tummy pain with the back pain",
        "NHS (aortic aneurysm)",
        always_shown=True,
    ),
    Sign(
        SignKey.one_leg_weak,
        Level.same_day,
        "New weakness in one leg or foot, for example your foot catches or slaps when you walk, "
        "or your knee gives way?",
        "new weakness in one leg or foot",
        "CKS, NG234",
    ),
    Sign(
        SignKey.fever,
        Level.same_day,
        "A high temperature, or feeling hot and shivery, with the back or hip pain?",
        "a high temperature or feeling hot and shivery",
        "NHS",
    ),
    Sign(
        SignKey.weight_loss,
        Level.same_day,
        "Have you lost weight recently without trying?",
        "weight loss without trying",
        "NHS",
    ),
    Sign(
        SignKey.night_pain,
        Level.same_day,
        "Pain that does not get better when you rest or lie down, or that is worse at night?",
        "pain that does not ease with rest or is worse at night",
        "NHS",
    ),
    Sign(
        SignKey.lump,
        Level.same_day,
        "A lump or swelling in your back, or has your back changed shape?",
        "a lump or swelling in the back",
        "NHS",
    ),
    Sign(
        SignKey.cough_sneeze,
        Level.same_day,
        "Pain that is made worse by coughing, sneezing or opening your bowels?",
        "pain worse on coughing, sneezing or opening the bowels",
        "NHS",
    ),
    Sign(
        SignKey.upper_back,
        Level.same_day,
        "Pain high in your back, between your shoulder blades, rather than low down?",
        "pain high in the back, between the shoulder blades",
        "NHS",
    ),
    Sign(
        SignKey.trauma,
        Level.same_day,
        "(asked before version 2; never asked now)",
        "pain that began after a fall or an accident",
        "version 1",
        legacy=True,
    ),
)

SIGN_BY_KEY: dict[SignKey, Sign] = {sign.key: sign for sign in SIGNS}
#: Every question the form asks, in the form's order; the legacy key is not among them.
QUESTIONS: tuple[SignKey, ...] = tuple(sign.key for sign in SIGNS if not sign.legacy)
#: Shown on every entry: the three seed-000 signs and every emergency question.
ALWAYS_SHOWN: tuple[SignKey, ...] = tuple(sign.key for sign in SIGNS if sign.always_shown)
#: Behind "more questions" unless the form opens them by itself (``opens_more_questions``).
MORE_QUESTIONS: tuple[SignKey, ...] = tuple(
    key for key in QUESTIONS if not SIGN_BY_KEY[key].always_shown
)
#: Signs that, with a history of cancer, make the emergency level: the nerve signs and every
#: emergency sign.
CANCER_NERVE_SIGNS: frozenset[SignKey] = frozenset(
    {SignKey.radiating, SignKey.one_leg_weak, SignKey.restricted}
    | {sign.key for sign in SIGNS if sign.level is Level.emergency}
)

#: Version-1 stored keys and the version-2 key each now means, for the store's migration and for
#: importing old exports. Five keys are unchanged. ``saddle_numbness`` asked about the groin,
#: buttocks or inner thighs, ``leg_weakness`` about both legs or a worsening leg: their nearest
#: questions now are ``saddle`` and ``both_legs``. ``fever`` keeps its key though it no longer
#: covers "feeling unwell". ``trauma`` stays as the legacy key.
V1_KEYS: Mapping[str, SignKey] = {
    "radiating": SignKey.radiating,
    "worse_after_stretch": SignKey.worse_after_stretch,
    "restricted": SignKey.restricted,
    "saddle_numbness": SignKey.saddle,
    "bladder_bowel": SignKey.bladder_bowel,
    "leg_weakness": SignKey.both_legs,
    "fever": SignKey.fever,
    "trauma": SignKey.trauma,
}

#: Days before an entry in which an entry that asked the "more questions" keeps them folded.
MORE_QUESTIONS_EVERY = 7
#: From this pain score the form opens the "more questions" by itself (the severe band).
MORE_QUESTIONS_FROM_PAIN = 7


def stored_sign(key: str) -> SignKey:
    """The version-2 key of a stored sign key, a version-1 key included."""
    return V1_KEYS.get(key) or SignKey(key)


class SignAnswer(StrEnum):
    """What an entry says about one sign question; "not asked" is never the same as "no"."""

    yes = "yes"
    no = "no"
    not_asked = "not_asked"
    #: An entry saved before the questions shown were recorded, that did not say yes.
    unknown = "unknown"


def sign_answer(entry: SymptomEntry, key: SignKey) -> SignAnswer:
    """What ``entry`` answered to the sign question ``key``."""
    if key in {stored_sign(sign) for sign in entry.signs}:
        return SignAnswer.yes
    if entry.asked is None:
        return SignAnswer.unknown
    asked = {stored_sign(shown) for shown in entry.asked}
    return SignAnswer.no if key in asked else SignAnswer.not_asked


def statement(key: str) -> str:
    """The words for a yes to the sign ``key``, as every list and prompt shows them."""
    return SIGN_BY_KEY[SignKey(key)].statement


def statements(keys: Iterable[str]) -> tuple[str, ...]:
    """The statements of ``keys`` in the form's order, each once: never the keys themselves."""
    wanted = {SignKey(key) for key in keys}
    return tuple(sign.statement for sign in SIGNS if sign.key in wanted)


def opens_more_questions(entries: Iterable[SymptomEntry], day: date, pain: int | None) -> bool:
    """Whether the form opens the "more questions" by itself for a new entry of ``day``.

    It does on an entry with pain of 7 or more, and on the first entry of a day when no entry in
    the 7 days before asked them. Entries saved before the form recorded what it asked
    (``asked`` is ``None``) do not count as having asked them.
    """
    if pain is not None and pain >= MORE_QUESTIONS_FROM_PAIN:
        return True
    earliest = day.toordinal() - MORE_QUESTIONS_EVERY
    more = set(MORE_QUESTIONS)
    for entry in entries:
        if entry.day == day:
            return False
        ordinal = entry.day.toordinal()
        if earliest <= ordinal < day.toordinal() and more.intersection(entry.asked or ()):
            return False
    return True


#: Where it can hurt, in the order the form lists them, with the words shown for each.
PLACES: dict[str, str] = {
    "left_hip": "left hip",
    "right_hip": "right hip",
    "left_groin": "left groin",
    "right_groin": "right groin",
    "front_thigh": "front of the thigh",
    "lower_back": "lower back",
    "buttock": "buttock",
}

#: What the 0-10 scores mean, shown next to each score.
SCORE_ANCHORS = "0 none · 1-3 mild · 4-6 moderate · 7-10 severe · 10 worst imaginable"


def score_word(score: int) -> str:
    """``none``, ``mild``, ``moderate`` or ``severe``: the band a 0-10 score falls in."""
    if score == 0:
        return "none"
    if score <= 3:
        return "mild"
    if score <= 6:
        return "moderate"
    return "severe"
