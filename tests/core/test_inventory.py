"""Inventory of cells: a real journal in tmp_path, parcels placed in cells, then counted."""

from __future__ import annotations

from pathlib import Path

from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.barcodes import CodeKind, cell_code, classify
from pvzdesk.domain.inventory import Misplaced, compare
from pvzdesk.domain.models import EntryKind
from pvzdesk.services.cells import inventory
from pvzdesk.storage.journal import EntryFilter
from tests.ui.conftest import NOW, add_manifest, posting

P1, P2, P3, STRANGER = (
    "0132112277-0101-1",
    "0132112277-0102-1",
    "0132112277-0103-1",
    "0199999999-0001-1",
)


def test_cell_labels_round_trip_even_through_a_russian_layout() -> None:
    code = cell_code("А-01")
    assert code.isascii()
    assert classify(code).kind is CodeKind.CELL and classify(code).cell == "А-01"
    russian = code.translate(str.maketrans("ACDEFL", "ФСВУАД"))  # the same keys, ЙЦУКЕН layout
    assert classify(russian).cell == "А-01"


def test_compare_is_judged_per_counted_cell() -> None:
    recorded = {"p1": "А-01", "p2": "А-01", "p3": "Б-02", "p4": "В-03"}
    result = compare(recorded, {"А-01": ["p1", "p3", "x"]})
    assert result.found == ("p1",)
    assert result.missing == ("p2",)  # В-03 was not counted: p4 is not missing
    assert result.extra == ("x",)
    assert result.misplaced == (Misplaced("p3", "А-01", "Б-02"),)


def test_inventory_finds_a_missing_and_an_extra_parcel_and_journals_it(tmp_path: Path) -> None:
    app = open_app(tmp_path, clock=FixedClock(NOW))
    try:
        add_manifest(app, [posting(P1, cell="А-01"), posting(P2, cell="А-01"), posting(P3)])
        app.counter.receive([P1, P2, P3])
        app.counter.place(P3, "Б-02")
        result, written = inventory(app.store, {"А-01": [P1, STRANGER]}, app.counter)
        assert result.missing == (P2,)
        assert result.extra == (STRANGER,)
        assert not result.misplaced
        notes = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.NOTE,))))
        assert [n.entry_id for n in notes] == [e.entry_id for e in written.entries]
        text = str(notes[0].payload["text"])
        assert P2 in text and STRANGER in text and "А-01" in text
    finally:
        app.close()
