"""Known SQLite failures become one clear ``StorageError``; anything else stays a bug.

Classified by SQLite's own result code (``sqlite_errorcode`` / ``sqlite_errorname``, which
Python 3.11 puts on every ``sqlite3.Error`` it raises for SQLite), never by message text, like
qutebrowser's ``sql.py``:

- known (not our fault; tell the operator what to do, keep working): the disk is full
  (``SQLITE_FULL``), the file or folder is read-only (``SQLITE_READONLY``, ``SQLITE_PERM``), the
  disk failed or was pulled out (``SQLITE_IOERR``), the file is damaged (``SQLITE_CORRUPT``,
  ``SQLITE_NOTADB``), another program holds it (``SQLITE_BUSY``), it cannot be opened
  (``SQLITE_CANTOPEN``);
- bugs (logged with a report): misuse of the API (``SQLITE_MISUSE``), a table locked by our own
  connection (``SQLITE_LOCKED``), a constraint violated (``SQLITE_CONSTRAINT``), a wrong
  statement (``SQLITE_ERROR``), and any ``sqlite3`` error that carries no code at all (a closed
  connection, a wrong parameter).

File-system errors (``OSError``) are classified by ``errno`` the same way.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pvzdesk.errors import StorageError
from pvzdesk.i18n import tr

# Primary result codes (https://www.sqlite.org/rescode.html); extended codes carry them in
# their low byte.
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


def _full(path: Path | str) -> StorageError:
    return StorageError(
        tr("The disk is full: the last operation was NOT saved."),
        hint=tr("Free some space on the disk with {path} and scan again.", path=path),
    )


def _read_only(path: Path | str) -> StorageError:
    return StorageError(
        tr("The journal cannot be written: {path} is read-only.", path=path),
        hint=tr("Check the folder's permissions or choose another data folder."),
    )


def _io_error(path: Path | str) -> StorageError:
    return StorageError(
        tr("The disk with the journal failed to read or write: the last operation was NOT saved."),
        hint=tr(
            "Check the disk or the USB stick with {path} (was it pulled out?), then restart "
            "pvzdesk; if it happens again, copy the data folder to another disk.",
            path=path,
        ),
    )


def _corrupt(path: Path | str) -> StorageError:
    return StorageError(
        tr("The journal file {path} is damaged.", path=path),
        hint=tr(
            "Do not delete it. Restore the latest backup from the backups folder "
            "or call support; new scans are not being saved."
        ),
    )


def _busy(path: Path | str) -> StorageError:
    return StorageError(
        tr("The journal is busy in another program: the operation was NOT saved."),
        hint=tr("Close other programs using {path} and try again.", path=path),
    )


def _cant_open(path: Path | str) -> StorageError:
    return StorageError(
        tr("The journal file {path} cannot be opened.", path=path),
        hint=tr("Check that the folder exists and is writable."),
    )


def _file_too_big(path: Path | str) -> StorageError:
    return StorageError(
        tr("The journal file {path} reached the size limit set for this program.", path=path),
        hint=tr(
            "The last operation was NOT saved. Ask the administrator to lift the file-size "
            "limit, or move the data folder to another disk."
        ),
    )


KNOWN_SQLITE: dict[int, Callable[[Path | str], StorageError]] = {
    SQLITE_FULL: _full,
    SQLITE_READONLY: _read_only,
    SQLITE_PERM: _read_only,
    SQLITE_IOERR: _io_error,
    SQLITE_CORRUPT: _corrupt,
    SQLITE_NOTADB: _corrupt,
    SQLITE_BUSY: _busy,
    SQLITE_CANTOPEN: _cant_open,
}
KNOWN_ERRNO: dict[int, Callable[[Path | str], StorageError]] = {
    number: make
    for name, make in (
        ("ENOSPC", _full),
        ("EDQUOT", _full),  # a quota: full for this user (not on every system)
        ("EROFS", _read_only),
        ("EACCES", _read_only),
        ("EPERM", _read_only),
        ("EIO", _io_error),
        ("EFBIG", _file_too_big),  # a file-size limit (ulimit -f) reached
    )
    if (number := getattr(errno, name, None)) is not None
}


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc``, or None when it carries none."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _no_space_left(path: Path | str) -> bool:
    """Is the disk holding ``path`` full? (An I/O error on a full disk is a full disk.)"""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        stats = os.statvfs(folder if folder.is_dir() else folder.parent)
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 64 * 1024


def storage_error_from(exc: BaseException, path: Path | str) -> StorageError | None:
    """The user-facing error for a known storage failure, or None if this is a bug."""
    if isinstance(exc, sqlite3.Error):
        code = sqlite_code(exc)
        make = KNOWN_SQLITE.get(code) if code is not None else None
    elif isinstance(exc, OSError):
        make = KNOWN_ERRNO.get(exc.errno) if exc.errno is not None else None
    else:
        make = None
    if make is _io_error and _no_space_left(path):
        make = _full  # an I/O error on a full disk (growing the WAL index at open) is a full disk
    return make(path) if make is not None else None


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
