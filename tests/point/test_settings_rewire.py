"""Настройки → the point link is rebuilt at once: none → a point database (claims work, the status
bar shows the link), then empty again (the desk is on its own). Real PostgreSQL, real Qt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import SystemClock
from pvzdesk.domain.rules import FindingCode
from pvzdesk.domain.state import PostingStatus
from pvzdesk.i18n import set_language
from pvzdesk.services.results import OpResult
from pvzdesk.settings import Settings, load_settings, save_settings
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.screens.settings import SettingsScreen
from pvzdesk.ui.status_bar import CounterStatusBar
from tests.point.conftest import open_desk
from tests.point.pg import Cluster

P1, P2 = "0132112277-0101-1", "0132112277-0101-2"

# The offscreen platform cannot size a window the way a real one does; nothing is wrong.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def desk_two(tmp_path: Path) -> Iterator[AppContext]:
    """A desk that starts on its own: no point database in its settings."""
    set_language("en")
    folder = tmp_path / "desk-2"
    folder.mkdir()
    save_settings(
        folder / "settings.toml", Settings(sounds=False, language="en", operator="Петров")
    )
    context = open_app(folder, clock=SystemClock())
    try:
        yield context
    finally:
        context.close()
        set_language(None)


def claims(url: str) -> list[tuple[str, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT posting, desk_name FROM claims ORDER BY posting").fetchall()
    return [(str(posting), str(desk)) for posting, desk in rows]


def test_a_new_point_database_in_settings_takes_effect_without_a_restart(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, desk_two: AppContext, qtbot: QtBot
) -> None:
    url = pg_cluster.url(point_db)
    ctx = UiContext(desk_two)
    screen = SettingsScreen(ctx)
    bar = CounterStatusBar(ctx)
    qtbot.addWidget(screen)
    qtbot.addWidget(bar)
    try:
        desk_two.start_point()  # as the window does: nothing to start yet
        assert desk_two.point is None and bar.point_text() == ""
        with open_desk(tmp_path, "1", url, operator="Иванова") as one:
            assert one.point is not None
            one.counter.receive([P1, P2])
            one.point.sync_once(one.store)

            screen.point_url.setText(url)
            screen.desk_name.setText("2")
            screen.save()
            assert "rebuilt" in screen.message.text()
            saved = load_settings(desk_two.paths.settings)
            assert (saved.point.database_url, saved.point.desk_name) == (url, "2")
            desk = desk_two.point
            assert desk is not None and desk.point.configured
            desk.interval_s = 0.1
            # the new link runs in the background: connected, and desk 1's parcels pulled
            qtbot.waitUntil(lambda: bar.point_text() == "Point: connected", timeout=30_000)
            qtbot.waitUntil(
                lambda: desk_two.counter.picture(P1).status is PostingStatus.IN_STORAGE,
                timeout=30_000,
            )
            # the scan writer's counter (another thread, built before the change) claims now
            results: list[OpResult] = []
            ctx.perform(lambda counter: counter.issue([P1]), on_done=results.append)
            qtbot.waitUntil(lambda: bool(results), timeout=30_000)
            assert results[0].entries and not results[0].findings
            assert claims(url) == [(P1, "2")]
            lost = one.counter.issue([P1])  # desk 1 has not pulled it yet: the claim refuses
            assert not lost.entries
            assert lost.findings[0].code is FindingCode.CLAIMED_ELSEWHERE
            assert lost.findings[0].params["desk"] == "2"

            # emptied: the desk is on its own again, at once
            screen.point_url.setText("")
            screen.save()
            assert "on its own" in screen.message.text()
            assert desk_two.point is None
            assert desk._thread is None  # the old link was stopped, not left running beside
            qtbot.waitUntil(lambda: not bar.point_label.isVisibleTo(bar), timeout=5_000)
            desk_two.counter.receive([P2])  # its own journal: P2 was never received here
            issued = desk_two.counter.issue([P2])
            assert issued.entries and not issued.findings
            assert claims(url) == [(P1, "2")]  # no claim asked: a desk on its own
            assert desk_two.counter.picture(P1).status is PostingStatus.ISSUED  # its own entry
    finally:
        ctx.shutdown()
