"""Хранение: deadlines with colours and filters, extend (selected, after an outage), send back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.scan import ScanRead
from pvzdesk.domain.state import PostingStatus
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.storage import StorageScreen
from pvzdesk.ui.screens.storage_parts import OVERDUE, DueFilter
from tests.ui.conftest import NOW
from tests.ui.office_helpers import answer_next_dialog, open_screen, seed_parcels, wait_idle

# The offscreen platform cannot size a dialog window the way a real one does; nothing is wrong.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

TODAY = NOW.date()
OVERDUE_P, TODAY_P, TOMORROW_P, LATER_P = (
    "0132112277-0101-1",
    "0132112277-0102-1",
    "0132112277-0103-1",
    "0132112277-0104-1",
)


def make_screen(app: AppContext, window: MainWindow, qtbot: QtBot) -> StorageScreen:
    seed_parcels(
        app,
        {
            OVERDUE_P: TODAY - timedelta(days=2),
            TODAY_P: TODAY,
            TOMORROW_P: TODAY + timedelta(days=1),
            LATER_P: TODAY + timedelta(days=6),
        },
    )
    screen = open_screen(window, "storage")
    assert isinstance(screen, StorageScreen)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 4, timeout=5000)
    return screen


def test_lists_parcels_with_days_left_colour_and_filters(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = make_screen(app, window, qtbot)
    model = screen.model
    assert [s.posting for s in model.states] == [OVERDUE_P, TODAY_P, TOMORROW_P, LATER_P]
    assert model.data(model.index(0, 4)) == "overdue 2 d"
    assert model.data(model.index(1, 4)) == "last day"
    assert model.data(model.index(3, 4)) == "6"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.BackgroundRole).color() == OVERDUE
    assert model.data(model.index(3, 0), Qt.ItemDataRole.BackgroundRole) is None

    qtbot.keyClick(screen.table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert screen.due is DueFilter.OVERDUE
    assert [s.posting for s in model.states] == [OVERDUE_P]
    qtbot.keyClick(screen.table, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert [s.posting for s in model.states] == [TOMORROW_P]
    qtbot.keyClick(screen.table, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == 4


def test_scan_selects_and_ctrl_e_extends_by_typed_date(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = make_screen(app, window, qtbot)
    window.route_scan(ScanRead.typed(TODAY_P, NOW))
    assert screen.selected_postings() == [TODAY_P]

    def answer(dialog: QWidget) -> None:
        until = dialog.until  # type: ignore[attr-defined]
        qtbot.keyClicks(until, "05.07.2025", delay=60)  # a person types the date
        qtbot.waitUntil(lambda: until.text() == "05.07.2025")
        qtbot.keyClick(until, Qt.Key.Key_Return)  # Enter never confirms a data-changing dialog
        assert dialog.isVisible()
        qtbot.keyClick(until, Qt.Key.Key_F10)

    answer_next_dialog(qtbot, answer)
    qtbot.keyClick(screen.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert screen.writing and not screen.extend_button.isEnabled()  # until the commit answers
    qtbot.waitUntil(lambda: not screen.writing)
    assert screen.extend_button.isEnabled()
    assert app.store.postings.state(TODAY_P).storage_until == date(2025, 7, 5)
    assert "05.07.2025" in screen.message.text() or "2025-07-05" in screen.message.text()
    qtbot.waitUntil(lambda: screen.model.row_of(TODAY_P) == 3, timeout=5000)  # re-sorted


def test_extend_dialog_escape_changes_nothing(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = make_screen(app, window, qtbot)
    screen.handle_scan(ScanRead.typed(LATER_P, NOW))
    count = app.store.journal.count()
    answer_next_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.keyClick(screen.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert app.store.journal.count() == count


def test_send_back_selected_overdue(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = make_screen(app, window, qtbot)
    screen.handle_scan(ScanRead.typed(OVERDUE_P, NOW))
    answer_next_dialog(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_F10))
    qtbot.keyClick(screen.table, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not screen.writing)
    assert app.store.postings.state(OVERDUE_P).status is PostingStatus.SENT_BACK
    qtbot.waitUntil(lambda: screen.model.row_of(OVERDUE_P) < 0, timeout=5000)


def test_extend_everything_of_an_outage_in_the_background(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, clock
) -> None:  # type: ignore[no-untyped-def]
    screen = make_screen(app, window, qtbot)
    clock.advance(timedelta(minutes=5))
    app.incidents.start("manual")
    clock.advance(timedelta(hours=2))
    app.incidents.end()

    def answer(dialog: QWidget) -> None:
        days = dialog.days  # type: ignore[attr-defined]
        days.selectAll()
        qtbot.keyClicks(days, "2", delay=60)
        qtbot.waitUntil(lambda: days.value() == 2)
        qtbot.keyClick(days, Qt.Key.Key_F10)

    answer_next_dialog(qtbot, answer)
    qtbot.keyClick(
        screen.table,
        Qt.Key.Key_E,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    wait_idle(qtbot, ctx)
    assert app.store.postings.state(LATER_P).storage_until == TODAY + timedelta(days=8)
    assert app.store.postings.state(OVERDUE_P).storage_until == TODAY
    assert "4" in screen.message.text()


def test_scan_of_a_parcel_not_at_the_point_is_a_warning(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    screen = make_screen(app, window, qtbot)
    assert screen.handle_scan(ScanRead.typed("0999999999-0001-1", NOW))
    assert "not at the point" in screen.message.text()


def test_manifest_import_in_the_window_with_row_errors(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from pvzdesk.domain.models import ManifestPosting
    from pvzdesk.services.manifest_import import manifest_csv_text

    screen = open_screen(window, "storage")
    assert isinstance(screen, StorageScreen)
    good = tmp_path / "manifest.csv"
    rows = [ManifestPosting(f"0132112277-{n:04d}-1", cell="А-01") for n in range(1, 4)]
    good.write_text(manifest_csv_text(rows), encoding="utf-8")
    bad = tmp_path / "broken.csv"
    bad.write_text(
        manifest_csv_text(rows).replace("0132112277-0002-1", "not-a-posting"), encoding="utf-8"
    )
    screen.import_manifest(bad)
    assert screen.import_panel.isVisible()  # a progress bar while it runs
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: not screen.import_panel.isVisible())
    assert "row 3" in screen.message.text()  # the importer names the problem row
    assert app.store.postings.manifest_count() == 0  # nothing imported from a refused file
    screen.import_manifest(good)
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: "3 parcels" in screen.message.text())
    assert app.store.postings.manifest_count() == 3
