"""Background work for the UI: one scan writer thread, one DB worker thread, a small network
pool, no Qt.

The scan writer commits the quick counter operations (one scan, one hand-over, one void) in the
order they were asked for; the DB worker runs the slow jobs, so a long job never delays a scan.
Each opens its *own* connection to the journal (SQLite connections belong to the thread
that opened them) and asks ``pvzdesk.app`` for the services over it (``app.connect()``): a
``DbSession``. They read the app's live settings, so a change saved in Настройки reaches every
thread's services at once. Jobs get a ``JobControl``
to report progress and to see a cancel request. Results are handed to a ``deliver`` callable that
``UiContext`` turns into its one queued Qt signal; nothing here touches a widget.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pvzdesk.app import AppContext, Services
from pvzdesk.priority import lower_this_thread

log = logging.getLogger(__name__)

NETWORK_THREADS = 4


class JobCancelled(Exception):
    """Raised by ``JobControl.check()`` in a job that was asked to stop; not an error."""


# The DB worker's own connection and services (``pvzdesk.app.Services``): use it only inside a
# DB job.
DbSession = Services


@dataclass(frozen=True)
class Progress:
    done: int
    total: int  # 0 when unknown
    text: str = ""


class JobControl:
    """Handed to every job: report progress, notice cancellation. Safe from any thread."""

    def __init__(self, job: Job) -> None:
        self._job = job

    @property
    def cancelled(self) -> bool:
        return self._job.cancel_requested

    def check(self) -> None:
        """Stop here if asked to: call between batches, never inside a transaction."""
        if self._job.cancel_requested:
            raise JobCancelled

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._job.deliver(("progress", self._job, Progress(done, total, text)))


@dataclass(eq=False)
class Job:
    """The GUI's handle on one background job."""

    name: str
    deliver: Callable[[object], None]
    on_done: Callable[[Any], None] | None = None
    on_error: Callable[[BaseException], None] | None = None
    on_progress: Callable[[Progress], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    changes: Callable[[Any], object] | None = None  # result -> Changes, announced on ops_done
    _cancel: threading.Event = field(default_factory=threading.Event)
    finished: bool = False

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the job to stop at its next ``check()``; what it committed stays committed."""
        self._cancel.set()


def _run(job: Job, call: Callable[[JobControl], object]) -> None:
    control = JobControl(job)
    try:
        result = call(control)
    except JobCancelled:
        job.deliver(("cancelled", job, None))
    except BaseException as error:  # handed to the GUI: a known error is shown, a bug is logged
        if not isinstance(error, Exception):
            raise
        job.deliver(("error", job, error))
    else:
        job.deliver(("done", job, result))


class DbWorker:
    """One thread, one connection: every slow database job runs here, one at a time."""

    def __init__(self, app: AppContext) -> None:
        self._app = app
        self._session: DbSession | None = None
        self._executor = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="pvzdesk-db", initializer=lower_this_thread
        )

    def _open_session(self) -> DbSession:
        if self._session is None:
            self._session = self._app.connect()
        return self._session

    def submit(self, job: Job, work: Callable[[DbSession, JobControl], object]) -> Job:
        self._executor.submit(_run, job, lambda control: work(self._open_session(), control))
        return job

    def shutdown(self) -> None:
        """Finish the running job (cancel it first if you must), then close the connection."""

        def close() -> None:
            if self._session is not None:
                self._session.close()
                self._session = None

        self._executor.submit(close)
        self._executor.shutdown(wait=True)


class ScanWriter:
    """One thread, one connection, its own services: every quick counter write runs here, one
    at a time, in the order submitted (never behind a slow job). Its services read the app's
    live settings: an operator changed in Настройки stamps the next operation."""

    def __init__(self, app: AppContext) -> None:
        self._app = app
        self._services: Services | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pvzdesk-scan")
        self._executor.submit(self._warm_up)  # connect now, not at the first scan

    def _warm_up(self) -> None:
        try:
            self._open()
        except Exception:  # the first operation tries again and reports the error
            log.exception("the scan writer could not open the journal")

    def _open(self) -> Services:
        if self._services is None:
            self._services = self._app.connect()
        return self._services

    def submit(
        self,
        job: Job,
        operation: Callable[[Services], object],
        refused: Callable[[], BaseException | None] = lambda: None,
    ) -> Job:
        """Run ``operation(services)`` on the writer; ``refused()`` is asked right before it runs
        (the journal may have been found damaged meanwhile): an error there is the outcome."""

        def call(control: JobControl) -> object:
            error = refused()
            if error is not None:
                raise error
            return operation(self._open())

        self._executor.submit(_run, job, call)
        return job

    def shutdown(self) -> None:
        """Commit what was submitted, then close the connection."""

        def close() -> None:
            if self._services is not None:
                self._services.close()
                self._services = None

        self._executor.submit(close)
        self._executor.shutdown(wait=True)


class NetworkPool:
    """A few threads for HTTP work. A network job must not touch the database: hand the reply
    to a DB job (``UiContext.run_db``) from its ``on_done``."""

    def __init__(self, threads: int = NETWORK_THREADS) -> None:
        self._executor = ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="pvzdesk-net", initializer=lower_this_thread
        )

    def submit(self, job: Job, work: Callable[[JobControl], object]) -> Job:
        self._executor.submit(_run, job, work)
        return job

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
