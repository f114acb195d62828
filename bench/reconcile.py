"""Bench: reconcile 10,000 journal entries against the simulator with 20% injected faults.

Prints wall time, requests sent, retries, the busiest second against the configured limit, and
duplicates/losses from the simulator's ledger, for each configured rate limit.

    .venv/bin/python bench/reconcile.py [--entries N] [--rates 10,25,40] [--faults SPEC]

Budget (DESIGN §11): ≤ 60 s, zero duplicates, zero losses, never above the rate limit.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pvzdesk.app import open_app
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.paths import DataPaths
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.sync.reconciler import ReconcileOptions

FAULTS_20 = "5xx=0.05,429=0.03:1,slow=0.02:0.5,reset=0.05,lost=0.05,outage=300-360,seed=11"
BUDGET_S = 60.0
# The simulator applies a change 0.2 s after accepting it; confirm after 0.4 s, re-send a change
# still invisible after 1.5 s (a real platform would get the defaults: 2 s and 30 s).
OPTIONS = ReconcileOptions(confirm_after_s=0.4, resend_after_s=1.5, max_idle_rounds=30)


def journal_for(sim: Simulator, count: int) -> tuple[list[EntryDraft], Counter[tuple[str, str]]]:
    """Issues (some after a receive), a few send-backs, and conflicts where the platform's
    status says so; with the status changes the journal intends."""
    rng = random.Random(1)
    drafts: list[EntryDraft] = []
    intended: Counter[tuple[str, str]] = Counter()
    for number in sim.posting_numbers():
        if len(drafts) >= count:
            break
        status = (sim.posting(number) or {})["status"]
        roll = rng.random()
        if status == "awaiting_deliver" and roll < 0.5:
            drafts += [EntryDraft(EntryKind.RECEIVE, number), EntryDraft(EntryKind.ISSUE, number)]
            intended.update([(number, "delivering"), (number, "delivered")])
        elif status in ("awaiting_deliver", "delivering", "driver_pickup") and roll < 0.02:
            drafts.append(EntryDraft(EntryKind.RETURN_TO_SENDER, number))
            intended[(number, "cancelled")] += 1
        elif status == "awaiting_deliver":
            drafts.append(EntryDraft(EntryKind.ISSUE, number))
            intended.update([(number, "delivering"), (number, "delivered")])
        elif status in ("delivering", "driver_pickup"):
            drafts.append(EntryDraft(EntryKind.ISSUE, number))
            intended[(number, "delivered")] += 1
        else:
            drafts.append(EntryDraft(EntryKind.ISSUE, number))  # a conflict: nothing intended
    return drafts, intended


def run_once(entries: int, rate: float, faults: str) -> bool:
    with (
        Simulator(seed=5, postings=int(entries * 1.2), apply_delay=0.2, faults=faults) as sim,
        tempfile.TemporaryDirectory() as folder,
    ):
        # The same door as the window and the CLI: settings naming the platform, the key in the
        # environment, the services app.py builds.
        os.environ["PVZDESK_CLIENT_ID"], os.environ["PVZDESK_API_KEY"] = sim.client_id, sim.api_key
        platform = PlatformSettings(seller_api_url=sim.base_url, client_id=sim.client_id)
        save_settings(DataPaths(Path(folder)).settings, Settings(platform=platform))
        with open_app(folder) as app:
            drafts, intended = journal_for(sim, entries)
            app.services.counter.append(drafts)
            sim.reset_stats()
            started = time.monotonic()
            run = app.services.reconcile.run(
                rate_limit_rps=rate, options=OPTIONS, refresh_after=False
            )
            wall = time.monotonic() - started
        report, requests = run.report, run.requests
        sim.wait_applied()
        stats = sim.stats()
        ledger = Counter(
            (row["posting_number"], row["to"])
            for row in sim.ledger()
            if row["action"] != "external"
        )
    duplicates = sum(count - 1 for count in ledger.values() if count > 1)
    losses = sum((intended - ledger).values())
    extra = sum((ledger - intended).values())
    busiest = stats["max_requests_in_1s"]
    faults_seen = stats["faults"]
    print(
        f"entries={len(drafts)} rate_limit={rate:g}/s  wall={wall:.1f}s (budget {BUDGET_S:.0f}s)  "
        f"requests={requests} retries={report.retries} rounds={report.rounds}  "
        f"max_in_1s={busiest} (limit {rate:g})  duplicates={duplicates} losses={losses} "
        f"extra={extra}  outcomes={report.outcomes}  faults={faults_seen}"
    )
    return (
        duplicates == 0 and losses == 0 and extra == 0 and busiest <= rate and report.remaining == 0
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rates", default="10,25,40", help="configured rate limits to try")
    parser.add_argument("--faults", default=FAULTS_20)
    args = parser.parse_args()
    ok = True
    for rate in (float(text) for text in args.rates.split(",")):
        ok = run_once(args.entries, rate, args.faults) and ok
        sys.stdout.flush()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
