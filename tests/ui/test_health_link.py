"""The real health monitor in the window: built by ``build_window`` from the settings (or the
demo's), started, reflected in the status bar and banner online → offline → online against the
real simulator, and closed at shutdown."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.sync.health import HealthMonitor, HealthSnapshot, HealthState
from pvzdesk.ui.app import build_window
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.platform_link import MonitorHandle
from pvzdesk.ui.status import PlatformState
from tests.ui.conftest import add_manifest, posting

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

P = "0132112277-0101-1"
SLOW = 3600.0  # the loop probes once at start; the test drives the rounds after that


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    sim = Simulator(seed=3, postings=5)
    sim.start()
    try:
        yield sim
    finally:
        sim.stop()


def open_point(data_dir: Path, clock: FixedClock, platform: PlatformSettings) -> AppContext:
    save_settings(
        data_dir / "settings.toml", Settings(sounds=False, language="en", platform=platform)
    )
    return open_app(data_dir, clock=clock)


def started(window: MainWindow) -> HealthMonitor:
    handle = window.health  # type: ignore[attr-defined]
    assert isinstance(handle, MonitorHandle)
    assert handle.wait_started(10)
    assert isinstance(handle.monitor, HealthMonitor)
    return handle.monitor


def show(app: AppContext, qtbot: QtBot, **options: object) -> tuple[UiContext, MainWindow]:
    ctx, window = build_window(app, **options)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return ctx, window


def test_partner_point_online_offline_online(
    tmp_path: Path, clock: FixedClock, english: None, simulator: Simulator, qtbot: QtBot
) -> None:
    platform = PlatformSettings(
        adapter="reentry",
        login_probe_url=simulator.base_url + "/login",
        probe_interval_s=SLOW,
        probe_timeout_s=1.0,
    )
    app = open_point(tmp_path, clock, platform)
    ctx, window = show(app, qtbot)  # app.services.reconcile.health_monitor()
    try:
        monitor = started(window)
        qtbot.waitUntil(lambda: ctx.status.platform.state is PlatformState.ONLINE, timeout=5000)
        assert "online" in window.status.platform_label.text()
        assert window.banner.isHidden()

        simulator.set_outage(True)
        for _ in range(3):  # three failures in a row: offline, incident journaled
            snapshot = monitor.probe_round(app.incidents)
        assert snapshot.state is HealthState.OFFLINE
        qtbot.waitUntil(lambda: window.banner.mode == "offline", timeout=5000)
        assert ctx.status.platform.since == snapshot.offline_since
        assert app.incidents.open_incident() is not None
        clock.advance(timedelta(minutes=3, seconds=5))
        window.status.refresh()
        assert "OFFLINE for 03:05" in window.status.platform_label.text()
        monitor.probe_round(app.incidents)  # still down: the time keeps counting from the start
        qtbot.wait(50)
        window.status.refresh()
        assert "OFFLINE for 03:05" in window.status.platform_label.text()

        add_manifest(app, [posting(P)])
        ctx.perform(lambda counter: counter.receive([P]), origin="test")
        qtbot.waitUntil(lambda: ctx.status.waiting == 1, timeout=5000)

        simulator.set_outage(False)
        assert monitor.probe_round(app.incidents).state is HealthState.DEGRADED  # recovering
        assert monitor.probe_round(app.incidents).state is HealthState.ONLINE
        qtbot.waitUntil(lambda: window.banner.mode == "recovered", timeout=5000)
        assert "1 operations" in window.banner.text.text()
        assert app.incidents.open_incident() is None
    finally:
        window.close()
        ctx.shutdown()
        app.close()
    assert monitor._thread is None  # closed by ctx.shutdown: the probing thread is gone


def test_a_refused_key_is_shown_not_an_outage(
    tmp_path: Path,
    clock: FixedClock,
    english: None,
    simulator: Simulator,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PVZDESK_CLIENT_ID", simulator.client_id)
    monkeypatch.setenv("PVZDESK_API_KEY", "not-the-key")
    platform = PlatformSettings(
        adapter="ozon_seller",
        seller_api_url=simulator.base_url,
        probe_interval_s=SLOW,
        probe_timeout_s=1.0,
    )
    app = open_point(tmp_path, clock, platform)
    ctx, window = show(app, qtbot)
    try:
        started(window)
        qtbot.waitUntil(lambda: ctx.status.platform.key_problem, timeout=5000)
        assert ctx.status.platform.state is PlatformState.ONLINE
        assert "key is refused" in window.status.platform_label.text()
        assert window.banner.isHidden()
    finally:
        window.close()
        ctx.shutdown()
        app.close()


class Demo:
    """What ``pvzdesk.demo.DemoEnvironment`` offers the window, over the real simulator."""

    def __init__(self, simulator: Simulator) -> None:
        self.simulator = simulator

    def cut_platform(self) -> None:
        self.simulator.set_outage(True)

    def restore_platform(self) -> None:
        self.simulator.set_outage(False)

    def camera_source(self) -> object:
        raise AssertionError("the camera is not switched on here")


def test_the_demo_monitor_is_started_and_closed(
    app: AppContext, simulator: Simulator, qtbot: QtBot
) -> None:
    # The demo's settings name its simulator; the monitor is the one every door gets.
    login = simulator.base_url + "/login"
    platform = PlatformSettings(login_probe_url=login, probe_interval_s=1.0, probe_timeout_s=1.0)
    app.apply_settings(replace(app.settings, platform=platform))
    demo = Demo(simulator)
    ctx, window = show(app, qtbot, demo=demo)
    try:
        monitor = started(window)
        assert [target.url for target in monitor.targets] == [login]
        state = lambda: ctx.status.platform.state  # noqa: E731
        qtbot.waitUntil(lambda: state() is PlatformState.ONLINE, timeout=20_000)
        window.demo_actions[0].trigger()  # type: ignore[attr-defined]  # «Cut the platform»
        qtbot.waitUntil(lambda: state() is PlatformState.OFFLINE, timeout=20_000)
        window.demo_actions[1].trigger()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: state() is PlatformState.ONLINE, timeout=20_000)
    finally:
        window.close()
        ctx.shutdown()
    assert monitor._thread is None


def test_an_incident_not_yet_journaled_shows_in_the_status_bar(
    app: AppContext, clock: FixedClock, qtbot: QtBot
) -> None:
    ctx, window = show(app, qtbot, monitor=None)
    try:
        link = window.platform_link  # type: ignore[attr-defined]
        pending = HealthSnapshot(
            state=HealthState.OFFLINE, offline_since=clock.now(), incident_pending=True
        )
        link.report(pending)
        qtbot.waitUntil(lambda: ctx.status.platform.incident_pending, timeout=5000)
        window.status.refresh()
        assert "not journaled yet" in window.status.platform_label.text()
        link.report(replace(pending, incident_pending=False))
        qtbot.waitUntil(lambda: not ctx.status.platform.incident_pending, timeout=5000)
        window.status.refresh()
        assert "not journaled" not in window.status.platform_label.text()
    finally:
        window.close()
        ctx.shutdown()
