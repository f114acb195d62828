"""Progress and cancellation for long report jobs, without any GUI dependency.

The UI passes a callback (it forwards to its progress bar through its one signal) and a
``threading.Event``; a cancelled job raises ``ReportCancelled`` and leaves no half-written file.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from pvzdesk.durable import durable_output
from pvzdesk.errors import PvzdeskError
from pvzdesk.i18n import tr

# (done, total): total is the number of steps of the whole job; done never goes back.
Progress = Callable[[int, int], None]


class CancelToken(Protocol):
    """Anything with ``is_set()``; ``threading.Event`` is the usual one."""

    def is_set(self) -> bool: ...


class ReportCancelled(PvzdeskError):
    """The person cancelled the export; nothing was written."""

    def __init__(self) -> None:
        super().__init__(tr("The export was cancelled; no file was written."))


class ReportError(PvzdeskError):
    """A report cannot be produced (no font with Cyrillic, nothing to put in it...)."""


def check_cancel(cancel: CancelToken | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ReportCancelled()


class Steps:
    """Counts steps of a job across several writers and checks for cancel at each one."""

    def __init__(
        self, total: int, progress: Progress | None = None, cancel: CancelToken | None = None
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancel = cancel

    def step(self, count: int = 1) -> None:
        check_cancel(self._cancel)
        self.done = min(self.total, self.done + count)
        if self._progress is not None:
            self._progress(self.done, self.total)

    def check(self) -> None:
        check_cancel(self._cancel)


def atomic_output(target: Path) -> AbstractContextManager[Path]:
    """Yield a temporary path beside ``target``; it becomes ``target`` only if the block succeeds,
    so a cancelled or failed export never leaves a half file under the real name (fsynced, with
    its folder: ``pvzdesk.durable``)."""
    return durable_output(target)
