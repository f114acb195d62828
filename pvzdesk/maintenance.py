"""Daily upkeep, run in the background after start: integrity check, rolling backup, retention."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pvzdesk.app import AppContext
from pvzdesk.services.evidence import EvidenceService
from pvzdesk.services.retention import PurgeReport, purge
from pvzdesk.storage.backups import backup_due, make_backup, prune_backups


@dataclass(frozen=True)
class MaintenanceReport:
    backup: Path | None
    pruned_backups: tuple[Path, ...]
    purge: PurgeReport


def daily_maintenance(app: AppContext) -> MaintenanceReport:
    """Raises StorageError if the journal file is damaged (shown to the operator, never hidden)."""
    app.store.check_integrity()
    now = app.clock.now()
    backup = (
        make_backup(app.store.path, app.paths.backups, now)
        if backup_due(app.paths.backups, now)
        else None
    )
    pruned = prune_backups(app.paths.backups, now, app.settings.backup_keep_days)
    evidence = EvidenceService(
        app.store, app.counter, app.clock, app.paths.evidence, app.settings.evidence_keep_days
    )
    purged = purge(
        app.store,
        app.incidents,
        evidence,
        now=now,
        personal_data_keep_days=app.settings.personal_data_keep_days,
        adapter=app.settings.platform.adapter,
    )
    return MaintenanceReport(backup, tuple(pruned), purged)
