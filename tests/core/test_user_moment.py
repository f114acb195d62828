"""Moments typed the way people at the counter write them (the outage dialog's «Начался в»)."""

from __future__ import annotations

from datetime import datetime

import pytest

from pvzdesk.domain.dates import parse_user_moment

NOW = datetime.fromisoformat("2026-01-02T10:00:00+03:00")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("9:40", "2026-01-02T09:40:00+03:00"),
        (" 09.40 ", "2026-01-02T09:40:00+03:00"),
        ("01.01.2026 23:15", "2026-01-01T23:15:00+03:00"),
        ("01.01.26 23:15", "2026-01-01T23:15:00+03:00"),
        ("31.12 22:00", "2025-12-31T22:00:00+03:00"),  # written on 02.01: the December gone
        ("02.01 08:00", "2026-01-02T08:00:00+03:00"),
        ("2025-12-30 07:05", "2025-12-30T07:05:00+03:00"),
    ],
)
def test_moments_people_write(typed: str, expected: str) -> None:
    assert parse_user_moment(typed, NOW) == datetime.fromisoformat(expected)


@pytest.mark.parametrize("typed", ["", "noon", "25:00", "9:61", "32.01.2026 10:00", "10"])
def test_what_is_not_a_moment(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_user_moment(typed, NOW)
