"""Inventory of cells: what the counter's records say is in a cell against what was scanned there.
Pure: the caller gives both sides."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Misplaced:
    posting: str
    found_in: str  # where it was scanned
    recorded_in: str  # where the records put it ("" when they name no cell)


@dataclass(frozen=True)
class InventoryResult:
    cells: tuple[str, ...]  # the cells counted
    found: tuple[str, ...]  # parcels scanned where the records put them
    missing: tuple[str, ...]  # recorded in a counted cell, not scanned anywhere
    extra: tuple[str, ...]  # scanned, but the records do not have it at the point
    misplaced: tuple[Misplaced, ...]  # at the point, scanned in another cell than recorded

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.misplaced)


def compare(recorded: Mapping[str, str], scanned: Mapping[str, Iterable[str]]) -> InventoryResult:
    """``recorded``: posting → cell of every parcel at the point; ``scanned``: cell → postings
    scanned in it. Only the scanned cells are judged for missing parcels (a cell inventory)."""
    cells = tuple(sorted(scanned))
    seen: dict[str, str] = {}
    for cell in cells:
        for posting in scanned[cell]:
            seen.setdefault(posting, cell)
    found = tuple(sorted(p for p, cell in seen.items() if recorded.get(p) == cell))
    extra = tuple(sorted(p for p in seen if p not in recorded))
    misplaced = tuple(
        Misplaced(p, seen[p], recorded[p])
        for p in sorted(seen)
        if p in recorded and recorded[p] != seen[p]
    )
    missing = tuple(sorted(p for p, cell in recorded.items() if cell in scanned and p not in seen))
    return InventoryResult(cells, found, missing, extra, misplaced)
