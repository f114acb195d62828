"""One "what is waiting" query (``storage.waiting``) agrees with every list a door shows."""

from __future__ import annotations

from datetime import timedelta

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.waiting import BacklogCounts, Waiting
from pvzdesk.ui.screens.reconcile_parts import load_overview

SELLER = "ozon_seller"


def numbers(first: int, count: int) -> list[str]:
    return [f"01321{n:05d}-0101-1" for n in range(first, first + count)]


def test_api_backlog_matches_the_outbox_views(app: AppContext, clock: FixedClock) -> None:
    store = app.store
    waiting = Waiting(store.db, store.path)
    assert waiting.counts(SELLER) == BacklogCounts(0, 0)
    entries = list(app.counter.receive(numbers(0, 8)).entries)
    app.counter.issue([entries[7].posting])  # an issue too: another kind of the adapter
    app.counter.void(entries[6].entry_id, "wrong parcel")  # voided: needs nothing any more
    now = clock.now()
    outcomes = ["applied", "already_applied", "conflict", "rejected", "retryable", "unknown"]
    store.attempts.record(
        Attempt(entry.entry_id, SELLER, now, outcome)
        for entry, outcome in zip(entries, outcomes, strict=False)
    )
    # A later attempt wins: the applied one goes back in play, the unknown one is applied.
    later = now + timedelta(minutes=1)
    store.attempts.record(
        [
            Attempt(entries[0].entry_id, SELLER, later, "retryable"),
            Attempt(entries[5].entry_id, SELLER, later, "applied"),
            Attempt(entries[1].entry_id, "other", later, "retryable"),  # another adapter's
        ]
    )
    views = ReconcileViews(store, SELLER)
    counts = waiting.counts(SELLER)
    assert counts == BacklogCounts(len(views.outstanding()), len(views.conflicts()))
    assert counts == app.services.reconcile.views().counts()
    # the Сверка screen's "waiting" counts the never-tried entries too (it once did not)
    assert load_overview(store, SELLER).waiting == counts.waiting
    assert waiting.api_entry_ids(SELLER) == [item.entry.entry_id for item in views.outstanding()]
    # in play: entries[0] (retryable again), entries[4] (retryable), entries[7] (never tried)
    # and the issue (never tried); set aside: the conflict and the rejection
    assert counts == BacklogCounts(4, 2)


def test_reentry_backlog_matches_the_worklist(app: AppContext, clock: FixedClock) -> None:
    store = app.store
    app.counter.receive(numbers(0, 2))  # online: done in the platform's app already
    clock.advance(timedelta(minutes=1))
    app.incidents.start("connect")
    clock.advance(timedelta(seconds=1))
    during = list(app.counter.receive(numbers(10, 4)).entries)
    app.counter.void(during[3].entry_id, "wrong parcel")
    clock.advance(timedelta(minutes=1))
    app.incidents.end()
    clock.advance(timedelta(minutes=1))
    app.counter.receive(numbers(20, 2))  # online again
    clock.advance(timedelta(minutes=1))
    app.incidents.start("timeout")  # still open
    clock.advance(timedelta(seconds=1))
    app.counter.issue([during[0].posting])

    worklist = app.services.reconcile.worklist()
    assert worklist.check_off(during[1].posting).written is not None
    counts = Waiting(store.db, store.path).counts("reentry")
    assert counts == BacklogCounts(len(worklist.remaining()), 0)
    assert counts.waiting == 3  # during[0], during[2] and the issue; during[1] re-entered


def test_recounts_read_what_changed_not_the_journal(app: AppContext) -> None:
    """The status bar recounts after every scan on a million-entry journal: re-entry starts from
    the incident spans into the entries by wall time, an API recount reads the new attempts by
    their id range. (The plans, not timings: the figures are bench/journal.py's.)"""
    from pvzdesk.storage import waiting as waiting_module

    conn = app.store.db.conn
    waiting = Waiting(app.store.db, app.store.path)
    sql, params = waiting._reentry_sql("count(*)")
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    outer = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
    assert "SCAN spans" in plan
    assert "SEARCH e USING INDEX entries_wall_time (wall_time>? AND wall_time<?)" in plan
    assert plan.index("SCAN spans") < plan.index(
        "SEARCH e USING INDEX entries_wall_time (wall_time>? AND wall_time<?)"
    )
    assert not [step for step in outer if step.startswith("SCAN e")]
    names = {
        "kinds": "'issue','receive'",
        "settled": "'applied'",
        "set_aside": "'conflict'",
    }
    bounds = {"seq": 1, "head": 2, "attempt": 1, "head_attempt": 2, "adapter": SELLER}
    old = waiting_module._OLD_SQL.format(**names)
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + old, bounds)]
    assert "SEARCH t USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in plan
    assert not [step for step in plan if step.startswith(("SCAN e", "SCAN entries"))]
    new = waiting_module._NEW_SQL.format(**names)
    plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + new, bounds)]
    assert "SEARCH e USING INDEX entries_kind (kind=? AND seq>? AND seq<?)" in plan
