"""The window's status bar shows the point link beside the platform's: connected, isolated, conflicts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import SystemClock
from pvzdesk.i18n import set_language
from pvzdesk.settings import PointSettings, Settings, save_settings
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.status_bar import CounterStatusBar
from tests.point.proxy import LinkProxy


@pytest.fixture
def desk(tmp_path: Path, point_db: str, proxy: LinkProxy) -> Iterator[AppContext]:
    set_language("en")
    save_settings(
        tmp_path / "settings.toml",
        Settings(
            sounds=False,
            language="en",
            point=PointSettings(database_url=proxy.url(point_db), desk_name="1"),
        ),
    )
    context = open_app(tmp_path, clock=SystemClock())
    try:
        yield context
    finally:
        context.close()
        set_language(None)


def test_the_point_link_is_shown_beside_the_platform(
    desk: AppContext, proxy: LinkProxy, qtbot: QtBot
) -> None:
    assert desk.point is not None
    ctx = UiContext(desk)
    bar = CounterStatusBar(ctx)
    qtbot.addWidget(bar)
    try:
        desk.point.interval_s = 0.1
        desk.point.start()
        qtbot.waitUntil(lambda: bar.point_label.text() == "Point: connected", timeout=30_000)
        assert bar.point_label.isVisibleTo(bar)
        proxy.cut()
        desk.point.wake()
        qtbot.waitUntil(lambda: "Point: isolated" in bar.point_label.text(), timeout=30_000)
        proxy.restore()
        qtbot.waitUntil(lambda: bar.point_label.text() == "Point: connected", timeout=30_000)
    finally:
        ctx.shutdown()


def test_no_point_label_for_a_desk_on_its_own(tmp_path: Path, qtbot: QtBot) -> None:
    save_settings(tmp_path / "settings.toml", Settings(sounds=False, language="en"))
    with open_app(tmp_path, clock=SystemClock()) as alone:
        assert alone.point is None
        ctx = UiContext(alone)
        bar = CounterStatusBar(ctx)
        qtbot.addWidget(bar)
        try:
            assert bar.point_text() == "" and not bar.point_label.isVisibleTo(bar)
        finally:
            ctx.shutdown()
