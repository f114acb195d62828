"""The framework: the window, screen switching, background jobs and the one ops_done signal."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from pvzdesk.errors import UsageError
from pvzdesk.ui.context import Changes, DbSession, JobControl, UiContext
from pvzdesk.ui.main_window import MainWindow


def test_window_title_and_eight_screens(window: MainWindow) -> None:
    assert window.windowTitle().startswith("pvzdesk")
    assert window.navigation.count() == 8


def test_db_job_runs_on_its_own_connection_and_announces(ctx: UiContext, qtbot: QtBot) -> None:
    results: list[int] = []
    seen: list[Changes] = []
    ctx.ops_done.connect(seen.append)

    def work(session: DbSession, control: JobControl) -> int:
        assert session.store.db.conn is not ctx.app.store.db.conn
        control.progress(1, 1)
        return len(session.counter.note("from the worker").entries)

    with qtbot.waitSignal(ctx.ops_done, timeout=5000):
        ctx.run_db(
            work, on_done=results.append, changes=lambda n: Changes(sync=True, origin="test")
        )
    assert results == [1]
    assert seen[0].origin == "test"
    assert ctx.app.store.journal.count() == 1


def test_db_job_error_reaches_gui_thread(ctx: UiContext, qtbot: QtBot) -> None:
    errors: list[BaseException] = []

    def work(session: DbSession, control: JobControl) -> None:
        raise UsageError("nope")

    ctx.run_db(work, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], UsageError)
    assert not ctx.busy


def test_function_keys_switch_screens(window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.stack.currentIndex() == 2
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.stack.currentIndex() == 0
