"""Budget check (DESIGN §11): scan -> durable commit on a 1,000,000-entry journal, and posting
lookup by any barcode with 100,000 postings. Prints figures; asserts nothing.

    .venv/bin/python bench/journal.py [--entries N] [--postings N] [--fresh]

The big journal is built once and reused (``--fresh`` rebuilds it): under
``$PVZDESK_BENCH_CACHE`` (default ``/tmp/pvzdesk-bench``), keyed by the size and by a digest of the
schema's migrations and ``BUILDER_VERSION``, so a schema change builds a new one rather than
benchmarking a stale file. ``bench/startup.py`` uses the same cache.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pvzdesk.app import open_app
from pvzdesk.domain.models import EntryDraft, EntryKind, ManifestPosting
from pvzdesk.storage.database import write_transaction

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(os.environ.get("PVZDESK_BENCH_CACHE", "/tmp/pvzdesk-bench"))
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    data_dir = cached_journal(args.entries, args.postings, fresh=args.fresh)

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


if __name__ == "__main__":
    main()
