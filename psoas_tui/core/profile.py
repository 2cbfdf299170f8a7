"""About you: the few answers, asked once and editable, that change how soon a sign needs care.

A history of cancer, long-term steroid tablets, thin bones, a weakened immune system, injected
drugs and an age of 50 or over are the risk factors the clinical red-flag lists (NICE CKS, NG59,
NG234) name for back pain. The questions' plain wording is the app's own: it goes beyond the two
seed articles, which say nothing about risk factors. Every answer is yes, no or unsaid, and unsaid
counts as no.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum


class ProfileKey(StrEnum):
    """The stored key of each "about you" question."""

    cancer = "cancer"
    steroids = "steroids"
    osteoporosis = "osteoporosis"
    immunosuppressed = "immunosuppressed"
    injected_drugs = "injected_drugs"
    age_50_plus = "age_50_plus"


class ProfileAnswer(StrEnum):
    """An "about you" answer, as stored; ``unsaid`` counts as no."""

    yes = "yes"
    no = "no"
    unsaid = "unsaid"


#: The questions as asked, in the order asked, and the "unsaid" choice's words.
QUESTIONS: dict[ProfileKey, str] = {
    ProfileKey.cancer: "Have you ever had cancer?",
    ProfileKey.steroids: (
        "Have you taken steroid tablets (such as prednisolone) for 3 months or more?"
    ),
    ProfileKey.osteoporosis: "Have you been told you have thin bones (osteoporosis)?",
    ProfileKey.immunosuppressed: (
        "Is your immune system weakened, for example by chemotherapy, HIV, medicines that "
        "suppress it, or a transplant?"
    ),
    ProfileKey.injected_drugs: "Have you ever injected drugs?",
    ProfileKey.age_50_plus: "Are you 50 or older?",
}
UNSAID_WORDS = "I'd rather not say"
#: Why the app asks, shown above the questions.
WHY_ASKED = (
    "A few things about you change how soon some signs should be checked. The answers stay on "
    "this computer, and a summary for your clinician shows them only if you choose."
)
#: A "no" to this question is asked again once a year: people get older.
ASKED_YEARLY = ProfileKey.age_50_plus


@dataclass(frozen=True, slots=True)
class ProfileItem:
    """One answer and the day it was given on."""

    key: ProfileKey
    answer: ProfileAnswer
    day: date


@dataclass(frozen=True, slots=True)
class Profile:
    """The "about you" answers given so far, one item per key at most.

    A key with no item has never been answered: it counts as no, and ``due`` asks it.
    """

    items: tuple[ProfileItem, ...] = ()

    def item(self, key: ProfileKey) -> ProfileItem | None:
        """The answer given for ``key``, if any."""
        for item in self.items:
            if item.key == key:
                return item
        return None

    def answer(self, key: ProfileKey) -> ProfileAnswer:
        """The answer for ``key``; ``unsaid`` when it was never given."""
        item = self.item(key)
        return ProfileAnswer.unsaid if item is None else item.answer

    def yes(self, key: ProfileKey) -> bool:
        """Whether ``key`` was answered yes: the only answer a rule acts on."""
        return self.answer(key) is ProfileAnswer.yes

    def any_yes(self, keys: Iterable[ProfileKey]) -> bool:
        """Whether any of ``keys`` was answered yes."""
        return any(self.yes(key) for key in keys)

    def with_answer(self, key: ProfileKey, answer: ProfileAnswer, day: date) -> Profile:
        """This profile with ``key`` answered ``answer`` on ``day``, replacing an earlier answer."""
        item = ProfileItem(ProfileKey(key), ProfileAnswer(answer), day)
        kept = tuple(old for old in self.items if old.key != item.key)
        return replace(self, items=tuple(sorted((*kept, item), key=_order)))


def due(profile: Profile, today: date) -> tuple[ProfileKey, ...]:
    """The questions to ask on ``today``, in the order asked.

    A question never answered is due; so is the age question answered "no" a year or more ago.
    Any other answer, "unsaid" included, stands until the user changes it.
    """
    return tuple(key for key in QUESTIONS if _due(profile.item(key), key, today))


def _due(item: ProfileItem | None, key: ProfileKey, today: date) -> bool:
    if item is None:
        return True
    yearly = key is ASKED_YEARLY and item.answer is ProfileAnswer.no
    return yearly and today >= _a_year_after(item.day)


def _a_year_after(day: date) -> date:
    # 29 February has no anniversary in most years: the year is up on 1 March.
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def _order(item: ProfileItem) -> int:
    return list(QUESTIONS).index(item.key)
