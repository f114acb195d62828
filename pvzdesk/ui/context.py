"""What every screen is given: ``UiContext``. This docstring is the framework's contract.

**Services and threads.** ``ctx.app`` is the ``AppContext``: ``.services`` (every service over the
GUI thread's connection, built by ``pvzdesk.app``; ``.store .counter .incidents`` are shortcuts),
``.settings .clock .paths``. Its store belongs to the GUI thread, for reading (resolve a scan, list parcels).
A counter write (one scan, one hand-over, one void: ~1 ms to commit, much more when the disk is
busy, measured by ``bench/startup.py``) never commits on the GUI thread. It goes to

- ``ctx.perform(operation, origin=..., on_done=..., on_error=...)``: the ONE scan writer thread,
  with its own connection and its own ``CounterService``, which commits quick counter writes one
  at a time in the order asked (``operation(counter: CounterService) -> OpResult``). It returns at
  once; ``on_done(result)`` runs in the GUI thread after the commit (the green flash and the success
  tone belong there), then ``ops_done`` is announced. ``on_error(error)`` gets a ``PvzdeskError``
  (disk full...): nothing was confirmed. A screen disables its confirm action until one of the two
  ran, so a confirm cannot be sent twice. Every thread's services read the app's live settings
  (``app.apply_settings``): a new operator stamps the next entry any of them writes.

Anything that may take longer than a few milliseconds (import, export, verify, reconcile, a
query over the whole journal) goes to

- ``ctx.run_db(work, on_done=...)``: the ONE DB worker thread, with its own connection and its own
  services (``work(session: DbSession, control: JobControl) -> T``; a ``DbSession`` is the
  ``pvzdesk.app.Services`` of that connection), one job at a time;
- ``ctx.run_net(work, on_done=...)``: the network pool (``work(control) -> T``); no database there.

Jobs report ``control.progress(done, total)``, stop at ``control.check()`` when cancelled
(``job.cancel()``), and commit in batches so a cancel loses nothing. ``on_done / on_error /
on_progress / on_cancelled`` always run in the GUI thread: a worker never touches a widget.

**One signal for "what changed".** ``ctx.ops_done(Changes)`` is emitted after every write:
``perform`` emits it, a job emits it when its ``changes=`` function returns a ``Changes``, and
``ctx.announce(...)`` emits it for anything else (settings saved, a reconcile pass finished). Each
screen looks at the ``Changes`` in ``Screen.on_changes`` and decides itself whether to redraw.

Another desk's entries pulled from the point database arrive as ``Changes(peers=True)``.

**Status.** ``ctx.status`` is the ``CounterStatus`` (platform, backlog, camera, scanner, sound);
``ctx.status_changed(CounterStatus)`` fires when it changes. From another thread (health monitor,
camera worker) call ``ctx.post_status(**fields)``: it goes through the same queued signal.

**Scans** reach screens as ``Screen.handle_scan(read)`` (see ``pvzdesk.ui.screens.base``);
``ctx.feedback(Tone.SUCCESS)`` plays the sound (silent when sound is off or unavailable).

**A damaged journal.** The integrity check runs in the background after start; when it fails,
``ctx.set_fault(error)`` records the ``StorageError``: ``ctx.fault`` is set, the status carries its
sentence (the banner turns red), the window refuses every scan (``Screen.refuse_scan``) and
``ctx.perform`` writes nothing: its ``on_error`` gets the fault as a ``StorageError`` (also for an
operation queued before the fault was found). Reading stays possible.

**Notices.** ``ctx.add_notice(Notice(...))`` puts a sentence in the strip above the screens (and,
for one with a ``short`` text, in the status bar) and logs it; ``ctx.drop_notice(key)`` takes it
away. A ``ClockError`` from any job (the clock is known to be wrong: nothing was written) also goes
to ``ctx.clock_refused``: the window's ``ClockWatch`` explains it until the clock is right.

**Things to stop at exit.** ``ctx.on_shutdown(callback)`` registers a closer (the health monitor);
``shutdown()`` calls them, newest first, before it stops the workers (the scan writer commits
what it was given first).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from pvzdesk.app import AppContext
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.errors import ClockError, PvzdeskError, StorageError
from pvzdesk.services.counter import CounterService
from pvzdesk.services.results import OpResult
from pvzdesk.ui.gc_guard import install_gc_guard
from pvzdesk.ui.sounds import Sounds, Tone
from pvzdesk.ui.status import CounterStatus, Notice, NoticeLevel
from pvzdesk.ui.workers import (
    DbSession,
    DbWorker,
    Job,
    JobControl,
    NetworkPool,
    Progress,
    ScanWriter,
)

__all__ = ["Changes", "DbSession", "Job", "JobControl", "Progress", "Tone", "UiContext"]

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an operation changed, so each screen can decide whether to redraw."""

    entries: tuple[Entry, ...] = ()  # journal entries written
    postings: frozenset[str] = frozenset()  # postings whose state may have moved
    manifest: bool = False  # manifest rows imported or refreshed
    sync: bool = False  # sync attempts / outcomes / conflicts changed
    settings: bool = False  # settings saved
    language: bool = False  # the UI language changed: retranslate
    peers: bool = False  # other desks' entries pulled from the point database (several desks)
    origin: str = ""  # who made the change ("issue", "reconcile"...), for screens that care

    @classmethod
    def of(cls, result: OpResult, **flags: Any) -> Changes:
        return cls(entries=result.entries, postings=frozenset(result.changed_postings), **flags)

    @property
    def kinds(self) -> frozenset[EntryKind]:
        return frozenset(entry.kind for entry in self.entries)

    @property
    def journal(self) -> bool:
        return bool(self.entries)

    def touches(self, kinds: Iterable[EntryKind]) -> bool:
        return not self.kinds.isdisjoint(kinds)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name != "origin")

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            entries=self.entries + other.entries,
            postings=self.postings | other.postings,
            manifest=self.manifest or other.manifest,
            sync=self.sync or other.sync,
            settings=self.settings or other.settings,
            language=self.language or other.language,
            peers=self.peers or other.peers,
            origin=self.origin or other.origin,
        )


class UiContext(QObject):
    """Handed to every screen; owns the workers. Create one per window, ``shutdown()`` at exit."""

    ops_done = Signal(object)  # Changes
    status_changed = Signal(object)  # CounterStatus
    clock_refused = Signal(object)  # ClockError: a write was refused for a wrong clock
    # The only signal that crosses threads: workers and monitors emit it, the GUI thread handles.
    _delivered = Signal(object)

    def __init__(
        self, app: AppContext, *, sounds: Sounds | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        install_gc_guard()  # before any worker thread exists
        self.app = app
        self.sounds = sounds or Sounds(enabled=False)
        self._status = CounterStatus(sound=self.sounds.state, sound_detail=self.sounds.detail)
        self._writer = ScanWriter(app)
        self._db = DbWorker(app)
        self._net = NetworkPool()
        self._jobs: set[Job] = set()
        self._closed = False
        self._stopping = False
        self._closers: list[Callable[[], None]] = []
        self.fault: PvzdeskError | None = None  # set when the journal file is found damaged
        # The newest camera frame for a hand-over photo; the window sets it when
        # the camera runs. None: no camera.
        self.camera_frame: Callable[[], QImage | None] = lambda: None
        self._delivered.connect(self._on_delivered)
        # the point link (and any link Настройки builds later) tells the screens what it pulled
        app.on_point(lambda desk: desk.on_pulled(self._peers_pulled))

    # --- quick counter writes on the scan writer -------------------------------------------------
    def perform(
        self,
        operation: Callable[[CounterService], OpResult],
        *,
        origin: str = "",
        on_done: Callable[[OpResult], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """Commit a quick counter operation on the scan writer; returns at once (see above).

        ``on_done(result)`` runs in the GUI thread after the commit, then the change is announced
        (``origin`` tells who made it). ``on_error`` gets a ``PvzdeskError`` (disk full, the
        journal found damaged...): nothing was confirmed then.
        """

        def changes(result: OpResult) -> Changes | None:
            return Changes.of(result, origin=origin) if result.entries else None

        job = self._job(f"perform {origin}".strip(), on_done, on_error, None, None, changes)
        return self._writer.submit(job, lambda services: operation(services.counter), self._refusal)

    def perform_with(
        self,
        operation: Callable[[DbSession], OpResult],
        *,
        origin: str = "",
        on_done: Callable[[OpResult], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Job:
        """``perform`` for a quick write that needs more than the counter (the re-entry
        check-off): ``operation`` gets the scan writer's services."""

        def changes(result: OpResult) -> Changes | None:
            return Changes.of(result, origin=origin) if result.entries else None

        job = self._job(f"perform {origin}".strip(), on_done, on_error, None, None, changes)
        return self._writer.submit(job, operation, self._refusal)

    def _refusal(self) -> StorageError | None:
        """Asked by the scan writer before each operation (any thread: reads one attribute)."""
        fault = self.fault
        return None if fault is None else StorageError(fault.message, hint=fault.hint)

    def announce(self, changes: Changes) -> None:
        if not changes.empty:
            self.ops_done.emit(changes)

    def feedback(self, tone: Tone) -> None:
        self.sounds.play(tone)

    # --- background work -------------------------------------------------------------------------
    def run_db(
        self,
        work: Callable[[DbSession, JobControl], T],
        *,
        name: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        changes: Callable[[T], Changes | None] | None = None,
    ) -> Job:
        job = self._job(name, on_done, on_error, on_progress, on_cancelled, changes)
        if self._stopping:  # a widget asking for data while the window closes: nothing to do
            return job
        return self._db.submit(job, work)

    def run_net(
        self,
        work: Callable[[JobControl], T],
        *,
        name: str = "",
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Job:
        job = self._job(name, on_done, on_error, on_progress, on_cancelled, None)
        if self._stopping:
            return job
        return self._net.submit(job, work)

    def _job(
        self,
        name: str,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        on_progress: Callable[[Progress], None] | None,
        on_cancelled: Callable[[], None] | None,
        changes: Callable[[Any], Changes | None] | None,
    ) -> Job:
        job = Job(
            name=name,
            deliver=self._delivered.emit,
            on_done=on_done,
            on_error=on_error,
            on_progress=on_progress,
            on_cancelled=on_cancelled,
            changes=changes,
        )
        self._jobs.add(job)
        return job

    @property
    def closed(self) -> bool:
        """``shutdown()`` began: no more background work can be started."""
        return self._stopping

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def cancel_all(self) -> None:
        for job in list(self._jobs):
            job.cancel()

    # --- status ----------------------------------------------------------------------------------
    @property
    def status(self) -> CounterStatus:
        return self._status

    def set_status(self, status: CounterStatus) -> None:
        """GUI thread only."""
        if status != self._status:
            self._status = status
            self.status_changed.emit(status)

    def update_status(self, **changes: object) -> None:
        """GUI thread only: replace some fields of the status."""
        self.set_status(self._status.with_(**changes))

    def set_fault(self, error: PvzdeskError) -> None:
        """GUI thread: the journal cannot be trusted any more; stop recording (see above)."""
        log.error("journal integrity check failed: %s", error)
        self.fault = error
        self.update_status(storage_fault=error.message, storage_hint=error.hint)

    def add_notice(self, notice: Notice) -> None:
        """GUI thread: show ``notice`` (replacing one with the same key) and log it once."""
        shown = self._status.notices
        if notice in shown:
            return
        if any(n.key == notice.key for n in shown):  # a fresher text: in its place, not logged
            self.update_status(notices=tuple(notice if n.key == notice.key else n for n in shown))
            return
        levels = {NoticeLevel.INFO: logging.INFO, NoticeLevel.ERROR: logging.ERROR}
        level = levels.get(notice.level, logging.WARNING)
        log.log(level, "shown to the operator: %s %s", notice.text, notice.hint)
        self.update_status(notices=(*shown, notice))

    def drop_notice(self, key: str) -> None:
        """GUI thread: the notice ``key`` is gone (dismissed, or its cause is over)."""
        kept = tuple(n for n in self._status.notices if n.key != key)
        if len(kept) != len(self._status.notices):
            self.update_status(notices=kept)

    def notice(self, key: str) -> Notice | None:
        return next((n for n in self._status.notices if n.key == key), None)

    def post_status(self, **changes: object) -> None:
        """Any thread: the change is applied in the GUI thread."""
        self._delivered.emit(("status", None, changes))

    def post_changes(self, changes: Changes) -> None:
        """Any thread: ``changes`` is announced in the GUI thread (``ops_done``)."""
        if not self._stopping:  # the window is going: nobody to tell
            self._delivered.emit(("changes", None, changes))

    def _peers_pulled(self) -> None:
        self.post_changes(Changes(peers=True, origin="point"))

    # --- the one queued signal -------------------------------------------------------------------
    def _on_delivered(self, message: object) -> None:
        if self._closed:
            return
        assert isinstance(message, tuple)
        what, job, value = message
        if what == "status":
            self.update_status(**value)
            return
        if what == "changes":
            self.announce(value)
            return
        assert isinstance(job, Job)
        if what == "progress":
            if job.on_progress is not None:
                job.on_progress(value)
            return
        job.finished = True
        self._jobs.discard(job)
        if what == "done":
            if job.on_done is not None:
                job.on_done(value)
            made = job.changes(value) if job.changes is not None else None
            if isinstance(made, Changes):
                self.announce(made)
        elif what == "cancelled":
            if job.on_cancelled is not None:
                job.on_cancelled()
        elif what == "error":
            if isinstance(value, ClockError):
                self.clock_refused.emit(value)  # explained in the window until the clock is right
            if not isinstance(value, PvzdeskError):
                log.error("background job %r failed", job.name, exc_info=value)
            if job.on_error is not None:
                job.on_error(value)

    def on_shutdown(self, closer: Callable[[], None]) -> None:
        """Call ``closer`` at ``shutdown()`` (before the workers stop); newest first."""
        self._closers.append(closer)

    def shutdown(self) -> None:
        """Cancel jobs, wait for the workers, close their connections. The AppContext stays."""
        if self._closed:
            return
        self._stopping = True
        while self._closers:
            closer = self._closers.pop()
            try:
                closer()
            except Exception:  # one failing closer must not keep the others open
                log.exception("closing %r at shutdown failed", closer)
        self.cancel_all()
        self._writer.shutdown()
        self._db.shutdown()
        self._net.shutdown()
        self._closed = True
