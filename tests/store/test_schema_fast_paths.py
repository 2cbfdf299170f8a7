"""The store's fast readers and its careful ones agree on every document: same record, or both
refuse.

A load takes the fast path for the exact types orjson produces and the careful path, which names
what is wrong, for anything else; a document one accepts and the other refuses, or reads another
way, would make a load depend on which path it happened to take.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_tui.core.validate import Refusal
from psoas_tui.store import schema
from psoas_tui.store.schema import SchemaError

DAY = date(2026, 11, 21)

_odd = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(max_size=5),
    st.lists(st.integers(0, 2), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=1),
)
_instants = st.sampled_from(
    [
        "2026-11-21T07:31:02+01:00",
        "2026-11-21T07:31:02.500000-05:30",
        "2026-11-21T07:31:02Z",
    ]
)
_not_instants = st.sampled_from(["2026-11-21T07:31:02", "2026-11-21", "21.11.2026 07:31", ""])


@st.composite
def _changed(draw: st.DrawFn, good: list[Any], odd: dict[int, st.SearchStrategy[Any]]) -> Any:
    """``good``, or it changed in one or two ways: a value replaced, a column dropped or added."""
    row = list(good)
    for _ in range(draw(st.integers(0, 2))):
        change = draw(st.sampled_from(["near miss", "odd value", "length", "not a row"]))
        column = draw(st.integers(0, len(row) - 1)) if row else 0
        if change == "near miss" and column in odd and row:
            row[column] = draw(odd[column])
        elif change == "odd value" and row:
            row[column] = draw(_odd)
        elif change == "length":
            row = row[:-1] if draw(st.booleans()) else [*row, draw(_odd)]
        elif change == "not a row":
            return draw(_odd)
    return row


@st.composite
def _hold_rows(draw: st.DrawFn) -> Any:
    good = [
        draw(st.sampled_from(["bridge", "kneeling-hip-flexor"])),
        draw(st.sampled_from([None, "left", "right"])),
        draw(st.integers(1, 10)),
        draw(st.one_of(st.integers(1, 60), st.floats(0, 60))),
        draw(st.one_of(st.integers(1, 60), st.floats(0, 60))),
        draw(_instants),
    ]
    near = {2: st.sampled_from([1.0, True, "1"]), 3: st.just("30"), 5: _not_instants}
    return draw(_changed(good, near))


@st.composite
def _mark_rows(draw: st.DrawFn) -> Any:
    good = [draw(st.sampled_from(["bridge", "kneeling-hip-flexor"])), draw(_instants)]
    return draw(_changed(good, {1: _not_instants}))


def _outcome(read: Any, *args: Any) -> tuple[str, Any]:
    try:
        record = read(*args)
    except (SchemaError, Refusal):
        # Below day_from_doc the careful readers refuse with a Refusal; the load turns it into
        # a SchemaError.
        return ("refused", None)
    # Equal instants may carry different offsets; the offset a record was made with is kept.
    offsets = [
        getattr(record, name).utcoffset()
        for name in ("started_at", "marked_at", "logged_at")
        if hasattr(record, name)
    ]
    return ("read", (record, offsets))


@settings(max_examples=400)
@given(row=_hold_rows())
def test_a_hold_row_reads_the_same_on_both_paths(row: Any) -> None:
    assert _outcome(schema._hold, row, DAY, 0) == _outcome(
        schema._checked_hold, row, DAY, "holds[0]"
    )


@settings(max_examples=300)
@given(row=_mark_rows())
def test_a_mark_row_reads_the_same_on_both_paths(row: Any) -> None:
    assert _outcome(schema._mark, row, DAY, 0) == _outcome(
        schema._checked_mark, row, DAY, "marks[0]"
    )


#: Values the store reads for each field of an entry, and near misses it does not.
_entry_fields: dict[str, tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]] = {
    "id": (st.just("a" * 32), st.sampled_from([None, 32])),
    "day": (st.just("2026-11-21"), st.sampled_from(["2026-02-30", "21.11.2026", None])),
    "logged_at": (_instants, _not_instants),
    "pain": (st.one_of(st.none(), st.integers(0, 10)), st.sampled_from([3.0, True, "3"])),
    "stiffness": (st.one_of(st.none(), st.integers(0, 10)), st.sampled_from([4.5, False])),
    "stiffness_minutes": (st.one_of(st.none(), st.integers(0, 600)), st.just("20")),
    "where": (
        st.lists(st.sampled_from(["lower_back", "left_hip"]), max_size=2),
        st.sampled_from(["lower_back", ["left_hip", 3], None]),
    ),
    "signs": (st.lists(st.just("radiating"), max_size=1), st.sampled_from(["radiating", [1]])),
    "note": (st.text(max_size=8), st.sampled_from([None, 5, ["a"]])),
    "asked": (
        st.one_of(st.none(), st.lists(st.sampled_from(["radiating", "saddle"]), max_size=2)),
        st.sampled_from(["radiating", [None], ["saddle", 1], {}, False]),
    ),
}


@st.composite
def _entry_docs(draw: st.DrawFn) -> dict[str, Any]:
    """An entry document the store reads, or one changed in one or two ways."""
    doc = {name: draw(good) for name, (good, _) in _entry_fields.items()}
    if draw(st.booleans()):
        # One near miss, the rest fine: where the two readers must meet exactly.
        name = draw(st.sampled_from(sorted(_entry_fields)))
        doc[name] = draw(_entry_fields[name][1])
        return doc
    for _ in range(draw(st.integers(0, 2))):
        change = draw(st.sampled_from(["near miss", "odd value", "missing"]))
        name = draw(st.sampled_from(sorted(_entry_fields)))
        if change == "near miss":
            doc[name] = draw(_entry_fields[name][1])
        elif change == "odd value":
            doc[name] = draw(_odd)
        else:
            # The fields after stiffness may be absent (asked reads as null then); the first
            # ones may not.
            doc.pop(name, None)
    return doc


@settings(max_examples=400)
@given(doc=_entry_docs())
def test_an_entry_document_reads_the_same_on_both_paths(doc: dict[str, Any]) -> None:
    assert _outcome(schema.entry_from_doc, doc) == _outcome(schema._checked_entry, doc)
