"""Capture and decode in worker threads; the GUI polls or is called back and never waits.

A ``FrameSource`` is anything that yields frames: a real camera (``camera.CameraDevice``) or a
``virtual_camera.VirtualCamera``. A ``CaptureWorker`` runs one source: one thread opens it and
reads frames, another decodes them (the pipeline by default), lets a 1-D code count only once
confirmed (by its format, two passes, or two frames: ``confirm.FrameConfirmer``), drops repeats,
and publishes

- the latest frame with the codes found in it (``latest_preview()``) for the preview, with a
  copy already scaled to the preview's width when one is asked for (the GUI thread then never
  touches a full 1280×720 frame),
- new reads on a thread-safe queue (``take_reads()``) and/or through ``on_read``,
- its state (``status()`` and ``on_status``): running, lost (unplugged: it keeps retrying and
  resumes by itself), finished (a non-looping virtual camera ran out), stopped,
- what it read, decoded and dropped (``stats()``).

A *live* source (a camera: frames come whether anyone reads them) never queues: the decoder takes
the newest frame and a frame it had no time for is dropped and counted (a camera passes over it
without converting it: ``SkippingSource``, so the frame decoded next is fresh); while a decode takes
longer than a frame lasts, it also rests as long as it worked, so on a busy two-core counter PC it
takes at most about half a core from the window and the scan writer. A recording (a virtual camera
that is not ``live``) is decoded frame by frame, none dropped.

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
from typing import TYPE_CHECKING, Protocol, runtime_checkable

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
    "CaptureStats",
    "CaptureWorker",
    "EndOfFrames",
    "FrameSource",
    "Preview",
    "is_live",
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


@runtime_checkable
class SkippingSource(FrameSource, Protocol):
    """A live source that can pass over a frame more cheaply than reading it (a camera: the
    driver's buffer is taken, the MJPEG is not decoded)."""

    def skip(self) -> bool:
        """Take the next frame and throw it away; ``False`` when the source went away."""
        ...


def is_live(source: FrameSource) -> bool:
    """Frames come whether or not they are read (``live = True``): a real camera is."""
    return bool(getattr(source, "live", False))


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
    number: int  # frames decoded since start; the GUI redraws only when it changes
    thumbnail: Image | None = None  # ``frame`` scaled to the preview width asked for, if any
    scale: float = 1.0  # thumbnail pixels per frame pixel (code outlines are in frame pixels)


@dataclass(frozen=True)
class CaptureStats:
    read: int  # frames the source gave
    decoded: int
    dropped: int  # frames never decoded: a newer one had come (live sources only)


class _FrameSlot:
    """Hands frames from the reading thread to the decoding thread.

    Live: the newest frame replaces one not yet taken, which is counted as dropped: a slow decode
    always sees the newest frame, never a backlog. Not live: the reader waits until the decoder
    took the frame, so every frame is decoded."""

    def __init__(self, live: bool) -> None:
        self.live = live
        self._changed = threading.Condition()
        self._frame: Image | None = None
        self._busy = False  # the decoder took a frame and has not finished it
        self._closed = False
        self.read = 0
        self.decoded = 0
        self.dropped = 0

    def put(self, frame: Image) -> None:
        with self._changed:
            if not self.live:
                self._changed.wait_for(lambda: self._frame is None or self._closed)
            if self._closed:
                return
            if self._frame is not None:
                self.dropped += 1
            self._frame = frame
            self.read += 1
            self._changed.notify_all()

    def idle(self) -> bool:
        """The decoder waits for a frame and none is pending."""
        with self._changed:
            return self._frame is None and not self._busy

    def skipped(self) -> None:
        """A frame the source passed over because the decoder was busy (never read)."""
        with self._changed:
            self.read += 1
            self.dropped += 1

    def take(self) -> Image | None:
        """The next frame; ``None`` once closed and every frame put is taken."""
        with self._changed:
            self._changed.wait_for(lambda: self._frame is not None or self._closed)
            frame, self._frame = self._frame, None
            self._busy = frame is not None
            self._changed.notify_all()
            return frame

    def done(self) -> None:
        with self._changed:
            self._busy = False
            self.decoded += 1
            self._changed.notify_all()

    def close(self, *, drop_pending: bool = False) -> None:
        with self._changed:
            self._closed = True
            if drop_pending and self._frame is not None:
                self._frame = None
                self.dropped += 1
            self._changed.notify_all()

    def wait_drained(self, decoder: threading.Thread) -> None:
        """Until the decoder finished every frame put (or died)."""
        with self._changed:
            while (self._frame is not None or self._busy) and decoder.is_alive():
                self._changed.wait(0.1)

    def stats(self) -> CaptureStats:
        with self._changed:
            return CaptureStats(self.read, self.decoded, self.dropped)


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
        preview_width: int | None = None,
        frame_interval: float = 1 / 30,
    ) -> None:
        """Without a decoder, the pipeline is made in the decoding thread (it imports OpenCV)."""
        self.source = source
        self._decoder = decoder
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
        self.preview_width = preview_width
        self.frame_interval = frame_interval  # a decode longer than this rests as long (live)
        self._slot = _FrameSlot(is_live(source))
        self._decode_failed = False

    # -- called from the GUI thread; none of these wait for the camera ---------------------------

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._slot = _FrameSlot(is_live(self.source))
        self._decode_failed = False
        self._set_status(CameraStatus(CameraState.CONNECTING))
        self._thread = threading.Thread(
            target=self._run, name=f"capture {self.source.describe()}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the worker to stop and wait for it (at most one frame read plus ``timeout``)."""
        self._stop.set()
        self._slot.close(drop_pending=True)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def status(self) -> CameraStatus:
        with self._changed:
            return self._status

    def latest_preview(self) -> Preview | None:
        with self._changed:
            return self._preview

    def stats(self) -> CaptureStats:
        """Frames read, decoded and dropped since the last ``start``."""
        return self._slot.stats()

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
        lower_this_thread()  # reading (a camera decodes its MJPEG here) yields to the window
        slot = self._slot
        decoder = threading.Thread(
            target=self._decode_loop, args=(slot,), name=f"decode {self.source.describe()}"
        )
        decoder.daemon = True
        decoder.start()
        final = CameraStatus(CameraState.STOPPED)
        try:
            final = self._capture_loop(slot, decoder)
        except Exception:
            log.exception("capture worker for %s failed", self.source.describe())
            final = self._internal_error()
        finally:
            try:
                self.source.close()
            finally:
                slot.close()
                # A finished recording's last frames are decoded before it says "finished".
                slot.wait_drained(decoder)
                decoder.join()
                if self._decode_failed:
                    final = self._internal_error()
                self._set_status(final)

    @staticmethod
    def _internal_error() -> CameraStatus:
        # A bug, not a camera problem: it was logged with its traceback; tell the operator once.
        return CameraStatus(
            CameraState.FAILED,
            ScanningError(
                tr("The camera stopped because of an internal error."),
                hint=tr("The details are in the log; restart the camera in the settings."),
            ),
        )

    def _decode_loop(self, slot: _FrameSlot) -> None:
        lower_this_thread()  # decoding every frame must not take the window's core
        number = 0
        try:
            from pvzdesk.scanning.pipeline import PipelineDecoder

            decoder = self._decoder if self._decoder is not None else PipelineDecoder()
            while (frame := slot.take()) is not None:
                began = time.monotonic()
                number += 1
                try:
                    self._decode_and_publish(decoder, frame, number)
                    spent = time.monotonic() - began
                    if slot.live and spent > self.frame_interval:
                        # Behind the camera: rest as long as we worked (the frames meanwhile are
                        # dropped), so a slow machine gives the decoder half a core, not all of
                        # one. Still "busy" meanwhile: the next frame is one taken after the rest.
                        self._stop.wait(spent)
                finally:
                    slot.done()
        except Exception:
            log.exception("capture worker for %s failed decoding", self.source.describe())
            self._decode_failed = True
            self._stop.set()
            slot.close(drop_pending=True)

    def _capture_loop(self, slot: _FrameSlot, decoder: threading.Thread) -> CameraStatus:
        opened = False
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
                if slot.live and not slot.idle() and isinstance(self.source, SkippingSource):
                    # The decoder is busy: take this frame from the camera without converting
                    # it (the next one it gets is fresh, and no CPU goes to a frame never seen).
                    if not self.source.skip():
                        raise self._disconnected()
                    slot.skipped()
                    continue
                frame = self.source.read()
                if frame is None:
                    raise self._disconnected()
            except EndOfFrames:
                return CameraStatus(CameraState.FINISHED)
            except ScanningError as error:
                self.source.close()
                opened = False
                # Frames read before the cable went are still decoded, then "lost" is told: the
                # preview does not change after the status says the camera is gone.
                slot.wait_drained(decoder)
                self._set_status(CameraStatus(CameraState.LOST, error))
                self._stop.wait(self.reconnect_interval)
                continue
            slot.put(frame)
        return CameraStatus(CameraState.STOPPED)

    def _decode_and_publish(self, decoder: Decoder, frame: Image, number: int) -> None:
        from pvzdesk.scanning.pipeline import frame_reads

        found = frame_reads(decoder, frame, time=self._wall_clock(), source=ScanSource.CAMERA)
        # A 1-D code no second pass confirmed counts once a later frame reads it too.
        accepted = self._confirmer.admit(found.confirmed, found.waiting, number)
        by_key = {(code.symbology, code.raw_bytes): code for code in accepted}
        fresh = self._repeats.new_reads(by_key, self._monotonic())
        codes = accepted + [read for read in found.waiting if read not in accepted]
        thumbnail, scale = self._thumbnail(frame)
        with self._changed:
            self._preview = Preview(frame, tuple(codes), number, thumbnail, scale)
            self._changed.notify_all()
        for key in fresh:
            self.reads.put(by_key[key])
            if self._on_read is not None:
                self._on_read(by_key[key])

    def _thumbnail(self, frame: Image) -> tuple[Image | None, float]:
        """The frame at the preview's width, scaled here: OpenCV releases the GIL while it works,
        the GUI thread would not."""
        width = self.preview_width
        if width is None or frame.shape[1] <= width:
            return None, 1.0
        import cv2
        import numpy as np

        scale = width / frame.shape[1]
        height = max(1, round(frame.shape[0] * scale))
        small = cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA)
        return np.asarray(small, dtype=np.uint8), scale

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
