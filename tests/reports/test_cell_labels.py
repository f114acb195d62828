"""The cell-label sheet: rendered as a scanner sees it, every label decodes back to its cell."""

from __future__ import annotations

from pathlib import Path

from pvzdesk.domain.barcodes import CodeKind, classify
from pvzdesk.reports.cell_labels import cell_names, write_cell_labels
from tests.reports.test_reentry_and_bundle import decoded_pages


def test_cell_labels_decode_to_their_cells(tmp_path: Path) -> None:
    names = cell_names("АБ", 1, 4)
    assert names[:2] == ["А-01", "А-02"] and len(names) == 8
    pdf = write_cell_labels(names, tmp_path / "cells.pdf", point_name="ПВЗ Тест")
    decoded = [text for page in decoded_pages(pdf) for text in page]
    cells = sorted(classify(text).cell for text in decoded)
    assert all(classify(text).kind is CodeKind.CELL for text in decoded)
    assert cells == sorted(names)
