"""«Сбой платформы» (Ctrl+Shift+O): declaring an outage and when it began, ending one declared by
hand; driven by the keyboard as an operator does, in a real window over a real journal."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.errors import UsageError
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import Tone, UiContext
from pvzdesk.ui.incident_dialog import IncidentDialog
from pvzdesk.ui.main_window import MainWindow
from tests.ui.conftest import NOW, wedge
from tests.ui.office_helpers import answer_next_dialog, wait_idle

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)

P = "0132112277-0101-1"
PERSON_MS = 60  # a person types; a burst within a millisecond or two is a scan


def outage_keys(qtbot: QtBot, window: MainWindow) -> None:
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_O, modifiers)


def escape(dialog: QWidget) -> None:
    """Esc sent straight to the dialog (the offscreen platform may not make it active)."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(
            dialog, QKeyEvent(kind, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
        )


def type_time(qtbot: QtBot, dialog: IncidentDialog, text: str) -> None:
    dialog.began_field.selectAll()
    qtbot.keyClicks(dialog.began_field, text, delay=PERSON_MS)


def starts(app: AppContext) -> list[object]:
    return list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.INCIDENT_START,))))


def test_declared_by_keyboard_from_the_time_typed(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    seen: dict[str, object] = {}

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        try:
            seen["declaring"] = dialog.declaring
            seen["default"] = dialog.began_field.text()  # now, by default
            seen["selected"] = dialog.began_field.selectedText()  # typing replaces it
            type_time(qtbot, dialog, "09:40")
            qtbot.keyClicks(dialog.detail, "no login", delay=PERSON_MS)
            qtbot.keyClick(dialog.detail, Qt.Key.Key_Return)  # Enter confirms nothing
            seen["after enter"] = (dialog.isVisible(), len(starts(app)))
            seen["confirm"] = dialog.confirm_button.text()
            qtbot.keyClick(dialog, Qt.Key.Key_F10)
        finally:
            if dialog.isVisible():
                escape(dialog)

    answer_next_dialog(qtbot, answer)
    outage_keys(qtbot, window)
    assert seen == {
        "declaring": True,
        "default": "10:00",
        "selected": "10:00",
        "after enter": (True, 0),
        "confirm": "Declare the outage (F10)",
    }
    wait_idle(qtbot, ctx)
    incident = app.incidents.open_incident()
    assert incident is not None and incident.reason == "manual"
    assert incident.started_at == NOW - timedelta(minutes=20)
    assert incident.detail == "no login"
    assert "from 09:40" in window.status.note_label.text()
    assert ctx.sounds.played[-1] is Tone.SUCCESS


def test_a_start_ahead_of_now_or_before_the_last_outage_ended_is_refused(
    app: AppContext, ctx: UiContext, window: MainWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    app.incidents.start("connect", started_at=NOW - timedelta(hours=1))
    app.incidents.end()  # the monitor's outage, 09:00–10:00
    clock.advance(timedelta(minutes=30))  # 10:30 now
    before = app.store.journal.count()
    errors: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        try:
            for typed in ("11:00", "27.06.2025 09:50", "noon"):
                type_time(qtbot, dialog, typed)
                qtbot.keyClick(dialog, Qt.Key.Key_F10)
                if dialog.isVisible():  # refused: the dialog stays, with why
                    errors.append(dialog.error.text())
        finally:
            escape(dialog)

    answer_next_dialog(qtbot, answer)
    outage_keys(qtbot, window)
    assert len(errors) == 3, errors
    assert "cannot begin in the future" in errors[0] and "10:30" in errors[0]
    assert "previous outage ended at" in errors[1] and "10:00" in errors[1]
    assert "like 14:05" in errors[2]
    wait_idle(qtbot, ctx)
    assert app.store.journal.count() == before and app.incidents.open_incident() is None
    # the service refuses the same on its own (the CLI's «incident start --since» too)
    with pytest.raises(UsageError):
        app.incidents.declare(NOW + timedelta(hours=1))
    with pytest.raises(UsageError):
        app.incidents.declare(NOW - timedelta(minutes=5))
    incident, _ = app.incidents.declare(NOW + timedelta(minutes=10))
    assert incident.started_at == NOW + timedelta(minutes=10)


def test_a_scanner_burst_into_the_dialog_changes_nothing(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    checked: list[bool] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        try:
            wedge(qtbot, dialog.began_field, P)  # the burst and its Enter
            checked.append(
                dialog.isVisible()  # Enter pressed nothing
                and dialog.began_field.text() == "10:00"  # not one character typed into it
                and not starts(app)
                and [read.text for read in window.scan_input.held_scans] == [P]
                and ctx.sounds.played[-1] is Tone.WARNING  # held, and said so
            )
        finally:
            escape(dialog)

    answer_next_dialog(qtbot, answer)
    outage_keys(qtbot, window)
    assert checked == [True]
    wait_idle(qtbot, ctx)
    assert not starts(app) and app.incidents.open_incident() is None
    qtbot.waitUntil(lambda: not window.scan_input.held_scans)  # it went to the counter


def test_an_outage_declared_by_hand_is_ended_by_hand(
    app: AppContext, ctx: UiContext, window: MainWindow, clock: FixedClock, qtbot: QtBot
) -> None:
    app.incidents.declare(NOW - timedelta(minutes=10), "по телефону")
    clock.advance(timedelta(minutes=30))
    texts: list[str] = []
    visible_after_enter: list[bool] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        try:
            texts.append(dialog.text.text())
            qtbot.keyClick(dialog, Qt.Key.Key_Return)  # nothing
            visible_after_enter.append(dialog.isVisible())
            qtbot.keyClick(dialog, Qt.Key.Key_F10)
        finally:
            if dialog.isVisible():
                escape(dialog)

    answer_next_dialog(qtbot, answer)
    outage_keys(qtbot, window)
    assert "declared by hand is open since" in texts[0] and "09:50" in texts[0]
    assert visible_after_enter == [True]
    wait_idle(qtbot, ctx)
    ended = app.incidents.latest()
    assert ended is not None and ended.ended_at == NOW + timedelta(minutes=30)
    assert "ended" in window.status.note_label.text()


def test_an_outage_the_counter_found_is_not_ended_by_hand(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    app.incidents.start("connect", started_at=NOW - timedelta(minutes=3))
    before = app.store.journal.count()
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, IncidentDialog)
        try:
            seen.append(dialog.text.text())
            seen.append(str(dialog.confirm_button.isVisible()))
            qtbot.keyClick(dialog, Qt.Key.Key_F10)  # nothing to confirm
            seen.append(str(dialog.isVisible()))
        finally:
            escape(dialog)

    answer_next_dialog(qtbot, answer)
    outage_keys(qtbot, window)
    assert "ends this outage by itself" in seen[0] and seen[1:] == ["False", "True"]
    wait_idle(qtbot, ctx)
    assert app.store.journal.count() == before
