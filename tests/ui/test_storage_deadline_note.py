"""Хранение says whose deadlines these are: the platform has none for a pickup point (issue 12),
so the dates are this point's own and are extended here after an outage."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.i18n import set_language
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.storage import StorageScreen
from pvzdesk.ui.translations import install_translations
from tests.ui.office_helpers import open_screen


@pytest.fixture
def russian_ui() -> Iterator[None]:
    install_translations("ru")
    try:
        yield
    finally:
        install_translations("en")
        set_language("en")


def test_storage_says_the_deadlines_are_this_points_own(
    russian_ui: None, ctx: UiContext, qtbot: QtBot
) -> None:
    window = MainWindow(ctx, install_scanner=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    screen = open_screen(window, "storage")
    assert isinstance(screen, StorageScreen)
    qtbot.waitUntil(screen.deadline_note.isVisible, timeout=5000)
    note = screen.deadline_note.text()
    assert "этого пункта" in note and "платформа их не сообщает" in note
    assert "продлевайте" in note
