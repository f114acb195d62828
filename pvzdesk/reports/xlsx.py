"""XLSX, the managers' tool: one sheet per section, frozen bold header, widths, real dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from pvzdesk.i18n import current_language
from pvzdesk.reports.model import Cell, Section
from pvzdesk.reports.progress import Steps, atomic_output

ROWS_PER_STEP = 500
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _formats(language: str) -> dict[type, str]:
    if language == "ru":
        return {datetime: "DD.MM.YYYY HH:MM:SS", date: "DD.MM.YYYY", timedelta: "[h]:mm:ss"}
    return {datetime: "YYYY-MM-DD HH:MM:SS", date: "YYYY-MM-DD", timedelta: "[h]:mm:ss"}


def sheet_title(title: str, taken: set[str]) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet name, unique ignoring case."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Sheet"
    name, number = base, 2
    while name.lower() in taken:
        suffix = f" {number}"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name.lower())
    return name


def _cell(sheet: object, value: Cell, formats: dict[type, str]) -> WriteOnlyCell:
    if isinstance(value, datetime):
        # Excel has no time zones: the moment is shown in the report's own zone.
        cell = WriteOnlyCell(sheet, value.replace(tzinfo=None))
        cell.number_format = formats[datetime]
    elif isinstance(value, date):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = formats[date]
    elif isinstance(value, timedelta):
        cell = WriteOnlyCell(sheet, value)
        cell.number_format = formats[timedelta]
    elif isinstance(value, str):
        cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        # Text is text: openpyxl would otherwise store "=…" as a formula that Excel runs.
        cell.data_type = "s"
    else:
        cell = WriteOnlyCell(sheet, value)
    return cell


def _write_sheet(
    workbook: Workbook, section: Section, taken: set[str], language: str, steps: Steps | None
) -> None:
    section = section.for_people()
    sheet = workbook.create_sheet(sheet_title(section.title, taken))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(section.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width + 2
    bold = Font(bold=True)
    header = []
    for column in section.columns:
        cell = WriteOnlyCell(sheet, column.title)
        cell.data_type = "s"
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        header.append(cell)
    sheet.append(header)
    formats = _formats(language)
    for start in range(0, len(section.rows), ROWS_PER_STEP):
        chunk = section.rows[start : start + ROWS_PER_STEP]
        for row in chunk:
            sheet.append([_cell(sheet, value, formats) for value in row])
        if steps is not None:
            steps.step(len(chunk))


def _discard(workbook: Workbook) -> None:
    """Close the half-written sheets of a cancelled export and remove their temporary files."""
    for sheet in workbook.worksheets:
        try:
            sheet.close()
        except Exception:  # already closed, or never started: nothing to clean up
            continue
        out = getattr(getattr(sheet, "_writer", None), "out", None)
        if isinstance(out, str):
            Path(out).unlink(missing_ok=True)


def write_xlsx(
    sections: Sequence[Section],
    target: Path,
    steps: Steps | None = None,
    *,
    title: str = "",
) -> Path:
    language = current_language()
    # write_only streams rows to disk: 10,000 operations stay well inside the export budget.
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "pvzdesk"
    workbook.properties.title = title
    taken: set[str] = set()
    try:
        for section in sections:
            _write_sheet(workbook, section, taken, language, steps)
    except BaseException:
        _discard(workbook)
        raise
    with atomic_output(target) as temporary:
        workbook.save(temporary)
    return target
