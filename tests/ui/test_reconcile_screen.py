"""Сверка: a real reconciler run against the simulator on loopback, outcomes grouped, a conflict
side by side with its actions; the re-entry worklist ticked off by scanning."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.scan import ScanRead
from pvzdesk.simulator import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, Simulator
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.reconcile import ReconcileScreen
from tests.ui.conftest import NOW
from tests.ui.office_helpers import open_screen, seed_parcels, wait_idle


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    with Simulator(seed=7, postings=20, apply_delay=0.0) as sim:
        yield sim


def reconcile_screen(window: MainWindow) -> ReconcileScreen:
    screen = open_screen(window, "reconcile")
    assert isinstance(screen, ReconcileScreen)
    return screen


def offline_receive(app: AppContext, clock: FixedClock, postings: list[str]) -> None:
    app.incidents.start("manual")
    clock.advance(timedelta(minutes=5))
    seed_parcels(app, {number: NOW.date() + timedelta(days=7) for number in postings})
    clock.advance(timedelta(minutes=5))
    app.incidents.end()


def test_run_against_the_simulator_groups_outcomes(
    app: AppContext,
    ctx: UiContext,
    window: MainWindow,
    qtbot: QtBot,
    clock: FixedClock,
    simulator: Simulator,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PVZDESK_API_KEY", DEFAULT_API_KEY)
    platform = replace(
        app.settings.platform,
        adapter="ozon_seller",
        seller_api_url=simulator.base_url,
        client_id=DEFAULT_CLIENT_ID,
    )
    app.apply_settings(replace(app.settings, platform=platform))
    numbers = simulator.posting_numbers()[:5]
    offline_receive(app, clock, numbers)
    screen = reconcile_screen(window)
    assert screen.start_button.isEnabled()
    qtbot.keyClick(screen.groups, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert screen.job_panel.isVisible()
    qtbot.waitUntil(lambda: screen.last_run is not None, timeout=60_000)
    wait_idle(qtbot, ctx)
    summary = screen.last_run
    assert summary is not None and summary.total == len(numbers)
    assert sum(summary.outcomes.values()) == len(numbers)
    assert screen.overview is not None
    assert sum(screen.overview.counts.values()) == len(numbers)
    assert screen.groups.topLevelItemCount() >= 1
    assert "of 5" in screen.message.text()


def test_cancel_keeps_what_was_recorded(
    app: AppContext,
    ctx: UiContext,
    window: MainWindow,
    qtbot: QtBot,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every request fails: the reconciler backs off and waits, so Esc lands mid-run.
    with Simulator(seed=3, postings=10, faults="5xx=1.0") as simulator:
        monkeypatch.setenv("PVZDESK_API_KEY", DEFAULT_API_KEY)
        platform = replace(
            app.settings.platform,
            adapter="ozon_seller",
            seller_api_url=simulator.base_url,
            client_id=DEFAULT_CLIENT_ID,
        )
        app.apply_settings(replace(app.settings, platform=platform))
        offline_receive(app, clock, simulator.posting_numbers()[:3])
        screen = reconcile_screen(window)
        screen.start()
        qtbot.wait(300)
        qtbot.keyClick(screen.groups, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: screen.last_run is not None, timeout=30_000)
        wait_idle(qtbot, ctx)
    assert screen.last_run is not None and screen.last_run.cancelled
    assert "Stopped" in screen.message.text()
    assert app.store.journal.count() > 0  # nothing lost


def test_reentry_worklist_is_ticked_off_by_scanning(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    numbers = ["0132112277-0101-1", "0132112277-0102-1"]
    offline_receive(app, clock, numbers)
    screen = reconcile_screen(window)
    wait_idle(qtbot, ctx)
    assert screen.tabs.currentIndex() == 1  # partner point: the worklist is what matters
    assert len(screen.worklist.items) == 2 and screen.worklist.done_count == 0
    assert not screen.start_button.isEnabled()

    window.route_scan(ScanRead.typed(numbers[1], NOW))
    qtbot.waitUntil(lambda: "Ticked off" in screen.message.text())  # after the commit
    assert screen.worklist.done_count == 1
    done = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.REENTRY_DONE,))))
    assert [entry.posting for entry in done] == [numbers[1]]

    window.route_scan(ScanRead.typed(numbers[1], NOW))
    qtbot.waitUntil(lambda: "nothing left" in screen.message.text())
    wait_idle(qtbot, ctx)
    assert screen.worklist.done_count == 1  # reloaded from the journal, still ticked


def test_every_set_aside_entry_back_and_buyer_cancellations_listed(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    from pvzdesk.services.reconcile import ReconcileViews
    from pvzdesk.storage.attempts import Attempt
    from pvzdesk.storage.platform_feed import CancelRequestRow, PlatformFeed

    app.apply_settings(
        replace(app.settings, platform=replace(app.settings.platform, adapter="ozon_seller"))
    )
    numbers = ["0132112277-0101-1", "0132112277-0102-1"]
    offline_receive(app, clock, numbers)
    entries = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.RECEIVE,))))
    app.store.attempts.record(
        Attempt(e.entry_id, "ozon_seller", clock.now(), "rejected", detail="rejected:x HTTP_400")
        for e in entries
    )
    PlatformFeed(app.store.db, app.store.path).store_cancel_requests(
        [CancelRequestRow(7, numbers[0], "ON_APPROVAL", "CLIENT", "Передумал")], clock.now()
    )
    assert len(ReconcileViews(app.store).conflicts()) == len(numbers)
    screen = reconcile_screen(window)
    wait_idle(qtbot, ctx)
    assert screen.cancel_table.rowCount() == 1
    assert screen.cancel_table.item(0, 0).text() == numbers[0]
    qtbot.mouseClick(screen.retry_all_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ReconcileViews(app.store).conflicts() == [], timeout=10_000)
    wait_idle(qtbot, ctx)
    assert "2" in screen.message.text()
