"""Dates as people at a Russian counter write them: 28.11.2026, 28.11.26, 28.11, or 2026-11-28."""

from __future__ import annotations

import re
from datetime import date, datetime

_DOTTED = re.compile(r"^(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?$")


def parse_user_date(text: str, today: date) -> date:
    """Parse a date typed by a person; a date without a year is the next such day from today.

    Raises ValueError with the text when it is not a date.
    """
    cleaned = text.strip()
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        pass
    match = _DOTTED.match(cleaned)
    if not match:
        raise ValueError(cleaned)
    day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
    if year_text is None:
        candidate = date(today.year, month, day)
        return candidate if candidate >= today else date(today.year + 1, month, day)
    year = int(year_text)
    return date(2000 + year if year < 100 else year, month, day)


def format_user_date(value: date, language: str) -> str:
    return value.strftime("%d.%m.%Y") if language == "ru" else value.isoformat()


def format_user_time(value: datetime, language: str) -> str:
    return (
        value.strftime("%d.%m.%Y %H:%M") if language == "ru" else value.strftime("%Y-%m-%d %H:%M")
    )
