"""Camera and virtual camera run by the capture worker: reads, preview, unplug and replug."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import cv2
import numpy as np
import pytest

from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.errors import ScanningError
from pvzdesk.scanning.camera import CameraDevice, list_cameras
from pvzdesk.scanning.capture import (
    CameraState,
    CameraStatus,
    CaptureStats,
    CaptureWorker,
    Preview,
)
from pvzdesk.scanning.virtual_camera import VirtualCamera
from tests.scanning.labels import Sample

WAIT = 20.0  # generous: these waits end as soon as the condition holds; nothing here is timed


def in_state(state: CameraState) -> Callable[[CameraStatus, Preview | None], bool]:
    return lambda status, _preview: status.state is state


def test_virtual_camera_reads_each_showing_once(clean_samples: list[Sample]) -> None:
    statuses: list[CameraStatus] = []
    callback_reads: list[ScanRead] = []
    # One pass, slow enough that each image is shown for several frames: each code is read once.
    frames = [s.image for s in clean_samples[:3] for _ in range(4)]
    camera = VirtualCamera(frames, fps=30, loop=False)
    worker = CaptureWorker(
        camera, forget_after=60, on_read=callback_reads.append, on_status=statuses.append
    )
    with worker:
        assert worker.wait_for(in_state(CameraState.FINISHED), WAIT)
    reads = worker.take_reads()
    expected = [code.raw for sample in clean_samples[:3] for code in sample.codes]
    assert sorted(r.raw_bytes for r in reads) == sorted(expected)
    assert [r.raw_bytes for r in callback_reads] == [r.raw_bytes for r in reads]
    assert all(r.source is ScanSource.CAMERA for r in reads)
    assert [s.state for s in statuses] == [
        CameraState.CONNECTING,
        CameraState.RUNNING,
        CameraState.FINISHED,
    ]
    preview = worker.latest_preview()
    assert preview is not None and preview.number == len(frames)
    assert {c.raw_bytes for c in preview.codes} == {c.raw for c in clean_samples[2].codes}
    assert worker.take_reads() == []


def test_folder_playback_loops(label_folder: Path, clean_samples: list[Sample]) -> None:
    worker = CaptureWorker(VirtualCamera(label_folder, fps=0, loop=True), forget_after=0)
    with worker:
        assert worker.wait_for(lambda _s, p: p is not None and p.number >= 7, WAIT)
        assert worker.status().state is CameraState.RUNNING
    assert worker.status().state is CameraState.STOPPED
    texts = {r.raw_bytes for r in worker.take_reads()}
    assert texts == {code.raw for sample in clean_samples[:3] for code in sample.codes}


def test_unplug_is_reported_and_reads_resume_after_replug(
    label_folder: Path, clean_samples: list[Sample]
) -> None:
    camera = VirtualCamera(label_folder, fps=50, loop=True)
    statuses: list[CameraStatus] = []
    worker = CaptureWorker(
        camera, forget_after=0.001, reconnect_interval=0.05, on_status=statuses.append
    )
    with worker:
        assert worker.wait_for(lambda _s, p: p is not None and p.number >= 3, WAIT)
        camera.unplug()
        assert worker.wait_for(in_state(CameraState.LOST), WAIT)
        status = worker.status()
        assert isinstance(status.error, ScanningError) and status.message
        worker.take_reads()
        frames_when_lost = _number(worker.latest_preview())
        # Still unplugged: opening fails, the worker keeps trying and stays LOST.
        assert not worker.wait_for(in_state(CameraState.RUNNING), 0.3)
        assert _number(worker.latest_preview()) == frames_when_lost
        camera.replug()
        assert worker.wait_for(in_state(CameraState.RUNNING), WAIT)
        assert worker.wait_for(lambda _s, p: _number(p) >= frames_when_lost + 3, WAIT)
    assert worker.take_reads(), "reads resume after the camera is back"
    states = [s.state for s in statuses]
    lost = states.index(CameraState.LOST)
    assert CameraState.RUNNING in states[lost:]
    # A retry failing the same way is not reported again and again.
    assert states.count(CameraState.LOST) <= 2


def _number(preview: Preview | None) -> int:
    return preview.number if preview is not None else 0


def test_video_file_plays_like_a_camera(tmp_path: Path, clean_samples: list[Sample]) -> None:
    video_path = tmp_path / "counter.avi"
    writer = cv2.VideoWriter(str(video_path), cv2.VideoWriter.fourcc(*"MJPG"), 10, (1280, 720))
    assert writer.isOpened()
    for sample in clean_samples[:2]:
        for _ in range(3):
            writer.write(sample.image)
    writer.release()
    worker = CaptureWorker(VirtualCamera(video_path, fps=0, loop=False), forget_after=60)
    with worker:
        assert worker.wait_for(in_state(CameraState.FINISHED), WAIT)
    got = {r.raw_bytes for r in worker.take_reads()}
    assert got == {code.raw for sample in clean_samples[:2] for code in sample.codes}


def test_empty_folder_is_a_clear_error(tmp_path: Path, russian: None) -> None:
    camera = VirtualCamera(tmp_path, fps=0)
    with pytest.raises(ScanningError, match="нечего показывать"):
        camera.open()
    worker = CaptureWorker(camera, reconnect_interval=0.05)
    with worker:
        assert worker.wait_for(in_state(CameraState.LOST), WAIT)
        assert "нечего показывать" in worker.status().message


def test_missing_camera_index_is_a_clear_russian_error(russian: None) -> None:
    with pytest.raises(ScanningError) as caught:
        CameraDevice(97).open()
    message = str(caught.value)
    assert "Камера 97 не найдена" in message or "занята" in message
    assert "камер" in message.lower()


def test_missing_camera_path_is_not_found(tmp_path: Path, russian: None) -> None:
    with pytest.raises(ScanningError, match="не найдена"):
        CameraDevice(str(tmp_path / "video99")).open()


def test_a_file_that_is_no_camera_is_reported_as_unusable(tmp_path: Path, russian: None) -> None:
    not_a_camera = tmp_path / "notes.txt"
    not_a_camera.write_text("hello")
    with pytest.raises(ScanningError, match="не удаётся открыть"):
        CameraDevice(str(not_a_camera)).open()


def test_worker_with_a_missing_camera_reports_and_never_blocks_the_caller(russian: None) -> None:
    statuses: list[CameraStatus] = []
    worker = CaptureWorker(CameraDevice(97), reconnect_interval=0.05, on_status=statuses.append)
    worker.start()  # returns at once; the camera is opened by the worker
    try:
        assert worker.wait_for(in_state(CameraState.LOST), WAIT)
        assert worker.take_reads() == [] and worker.latest_preview() is None
        assert "97" in worker.status().message
    finally:
        worker.stop()
    assert worker.status().state is CameraState.STOPPED
    assert [s.state for s in statuses][:2] == [CameraState.CONNECTING, CameraState.LOST]


def test_list_cameras_does_not_fail() -> None:
    cameras = list_cameras()
    assert all(camera.index >= 0 and camera.name for camera in cameras)


def test_a_bug_in_a_callback_stops_the_worker_with_a_message(
    label_folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_read: ScanRead) -> None:
        raise RuntimeError("bug in the GUI glue")

    worker = CaptureWorker(VirtualCamera(label_folder, fps=0), on_read=broken)
    with worker:
        assert worker.wait_for(in_state(CameraState.FAILED), WAIT)
    assert worker.status().message
    assert any("capture worker" in record.message for record in caplog.records)


def test_stop_from_another_thread_while_running(label_folder: Path) -> None:
    worker = CaptureWorker(VirtualCamera(label_folder, fps=5))
    worker.start()
    assert worker.wait_for(in_state(CameraState.RUNNING), WAIT)
    stopper = threading.Thread(target=worker.stop)
    stopper.start()
    stopper.join(WAIT)
    assert not stopper.is_alive()
    assert worker.status().state is CameraState.STOPPED


class GatedDecoder:
    """Finds nothing; each decode waits until the test opens the gate, and notes which frame it saw."""

    name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.seen: list[int] = []
        self.started = threading.Event()

    def decode(
        self, image: np.ndarray, *, time: datetime, source: ScanSource = ScanSource.CAMERA
    ) -> list[ScanRead]:
        self.seen.append(int(image[0, 0, 0]) * 256 + int(image[0, 0, 1]))
        self.started.set()
        assert self.gate.wait(WAIT)
        return []


def poll(condition: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


def numbered_frames(count: int) -> list[np.ndarray]:
    frames = []
    for n in range(count):
        frame = np.zeros((48, 64, 3), np.uint8)
        frame[0, 0, 0], frame[0, 0, 1] = divmod(n, 256)
        frames.append(frame)
    return frames


def test_a_live_camera_s_frames_are_dropped_not_queued_while_a_decode_is_slow() -> None:
    decoder = GatedDecoder()
    worker = CaptureWorker(VirtualCamera(numbered_frames(1000), fps=200, live=True), decoder)
    with worker:
        assert decoder.started.wait(WAIT)  # the first frame's decode is held at the gate
        assert poll(lambda: worker.stats().read >= decoder.seen[0] + 12)
        read_while_held = worker.stats().read
        decoder.gate.set()
        assert worker.wait_for(lambda _s, p: p is not None and p.number >= 2, WAIT)
    stats = worker.stats()
    # The frames that came while the first decode was held were not kept for later: the second
    # decode saw a frame at least as new as the last of them (frames are numbered from 0 in the
    # order read), and they were counted as dropped. Which frame the first decode got depends on
    # when the decoding thread started: a newer one may have replaced frame 0 already.
    first, second = decoder.seen[:2]
    assert second >= read_while_held - 1
    assert second - first >= 10
    assert stats.dropped >= 10
    assert stats.read == stats.decoded + stats.dropped


def test_a_recording_is_decoded_frame_by_frame_however_slow() -> None:
    decoder = GatedDecoder()
    decoder.gate.set()
    worker = CaptureWorker(VirtualCamera(numbered_frames(30), fps=200, loop=False), decoder)
    with worker:
        assert worker.wait_for(in_state(CameraState.FINISHED), WAIT)
    assert decoder.seen == list(range(30))
    assert worker.stats() == CaptureStats(read=30, decoded=30, dropped=0)


def test_the_preview_comes_scaled_to_the_width_asked_for(clean_samples: list[Sample]) -> None:
    frame = clean_samples[0].image
    worker = CaptureWorker(VirtualCamera([frame], fps=0, loop=False), preview_width=320)
    with worker:
        assert worker.wait_for(in_state(CameraState.FINISHED), WAIT)
    preview = worker.latest_preview()
    assert preview is not None and preview.thumbnail is not None
    assert preview.thumbnail.shape[1] == 320
    assert preview.thumbnail.shape[0] == round(frame.shape[0] * 320 / frame.shape[1])
    assert preview.scale == 320 / frame.shape[1]
    assert preview.frame is frame  # the full frame stays for a hand-over photo


class SkippingCamera(VirtualCamera):
    """A live camera that can pass over a frame without converting it, like a real one."""

    def __init__(self, frames: list[np.ndarray]) -> None:
        super().__init__(frames, fps=200, live=True)
        self.converted = 0
        self.skips = 0

    def read(self) -> np.ndarray | None:
        self.converted += 1
        return super().read()

    def skip(self) -> bool:
        self.skips += 1
        return super().read() is not None


def test_a_camera_passes_over_frames_while_the_decoder_is_busy() -> None:
    decoder = GatedDecoder()
    camera = SkippingCamera(numbered_frames(1000))
    worker = CaptureWorker(camera, decoder)
    with worker:
        assert decoder.started.wait(WAIT)
        assert poll(lambda: camera.skips >= 10)
        decoder.gate.set()
        assert worker.wait_for(lambda _s, p: p is not None and p.number >= 2, WAIT)
    stats = worker.stats()
    assert decoder.seen[1] >= 11  # a frame taken after the held decode, not one from before
    # Only frames the decoder was ready for were converted; the rest were passed over.
    assert camera.converted <= stats.decoded + 2
    assert stats.dropped >= camera.skips >= 10
