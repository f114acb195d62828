"""One running pvzdesk per data directory: an advisory lock on a file, released by the OS on exit."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from pvzdesk.errors import InstanceLockedError
from pvzdesk.i18n import tr

LOCK_NAME = "pvzdesk.lock"


class InstanceLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            handle.close()
            raise InstanceLockedError(
                tr("pvzdesk is already running with this data folder (process {pid}).", pid=holder),
                hint=tr("Switch to the open window, or close it and start again."),
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
