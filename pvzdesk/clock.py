"""The one clock. Services ask it for time; the domain is handed times and never reads a clock."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware local time."""
        ...

    def monotonic_ns(self) -> int: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic_ns(self) -> int:
        return time.monotonic_ns()


class FixedClock:
    """A clock that moves only when told to (tests, the headless demo's story)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._now = start
        self._mono = 1_000_000_000

    def now(self) -> datetime:
        return self._now

    def monotonic_ns(self) -> int:
        self._mono += 1_000
        return self._mono

    def advance(self, delta: timedelta) -> None:
        self._now += delta
        self._mono += int(delta.total_seconds() * 1e9)


def local_today(clock: Clock) -> date:
    return clock.now().date()


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
