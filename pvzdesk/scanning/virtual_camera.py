"""A camera that plays a folder of images, a video file or frames in memory, for the demo and tests.

It is a ``capture.FrameSource`` like ``camera.CameraDevice``, so a ``CaptureWorker`` runs either.
``unplug()`` / ``replug()`` make it behave like a USB camera pulled out and plugged back: reads stop
(``None``) and opening fails with the same kind of ``ScanningError`` until it is back.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import cv2
import numpy as np

from pvzdesk.errors import ScanningError
from pvzdesk.i18n import tr
from pvzdesk.scanning.capture import EndOfFrames
from pvzdesk.scanning.decoders import Image

__all__ = ["IMAGE_SUFFIXES", "VirtualCamera", "encode_jpeg", "read_image"]

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".bmp", ".tif", ".tiff", ".webp"})


def read_image(path: Path) -> Image | None:
    """An image file as BGR, or ``None`` when it is not one (works with non-ASCII paths too)."""
    try:
        data = np.fromfile(path, dtype=np.uint8)
    except OSError:
        return None
    if data.size == 0:
        return None
    image = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return None if image is None else np.asarray(image, dtype=np.uint8)


def encode_jpeg(image: Image, quality: int = 85) -> bytes:
    """A frame as JPEG bytes (hand-over photos); raises ValueError if OpenCV cannot encode it."""
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("the frame cannot be encoded as JPEG")
    return bytes(encoded.tobytes())


class VirtualCamera:
    """Plays frames at ``fps`` (0: as fast as they are read), looping when ``loop`` is set.

    ``live``: behave like a real camera for the capture worker: frames come at ``fps`` whether or
    not the decoder keeps up, and the ones it has no time for are dropped (the bench, the demo).
    Not live (the default): a recording, every frame of which is decoded (tests count reads)."""

    def __init__(
        self,
        frames: Path | str | Sequence[Image],
        *,
        fps: float = 10.0,
        loop: bool = True,
        live: bool = False,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if fps < 0:
            raise ValueError("fps must not be negative")
        if live and fps == 0:
            raise ValueError("a live camera has a frame rate")
        self.fps = fps
        self.loop = loop
        self.live = live
        self._monotonic = monotonic
        self._path = None if isinstance(frames, Sequence) else Path(frames)
        self._memory: list[Image] = [] if isinstance(frames, (str, Path)) else list(frames)
        self._files: list[Path] = []
        self._video: cv2.VideoCapture | None = None
        self._position = 0
        self._next_due = 0.0
        self._plugged = threading.Event()
        self._plugged.set()
        self._interrupt = threading.Event()

    def describe(self) -> str:
        return self._path.name if self._path is not None else tr("virtual camera")

    # -- simulating a USB cable; safe to call from any thread ----------------------------------

    def unplug(self) -> None:
        self._plugged.clear()
        self._interrupt.set()

    def replug(self) -> None:
        self._plugged.set()

    @property
    def plugged(self) -> bool:
        return self._plugged.is_set()

    # -- FrameSource -----------------------------------------------------------------------------

    def open(self) -> None:
        if not self._plugged.is_set():
            raise ScanningError(
                tr("Camera {name} was not found.", name=self.describe()),
                hint=tr("Check that it is plugged in, or choose another camera in the settings."),
            )
        self._interrupt.clear()
        self._position = 0
        self._next_due = self._monotonic()
        if self._path is None:
            if not self._memory:
                raise self._nothing_to_play()
            return
        if self._path.is_dir():
            self._files = sorted(
                p for p in self._path.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES
            )
            if not self._files:
                raise self._nothing_to_play()
            return
        video = cv2.VideoCapture(str(self._path))
        if not video.isOpened():
            video.release()
            raise self._nothing_to_play()
        self._video = video

    def read(self) -> Image | None:
        if not self._wait_for_next_frame():
            return None
        if self._video is not None:
            return self._next_video_frame(self._video)
        count = len(self._memory) or len(self._files)
        for _ in range(max(count, 1)):
            if self._position >= count:
                if not self.loop:
                    raise EndOfFrames
                self._position = 0
            index = self._position
            self._position += 1
            if self._memory:
                return self._memory[index]
            image = read_image(self._files[index])
            if image is not None:
                return image
            log.warning("virtual camera skips %s: not an image", self._files[index])
        raise self._nothing_to_play()

    def close(self) -> None:
        if self._video is not None:
            self._video.release()
            self._video = None

    # -- inside ------------------------------------------------------------------------------------

    def _wait_for_next_frame(self) -> bool:
        """Keep the frame rate; ``False`` when the cable was pulled meanwhile."""
        if self.fps > 0:
            delay = self._next_due - self._monotonic()
            if delay > 0:
                self._interrupt.wait(delay)
            self._next_due = max(self._next_due + 1 / self.fps, self._monotonic())
        return self._plugged.is_set()

    def _next_video_frame(self, video: cv2.VideoCapture) -> Image:
        ok, frame = video.read()
        if not ok and self.loop:
            video.set(cv2.CAP_PROP_POS_FRAMES, 0)
            ok, frame = video.read()
        if not ok or frame is None:
            raise EndOfFrames
        return np.asarray(frame, dtype=np.uint8)

    def _nothing_to_play(self) -> ScanningError:
        return ScanningError(
            tr("The virtual camera has nothing to play in {name}.", name=self.describe()),
            hint=tr("Give a folder with images or a video file."),
        )
