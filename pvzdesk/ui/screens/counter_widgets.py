"""Pieces shared by the counter screens (Выдача, Приёмка, Возвраты): the big verdict line, the
colour of every finding, and a parcel table readable at arm's length.

Every verdict has a colour, a tone and a sentence, so the operator hears, sees and reads the same
thing; the sentence is what the colour-blind rely on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pvzdesk.domain.dates import format_user_date
from pvzdesk.domain.rules import Finding, FindingCode, Severity
from pvzdesk.i18n import current_language
from pvzdesk.services.messages import describe
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import Tone

# (background, text) — strong enough to be told apart from across the counter.
DONE = ("#2e7d32", "#ffffff")  # committed: the one "green flash"
READY = ("#c8e6c9", "#1b5e20")  # scanned into the hand-over, not written yet
NEUTRAL = ("#f5f5f5", "#212121")
ERROR = ("#c62828", "#ffffff")  # nothing was recorded
INFO = ("#e3f2fd", "#0d47a1")
FINDING_COLOURS: dict[FindingCode, tuple[str, str]] = {
    FindingCode.UNKNOWN_CODE: ("#c62828", "#ffffff"),
    FindingCode.NOT_A_PARCEL: ("#c62828", "#ffffff"),
    FindingCode.WRONG_CUSTOMER: ("#6a1b9a", "#ffffff"),  # purple: put it aside, not ours
    FindingCode.BUYER_CANCELLED: ("#c62828", "#ffffff"),
    FindingCode.ALREADY_ISSUED: ("#37474f", "#ffffff"),  # slate: it already left
    FindingCode.ALREADY_SENT_BACK: ("#37474f", "#ffffff"),
    FindingCode.ALREADY_RECEIVED: ("#546e7a", "#ffffff"),
    FindingCode.REFUSED_EARLIER: ("#37474f", "#ffffff"),
    FindingCode.EXPIRED: ("#e65100", "#ffffff"),  # orange: storage ended
    FindingCode.NOT_EXPIRED: ("#ffb74d", "#000000"),
    FindingCode.MISSING_PLACES: ("#ffca28", "#000000"),  # amber: find the other places
    FindingCode.NOT_IN_MANIFEST: ("#fff176", "#000000"),  # yellow: recorded, check later
    FindingCode.NOT_RECEIVED: ("#fff176", "#000000"),
    FindingCode.NOT_ISSUED: ("#c62828", "#ffffff"),
    FindingCode.NOT_AT_POINT: ("#c62828", "#ffffff"),
    FindingCode.NO_DEADLINE: ("#c62828", "#ffffff"),
    FindingCode.CUSTOMER_CODE_UNVERIFIED: INFO,
}
_SEVERITY_ORDER = {Severity.BLOCK: 0, Severity.WARNING: 1, Severity.INFO: 2}
FLASH_MS = 1_500


def worst(findings: Iterable[Finding]) -> Finding | None:
    ranked = sorted(
        (f for f in findings if f.code is not FindingCode.CUSTOMER_CODE_UNVERIFIED),
        key=lambda f: _SEVERITY_ORDER[f.severity],
    )
    return ranked[0] if ranked else None


def tone_for(findings: Iterable[Finding], *, written: bool) -> Tone:
    found = list(findings)
    if any(f.severity is Severity.BLOCK for f in found):
        return Tone.ERROR if not written else Tone.WARNING
    if any(f.severity is Severity.WARNING for f in found):
        return Tone.WARNING
    return Tone.SUCCESS


def colours_for(finding: Finding | None) -> tuple[str, str]:
    return DONE if finding is None else FINDING_COLOURS.get(finding.code, NEUTRAL)


def sentences(findings: Iterable[Finding]) -> str:
    return " ".join(
        describe(f) for f in findings if f.code is not FindingCode.CUSTOMER_CODE_UNVERIFIED
    )


def user_date(value: date | None) -> str:
    return format_user_date(value, current_language()) if value else "—"


def heading_and_hint() -> tuple[QLabel, QLabel]:
    """A counter screen's large title and its one-line instruction (wraps on narrow screens)."""
    heading = QLabel()
    heading.setFont(big_font(24, bold=True))
    hint = QLabel()
    hint.setFont(big_font(14))
    hint.setWordWrap(True)
    return heading, hint


def big_font(points: int, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


class VerdictLine(QLabel):
    """The big line under the scanner: what the last scan or action did. A green ``flash`` is
    shown only for committed work, then it settles to a calm green."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdict")
        self.setWordWrap(True)
        self.setMinimumHeight(96)
        self.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        self.setFont(big_font(20, bold=True))
        self.colours = NEUTRAL
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.timeout.connect(lambda: self._paint(READY))
        self.say("", NEUTRAL)

    def say(self, text: str, colours: tuple[str, str]) -> None:
        self._settle.stop()
        self.setText(text)
        self._paint(colours)

    def show_error(self, text: str) -> None:
        """Red: nothing was recorded (``Screen.refuse_scan``)."""
        self.say(text, ERROR)

    def flash(self, text: str) -> None:
        """Committed: strong green for a moment, then light green (the text stays)."""
        self.say(text, DONE)
        self._settle.start(FLASH_MS)

    def show_result(self, result: OpResult, done_text: str) -> Tone:
        """The verdict of a committed operation; returns the tone to play."""
        written = bool(result.entries)
        tone = tone_for(result.findings, written=written)
        text = " ".join(t for t in (done_text if written else "", sentences(result.findings)) if t)
        if tone is Tone.SUCCESS:
            self.flash(text)
        else:
            self.say(text, colours_for(worst(result.findings)))
        return tone

    def _paint(self, colours: tuple[str, str]) -> None:
        self.colours = colours
        background, text = colours
        self.setStyleSheet(
            f"QLabel#verdict {{ background: {background}; color: {text}; padding: 12px 18px;"
            " border-radius: 8px; }"
        )


class SelectionFrame(QStyledItemDelegate):
    """The selected row keeps its status colour (a style's highlight would paint over it) and
    gets a thick dark frame instead."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Any) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        if selected:
            rect = option.rect
            painter.save()
            painter.setPen(QPen(QColor("#0d47a1"), 4))
            painter.drawLine(rect.topLeft(), rect.topRight())
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
            if index.column() == 0:
                painter.drawLine(rect.topLeft(), rect.bottomLeft())
            painter.restore()


class ParcelTable(QTableWidget):
    """Rows of parcels in large type; ``paint_row`` colours a whole row."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setFont(big_font(16))
        self.horizontalHeader().setFont(big_font(13, bold=True))
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(44)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.big_column = -1  # a column in very large type (the cell to fetch the parcel from)
        self.setItemDelegate(SelectionFrame(self))

    def set_headers(self, headers: Sequence[str]) -> None:
        self.setHorizontalHeaderLabels(list(headers))

    def set_row(self, row: int, values: Sequence[str], colours: tuple[str, str]) -> None:
        if row >= self.rowCount():
            self.setRowCount(row + 1)
        background, text = QBrush(QColor(colours[0])), QBrush(QColor(colours[1]))
        for column, value in enumerate(values):
            item = self.item(row, column)
            if item is None:
                item = QTableWidgetItem()
                self.setItem(row, column, item)
            item.setText(value)
            if column == self.big_column:
                item.setFont(big_font(30, bold=True))
                self.setRowHeight(row, 60)
            item.setBackground(background)
            item.setForeground(text)

    def scroll_to_row(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            self.scrollToItem(item)

    def row_text(self, row: int, column: int = 0) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def row_colours(self, row: int) -> tuple[str, str]:
        item = self.item(row, 0)
        if item is None:
            return NEUTRAL
        return item.background().color().name(), item.foreground().color().name()
