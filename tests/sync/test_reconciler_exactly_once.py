"""A large journal against the simulator with 20% faults: every intended change exactly once,
none missing, none extra, and never above the configured rate."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.simulator import Simulator
from tests.sync.reconcile_support import (
    FAULTS_20,
    ledger_changes,
    new_store,
    plan_journal,
    reconcile,
)

ENTRIES = 10_000
RATE = 40.0  # a configured limit below the Seller API's 50 rps (bench: 10, 25, 40)


@pytest.mark.slow
def test_ten_thousand_entries_with_faults_land_exactly_once(tmp_path: Path) -> None:
    with Simulator(seed=5, postings=12_000, apply_delay=0.2, faults=FAULTS_20) as sim:
        plan = plan_journal(sim, ENTRIES)
        with new_store(tmp_path) as store:
            store.journal.append(plan.drafts, "operator")
            reconciler, _ = reconcile(store, sim, RATE)
            views = ReconcileViews(store)
            conflicts = {c.entry.posting: c.kind for c in views.conflicts()}
            outstanding = views.outstanding()
        assert sim.wait_applied()
        stats = sim.stats()
        ledger = ledger_changes(sim)
    assert len(plan.drafts) >= ENTRIES
    faults = stats["faults"]
    assert all(faults[kind] > 0 for kind in ("5xx", "429", "reset", "lost", "slow", "outage"))
    assert reconciler.report.retries > 0
    assert outstanding == []
    assert ledger == plan.changes  # every intended change once: none missing, none extra
    assert max(ledger.values()) == 1
    assert conflicts == plan.conflicts
    assert stats["max_requests_in_1s"] <= RATE
    assert stats["rate_limit_violations"] == 0
