"""Приёмка and Возвраты driven by wedge bursts; each scan is a durable entry before the flash."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.barcodes import cell_code
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.rules import FindingCode
from pvzdesk.domain.state import PostingStatus
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import Tone
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.counter_widgets import DONE, FINDING_COLOURS
from pvzdesk.ui.screens.receive import ReceiveScreen
from pvzdesk.ui.screens.returns import ReturnKind, ReturnsScreen
from tests.ui.conftest import add_manifest, posting, wedge

A, B, C = "0132112277-0101-1", "0132112277-0102-1", "0132112277-0103-1"
STRANGER = "0199999999-0001-1"


def test_receive_counts_against_expected_and_lists_unknown(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A), posting(B), posting(C)])
    window.show_screen(1)
    screen = window.active_screen
    assert isinstance(screen, ReceiveScreen)
    qtbot.waitUntil(lambda: screen.expected == 3, timeout=5000)
    qtbot.keyClicks(screen.cell_field, "B-12", delay=60)  # a person types the cell
    assert screen.cell_field.text() == "B-12"
    wedge(qtbot, window, A)
    assert screen.saving == 1  # the scan writer commits it; the answer comes after
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert app.store.postings.state(A).status is PostingStatus.IN_STORAGE
    assert app.store.postings.state(A).cell == "B-12"
    assert screen.verdict.colours == DONE
    assert window.ctx.sounds.played[-1] is Tone.SUCCESS
    wedge(qtbot, window, STRANGER)
    wedge(qtbot, window, A)  # again, right away: nothing written; answered in order
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert screen.unknown == [STRANGER]
    assert screen.received_table.rowCount() == 2
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.ALREADY_RECEIVED]
    assert window.ctx.sounds.played[-1] is Tone.ERROR
    assert screen.expected == 2
    assert "Still expected: 2" in screen.counts.text()
    assert len(list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.RECEIVE,))))) == 2


def test_client_return_and_send_back_of_expired(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A), posting(B, storage_until=date(2025, 6, 20))])
    app.counter.receive([A, B])
    app.counter.issue([A])
    window.show_screen(2)
    screen = window.active_screen
    assert isinstance(screen, ReturnsScreen)
    qtbot.keyClicks(screen.reason_field, "size", delay=60)
    wedge(qtbot, window, A)
    qtbot.waitUntil(lambda: A in screen.rows)
    assert app.store.postings.state(A).status is PostingStatus.RETURNED
    returned = next(app.store.journal.entries(EntryFilter(kinds=(EntryKind.CLIENT_RETURN,))))
    assert returned.payload["reason"] == "size"
    screen.set_kind(ReturnKind.SEND_BACK)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=5000)  # B is overdue
    wedge(qtbot, window, B)
    qtbot.waitUntil(lambda: screen.table.row_colours(screen.rows[B]) == DONE)
    assert app.store.postings.state(B).status is PostingStatus.SENT_BACK
    assert screen.table.row_colours(screen.rows[B]) == DONE


def test_parcel_then_cell_label_places_it_and_cells_are_big(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A, cell="А-01"), posting(B, cell="Б-02")])
    window.show_screen(1)
    screen = window.active_screen
    assert isinstance(screen, ReceiveScreen)
    wedge(qtbot, window, A)
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert screen.received_table.row_text(0, 1) == "А-01"  # the manifest's cell, not «—»
    assert screen.received_table.item(0, 1).font().pointSize() >= 28
    wedge(qtbot, window, cell_code("В-07"))  # the cell label on the shelf
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert app.store.postings.state(A).cell == "В-07"
    assert screen.received_table.row_text(0, 1) == "В-07"
    assert "В-07" in screen.verdict.text()


def test_refusal_mode_refuses_an_issued_parcel_with_a_reason_and_f11_switches(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A)])
    app.counter.receive([A])
    app.counter.issue([A])
    window.show_screen(2)
    screen = window.active_screen
    assert isinstance(screen, ReturnsScreen)
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in screen.kind_buttons.values())
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert screen.kind is ReturnKind.REFUSAL
    before = app.store.journal.count()
    wedge(qtbot, window, A)
    qtbot.waitUntil(lambda: "already" in screen.verdict.text())
    assert app.store.journal.count() == before  # the rule is in the write path
    assert screen.verdict.colours != DONE
    assert window.ctx.sounds.played[-1] is Tone.ERROR


def test_inventory_of_a_cell_in_the_window_finds_missing_and_extra(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A, cell="А-01"), posting(B, cell="А-01")])
    app.counter.receive([A, B])
    window.show_screen(1)
    screen = window.active_screen
    assert isinstance(screen, ReceiveScreen)
    qtbot.keyClick(window, Qt.Key.Key_F11)  # inventory
    wedge(qtbot, window, cell_code("А-01"))
    wedge(qtbot, window, A)
    wedge(qtbot, window, STRANGER)  # on the shelf, but not ours
    before = app.store.journal.count()
    qtbot.keyClick(window, Qt.Key.Key_F11)  # compare and journal
    qtbot.waitUntil(lambda: app.store.journal.count() == before + 1)
    qtbot.waitUntil(lambda: B in screen.verdict.text())
    assert STRANGER in screen.verdict.text()
    assert screen.verdict.colours != DONE
    note = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.NOTE,))))[-1]
    assert B in str(note.payload["text"])
    assert app.store.postings.state(STRANGER).status is PostingStatus.UNKNOWN  # nothing received


def test_f10_keeps_the_delivery_on_screen_until_the_next_scan(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A), posting(B)])
    window.show_screen(1)
    screen = window.active_screen
    assert isinstance(screen, ReceiveScreen)
    wedge(qtbot, window, A)
    qtbot.waitUntil(lambda: screen.saving == 0)
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert screen.received_table.rowCount() == 1  # still there to be read
    wedge(qtbot, window, B)
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert screen.received == [B]
