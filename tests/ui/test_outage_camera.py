"""Through an outage (status bar, banner) and with a virtual camera feeding the Выдача screen."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta

import numpy as np
import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.scanning import VirtualCamera
from pvzdesk.scanning.labels import parcel_label
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import Changes, UiContext
from pvzdesk.ui.main_window import RECONCILE_INDEX, MainWindow
from pvzdesk.ui.platform_link import BacklogWatcher, PlatformLink
from pvzdesk.ui.screens.counter_widgets import READY
from pvzdesk.ui.screens.issue import IssueScreen
from pvzdesk.ui.status import DeviceState, PlatformState, PlatformStatus
from tests.ui.conftest import add_manifest, posting, wedge

P = "0132112277-0101-1"
UPPER, LOWER = "%101%AB12CD34", "123456789012345"


class MonitorState:
    def __init__(self, state: str, detail: str = "") -> None:
        self.state = state
        self.detail = detail


def test_outage_banner_status_bar_and_recovery(
    window: MainWindow, app: AppContext, clock: FixedClock, qtbot: QtBot
) -> None:
    link = PlatformLink(window.ctx)
    BacklogWatcher(window.ctx, interval_ms=10)
    add_manifest(app, [posting(P)])
    link.report(MonitorState("online"))
    qtbot.waitUntil(lambda: window.ctx.status.platform.state is PlatformState.ONLINE)
    assert window.banner.isHidden()
    # The monitor reports from its own thread; the GUI learns it through the queued signal.
    thread = threading.Thread(target=link.report, args=(MonitorState("offline", "timeout"),))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: window.banner.mode == "offline")
    assert window.banner.isVisible()
    assert "offline" in window.banner.text.text()
    clock.advance(timedelta(seconds=42))
    window.status.refresh()
    assert "OFFLINE for 00:42" in window.status.platform_label.text()
    # Offline work goes on: a scan is written and counted as waiting to reconcile (a partner
    # point: what was done during the incident the monitor journaled must be re-entered).
    app.incidents.start("timeout")
    app.counter.receive([P])
    window.ctx.announce(Changes(sync=True))
    qtbot.waitUntil(lambda: window.ctx.status.waiting == 1, timeout=5000)
    assert "To reconcile: 1" in window.status.waiting_label.text()
    link.report(PlatformStatus(PlatformState.ONLINE, clock.now()))
    qtbot.waitUntil(lambda: window.banner.mode == "recovered")
    assert "1 operations" in window.banner.text.text()
    window.banner.reconcile_button.click()
    assert window.stack.currentIndex() == RECONCILE_INDEX
    assert window.banner.isHidden()
    screen = window.screens[RECONCILE_INDEX]
    # «Сверить сейчас» starts the run (a partner point's screen is its re-entry list).
    assert screen.adapter == "reentry" or screen.run_job is not None  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: not window.ctx.busy, timeout=20_000)


def test_typing_in_a_field_is_not_a_scan(window: MainWindow, qtbot: QtBot) -> None:
    field = QLineEdit(window.active_screen)
    field.show()
    field.setFocus()
    scans: list[object] = []
    window.scan_input.scanned.connect(scans.append)
    qtbot.keyClicks(field, "A-17 shelf", delay=60)
    qtbot.wait(60)
    assert field.text() == "A-17 shelf"
    wedge(qtbot, field, P)  # a burst into the same field is a scan, not text
    assert field.text() == "A-17 shelf"
    assert len(scans) == 1


@pytest.fixture
def camera(app: AppContext) -> Iterator[VirtualCamera]:
    label = parcel_label(P, UPPER, LOWER)
    frame = np.full((720, 1280, 3), 180, np.uint8)
    frame[10:710, 360:920] = label[:, :, None]
    yield VirtualCamera([frame], fps=15)


@pytest.fixture
def camera_window(ctx: UiContext, camera: VirtualCamera, qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(ctx, camera_source=lambda: camera)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.camera.shutdown()
    main.scan_input.uninstall()


def test_virtual_camera_frames_scan_a_parcel_and_show_outlines(
    camera_window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(P, barcodes=(UPPER, LOWER))])
    app.counter.receive([P])
    window = camera_window
    screen = window.active_screen
    assert isinstance(screen, IssueScreen)
    window.camera_action.setChecked(True)
    qtbot.waitUntil(lambda: window.ctx.status.camera is DeviceState.READY, timeout=10000)
    qtbot.waitUntil(lambda: screen.table.rowCount() == 1, timeout=10000)
    qtbot.waitUntil(lambda: screen.table.row_colours(0) == READY, timeout=10000)
    assert window.camera.last_image is not None
    assert window.camera.picture.pixmap() is not None
    before = app.store.journal.count()
    screen.photo_box.setChecked(True)
    screen.confirm()
    qtbot.waitUntil(lambda: not screen.saving)
    issued = next(app.store.journal.entries(EntryFilter(kinds=(EntryKind.ISSUE,))))
    assert issued.posting == P
    # The photo is referenced by an evidence entry in the hand-over's own transaction.
    qtbot.waitUntil(lambda: app.store.journal.count() == before + 2, timeout=10000)
    evidence = next(app.store.journal.entries(EntryFilter(kinds=(EntryKind.EVIDENCE,))))
    assert evidence.payload["of_entry_id"] == issued.entry_id
    assert (app.paths.evidence / str(evidence.payload["file"])).exists()
    window.camera_action.setChecked(False)
    assert window.ctx.status.camera is DeviceState.OFF


def test_camera_stops_off_the_gui_thread(
    camera_window: MainWindow, app: AppContext, qtbot: QtBot
) -> None:
    window = camera_window
    window.camera_action.setChecked(True)
    qtbot.waitUntil(lambda: window.ctx.status.camera is DeviceState.READY, timeout=10000)
    worker = window.camera.worker
    assert worker is not None
    window.camera_action.setChecked(False)  # F9: the window goes on at once...
    assert window.camera.worker is None and window.ctx.status.camera is DeviceState.OFF
    stoppers = list(window.camera._stoppers)
    assert stoppers and all(s is not threading.current_thread() for s in stoppers)
    window.camera.shutdown()  # ...and at exit the release is waited for
    assert not any(s.is_alive() for s in stoppers)
