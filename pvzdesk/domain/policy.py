"""Storage periods: how long a parcel waits at the point, and how that changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

DEFAULT_STORAGE_DAYS = 7
MAX_EXTENSION_DAYS = 60


@dataclass(frozen=True)
class StoragePolicy:
    default_days: int = DEFAULT_STORAGE_DAYS
    days_by_category: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not 1 <= self.default_days <= 365:
            raise ValueError("storage days must be between 1 and 365")

    def storage_until(self, received_on: date, category: str = "") -> date:
        days = self.days_by_category.get(category, self.default_days)
        return received_on + timedelta(days=days)


def extended_deadline(current: date, *, days: int | None = None, until: date | None = None) -> date:
    """The new deadline for "+N days" or "until DATE"; never earlier than it was."""
    if (days is None) == (until is None):
        raise ValueError("give either days or until")
    if days is not None:
        if not 1 <= days <= MAX_EXTENSION_DAYS:
            raise ValueError(f"extension must be 1..{MAX_EXTENSION_DAYS} days")
        return current + timedelta(days=days)
    assert until is not None
    if until <= current:
        raise ValueError("the new deadline must be later than the current one")
    return until


def days_left(storage_until: date, today: date) -> int:
    """0 = last day today, negative = overdue by that many days."""
    return (storage_until - today).days


def is_expired(storage_until: date | None, today: date) -> bool:
    return storage_until is not None and today > storage_until


def was_in_storage_during(
    received_at: datetime | None,
    left_at: datetime | None,
    incident_start: datetime,
    incident_end: datetime | None,
) -> bool:
    """True when a parcel sat at the point at some moment of the incident (bulk extensions)."""
    if received_at is None:
        return False
    if incident_end is not None and received_at > incident_end:
        return False
    return left_at is None or left_at >= incident_start
