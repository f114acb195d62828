"""Daily upkeep, run in the background after start: integrity check, rolling backup, retention.

The window runs it in a process of its own (``pvzdesk.ui.upkeep``), at a lower CPU priority and
in the idle I/O class (``pvzdesk.priority``), and the backup paces its writes
(``storage.backups.Pace``): a scan's commit waits for its own fsync, behind whatever else the disk
is writing.

    python -m pvzdesk.maintenance DATA_DIR --now ISO-TIME [--language ru|en]

In a thread of the window's process the check, the backup and the purge took turns with the GUI
thread and the scan writer for the GIL (a 40 ms stall, scan -> commit p99 163 ms measured). The
child opens the folder without its instance lock (the window holds it); the journal is safe to
share between processes (the chain head is read under SQLite's write lock). Its last line of
output is one JSON object: the report; or ``{"damaged": true, "error", "hint"}`` (exit 1) when the
integrity check failed; or ``{"error", "hint"}`` (exit 2) for any other known error. SIGTERM stops
it cleanly between steps (an unfinished backup file is removed).
"""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType

from pvzdesk.app import MAINTENANCE_LOG_NAME, Services, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.errors import PvzdeskError, StorageError
from pvzdesk.i18n import SUPPORTED_LANGUAGES, set_language
from pvzdesk.paths import backups_dir
from pvzdesk.priority import lower_this_process_io, lower_this_thread
from pvzdesk.services.retention import PurgeReport
from pvzdesk.storage.backups import UPKEEP_PACE, backup_due, make_backup, prune_backups
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.integrity import record_check

log = logging.getLogger("pvzdesk.maintenance")  # also when run as __main__


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
        make_backup(store.path, backups, now, store.journal.signed_head(), pace=UPKEEP_PACE)
        if backup_due(backups, now)
        else None
    )
    between_steps()
    pruned = prune_backups(backups, now, settings.backup_keep_days)
    between_steps()
    purged = services.retention.purge(now)
    return MaintenanceReport(backup, tuple(pruned), purged)


EXIT_OK, EXIT_DAMAGED, EXIT_ERROR = 0, 1, 2


class Stopped(Exception):
    """SIGTERM from the window closing: stop where we are."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pvzdesk.maintenance")
    parser.add_argument("data_dir", type=Path, metavar="DATA_DIR")
    parser.add_argument("--now", required=True, type=datetime.fromisoformat, metavar="ISO-TIME")
    parser.add_argument("--language", choices=sorted(SUPPORTED_LANGUAGES))
    args = parser.parse_args(argv)
    lower_this_thread()  # a one-thread process: the whole upkeep yields to the counter window
    # The disk too: a scan's commit fsync must not queue behind the backup's writes or the
    # integrity check's reads (scan -> commit p99 201 ms measured with a 600 MB backup running).
    io_priority = lower_this_process_io()
    set_language(args.language)  # the messages of an error, in the window's language
    signal.signal(signal.SIGTERM, _stop)
    try:
        # The window's clock: the day of the backup and the retention cut-off are the window's.
        # Its own log file: the window's rotates at the same time (``app.MAINTENANCE_LOG_NAME``).
        with open_app(
            args.data_dir,
            clock=FixedClock(args.now),
            exclusive=False,
            check_integrity=False,
            log_name=MAINTENANCE_LOG_NAME,
        ) as app:
            log.info("daily upkeep: I/O priority %s", io_priority)
            report = daily_maintenance(app.services)
    except Stopped:
        return EXIT_ERROR
    except JournalDamaged as error:
        log.error("daily upkeep: the journal is damaged: %s", error.message)
        print(
            json.dumps(
                {"damaged": True, "error": error.message, "hint": error.hint}, ensure_ascii=False
            )
        )
        return EXIT_DAMAGED
    except PvzdeskError as error:
        log.warning("daily upkeep stopped: %s", error.message)
        print(json.dumps({"error": error.message, "hint": error.hint}, ensure_ascii=False))
        return EXIT_ERROR
    summary = {
        "backup": str(report.backup) if report.backup else None,
        "pruned_backups": [str(path) for path in report.pruned_backups],
        "photos": [str(path) for path in report.purge.photos],
        "personal_data": list(report.purge.personal_data),
        "kept_unreconciled": list(report.purge.kept_unreconciled),
    }
    log.info(
        "daily upkeep done: backup %s, %d old backups pruned, %d photos purged",
        summary["backup"] or "not due",
        len(report.pruned_backups),
        len(report.purge.photos),
    )
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
