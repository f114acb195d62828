"""Выдача driven by keyboard-wedge bursts: a real window, a real journal in tmp_path."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.rules import FindingCode
from pvzdesk.errors import StorageError
from pvzdesk.services.counter import CounterService
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import Changes, Tone
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.counter_widgets import DONE, FINDING_COLOURS, READY
from pvzdesk.ui.screens.issue import IssueScreen
from tests.ui.conftest import add_manifest, posting, rest_stays, wedge

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise", "does not support grabbing"
)

P1, P2, P3, OTHER = (
    "0132112277-0101-1",
    "0132112277-0101-2",
    "0132112277-0102-1",
    "0155550000-0001-1",
)


def _stock(app: AppContext) -> None:
    add_manifest(
        app,
        [
            posting(P1, cell="A-01"),
            posting(P2, cell="A-02", places=2, barcodes=("123456789012345", "123456789012346")),
            posting(P3, cell="B-07", storage_until=date(2025, 6, 20)),
            posting(OTHER, customer="cust-2", cell="C-03"),
        ],
    )
    app.counter.receive([P1, P2, P3, OTHER])


def _issue_screen(window: MainWindow) -> IssueScreen:
    screen = window.active_screen
    assert isinstance(screen, IssueScreen)
    return screen


def test_issue_lists_customer_parcels_and_writes_only_after_confirm(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    _stock(app)
    screen = _issue_screen(window)
    before = app.store.journal.count()
    wedge(qtbot, window, "482913")  # the customer's code
    assert "482913" in screen.customer_label.text()
    wedge(qtbot, window, P1)
    assert screen.table.rowCount() == 3  # the customer's three parcels, not the other's
    row = [screen.table.row_text(r) for r in range(3)].index(P1)
    assert screen.table.row_colours(row) == READY
    assert app.store.journal.count() == before  # nothing written before Confirm
    assert Tone.SUCCESS not in ctx_played(window)

    seen: list[Changes] = []
    window.ctx.ops_done.connect(seen.append)
    # Two parcels not scanned: F10 asks, F10 again = they stay at the point.
    assert "2 parcel(s)" in rest_stays(qtbot, window)
    qtbot.waitUntil(lambda: not screen.saving)
    assert screen.confirm_button.isEnabled()
    issued = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.ISSUE,))))
    assert [e.posting for e in issued] == [P1]
    assert issued[0].payload["customer_code"] == "482913"
    assert issued[0].payload["customer_code_verified"] is False
    assert screen.table.row_colours(row) == DONE
    assert screen.verdict.colours == DONE
    assert ctx_played(window)[-1] is Tone.SUCCESS
    assert seen and seen[0].postings == {P1}


def ctx_played(window: MainWindow) -> list[Tone]:
    return window.ctx.sounds.played


def test_wrong_customer_expired_and_already_issued_are_told_apart(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    _stock(app)
    screen = _issue_screen(window)
    wedge(qtbot, window, P1)
    wedge(qtbot, window, OTHER)
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.WRONG_CUSTOMER]
    assert "another customer" in screen.verdict.text()
    assert ctx_played(window)[-1] is Tone.ERROR
    wedge(qtbot, window, P3)
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.EXPIRED]
    assert ctx_played(window)[-1] is Tone.WARNING
    rest_stays(qtbot, window)
    wedge(qtbot, window, P1)  # scanned while the hand-over is saved: taken right after
    qtbot.waitUntil(lambda: not screen.saving)
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.ALREADY_ISSUED]
    assert "already issued" in screen.verdict.text()


def test_missing_places_and_partial_refusal(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    _stock(app)
    screen = _issue_screen(window)
    wedge(qtbot, window, "123456789012345")  # one of P2's two places
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.MISSING_PLACES]
    rest_stays(qtbot, window)
    assert "again" in screen.verdict.text()  # the first Confirm only warns
    assert not list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.ISSUE,))))
    wedge(qtbot, window, "123456789012346")  # the second place
    wedge(qtbot, window, P1)
    rows = [screen.table.row_text(r) for r in range(screen.table.rowCount())]
    screen.table.selectRow(rows.index(P1))
    qtbot.keyClick(window, Qt.Key.Key_F11)  # the customer refuses P1
    rest_stays(qtbot, window)  # P3 not scanned: it stays
    qtbot.waitUntil(lambda: not screen.saving)
    kinds = {e.posting: e.kind for e in app.store.journal.entries(EntryFilter(after_seq=4))}
    assert kinds == {P2: EntryKind.ISSUE, P1: EntryKind.REFUSE}


def test_unknown_code_is_red_and_writes_nothing(
    window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    screen = _issue_screen(window)
    wedge(qtbot, window, "HELLO-WORLD-42")
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.UNKNOWN_CODE]
    assert app.store.journal.count() == 0
    assert ctx_played(window)[-1] is Tone.ERROR


def test_a_failed_commit_is_red_confirms_nothing_and_can_be_retried(
    window: MainWindow, app: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    _stock(app)
    screen = _issue_screen(window)
    wedge(qtbot, window, P1)
    row = [screen.table.row_text(r) for r in range(screen.table.rowCount())].index(P1)
    before = app.store.journal.count()
    seen: list[Changes] = []
    window.ctx.ops_done.connect(seen.append)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise StorageError("The disk is full.")

    monkeypatch.setattr(CounterService, "issue", disk_full)  # the scan writer's service too
    rest_stays(qtbot, window)
    qtbot.waitUntil(lambda: not screen.saving)
    assert "Not saved" in screen.verdict.text() and "disk is full" in screen.verdict.text()
    assert screen.verdict.colours == FINDING_COLOURS[FindingCode.UNKNOWN_CODE]
    assert ctx_played(window)[-1] is Tone.ERROR
    assert Tone.SUCCESS not in ctx_played(window)
    assert screen.table.row_colours(row) == READY  # nothing confirmed
    assert app.store.journal.count() == before and not seen

    monkeypatch.undo()
    rest_stays(qtbot, window)  # the same hand-over, tried again
    qtbot.waitUntil(lambda: not screen.saving)
    assert screen.table.row_colours(row) == DONE
    assert ctx_played(window)[-1] is Tone.SUCCESS
