"""Switching the camera on: OpenCV loads off the GUI thread, the GUI gets a preview-sized copy."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

import pvzdesk.ui.camera_view as camera_view
from pvzdesk.scanning import VirtualCamera
from pvzdesk.scanning.labels import parcel_label
from pvzdesk.ui.camera_view import PREVIEW_WIDTH, CameraView
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.status import DeviceState

P = "0132112277-0101-1"


def test_the_camera_s_modules_load_off_the_gui_thread_and_the_preview_comes_scaled(
    ctx: UiContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    label = parcel_label(P, "%101%AB12CD34", "123456789012345")
    frame = np.full((720, 1280, 3), 180, np.uint8)
    frame[10:710, 360:920] = label[:, :, None]
    loaded_in: list[threading.Thread] = []
    load = camera_view._load_camera_modules

    def spy() -> None:
        loaded_in.append(threading.current_thread())
        load()

    monkeypatch.setattr(camera_view, "_load_camera_modules", spy)
    holder = (
        QWidget()
    )  # the window's place for it; a top-level preview would be a window of its own
    qtbot.addWidget(holder)
    view = CameraView(ctx, lambda: VirtualCamera([frame], fps=15, live=True), holder)
    scanned: list[object] = []
    view.scanned.connect(scanned.append)
    view.set_running(True)
    try:
        assert view.running and view.worker is None  # the worker starts once the modules are in
        qtbot.waitUntil(lambda: ctx.status.camera is DeviceState.READY, timeout=20000)
        qtbot.waitUntil(lambda: view.last_image is not None and bool(scanned), timeout=20000)
        assert loaded_in and loaded_in[0] is not threading.main_thread()
        image = view.last_image
        assert image is not None and image.width() == PREVIEW_WIDTH  # the worker's small copy
        full = view.current_image()  # a hand-over photo still gets the whole frame
        assert full is not None and full.width() == 1280
    finally:
        view.shutdown()
    assert not view.running
