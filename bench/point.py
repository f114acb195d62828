"""Budget check (DESIGN §11) for several desks on PostgreSQL. Prints figures; asserts nothing.

    .venv/bin/python bench/point.py [--claims N] [--entries N]

Starts a throwaway PostgreSQL (as the tests do: the Debian package's binaries, as the ``postgres``
user when run as root) on loopback and measures:
- the claim round trip a desk pays before an issue (two desks claiming in turn, and racing);
- pushing N queued entries of one desk to the central database (one ``central sync``);
- the counter's scan -> commit -> feedback for an issue, with no point database and with one
  (the claim is the only extra step on that path);
- Хранение's list of the whole point at a desk, with N parcels received at another desk (half of
  them issued there), and the push a CLI counter command makes after its commit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import SystemClock
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.point.schema import Target
from tests.point.conftest import write_desk_settings
from tests.point.pg import remove_cluster, start_cluster


def posting_number(desk: int, n: int) -> str:
    return f"{desk}{n:08d}-0001-1"


def percentiles(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"p50 {statistics.median(ordered):.2f} ms, p99 {p99:.2f} ms, max {ordered[-1]:.2f} ms "
        f"({len(ordered)} samples)"
    )


def desk(root: Path, name: str, point_url: str = "", central_url: str = "") -> AppContext:
    data_dir = root / f"desk-{name}"
    write_desk_settings(data_dir, name, point_url, central_url)
    return open_app(data_dir, clock=SystemClock())


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def bench_claims(root: Path, url: str, claims: int) -> None:
    with desk(root, "1", url) as one, desk(root, "2", url) as two:
        for app in (one, two):
            assert app.point is not None
            app.point.sync_once(app.store)
        samples: list[float] = []
        for n in range(claims):
            app = (one, two)[n % 2]
            assert app.point is not None
            started = time.perf_counter()
            app.point.claim(app.store, EntryKind.ISSUE, posting_number(7, n), "b")
            samples.append((time.perf_counter() - started) * 1000)
        print(f"claim round trip, in turn:  {percentiles(samples)}")
        raced: list[float] = []
        barrier = threading.Barrier(2)

        def race(app: AppContext) -> None:
            assert app.point is not None
            point = app.point
            store = app.store.reconnect(app.clock)
            for n in range(claims // 2):
                barrier.wait()
                started = time.perf_counter()
                point.claim(store, EntryKind.ISSUE, posting_number(8, n), "b")
                raced.append((time.perf_counter() - started) * 1000)
            store.close()

        threads = [threading.Thread(target=race, args=(app,)) for app in (one, two)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print(f"claim round trip, racing:   {percentiles(raced)}")


def bench_push(root: Path, url: str, entries: int) -> None:
    with desk(root, "3", central_url=url) as app:
        batch = 5_000
        for start in range(0, entries, batch):
            drafts = [
                EntryDraft(EntryKind.RECEIVE, posting_number(3, n), b"", {"n": n})
                for n in range(start, min(entries, start + batch))
            ]
            app.store.journal.append(drafts, "bench")
        assert app.point is not None
        point = app.point
        started = time.perf_counter()
        status = point.sync_once(app.store, [Target.CENTRAL])
        elapsed = time.perf_counter() - started
        print(
            f"push {entries:,} queued entries to central: {elapsed:.2f} s "
            f"({entries / elapsed:,.0f} entries/s; pushed {status.central.pushed:,}, "
            f"pending {status.central.pending})"
        )


def bench_feedback(root: Path, url: str, scans: int) -> None:
    for label, point_url in (("no point database", ""), ("point database", url)):
        with desk(root, f"f{len(point_url)}", point_url) as app:
            if app.point is not None:
                app.point.sync_once(app.store)
            postings = [posting_number(5, n) for n in range(scans)]
            app.counter.receive(postings)
            samples = []
            for posting in postings:
                # the counter claims the parcel first when a point database is configured
                samples.append(timed(lambda posting=posting, app=app: app.counter.issue([posting])))
            print(f"scan -> commit -> feedback (issue), {label}: {percentiles(samples)}")


def bench_whole_point(root: Path, url: str, parcels: int) -> None:
    with desk(root, "w1", url) as one, desk(root, "w2", url) as two:
        assert one.point is not None and two.point is not None
        postings = [posting_number(7, n) for n in range(parcels)]
        for start in range(0, parcels, 500):
            one.counter.receive(postings[start : start + 500])
        for start in range(0, parcels // 2, 500):
            one.counter.issue(postings[start : min(start + 500, parcels // 2)])
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)
        first = timed(two.counter.parcels_at_point)
        samples = []
        for n in range(20):  # each list after one more scan at this desk
            two.counter.receive([posting_number(8, n)])
            samples.append(timed(two.counter.parcels_at_point))
        shown = len(two.counter.parcels_at_point())
        print(
            f"Хранение list at desk 2, {parcels:,} parcels from desk 1 ({shown:,} at the point): "
            f"first {first:.0f} ms; after each scan {percentiles(samples)}"
        )
        pushes = []
        for n in range(20):
            one.counter.note(f"bench {n}")
            pushes.append(timed(one.point.push_now))
        print(f"push after a CLI counter command (one round, loopback): {percentiles(pushes)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--claims", type=int, default=2_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--scans", type=int, default=1_000)
    parser.add_argument("--parcels", type=int, default=10_000)
    args = parser.parse_args()
    cluster = start_cluster(durable=True)  # fsync on: claims are durable as on a real server
    try:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            bench_claims(root, cluster.new_database("bench_claims"), args.claims)
            bench_push(root, cluster.new_database("bench_central"), args.entries)
            bench_feedback(root, cluster.new_database("bench_feedback"), args.scans)
            bench_whole_point(root, cluster.new_database("bench_whole"), args.parcels)
    finally:
        remove_cluster(cluster)


if __name__ == "__main__":
    main()
