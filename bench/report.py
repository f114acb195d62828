"""End-of-day export of a day with 10,000 entries in XLSX, CSV and PDF (budget: 5 s, DESIGN §11).

.venv/bin/python bench/report.py [--entries 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.i18n import set_language
from pvzdesk.reports.model import ReportPeriod
from pvzdesk.services.reporting import day_report, export_report

BUDGET_S = 5.0
ZONE = timezone(timedelta(hours=3))


def fill(data_dir: Path, entries: int) -> FixedClock:
    """A day: parcels received all day, a two-hour outage with issues in it, then more issues."""
    clock = FixedClock(datetime(2026, 11, 28, 8, 0, tzinfo=ZONE))
    with open_app(data_dir, clock=clock) as app:
        postings = [f"{100000000 + n:010d}-0101-1" for n in range(entries // 2)]
        for start in range(0, len(postings), 250):
            app.counter.receive(postings[start : start + 250])
            clock.advance(timedelta(seconds=20))
        clock.advance(timedelta(hours=1))
        app.incidents.start("timeout")
        issued = entries - len(postings) - 2
        offline = issued // 4
        for start in range(0, offline, 50):
            app.counter.issue(postings[start : min(start + 50, offline)])
            clock.advance(timedelta(seconds=30))
        app.incidents.end()
        for start in range(offline, issued, 250):
            app.counter.issue(postings[start : min(start + 250, issued)])
            clock.advance(timedelta(seconds=20))
        print(f"journal: {app.store.journal.count()} entries")
    return clock


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    set_language("ru")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder) / "data"
        clock = fill(data_dir, args.entries)
        clock.advance(timedelta(hours=14))
        period = ReportPeriod.day(datetime(2026, 11, 28).date(), ZONE)
        with open_app(data_dir, clock=clock) as app:
            started = time.perf_counter()
            report = day_report(
                app.store, app.incidents, period, now=clock.now(), adapter="reentry"
            )
            gathered = time.perf_counter() - started
            figures = {"gather": gathered}
            for fmt in ("xlsx", "csv", "pdf"):
                mark = time.perf_counter()
                export_report(report, Path(folder) / "out", [fmt])
                figures[fmt] = time.perf_counter() - mark
            total = time.perf_counter() - started
        rows = len(report.section("operations").rows)
        offline = len(report.section("incident_operations").rows)
        print(f"entries in the day: {rows}, during the incident: {offline}")
        for name, seconds in figures.items():
            print(f"{name:>7}: {seconds:6.2f} s")
        verdict = "within" if total <= BUDGET_S else "OVER"
        print(f"  total: {total:6.2f} s ({verdict} the {BUDGET_S:.0f} s budget)")


if __name__ == "__main__":
    main()
