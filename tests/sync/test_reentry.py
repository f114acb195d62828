"""The re-entry worklist of a partner point: every operation of an incident, in order, checked off
by scanning; what is left stays visible, and the check-off is itself journaled."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind, ManifestPosting
from pvzdesk.storage.database import write_transaction

START = datetime(2026, 6, 27, 10, 0).astimezone()
POSTINGS = ["10000001-0001-1", "10000002-0001-1", "10000003-0001-1", "10000004-0001-1"]


def _prepare(data_dir: Path) -> None:
    clock = FixedClock(START)
    with open_app(data_dir, clock=clock) as app:
        manifest = [
            ManifestPosting(n, barcodes=(f"2000000000{i:04}",)) for i, n in enumerate(POSTINGS)
        ]
        with write_transaction(app.store.db):
            app.store.postings.upsert_manifest(manifest, START.isoformat())
        app.counter.receive([POSTINGS[0]])  # before the incident: not in the worklist
        clock.advance(timedelta(minutes=5))
        app.incidents.start("manual", "Ozon ID does not log in")
        clock.advance(timedelta(minutes=1))
        app.counter.receive(POSTINGS[1:])
        app.counter.issue([POSTINGS[0]])
        voided = app.counter.issue([POSTINGS[1]]).entries[0]
        app.counter.void(voided.entry_id, "wrong parcel")
        app.counter.note("the line is long")  # not an operation: not in the worklist
        clock.advance(timedelta(minutes=30))
        app.incidents.end()
        clock.advance(timedelta(minutes=1))
        app.counter.issue([POSTINGS[2]])  # after the incident: not in the worklist


def test_worklist_in_order_and_check_off(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _prepare(data_dir)
    with open_app(data_dir, clock=FixedClock(START + timedelta(hours=1))) as app:
        worklist = app.services.reconcile.worklist()
        items = worklist.items()
        assert [(i.entry.kind, i.entry.posting) for i in items] == [
            (EntryKind.RECEIVE, POSTINGS[1]),
            (EntryKind.RECEIVE, POSTINGS[2]),
            (EntryKind.RECEIVE, POSTINGS[3]),
            (EntryKind.ISSUE, POSTINGS[0]),
        ]
        by_barcode = worklist.check_off("20000000000003")  # the label of POSTINGS[3]
        by_entry = worklist.check_off(items[3].entry.entry_id)
        nothing = worklist.check_off(POSTINGS[3])  # its only operation is done already
        assert by_barcode.item is not None and by_barcode.item.entry.posting == POSTINGS[3]
        assert by_entry.item is not None and by_entry.item.entry.kind is EntryKind.ISSUE
        assert nothing.item is None and POSTINGS[3] in nothing.message
        left = [i.entry.posting for i in worklist.remaining()]
        assert left == [POSTINGS[1], POSTINGS[2]]
        written = list(app.store.journal.entries())
        done = [e for e in written if e.kind is EntryKind.REENTRY_DONE]
        assert [e.payload["entry_id"] for e in done] == [
            items[2].entry.entry_id,
            items[3].entry.entry_id,
        ]
        assert app.store.journal.verify().ok


def test_reentry_cli_list_and_done(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _prepare(data_dir)
    env = {**os.environ, "LANG": "en_US.UTF-8"}
    base = [sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir)]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*base, *args], env=env, capture_output=True, text=True, timeout=60)

    listed = run("reentry", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [item["posting"] for item in json.loads(listed.stdout)] == [*POSTINGS[1:], POSTINGS[0]]
    done = run("reentry", "done", POSTINGS[1], "99999999-0000-1")
    assert done.returncode == 1  # one code matched nothing
    assert "Left to re-enter: 3" in done.stdout
    ticked = next(line for line in done.stdout.splitlines() if line.startswith("✓"))
    assert "_" not in ticked and "receive " not in ticked  # the operation in words, not its kind
    via_reconcile = run("reconcile", "--adapter", "reentry")
    assert via_reconcile.returncode == 0
    assert "3 of 4" in via_reconcile.stdout
