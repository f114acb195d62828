"""Budget check (DESIGN §11): scan -> durable commit on a 1,000,000-entry journal, and posting
lookup by any barcode with 100,000 postings; and what the window pays on its DB worker for the
status bar's «К сверке» recount (``storage.waiting``, up to every 2 s while scans come in), before
and after the tally. Prints figures; asserts nothing.

    .venv/bin/python bench/journal.py [--entries N] [--postings N] [--fresh]
    .venv/bin/python bench/journal.py --backlog-only [--source path/to/journal.sqlite]

The big journal is built once and reused (``--fresh`` rebuilds it): under
``$PVZDESK_BENCH_CACHE`` (default ``/tmp/pvzdesk-bench``), keyed by the size and by a digest of the
schema's migrations and ``BUILDER_VERSION``, so a schema change builds a new one rather than
benchmarking a stale file. ``bench/startup.py`` uses the same cache. The backlog figures run on
a copy of it, never on it (``--source``: a copy of another journal, read through a read-only
connection).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pvzdesk.app import open_app
from pvzdesk.clock import SystemClock
from pvzdesk.domain.models import EntryDraft, EntryKind, ManifestPosting
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.store import open_store
from pvzdesk.storage.waiting import Waiting

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("PVZDESK_BENCH_CACHE", "/tmp/pvzdesk-bench"))
T = TypeVar("T")
BATCH = 20_000
BUILDER_VERSION = 1  # raise when ``build`` writes something else: the cached journals are rebuilt


def posting_number(n: int) -> str:
    return f"{30000000 + n:010d}-{n % 9000 + 1000:04d}-1"


def cache_key() -> str:
    """What the cached journal depends on: the migrations that made it and this builder."""
    digest = hashlib.sha256((ROOT / "pvzdesk" / "storage" / "schema.py").read_bytes())
    digest.update(str(BUILDER_VERSION).encode())
    return digest.hexdigest()[:12]


def cached_journal(entries: int, postings: int, *, fresh: bool = False) -> Path:
    """The data folder of a built journal of this size, built now if there is none yet."""
    data_dir = CACHE / f"journal-{entries}-{postings}-{cache_key()}"
    done = data_dir / "built"
    if fresh or not done.exists():
        shutil.rmtree(data_dir, ignore_errors=True)
        build(data_dir, entries, postings)
        done.write_text("ok\n")  # a build cut short is not reused
    return data_dir


def build(data_dir: Path, entries: int, postings: int) -> None:
    started = time.perf_counter()
    with open_app(data_dir) as app:
        rows = [
            ManifestPosting(
                posting_number(n),
                (f"%101%{n:012d}", f"{200000000000000 + n:015d}", f"ii{5000000000 + n}"),
                1,
                f"A-{n % 400}",
                date(2026, 11, 20) + timedelta(days=n % 10),
                customer_key=f"c{n // 2}",
            )
            for n in range(postings)
        ]
        with write_transaction(app.store.db):
            app.store.postings.upsert_manifest(rows, "2026-11-20T00:00:00+00:00")
        written = 0
        kinds = (EntryKind.RECEIVE, EntryKind.PLACE, EntryKind.ISSUE, EntryKind.NOTE)
        while written < entries:
            drafts = []
            for i in range(min(BATCH, entries - written)):
                n = written + i
                kind = kinds[n % len(kinds)]
                posting = "" if kind is EntryKind.NOTE else posting_number(n % postings)
                payload = {"cell": "B-1"} if kind is EntryKind.PLACE else {"n": n}
                drafts.append(EntryDraft(kind, posting, posting.encode(), payload))
            app.store.journal.append(drafts, "bench")
            written += len(drafts)
            print(f"\r  building: {written:,} / {entries:,} entries", end="", file=sys.stderr)
    print(f"\n  built in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


# --- «К сверке»: the window's backlog recount ----------------------------------------------------
# The statements ``storage.waiting`` ran before the tally and the span-first re-entry, kept here
# only to print the "before" figure beside the "after" one.
_OLD_VOIDED = (
    "voided AS (SELECT json_extract(payload, '$.voided_entry_id') AS entry_id FROM entries "
    "WHERE kind = 'void' AND json_extract(payload, '$.voided_entry_id') IS NOT NULL)"
)
_OLD_API = (
    "WITH latest AS (SELECT entry_id, max(id) AS id FROM sync_attempts WHERE adapter = ? "
    f"GROUP BY entry_id), {_OLD_VOIDED} "
    "SELECT e.kind, coalesce(sum(a.id IS NULL OR a.outcome NOT IN "
    "('already_applied','applied','conflict','rejected')), 0), "
    "coalesce(sum(a.outcome IN ('conflict','rejected')), 0) "
    "FROM entries e LEFT JOIN latest l ON l.entry_id = e.entry_id "
    "LEFT JOIN sync_attempts a ON a.id = l.id "
    "WHERE e.kind IN ('issue','receive','return_to_sender') "
    "AND e.entry_id NOT IN (SELECT entry_id FROM voided) GROUP BY e.kind"
)
_OLD_REENTRY = (
    "WITH spans AS (SELECT json_extract(s.payload, '$.incident_id') AS incident_id, s.seq AS seq, "
    "coalesce(json_extract(s.payload, '$.started_at'), s.wall_time) AS started, "
    "(SELECT min(x.wall_time) FROM entries x WHERE x.kind = 'incident_end' "
    "AND json_extract(x.payload, '$.incident_id') = json_extract(s.payload, '$.incident_id') "
    "AND x.seq > s.seq) AS ended FROM entries s WHERE s.kind = 'incident_start'), "
    "done AS (SELECT json_extract(payload, '$.entry_id') AS entry_id, min(seq) AS seq, "
    "entry_id AS done_id, wall_time AS done_at FROM entries WHERE kind = 'reentry_done' "
    "AND json_extract(payload, '$.entry_id') IS NOT NULL "
    f"GROUP BY json_extract(payload, '$.entry_id')), {_OLD_VOIDED}, "
    "on_platform AS (SELECT a.entry_id FROM sync_attempts a JOIN (SELECT max(id) AS id "
    "FROM sync_attempts WHERE adapter <> 'reentry' GROUP BY entry_id, adapter) l ON l.id = a.id "
    "WHERE a.outcome IN ('already_applied','applied')) "
    "SELECT e.kind, count(DISTINCT e.entry_id) FROM entries e JOIN spans "
    "ON e.wall_time >= spans.started AND (spans.ended IS NULL OR e.wall_time < spans.ended) "
    "LEFT JOIN done ON done.entry_id = e.entry_id "
    "WHERE e.kind IN ('client_return','extend','issue','receive','refuse','return_to_sender') "
    "AND e.entry_id NOT IN (SELECT entry_id FROM voided) "
    "AND e.entry_id NOT IN (SELECT entry_id FROM on_platform) AND done.entry_id IS NULL "
    "GROUP BY e.kind"
)


def timed_ms(action: Callable[[], T], times: int = 1) -> tuple[float, T]:
    """The median of ``times`` runs, in ms, and what the last one returned."""
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), result


def backlog(source: Path) -> None:
    """Recount times on a copy of ``source`` (never written to): both adapters, no incident and
    one incident of ~5,000 entries, a never-reconciled and a reconciled journal."""
    with tempfile.TemporaryDirectory(prefix="pvzdesk-backlog-") as folder:
        data = Path(folder) / "data"
        data.mkdir()
        copied = time.perf_counter()
        original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        copy = sqlite3.connect(data / "journal.sqlite")
        original.backup(copy)
        copy.close()
        original.close()
        print(
            f"backlog recount on a copy of {source} ({time.perf_counter() - copied:.0f} s to copy)"
        )
        store = open_store(data, SystemClock(), check_integrity=False)
        try:
            conn = store.db.conn
            waiting = Waiting(store.db, store.path)
            entries = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
            print(f"  journal: {entries:,} entries")

            def figure(what: str, old_sql: str, params: tuple[str, ...], adapter: str) -> None:
                before, _ = timed_ms(lambda: conn.execute(old_sql, params).fetchall(), 3)
                first, _ = timed_ms(lambda: waiting.counts(adapter))
                again, counts = timed_ms(lambda: waiting.counts(adapter), 5)
                scans = [EntryDraft(EntryKind.RECEIVE, f"B-{n}") for n in range(20)]
                store.journal.append(scans, "bench")  # what the window sees between recounts
                after_scans, _ = timed_ms(lambda: waiting.counts(adapter))
                print(
                    f"  {what}: before {before:.1f} ms; after: first count {first:.1f} ms, "
                    f"recount {again:.2f} ms, recount after 20 scans {after_scans:.2f} ms "
                    f"(waiting {counts.waiting:,}, conflicts {counts.conflicts:,})"
                )

            figure("re-entry, no incident", _OLD_REENTRY, (), "reentry")
            figure("ozon_seller, never reconciled", _OLD_API, ("ozon_seller",), "ozon_seller")

            # one incident over the last ~5,000 entries, begun before it was noticed
            (began,) = conn.execute(
                "SELECT wall_time FROM entries ORDER BY seq DESC LIMIT 1 OFFSET 5000"
            ).fetchone()
            store.journal.append(
                [
                    EntryDraft(
                        EntryKind.INCIDENT_START,
                        "",
                        b"",
                        {"incident_id": "bench", "reason": "connect", "started_at": began},
                    )
                ],
                "bench",
            )
            figure("re-entry, one incident of ~5k entries", _OLD_REENTRY, (), "reentry")
            rows_ms, rows = timed_ms(waiting.reentry_rows, 3)
            print(f"  re-entry worklist rows: {rows_ms:.1f} ms ({len(rows):,} rows)")

            # reconciled: every entry of the adapter applied but the last 1,000
            ids = [
                row[0]
                for row in conn.execute(
                    "SELECT entry_id FROM entries WHERE kind IN ('issue','receive',"
                    "'return_to_sender') ORDER BY seq"
                )
            ]
            now = SystemClock().now()
            store.attempts.record(Attempt(i, "ozon_seller", now, "applied") for i in ids[:-1000])
            figure("ozon_seller, reconciled", _OLD_API, ("ozon_seller",), "ozon_seller")
        finally:
            store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--backlog-only", action="store_true")
    parser.add_argument("--source", type=Path, help="copy this journal for the backlog figures")
    args = parser.parse_args()
    if args.backlog_only and args.source:
        backlog(args.source)
        return
    data_dir = cached_journal(args.entries, args.postings, fresh=args.fresh)
    if args.backlog_only:
        backlog(data_dir / "journal.sqlite")
        return

    opened = time.perf_counter()
    app = open_app(data_dir, check_integrity=True)
    open_s = time.perf_counter() - opened
    try:
        count = app.store.journal.count()
        rng = random.Random(7)
        # scan -> resolve -> rules -> durable commit (WAL, synchronous=FULL) -> result for feedback
        # New parcels each run: the cached journal keeps the previous runs' receipts.
        fresh = random.Random()
        scans = [
            f"{9000000000 + fresh.randrange(10**8):010d}-0001-{i % 90 + 1}" for i in range(1000)
        ]
        commit_ms = []
        for code in scans:
            started = time.perf_counter()
            result = app.counter.receive([code])
            commit_ms.append((time.perf_counter() - started) * 1000)
            assert result.entries
        # lookup by any barcode: posting number, upper, lower or return code
        lookup_ms = []
        for _ in range(20_000):
            n = rng.randrange(args.postings)
            code = rng.choice(
                (
                    posting_number(n),
                    f"%101%{n:012d}",
                    f"{200000000000000 + n:015d}",
                    f"ii{5000000000 + n}",
                )
            )
            started = time.perf_counter()
            found = app.store.postings.resolve(code)
            state = app.store.postings.state(found or code)
            lookup_ms.append((time.perf_counter() - started) * 1000)
            assert found == posting_number(n) and state.posting == found
    finally:
        app.close()
    # What a CLI command pays once the check is not due (closed cleanly, checked today).
    reopened = time.perf_counter()
    open_app(data_dir).close()
    reopen_s = time.perf_counter() - reopened

    print(f"journal: {count:,} entries, {args.postings:,} postings ({data_dir})")
    print(f"open, check due (quick_check + migrations): {open_s * 1000:.0f} ms")
    print(f"open, no check due (a CLI command's open): {reopen_s * 1000:.0f} ms   (budget 500 ms)")
    print(
        "scan -> durable commit -> feedback: "
        f"p50 {statistics.median(commit_ms):.2f} ms, p99 {percentile(commit_ms, 0.99):.2f} ms, "
        f"max {max(commit_ms):.2f} ms   (budget p99 <= 15 ms)"
    )
    print(
        "lookup by any barcode (+ posting state): "
        f"p50 {statistics.median(lookup_ms) * 1000:.0f} us, p99 {percentile(lookup_ms, 0.99) * 1000:.0f} us   "
        "(budget p99 <= 1 ms)"
    )
    backlog(args.source or data_dir / "journal.sqlite")


if __name__ == "__main__":
    main()
