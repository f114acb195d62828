"""Cells of the point: placing a parcel by scanning it and then a cell label, and the inventory of
a cell or of the whole point (its result is journaled as a note, so the day report has it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pvzdesk.domain.inventory import InventoryResult, compare
from pvzdesk.i18n import tr
from pvzdesk.services.counter import CounterService, Scan
from pvzdesk.services.results import OpResult
from pvzdesk.storage import Store


def recorded_cells(store: Store) -> dict[str, str]:
    """posting → cell of every parcel at the point, as the records have it."""
    return {state.posting: state.cell for state in store.postings.at_point()}


def inventory(
    store: Store, scanned: Mapping[str, Iterable[Scan]], counter: CounterService
) -> tuple[InventoryResult, OpResult]:
    """Compare what was scanned per cell with the records and journal the result (one entry)."""
    postings: dict[str, list[str]] = {}
    for cell, scans in scanned.items():
        postings[cell] = [counter.resolve(scan).posting or str(scan) for scan in scans]
    result = compare(recorded_cells(store), postings)
    return result, counter.note(describe_inventory(result))


def describe_inventory(result: InventoryResult) -> str:
    """One sentence for the journal and the day report, in the operator's language."""
    none = tr("none")
    misplaced = ", ".join(
        tr(
            "{posting} in {found} (recorded {recorded})",
            posting=item.posting,
            found=item.found_in,
            recorded=item.recorded_in or "—",
        )
        for item in result.misplaced
    )
    return tr(
        "Inventory of cells {cells}: in place {found}; missing: {missing}; extra: {extra}; "
        "in the wrong cell: {misplaced}.",
        cells=", ".join(result.cells),
        found=len(result.found),
        missing=", ".join(result.missing) or none,
        extra=", ".join(result.extra) or none,
        misplaced=misplaced or none,
    )
