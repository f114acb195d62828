"""Every argument range-checked before it reaches a service: a clear message, never an overflow."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_LIST_LIMIT = 10_000_000
MAX_DEADLINE_AHEAD = timedelta(days=366)


def ranged_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                tr("{value!r} is not a whole number", value=text)
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                tr("{value} is out of range: give {low} to {high}", value=value, low=low, high=high)
            )
        return value

    return parse


def plausible_date(day: date, text: str) -> date:
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise UsageError(
            tr(
                "{value!r} is out of range: give a date from {low} to {high}",
                value=text,
                low=EARLIEST_DATE.strftime("%d.%m.%Y"),
                high=LATEST_DATE.strftime("%d.%m.%Y"),
            )
        )
    return day


def new_deadline(day: date, today: date, text: str) -> date:
    """A deadline given by hand: from today up to a year ahead."""
    if not today <= day <= today + MAX_DEADLINE_AHEAD:
        raise UsageError(
            tr(
                "{value!r} cannot be a storage deadline: give a date from today to a year ahead",
                value=text,
            )
        )
    return day


def output_folder(text: str) -> Path:
    """``--out`` for a folder of files: it may not exist yet, but must not be a file."""
    path = Path(text).expanduser()
    for part in (path, *path.parents):
        if part.exists():
            if not part.is_dir():
                raise UsageError(
                    tr("{path} is a file; --out names a folder for the files.", path=part),
                    hint=tr("Give a folder (it is created if missing)."),
                )
            break
    return path


def new_output_file(text: str) -> Path:
    """``--out`` for one file: never over an existing file or folder, never under a file."""
    path = Path(text).expanduser()
    if path.is_dir():
        raise UsageError(
            tr("{path} is a folder; --out names the file to write.", path=path),
            hint=tr("Give a file name, e.g. {example}.", example=path / "bundle.zip"),
        )
    if path.exists():
        raise UsageError(
            tr("{path} already exists and is not overwritten.", path=path),
            hint=tr("Give a new file name, or move the old file away."),
        )
    output_folder(str(path.parent))
    return path
