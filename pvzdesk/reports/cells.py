"""Cells as text, for CSV and PDF: dates as the counter's people write them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from pvzdesk.reports.model import Cell

# Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A leading apostrophe makes Excel and LibreOffice show the text instead of running it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def format_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def format_cell(value: Cell, language: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        pattern = "%d.%m.%Y %H:%M:%S" if language == "ru" else "%Y-%m-%d %H:%M:%S"
        return value.strftime(pattern)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y") if language == "ru" else value.isoformat()
    if isinstance(value, timedelta):
        return format_duration(value)
    return str(value)
