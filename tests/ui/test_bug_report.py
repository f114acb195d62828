from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from pvzdesk.ui.bug_report import BugReporter


def _raise_and_report(reporter: BugReporter, message: str) -> None:
    try:
        raise RuntimeError(message)
    except RuntimeError:
        kind, error, tb = sys.exc_info()
        assert kind is not None and error is not None
        reporter(kind, error, tb)


# the offscreen platform says this of every dialog; it is not about our code
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_a_bug_is_logged_and_shown_once(qtbot: QtBot, tmp_path: Path) -> None:
    reporter = BugReporter(tmp_path / "logs" / "crash.log")
    _raise_and_report(reporter, "first")
    assert reporter.box is not None
    qtbot.addWidget(reporter.box)
    first_box = reporter.box
    assert "crash.log" in first_box.text()
    _raise_and_report(reporter, "second")
    assert reporter.box is first_box  # told once; later bugs only go to the log
    logged = (tmp_path / "logs" / "crash.log").read_text(encoding="utf-8")
    assert "RuntimeError: first" in logged and "RuntimeError: second" in logged
