"""Switching the camera on: OpenCV and the decoder load off the GUI thread, the GUI gets a
preview-sized copy, and the camera's reads reach the screen one a tick."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.domain.scan import ScanRead
from pvzdesk.errors import ScanningError
from pvzdesk.scanning import VirtualCamera, decoders
from pvzdesk.scanning.labels import parcel_label
from pvzdesk.ui.camera_view import PREVIEW_WIDTH, CameraView
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.status import DeviceState

P = "0132112277-0101-1"


def _label_frame() -> np.ndarray:
    """A 1280×720 frame with one parcel label; its marking code and its barcode read at once."""
    label = parcel_label(P, "%101%AB12CD34", "123456789012345")
    frame = np.full((720, 1280, 3), 180, np.uint8)
    frame[10:710, 360:920] = label[:, :, None]
    return frame


def _view(ctx: UiContext, qtbot: QtBot, frame: np.ndarray) -> tuple[CameraView, QWidget]:
    """The view, in the widget that holds it (the window's place for it: a top-level preview
    would be a window of its own); keep both."""
    holder = QWidget()
    qtbot.addWidget(holder)
    return CameraView(ctx, lambda: VirtualCamera([frame], fps=15, live=True), holder), holder


def test_the_camera_s_modules_and_decoder_come_off_the_gui_thread_and_the_preview_is_scaled(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    made_in: list[threading.Thread] = []
    make = decoders.make_decoder

    def spy(name: str = "zxing", **options: Any) -> decoders.DecoderChoice:
        made_in.append(threading.current_thread())
        return make(name, **options)

    monkeypatch.setattr(decoders, "make_decoder", spy)
    view, _holder = _view(ctx, qtbot, _label_frame())
    scanned: list[object] = []
    view.scanned.connect(scanned.append)
    view.set_running(True)
    try:
        assert view.running and view.worker is None  # the worker starts once the decoder is made
        qtbot.waitUntil(lambda: ctx.status.camera is DeviceState.READY, timeout=20000)
        qtbot.waitUntil(lambda: view.last_image is not None and bool(scanned), timeout=20000)
        assert made_in and made_in[0] is not threading.main_thread()
        image = view.last_image
        assert image is not None and image.width() == PREVIEW_WIDTH  # the worker's small copy
        full = view.current_image()  # a hand-over photo still gets the whole frame
        assert full is not None and full.width() == 1280
    finally:
        view.shutdown()
    assert not view.running


def test_codes_read_together_reach_the_screen_one_a_tick_and_none_is_lost_at_f9(
    ctx: UiContext, qtbot: QtBot
) -> None:
    """A label's codes come out of one frame together; the screen gets one per tick (each
    answered and painted before the next), and those still waiting when the camera goes off are
    handed over then, not dropped."""
    view, _holder = _view(ctx, qtbot, _label_frame())
    scanned: list[ScanRead] = []
    view.scanned.connect(scanned.append)
    view.set_running(True)
    try:
        qtbot.waitUntil(lambda: view.worker is not None, timeout=20000)
        view._timer.stop()  # the test turns the ticks itself from here on
        worker = view.worker
        assert worker is not None
        qtbot.waitUntil(lambda: worker.reads.qsize() >= 2, timeout=20000)
        view.poll()
        assert len(scanned) == 1
        view.set_running(False)  # the second was read and outlined: it still reaches the screen
        assert sorted(read.text for read in scanned) == ["%101%AB12CD34", "123456789012345"]
    finally:
        view.shutdown()


def test_no_decoder_at_all_is_said_on_the_preview_and_f9_turns_it_off(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(name: str = "zxing", **options: Any) -> decoders.DecoderChoice:
        raise ScanningError("Ни один декодер не загрузился.", hint="Переустановите программу.")

    monkeypatch.setattr(decoders, "make_decoder", refuse)
    view, _holder = _view(ctx, qtbot, _label_frame())
    view.set_running(True)
    qtbot.waitUntil(lambda: ctx.status.camera is DeviceState.UNAVAILABLE, timeout=20000)
    assert "Ни один декодер не загрузился." in view.caption.text()
    assert view.running and view.worker is None
    view.set_running(False)
    assert not view.running and ctx.status.camera is DeviceState.OFF
    view.shutdown()
