"""What the journal's open found, a wrong clock and a journal short of its anchor, told in the
window: a strip above the screens and the status bar, never a dialog (scanning goes on).

Real journals in tmp_path, tampered with from outside as a person with the file would
(``sqlite3``), real windows, a real child process for the chain walk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.i18n import set_language
from pvzdesk.settings import Settings, save_settings
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.app import build_window
from pvzdesk.ui.context import Tone, UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.notices import ANCHOR_KEY, CLOCK_KEY, UNCLEAN_KEY, VERSION_KEY
from pvzdesk.ui.screens.journal import JournalScreen
from pvzdesk.ui.screens.receive import ReceiveScreen
from pvzdesk.ui.status import NoticeLevel
from pvzdesk.ui.translations import install_translations
from pvzdesk.ui.upkeep import start_upkeep
from tests.ui.conftest import NOW, add_manifest, posting, wedge

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

A, B, C, D = "0132112277-0101-1", "0132112277-0102-1", "0132112277-0103-1", "0132112277-0104-1"


class SetClock(FixedClock):
    """A wall clock someone can set, over a monotonic clock that only ever runs forward."""

    def set_wall(self, moment: datetime) -> None:
        self._now = moment


@pytest.fixture
def clock() -> SetClock:
    return SetClock(NOW)


def shown(moment: datetime) -> str:
    """A time as the PC's own clock shows it (the explanation speaks the PC's time zone)."""
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")


def first_session(data_dir: Path, clock: FixedClock) -> None:
    """A journal with a few entries, closed cleanly."""
    save_settings(data_dir / "settings.toml", Settings(sounds=False, language="en"))
    with open_app(data_dir, clock=clock) as app:
        add_manifest(app, [posting(A), posting(B), posting(C)])
        app.counter.receive([A, B, C])
        assert app.store.journal.anchor is not None
        app.store.journal.anchor.drain()


def tamper(data_dir: Path, *statements: str) -> None:
    conn = sqlite3.connect(data_dir / "journal.sqlite")
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


@pytest.fixture
def reopened(english: None) -> Iterator[list[AppContext]]:
    opened: list[AppContext] = []
    yield opened
    for app in opened:
        app.close()


def window_over(app: AppContext, qtbot: QtBot) -> tuple[UiContext, MainWindow]:
    ctx, window = build_window(app, monitor=None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return ctx, window


def shown_text(window: MainWindow, key: str) -> str:
    label = window.notice_strip.rows.get(key)
    if label is None or not label.isVisible():
        return ""
    return label.text()


def test_dropped_guards_are_shown_in_russian_and_scanning_goes_on(
    tmp_path: Path,
    clock: FixedClock,
    qtbot: QtBot,
    reopened: list[AppContext],
    caplog: pytest.LogCaptureFixture,
) -> None:
    first_session(tmp_path, clock)
    tamper(tmp_path, "DROP TRIGGER entries_no_update", "DROP TRIGGER sync_attempts_no_delete")
    install_translations("ru")
    try:
        app = open_app(tmp_path, clock=clock)
        reopened.append(app)
        ctx, window = window_over(app, qtbot)
        try:
            key = "open-0"
            notice = ctx.notice(key)
            assert notice is not None and notice.level is NoticeLevel.WARNING
            text = shown_text(window, key)
            assert "Защита журнала от изменений была снята (правил: 2)" in text
            assert "pvzdesk journal verify" in text
            assert any(  # and in the log
                "shown to the operator: Защита журнала" in record.getMessage()
                for record in caplog.records
            )
            # the strip, not a modal box: the counter takes a scan under it
            window.show_screen(1)
            screen = window.active_screen
            assert isinstance(screen, ReceiveScreen)
            add_manifest(app, [posting(D)])
            wedge(qtbot, window, D)
            qtbot.waitUntil(lambda: screen.saving == 0)
            assert app.store.postings.state(D).at_point
            # «Понятно» takes it away (a click: the button never takes the keyboard)
            button = window.notice_strip.findChild(QPushButton)
            assert button is not None and button.text() == "Понятно"
            assert button.focusPolicy() is Qt.FocusPolicy.NoFocus
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: not window.notice_strip.isVisible())
        finally:
            ctx.shutdown()
    finally:
        install_translations("en")
        set_language("en")
    names = {
        row[0]
        for row in sqlite3.connect(tmp_path / "journal.sqlite").execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        )
    }
    assert {"entries_no_update", "sync_attempts_no_delete"} <= names


def test_an_unclean_shutdown_is_said_then_the_check_says_intact(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot, reopened: list[AppContext]
) -> None:
    first_session(tmp_path, clock)
    (tmp_path / "journal.sqlite.open").touch()  # what a kill or a power cut leaves behind
    app = open_app(tmp_path, clock=clock, check_integrity=False)
    reopened.append(app)
    assert app.unclean_shutdown
    ctx, window = window_over(app, qtbot)
    try:
        assert "was not closed properly last time" in shown_text(window, UNCLEAN_KEY)
        assert "Keep working" in shown_text(window, UNCLEAN_KEY)
        start_upkeep(ctx, delay_ms=0)
        qtbot.waitUntil(lambda: "it is intact" in shown_text(window, UNCLEAN_KEY), timeout=30_000)
        notice = ctx.notice(UNCLEAN_KEY)
        assert notice is not None and notice.level is NoticeLevel.INFO
    finally:
        ctx.shutdown()


def test_a_new_program_version_is_said_once(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot, reopened: list[AppContext]
) -> None:
    first_session(tmp_path, clock)
    tamper(tmp_path, "UPDATE meta SET value = '0.0.1' WHERE key = 'app_version'")
    app = open_app(tmp_path, clock=clock)
    reopened.append(app)
    ctx, window = window_over(app, qtbot)
    try:
        text = shown_text(window, VERSION_KEY)
        assert "The program's version changed" in text and "(before: 0.0.1)" in text
        notes = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.NOTE,))))
        assert notes[-1].payload["previous"] == "0.0.1"  # and the journal notes it
    finally:
        ctx.shutdown()


def test_a_rechained_journal_is_said_at_open(
    tmp_path: Path, clock: FixedClock, qtbot: QtBot, reopened: list[AppContext]
) -> None:
    first_session(tmp_path, clock)
    tamper(
        tmp_path,
        "DROP TRIGGER entries_no_update",
        "UPDATE entries SET hash = (CASE WHEN hash LIKE 'ab%' THEN 'cd' ELSE 'ab' END)"
        " || substr(hash, 3) WHERE seq = (SELECT max(seq) FROM entries)",
    )
    app = open_app(tmp_path, clock=clock)
    reopened.append(app)
    ctx, window = window_over(app, qtbot)
    try:
        assert "protection against changes was removed" in shown_text(window, "open-0")
        red = ctx.notice(ANCHOR_KEY)  # in red and standing, as when the window finds it
        assert red is not None and red.level is NoticeLevel.ERROR and not red.dismissable
        assert "RE-CHAINED" in shown_text(window, ANCHOR_KEY)
        assert "pvzdesk journal restore" in shown_text(window, ANCHOR_KEY)
        assert window.status.alarm_label.text() == "Journal does not match"
        assert len(ctx.status.notices) == 2  # said once, not also as a plain warning
    finally:
        ctx.shutdown()


def test_a_wrong_clock_at_start_is_explained_in_the_status_bar(
    tmp_path: Path, qtbot: QtBot, reopened: list[AppContext], english: None
) -> None:
    wrong = datetime.fromisoformat("2000-01-01T09:00:00+03:00")
    clock = FixedClock(wrong)
    save_settings(tmp_path / "settings.toml", Settings(sounds=False, language="en"))
    app = open_app(tmp_path, clock=clock)
    reopened.append(app)
    ctx, window = window_over(app, qtbot)
    try:
        assert window.status.alarm_label.isVisible()
        assert window.status.alarm_label.text() == "Wrong clock"
        text = shown_text(window, CLOCK_KEY)
        assert shown(wrong) in text and "Check the date and time" in text
        assert ctx.sounds.played == [Tone.ERROR]
    finally:
        ctx.shutdown()


def test_a_refused_scan_explains_the_clock_until_it_is_right(
    app: AppContext, ctx: UiContext, window: MainWindow, clock: SetClock, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A), posting(B)])
    app.counter.receive([A])  # the journal's last entry: 27.06.2025 10:00
    assert not window.status.alarm_label.isVisible()
    window.show_screen(1)
    screen = window.active_screen
    assert isinstance(screen, ReceiveScreen)
    clock.set_wall(NOW - timedelta(hours=1))  # someone set the PC's clock back an hour
    wedge(qtbot, window, B)
    qtbot.waitUntil(lambda: ctx.notice(CLOCK_KEY) is not None)
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert not app.store.postings.state(B).at_point  # refused: nothing dated by a wrong clock
    text = shown_text(window, CLOCK_KEY)
    assert shown(NOW - timedelta(hours=1)) in text and shown(NOW) in text, text
    assert "Check the date and time of this computer" in text
    assert window.status.alarm_label.isVisible()
    assert ctx.sounds.played[-1] is Tone.ERROR
    refusals = [
        e
        for e in app.store.journal.entries(EntryFilter(kinds=(EntryKind.NOTE,)))
        if "clock_problem" in e.payload
    ]
    assert len(refusals) == 1  # the refusal is journaled
    window.status.show_note("something else")  # a passing note does not hide the state
    assert window.status.alarm_label.isVisible()
    clock.set_wall(NOW + timedelta(minutes=1))  # the clock is set right
    window.clock_watch.check()
    assert ctx.notice(CLOCK_KEY) is None
    assert not window.status.alarm_label.isVisible() and not window.notice_strip.isVisible()
    wedge(qtbot, window, B)
    qtbot.waitUntil(lambda: screen.saving == 0)
    assert app.store.postings.state(B).at_point


def test_the_chain_check_names_a_tail_cut_behind_our_back(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A), posting(B), posting(C)])
    app.counter.receive([A, B, C])
    assert app.store.journal.anchor is not None
    app.store.journal.anchor.drain()
    head = app.store.journal.count()
    tamper(
        app.paths.root,
        "DROP TRIGGER entries_no_delete",
        f"DELETE FROM entries WHERE seq > {head - 2}",
    )
    window.show_screen(5)
    screen = window.active_screen
    assert isinstance(screen, JournalScreen)
    qtbot.waitUntil(lambda: screen.isVisible())
    qtbot.keyClick(screen.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.anchor_check is not None, timeout=20_000)
    assert screen.last_report is not None and screen.last_report.ok  # a cut chain is valid
    notice = ctx.notice(ANCHOR_KEY)
    assert notice is not None and notice.level is NoticeLevel.ERROR and not notice.dismissable
    text = shown_text(window, ANCHOR_KEY)
    assert "Entries are MISSING at the end" in text and "2 newest entries" in text, text
    assert "pvzdesk journal restore" in text and "call support" in text
    assert "MISSING" in screen.chain_label.text()
    assert window.status.alarm_label.isVisible()
    assert window.notice_strip.findChild(QPushButton) is None  # stays: no «Понятно»
    assert ctx.sounds.played[-1] is Tone.ERROR


def test_an_intact_journal_reaches_its_anchor(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    add_manifest(app, [posting(A)])
    app.counter.receive([A])
    window.show_screen(5)
    screen = window.active_screen
    assert isinstance(screen, JournalScreen)
    screen.verify_chain()
    qtbot.waitUntil(lambda: screen.anchor_check is not None, timeout=20_000)
    assert screen.anchor_check is not None and screen.anchor_check.ok
    assert "reaches its anchor" in screen.chain_label.text()
    assert ctx.notice(ANCHOR_KEY) is None and not window.status.alarm_label.isVisible()


def test_the_window_names_a_cut_tail_without_being_asked(
    app: AppContext, ctx: UiContext, window: MainWindow, qtbot: QtBot
) -> None:
    """The anchor is compared now and then on its own (here: the watch's turn, called at once)."""
    add_manifest(app, [posting(A), posting(B)])
    app.counter.receive([A, B])
    window.anchor_watch.check()
    qtbot.waitUntil(lambda: window.anchor_watch.last is not None, timeout=10_000)
    assert window.anchor_watch.last is not None and window.anchor_watch.last.ok
    assert ctx.notice(ANCHOR_KEY) is None
    assert app.store.journal.anchor is not None
    app.store.journal.anchor.drain()
    head = app.store.journal.count()
    tamper(
        app.paths.root, "DROP TRIGGER entries_no_delete", f"DELETE FROM entries WHERE seq = {head}"
    )
    window.anchor_watch.check()
    qtbot.waitUntil(lambda: ctx.notice(ANCHOR_KEY) is not None, timeout=10_000)
    assert "1 newest entries" in shown_text(window, ANCHOR_KEY)
    assert window.status.alarm_label.text() == "Journal does not match"
    assert ctx.sounds.played[-1] is Tone.ERROR
