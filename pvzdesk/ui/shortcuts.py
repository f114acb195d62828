"""Keyboard shortcuts of one screen: active only while that screen (or a child) is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def screen_shortcut(screen: QWidget, keys: str, slot: Callable[[], None]) -> QShortcut:
    shortcut = QShortcut(QKeySequence(keys), screen)
    # Application-wide keys would fire on hidden screens of the stack too.
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut
