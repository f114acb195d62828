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


def test_cell_labels_from_the_window_by_keyboard(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    """Ctrl+L in Отчёты with a range typed: a PDF in the reports folder whose every label
    decodes back to its cell (rendered as a scanner sees it)."""
    from pvzdesk.domain.barcodes import CodeKind, classify
    from tests.reports.test_reentry_and_bundle import decoded_pages

    screen = reports_screen(window)
    qtbot.keyClick(screen, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert "Write the cells" in screen.message.text()  # an empty field: said, nothing written
    assert screen.cells.hasFocus() or not window.isActiveWindow()
    screen.cells.setText("А-01…А-03, Б-08 - Б-10; Склад")
    qtbot.keyClick(screen.cells, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, ctx)
    assert len(screen.written) == 1, screen.message.text()
    pdf = screen.written[0]
    assert pdf.parent == app.paths.reports and pdf.suffix == ".pdf"
    assert "Ready" in screen.message.text()
    decoded = [text for page in decoded_pages(pdf) for text in page]
    assert all(classify(text).kind is CodeKind.CELL for text in decoded)
    assert sorted(classify(text).cell for text in decoded) == sorted(
        ["А-01", "А-02", "А-03", "Б-08", "Б-09", "Б-10", "Склад"]
    )


def test_a_backwards_cell_range_is_refused_in_words(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = reports_screen(window)
    screen.cells.setText("А-40…А-01")
    qtbot.keyClick(screen.cells, Qt.Key.Key_Return)
    wait_idle(qtbot, ctx)
    assert "ends before it starts" in screen.message.text()
    assert not list(app.paths.reports.glob("cells-*"))
