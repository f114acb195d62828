"""The re-entry list asks only for what the platform does not have yet: after a Seller API
reconcile (the simulator, a real server on loopback) the operations it shows applied drop off
the worklist, its count and the printed sheet."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.outcomes import FINAL, REENTRY_ADAPTER
from pvzdesk.services.reconcile import Credentials
from pvzdesk.simulator import Simulator
from pvzdesk.storage.waiting import Waiting
from tests.reports.test_reentry_and_bundle import decoded_pages
from tests.sync.conftest import postings_in
from tests.sync.reconcile_support import FAST


def test_reentry_lists_only_what_the_platform_lacks_after_an_rfbs_reconcile(
    app: AppContext, clock: FixedClock, sim: Simulator, tmp_path: Path
) -> None:
    numbers = postings_in(sim, "awaiting_deliver")[:8]
    assert len(numbers) == 8
    incident, _ = app.incidents.start("connect")
    clock.advance(timedelta(minutes=1))
    # 16 operations during the outage: 8 receives and 4 hand-overs (the Seller API takes
    # them), 2 refusals and 2 extensions (it has nothing for them)
    app.counter.receive(numbers)
    clock.advance(timedelta(minutes=1))
    app.counter.issue(numbers[:4])
    app.counter.refuse(numbers[4:6], reason="не подошло")
    app.counter.extend(numbers[6:8], days=2)
    clock.advance(timedelta(minutes=1))
    app.incidents.end()
    worklist = app.services.reconcile.worklist()
    assert len(worklist.remaining()) == 16

    platform = replace(app.settings.platform, adapter="ozon_seller", seller_api_url=sim.base_url)
    app.apply_settings(replace(app.settings, platform=platform))
    run = app.services.reconcile.run(
        credentials=Credentials(sim.base_url, sim.client_id, sim.api_key),
        options=FAST,
        refresh_after=False,
    )
    assert run.report.remaining == 0
    latest = app.store.attempts.latest("ozon_seller")
    assert len([a for a in latest.values() if a.outcome in FINAL]) == 12

    left = worklist.remaining()
    assert sorted((item.entry.kind, item.entry.posting) for item in left) == sorted(
        [(EntryKind.REFUSE, number) for number in numbers[4:6]]
        + [(EntryKind.EXTEND, number) for number in numbers[6:8]]
    )
    assert worklist.items() == left  # nothing the platform has is listed, ticked or not
    assert Waiting(app.store.db, app.store.path).counts(REENTRY_ADAPTER).waiting == 4
    sheet = app.services.reporting.reentry_sheet(
        tmp_path / "sheet.pdf", incident_id=incident.incident_id
    )
    printed = [code for page in decoded_pages(sheet) for code in page]
    assert printed == [item.entry.posting for item in left]


@pytest.mark.parametrize("outcome", ["conflict", "retryable"])
def test_an_operation_the_platform_does_not_show_stays_on_the_list(
    app: AppContext, clock: FixedClock, outcome: str
) -> None:
    """Only ``applied`` and ``already_applied`` take an operation off: a conflict or a retry
    leaves it to re-enter."""
    from pvzdesk.storage.attempts import Attempt

    app.incidents.start("connect")
    clock.advance(timedelta(minutes=1))
    received = app.counter.receive(["0132112277-0101-1", "0132112277-0102-1"]).entries
    clock.advance(timedelta(minutes=1))
    app.incidents.end()
    app.store.attempts.record(
        [
            Attempt(received[0].entry_id, "ozon_seller", clock.now(), outcome),
            Attempt(received[1].entry_id, "ozon_seller", clock.now(), "already_applied"),
        ]
    )
    left = app.services.reconcile.worklist().remaining()
    assert [item.entry.entry_id for item in left] == [received[0].entry_id]
