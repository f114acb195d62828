"""CSV that Excel opens as it is: UTF-8 with a BOM, ``;`` between cells (the list separator of
Russian Windows), formula-looking text neutralised."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from pvzdesk.i18n import current_language
from pvzdesk.reports.cells import format_cell, neutralise
from pvzdesk.reports.model import Section
from pvzdesk.reports.progress import Steps, atomic_output

DELIMITER = ";"
ENCODING = "utf-8-sig"  # the BOM tells Excel the file is UTF-8, not the ANSI code page
ROWS_PER_STEP = 500


def csv_text_rows(section: Section, language: str) -> list[list[str]]:
    section = section.for_people()
    rows = [[neutralise(column.title) for column in section.columns]]
    rows.extend([neutralise(format_cell(value, language)) for value in row] for row in section.rows)
    return rows


def write_csv(section: Section, target: Path, steps: Steps | None = None) -> Path:
    language = current_language()
    section = section.for_people()
    with (
        atomic_output(target) as temporary,
        temporary.open("w", encoding=ENCODING, newline="") as f,
    ):
        writer = csv.writer(f, delimiter=DELIMITER, lineterminator="\r\n")
        writer.writerow([neutralise(column.title) for column in section.columns])
        for start in range(0, len(section.rows), ROWS_PER_STEP):
            chunk = section.rows[start : start + ROWS_PER_STEP]
            writer.writerows(
                [neutralise(format_cell(value, language)) for value in row] for row in chunk
            )
            if steps is not None:
                steps.step(len(chunk))
    return target


def write_csv_files(
    sections: Sequence[Section], folder: Path, stem: str, steps: Steps | None = None
) -> list[Path]:
    """One file per section (a CSV holds one table): ``<stem>-<section key>.csv``."""
    return [write_csv(section, folder / f"{stem}-{section.key}.csv", steps) for section in sections]
