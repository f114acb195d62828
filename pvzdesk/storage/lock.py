"""One running pvzdesk per data directory: an OS lock released by the OS when the process ends.

Portable through ``filelock.lock_descriptor`` (``flock`` on POSIX, ``msvcrt.locking`` on Windows),
so the product never imports ``fcntl``. Deleting the lock file must not let a second pvzdesk in:

- Windows refuses to delete a file another process holds open, so the lock file is enough there.
- POSIX lets anyone unlink it; the second process would then lock a fresh file of the same name.
  So there the data directory itself is locked too: it cannot vanish while it holds the journal,
  and a new file in it changes nothing about who holds the directory.

The lock file keeps the holder's process id for the "already running" message.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from filelock import lock_descriptor, unlock_descriptor

from pvzdesk.errors import InstanceLockedError
from pvzdesk.i18n import tr

LOCK_NAME = "pvzdesk.lock"
_PID_LIMIT = 32  # bytes read from the lock file for the holder's pid


def locks_directory(platform: str = sys.platform) -> bool:
    """Whether this OS needs the directory lock (a held file can be deleted there)."""
    return platform != "win32"


class InstanceLock:
    def __init__(self, data_dir: Path, *, platform: str = sys.platform) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self._lock_directory = locks_directory(platform)
        self._held: list[int] = []

    @property
    def held(self) -> bool:
        return bool(self._held)

    def acquire(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        try:
            if self._lock_directory:
                self._take(os.open(self.data_dir, os.O_RDONLY))
            self._take(self._open_lock_file())
        except InstanceLockedError:
            self.release()
            raise
        fd = self._held[-1]
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode("ascii"))

    def _open_lock_file(self) -> int:
        # No O_TRUNC: the holder's pid must survive a contender's open.
        return os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)

    def _take(self, fd: int) -> None:
        try:
            locked = lock_descriptor(fd, blocking=False)
        except OSError:
            os.close(fd)
            raise
        if not locked:
            os.close(fd)
            raise InstanceLockedError(
                tr(
                    "pvzdesk is already running with this data folder (process {pid}).",
                    pid=self._holder(),
                ),
                hint=tr("Switch to the open window, or close it and start again."),
            )
        self._held.append(fd)

    def _holder(self) -> str:
        try:
            with self.path.open("rb") as handle:
                text = handle.read(_PID_LIMIT).decode("ascii", "replace").strip()
        except OSError:  # deleted, or Windows refuses to read a locked byte
            text = ""
        return text or "?"

    def release(self) -> None:
        while self._held:
            fd = self._held.pop()
            with contextlib.suppress(OSError):
                unlock_descriptor(fd)
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
