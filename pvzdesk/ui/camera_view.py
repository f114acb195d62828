"""The camera preview: frames from ``scanning.CaptureWorker`` with every decoded code outlined.

Capture and decoding run in the worker's own threads. The GUI polls it with a timer (30/s):
``latest_preview()`` and ``take_reads()`` never block, so a slow or unplugged camera can never
stall the counter. The worker scales each frame to the preview's width (OpenCV, off the GUI
thread); only that small copy becomes a ``QImage`` here, in the GUI thread (a full 1280×720 frame
only for a hand-over photo). New reads are emitted as ``scanned(ScanRead)`` and go to the active
screen like a wedge scan.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPixmap, QPolygon
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pvzdesk.domain.scan import ScanRead
from pvzdesk.errors import ScanningError
from pvzdesk.priority import lower_this_thread
from pvzdesk.scanning import CameraState, CaptureWorker, FrameSource, Preview
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.status import DeviceState

if TYPE_CHECKING:
    # numpy and the decoders (with OpenCV) load when the camera is first switched on, after the
    # window's first paint: most counters scan with a USB scanner and never pay for them.
    import numpy as np

    from pvzdesk.scanning.decoders import DecoderChoice

log = logging.getLogger(__name__)

POLL_MS = 33
PREVIEW_WIDTH = 320  # leaves the screen its room on a 1366-px counter monitor
_DEVICE_STATE = {
    CameraState.STOPPED: DeviceState.OFF,
    CameraState.CONNECTING: DeviceState.LOST,
    CameraState.RUNNING: DeviceState.READY,
    CameraState.LOST: DeviceState.LOST,
    CameraState.FINISHED: DeviceState.OFF,
    CameraState.FAILED: DeviceState.UNAVAILABLE,
}


def frame_to_image(frame: np.ndarray) -> QImage:
    """A BGR (or grey) frame as a QImage that owns its pixels."""
    import numpy as np

    frame = np.ascontiguousarray(frame)
    height, width = frame.shape[:2]
    if frame.ndim == 2:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8)
    else:
        image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
    return image.copy()  # the array may be reused by the worker: own the pixels


def outline_codes(image: QImage, preview: Preview, scale: float = 1.0) -> None:
    """Draw a green outline and the text of every code found in the frame; ``scale``: image
    pixels per frame pixel (the outlines are in frame pixels)."""
    painter = QPainter(image)
    try:
        pen = QPen(QColor("#00e676"))
        pen.setWidth(max(2, image.width() // 200))
        painter.setPen(pen)
        font = painter.font()
        font.setPixelSize(max(10, image.width() // 40))
        font.setBold(True)
        painter.setFont(font)
        for code in preview.codes:
            if not code.position:
                continue
            polygon = QPolygon([QPoint(int(x * scale), int(y * scale)) for x, y in code.position])
            painter.drawPolygon(polygon)
            corner = polygon.boundingRect().topLeft()
            painter.drawText(corner + QPoint(0, -8), code.text[:40])
    finally:
        painter.end()


class _CameraStart:
    """What F9 needs before the worker can start, made in a thread: OpenCV, numpy and the
    decoders' imports (~0.2 s), then the decoder itself (zbar's library loads). The window stood
    still while the GUI thread did either. No Qt here."""

    def __init__(self, decoder: str) -> None:
        self.choice: DecoderChoice | None = None
        self.error: ScanningError | None = None  # no decoder loads at all
        self.thread = threading.Thread(
            target=self._run, args=(decoder,), name="camera start", daemon=True
        )
        self.thread.start()

    def _run(self, decoder: str) -> None:
        lower_this_thread()  # the imports' CPU is the window's to take first
        import pvzdesk.scanning.camera  # noqa: F401
        from pvzdesk.scanning.decoders import make_decoder

        try:
            self.choice = make_decoder(decoder)
        except ScanningError as error:
            self.error = error


class CameraView(QWidget):
    """Toggle with ``set_running``; emits ``scanned`` for every new read of the camera."""

    scanned = Signal(object)  # ScanRead

    def __init__(
        self,
        ctx: UiContext,
        source_factory: Callable[[], FrameSource],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._source_factory = source_factory
        self.worker: CaptureWorker | None = None
        self.last_number = 0
        self._reads: deque[ScanRead] = deque()  # read by the camera, not yet handed to the screen
        self.last_image: QImage | None = None
        self.picture = QLabel()
        self.picture.setObjectName("cameraPicture")
        self.picture.setFixedWidth(PREVIEW_WIDTH)
        self.picture.setMinimumHeight(PREVIEW_WIDTH * 9 // 16)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("background: #202020; color: #e0e0e0;")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setFixedWidth(PREVIEW_WIDTH)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.picture)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self._loading: _CameraStart | None = None  # the camera's modules and decoder, coming
        self._start_failed = False  # no decoder loaded: the reason shows until F9 turns it off
        # cameras being released, and modules loading, off the GUI thread
        self._stoppers: list[threading.Thread] = []
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self.hide()

    @property
    def running(self) -> bool:
        return self.worker is not None or self._loading is not None or self._start_failed

    def set_running(self, on: bool) -> None:
        if on == self.running:
            return
        if on:
            # ``poll`` starts the worker once the thread has made what it needs.
            self._loading = _CameraStart(self.ctx.app.settings.scanner.decoder)
            self._stoppers.append(self._loading.thread)  # joined at exit: no import cut off
            self.picture.setText(self.tr("Starting the camera…"))
            self._timer.start()
            self.ctx.camera_frame = self.current_image
            self.show()
        else:
            self._timer.stop()
            self._start_failed = False
            while self._reads:  # read before the camera went off: they still count
                self.scanned.emit(self._reads.popleft())
            self._loading = None
            worker, self.worker = self.worker, None
            if worker is not None:
                # Releasing a camera can take seconds (a driver finishing its frame): never on the
                # GUI thread, or F9 freezes the counter.
                stopper = threading.Thread(target=worker.stop, name="camera stop", daemon=True)
                stopper.start()
                self._stoppers.append(stopper)
            self.last_image = None
            self.ctx.camera_frame = lambda: None
            self.ctx.update_status(camera=DeviceState.OFF, camera_detail="")
            self.hide()

    def _start_worker(self, start: _CameraStart) -> None:
        """GUI thread, once the thread made the decoder: making the camera is quick."""
        choice = start.choice
        if choice is None:
            assert start.error is not None
            self._start_failed = True
            self._timer.stop()
            self.caption.setText(str(start.error))
            self.ctx.update_status(camera=DeviceState.UNAVAILABLE, camera_detail=str(start.error))
            return
        if choice.warning:
            self.caption.setText(str(choice.warning))
        self.worker = CaptureWorker(
            self._source_factory(),
            choice.decoder,
            forget_after=self.ctx.app.settings.scanner.repeat_window_s,
            preview_width=PREVIEW_WIDTH,
        )
        self.worker.start()

    def current_image(self) -> QImage | None:
        """The newest frame without outlines, for a hand-over photo."""
        if self.worker is None:
            return None
        preview = self.worker.latest_preview()
        return frame_to_image(preview.frame) if preview is not None else None

    def poll(self) -> None:
        loading = self._loading
        if loading is not None:
            if loading.thread.is_alive():
                return
            self._loading = None
            self._start_worker(loading)
        worker = self.worker
        if worker is None:
            return
        status = worker.status()
        self.ctx.update_status(camera=_DEVICE_STATE[status.state], camera_detail=status.message)
        if status.state is not CameraState.RUNNING and status.message:
            self.caption.setText(status.message)
        self._reads.extend(worker.take_reads())
        if self._reads:
            # One scan a tick: a label's two codes, or a burst, each get the screen's whole
            # answer (and a repaint) before the next, instead of one long stall for all of them.
            self.scanned.emit(self._reads.popleft())
        preview = worker.latest_preview()
        if preview is None or preview.number == self.last_number:
            return
        self.last_number = preview.number
        if preview.thumbnail is not None:  # scaled by the worker: a small copy, a small paint
            image = frame_to_image(preview.thumbnail)
            outline_codes(image, preview, preview.scale)
        else:
            image = frame_to_image(preview.frame)
            outline_codes(image, preview)
            image = image.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.FastTransformation)
        self.last_image = image
        self.picture.setPixmap(QPixmap.fromImage(image))
        if preview.codes:
            self.caption.setText(", ".join(code.text for code in preview.codes))

    def shutdown(self) -> None:
        self.set_running(False)
        for stopper in self._stoppers:  # at exit the camera is released before the process ends
            stopper.join()
        self._stoppers.clear()
