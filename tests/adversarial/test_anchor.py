"""4. An anchor outside the file: the signed chain head beside the journal (key in the keyring),
in every backup and bundle; a cut tail, a lost WAL and a re-chained journal are each named."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

from pvzdesk.domain.chain import GENESIS_HASH, entry_digest
from tests.adversarial.conftest import P1, P2, P3, REPO, Desk


def test_a_deleted_tail_is_named_and_the_journal_refused(desk: Desk) -> None:
    assert desk.run("receive", P1, P2, P3).returncode == 0
    desk.sql("DROP TRIGGER entries_no_delete; DELETE FROM entries WHERE seq = 3;")
    verify = desk.run("journal", "verify")
    assert verify.returncode == 1
    assert "ОТСУТСТВУЮТ" in verify.stderr and "№2" in verify.stderr and "№3" in verify.stderr
    refused = desk.run("receive", P3)
    assert refused.returncode == 2 and "journal restore" in refused.stderr


def _write_then_die(desk: Desk, count: int) -> None:
    """Append entries in a process that is SIGKILLed before it closes: the WAL keeps them."""
    script = (
        "import os, sys\n"
        "from pvzdesk.app import open_app\n"
        "from pvzdesk.domain.models import EntryDraft, EntryKind\n"
        f"app = open_app({str(desk.home)!r})\n"
        f"for n in range({count}):\n"
        "    app.store.journal.append([EntryDraft(EntryKind.NOTE, payload={'n': n})], 'op')\n"
        "assert app.store.journal.anchor is not None\n"
        "app.store.journal.anchor.drain()  # its thread catches up in ms\n"
        "print('written', flush=True)\n"
        "sys.stdin.read()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=desk.env(),
        cwd=REPO,
        text=True,
    ) as process:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "written"
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


def test_a_lost_wal_is_named(desk: Desk) -> None:
    assert desk.run("note", "до сбоя").returncode == 0  # closed cleanly: checkpointed
    _write_then_die(desk, 27)
    wal = Path(f"{desk.journal}-wal")
    assert wal.stat().st_size > 0
    wal.unlink()
    Path(f"{desk.journal}-shm").unlink(missing_ok=True)
    verify = desk.run("journal", "verify", "--json")
    report = json.loads(verify.stdout)
    assert verify.returncode == 1
    assert (report["anchor"], report["anchored_seq"]) == ("missing_tail", 28)
    assert "WAL" in report["anchor_message"] and "27" in report["anchor_message"]


def _rechain(desk: Desk, change_seq: int) -> None:
    """What a careful tamperer does: change an entry, then recompute every hash after it."""
    conn = sqlite3.connect(desk.journal)
    conn.executescript("DROP TRIGGER entries_no_update;")
    conn.execute("UPDATE entries SET operator = 'кто-то другой' WHERE seq = ?", (change_seq,))
    previous = GENESIS_HASH
    rows = conn.execute(
        "SELECT seq, entry_id, device_id, device_seq, operator, kind, posting, raw, payload, "
        "wall_time, utc_offset_min, mono_ns FROM entries ORDER BY seq"
    ).fetchall()
    for row in rows:
        digest = entry_digest(
            seq=row[0],
            entry_id=row[1],
            device_id=row[2],
            device_seq=row[3],
            operator=row[4],
            kind=row[5],
            posting=row[6],
            raw=bytes(row[7]),
            payload_json=row[8],
            wall_time=row[9],
            utc_offset_min=row[10],
            mono_ns=row[11],
            prev_hash=previous,
        )
        conn.execute(
            "UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?", (previous, digest, row[0])
        )
        previous = digest
    conn.commit()
    conn.close()


def test_a_rechained_journal_is_named(desk: Desk) -> None:
    assert desk.run("receive", P1, P2, P3).returncode == 0
    _rechain(desk, 2)
    verify = desk.run("journal", "verify")
    assert verify.returncode == 1
    assert "Журнал цел" in verify.stdout  # the chain alone is fooled...
    assert "ПЕРЕСЧИТАН" in verify.stderr  # ...the anchor is not


def test_a_rewritten_anchor_cannot_be_signed_without_the_key(desk: Desk) -> None:
    assert desk.run("receive", P1, P2, P3).returncode == 0
    assert not (desk.home / "anchor.key").exists()  # the key is in the keyring, not beside
    _rechain(desk, 2)
    conn = sqlite3.connect(desk.journal)
    seq, chain_hash, device = conn.execute(
        "SELECT seq, hash, device_id FROM entries ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    conn.close()
    anchor = desk.home / "journal.anchor"
    anchor.write_text(f"v1 head {seq} {chain_hash} {device} {'0' * 64}\n", encoding="ascii")
    verify = desk.run("journal", "verify", "--json")
    assert json.loads(verify.stdout)["anchor"] == "forged"


def test_backups_and_bundles_carry_the_signed_head(desk: Desk, tmp_path: Path) -> None:
    assert desk.run("incident", "start").returncode == 0
    assert desk.run("receive", P1).returncode == 0
    assert desk.run("incident", "end").returncode == 0
    assert desk.run("backup").returncode == 0
    (backup,) = (desk.home / "backups").glob("journal-*.sqlite")
    conn = sqlite3.connect(backup)
    (line,) = conn.execute("SELECT value FROM meta WHERE key = 'anchor'").fetchone()
    conn.close()
    head = desk.home.joinpath("journal.anchor").read_text(encoding="ascii").splitlines()[-1]
    assert line == head and line.split()[2] == "3"
    bundle = tmp_path / "b.zip"
    assert desk.run("bundle", "--out", str(bundle)).returncode == 0
    with zipfile.ZipFile(bundle) as archive:
        assert archive.read("chain/anchor.txt").decode("ascii").strip() == head
