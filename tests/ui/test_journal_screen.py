"""Журнал: paged list newest first, search and filters, void with a reason, chain verification."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.domain.scan import ScanRead
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.journal import JournalScreen
from pvzdesk.ui.screens.journal_model import PAGE_SIZE
from tests.ui.conftest import NOW
from tests.ui.office_helpers import answer_next_dialog, open_screen, seed_parcels, wait_idle

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

PARCEL = "0132112277-0101-1"


def notes(app: AppContext, count: int) -> None:
    drafts = [EntryDraft(EntryKind.NOTE, "", b"", {"text": f"note {i}"}) for i in range(count)]
    app.store.journal.append(drafts, "tester")


def journal_screen(window: MainWindow, qtbot: QtBot) -> JournalScreen:
    screen = open_screen(window, "journal")
    assert isinstance(screen, JournalScreen)
    qtbot.waitUntil(lambda: not screen.model.loading, timeout=5000)
    return screen


def test_pages_newest_first_and_never_all_at_once(
    app: AppContext, window: MainWindow, qtbot: QtBot
) -> None:
    notes(app, 2 * PAGE_SIZE + 50)
    screen = journal_screen(window, qtbot)
    model = screen.model
    assert model.rowCount() == PAGE_SIZE
    assert model.entries[0].seq == 2 * PAGE_SIZE + 50
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=5000)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE + 50, timeout=5000)
    assert model.exhausted and not model.canFetchMore()
    assert [e.seq for e in model.entries] == list(range(2 * PAGE_SIZE + 50, 0, -1))


def test_search_kind_filter_and_scan(
    app: AppContext, window: MainWindow, ctx: UiContext, qtbot: QtBot
) -> None:
    seed_parcels(app, {PARCEL: NOW.date()})
    notes(app, 5)
    screen = journal_screen(window, qtbot)
    assert screen.model.rowCount() == 6
    qtbot.keyClicks(screen.search, "note 3")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and not screen.model.loading, timeout=5000)
    screen.search.clear()
    screen.kind.setCurrentIndex(screen.kind.findData(EntryKind.RECEIVE.value))
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and not screen.model.loading, timeout=5000)
    assert screen.model.entries[0].posting == PARCEL
    screen.kind.setCurrentIndex(0)
    window.route_scan(ScanRead.typed(PARCEL, NOW))
    assert screen.search.text() == PARCEL
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and not screen.model.loading, timeout=5000)
    wait_idle(qtbot, ctx)


def test_bad_date_is_explained(app: AppContext, window: MainWindow, qtbot: QtBot) -> None:
    screen = journal_screen(window, qtbot)
    screen.since.setFocus()
    screen.since.setText("31.31")  # typed by a person (a fast burst would count as a scan)
    qtbot.keyClick(screen.since, Qt.Key.Key_Return)
    assert "31.31" in screen.message.text()


def test_void_with_a_reason_by_keyboard(app: AppContext, window: MainWindow, qtbot: QtBot) -> None:
    seed_parcels(app, {PARCEL: NOW.date()})
    screen = journal_screen(window, qtbot)
    target = screen.model.entries[0]
    screen.table.setFocus()

    def answer(dialog: QWidget) -> None:
        reason = dialog.reason  # type: ignore[attr-defined]
        qtbot.keyClick(reason, Qt.Key.Key_Return)  # no reason yet: nothing happens
        assert dialog.isVisible()
        qtbot.keyClicks(reason, "scanned the wrong parcel", delay=60)  # a person types
        qtbot.waitUntil(lambda: reason.text() == "scanned the wrong parcel")
        qtbot.keyClick(reason, Qt.Key.Key_Return)  # Enter never voids
        assert dialog.isVisible()
        qtbot.keyClick(reason, Qt.Key.Key_F10)

    answer_next_dialog(qtbot, answer)
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert screen.voiding and not screen.void_button.isEnabled()  # until the commit answers
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)  # Del again meanwhile: no second dialog
    qtbot.waitUntil(lambda: not screen.voiding)
    assert screen.void_button.isEnabled()
    assert target.entry_id in app.store.journal.voided_ids()
    assert "scanned the wrong parcel" in screen.message.text()
    qtbot.waitUntil(lambda: target.entry_id in screen.model.voided, timeout=5000)
    row = next(i for i, e in enumerate(screen.model.entries) if e.entry_id == target.entry_id)
    assert "(voided)" in screen.model.data(screen.model.index(row, 2))


def test_chain_verification_intact_then_broken(
    app: AppContext, window: MainWindow, qtbot: QtBot
) -> None:
    notes(app, 30)
    screen = journal_screen(window, qtbot)
    qtbot.keyClick(screen.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.last_report is not None, timeout=10_000)
    assert screen.last_report is not None and screen.last_report.ok
    assert "intact" in screen.chain_label.text() and "30" in screen.chain_label.text()

    # Tamper as an attacker with the file would: past the triggers, straight into the table.
    conn = app.store.db.conn
    conn.execute("DROP TRIGGER entries_no_update")
    conn.execute('UPDATE entries SET payload = \'{"text":"forged"}\' WHERE seq = 17')
    conn.commit()
    screen.last_report = None
    screen.verify_chain()
    qtbot.waitUntil(lambda: screen.last_report is not None, timeout=10_000)
    assert screen.last_report is not None and not screen.last_report.ok
    assert "#17" in screen.chain_label.text()


def test_chain_verification_runs_in_a_child_process_and_can_be_cancelled(
    app: AppContext, window: MainWindow, qtbot: QtBot
) -> None:
    notes(app, 30)
    screen = journal_screen(window, qtbot)
    screen.verify_chain()
    verifier = screen.verifier
    assert verifier is not None and screen.verify_job.isVisible()
    qtbot.waitUntil(lambda: verifier.process.processId() != 0, timeout=5000)
    qtbot.keyClick(screen.table, Qt.Key.Key_Escape)  # Esc stops it: the child is killed
    qtbot.waitUntil(lambda: screen.verifier is None, timeout=10_000)
    assert "stopped" in screen.chain_label.text()
    assert screen.last_report is None and screen.verify_job.isHidden()
    assert screen.verify_button.isEnabled()
    screen.verify_chain()  # and it runs again, to the end
    qtbot.waitUntil(lambda: screen.last_report is not None, timeout=10_000)
    assert screen.last_report is not None and screen.last_report.ok
    assert screen.last_report.checked == app.store.journal.count()
