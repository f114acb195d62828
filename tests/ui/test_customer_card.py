"""The customer card at Выдача, driven mouse-free by wedge bursts and keys as an operator does."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.models import EntryKind
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import Tone
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.counter_widgets import DONE
from pvzdesk.ui.screens.issue import IssueScreen
from tests.ui.conftest import add_manifest, posting, wedge

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)

A1, A2, B1 = "0132112277-0101-1", "0132112277-0101-2", "0155550000-0001-1"


def _stock(app: AppContext) -> None:
    rows = [
        posting(A1, customer="cust-a", cell="А-01", name="Иванова Мария"),
        posting(A2, customer="cust-a", cell="Б-07", name="Иванова Мария"),
        posting(B1, customer="cust-b", cell="В-02", name="Петров Пётр"),
    ]
    phones = {"cust-a": "+7 (912) 345-45-67", "cust-b": "+7 900 000-12-34"}
    add_manifest(
        app,
        [type(row)(**{**row.__dict__, "customer_phone": phones[row.customer_key]}) for row in rows],
    )
    app.counter.receive([A1, A2, B1])


def _screen(window: MainWindow) -> IssueScreen:
    screen = window.active_screen
    assert isinstance(screen, IssueScreen)
    return screen


def _postings(screen: IssueScreen) -> list[str]:
    return [screen.table.row_text(r) for r in range(screen.table.rowCount())]


@pytest.mark.parametrize("code", ["12345678*1234", "123456789012"])
def test_ozon_customer_codes_open_the_card_and_stay_unverified(
    window: MainWindow, app: AppContext, qtbot: QtBot, code: str
) -> None:
    _stock(app)
    screen = _screen(window)
    wedge(qtbot, window, code)
    assert code in screen.customer_label.text()
    assert "not verified" in screen.customer_label.text()
    assert "card" in screen.verdict.text().lower()
    assert window.ctx.sounds.played[-1] is Tone.READY  # taken, with its own tone
    assert app.store.journal.count() == 3  # the code alone writes nothing


def test_order_number_from_the_app_lists_the_customers_parcels_with_cells(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    _stock(app)
    screen = _screen(window)
    wedge(qtbot, window, "12345678*1234")
    wedge(qtbot, window, "0132112277-0101")  # the order number the customer's app shows
    assert sorted(_postings(screen)) == [A1, A2]
    assert {screen.table.row_text(r, 1) for r in range(2)} == {"А-01", "Б-07"}
    assert screen.table.item(0, 1).font().pointSize() >= 28  # cells in big type
    assert "А-01" in screen.verdict.text() and "Б-07" in screen.verdict.text()


def test_name_and_last_phone_digits_find_the_customer(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    _stock(app)
    screen = _screen(window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.find_field.hasFocus()
    # (QTest types ASCII only; the Cyrillic name match is checked in tests/core/test_customer.py.)
    qtbot.keyClicks(screen.find_field, "4567", delay=60)  # typed by a person
    qtbot.waitUntil(lambda: screen.find_field.text() == "4567")
    qtbot.keyClick(screen.find_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 2)
    assert sorted(_postings(screen)) == [A1, A2]


def test_two_parcels_one_refused_mouse_free_keystrokes(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    """The customer's code, one parcel scanned, the other refused: 2 scans and 3 keys."""
    _stock(app)
    screen = _screen(window)
    keys = 0
    wedge(qtbot, window, "12345678*1234")  # scan 1: the customer's code
    wedge(qtbot, window, A1)  # scan 2: the first parcel; the card lists A2 too
    assert sorted(_postings(screen)) == [A1, A2]
    row_a2 = _postings(screen).index(A2)
    while screen.table.currentRow() != row_a2:  # arrows to the refused parcel
        qtbot.keyClick(
            window, Qt.Key.Key_Down if row_a2 > screen.table.currentRow() else Qt.Key.Key_Up
        )
        keys += 1
    qtbot.keyClick(window, Qt.Key.Key_F11)  # the customer refuses A2
    keys += 1
    # Refused is never success green, and the row keeps its status colour under the selection.
    assert screen.table.row_colours(row_a2) != DONE
    qtbot.keyClick(window, Qt.Key.Key_F10)  # nothing is left unscanned: no question
    keys += 1
    assert screen.question is None
    qtbot.waitUntil(lambda: not screen.saving)
    kinds = {e.posting: e.kind for e in app.store.journal.entries(EntryFilter(after_seq=3))}
    assert kinds == {A1: EntryKind.ISSUE, A2: EntryKind.REFUSE}
    assert screen.verdict.colours != DONE  # "Handed over: 1. Refused: 1." is not green
    assert window.ctx.sounds.played[-1] is Tone.WARNING
    assert keys == 3
    print(f"keystrokes: 2 scans + {keys} keys (F11, F10 and {keys - 2} arrow)")


def test_wrong_customers_parcel_on_the_card_is_refused(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    _stock(app)
    screen = _screen(window)
    wedge(qtbot, window, "0132112277-0101")
    wedge(qtbot, window, B1)
    assert "another customer" in screen.verdict.text()
    assert window.ctx.sounds.played[-1] is Tone.ERROR


def test_unknown_parcel_needs_a_second_deliberate_f10(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    screen = _screen(window)
    stranger = "0199999999-0001-1"
    wedge(qtbot, window, stranger)  # not in the manifest: a warning, not a hand-over
    assert window.ctx.sounds.played[-1] is Tone.WARNING
    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert "again" in screen.verdict.text() and not screen.saving
    assert app.store.journal.count() == 0  # the first F10 writes nothing
    qtbot.keyClick(window, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: not screen.saving)
    issued = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.ISSUE,))))
    assert [e.posting for e in issued] == [stranger]
    assert screen.verdict.colours != DONE  # written, but not a plain success
