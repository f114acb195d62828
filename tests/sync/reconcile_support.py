"""Helpers for the reconciler tests: a journal built from the simulator's postings, the changes
the journal intends, and the changes the simulator's ledger shows."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pvzdesk.clock import SystemClock
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.simulator import Simulator
from pvzdesk.storage import Store, open_store
from pvzdesk.sync.adapters.ozon_seller import OzonSellerAdapter
from pvzdesk.sync.ratelimit import TokenBucket
from pvzdesk.sync.reconciler import ReconcileOptions, Reconciler
from pvzdesk.sync.seller_api import SellerApi
from pvzdesk.sync.seller_spec import METHOD_BUDGETS

# 20% of requests fail, every kind represented (plus an outage of 60 requests, counted, never timed).
FAULTS_20 = "5xx=0.05,429=0.03:1,slow=0.02:0.5,reset=0.05,lost=0.05,outage=300-360,seed=11"
FAST = ReconcileOptions(confirm_after_s=0.4, resend_after_s=1.5, max_idle_rounds=30)
UNKNOWN_POSTING = "99999999-9999-9"

Change = tuple[str, str]  # (posting, status it moved to)


@dataclass
class Plan:
    drafts: list[EntryDraft] = field(default_factory=list)
    changes: Counter[Change] = field(default_factory=Counter)
    conflicts: dict[str, str] = field(default_factory=dict)  # posting -> conflict kind


def plan_journal(sim: Simulator, count: int, seed: int = 1) -> Plan:
    """About ``count`` entries over the simulator's postings, with the changes they intend.

    Mostly issues; some receive+issue pairs (per-posting order), some send-backs; postings the
    platform already delivered/cancelled, or cannot deliver yet, become conflicts."""
    rng = random.Random(seed)
    plan = Plan()
    for number in sim.posting_numbers():
        if len(plan.drafts) >= count:
            break
        status = (sim.posting(number) or {})["status"]
        roll = rng.random()
        if status == "awaiting_deliver" and roll < 0.5:
            plan.drafts += [_draft(EntryKind.RECEIVE, number), _draft(EntryKind.ISSUE, number)]
            plan.changes.update([(number, "delivering"), (number, "delivered")])
        elif status in ("awaiting_deliver", "delivering", "driver_pickup") and roll < 0.02:
            plan.drafts.append(_draft(EntryKind.RETURN_TO_SENDER, number))
            plan.changes[(number, "cancelled")] += 1
        elif status == "awaiting_deliver":
            plan.drafts.append(_draft(EntryKind.ISSUE, number))
            plan.changes.update([(number, "delivering"), (number, "delivered")])
        elif status in ("delivering", "driver_pickup"):
            plan.drafts.append(_draft(EntryKind.ISSUE, number))
            plan.changes[(number, "delivered")] += 1
        else:
            plan.drafts.append(_draft(EntryKind.ISSUE, number))
            plan.conflicts[number] = {
                "delivered": "already_delivered",
                "cancelled": "cancelled_meanwhile",
                "awaiting_packaging": "action_not_available",
            }[status]
    return plan


def _draft(kind: EntryKind, posting: str) -> EntryDraft:
    return EntryDraft(kind, posting, posting.encode(), {"code": posting})


def ledger_changes(sim: Simulator) -> Counter[Change]:
    return Counter(
        (row["posting_number"], row["to"])
        for row in sim.ledger()
        if row["action"] != "external" and row["field"] == "status"
    )


def new_store(data_dir: Path) -> Store:
    return open_store(data_dir, SystemClock())


def reconcile(
    store: Store,
    sim: Simulator,
    rate: float,
    options: ReconcileOptions = FAST,
) -> tuple[Reconciler, int]:
    budgets = {path: TokenBucket(min(limit, rate)) for path, limit in METHOD_BUDGETS.items()}
    with SellerApi(
        sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(rate), budgets=budgets
    ) as api:
        reconciler = Reconciler(store, OzonSellerAdapter(), api, SystemClock(), options)
        reconciler.run()
        return reconciler, api.requests_sent
