"""Fixtures for the UI tests: a real data directory in tmp_path, real widgets, offscreen Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.i18n import set_language
from pvzdesk.settings import Settings, save_settings
from pvzdesk.storage.database import write_transaction
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.main_window import MainWindow

NOW = datetime.fromisoformat("2025-06-27T10:00:00+03:00")


def add_manifest(app: AppContext, rows: list[ManifestPosting]) -> None:
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(rows, NOW.isoformat())


def posting(
    number: str, customer: str = "cust-1", places: int = 1, **more: object
) -> ManifestPosting:
    return ManifestPosting(
        posting=number,
        barcodes=more.pop("barcodes", ()),  # type: ignore[arg-type]
        places=places,
        cell=str(more.pop("cell", "A-01")),
        storage_until=more.pop("storage_until", None),  # type: ignore[arg-type]
        storage_source=DeadlineSource.PLATFORM,
        customer_key=customer,
        customer_name=str(more.pop("name", "")),
    )


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language(None)


@pytest.fixture
def app(tmp_path: Path, clock: FixedClock, english: None) -> Iterator[AppContext]:
    # Sound off through the setting: the tests never load QtMultimedia's audio backends.
    save_settings(tmp_path / "settings.toml", Settings(sounds=False, language="en"))
    context = open_app(tmp_path, clock=clock)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def ctx(app: AppContext, qtbot: QtBot) -> Iterator[UiContext]:
    context = UiContext(app)
    try:
        yield context
    finally:
        context.shutdown()


@pytest.fixture
def window(ctx: UiContext, qtbot: QtBot) -> Iterator[MainWindow]:
    main = MainWindow(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    try:
        yield main
    finally:
        main.scan_input.uninstall()


def wedge(qtbot: QtBot, target: QWidget, text: str) -> None:
    """A keyboard-wedge scanner's burst: every key within a millisecond or two, then Enter."""
    qtbot.keyClicks(target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def rest_stays(qtbot: QtBot, window: MainWindow) -> str:
    """F10 at Выдача with parcels not scanned asks; F10 in the question: the rest stays."""
    screen = window.active_screen
    qtbot.keyClick(window, Qt.Key.Key_F10)
    question = getattr(screen, "question", None)
    assert question is not None, "no question about the parcels left"
    text = question.findChild(QLabel, "question").text()
    from PySide6.QtWidgets import QApplication

    question.activateWindow()  # as a window manager does; the offscreen platform may not
    qtbot.waitUntil(lambda: QApplication.activeWindow() is question)
    qtbot.keyClick(question, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: getattr(screen, "question", None) is None)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # the counter has the keys
    return str(text)
