"""Helpers for the back-office screen tests: modal dialogs answered by keyboard, seeded parcels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.base import Screen
from tests.ui.conftest import add_manifest, posting


def answer_next_dialog(qtbot: QtBot, answer: Callable[[QWidget], None]) -> list[QWidget]:
    """When the next modal dialog opens and is the active window, hand it to ``answer`` (which
    types and presses keys).

    Keys go to the active window's shortcuts first: answered before its activation was processed
    (a busy machine lets the poll's timer fire first), Esc would reach the screen's own shortcut,
    the dialog would stay open and the test would hang in its event loop. The offscreen platform
    may never activate it by itself, so it is asked to, and answered anyway after 100 polls."""
    seen: list[QWidget] = []
    polls = 0

    def poll() -> None:
        nonlocal polls
        polls += 1
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        if QApplication.activeWindow() is not dialog and polls < 100:
            dialog.activateWindow()
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        answer(dialog)

    QTimer.singleShot(20, poll)
    return seen


def seed_parcels(app: AppContext, deadlines: dict[str, date]) -> None:
    """Parcels in the manifest with these deadlines, received at the point."""
    add_manifest(app, [posting(number, storage_until=until) for number, until in deadlines.items()])
    result = app.counter.receive(list(deadlines))
    assert len(result.entries) == len(deadlines), result.findings


def wait_idle(qtbot: QtBot, ctx: UiContext) -> None:
    qtbot.waitUntil(lambda: not ctx.busy, timeout=10_000)


SCREEN_INDEX = {"storage": 3, "reconcile": 4, "journal": 5, "reports": 6, "settings": 7}


def open_screen(window: MainWindow, name: str) -> Screen:
    """Bring one of the back-office screens to front in the real main window."""
    window.show_screen(SCREEN_INDEX[name])
    return window.screens[SCREEN_INDEX[name]]
