"""The words the symptom log uses: the warning and urgent signs, and the places that can hurt.

The signs and their wording come from ``specs/referral.md``: the warning signs from the first seed
article ("Recognizing Limitations and Seeking Expert Help"), the urgent ones from the standard
clinical red-flag list for back and hip pain. Keys are what is stored; the words are what is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

SOON = "soon"
URGENT = "urgent"


@dataclass(frozen=True)
class Sign:
    """One yes/no question of the log.

    ``question`` is asked in the log form; ``noticed`` is how the prompt and the summary name a yes.
    """

    key: str
    level: str
    question: str
    noticed: str


SIGNS: tuple[Sign, ...] = (
    Sign(
        "radiating",
        SOON,
        "Shooting or radiating pain down the leg?",
        "shooting or radiating pain down the leg",
    ),
    Sign(
        "worse_after_stretch",
        SOON,
        "Pain that got worse right after a stretch?",
        "pain that got worse right after a stretch",
    ),
    Sign(
        "restricted",
        SOON,
        "Is moving still severely restricted?",
        "mobility still severely restricted",
    ),
    Sign(
        "saddle_numbness",
        URGENT,
        "Numbness or tingling in the groin, buttocks or inner thighs?",
        "numbness or tingling in the groin, buttocks or inner thighs",
    ),
    Sign(
        "bladder_bowel",
        URGENT,
        "New trouble passing urine, or new loss of bladder or bowel control?",
        "new trouble passing urine or new loss of bladder or bowel control",
    ),
    Sign(
        "leg_weakness",
        URGENT,
        "Weakness or numbness in both legs, or leg weakness that is getting worse?",
        "weakness or numbness in both legs, or leg weakness that is getting worse",
    ),
    Sign(
        "fever",
        URGENT,
        "Fever, or feeling unwell, with the back or hip pain?",
        "fever or feeling unwell with the back or hip pain",
    ),
    Sign(
        "trauma",
        URGENT,
        "Did the pain begin after a fall or an accident?",
        "the pain began after a fall or accident",
    ),
)

SIGN_BY_KEY: dict[str, Sign] = {sign.key: sign for sign in SIGNS}
WARNING_SIGNS: tuple[str, ...] = tuple(sign.key for sign in SIGNS if sign.level == SOON)
URGENT_SIGNS: tuple[str, ...] = tuple(sign.key for sign in SIGNS if sign.level == URGENT)

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
