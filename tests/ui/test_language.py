"""Russian by default through Qt translators; English is the source language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.i18n import set_language
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.translations import install_translations


@pytest.fixture
def russian_ui() -> Iterator[None]:
    install_translations("ru")
    try:
        yield
    finally:
        install_translations("en")
        set_language("en")


def test_russian_window(russian_ui: None, ctx: UiContext, qtbot: QtBot) -> None:
    window = MainWindow(ctx, install_scanner=False)
    qtbot.addWidget(window)
    assert window.windowTitle().startswith("pvzdesk")
    assert "Выдача" in window.navigation.item(0).text()
    assert "Приёмка" in window.navigation.item(1).text()
    assert "Платформа" in window.status.platform_label.text()
    install_translations("en")  # switching language retranslates the open window
    qtbot.waitUntil(lambda: "Issue" in window.navigation.item(0).text())  # LanguageChange is posted
