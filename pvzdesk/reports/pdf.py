"""The printable report: A4 landscape, a table per section, places for signatures.

reportlab, not Qt, so reports stay free of the GUI. ``invariant`` makes the bytes depend only on
the content (no creation date, no random document id): the same report prints the same file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pvzdesk.i18n import current_language, tr
from pvzdesk.reports.cells import format_cell
from pvzdesk.reports.day_report import DayReport
from pvzdesk.reports.fonts import register_fonts
from pvzdesk.reports.model import Section
from pvzdesk.reports.progress import Steps, atomic_output

BODY_SIZE = 7.5
ROWS_PER_STEP = 200


def period_text(report: DayReport, language: str) -> str:
    since = report.period.since
    until = report.period.until
    if report.period.is_one_day:
        return format_cell(since.date(), language)
    return f"{format_cell(since, language)} — {format_cell(until, language)}"


class _Styles:
    def __init__(self) -> None:
        from reportlab.lib.styles import ParagraphStyle

        regular, bold = register_fonts()
        self.regular, self.bold = regular, bold
        self.title = ParagraphStyle("title", fontName=bold, fontSize=15, leading=19, spaceAfter=4)
        self.heading = ParagraphStyle(
            "heading", fontName=bold, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4
        )
        self.body = ParagraphStyle("body", fontName=regular, fontSize=9, leading=12)
        self.cell = ParagraphStyle("cell", fontName=regular, fontSize=BODY_SIZE, leading=9)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section_table(
    section: Section, styles: _Styles, width: float, language: str, steps: Steps | None
) -> Any:
    """A table of the section's printed columns, header repeated on every page."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    printed = [i for i, column in enumerate(section.columns) if column.printed]
    shares = [section.columns[i].width for i in printed]
    widths = [width * share / sum(shares) for share in shares]
    # Roughly how many characters fit: longer text wraps in a Paragraph (slower, so only then).
    capacity = [int(w / (BODY_SIZE * 0.55)) for w in widths]
    data: list[list[Any]] = [
        [Paragraph(_escape(section.columns[i].title), styles.cell) for i in printed]
    ]
    for number, row in enumerate(section.rows, start=1):
        cells: list[Any] = []
        for slot, index in enumerate(printed):
            text = format_cell(row[index], language)
            cells.append(
                Paragraph(_escape(text), styles.cell) if len(text) > capacity[slot] else text
            )
        data.append(cells)
        if steps is not None and number % ROWS_PER_STEP == 0:
            steps.step(ROWS_PER_STEP)
    if steps is not None:
        steps.step(len(section.rows) % ROWS_PER_STEP)
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.regular, BODY_SIZE),
                ("FONT", (0, 0), (-1, 0), styles.bold, BODY_SIZE),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def signature_block(styles: _Styles, width: float) -> Any:
    from reportlab.platypus import Table, TableStyle

    line = "_" * 34
    data = [
        [tr("Operator (name, signature)"), line, tr("Date"), "_" * 14],
        [tr("Manager (name, signature)"), line, tr("Date"), "_" * 14],
    ]
    table = Table(data, colWidths=[width * 0.28, width * 0.4, width * 0.08, width * 0.24])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), styles.regular, 10),
                ("TOPPADDING", (0, 0), (-1, -1), 14),
            ]
        )
    )
    return table


def build_document(
    target: Path,
    story: Sequence[Any],
    *,
    header: str,
    landscape_pages: bool = True,
) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    regular, _ = register_fonts()
    page = landscape(A4) if landscape_pages else A4

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.drawString(12 * mm, page[1] - 8 * mm, header)
        canvas.drawRightString(page[0] - 12 * mm, 7 * mm, tr("Page {number}", number=document.page))
        canvas.restoreState()

    document = SimpleDocTemplate(
        str(target),
        pagesize=page,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=13 * mm,
        bottomMargin=12 * mm,
        title=header,
        author="pvzdesk",
        invariant=1,
    )
    document.build(list(story), onFirstPage=decorate, onLaterPages=decorate)


def printed_rows(report: DayReport) -> int:
    return sum(len(section.rows) for section in report.sections if section.printed)


def write_pdf(report: DayReport, target: Path, steps: Steps | None = None) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer

    language = current_language()
    styles = _Styles()
    width = landscape(A4)[0] - 24 * mm
    period = period_text(report, language)
    header = " · ".join(part for part in (report.point_name, report.title, period) if part)
    chain = report.chain
    verdict = tr("passed") if chain.verified else tr("FAILED")
    story: list[Any] = [
        Paragraph(_escape(f"{report.title}: {period}"), styles.title),
        Paragraph(_escape(report.point_name), styles.body) if report.point_name else Spacer(1, 1),
        Paragraph(
            _escape(
                tr(
                    "Journal chain head No. {seq}, SHA-256 {hash}; verification {verdict}.",
                    seq=chain.head_seq,
                    hash=chain.head_hash,
                    verdict=verdict,
                )
            ),
            styles.body,
        ),
    ]
    for section in report.sections:
        if not section.printed:
            continue
        if steps is not None:
            steps.check()
        story.append(Paragraph(_escape(section.title), styles.heading))
        if section.rows:
            story.append(section_table(section, styles, width, language, steps))
        else:
            story.append(Paragraph(_escape(tr("None.")), styles.body))
    story.append(Spacer(1, 8 * mm))
    story.append(KeepTogether([signature_block(styles, width)]))
    with atomic_output(target) as temporary:
        build_document(temporary, story, header=header)
    return target
