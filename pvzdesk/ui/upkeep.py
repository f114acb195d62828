"""Daily upkeep after start, in the DB worker: the integrity check, a rolling backup, retention.

The window opens without ``PRAGMA quick_check`` (1–1.5 s on a 1M-entry journal would break the 2 s
start budget); this job runs it right after the window is shown, on the DB worker's own connection,
then the rest of ``pvzdesk.maintenance.daily_maintenance``, step by step so a shutdown can stop
it between steps. A damaged journal (``StorageError`` from the check) goes to ``ctx.set_fault``:
a red banner, every scan refused, nothing written. Any other failure is logged; the counter works.
"""

from __future__ import annotations

import logging

from pvzdesk.errors import PvzdeskError, StorageError
from pvzdesk.maintenance import MaintenanceReport
from pvzdesk.paths import DataPaths
from pvzdesk.services.evidence import EvidenceService
from pvzdesk.services.retention import purge
from pvzdesk.storage.backups import backup_due, make_backup, prune_backups
from pvzdesk.storage.errors import storage_errors
from pvzdesk.ui.context import DbSession, Job, JobControl, UiContext

log = logging.getLogger(__name__)


class JournalDamaged(StorageError):
    """The integrity check failed (not some later step, such as a full backup disk)."""


def daily_upkeep(session: DbSession, control: JobControl, paths: DataPaths) -> MaintenanceReport:
    """``daily_maintenance`` over the DB worker's session, with a cancel check between steps.

    Raises ``JournalDamaged`` when the journal file is damaged; nothing else runs then (no backup
    of a damaged file, no purge).
    """
    store, settings, clock = session.store, session.settings, session.clock
    try:
        with storage_errors(store.path):  # a badly damaged file fails the check with an error
            store.check_integrity()
    except StorageError as error:
        raise JournalDamaged(error.message, hint=error.hint) from error
    control.check()
    now = clock.now()
    backup = make_backup(store.path, paths.backups, now) if backup_due(paths.backups, now) else None
    control.check()
    pruned = prune_backups(paths.backups, now, settings.backup_keep_days)
    control.check()
    evidence = EvidenceService(
        store, session.counter, clock, paths.evidence, settings.evidence_keep_days
    )
    purged = purge(
        store,
        session.incidents,
        evidence,
        now=now,
        personal_data_keep_days=settings.personal_data_keep_days,
        adapter=settings.platform.adapter,
    )
    return MaintenanceReport(backup, tuple(pruned), purged)


def start_upkeep(ctx: UiContext) -> Job:
    """Queue the upkeep on the DB worker; call it once the window is shown."""
    paths = ctx.app.paths

    def work(session: DbSession, control: JobControl) -> MaintenanceReport:
        return daily_upkeep(session, control, paths)

    def done(report: MaintenanceReport) -> None:
        log.info(
            "upkeep: backup %s, %d old backups removed, %d photos and %d customers' data purged",
            report.backup or "not due",
            len(report.pruned_backups),
            len(report.purge.photos),
            len(report.purge.personal_data),
        )

    def failed(error: BaseException) -> None:
        if isinstance(error, JournalDamaged):
            ctx.set_fault(error)
        elif isinstance(error, PvzdeskError):
            log.warning("upkeep failed: %s", error)  # e.g. the backup disk is full

    return ctx.run_db(work, name="upkeep", on_done=done, on_error=failed)
