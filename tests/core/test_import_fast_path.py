"""The import's fast hold reader agrees with the careful one on every hold it accepts.

An import of ten years of holds takes the fast reader, which builds no message, for a hold that
passes every check, and the careful reader (which names what is wrong) for any other. So a hold
the careful reader refuses must never get through the fast one, and one both accept must come
out the same.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_tui.core.transfer import json_import
from psoas_tui.core.validate import Refusal

DAY = date(2026, 11, 21)
WHERE = "days[0] (2026-11-21) holds[0]"

_odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=5),
    st.lists(st.integers(0, 2), max_size=2),
)
#: Values the import accepts for each field, and near misses it refuses.
_hold_fields = {
    "exercise_id": (
        st.sampled_from(["bridge", "kneeling-hip-flexor-stretch", "a" * 40]),
        st.sampled_from(["Bridge", "a" * 41, "bridge-", ""]),
    ),
    "side": (st.sampled_from([None, "left", "right"]), st.sampled_from(["both", "Left", ""])),
    "rep": (st.integers(1, 10), st.sampled_from([0, 11, 1.0, True])),
    "planned_seconds": (
        st.one_of(st.integers(1, 1200), st.floats(0.001, 1200)),
        st.sampled_from([0, -1, 1200.5, 1201, "30", False]),
    ),
    "held_seconds": (
        st.one_of(st.integers(1, 86_400), st.floats(0.001, 86_400)),
        st.sampled_from([0, 0.0, 86_401, "30", None]),
    ),
    "started_at": (
        st.sampled_from(
            [
                "2026-11-21T07:31:02+01:00",
                "2026-11-21T07:31:02.123456-05:30",
                "2026-11-21T07:31:02Z",
            ]
        ),
        st.sampled_from(
            ["2026-11-21T07:31:02", "2026-11-21", "2026-11-21T07:31:02+01:00" + "0" * 20]
        ),
    ),
}


@st.composite
def _hold_docs(draw: st.DrawFn) -> Any:
    """A hold the import accepts, or one changed in one or two ways so it may not."""
    doc: dict[str, Any] = {name: draw(good) for name, (good, _) in _hold_fields.items()}
    if draw(st.booleans()):
        # One near miss, the rest fine: where the two readers' limits must meet exactly.
        name = draw(st.sampled_from(sorted(_hold_fields)))
        doc[name] = draw(_hold_fields[name][1])
        return doc
    for _ in range(draw(st.integers(0, 2))):
        change = draw(st.sampled_from(["near miss", "odd value", "missing", "extra", "not a doc"]))
        name = draw(st.sampled_from(sorted(_hold_fields)))
        if change == "near miss":
            doc[name] = draw(_hold_fields[name][1])
        elif change == "odd value":
            doc[name] = draw(_odd)
        elif change == "missing":
            doc.pop(name, None)
        elif change == "extra":
            doc["extra"] = 1
        else:
            return draw(_odd)
    return doc


@settings(max_examples=500)
@given(value=_hold_docs())
def test_the_fast_hold_reader_accepts_only_what_the_careful_one_reads_the_same(
    value: Any,
) -> None:
    fast = json_import._plain_hold(value, DAY)
    try:
        careful = json_import._Reader("export.json")._hold(value, DAY, WHERE)
    except Refusal:
        assert fast is None
        return
    if fast is not None:
        assert fast == careful
        assert fast.started_at.utcoffset() == careful.started_at.utcoffset()
