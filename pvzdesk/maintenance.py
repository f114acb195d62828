"""Daily upkeep, run in the background after start: integrity check, rolling backup, retention."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pvzdesk.app import Services
from pvzdesk.errors import StorageError
from pvzdesk.paths import backups_dir
from pvzdesk.services.retention import PurgeReport
from pvzdesk.storage.backups import backup_due, make_backup, prune_backups
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.integrity import record_check


class JournalDamaged(StorageError):
    """The integrity check failed (not some later step, such as a full backup disk)."""


@dataclass(frozen=True)
class MaintenanceReport:
    backup: Path | None
    pruned_backups: tuple[Path, ...]
    purge: PurgeReport


def _no_check() -> None:
    return None


def daily_maintenance(
    services: Services, *, between_steps: Callable[[], None] = _no_check
) -> MaintenanceReport:
    """Raises ``JournalDamaged`` if the journal file is damaged: nothing else runs then (no backup
    of a damaged file, no purge). ``between_steps`` may raise to stop (a shutdown)."""
    store, paths, settings = services.store, services.paths, services.settings
    try:
        with storage_errors(store.path):  # a badly damaged file fails the check with an error
            store.check_integrity()
    except StorageError as error:
        raise JournalDamaged(error.message, hint=error.hint) from error
    now = services.clock.now()
    record_check(store.path, now)
    between_steps()
    backups = backups_dir(paths, settings.backup_dir)
    backup = (
        make_backup(store.path, backups, now, store.journal.signed_head())
        if backup_due(backups, now)
        else None
    )
    between_steps()
    pruned = prune_backups(backups, now, settings.backup_keep_days)
    between_steps()
    purged = services.retention.purge(now)
    return MaintenanceReport(backup, tuple(pruned), purged)
