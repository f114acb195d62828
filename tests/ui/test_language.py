"""Russian by default through Qt translators; English is the source language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.i18n import set_language
from pvzdesk.settings import Settings, load_settings, replace, save_settings
from pvzdesk.ui.app import build_window, start_settings
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.settings import SettingsScreen
from pvzdesk.ui.translations import install_translations
from tests.ui.conftest import NOW
from tests.ui.office_helpers import open_screen


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


def _open_window(data_dir: Path, qtbot: QtBot) -> tuple[AppContext, UiContext, MainWindow]:
    """A start as ``run_gui`` makes it: the saved settings' language first, then the window."""
    start_settings(data_dir)
    app = open_app(data_dir, clock=FixedClock(NOW))
    ctx, window = build_window(app, monitor=None, feed=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return app, ctx, window


def _choose_language(window: MainWindow, qtbot: QtBot, language: str) -> None:
    screen = open_screen(window, "settings")
    assert isinstance(screen, SettingsScreen)
    screen.language.setCurrentIndex(screen.language.findData(language))
    window.activateWindow()  # the shortcut works in the active window, as at the counter
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(screen.operator, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: load_settings(window.ctx.app.paths.settings).language == language)


def _close(app: AppContext, ctx: UiContext, window: MainWindow) -> None:
    window.close()
    window.scan_input.uninstall()
    ctx.shutdown()
    app.close()


def test_the_language_chosen_in_settings_survives_a_restart(tmp_path: Path, qtbot: QtBot) -> None:
    save_settings(tmp_path / "settings.toml", Settings(sounds=False, language="en"))
    try:
        app, ctx, window = _open_window(tmp_path, qtbot)
        assert "Issue" in window.navigation.item(0).text()
        _choose_language(window, qtbot, "ru")
        _close(app, ctx, window)

        app, ctx, window = _open_window(tmp_path, qtbot)  # the next morning
        assert "Выдача" in window.navigation.item(0).text()
        assert "Платформа" in window.status.platform_label.text()
        screen = open_screen(window, "settings")
        assert isinstance(screen, SettingsScreen)
        assert screen.language.currentData() == "ru"
        _choose_language(window, qtbot, "en")  # and back, the same way
        _close(app, ctx, window)

        app, ctx, window = _open_window(tmp_path, qtbot)
        assert "Issue" in window.navigation.item(0).text()
        _close(app, ctx, window)
    finally:
        install_translations("en")
        set_language("en")


def test_a_kept_demo_folder_keeps_its_chosen_language(tmp_path: Path) -> None:
    """The GUI demo keeps its folder: its next start must not write the defaults over the
    language (and operator) chosen in it; only the simulator's address is new."""
    from pvzdesk.demo import prepare_demo

    root = tmp_path / "demo"
    first = prepare_demo(root, postings=5)
    first.close()
    chosen = load_settings(root / "settings.toml")
    save_settings(root / "settings.toml", replace(chosen, language="en", operator="Анна"))
    again = prepare_demo(root, postings=5)
    try:
        kept = load_settings(root / "settings.toml")
        assert (kept.language, kept.operator) == ("en", "Анна")
        assert kept.platform.seller_api_url == again.simulator.base_url
    finally:
        again.close()
