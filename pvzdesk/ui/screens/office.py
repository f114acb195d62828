"""Small widgets shared by the back-office screens (storage, reconcile, journal, reports, settings):
the big coloured message line, a progress bar with a cancel button for background jobs, typed
date fields, and the helpers that turn findings and dates into text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QWidget,
)

from pvzdesk.domain.dates import format_user_date, parse_user_date
from pvzdesk.i18n import current_language
from pvzdesk.services.messages import describe
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import JobControl, Progress, Tone

# Colours chosen for contrast at arm's length; the text says the same thing for the colour-blind.
TONE_STYLES = {
    Tone.SUCCESS: "background:#c8e6c9; color:#1b5e20;",
    Tone.WARNING: "background:#ffe9a8; color:#5d4300;",
    Tone.ERROR: "background:#f8c9cc; color:#8b0000;",
}
NEUTRAL_STYLE = "background:transparent; color:palette(window-text);"
HEADING_STYLE = "font-size:20pt; font-weight:600;"


def user_date(value: date) -> str:
    return format_user_date(value, current_language())


def parse_date_text(text: str, today: date) -> date | None:
    """None for an empty field; ValueError when the text is not a date."""
    if not text.strip():
        return None
    try:
        return parse_user_date(text, today)
    except ValueError as error:  # 31.31 fails inside date(): name the text, not the month rule
        raise ValueError(text.strip()) from error


def findings_text(result: OpResult) -> str:
    return " ".join(describe(finding) for finding in result.findings)


def tone_of(result: OpResult) -> Tone:
    if result.blocked and not result.entries:
        return Tone.ERROR
    if result.blocked or result.warned:
        return Tone.WARNING
    return Tone.SUCCESS


def add_shortcut(
    widget: QWidget, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]
) -> QShortcut:
    """A shortcut alive while the screen (or one of its children) has focus."""
    shortcut = QShortcut(QKeySequence(keys), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(HEADING_STYLE)
    return label


class MessageLine(QLabel):
    """The screen's big coloured sentence: what just happened and what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setMinimumHeight(44)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tone: Tone | None = None
        self.clear_message()

    def show_message(self, text: str, tone: Tone | None = None) -> None:
        self.tone = tone
        style = TONE_STYLES.get(tone, NEUTRAL_STYLE) if tone is not None else NEUTRAL_STYLE
        self.setStyleSheet(f"QLabel {{ {style} font-size:15pt; padding:6px 10px; }}")
        self.setText(text)

    def show_error(self, text: str) -> None:
        """Red: nothing was recorded (``Screen.refuse_scan``)."""
        self.show_message(text, Tone.ERROR)

    def clear_message(self) -> None:
        self.show_message("")


class CancelFlag:
    """``is_set()`` over a job's cancel request: what the report writers poll."""

    def __init__(self, control: JobControl) -> None:
        self._control = control

    def is_set(self) -> bool:
        return self._control.cancelled


class CancellableJob(Protocol):
    """A ``Job`` of the workers, or anything else that can finish and be cancelled (the chain
    verifier's child process)."""

    @property
    def finished(self) -> bool: ...

    def cancel(self) -> None: ...


class JobPanel(QWidget):
    """Progress of one background job with a Cancel button; hidden while idle.

    Cancelling only asks: the job stops at its next check and keeps what it committed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: CancellableJob | None = None
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMinimumWidth(260)
        self.bar.setTextVisible(True)
        self.cancel_button = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.cancel_button)
        self.setVisible(False)

    @property
    def running(self) -> bool:
        return self.job is not None and not self.job.finished

    def start(self, job: CancellableJob, text: str) -> None:
        self.job = job
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first progress report says how much
        self.cancel_button.setEnabled(True)
        self.setVisible(True)

    def on_progress(self, progress: Progress) -> None:
        if progress.total > 0:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        if progress.text:
            self.label.setText(progress.text)

    def cancel(self) -> bool:
        """Ask the running job to stop; False when nothing was running."""
        if not self.running:
            return False
        assert self.job is not None
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.label.setText(self.tr("Stopping… what is done stays done."))
        return True

    def finish(self) -> None:
        self.job = None
        self.setVisible(False)


class DateField(QLineEdit):
    """A date typed the way people at the counter write it (28.11.2026, 28.11, 2026-11-28)."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMaximumWidth(180)

    def value(self, today: date) -> date | None:
        return parse_date_text(self.text(), today)

    def set_value(self, value: date | None) -> None:
        self.setText(user_date(value) if value is not None else "")
