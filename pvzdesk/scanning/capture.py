"""Capture and decode in a worker thread; the GUI polls or is called back and never waits.

A ``FrameSource`` is anything that yields frames: a real camera (``camera.CameraDevice``) or a
``virtual_camera.VirtualCamera``. A ``CaptureWorker`` runs one source: it opens it, reads frames,
decodes them (the pipeline by default), lets a 1-D code count only once confirmed (by its format,
two passes, or two frames: ``confirm.FrameConfirmer``), drops repeats, and publishes

- the latest frame with the codes found in it (``latest_preview()``) for the preview,
- new reads on a thread-safe queue (``take_reads()``) and/or through ``on_read``,
- its state (``status()`` and ``on_status``): running, lost (unplugged: it keeps retrying and
  resumes by itself), finished (a non-looping virtual camera ran out), stopped.

Callbacks run in the worker thread: a GUI must hand them to its own thread (one Qt signal).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.errors import ScanningError
from pvzdesk.i18n import tr
from pvzdesk.priority import lower_this_thread
from pvzdesk.scanning.confirm import FrameConfirmer
from pvzdesk.scanning.repeats import DEFAULT_FORGET_AFTER, RepeatSuppressor

if TYPE_CHECKING:
    # The decoders (OpenCV, numpy: ~0.15 s) load when a worker is made, not with this module: the
    # window imports it for the camera's states before its first paint, with the camera off.
    from pvzdesk.scanning.decoders import Decoder, Image

__all__ = [
    "CameraState",
    "CameraStatus",
    "CaptureWorker",
    "EndOfFrames",
    "FrameSource",
    "Preview",
]

log = logging.getLogger(__name__)


class EndOfFrames(Exception):
    """A finite source (a virtual camera without looping) has played all its frames."""


class FrameSource(Protocol):
    """Something that gives frames; ``read`` blocks until the next one."""

    def describe(self) -> str:
        """A short name for messages: "camera 0", "labels/", "demo.mp4"."""
        ...

    def open(self) -> None:
        """Start delivering frames; raises ``ScanningError`` when missing or busy."""
        ...

    def read(self) -> Image | None:
        """The next frame, or ``None`` when the source went away (unplugged)."""
        ...

    def close(self) -> None: ...


class CameraState(StrEnum):
    STOPPED = "stopped"
    CONNECTING = "connecting"
    RUNNING = "running"
    LOST = "lost"  # missing, busy or unplugged; retrying every ``reconnect_interval``
    FINISHED = "finished"  # a finite source ended
    FAILED = "failed"  # an internal error stopped the worker; it was logged


@dataclass(frozen=True)
class CameraStatus:
    state: CameraState
    error: ScanningError | None = None  # why the camera is not running, for the status bar

    @property
    def message(self) -> str:
        return str(self.error) if self.error else ""


@dataclass(frozen=True)
class Preview:
    """One decoded frame: show ``frame`` and outline every code in ``codes`` (new or repeated).

    ``frame`` is BGR and may be shared with the source (a virtual camera replays its arrays):
    read it, copy it, never draw on it in place.
    """

    frame: Image
    codes: tuple[ScanRead, ...]
    number: int  # frames since start; the GUI redraws only when it changes


def _utc_now() -> datetime:
    return datetime.now(UTC)


class CaptureWorker:
    """Runs one frame source in its own thread: capture → decode → drop repeats → publish."""

    def __init__(
        self,
        source: FrameSource,
        decoder: Decoder | None = None,
        *,
        forget_after: float = DEFAULT_FORGET_AFTER,
        reconnect_interval: float = 1.0,
        on_read: Callable[[ScanRead], None] | None = None,
        on_status: Callable[[CameraStatus], None] | None = None,
        wall_clock: Callable[[], datetime] = _utc_now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        from pvzdesk.scanning.pipeline import PipelineDecoder, frame_reads

        self.source = source
        self.decoder: Decoder = decoder or PipelineDecoder()
        self._frame_reads = frame_reads
        self.reconnect_interval = reconnect_interval
        self.reads: queue.Queue[ScanRead] = queue.Queue()
        self._on_read = on_read
        self._on_status = on_status
        self._wall_clock = wall_clock
        self._monotonic = monotonic
        self._repeats: RepeatSuppressor[tuple[str, bytes]] = RepeatSuppressor(forget_after)
        self._confirmer = FrameConfirmer()
        self._stop = threading.Event()
        self._changed = threading.Condition()
        self._status = CameraStatus(CameraState.STOPPED)
        self._preview: Preview | None = None
        self._thread: threading.Thread | None = None

    # -- called from the GUI thread; none of these wait for the camera ---------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._set_status(CameraStatus(CameraState.CONNECTING))
        self._thread = threading.Thread(
            target=self._run, name=f"capture {self.source.describe()}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the worker to stop and wait for it (at most one frame read plus ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def status(self) -> CameraStatus:
        with self._changed:
            return self._status

    def latest_preview(self) -> Preview | None:
        with self._changed:
            return self._preview

    def take_reads(self) -> list[ScanRead]:
        """Every read not yet taken, oldest first; empty when there is none."""
        taken: list[ScanRead] = []
        while True:
            try:
                taken.append(self.reads.get_nowait())
            except queue.Empty:
                return taken

    def wait_for(
        self, condition: Callable[[CameraStatus, Preview | None], bool], timeout: float
    ) -> bool:
        """Block until ``condition(status, preview)`` holds; for tests and scripts, not the GUI."""
        with self._changed:
            return self._changed.wait_for(
                lambda: condition(self._status, self._preview), timeout=timeout
            )

    def __enter__(self) -> CaptureWorker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- the worker thread ------------------------------------------------------------------------

    def _run(self) -> None:
        lower_this_thread()  # decoding every frame must not take the window's core
        final = CameraStatus(CameraState.STOPPED)
        try:
            final = self._capture_loop()
        except Exception:
            # A bug, not a camera problem: log it with its traceback, tell the operator once.
            log.exception("capture worker for %s failed", self.source.describe())
            final = CameraStatus(
                CameraState.FAILED,
                ScanningError(
                    tr("The camera stopped because of an internal error."),
                    hint=tr("The details are in the log; restart the camera in the settings."),
                ),
            )
        finally:
            try:
                self.source.close()
            finally:
                self._set_status(final)

    def _capture_loop(self) -> CameraStatus:
        opened = False
        number = 0
        while not self._stop.is_set():
            if not opened:
                try:
                    self.source.open()
                except ScanningError as error:
                    self._set_status(CameraStatus(CameraState.LOST, error))
                    self._stop.wait(self.reconnect_interval)
                    continue
                opened = True
                self._set_status(CameraStatus(CameraState.RUNNING))
            try:
                frame = self.source.read()
                if frame is None:
                    raise self._disconnected()
            except EndOfFrames:
                return CameraStatus(CameraState.FINISHED)
            except ScanningError as error:
                self.source.close()
                opened = False
                self._set_status(CameraStatus(CameraState.LOST, error))
                self._stop.wait(self.reconnect_interval)
                continue
            number += 1
            self._decode_and_publish(frame, number)
        return CameraStatus(CameraState.STOPPED)

    def _decode_and_publish(self, frame: Image, number: int) -> None:
        found = self._frame_reads(
            self.decoder, frame, time=self._wall_clock(), source=ScanSource.CAMERA
        )
        # A 1-D code no second pass confirmed counts once a later frame reads it too.
        accepted = self._confirmer.admit(found.confirmed, found.waiting, number)
        by_key = {(code.symbology, code.raw_bytes): code for code in accepted}
        fresh = self._repeats.new_reads(by_key, self._monotonic())
        codes = accepted + [read for read in found.waiting if read not in accepted]
        with self._changed:
            self._preview = Preview(frame=frame, codes=tuple(codes), number=number)
            self._changed.notify_all()
        for key in fresh:
            self.reads.put(by_key[key])
            if self._on_read is not None:
                self._on_read(by_key[key])

    def _disconnected(self) -> ScanningError:
        return ScanningError(
            tr("Camera {name} was disconnected.", name=self.source.describe()),
            hint=tr("Plug it back in: scanning resumes by itself."),
        )

    def _set_status(self, status: CameraStatus) -> None:
        with self._changed:
            # Compare what the operator sees: a retry failing the same way is not news.
            changed = (status.state, status.message) != (self._status.state, self._status.message)
            self._status = status
            self._changed.notify_all()
        if changed and self._on_status is not None:
            self._on_status(status)
