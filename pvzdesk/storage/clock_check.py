"""A clock that is checked: each entry's wall time against the previous entry and the monotonic clock.

A counter PC whose clock jumped back (a dead CMOS battery, a manual change) would date an issue
before its receive and give short deadlines; at 2000-01-01 every parcel is "overdue". Writing is
refused while the clock is known to be wrong, and the refusal itself is journaled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

# This build cannot run before it was made: a clock showing an earlier date is wrong.
BUILD_DATE = datetime(2025, 1, 1, tzinfo=UTC)
# NTP corrections and two desks' clocks differ by seconds; a jump back beyond this is not that.
BACK_TOLERANCE = timedelta(minutes=2)


class ClockProblem(StrEnum):
    BEFORE_BUILD = "before_build"  # the date is earlier than this program was built
    BEHIND_JOURNAL = "behind_journal"  # earlier than the journal's last entry
    SET_BACK = "set_back"  # less wall time passed than the monotonic clock measured


@dataclass(frozen=True)
class PreviousEntry:
    wall_time: datetime
    mono_ns: int
    same_device: bool


def clock_problem(
    now: datetime, mono_ns: int, previous: PreviousEntry | None
) -> ClockProblem | None:
    if now < BUILD_DATE:
        return ClockProblem.BEFORE_BUILD
    if previous is None:
        return None
    if now < previous.wall_time - BACK_TOLERANCE:
        return ClockProblem.BEHIND_JOURNAL
    # the monotonic clock counts from boot; a smaller value means a reboot, and no comparison
    if previous.same_device and mono_ns > previous.mono_ns:
        measured = timedelta(microseconds=(mono_ns - previous.mono_ns) // 1000)
        if now - previous.wall_time < measured - BACK_TOLERANCE:
            return ClockProblem.SET_BACK
    return None
