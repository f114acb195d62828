"""Start-up upkeep in the DB worker: the integrity check after the window is up, a backup, and a
damaged journal shown as a red banner that refuses every scan (never a traceback)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.errors import StorageError
from pvzdesk.settings import Settings, save_settings
from pvzdesk.ui.app import build_window
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.issue import IssueScreen
from pvzdesk.ui.screens.receive import ReceiveScreen
from pvzdesk.ui.upkeep import start_upkeep
from tests.ui.conftest import add_manifest, posting, wedge

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def damage(data_dir: Path, clock: FixedClock) -> None:
    """Fill a journal, then overwrite some of its pages the way a failing disk would."""
    save_settings(data_dir / "settings.toml", Settings(sounds=False, language="en"))
    with open_app(data_dir, clock=clock) as app:
        app.counter.receive([f"0132{n:06d}-0101-1" for n in range(300)])
        app.store.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = data_dir / "journal.sqlite"
    content = bytearray(path.read_bytes())
    page = 4096
    # Pages deep in the file: it still opens (no quick_check at start), the check finds them.
    for offset in range(8 * page + 100, 10 * page, 7):
        content[offset] = 0xFF
    path.write_bytes(bytes(content))


@pytest.fixture
def damaged(tmp_path: Path, clock: FixedClock, english: None) -> Iterator[AppContext]:
    damage(tmp_path, clock)
    with pytest.raises(StorageError):  # what start-up used to do: a box, then exit
        open_app(tmp_path, clock=clock).close()
    context = open_app(tmp_path, clock=clock, check_integrity=False)  # what it does now
    try:
        yield context
    finally:
        context.close()


def window_for(app: AppContext, qtbot: QtBot) -> tuple[UiContext, MainWindow]:
    ctx, window = build_window(app, monitor=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return ctx, window


def test_a_damaged_journal_turns_the_window_red_and_refuses_scans(
    damaged: AppContext, qtbot: QtBot
) -> None:
    ctx, window = window_for(damaged, qtbot)
    try:
        start_upkeep(ctx)
        qtbot.waitUntil(lambda: ctx.fault is not None, timeout=10_000)
        assert window.banner.isVisible() and window.banner.mode == "fault"
        banner = window.banner.text.text()
        assert "damaged" in banner and "backup" in banner  # the message and what to do
        assert window.banner.dismiss_button.isHidden()
        assert not list(damaged.paths.backups.glob("*.sqlite"))  # a damaged file is not backed up

        # Receiving: the scan is refused on the screen, in red, and nothing is written.
        window.show_screen(1)
        receive = window.active_screen
        assert isinstance(receive, ReceiveScreen)
        count = damaged.store.journal.count()
        wedge(qtbot, window, "0132112299-0101-1")
        qtbot.waitUntil(lambda: "NOT recorded" in receive.verdict.text())
        assert "damaged" in receive.verdict.text()
        assert damaged.store.journal.count() == count
        assert "NOT recorded" in window.status.note_label.text()

        # Any other path to a write is refused too: the error comes back, nothing is written.
        errors: list[BaseException] = []
        ctx.perform(lambda counter: counter.receive(["0132112298-0101-1"]), on_error=errors.append)
        qtbot.waitUntil(lambda: bool(errors))
        assert isinstance(errors[0], StorageError) and "damaged" in str(errors[0])
        assert damaged.store.journal.count() == count

        # A later platform change does not hide the fault.
        window.platform_link.set_state(window.ctx.status.platform.state)  # type: ignore[attr-defined]
        assert window.banner.mode == "fault"
    finally:
        window.close()
        ctx.shutdown()


def test_a_sound_journal_is_checked_and_backed_up_after_start(
    app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting("0132112277-0101-1")])
    ctx, window = window_for(app, qtbot)
    try:
        done: list[object] = []
        job = start_upkeep(ctx)
        qtbot.waitUntil(lambda: job.finished, timeout=10_000)
        done.extend(app.paths.backups.glob("journal-*.sqlite"))
        assert len(done) == 1  # the first start of the day makes the rolling backup
        assert ctx.fault is None and window.banner.isHidden()
        window.show_screen(0)
        issue = window.active_screen
        assert isinstance(issue, IssueScreen)
        wedge(qtbot, window, "0132112277-0101-1")
        assert "NOT recorded" not in issue.verdict.text()
    finally:
        window.close()
        ctx.shutdown()


def test_the_upkeep_runs_in_a_child_process_that_closing_the_window_stops(
    app: AppContext, qtbot: QtBot
) -> None:
    add_manifest(app, [posting("0132112277-0101-1")])
    ctx, window = window_for(app, qtbot)
    upkeep = start_upkeep(ctx, delay_ms=0)  # starts at the next turn of the event loop
    pids: list[int] = []
    upkeep.process.started.connect(lambda: pids.append(upkeep.process.processId()))
    qtbot.waitUntil(lambda: bool(pids), timeout=10_000)
    assert pids[0] not in (0, os.getpid())  # a process of its own, not a thread of the window
    window.close()
    ctx.shutdown()  # whether the child was mid-backup or done: it is gone, nothing half-written
    assert upkeep.finished
    assert upkeep.process.state() is QProcess.ProcessState.NotRunning
    assert [p.name for p in app.paths.backups.glob(".*")] == []  # no unfinished backup left
