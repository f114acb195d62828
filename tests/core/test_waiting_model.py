"""``storage.waiting`` against a plain-Python model of its rule (the module docstring), on journals
of every shape: kinds of both adapters, voids, incidents open, closed, overlapping and begun
before they were noticed, re-entry check-offs, attempts of several adapters with final, set-aside
and in-play outcomes, set-aside entries retried after a count. Counts are taken along the way too,
so the API adapters' kept tally is advanced over every kind of change, from memory and from
``meta``."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import PLATFORM_KINDS, Entry, EntryDraft, EntryKind
from pvzdesk.domain.outcomes import SELLER_KINDS
from pvzdesk.storage import waiting as waiting_module
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.store import Store, open_store
from pvzdesk.storage.waiting import BacklogCounts, Waiting

SELLER = "ozon_seller"
REENTRY = "reentry"
START = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)

WORK_KINDS = [
    EntryKind.RECEIVE,
    EntryKind.ISSUE,
    EntryKind.RETURN_TO_SENDER,
    EntryKind.REFUSE,
    EntryKind.EXTEND,
    EntryKind.PLACE,
    EntryKind.NOTE,
]
OUTCOMES = ["applied", "already_applied", "rejected", "conflict", "retryable", "unknown"]


@dataclass
class Model:
    """What the journal holds, kept beside it by the test: entries in order, attempts in order."""

    entries: list[Entry] = field(default_factory=list)
    attempts: list[tuple[str, str, str]] = field(default_factory=list)  # entry, adapter, outcome

    def latest(self, entry_id: str, adapter: str) -> str | None:
        found = None
        for attempted, by, outcome in self.attempts:
            if attempted == entry_id and by == adapter:
                found = outcome
        return found

    def voided(self) -> set[str]:
        return {
            str(e.payload["voided_entry_id"])
            for e in self.entries
            if e.kind is EntryKind.VOID and "voided_entry_id" in e.payload
        }

    def api(self, adapter: str) -> tuple[list[Entry], int]:
        """(the waiting entries by seq, the number set aside)."""
        voided = self.voided()
        waiting, conflicts = [], 0
        for e in self.entries:
            if e.kind not in SELLER_KINDS or e.entry_id in voided:
                continue
            latest = self.latest(e.entry_id, adapter)
            if latest in ("rejected", "conflict"):
                conflicts += 1
            elif latest not in ("applied", "already_applied"):
                waiting.append(e)
        return waiting, conflicts

    def reentry(self) -> list[tuple[Entry, str, str, datetime | None]]:
        """(entry, its first incident, its first check-off, when) for every entry an incident
        covers that the platform does not show, by seq."""
        spans = []
        for s in self.entries:
            if s.kind is not EntryKind.INCIDENT_START:
                continue
            began = s.payload.get("started_at")
            start = datetime.fromisoformat(str(began)) if began else s.wall_time
            ends = [
                x.wall_time
                for x in self.entries
                if x.kind is EntryKind.INCIDENT_END
                and x.payload.get("incident_id") == s.payload.get("incident_id")
                and x.seq > s.seq
            ]
            spans.append((str(s.payload["incident_id"]), start, min(ends) if ends else None))
        voided = self.voided()
        rows = []
        for e in self.entries:
            if e.kind not in PLATFORM_KINDS or e.entry_id in voided:
                continue
            adapters = {by for attempted, by, _ in self.attempts if attempted == e.entry_id}
            if any(
                self.latest(e.entry_id, by) in ("applied", "already_applied")
                for by in adapters - {REENTRY}
            ):
                continue
            covering = [
                incident
                for incident, start, end in spans
                if start <= e.wall_time and (end is None or e.wall_time < end)
            ]
            if not covering:
                continue
            done = [
                d
                for d in self.entries
                if d.kind is EntryKind.REENTRY_DONE and d.payload.get("entry_id") == e.entry_id
            ]
            first = done[0] if done else None
            rows.append(
                (
                    e,
                    covering[0],
                    first.entry_id if first else "",
                    first.wall_time if first else None,
                )
            )
        return rows


def by_kind(entries: list[Entry]) -> dict[EntryKind, int]:
    counted: dict[EntryKind, int] = {}
    for e in entries:
        counted[e.kind] = counted.get(e.kind, 0) + 1
    return {kind: counted[kind] for kind in EntryKind if kind in counted}


def check(store: Store, model: Model) -> None:
    waiting = Waiting(store.db, store.path)
    for adapter in (SELLER, "other"):
        entries, conflicts = model.api(adapter) if adapter == SELLER else ([], 0)
        counts = waiting.counts(adapter)
        assert counts == BacklogCounts(len(entries), conflicts)
        assert counts.by_kind == by_kind(entries)
        if adapter == SELLER:
            assert waiting.api_entry_ids(adapter) == [e.entry_id for e in entries]
    rows = model.reentry()
    open_rows = [e for e, _, done, _ in rows if not done]
    counts = waiting.counts(REENTRY)
    assert counts == BacklogCounts(len(open_rows), 0)
    assert counts.by_kind == by_kind(open_rows)
    found = waiting.reentry_rows()
    assert [(r.entry.entry_id, r.incident_id, r.done_entry_id, r.done_at) for r in found] == [
        (e.entry_id, incident, done, at) for e, incident, done, at in rows
    ]


def write(store: Store, clock: FixedClock, model: Model, draft: EntryDraft) -> Entry:
    # inside the caller's transaction: no clock check, so a clock set back is written as it is
    with write_transaction(store.db):
        (entry,) = store.journal.append_in_transaction([draft], "op")
    model.entries.append(entry)
    return entry


@contextmanager
def journal() -> Iterator[tuple[Store, FixedClock, Model]]:
    with tempfile.TemporaryDirectory() as folder:
        clock = FixedClock(START)
        store = open_store(Path(folder) / "data", clock)
        try:
            yield store, clock, Model()
        finally:
            store.close()


STEP = st.sampled_from([0, 0, 1, 1, 30, 90, -45])
ENTRY = st.tuples(st.just("entry"), st.sampled_from(WORK_KINDS), STEP)
ATTEMPT = st.tuples(
    st.just("attempt"),
    st.integers(0, 40),
    st.sampled_from([SELLER, SELLER, "other", REENTRY]),
    st.sampled_from(OUTCOMES),
)
OPS = st.lists(
    st.one_of(
        ENTRY,
        ENTRY,
        ENTRY,
        st.tuples(st.just("void"), st.integers(0, 40), STEP),
        st.tuples(st.just("start"), st.integers(0, 3), st.sampled_from([None, 0, 1, 120])),
        st.tuples(st.just("end"), st.integers(0, 3), STEP),
        st.tuples(st.just("done"), st.integers(0, 40), STEP),
        ATTEMPT,
        ATTEMPT,
        st.tuples(st.just("retry_set_aside"), st.just(0), st.just(0)),
        st.tuples(st.just("count"), st.booleans(), st.just(0)),
        st.tuples(st.just("count"), st.booleans(), st.just(0)),
    ),
    min_size=6,
    max_size=60,
)


def run(ops: list[tuple[Any, ...]]) -> None:
    with journal() as (store, clock, model):
        for op in ops:
            what = op[0]
            work = [e for e in model.entries if e.kind in WORK_KINDS]
            if what == "entry":
                clock.advance(timedelta(seconds=op[2]))
                write(store, clock, model, EntryDraft(op[1], "P-1"))
            elif what in ("void", "done") and model.entries:
                clock.advance(timedelta(seconds=op[2]))
                target = (work or model.entries)[op[1] % len(work or model.entries)]
                if what == "void":
                    payload = {"voided_entry_id": target.entry_id, "reason": "x"}
                    write(store, clock, model, EntryDraft(EntryKind.VOID, "", b"", payload))
                else:
                    draft = EntryDraft(
                        EntryKind.REENTRY_DONE, "", b"", {"entry_id": target.entry_id}
                    )
                    write(store, clock, model, draft)
            elif what == "start":
                payload: dict[str, Any] = {"incident_id": f"i{op[1]}", "reason": "connect"}
                if op[2] is not None:  # the first failed probe, some seconds before
                    began = clock.now() - timedelta(seconds=op[2])
                    payload["started_at"] = began.astimezone(UTC).isoformat()
                write(store, clock, model, EntryDraft(EntryKind.INCIDENT_START, "", b"", payload))
            elif what == "end":
                clock.advance(timedelta(seconds=op[2]))
                payload = {"incident_id": f"i{op[1]}"}
                write(store, clock, model, EntryDraft(EntryKind.INCIDENT_END, "", b"", payload))
            elif what == "attempt" and model.entries:
                target = (work or model.entries)[op[1] % len(work or model.entries)]
                store.attempts.record([Attempt(target.entry_id, op[2], clock.now(), op[3])])
                model.attempts.append((target.entry_id, op[2], op[3]))
            elif what == "retry_set_aside":
                again = [
                    e.entry_id
                    for e in model.entries
                    if model.latest(e.entry_id, SELLER) in ("rejected", "conflict")
                ]
                store.attempts.record(
                    Attempt(entry_id, SELLER, clock.now(), "retryable") for entry_id in again
                )
                model.attempts.extend((entry_id, SELLER, "retryable") for entry_id in again)
            elif what == "count":
                if op[1]:  # a new process: only the tally kept in meta is known
                    waiting_module._TALLIES.clear()
                check(store, model)
        check(store, model)
        waiting_module._TALLIES.clear()
        check(store, model)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_waiting_equals_the_model(ops: list[tuple[Any, ...]]) -> None:
    run(ops)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(OPS)
def test_waiting_equals_the_model_with_every_tally_kept(ops: list[tuple[Any, ...]]) -> None:
    kept = waiting_module._PERSIST_AFTER, waiting_module._RECOUNT_AFTER
    waiting_module._PERSIST_AFTER = 0  # every count writes its tally: the restart path is used
    waiting_module._RECOUNT_AFTER = float("inf")  # and always goes on from it, never from nothing
    try:
        run(ops)
    finally:
        waiting_module._PERSIST_AFTER, waiting_module._RECOUNT_AFTER = kept


def test_a_tally_of_an_earlier_copy_of_the_file_is_not_trusted(tmp_path: Path) -> None:
    """A journal restored from a backup then written on differently: the tally kept in memory
    and in meta counted rows that are no longer there, so the count starts over."""
    kept = waiting_module._PERSIST_AFTER, waiting_module._RECOUNT_AFTER
    waiting_module._PERSIST_AFTER = 0
    waiting_module._RECOUNT_AFTER = float("inf")
    clock = FixedClock(START)
    data = tmp_path / "data"
    try:
        store = open_store(data, clock)
        model = Model()
        for _ in range(3):
            write(store, clock, model, EntryDraft(EntryKind.RECEIVE, "P-1"))
        assert Waiting(store.db, store.path).counts(SELLER) == BacklogCounts(3, 0)  # kept in meta
        copy = tmp_path / "copy.sqlite"
        with sqlite3.connect(copy) as target:
            store.db.conn.backup(target)
        target.close()
        for _ in range(3):
            write(store, clock, model, EntryDraft(EntryKind.ISSUE, "P-1"))
        store.attempts.record(
            Attempt(e.entry_id, SELLER, clock.now(), "applied") for e in model.entries[:2]
        )
        assert Waiting(store.db, store.path).counts(SELLER) == BacklogCounts(4, 0)
        store.close()
        # the backup comes back, and two other entries follow it
        for name in ("journal.sqlite-wal", "journal.sqlite-shm"):
            (data / name).unlink(missing_ok=True)
        shutil.copy(copy, store.path)
        store = open_store(data, clock)
        model.entries = model.entries[:3]
        for _ in range(2):  # a head below the remembered tally's
            write(store, clock, model, EntryDraft(EntryKind.RETURN_TO_SENDER, "P-1"))
        again = [(model.entries[0].entry_id, "conflict"), (model.entries[4].entry_id, "unknown")]
        store.attempts.record(Attempt(e, SELLER, clock.now(), outcome) for e, outcome in again)
        model.attempts = [(e, SELLER, outcome) for e, outcome in again]
        check(store, model)
        # and the stale tally is forgotten: the next recount goes on from the new one
        remembered = waiting_module._TALLIES[(str(store.path), SELLER)]
        assert (remembered.seq, remembered.attempt) == (5, 2)
        # the tally's own write skipped its fsync; the connection's writes are durable again
        assert store.db.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.db.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        kept_row = "SELECT value FROM meta WHERE key = 'waiting_tally:ozon_seller'"
        assert store.db.conn.execute(kept_row).fetchone() is not None
        store.close()
    finally:
        waiting_module._PERSIST_AFTER, waiting_module._RECOUNT_AFTER = kept
