"""A bug in a slot or a timer must not vanish into stderr: it is written to ``logs/crash.log`` and
the operator is told once (later ones only go to the log). Known errors never come here: screens
show those themselves."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class BugReporter:
    def __init__(self, crash_log: Path, parent: QWidget | None = None) -> None:
        self.crash_log = crash_log
        self.parent = parent
        self.shown = False
        self.box: QMessageBox | None = None

    def __call__(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("bug: %s", details)
        try:
            self.crash_log.parent.mkdir(parents=True, exist_ok=True)
            with self.crash_log.open("a", encoding="utf-8") as handle:
                handle.write(details + "\n")
        except OSError:
            sys.stderr.write(details)
        if self.shown:
            return
        self.shown = True
        text = QCoreApplication.translate(
            "BugReporter",
            "Internal error: this is a bug in pvzdesk. Everything already saved is intact; "
            "keep working. Details: {path}",
        ).format(path=self.crash_log)
        self.box = QMessageBox(QMessageBox.Icon.Warning, "pvzdesk", text, parent=self.parent)
        self.box.open()  # not exec(): the counter keeps taking scans


def install_bug_reporter(crash_log: Path, parent: QWidget | None = None) -> BugReporter:
    reporter = BugReporter(crash_log, parent)
    sys.excepthook = reporter
    return reporter
