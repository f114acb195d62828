"""Dialogs that change data take a deliberate key: F10 (or a click), never Enter.

A wedge scanner ends every code with Enter, and a person at a busy counter presses Enter out of
habit; neither may extend, void or send anything back. ``ScanInput`` already keeps scanner bursts
out of dialogs; this is the second fence for a burst too slow to be recognised as one: no button
of such a dialog is a default button, Enter and Return are swallowed, and F10 confirms.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

CONFIRM_KEY = "F10"
_ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})


class _NoEnter(QObject):
    """Keeps Enter from confirming: no default button (also after the button box picks one when
    shown) and the dialog itself never sees Return/Enter."""

    def __init__(self, dialog: QDialog, confirm: QPushButton) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.confirm = confirm

    def strip_defaults(self) -> None:
        for button in self.dialog.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            self.strip_defaults()
        elif event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = Qt.Key(event.key())
            if key in _ENTER_KEYS:
                return True
            if key == Qt.Key.Key_F10:  # the shortcut did not take it (the window is not active)
                if self.confirm.isEnabled():
                    self.confirm.click()
                return True
        return False


def make_deliberate(dialog: QDialog, confirm: QPushButton) -> None:
    """F10 presses ``confirm`` (its text says so); Enter presses nothing."""
    fence = _NoEnter(dialog, confirm)
    dialog.installEventFilter(fence)
    fence.strip_defaults()
    confirm.setText(f"{confirm.text()} ({CONFIRM_KEY})")
    shortcut = QShortcut(QKeySequence(CONFIRM_KEY), dialog)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: confirm.click() if confirm.isEnabled() else None)


class QuestionDialog(QDialog):
    """A yes/no question answered by F10 (yes) or Esc (no), never by Enter or a letter."""

    def __init__(
        self, title: str, question: str, yes: str, no: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        text = QLabel(question)
        text.setWordWrap(True)
        text.setObjectName("question")
        self.yes_button = QPushButton(yes)
        self.no_button = QPushButton(f"{no} (Esc)")
        self.yes_button.clicked.connect(self.accept)
        self.no_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.yes_button)
        buttons.addWidget(self.no_button)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(buttons)
        make_deliberate(self, self.yes_button)
        self.setMinimumWidth(480)
        self.no_button.setFocus()


def ask(parent: QWidget, title: str, question: str, yes: str, no: str) -> bool:
    """Ask and wait; ``True`` only for a deliberate yes."""
    dialog = QuestionDialog(title, question, yes, no, parent)
    answer = dialog.exec() == QDialog.DialogCode.Accepted
    # The counter window takes the keys again (some platforms leave no window active).
    parent.window().activateWindow()
    return answer
