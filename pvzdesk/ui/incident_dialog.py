"""Declaring a platform outage by hand, and when it began; ending one declared by hand.

Everything journaled from the outage's start is on the re-entry list, so the start is asked, not
assumed (default: now), in the form people write it: 14:05 today, or 28.11.2026 14:05. A start
ahead of now, or before the previous outage ended, is refused here and again by the service.
The health monitor ends the outages it began itself; one a person declared, a person ends (the
same dialog, opened while it is open). F10 confirms, Esc cancels, Enter presses nothing.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pvzdesk.domain.dates import format_user_time, parse_user_moment
from pvzdesk.errors import UsageError
from pvzdesk.i18n import current_language
from pvzdesk.services.incidents import MANUAL, Incident, IncidentService
from pvzdesk.ui.dialogs import make_deliberate
from pvzdesk.ui.screens.office import MessageLine
from pvzdesk.ui.sounds import Tone


def user_time(moment: datetime, now: datetime) -> str:
    """In the counter clock's zone: the zone the time field is typed in."""
    return format_user_time(moment.astimezone(now.tzinfo), current_language())


class IncidentDialog(QDialog):
    """``declaring``: no outage is open, one is declared; else ``current`` is the open one, and
    (when a person declared it) F10 ends it. After ``Accepted``: ``began`` (None: now) and
    ``detail`` to declare, or ``ending`` is True."""

    def __init__(self, incidents: IncidentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.incidents = incidents
        self.now = incidents.clock.now()
        self.current: Incident | None = incidents.open_incident()
        self.declaring = self.current is None
        self.began: datetime | None = None
        self.ending = False
        self.setObjectName("incidentDialog")
        self.text = QLabel()
        self.text.setObjectName("incidentText")
        self.text.setWordWrap(True)
        self.error = MessageLine()
        self.error.setObjectName("incidentError")
        self.began_field = QLineEdit()
        self.began_field.setObjectName("began")
        self.detail = QLineEdit()
        self.detail.setObjectName("detail")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.confirm_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        if self.declaring:
            self._build_declare(layout)
        else:
            self._build_end()
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        make_deliberate(self, self.confirm_button)
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.setMinimumWidth(640)

    def _build_declare(self, layout: QVBoxLayout) -> None:
        self.setWindowTitle(self.tr("Declare a platform outage"))
        self.text.setText(
            self.tr(
                "The platform does not work, and the counter has not noticed by itself? Declare "
                "an outage: every operation from the time it began goes on the re-entry list."
            )
        )
        self.began_field.setText(self.now.strftime("%H:%M"))
        self.began_field.setPlaceholderText(self.tr("14:05 or 28.11.2026 14:05"))
        self.began_field.selectAll()  # typing replaces "now"
        self.detail.setPlaceholderText(self.tr("e.g. the Ozon page does not open"))
        form = QFormLayout()
        form.addRow(self.tr("&Began at:"), self.began_field)
        form.addRow(self.tr("&What happened:"), self.detail)
        hint = QLabel(self.tr("Today's time is enough (14:05); another day: 28.11.2026 14:05."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555555;")
        layout.addLayout(form)
        layout.addWidget(hint)
        self.confirm_button.setText(self.tr("Declare the outage"))
        self.began_field.setFocus()

    def _build_end(self) -> None:
        current = self.current
        assert current is not None
        self.setWindowTitle(self.tr("Platform outage"))
        self.began_field.hide()
        self.detail.hide()
        if current.reason == MANUAL:
            self.text.setText(
                self.tr(
                    "An outage declared by hand is open since {start}. Is the platform working "
                    "again? Ending it closes the outage in the journal."
                ).format(start=user_time(current.started_at, self.now))
            )
            self.confirm_button.setText(self.tr("End the outage"))
        else:
            self.text.setText(
                self.tr(
                    "The counter found the platform unavailable since {start}; it ends this "
                    "outage by itself as soon as the platform answers again."
                ).format(start=user_time(current.started_at, self.now))
            )
            self.confirm_button.setText(self.tr("End the outage"))
            self.confirm_button.setEnabled(False)
            self.confirm_button.hide()
        self.cancel_button.setFocus()

    def accept(self) -> None:
        if not self.declaring:
            if self.current is not None and self.current.reason == MANUAL:
                self.ending = True
                super().accept()
            return
        typed = self.began_field.text().strip()
        try:
            began = (
                None if typed == self.now.strftime("%H:%M") else parse_user_moment(typed, self.now)
            )
        except ValueError:
            self.error.show_message(
                self.tr("Write the time like 14:05, or the day and time like 28.11.2026 14:05."),
                Tone.ERROR,
            )
            self.began_field.setFocus()
            self.began_field.selectAll()
            return
        try:
            self.incidents.check_declared_start(began)
        except UsageError as refused:
            self.error.show_message(str(refused), Tone.ERROR)
            self.began_field.setFocus()
            self.began_field.selectAll()
            return
        self.began = began
        super().accept()
