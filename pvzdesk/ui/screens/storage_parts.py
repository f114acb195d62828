"""Pieces of the Хранение screen: the table of parcels at the point and the two extend dialogs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.models import DeadlineSource
from pvzdesk.domain.policy import MAX_EXTENSION_DAYS, days_left, extended_deadline
from pvzdesk.domain.state import PostingState, PostingStatus
from pvzdesk.services.incidents import Incident
from pvzdesk.ui.context import Tone
from pvzdesk.ui.dialogs import make_deliberate
from pvzdesk.ui.screens.office import DateField, MessageLine, user_date

ModelIndex = QModelIndex | QPersistentModelIndex

# Row colours: overdue red, last day orange, tomorrow yellow (the days-left text says it too).
OVERDUE = QColor("#f6b9bd")
LAST_DAY = QColor("#ffd59a")
TOMORROW = QColor("#fff3b0")


class DueFilter(StrEnum):
    ALL = "all"
    OVERDUE = "overdue"
    TODAY = "today"
    TOMORROW = "tomorrow"


def matches(state: PostingState, due: DueFilter, today: date) -> bool:
    if due is DueFilter.ALL:
        return True
    if state.storage_until is None:
        return False
    left = days_left(state.storage_until, today)
    return {DueFilter.OVERDUE: left < 0, DueFilter.TODAY: left == 0, DueFilter.TOMORROW: left == 1}[
        due
    ]


class StorageModel(QAbstractTableModel):
    """Parcels at the point, earliest deadline first, with days left and a colour; with several
    desks, the desk that received each one."""

    COLUMNS = 7
    DESK_COLUMN = 6

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.states: list[PostingState] = []
        self.today = date.min
        self.desks: dict[str, str] = {}  # posting -> desk name (a point database only)

    def set_rows(self, states: list[PostingState], today: date) -> None:
        self.beginResetModel()
        self.states = states
        self.today = today
        self.endResetModel()

    def state_at(self, row: int) -> PostingState | None:
        return self.states[row] if 0 <= row < len(self.states) else None

    def row_of(self, posting: str) -> int:
        return next((i for i, state in enumerate(self.states) if state.posting == posting), -1)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.states)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self.tr("Posting"),
            self.tr("Cell"),
            self.tr("Status"),
            self.tr("Stored until"),
            self.tr("Days left"),
            self.tr("Deadline set by"),
            self.tr("Desk"),
        )[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        state = self.state_at(index.row()) if index.isValid() else None
        if state is None:
            return None
        left = days_left(state.storage_until, self.today) if state.storage_until else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(state, index.column(), left)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.DESK_COLUMN:
            desk = self.desks.get(state.posting, "")
            return self.desk_text(state, desk) if desk else None
        if role == Qt.ItemDataRole.BackgroundRole and left is not None and left <= 1:
            return QBrush(OVERDUE if left < 0 else LAST_DAY if left == 0 else TOMORROW)
        if role == Qt.ItemDataRole.ForegroundRole and left is not None and left <= 1:
            return QBrush(QColor("#000000"))  # readable on the pale colours in a dark theme too
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 4:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, state: PostingState, column: int, left: int | None) -> str:
        if column == 0:
            return state.posting
        if column == 1:
            return state.cell
        if column == 2:
            return self.status_name(state.status)
        if column == 3:
            return user_date(state.storage_until) if state.storage_until else "—"
        if column == 4:
            return self.days_text(left)
        if column == 5:
            return self.source_name(state.storage_source)
        return self.desks.get(state.posting, "")

    def desk_text(self, state: PostingState, desk: str) -> str:
        """«принят на кассе 1»: where the parcel came to the point."""
        if state.status is PostingStatus.REFUSED:
            return self.tr("refused at desk {desk}").format(desk=desk)
        if state.status is PostingStatus.RETURNED:
            return self.tr("returned at desk {desk}").format(desk=desk)
        return self.tr("received at desk {desk}").format(desk=desk)

    def days_text(self, left: int | None) -> str:
        if left is None:
            return "—"
        if left < 0:
            return self.tr("overdue {days} d").format(days=-left)
        if left == 0:
            return self.tr("last day")
        if left == 1:
            return self.tr("tomorrow")
        return str(left)

    def status_name(self, status: PostingStatus) -> str:
        names = {
            PostingStatus.IN_STORAGE: self.tr("waiting for customer"),
            PostingStatus.REFUSED: self.tr("refused, to send back"),
            PostingStatus.RETURNED: self.tr("returned, to send back"),
        }
        return names.get(status, status.value)

    def source_name(self, source: DeadlineSource | None) -> str:
        names = {
            DeadlineSource.POLICY: self.tr("storage period"),
            DeadlineSource.CUSTOMER: self.tr("customer"),
            DeadlineSource.PLATFORM: self.tr("platform"),
            DeadlineSource.OPERATOR: self.tr("operator"),
            DeadlineSource.IMPORT: self.tr("import"),
        }
        return names.get(source, "") if source is not None else ""


@dataclass(frozen=True)
class ExtendChoice:
    days: int | None
    until: date | None
    reason: DeadlineSource


def _ok_cancel(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ExtendDialog(QDialog):
    """+N days or a new date typed as people write it. It names every parcel with its old → new
    deadline; F10 confirms (never Enter: a scanner's Enter must not extend), Esc cancels."""

    def __init__(
        self, states: list[PostingState], today: date, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.today = today
        self.states = states
        self.choice: ExtendChoice | None = None
        self.setWindowTitle(self.tr("Extend storage"))
        self.by_days = QRadioButton(self.tr("By &days:"))
        self.by_days.setChecked(True)
        self.days = QSpinBox()
        self.days.setRange(1, MAX_EXTENSION_DAYS)
        self.days.setValue(3)
        self.by_date = QRadioButton(self.tr("Until &date:"))
        self.until = DateField(self.tr("28.11.2026"))
        self.until.textEdited.connect(lambda _text: self.by_date.setChecked(True))
        self.days.valueChanged.connect(lambda _value: self.by_days.setChecked(True))
        self.reason = QComboBox()
        self.reason.addItem(self.tr("the customer asked"), DeadlineSource.CUSTOMER.value)
        self.reason.addItem(self.tr("the platform extended it"), DeadlineSource.PLATFORM.value)
        self.reason.addItem(self.tr("the operator decided"), DeadlineSource.OPERATOR.value)
        self.error = MessageLine()
        self.preview = QLabel()
        self.preview.setObjectName("extendPreview")
        self.preview.setWordWrap(True)
        self.preview.setStyleSheet("font-size: 14pt;")
        form = QFormLayout()
        form.addRow(self.by_days, self.days)
        form.addRow(self.by_date, self.until)
        form.addRow(self.tr("&Why:"), self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("Extend storage of {count} parcel(s).").format(count=len(states)))
        )
        layout.addWidget(self.preview)
        layout.addLayout(form)
        layout.addWidget(self.error)
        buttons = _ok_cancel(self, self.tr("Extend"))
        layout.addWidget(buttons)
        make_deliberate(self, buttons.button(QDialogButtonBox.StandardButton.Ok))
        for signal in (self.days.valueChanged, self.until.textEdited, self.by_days.toggled):
            signal.connect(lambda *_args: self.show_preview())
        self.show_preview()
        self.days.setFocus()

    def new_deadline(self, current: date) -> date | None:
        """What ``current`` becomes with the choice as it stands (None: not a valid choice)."""
        try:
            if self.by_days.isChecked():
                return extended_deadline(current, days=self.days.value())
            until = self.until.value(self.today)
            return extended_deadline(current, until=until) if until is not None else None
        except ValueError:
            return None

    def show_preview(self) -> None:
        lines = []
        for state in self.states[:6]:
            old = state.storage_until
            new = self.new_deadline(old) if old is not None else None
            before = user_date(old) if old is not None else "—"
            lines.append(f"{state.posting}: {before} → {user_date(new) if new else '?'}")
        if len(self.states) > 6:
            lines.append(self.tr("… and {count} more").format(count=len(self.states) - 6))
        self.preview.setText("\n".join(lines))

    def accept(self) -> None:
        reason = DeadlineSource(str(self.reason.currentData()))
        if self.by_days.isChecked():
            self.choice = ExtendChoice(self.days.value(), None, reason)
            super().accept()
            return
        try:
            until = self.until.value(self.today)
        except ValueError:
            until = None
        if until is None or until <= self.today:
            self.error.show_message(self.tr("Type a future date like 28.11.2026."), Tone.ERROR)
            self.until.setFocus()
            return
        self.choice = ExtendChoice(None, until, reason)
        super().accept()


class IncidentExtendDialog(QDialog):
    """Every parcel that sat at the point during an outage gets +N days (as platforms do)."""

    def __init__(
        self, incidents: list[Incident], describe: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Extend after an outage"))
        self.incident = QComboBox()
        for incident, text in zip(incidents, describe, strict=True):
            self.incident.addItem(text, incident.incident_id)
        self.incident.setCurrentIndex(len(incidents) - 1)  # the latest outage is the usual one
        self.days = QSpinBox()
        self.days.setRange(1, MAX_EXTENSION_DAYS)
        self.days.setValue(1)
        form = QFormLayout()
        form.addRow(self.tr("&Outage:"), self.incident)
        form.addRow(self.tr("&Add days:"), self.days)
        note = QLabel(
            self.tr("Every parcel that was at the point during the outage gets the extra days.")
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        buttons = _ok_cancel(self, self.tr("Extend all"))
        layout.addWidget(buttons)
        make_deliberate(self, buttons.button(QDialogButtonBox.StandardButton.Ok))
        self.days.setFocus()

    @property
    def incident_id(self) -> str:
        return str(self.incident.currentData())
