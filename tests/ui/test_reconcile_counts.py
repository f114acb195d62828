"""«К сверке» counts every entry that still has to reach the platform, by kind, from the one
waiting query: the status bar, Сверка and the day report say the same numbers."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.reports.model import ReportPeriod
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.platform_link import BacklogWatcher
from tests.ui.conftest import NOW
from tests.ui.office_helpers import open_screen, seed_parcels, wait_idle

NUMBERS = [f"01321122{n:02d}-0101-1" for n in range(10)]


def mixed_outage(app: AppContext, clock: FixedClock) -> None:
    """Online: two parcels received (done in the platform's app). During an outage: three
    hand-overs, two refusals, a customer return, two extensions, one hand-over voided."""
    seed_parcels(app, {number: NOW.date() + timedelta(days=7) for number in NUMBERS})
    clock.advance(timedelta(minutes=1))
    app.incidents.start("connect")
    clock.advance(timedelta(minutes=1))
    assert len(app.counter.issue(NUMBERS[0:4]).entries) == 4
    voided = app.counter.issue([NUMBERS[4]]).entries[0]
    app.counter.void(voided.entry_id, "wrong parcel")
    app.counter.refuse(NUMBERS[5:7], reason="не подошёл размер")
    app.counter.client_return([NUMBERS[0]], reason="брак")
    app.counter.extend(NUMBERS[7:9], days=3)
    clock.advance(timedelta(minutes=1))
    app.incidents.end()
    clock.advance(timedelta(minutes=1))
    app.counter.issue([NUMBERS[9]])  # online again: entered in the platform's app at once


EXPECTED = {
    EntryKind.ISSUE: 4,
    EntryKind.REFUSE: 2,
    EntryKind.CLIENT_RETURN: 1,
    EntryKind.EXTEND: 2,
}


def test_to_reconcile_by_kind_in_the_status_bar_reconcile_screen_and_report(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    mixed_outage(app, clock)
    window.resize(1366, 768)  # a counter's screen: room for the two largest kinds
    watcher = BacklogWatcher(ctx)
    watcher.recount()
    qtbot.waitUntil(lambda: ctx.status.waiting == 9)
    assert dict(ctx.status.waiting_by_kind) == EXPECTED
    label = window.status.waiting_label
    # the status bar names the largest kinds; the tooltip and Сверка name all
    assert label.text() == "To reconcile: 9 (hand-over 4, refusal 2, …)"
    assert label.toolTip() == (
        "To reconcile: 9 (hand-over 4, refusal 2, extension 2, customer return 1)"
    )
    screen = open_screen(window, "reconcile")
    wait_idle(qtbot, ctx)
    assert "To reconcile: 9 (hand-over 4, refusal 2, extension 2, customer return 1)." in (
        screen.state.text()  # type: ignore[attr-defined]
    )

    report = app.services.reporting.day_report(ReportPeriod.day(NOW.date(), NOW.tzinfo))  # type: ignore[arg-type]
    section = report.section("waiting")
    in_report = {
        EntryKind(str(kind)): count
        for kind, count in zip(section.values("kind"), section.values("count"), strict=True)
        if kind
    }
    assert in_report == EXPECTED
    assert section.rows[-1][-1] == 9  # the total line


def test_an_rfbs_point_counts_what_its_reconciler_pushes(
    app: AppContext, ctx: UiContext, qtbot: QtBot, clock: FixedClock
) -> None:
    """Through the Seller API only receives, hand-overs and send-backs go to the platform: a
    refusal or an extension is never «not reconciled yet» in the report either."""
    from dataclasses import replace

    platform = replace(app.settings.platform, adapter="ozon_seller")
    app.apply_settings(replace(app.settings, platform=platform))
    mixed_outage(app, clock)
    watcher = BacklogWatcher(ctx)
    watcher.recount()
    # 10 receives, 5 hand-overs (one voided), nothing else the Seller API takes
    qtbot.waitUntil(lambda: ctx.status.waiting == 15)
    assert dict(ctx.status.waiting_by_kind) == {EntryKind.RECEIVE: 10, EntryKind.ISSUE: 5}
    report = app.services.reporting.day_report(ReportPeriod.day(NOW.date(), NOW.tzinfo))  # type: ignore[arg-type]
    reconcile = report.section("reconcile")
    not_sent = dict(zip(reconcile.values("outcome"), reconcile.values("count"), strict=True))
    assert not_sent["not_sent"] == 15 == report.section("waiting").rows[-1][-1]
