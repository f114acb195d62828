"""Scanner input is the counter's, always: a wedge burst into a dialog, a menu or a settings
field changes nothing there; it is held and reaches the counter once the dialog closes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.scan import ScanRead
from pvzdesk.ui.context import Tone, UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.journal import JournalScreen
from pvzdesk.ui.screens.settings import SettingsScreen
from pvzdesk.ui.screens.storage import StorageScreen
from tests.ui.conftest import NOW, wedge
from tests.ui.office_helpers import answer_next_dialog, open_screen, seed_parcels, wait_idle

# The offscreen platform cannot size, raise or grab for a window the way a real one does.
pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)

TODAY = NOW.date()
P1, P2 = "0132112277-0101-1", "0132112277-0102-1"


def _storage(app: AppContext, window: MainWindow, qtbot: QtBot) -> StorageScreen:
    seed_parcels(app, {P1: TODAY + timedelta(days=1), P2: TODAY - timedelta(days=3)})
    screen = open_screen(window, "storage")
    assert isinstance(screen, StorageScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5000)
    return screen


def _close(qtbot: QtBot, dialog: QWidget) -> None:
    """Esc pressed in the dialog, sent straight to it: the offscreen platform does not always
    make a new dialog the active window, and then the screen's own Esc shortcut would take it
    (and a modal left open would hang the test)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            dialog, QKeyEvent(kind, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
        )


def _burst_then_close(
    qtbot: QtBot, window: MainWindow, field_name: str, before: int, app: AppContext
) -> list[QWidget]:
    """When the next dialog opens: a scan burst into ``field_name``; the dialog stays open,
    its field unchanged, nothing written, the scan held; then Esc."""

    def answer(dialog: QWidget) -> None:
        try:
            field = getattr(dialog, field_name)
            text_before = field.text()
            wedge(qtbot, field, P2)
            assert dialog.isVisible()  # Enter of the burst pressed nothing
            assert field.text() == text_before  # and not one character was typed into it
            assert app.store.journal.count() == before
            assert [read.text for read in window.scan_input.held_scans] == [P2]
            assert window.ctx.sounds.played[-1] is Tone.WARNING  # held, and said so
            checked.append(True)
        finally:
            _close(qtbot, dialog)

    checked: list[bool] = []
    answer_next_dialog(qtbot, answer)
    return checked


def test_burst_into_extend_dialog_is_held_for_the_counter(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = _storage(app, window, qtbot)
    window.route_scan(ScanRead.typed(P1, NOW))
    before = app.store.journal.count()
    seen = _burst_then_close(qtbot, window, "until", before, app)
    qtbot.keyClick(screen.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert seen and app.store.journal.count() == before
    # Once the dialog is closed the held scan reaches the counter: Хранение selects that parcel.
    qtbot.waitUntil(lambda: not window.scan_input.held_scans)
    qtbot.waitUntil(lambda: screen.selected_postings() == [P2])


def test_burst_into_send_back_question_changes_nothing(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = _storage(app, window, qtbot)
    window.route_scan(ScanRead.typed(P1, NOW))
    before = app.store.journal.count()

    def answer(dialog: QWidget) -> None:
        try:
            wedge(qtbot, dialog, P2)
            qtbot.keyClick(dialog, Qt.Key.Key_Return)  # a stray Enter of a person, too
            assert dialog.isVisible()
            assert app.store.journal.count() == before
            seen.append(True)
        finally:
            _close(qtbot, dialog)

    seen: list[bool] = []
    answer_next_dialog(qtbot, answer)
    qtbot.keyClick(screen.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert seen
    wait_idle(qtbot, ctx)
    assert app.store.journal.count() == before
    qtbot.waitUntil(lambda: screen.selected_postings() == [P2])


def test_burst_into_void_dialog_voids_nothing(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    seed_parcels(app, {P1: TODAY + timedelta(days=1), P2: TODAY})
    screen = open_screen(window, "journal")
    assert isinstance(screen, JournalScreen)
    qtbot.waitUntil(lambda: len(screen.model.entries) >= 2, timeout=5000)
    screen.table.selectRow(0)
    screen.table.setFocus()
    before = app.store.journal.count()
    seen = _burst_then_close(qtbot, window, "reason", before, app)
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert seen
    wait_idle(qtbot, ctx)
    assert app.store.journal.count() == before
    assert not app.store.journal.voided_ids()
    qtbot.waitUntil(lambda: not window.scan_input.held_scans)


def test_burst_into_settings_field_types_nothing(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = open_screen(window, "settings")
    assert isinstance(screen, SettingsScreen)
    fields = [f for f in screen.findChildren(QLineEdit) if f.isVisible() and f.isEnabled()]
    assert fields
    field = fields[0]
    field.setFocus()
    text_before = field.text()
    wedge(qtbot, field, P1)
    assert field.text() == text_before
    assert ctx.sounds.played[-1] is Tone.WARNING  # a scan that means nothing here is said so
    assert P1 in window.status.note_label.text()


def test_burst_with_a_menu_open_closes_it_and_reaches_the_counter(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    window.counter_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    wedge(qtbot, window.counter_menu, "12345678*1234")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert "12345678*1234" in window.screens[0].customer_label.text()  # type: ignore[attr-defined]
