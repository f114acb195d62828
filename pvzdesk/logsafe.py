"""Logging that cannot write never stops the counter: a log file that fails is skipped quietly."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


class QuietRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A full disk, a read-only or vanished log folder: the record is dropped, the work goes on
    (the default handler prints a traceback to stderr for every record that fails)."""

    failures = 0

    def handleError(self, record: logging.LogRecord) -> None:
        type(self).failures += 1


def file_handler(path: Path) -> logging.Handler:
    """The rotating log file, or a handler that drops records when the file cannot be opened."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return QuietRotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return logging.NullHandler()
