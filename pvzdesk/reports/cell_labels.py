"""A printable sheet of cell labels: each cell's name in large type (А-01) over a Code 128 of its
label code, two columns on A4, to cut and stick on the shelves. Scanning a parcel and then such a
label places the parcel in that cell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pvzdesk.domain.barcodes import cell_code
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr
from pvzdesk.reports.fonts import register_fonts
from pvzdesk.reports.progress import atomic_output
from pvzdesk.reports.reentry_sheet import _barcode

COLUMNS = 2
LABEL_HEIGHT_MM = 45
MAX_LABELS = 2_000  # forty pages of A4: a typo such as А-01…А-9999 is refused, not printed
MAX_NAME_BYTES = 24  # what a label's Code 128 carries (``domain.barcodes.CELL_RE``)
# «А-01…А-40», «А-01...А-40», «А1–А40»: a row's letters, a number, a dash or dots, the same row
_RANGE = re.compile(
    r"^(?P<row>[^\W\d_]+)-?(?P<first>\d+)\s*(?:…|\.{2,3}|–|—|\s-\s)\s*"
    r"(?:(?P<row2>[^\W\d_]+)-?)?(?P<last>\d+)$"
)


def cell_names(rows: str, first: int, last: int) -> list[str]:
    """«АБ», 1, 3 → А-01 … А-03, Б-01 … Б-03 (the way Ozon points name their cells)."""
    return [f"{row}-{number:02d}" for row in rows for number in range(first, last + 1)]


def parse_cell_names(text: str) -> list[str]:
    """«А-01…А-40, Б-01…Б-10, Склад» → every cell named, in order, each once. A range keeps
    its first number's width (А-01…А-40 → А-01, А-02…; А-1…А-40 → А-1, А-2…). ``UsageError``
    (a Russian sentence) for a range across rows, backwards, too long, or nothing at all."""
    names: list[str] = []
    for part in re.split(r"[,;\n]+", text):
        part = part.strip()
        if not part:
            continue
        match = _RANGE.match(part)
        if match is None:
            names.append(part)
            continue
        row, first, last = match["row"], int(match["first"]), int(match["last"])
        if match["row2"] and match["row2"].upper() != row.upper():
            raise UsageError(tr("«{range}»: a range stays in one row, like А-01…А-40.", range=part))
        if last < first:
            raise UsageError(tr("«{range}»: the range ends before it starts.", range=part))
        if len(names) + last - first + 1 > MAX_LABELS:
            raise UsageError(
                tr("More than {count} labels at once: print fewer cells.", count=MAX_LABELS)
            )
        width = len(match["first"])
        names.extend(f"{row}-{number:0{width}d}" for number in range(first, last + 1))
    unique = list(dict.fromkeys(names))
    if not unique:
        raise UsageError(tr("Write the cells, for example А-01…А-40."))
    too_long = [name for name in unique if len(name.encode("utf-8")) > MAX_NAME_BYTES]
    if too_long:
        raise UsageError(
            tr("«{name}»: a cell name this long does not fit a label.", name=too_long[0])
        )
    return unique


def write_cell_labels(names: Sequence[str], target: Path, *, point_name: str = "") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = register_fonts()
    width, height = A4
    margin = 12 * mm
    column_width = (width - 2 * margin) / COLUMNS
    label_height = LABEL_HEIGHT_MM * mm
    per_page = COLUMNS * int((height - 2 * margin) // label_height)
    title = tr("Cell labels")
    with atomic_output(target) as temporary:
        canvas = Canvas(str(temporary), pagesize=A4, invariant=1)
        canvas.setTitle(title)
        canvas.setAuthor("pvzdesk")
        for index, name in enumerate(names):
            slot = index % per_page
            if index and slot == 0:
                canvas.showPage()
            column, row = slot % COLUMNS, slot // COLUMNS
            x = margin + column * column_width
            y = height - margin - (row + 1) * label_height
            canvas.setLineWidth(0.3)
            canvas.setDash(2, 2)
            canvas.rect(x, y, column_width, label_height)  # the cutting line
            canvas.setDash()
            canvas.setFont(bold, 30)
            canvas.drawString(x + 6 * mm, y + label_height - 14 * mm, name)
            if point_name:
                canvas.setFont(regular, 8)
                canvas.drawRightString(
                    x + column_width - 4 * mm, y + label_height - 6 * mm, point_name
                )
            code = cell_code(name)
            barcode = _barcode(code, column_width - 12 * mm)
            barcode.drawOn(canvas, x + 6 * mm, y + 7 * mm)
            canvas.setFont(regular, 7)
            canvas.drawString(x + 6 * mm, y + 3 * mm, code)
        if not names:
            canvas.setFont(regular, 12)
            canvas.drawString(margin, height - margin - 10 * mm, tr("No cells given."))
        canvas.showPage()
        canvas.save()
    return target
