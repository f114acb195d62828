"""Daily upkeep after start, in the DB worker: the integrity check, a rolling backup, retention.

The window opens without ``PRAGMA quick_check`` (1–1.5 s on a 1M-entry journal would break the 2 s
start budget); this job runs it right after the window is shown, on the DB worker's own connection,
then the rest of ``pvzdesk.maintenance.daily_maintenance``, step by step so a shutdown can stop
it between steps. A damaged journal (``StorageError`` from the check) goes to ``ctx.set_fault``:
a red banner, every scan refused, nothing written. Any other failure is logged; the counter works.
"""

from __future__ import annotations

import logging

from pvzdesk.errors import PvzdeskError
from pvzdesk.maintenance import JournalDamaged, MaintenanceReport, daily_maintenance
from pvzdesk.ui.context import DbSession, Job, JobControl, UiContext

log = logging.getLogger(__name__)


def daily_upkeep(session: DbSession, control: JobControl) -> MaintenanceReport:
    """``daily_maintenance`` over the DB worker's session, with a cancel check between steps."""
    return daily_maintenance(session, between_steps=control.check)


def start_upkeep(ctx: UiContext) -> Job:
    """Queue the upkeep on the DB worker; call it once the window is shown."""

    def work(session: DbSession, control: JobControl) -> MaintenanceReport:
        return daily_upkeep(session, control)

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
