"""The re-entry sheet: every offline operation the platform does not have yet (not re-entered,
not shown applied by a reconcile) with a Code 128 barcode, in order, numbered as on the Сверка
worklist, to re-scan into the platform's own app from paper in one pass, ticking each line off.

Bars are 0.4 mm wide (0.3 mm at least for long codes) and 14 mm tall, with quiet zones: an
ordinary office printer and a handheld scanner read that at arm's length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from pvzdesk.domain.barcodes import CodeKind, classify
from pvzdesk.domain.models import Entry
from pvzdesk.i18n import current_language, tr
from pvzdesk.reports.cells import format_cell
from pvzdesk.reports.day_report import entry_kind_label
from pvzdesk.reports.fonts import register_fonts
from pvzdesk.reports.model import IncidentSpan
from pvzdesk.reports.progress import Steps, atomic_output

BAR_WIDTH_MM = 0.4
MIN_BAR_WIDTH_MM = 0.3
BAR_HEIGHT_MM = 14
ROW_HEIGHT_MM = 29
# Codes the platform's app itself reads from the parcel: re-scan what was scanned at the counter.
_LABEL_KINDS = (CodeKind.POSTING, CodeKind.LABEL_LOWER, CodeKind.LABEL_UPPER, CodeKind.RETURN_CODE)


@dataclass(frozen=True)
class ReentryLine:
    number: int
    seq: int
    time: datetime  # in the sheet's zone
    operation: str
    posting: str
    barcode: str  # what the Code 128 encodes
    entry_id: str


def reentry_code(entry: Entry) -> str:
    """The scanned label code when it is one the platform's app reads; else the posting."""
    code = str(entry.payload.get("code") or "")
    printable = code.isascii() and code.isprintable()
    if code and printable and classify(code).kind in _LABEL_KINDS:
        return code
    return entry.posting


def reentry_lines(numbered: Sequence[tuple[int, Entry]], zone: tzinfo | None) -> list[ReentryLine]:
    """Lines of the operations still to re-enter, with their numbers on the worklist (the
    caller chose them: ``storage.waiting``, the one list of what the platform lacks)."""
    return [
        ReentryLine(
            number,
            entry.seq,
            entry.wall_time.astimezone(zone),
            entry_kind_label(entry),
            entry.posting,
            reentry_code(entry),
            entry.entry_id,
        )
        for number, entry in numbered
        if entry.posting
    ]


def _barcode(value: str, max_width: float) -> Any:
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.lib.units import mm

    bar_width = BAR_WIDTH_MM * mm
    barcode = Code128(value, barWidth=bar_width, barHeight=BAR_HEIGHT_MM * mm)
    if barcode.width > max_width:
        bar_width = max(MIN_BAR_WIDTH_MM * mm, bar_width * max_width / barcode.width)
        barcode = Code128(value, barWidth=bar_width, barHeight=BAR_HEIGHT_MM * mm)
    return barcode


def write_reentry_sheet(
    lines: Sequence[ReentryLine],
    incident: IncidentSpan,
    target: Path,
    *,
    point_name: str = "",
    as_of: datetime,
    steps: Steps | None = None,
) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    regular, bold = register_fonts()
    language = current_language()
    width, height = A4
    left, top, bottom = 14 * mm, height - 14 * mm, 14 * mm
    started = format_cell(incident.started_at, language)
    ended = format_cell(incident.ended_at, language) if incident.ended_at else tr("still open")
    title = tr("Re-entry sheet: incident {incident}", incident=incident.short_id)
    subtitle = tr(
        "{start} — {end}; {count} operations to re-enter, in order.",
        start=started,
        end=ended,
        count=len(lines),
    )

    with atomic_output(target) as temporary:
        canvas = Canvas(str(temporary), pagesize=A4, invariant=1)
        canvas.setTitle(title)
        canvas.setAuthor("pvzdesk")
        page = 0

        def new_page() -> float:
            nonlocal page
            page += 1
            canvas.setFont(bold, 13)
            canvas.drawString(left, top, title)
            canvas.setFont(regular, 9)
            canvas.drawString(left, top - 6 * mm, subtitle)
            footer = " · ".join(part for part in (point_name, format_cell(as_of, language)) if part)
            canvas.drawString(left, bottom - 6 * mm, footer)
            canvas.drawRightString(width - left, bottom - 6 * mm, tr("Page {number}", number=page))
            return float(top - 12 * mm)

        y = new_page()
        if not lines:
            canvas.setFont(regular, 11)
            canvas.drawString(left, y - 10 * mm, tr("Nothing to re-enter."))
        for line in lines:
            if steps is not None:
                steps.step()
            if y - ROW_HEIGHT_MM * mm < bottom:
                canvas.showPage()
                y = new_page()
            row_top = y
            canvas.setLineWidth(0.8)
            canvas.rect(left, row_top - 9 * mm, 6 * mm, 6 * mm)  # the tick box
            canvas.setFont(bold, 12)
            canvas.drawString(left + 9 * mm, row_top - 7 * mm, f"{line.number}. {line.operation}")
            canvas.setFont(regular, 10)
            canvas.drawString(left + 9 * mm, row_top - 13 * mm, line.posting)
            canvas.setFont(regular, 8)
            canvas.drawString(
                left + 9 * mm,
                row_top - 18 * mm,
                f"{format_cell(line.time, language)} · № {line.seq}",
            )
            barcode_left = left + 78 * mm
            barcode = _barcode(line.barcode, width - left - barcode_left)
            barcode.drawOn(canvas, barcode_left, row_top - 4 * mm - barcode.height)
            # The code in text under the bars, clear of them, for typing when a scan fails.
            canvas.setFont(regular, 9)
            canvas.drawCentredString(
                barcode_left + barcode.width / 2, row_top - 8 * mm - barcode.height, line.barcode
            )
            canvas.setLineWidth(0.2)
            canvas.line(
                left,
                row_top - ROW_HEIGHT_MM * mm + 2 * mm,
                width - left,
                row_top - ROW_HEIGHT_MM * mm + 2 * mm,
            )
            y = row_top - ROW_HEIGHT_MM * mm
        canvas.showPage()
        canvas.save()
    return target
