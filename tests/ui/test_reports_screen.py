"""Отчёты: end-of-day export in the background with progress, cancel, and the outage documents."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.reports import ReportsScreen
from tests.ui.conftest import NOW
from tests.ui.office_helpers import open_screen, seed_parcels, wait_idle

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def reports_screen(window: MainWindow) -> ReportsScreen:
    screen = open_screen(window, "reports")
    assert isinstance(screen, ReportsScreen)
    return screen


def test_end_of_day_export_writes_three_formats(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    seed_parcels(app, {"0132112277-0101-1": NOW.date() + timedelta(days=3)})
    screen = reports_screen(window)
    assert screen.since.text() == "2025-06-27"  # today, in the English test locale
    qtbot.keyClick(screen.since, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert screen.job_panel.isVisible()
    wait_idle(qtbot, ctx)
    suffixes = sorted({path.suffix for path in screen.written})
    assert suffixes == [".csv", ".pdf", ".xlsx"]
    assert all(path.exists() and path.parent == app.paths.reports for path in screen.written)
    assert "Ready" in screen.message.text() and not screen.job_panel.isVisible()


def test_cancel_leaves_no_file(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = reports_screen(window)
    screen.export_day()
    qtbot.keyClick(screen.since, Qt.Key.Key_Escape)
    wait_idle(qtbot, ctx)
    if "Cancelled" in screen.message.text():
        assert not list(app.paths.reports.glob("report-*"))
    else:  # the tiny export may finish before the cancel is seen; it must then be whole
        assert screen.written


def test_bad_period_is_refused(app: AppContext, window: MainWindow, qtbot: QtBot) -> None:
    screen = reports_screen(window)
    screen.since.setText("28.06.2025")
    screen.until.setText("20.06.2025")
    screen.export_day()
    assert "ends before" in screen.message.text()


def test_ticket_bundle_and_reentry_sheet_for_an_outage(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    app.incidents.start("manual")
    clock.advance(timedelta(minutes=10))
    seed_parcels(app, {"0132112277-0101-1": NOW.date() + timedelta(days=3)})
    clock.advance(timedelta(minutes=10))
    app.incidents.end()
    screen = reports_screen(window)
    assert screen.bundle_button.isEnabled()
    screen.make_bundle()
    wait_idle(qtbot, ctx)
    assert screen.written and screen.written[0].suffix == ".zip", screen.message.text()
    screen.make_sheet()
    wait_idle(qtbot, ctx)
    assert screen.written and screen.written[0].suffix == ".pdf", screen.message.text()
