"""The About box names the version line-up a support ticket needs, and copies it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from pvzdesk import __version__
from pvzdesk.ui.about import AboutBox
from pvzdesk.ui.app import APP_ICON
from pvzdesk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_about_from_the_menu_shows_versions_and_copies_them(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.about_action.trigger()
    box = window.about_box  # type: ignore[attr-defined]
    assert isinstance(box, AboutBox)
    qtbot.waitUntil(box.isVisible)
    text = box.text()
    assert f"pvzdesk {__version__}" in text
    for part in ("Python", "Qt (PySide6)", "Qt runtime", "zxing-cpp", "pyzbar", "SQLite"):
        assert part in text
    assert str(window.ctx.app.paths.root) in text
    box.copy_button.click()
    assert box.isVisible()  # copying does not close it
    clipboard = QGuiApplication.clipboard()
    assert clipboard.text() == text
    box.close()


def test_the_window_icon_ships_in_the_package() -> None:
    assert APP_ICON.is_file() and APP_ICON.read_bytes().startswith(b"<svg")
