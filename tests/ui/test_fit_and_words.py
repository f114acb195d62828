"""Every screen at 1366×768 (a typical counter PC), in Russian and English: no widget runs off the
window, no button or one-line label is narrower than its text; the Russian screens show no English
words or internal identifiers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.i18n import set_language
from pvzdesk.ui.app import counter_font
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.translations import install_translations
from tests.ui.conftest import add_manifest, posting
from tests.words import IDENTIFIER, identifiers_in

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

WIDTH, HEIGHT = 1366, 768


@pytest.fixture(params=["ru", "en"])
def language(request: pytest.FixtureRequest, app: AppContext) -> Iterator[str]:
    # after ``app``, whose fixture chooses English for the services' own sentences (``tr``)
    install_translations(request.param)
    try:
        yield request.param
    finally:
        install_translations("en")
        set_language("en")


@pytest.fixture(params=["reentry", "ozon_seller"])
def point_type(request: pytest.FixtureRequest, app: AppContext) -> str:
    """A partner point and an rFBS point show different tabs and fields (Сверка's outcomes with a
    conflict selected, the Seller API's settings)."""
    adapter = str(request.param)
    app.apply_settings(
        replace(app.settings, platform=replace(app.settings.platform, adapter=adapter))
    )
    return adapter


def _set_aside(app: AppContext, clock: FixedClock) -> None:
    """A conflict a reconcile left: Сверка selects it and shows both sides and the actions."""
    import json

    from pvzdesk.storage.attempts import Attempt

    entry = app.counter.issue(["0132112277-0101-1"]).entries[0]
    view = {"posting_number": entry.posting, "status": "cancelled", "available_actions": []}
    app.store.attempts.record(
        [
            Attempt(
                entry.entry_id,
                "ozon_seller",
                clock.now(),
                "conflict",
                detail="conflict:cancelled_meanwhile",
                reply=json.dumps(view),
            )
        ]
    )


def _settle() -> None:
    for _ in range(3):  # texts set by the loaded data, then the layouts that follow them
        QApplication.sendPostedEvents()
        QApplication.processEvents()


@pytest.fixture
def counter_type(qapp: QApplication) -> Iterator[None]:
    """The application's font as ``ui.app.application`` sets it: the test's QApplication is
    pytest-qt's, whose smaller default type once hid a cut a real screen showed."""
    before = qapp.font()
    qapp.setFont(counter_font(before))
    try:
        yield
    finally:
        qapp.setFont(before)


def _scroller(widget: QWidget, window: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose viewport holds ``widget`` (None: laid out in the window)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        area = parent.parentWidget()
        if isinstance(area, QAbstractScrollArea) and parent is area.viewport():
            return area
        parent = parent.parentWidget()
    return None


def _needs_width(widget: QWidget) -> int:
    """The width below which a label, button or choice cuts what it shows (0: no such rule)."""
    if isinstance(widget, QAbstractButton) and widget.text():
        lines = widget.text().replace("&", "").split("\n")  # a two-line label: its wider line
        text = max(widget.fontMetrics().horizontalAdvance(line) for line in lines)
        return max(text, widget.minimumSizeHint().width())
    if isinstance(widget, QLabel) and widget.text() and not widget.wordWrap():
        if widget.text().startswith("<"):  # rich text: its own layout decides
            return 0
        text = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
        return max(text, widget.minimumSizeHint().width())
    if isinstance(widget, QComboBox):  # every choice must show whole, arrow included
        metrics = widget.fontMetrics()
        longest = max(
            (metrics.horizontalAdvance(widget.itemText(i)) for i in range(widget.count())),
            default=0,
        )
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        contents = QSize(longest, metrics.height())
        style = widget.style()
        framed = style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, widget)
        return max(framed.width(), widget.minimumSizeHint().width())
    return 0


def _problems(window: QWidget) -> list[str]:
    """What a person would see cut on a real 1366×768 screen: a widget (or part of it) outside
    the window; in a scrolled page, a widget outside the page's width (the pages scroll down,
    never sideways: what is off to the right is simply not seen); a label, button or choice
    narrower than its text and margins. Item views (tables, trees) scroll their own cells."""
    found = []
    if window.width() > WIDTH or window.height() > HEIGHT:
        found.append(f"the window needs {window.width()}×{window.height()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or widget.isWindow():
            continue
        name = f"{type(widget).__name__} {widget.objectName()!r}"
        area = _scroller(widget, window)
        if area is None:
            top_left = widget.mapTo(window, QPoint(0, 0))
            right, bottom = top_left.x() + widget.width(), top_left.y() + widget.height()
            if top_left.x() < -1 or top_left.y() < -1 or right > WIDTH + 1 or bottom > HEIGHT + 1:
                found.append(f"{name} runs off the window")
        elif isinstance(area, QScrollArea):
            content = area.widget()
            assert content is not None
            left = widget.mapTo(content, QPoint(0, 0)).x() if widget is not content else 0
            if left + widget.width() > area.viewport().width() + 1:
                found.append(f"{name} runs off the side of its page")
        else:
            continue  # a cell of a table or a tree: the view scrolls it
        needed = _needs_width(widget)
        if needed and widget.width() + 1 < needed:
            text = getattr(widget, "text", lambda: "")()
            found.append(f"{name} is {widget.width()} wide, needs {needed}: {text!r}")
    return found


def _visible_words(window: QWidget) -> list[str]:
    words = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or isinstance(widget, QLineEdit):
            continue  # what a field holds is data (a URL, a name), not the screen's words
        text = ""
        if isinstance(widget, (QLabel, QAbstractButton)):
            text = widget.text()
        words.extend(identifiers_in(text))
    return words


def test_every_screen_fits_1366x768_and_russian_shows_no_identifiers(
    language: str,
    point_type: str,
    counter_type: None,
    ctx: UiContext,
    app: AppContext,
    clock: FixedClock,
    qtbot: QtBot,
) -> None:
    """Every screen, every tab of it, for both point types, with data in."""
    add_manifest(app, [posting("0132112277-0101-1", cell="А-01")])
    app.counter.receive(["0132112277-0101-1"])
    _set_aside(app, clock)
    window = MainWindow(ctx, install_scanner=False)
    qtbot.addWidget(window)
    # the camera's panel on (F9): the screens get 1366 px less its width, the tightest case
    window.camera.show()
    # the status bar at its longest: a big backlog of the longest-named kinds, conflicts
    ctx.update_status(
        waiting=12_345,
        conflicts=999,
        waiting_by_kind=(
            (EntryKind.RETURN_TO_SENDER, 9_000),
            (EntryKind.CLIENT_RETURN, 3_000),
            (EntryKind.EXTEND, 345),
        ),
    )
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    problems: dict[str, list[str]] = {}
    words: dict[str, list[str]] = {}
    for index, screen in enumerate(window.screens):
        window.show_screen(index)
        qtbot.waitUntil(lambda s=screen: s.isVisible())  # type: ignore[misc]
        qtbot.waitUntil(lambda: not ctx.busy, timeout=10_000)  # the screen's data is in
        _settle()
        tabs = [t for t in screen.findChildren(QTabWidget) if t.isVisibleTo(window)]
        pages = [(tab, page) for tab in tabs for page in range(tab.count())] or [(None, 0)]
        for tab, page in pages:
            name = screen.title()
            if tab is not None:
                tab.setCurrentIndex(page)
                _settle()
                name += " / " + tab.tabText(page).replace("&", "")
            if found := _problems(window):
                problems[name] = found
            if language == "ru" and (seen := _visible_words(window)):
                words[name] = seen
    window.close()
    assert problems == {}
    assert words == {}


def test_journal_details_name_fields_in_russian_and_hide_ids(app: AppContext, qtbot: QtBot) -> None:
    from pvzdesk.ui.screens.journal_model import payload_summary

    add_manifest(app, [posting("0132112277-0101-1")])
    app.counter.receive(["0132112277-0101-1"])
    issued = app.counter.issue(["0132112277-0101-1"], customer_code="12345678*1234")
    install_translations("ru")
    try:
        text = payload_summary(issued.entries[0])
    finally:
        install_translations("en")
        set_language("en")
    assert "код клиента: 12345678*1234" in text
    assert not IDENTIFIER.search(text), text  # no handover_id=<uuid>, code_kind=label_lower


def test_journal_details_of_an_outage_and_a_re_entry_are_in_russian(
    app: AppContext, qtbot: QtBot, clock: FixedClock
) -> None:
    """The outage's own entries (program version, when it began) and a re-entry check-off (which
    operation) are named in Russian; no payload key reaches the summary as it is."""
    from pvzdesk.ui.screens.journal_model import payload_summary

    add_manifest(app, [posting("0132112277-0101-1")])
    _incident, started = app.incidents.start("connect")
    clock.advance(timedelta(minutes=5))
    received = app.counter.receive(["0132112277-0101-1"])
    clock.advance(timedelta(minutes=5))
    app.incidents.end()
    checked = app.services.reconcile.worklist().check_off("0132112277-0101-1")
    assert checked.written is not None
    install_translations("ru")
    try:
        texts = [
            payload_summary(entry)
            for entry in (*started.entries, *received.entries, checked.written)
        ]
    finally:
        install_translations("en")
        set_language("en")
    assert "версия программы" in texts[0] and "начался" in texts[0], texts
    assert "операция: принято" in texts[2], texts
    assert [text for text in texts if IDENTIFIER.search(text)] == []


def test_notices_and_the_outage_dialog_fit_1366x768_and_say_no_identifiers(
    language: str,
    ctx: UiContext,
    app: AppContext,
    clock: FixedClock,
    qtbot: QtBot,
    counter_type: None,
) -> None:
    """Every notice at once (the strip above the screens, the status bar's red state) and both
    faces of «Сбой платформы»: nothing runs off a counter's screen, no internal word in Russian."""
    from pvzdesk.errors import ClockError
    from pvzdesk.i18n import tr
    from pvzdesk.storage.anchor import AnchorCheck, AnchorVerdict
    from pvzdesk.storage.clock_check import ClockProblem
    from pvzdesk.storage.clock_words import clock_error
    from pvzdesk.ui.incident_dialog import IncidentDialog
    from pvzdesk.ui.notices import anchor_notice, clock_notice
    from pvzdesk.ui.status import Notice, NoticeLevel

    window = MainWindow(ctx, install_scanner=False)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    qtbot.waitExposed(window)
    wrong: ClockError = clock_error(
        ClockProblem.BEHIND_JOURNAL, clock.now() - timedelta(hours=3), clock.now()
    )
    missing = anchor_notice(AnchorCheck(AnchorVerdict.MISSING_TAIL, 120, 97))
    assert missing is not None
    guards = tr(
        "The journal's protection against changes was removed ({count} guards) and is now "
        "restored. Someone may have edited the file: run «pvzdesk journal verify».",
        count=2,
    )
    ctx.add_notice(Notice("open-0", NoticeLevel.WARNING, guards))
    ctx.add_notice(clock_notice(wrong))
    ctx.add_notice(missing)
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
    assert window.notice_strip.isVisible() and window.status.alarm_label.isVisible()
    assert _problems(window) == []
    if language == "ru":
        assert _visible_words(window) == []
    window.close()

    declare = IncidentDialog(app.incidents)
    qtbot.addWidget(declare)
    app.incidents.declare(clock.now() - timedelta(minutes=5))
    end = IncidentDialog(app.incidents)
    qtbot.addWidget(end)
    for dialog in (declare, end):
        dialog.show()
        qtbot.waitExposed(dialog)
        size = dialog.frameGeometry()
        assert size.width() <= WIDTH and size.height() <= HEIGHT
        assert _problems(dialog) == []
        if language == "ru":
            assert _visible_words(dialog) == []
        dialog.close()
