"""9. Reports and purge that tell the truth: the support bundle counts every reconcile attempt up
to its own creation; purge leaves no phone in any table, index, WAL or backup."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import ManifestPosting
from pvzdesk.i18n import set_language
from pvzdesk.services.reporting import make_bundle
from pvzdesk.services.retention import purge
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.backups import make_backup
from pvzdesk.storage.database import write_transaction
from tests.adversarial.conftest import P1, P2

MSK = timezone(timedelta(hours=3))
PHONE = "+7 916 555-12-34"


def test_the_bundle_counts_the_reconcile_after_the_incident(tmp_path: Path) -> None:
    set_language("ru")
    clock = FixedClock(datetime(2026, 11, 28, 11, 0, tzinfo=MSK))
    try:
        with open_app(tmp_path / "data", clock=clock) as app:
            incident, _ = app.incidents.start("manual", "Озон не открывается")
            clock.advance(timedelta(minutes=5))
            written = app.counter.receive([P1, P2]).entries
            clock.advance(timedelta(minutes=30))
            app.incidents.end(incident.incident_id)
            clock.advance(timedelta(hours=1))  # the full reconcile, after the incident ended
            app.store.attempts.record(
                [
                    Attempt(entry.entry_id, "ozon_seller", clock.now(), "applied")
                    for entry in written
                ]
            )
            clock.advance(timedelta(minutes=1))
            evidence = app.services.evidence
            target = make_bundle(
                app.store,
                app.incidents,
                evidence,
                tmp_path / "b.zip",
                now=clock.now(),
                adapter="ozon_seller",
            )
        with zipfile.ZipFile(target) as bundle:
            operations = bundle.read("operations.csv").decode("utf-8-sig")
        rows = [line for line in io.StringIO(operations) if P1 in line or P2 in line]
        assert len(rows) == 2
        assert all("применено" in row and "ещё не сверено" not in row for row in rows)
    finally:
        set_language(None)


def _raw_bytes(path: Path) -> bytes:
    return b"".join(
        Path(f"{path}{suffix}").read_bytes()
        for suffix in ("", "-wal")
        if Path(f"{path}{suffix}").exists()
    )


def test_purge_leaves_no_phone_in_any_table_index_wal_or_backup(tmp_path: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 10, 0, tzinfo=MSK))
    with open_app(tmp_path / "data", clock=clock) as app:
        row = ManifestPosting(
            P1,
            ("200001234567890",),
            customer_name="Петров Иван",
            customer_phone=PHONE,
            customer_key=PHONE,  # the platform's key was the phone itself
            storage_until=date(2026, 11, 27),
        )
        with write_transaction(app.store.db):
            app.store.postings.upsert_manifest([row], clock.now().isoformat())
        assert app.store.postings.state(P1).customer_key.startswith("h:")  # never the phone
        app.counter.receive([P1])
        app.counter.issue([P1])
        backup = make_backup(app.store.path, app.paths.backups, clock.now())
        assert b"555-12-34" in backup.read_bytes()
        clock.advance(timedelta(days=31))
        evidence = app.services.evidence
        report = purge(
            app.store,
            app.incidents,
            evidence,
            now=clock.now(),
            personal_data_keep_days=30,
            adapter="reentry",
        )
        assert report.personal_data == (P1,) and report.scrubbed_backups == (backup,)
        journal = app.store.path
        conn = app.store.db.conn
        assert conn.execute("SELECT customer_key FROM posting_state").fetchall() == [("",)]
        assert conn.execute(
            "SELECT customer_name, customer_phone, customer_key FROM manifest"
        ).fetchall() == [("", "", "")]
        assert app.store.journal.verify().ok
    for needle in (b"555-12-34", "Петров".encode()):
        assert needle not in _raw_bytes(journal)
        assert needle not in backup.read_bytes()
    check = sqlite3.connect(backup)
    try:
        assert check.execute("SELECT count(*) FROM entries").fetchone()[0] == 2  # facts kept
    finally:
        check.close()
