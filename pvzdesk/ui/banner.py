"""The outage banner above the screens. Not a dialog: the counter keeps scanning under it.

Offline: it says the counter works offline and everything is being recorded. Back online after an
outage: it says so and offers reconciliation (a button that opens Сверка). A damaged journal
(``CounterStatus.storage_fault``) outranks both: dark red, the error and what to do, no buttons;
it stays until the program is restarted on a sound journal.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from pvzdesk.ui.context import UiContext
from pvzdesk.ui.status import CounterStatus, PlatformState

_TEXT = "QLabel { color: white; font-size: 17pt; font-weight: bold; }"
_BUTTONS = "QPushButton { font-size: 15pt; padding: 8px 18px; }"
_OFFLINE_STYLE = f"QFrame#banner {{ background: #c62828; }} {_TEXT} {_BUTTONS}"
_BACK_STYLE = f"QFrame#banner {{ background: #2e7d32; }} {_TEXT} {_BUTTONS}"
_FAULT_STYLE = f"QFrame#banner {{ background: #8b0000; }} {_TEXT} {_BUTTONS}"


class OutageBanner(QFrame):
    reconcile_requested = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("banner")
        self.mode = ""  # "", "fault", "offline", "recovered"
        self._was_offline = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        self.text = QLabel()
        self.text.setObjectName("bannerText")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.reconcile_button = QPushButton()
        self.reconcile_button.clicked.connect(self._reconcile)
        self.dismiss_button = QPushButton()
        self.dismiss_button.clicked.connect(self._dismiss)
        layout.addWidget(self.reconcile_button)
        layout.addWidget(self.dismiss_button)
        ctx.status_changed.connect(self._status_changed)
        self.hide()
        self._status_changed(ctx.status)

    def _status_changed(self, status: object) -> None:
        assert isinstance(status, CounterStatus)
        state = status.platform.state
        if state is PlatformState.OFFLINE:
            self._was_offline = True
        if status.storage_fault:
            self._show("fault", status)
            return
        if state is PlatformState.OFFLINE:
            self._show("offline", status)
        elif state is PlatformState.ONLINE and self._was_offline:
            self._was_offline = False
            self._show("recovered", status)
        elif self.mode == "recovered":
            self._show("recovered", status)  # keep the backlog count fresh

    def _show(self, mode: str, status: CounterStatus) -> None:
        self.mode = mode
        if mode == "fault":
            self.setStyleSheet(_FAULT_STYLE)
            self.text.setText(f"{status.storage_fault} {status.storage_hint}".strip())
            self.reconcile_button.hide()
            self.dismiss_button.hide()
        elif mode == "offline":
            self.setStyleSheet(_OFFLINE_STYLE)
            self.text.setText(
                self.tr(
                    "The platform is not available. The counter works offline: keep scanning, "
                    "every operation is recorded in the journal and will be reconciled later."
                )
            )
            self.reconcile_button.hide()
            self.dismiss_button.hide()
        else:
            self.setStyleSheet(_BACK_STYLE)
            self.text.setText(
                self.tr(
                    "The platform is back. {count} operations made offline wait to be reconciled."
                ).format(count=status.waiting)
            )
            self.reconcile_button.setText(self.tr("Reconcile now"))
            self.dismiss_button.setText(self.tr("Later"))
            self.reconcile_button.show()
            self.dismiss_button.show()
        self.show()

    def _reconcile(self) -> None:
        self.reconcile_requested.emit()
        self._dismiss()

    def _dismiss(self) -> None:
        if self.mode == "fault":
            return
        self.mode = ""
        self.hide()
