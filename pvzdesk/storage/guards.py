"""Checks at open that keep a journal from silently starting over, shrinking or losing its guards."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlite_utils import Database

from pvzdesk.errors import StorageError
from pvzdesk.i18n import tr
from pvzdesk.storage.anchor import ANCHOR_NAME, AnchorVerdict
from pvzdesk.storage.backups import list_backups
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.identity import refuse_empty
from pvzdesk.storage.schema import APPEND_ONLY_TRIGGERS

if TYPE_CHECKING:
    from pvzdesk.storage.store import Store

log = logging.getLogger(__name__)

APPEND_ONLY_TABLES = ("entries", "sync_attempts")
BACKUPS_DIR = "backups"


def _restore_hint() -> str:
    return tr(
        "New scans are not being saved. Run «pvzdesk journal restore» to restore the latest "
        "backup (it says what the backup lacks), or call support."
    )


def _anchor_has_entries(data_dir: Path) -> bool:
    try:
        with (data_dir / ANCHOR_NAME).open("rb") as handle:
            return bool(handle.read(64).strip())
    except OSError:
        return False


def refuse_a_journal_starting_over(data_dir: Path, path: Path, backups: Path) -> None:
    """A missing or 0-byte journal is a new one only when nothing shows a journal existed here."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        size = -1
    except OSError:
        return  # the open itself will say what is wrong with the path
    if size > 0:
        return
    if not (list_backups(backups) or _anchor_has_entries(data_dir)):
        return
    if size == 0:
        raise refuse_empty(path)
    raise StorageError(
        tr("The journal file {path} is missing, but backups of a journal exist.", path=path),
        hint=_restore_hint(),
    )


def backup_head_seq(backup: Path) -> int:
    """The newest entry's seq in a backup (0 when it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()
            return int(row[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def refuse_if_shorter_than_anchor(store: Store) -> None:
    """The journal must reach at least the anchored head, and the newest backup's head."""
    check = store.journal.check_anchor(check_signature=False)  # verify checks the signature
    journal_seq = check.journal_seq
    if check.verdict is AnchorVerdict.MISSING_TAIL:
        raise StorageError(
            tr(
                "The journal ends at entry #{seq}, but entries up to #{anchored} were saved: "
                "{missing} entries are missing (deleted, or the journal's WAL file was lost).",
                seq=journal_seq,
                anchored=check.anchored_seq,
                missing=check.anchored_seq - journal_seq,
            ),
            hint=_restore_hint(),
        )
    if check.verdict is AnchorVerdict.NONE:
        backups = list_backups(store.backups)
        newest = backup_head_seq(backups[-1][1]) if backups else 0
        if newest > journal_seq:
            raise StorageError(
                tr(
                    "The journal has {seq} entries, but its backup {backup} has {newest}: "
                    "the journal is shorter than its backup.",
                    seq=journal_seq,
                    backup=backups[-1][1].name,
                    newest=newest,
                ),
                hint=_restore_hint(),
            )
        store.journal.anchor_head()  # the first anchor of a journal written before anchors
    elif check.verdict in (AnchorVerdict.FORGED, AnchorVerdict.RECHAINED):
        message = tr(
            "The journal does not match its anchor (the record of its head kept outside it): "
            "run «pvzdesk journal verify» and call support."
        )
        log.warning("anchor check at open: %s", check.verdict.value)
        store.warnings.append(message)
        store.anchor_mismatch, store.anchor_warning = check, message  # the window: in red


def missing_triggers(db: Database) -> list[str]:
    present = {
        str(name)
        for (name,) in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    }
    return [
        f"{table}_{what}"
        for table in APPEND_ONLY_TABLES
        for what in ("no_update", "no_delete")
        if f"{table}_{what}" not in present
    ]


def restore_triggers(db: Database, path: Path) -> list[str]:
    """Recreate dropped append-only triggers; a warning for the operator when any was missing."""
    missing = missing_triggers(db)
    if not missing:
        return []
    with storage_errors(path):
        for table in APPEND_ONLY_TABLES:
            db.executescript(APPEND_ONLY_TRIGGERS.format(table=table))
    log.warning("append-only triggers were missing and are restored: %s", ", ".join(missing))
    return [
        tr(
            "The journal's protection against changes was removed ({count} guards) and is now "
            "restored. Someone may have edited the file: run «pvzdesk journal verify».",
            count=len(missing),
        )
    ]
