"""The warm manifest in the window: an ``ozon_seller`` point lists its parcels in the background
and the status bar says how old the list is («список от 14:02»); an old list is a warning."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.ui.app import build_window
from pvzdesk.ui.platform_link import ManifestFeedHandle

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def simulator(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> Iterator[Simulator]:
    # The postings' dates around the counter's (fixed) today, as a real platform's would be.
    with Simulator(seed=3, postings=30, method_limits={}, base_time=clock.now()) as sim:
        monkeypatch.setenv("PVZDESK_CLIENT_ID", sim.client_id)
        monkeypatch.setenv("PVZDESK_API_KEY", sim.api_key)
        yield sim


def test_the_status_bar_shows_how_old_the_platform_list_is(
    tmp_path: Path, clock: FixedClock, english: None, simulator: Simulator, qtbot: QtBot
) -> None:
    platform = PlatformSettings(
        adapter="ozon_seller", seller_api_url=simulator.base_url, manifest_warn_after_min=30
    )
    save_settings(
        tmp_path / "settings.toml", Settings(sounds=False, language="en", platform=platform)
    )
    app = open_app(tmp_path, clock=clock)
    ctx, window = build_window(app, monitor=None, feed=True)
    qtbot.addWidget(window)
    try:
        assert isinstance(window.feed, ManifestFeedHandle)  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: ctx.status.manifest_listed_at is not None, timeout=30_000)
        window.status.refresh()
        label = window.status.manifest_label
        shown = clock.now().astimezone().strftime("%H:%M")
        assert label.text() == f"list of {shown}"
        assert "f9a825" not in label.styleSheet()
        assert app.store.postings.manifest_count() > 0  # filled by itself, nobody imported
        clock.advance(timedelta(minutes=31))
        window.status.refresh()
        assert "f9a825" in label.styleSheet()  # an old list is a warning
        assert "old" in label.toolTip()
    finally:
        window.close()
        ctx.shutdown()
        app.close()
