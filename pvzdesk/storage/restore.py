"""Restoring the journal from a backup, saying exactly what the backup lacks.

The journal in place (empty, foreign, damaged or merely shorter) is never deleted: it is moved
aside with its WAL. What it held beyond the backup, and what the anchor recorded beyond it, is
counted so the operator knows which entries must be re-entered or sought elsewhere.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pvzdesk.errors import StorageError
from pvzdesk.i18n import tr
from pvzdesk.secrets import anchor_key
from pvzdesk.storage.anchor import ANCHOR_NAME, Anchor, AnchorKind, last_line
from pvzdesk.storage.backups import list_backups
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.identity import APPLICATION_ID, is_our_journal

DB_NAME = "journal.sqlite"


@dataclass(frozen=True)
class Lacking:
    """Entries the restored journal does not have."""

    first_seq: int
    last_seq: int
    first_time: str = ""  # wall time (UTC ISO) when known from the old journal
    last_time: str = ""
    kinds: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return max(0, self.last_seq - self.first_seq + 1)


@dataclass(frozen=True)
class RestoreReport:
    backup: Path
    restored_seq: int
    moved_aside: Path | None
    lacking_from_old: Lacking | None  # in the old journal, not in the backup
    lacking_from_anchor: Lacking | None  # anchored once, in neither


def _read_head(path: Path) -> tuple[int, str, str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()
        device = conn.execute("SELECT value FROM meta WHERE key = 'device_id'").fetchone()
        seq, chain_hash = (int(row[0]), str(row[1])) if row else (0, "0" * 64)
        return seq, chain_hash, str(device[0]) if device else ""
    finally:
        conn.close()


def _old_tail(path: Path, after_seq: int) -> Lacking | None:
    """Entries of the old journal after ``after_seq``, if it can still be read."""
    if not is_our_journal(path):
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT seq, wall_time, kind FROM entries WHERE seq > ? ORDER BY seq", (after_seq,)
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    if not rows:
        return None
    kinds = Counter(str(kind) for _seq, _time, kind in rows)
    return Lacking(int(rows[0][0]), int(rows[-1][0]), rows[0][1], rows[-1][1], dict(kinds))


def choose_backup(backups: Path, explicit: Path | None) -> Path:
    if explicit is not None:
        if not is_our_journal(explicit):
            raise StorageError(
                tr("{path} is not a pvzdesk journal backup.", path=explicit),
                hint=tr("Give a file from the backups folder (journal-….sqlite)."),
            )
        return explicit
    for _stamp, path in reversed(list_backups(backups)):
        if is_our_journal(path):
            return path
    raise StorageError(
        tr("There is no backup to restore from in {folder}.", folder=backups),
        hint=tr("Call support: the journal file must be recovered by hand."),
    )


def restore_from_backup(data_dir: Path, backup: Path, now: datetime) -> RestoreReport:
    """Move the journal aside, put the backup in its place, and anchor the new baseline.

    The caller holds the data directory's instance lock."""
    path = data_dir / DB_NAME
    with storage_errors(path):
        restored_seq, restored_hash, device_id = _read_head(backup)
        key, _ = anchor_key(device_id, data_dir) if device_id else (b"", False)
        anchored = last_line(data_dir / ANCHOR_NAME, key) if device_id else None
        old = _old_tail(path, restored_seq) if path.exists() else None
        moved: Path | None = None
        stamp = now.strftime("%Y%m%d-%H%M%S")
        if path.exists():
            moved = path.with_name(f"{DB_NAME}.before-restore-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                source = Path(f"{path}{suffix}")
                if source.exists():
                    source.replace(Path(f"{moved}{suffix}"))
        partial = path.with_name(f"{DB_NAME}.restoring")
        shutil.copyfile(backup, partial)
        check = sqlite3.connect(partial)
        try:
            if int(check.execute("PRAGMA application_id").fetchone()[0]) == 0:
                check.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            check.execute("PRAGMA journal_mode = WAL")
        finally:
            check.close()
        with partial.open("rb+") as handle:
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
        lacking_anchor: Lacking | None = None
        if anchored is not None and anchored.seq > restored_seq:
            already = old.last_seq if old is not None else restored_seq
            if anchored.seq > already:
                lacking_anchor = Lacking(max(already, restored_seq) + 1, anchored.seq)
        if device_id:
            anchor = Anchor(data_dir / ANCHOR_NAME, key, device_id)
            anchor.record(AnchorKind.RESTORE, restored_seq, restored_hash)
            anchor.close()
    return RestoreReport(backup, restored_seq, moved, old, lacking_anchor)
