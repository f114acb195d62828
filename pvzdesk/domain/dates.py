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


_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")


def parse_user_moment(text: str, now: datetime) -> datetime:
    """A moment in the past as a person writes it: 14:05 (today), 28.11.2026 14:05, 28.11 14:05
    (this year, or last year when that is still ahead), or 2026-11-28 14:05; in ``now``'s zone.

    Raises ValueError with the text when it is not a moment."""
    cleaned = " ".join(text.split())
    day_text, _, time_text = cleaned.rpartition(" ")
    clock = _CLOCK.match(time_text)
    if not clock:
        raise ValueError(cleaned)
    hours, minutes = int(clock.group(1)), int(clock.group(2))
    if not day_text:
        day = now.date()
    else:
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            match = _DOTTED.match(day_text)
            if not match:
                raise ValueError(cleaned) from None
            day_of, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
            if year_text is None:
                day = date(now.year, month, day_of)
                if day > now.date():  # 28.12 written on 02.01: the December just gone
                    day = date(now.year - 1, month, day_of)
            else:
                year = int(year_text)
                day = date(2000 + year if year < 100 else year, month, day_of)
    return datetime(day.year, day.month, day.day, hours, minutes, tzinfo=now.tzinfo)
