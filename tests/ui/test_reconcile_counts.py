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


def test_a_conflict_in_reconcile_reads_both_sides_in_russian_words(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot, clock: FixedClock
) -> None:
    """Сверка shows a set-aside entry as «Журнал: … — Платформа: …» and what to do: no JSON,
    no HTTP status, no outcome or conflict names."""
    import json
    from dataclasses import replace

    from pvzdesk.domain.outcomes import STEP_CONFLICT, STEP_REJECTED, ConflictKind, step_detail
    from pvzdesk.i18n import set_language
    from pvzdesk.storage.attempts import Attempt
    from pvzdesk.ui.screens.reconcile import ReconcileScreen
    from pvzdesk.ui.translations import install_translations
    from tests.words import identifiers_in

    platform = replace(app.settings.platform, adapter="ozon_seller")
    app.apply_settings(replace(app.settings, platform=platform, operator="Иванова"))
    seed_parcels(app, {number: NOW.date() + timedelta(days=7) for number in NUMBERS[:2]})
    issued = app.counter.issue(NUMBERS[:2]).entries
    view = {"posting_number": NUMBERS[0], "status": "cancelled", "available_actions": []}
    app.store.attempts.record(
        [
            Attempt(
                issued[0].entry_id,
                "ozon_seller",
                clock.now(),
                "conflict",
                detail=step_detail(STEP_CONFLICT, ConflictKind.CANCELLED_MEANWHILE),
                reply=json.dumps(view),
            ),
            Attempt(
                issued[1].entry_id,
                "ozon_seller",
                clock.now(),
                "rejected",
                http_status=400,
                detail=step_detail(STEP_REJECTED, "non_int_delivered", "SOME_NEW_CODE"),
            ),
        ]
    )
    install_translations("ru")
    try:
        screen = open_screen(window, "reconcile")
        assert isinstance(screen, ReconcileScreen)
        wait_idle(qtbot, ctx)
        shown = []
        for group in range(screen.groups.topLevelItemCount()):
            top = screen.groups.topLevelItem(group)
            assert top is not None
            for child in range(top.childCount()):
                screen.groups.setCurrentItem(top.child(child))
                shown.append(
                    "\n".join(
                        [
                            screen.conflict_text.text(),
                            screen.journal_view.toPlainText(),
                            screen.platform_view.toPlainText(),
                            *(top.child(child).text(i) for i in range(3)),
                        ]
                    )
                )
        assert len(shown) == 2
        assert "Журнал: выдано" in shown[0] and "(Иванова)" in shown[0]
        assert "Платформа: отменено" in shown[0] and "Не выдавайте посылку" in shown[0]
        assert "Платформа: отказала" in shown[1]
        for text in shown:
            assert identifiers_in(text) == [], text
            assert "HTTP" not in text and "{" not in text and "400" not in text, text
    finally:
        install_translations("en")
        set_language("en")
