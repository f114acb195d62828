"""Conflicts of each kind end named, beside the platform's view, and never block the rest;
an unknown outcome is resolved by reading, never by sending again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.simulator import Simulator
from pvzdesk.storage import Store
from tests.sync.conftest import postings_in
from tests.sync.reconcile_support import ledger_changes, new_store, reconcile

UNKNOWN = "12345678-0000-1"


def _issue(posting: str) -> EntryDraft:
    return EntryDraft(EntryKind.ISSUE, posting, posting.encode(), {})


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with new_store(tmp_path) as opened:
        yield opened


def test_each_conflict_kind_is_named_and_the_rest_goes_through(store: Store) -> None:
    with Simulator(seed=2, postings=120, apply_delay=0.05) as sim:
        delivering = postings_in(sim, "delivering")
        to_deliver, by_someone_else, cancelled_meanwhile = (
            delivering[:6],
            delivering[6],
            delivering[7],
        )
        not_yet_shipped = postings_in(sim, "awaiting_packaging")[0]
        drafts = [_issue(number) for number in [*to_deliver[:3], by_someone_else, UNKNOWN]]
        drafts += [_issue(cancelled_meanwhile), _issue(not_yet_shipped)]
        drafts += [_issue(number) for number in to_deliver[3:]]
        store.journal.append(drafts, "operator")
        # Meanwhile, on the platform:
        sim.upsert_posting(posting_number=by_someone_else, status="delivered")
        sim.upsert_posting(posting_number=cancelled_meanwhile, status="cancelled")
        reconciler, _ = reconcile(store, sim, 40)
        ledger = ledger_changes(sim)

    assert reconciler.report.remaining == 0
    assert ledger == {(number, "delivered"): 1 for number in to_deliver}
    conflicts = {c.entry.posting: c for c in ReconcileViews(store).conflicts()}
    assert {posting: c.kind for posting, c in conflicts.items()} == {
        by_someone_else: "already_delivered",
        cancelled_meanwhile: "cancelled_meanwhile",
        UNKNOWN: "unknown_posting",
        not_yet_shipped: "action_not_available",
    }
    # The platform's view is kept beside the journal's claim.
    assert conflicts[by_someone_else].platform_view["status"] == "delivered"
    assert conflicts[cancelled_meanwhile].platform_view["status"] == "cancelled"
    assert conflicts[not_yet_shipped].platform_view["status"] == "awaiting_packaging"
    assert conflicts[by_someone_else].entry.kind is EntryKind.ISSUE
    assert all(c.description for c in conflicts.values())


def test_a_conflict_is_never_overwritten_by_a_later_run(store: Store) -> None:
    with Simulator(seed=2, postings=60, apply_delay=0.0) as sim:
        number = postings_in(sim, "delivering")[0]
        store.journal.append([_issue(number)], "operator")
        sim.upsert_posting(posting_number=number, status="cancelled")
        reconcile(store, sim, 40)
        sim.upsert_posting(
            posting_number=number, status="delivering"
        )  # the platform changes its mind
        again, requests = reconcile(store, sim, 40)
        ledger = ledger_changes(sim)
    assert again.report.total == 0 and requests == 0
    assert ledger == {}
    assert [c.kind for c in ReconcileViews(store).conflicts()] == ["cancelled_meanwhile"]


def test_per_posting_order_receive_before_issue_and_send_back(store: Store) -> None:
    with Simulator(seed=4, postings=80, apply_delay=0.05) as sim:
        arriving = postings_in(sim, "awaiting_deliver")[0]
        unclaimed = postings_in(sim, "delivering")[0]
        store.journal.append(
            [
                EntryDraft(EntryKind.RECEIVE, arriving, b"", {}),
                _issue(arriving),
                EntryDraft(EntryKind.RETURN_TO_SENDER, unclaimed, b"", {}),
            ],
            "operator",
        )
        reconcile(store, sim, 40)
        ledger = [(row["posting_number"], row["to"]) for row in sim.ledger()]
        cancelled = sim.posting(unclaimed)
    assert ledger.index((arriving, "delivering")) < ledger.index((arriving, "delivered"))
    assert (unclaimed, "cancelled") in ledger
    assert cancelled is not None and cancelled["cancellation"]["cancel_reason_id"] == 665
    assert ReconcileViews(store).summary() == {"applied": 3}


def test_entry_without_posting_is_rejected_and_blocks_nothing(store: Store) -> None:
    with Simulator(seed=2, postings=60, apply_delay=0.0) as sim:
        number = postings_in(sim, "delivering")[0]
        store.journal.append([_issue(""), _issue(number)], "operator")
        reconcile(store, sim, 40)
        ledger = ledger_changes(sim)
    assert ledger == {(number, "delivered"): 1}
    [rejected] = ReconcileViews(store).conflicts()
    assert rejected.outcome == "rejected"


def test_voided_entries_are_not_sent(store: Store) -> None:
    with Simulator(seed=2, postings=60, apply_delay=0.0) as sim:
        kept, voided = postings_in(sim, "delivering")[:2]
        written = store.journal.append([_issue(kept), _issue(voided)], "operator")
        void = {"voided_entry_id": written[1].entry_id, "voided_kind": "issue", "reason": "wrong"}
        store.journal.append([EntryDraft(EntryKind.VOID, voided, b"", void)], "operator")
        reconcile(store, sim, 40)
        ledger = ledger_changes(sim)
    assert ledger == {(kept, "delivered"): 1}


def test_lost_reply_is_resolved_by_reading_not_by_sending_again(store: Store) -> None:
    with Simulator(seed=2, postings=60, apply_delay=0.05, faults="lost=1") as sim:
        numbers = postings_in(sim, "delivering")[:5]
        written = store.journal.append([_issue(number) for number in numbers], "operator")
        reconcile(store, sim, 40)
        stats = sim.stats()
        ledger = ledger_changes(sim)
    assert stats["faults"]["lost"] == 1  # one batch of five, lost once
    assert stats["by_endpoint"]["/v2/fbs/posting/delivered"] == 1  # and never re-sent
    assert stats["duplicate_change_requests"] == 0
    assert ledger == {(number, "delivered"): 1 for number in numbers}
    history = store.attempts.history(written[0].entry_id)
    assert [a.outcome for a in history] == ["unknown", "unknown", "applied"]
    assert history[1].detail.startswith("lost:")


def test_accepted_but_never_applied_is_set_aside_after_a_bounded_number_of_sends(
    store: Store,
) -> None:
    from datetime import UTC, datetime

    from pvzdesk.services.reconcile import retry_set_aside
    from pvzdesk.sync.reconciler import ReconcileOptions
    from pvzdesk.sync.seller_spec import MAX_SENDS

    options = ReconcileOptions(confirm_after_s=0.05, resend_after_s=0.2, max_idle_rounds=5)
    # A platform that says yes and never does it (the change stays pending for ever).
    with Simulator(seed=2, postings=60, apply_delay=10**9, method_limits={}) as sim:
        number = postings_in(sim, "delivering")[0]
        store.journal.append([_issue(number)], "operator")
        reconciler, _ = reconcile(store, sim, 40.0, options)
        stats = sim.stats()
        conflicts = ReconcileViews(store).conflicts()
        # A person puts it back: it gets its sends again, then the platform finally applies.
        assert retry_set_aside(store, datetime.now(UTC)) == 1
        sim.apply_pending()
        again, _ = reconcile(store, sim, 40.0, options)
    assert [(c.entry.posting, c.kind) for c in conflicts] == [(number, "never_applied")]
    assert reconciler.report.remaining == 0  # stopped: nothing sent for ever
    assert stats["by_endpoint"]["/v2/fbs/posting/delivered"] == MAX_SENDS
    assert ReconcileViews(store).summary() == {"applied": 1}
    assert again.report.remaining == 0


def test_putting_an_entry_back_starts_its_send_count_again(store: Store) -> None:
    from datetime import UTC, datetime

    from pvzdesk.storage.attempts import Attempt
    from pvzdesk.storage.outbox import Outbox

    entry = store.journal.append([_issue("12345678-0001-1")], "operator")[0]
    now = datetime.now(UTC)
    sends = [Attempt(entry.entry_id, "ozon_seller", now, "unknown", detail="sent:x")] * 3
    store.attempts.record(sends)
    store.attempts.record(
        [Attempt(entry.entry_id, "ozon_seller", now, "retryable", detail="manual:retry")]
    )
    store.attempts.record(sends[:1])
    (item,) = Outbox(store.db, store.path).items(
        "ozon_seller", {EntryKind.ISSUE}, outcomes=("unknown", "retryable")
    )
    assert item.sends == 1 and item.sent_steps == {"x"}
