"""When to run ``PRAGMA quick_check`` at open: not at every open (3.6 s on a 1M-entry journal for
a CLI command that takes milliseconds otherwise), but after an unclean shutdown and on a schedule.

Two small files beside the journal: ``journal.sqlite.open`` exists while a session holds the
data folder (created at open, removed at a clean close, so a crash or a kill leaves it behind);
``journal.sqlite.checked`` holds the time of the last passed check. The window runs the check
in the background at every start anyway (the daily upkeep), and records it here too.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

CHECK_EVERY = timedelta(days=1)


def _open_marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".open")


def _checked_file(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".checked")


def last_check(db_path: Path) -> datetime | None:
    try:
        text = _checked_file(db_path).read_text(encoding="utf-8").strip()
        return datetime.fromisoformat(text)
    except (OSError, ValueError):
        return None


def check_due(db_path: Path, now: datetime) -> bool:
    """True after an unclean shutdown, when the journal was never checked, or the last check
    is older than ``CHECK_EVERY`` (a clock set back counts as due too)."""
    if not db_path.exists():
        return False  # a new journal: nothing to check yet
    if _open_marker(db_path).exists():
        return True
    checked = last_check(db_path)
    return checked is None or not timedelta(0) <= now - checked < CHECK_EVERY


def was_left_open(db_path: Path) -> bool:
    """The last session on this journal did not close cleanly (a crash, a kill, a power cut)."""
    return _open_marker(db_path).exists()


def record_check(db_path: Path, now: datetime) -> None:
    """The check passed at ``now``. Best effort: if it cannot be noted, the next open checks."""
    try:
        _checked_file(db_path).write_text(now.isoformat(), encoding="utf-8")
    except OSError:
        log.warning("could not note the integrity check of %s", db_path, exc_info=True)


def mark_open(db_path: Path) -> None:
    try:
        _open_marker(db_path).touch()
    except OSError:
        log.warning("could not mark %s open", db_path, exc_info=True)


def mark_closed(db_path: Path) -> None:
    try:
        _open_marker(db_path).unlink(missing_ok=True)
    except OSError:
        log.warning("could not mark %s closed", db_path, exc_info=True)
