"""Known SQLite failures become one clear ``StorageError``; anything else stays a bug."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pvzdesk.errors import StorageError
from pvzdesk.i18n import tr


def storage_error_from(exc: BaseException, path: Path | str) -> StorageError | None:
    """The user-facing error for a known storage failure, or None if this looks like a bug."""
    text = str(exc).lower()
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text:
        return StorageError(
            tr("The disk is full: the last operation was NOT saved."),
            hint=tr("Free some space on the disk with {path} and scan again.", path=path),
        )
    if (
        "readonly" in text
        or "read-only" in text
        or (isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM))
    ):
        return StorageError(
            tr("The journal cannot be written: {path} is read-only.", path=path),
            hint=tr("Check the folder's permissions or choose another data folder."),
        )
    if "locked" in text or "busy" in text:
        return StorageError(
            tr("The journal is busy in another program: the operation was NOT saved."),
            hint=tr("Close other programs using {path} and try again.", path=path),
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StorageError(
            tr("The journal file {path} is damaged.", path=path),
            hint=tr(
                "Do not delete it. Restore the latest backup from the backups folder "
                "or call support; new scans are not being saved."
            ),
        )
    if "unable to open" in text:
        return StorageError(
            tr("The journal file {path} cannot be opened.", path=path),
            hint=tr("Check that the folder exists and is writable."),
        )
    return None


@contextmanager
def storage_errors(path: Path | str) -> Iterator[None]:
    """Translate known SQLite and file-system failures inside the block."""
    try:
        yield
    except (sqlite3.Error, OSError) as exc:
        known = storage_error_from(exc, path)
        if known is None:
            raise
        raise known from exc
