"""A real camera through ``cv2.VideoCapture``: find devices, open one, read frames.

``CameraDevice`` is a ``capture.FrameSource``; run it with ``capture.CaptureWorker`` so that
opening (which can take a second) and reading never happen on the GUI thread.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from pvzdesk.errors import ScanningError
from pvzdesk.i18n import tr
from pvzdesk.scanning.decoders import Image

__all__ = ["CameraDevice", "CameraInfo", "list_cameras"]

_V4L_CLASS = Path("/sys/class/video4linux")
_PROBE_INDICES = range(4)  # where a device list is not available, try the first few indices


@dataclass(frozen=True)
class CameraInfo:
    index: int
    name: str  # what the system calls it ("HD Webcam C270"), or "camera N" when unknown
    path: str = ""  # "/dev/video0" where devices are files


@contextmanager
def _quiet_opencv() -> Iterator[None]:
    # OpenCV prints a warning to stderr for every index it cannot open; a probe expects that.
    previous = cv2.utils.logging.getLogLevel()
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    try:
        yield
    finally:
        cv2.utils.logging.setLogLevel(previous)


def list_cameras() -> list[CameraInfo]:
    """Cameras this computer has now. On Linux from sysfs (no device is opened); else by probing."""
    if _V4L_CLASS.is_dir():
        found = []
        for node in sorted(_V4L_CLASS.glob("video*"), key=lambda p: int(p.name[5:] or 0)):
            name_file = node / "name"
            name = name_file.read_text().strip() if name_file.exists() else node.name
            index_file = node / "index"
            # A USB camera also exposes a metadata node (index 1) that gives no picture.
            if index_file.exists() and index_file.read_text().strip() not in ("", "0"):
                continue
            found.append(CameraInfo(int(node.name[5:]), name, f"/dev/{node.name}"))
        return found
    found = []
    with _quiet_opencv():
        for index in _PROBE_INDICES:
            capture = cv2.VideoCapture(index)
            if capture.isOpened():
                found.append(CameraInfo(index, tr("camera {index}", index=index)))
            capture.release()
    return found


class CameraDevice:
    """One camera by index (0, 1...) or path (``/dev/video2``, a stream URL)."""

    live = True  # frames come whether read or not: the capture worker decodes the newest only

    def __init__(
        self,
        device: int | str = 0,
        *,
        width: int | None = 1280,
        height: int | None = 720,
        fps: float | None = None,
        api_preference: int = cv2.CAP_ANY,
    ) -> None:
        self.device = device
        self.requested_size = (width, height)
        self.requested_fps = fps
        self.api_preference = api_preference
        self._capture: cv2.VideoCapture | None = None
        self._first_frame: Image | None = None
        self.size: tuple[int, int] = (0, 0)  # what the camera actually gives, once open

    def describe(self) -> str:
        return str(self.device)

    def open(self) -> None:
        self.close()
        with _quiet_opencv():
            capture = cv2.VideoCapture(self.device, self.api_preference)
            if not capture.isOpened():
                capture.release()
                raise self._cannot_open()
            width, height = self.requested_size
            if width and height:
                capture.set(cv2.CAP_PROP_FRAME_WIDTH, width)
                capture.set(cv2.CAP_PROP_FRAME_HEIGHT, height)
            if self.requested_fps:
                capture.set(cv2.CAP_PROP_FPS, self.requested_fps)
            # Keep at most one frame queued: a slow decode must see the newest frame, not a backlog.
            capture.set(cv2.CAP_PROP_BUFFERSIZE, 1)
            # A camera held by another program often opens but gives no frame: try one now.
            ok, frame = capture.read()
        if not ok or frame is None:
            capture.release()
            raise self._busy()
        self._capture = capture
        first = np.asarray(frame, dtype=np.uint8)
        self._first_frame = first
        self.size = (int(first.shape[1]), int(first.shape[0]))

    def read(self) -> Image | None:
        if self._first_frame is not None:
            first, self._first_frame = self._first_frame, None
            return first
        if self._capture is None:
            return None
        ok, frame = self._capture.read()
        return np.asarray(frame, dtype=np.uint8) if ok and frame is not None else None

    def skip(self) -> bool:
        """Take the next frame from the driver without decoding it (``capture.SkippingSource``)."""
        if self._first_frame is not None:
            self._first_frame = None
            return True
        return self._capture is not None and bool(self._capture.grab())

    def close(self) -> None:
        if self._capture is not None:
            self._capture.release()
            self._capture = None
        self._first_frame = None

    def _device_file(self) -> Path | None:
        """The file behind the device where that can be known (Linux, or a path given)."""
        if isinstance(self.device, int):
            return Path(f"/dev/video{self.device}") if sys.platform.startswith("linux") else None
        return None if "://" in self.device else Path(self.device)

    def _cannot_open(self) -> ScanningError:
        device_file = self._device_file()
        if device_file is not None and not device_file.exists():
            return ScanningError(
                tr("Camera {name} was not found.", name=self.describe()),
                hint=tr("Check that it is plugged in, or choose another camera in the settings."),
            )
        return self._busy()

    def _busy(self) -> ScanningError:
        return ScanningError(
            tr(
                "Camera {name} cannot be opened: it is busy or access is denied.",
                name=self.describe(),
            ),
            hint=tr("Close other programs that use the camera (video calls, the platform's app)."),
        )
