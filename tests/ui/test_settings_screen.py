"""Настройки: validated with clear sentences, saved to settings.toml, the key to the keyring only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.secrets import KEYRING_SERVICE
from pvzdesk.services.results import OpResult
from pvzdesk.settings import load_settings
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.settings import SettingsScreen
from tests.memory_keyring import MemoryKeyring
from tests.ui.office_helpers import open_screen


def settings_screen(window: MainWindow) -> SettingsScreen:
    screen = open_screen(window, "settings")
    assert isinstance(screen, SettingsScreen)
    return screen


def test_saves_with_ctrl_s_and_the_key_goes_to_the_keyring_only(
    app: AppContext, window: MainWindow, qtbot: QtBot, memory_keyring: MemoryKeyring
) -> None:
    screen = settings_screen(window)
    screen.operator.setText("Анна")
    screen.storage_days.setValue(10)
    screen.adapter.setCurrentIndex(screen.adapter.findData("ozon_seller"))
    screen.client_id.setText("100500")
    screen.api_key.setText("secret-key-123")
    qtbot.keyClick(screen.operator, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = load_settings(app.paths.settings)
    assert saved.operator == "Анна" and saved.storage_days == 10
    assert saved.platform.adapter == "ozon_seller" and saved.platform.client_id == "100500"
    assert memory_keyring.saved[(KEYRING_SERVICE, "100500")] == "secret-key-123"
    assert "secret-key-123" not in app.paths.settings.read_text(encoding="utf-8")
    assert screen.api_key.text() == ""  # never shown back
    assert app.counter.operator == "Анна" and app.counter.policy.default_days == 10
    assert "saved" in screen.message.text()

    # The scan writer's own services were rebuilt: its next write is signed by the new operator.
    results: list[OpResult] = []
    window.ctx.perform(
        lambda counter: counter.receive(["0132112277-0101-1"]), on_done=results.append
    )
    qtbot.waitUntil(lambda: bool(results))
    assert [entry.operator for entry in results[0].entries] == ["Анна"]


def test_problems_are_sentences_and_nothing_is_saved(
    app: AppContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = settings_screen(window)
    before = app.paths.settings.read_text(encoding="utf-8")
    screen.operator.setText("  ")
    screen.seller_api_url.setText("api-seller.ozon.ru")
    screen.adapter.setCurrentIndex(screen.adapter.findData("ozon_seller"))
    screen.client_id.setText("")
    screen.save()
    text = screen.message.text()
    assert "operator" in text and "https://" in text and "Client-Id" in text
    assert app.paths.settings.read_text(encoding="utf-8") == before


def test_language_change_says_restart_and_esc_undoes(
    app: AppContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = settings_screen(window)
    screen.point_name.setText("ПВЗ на Ленина")
    qtbot.keyClick(screen.point_name, Qt.Key.Key_Escape)
    assert screen.point_name.text() == ""
    screen.language.setCurrentIndex(screen.language.findData("ru"))
    qtbot.keyClick(screen.operator, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "restart" in screen.message.text()
    assert load_settings(app.paths.settings).language == "ru"


def test_an_operator_change_reaches_a_bulk_extend_on_the_db_worker(
    app: AppContext, window: MainWindow, qtbot: QtBot
) -> None:
    """The DB worker's services once kept the operator they were built with: a bulk extend
    after a change in Настройки was signed by the previous operator."""
    parcels = ["0132112277-0101-1", "0132112278-0101-1"]
    app.counter.receive(parcels)
    # The DB worker opens its connection and services now, before the change.
    opened: list[str] = []
    window.ctx.run_db(lambda session, control: session.counter.operator, on_done=opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == ["Оператор"]  # the default until someone signs in

    screen = settings_screen(window)
    screen.operator.setText("Петрова")
    qtbot.keyClick(screen.operator, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_settings(app.paths.settings).operator == "Петрова"

    results: list[OpResult] = []
    window.ctx.run_db(
        lambda session, control: session.counter.extend(parcels, days=3),
        on_done=results.append,
    )
    qtbot.waitUntil(lambda: bool(results))
    assert [entry.operator for entry in results[0].entries] == ["Петрова", "Петрова"]


def test_the_set_up_answers_are_editable_here(
    app: AppContext, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = settings_screen(window)
    screen.operators.setText("Анна, Борис, Анна")
    screen.backup_dir.setText(str(tmp_path / "usb"))
    qtbot.keyClick(screen.operator, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load_settings(app.paths.settings)
    assert saved.operators == ["Анна", "Борис"]
    assert saved.backup_dir == str(tmp_path / "usb")
    screen.load(saved)
    assert screen.operators.text() == "Анна, Борис"
