"""5. A clock that is checked: the Clock object is the only door to time, so a wrong clock is
injected through it (a FixedClock the test sets back, or to 2000-01-01)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.errors import ClockError
from pvzdesk.storage.journal import EntryFilter
from tests.adversarial.conftest import P1, P2

MSK = timezone(timedelta(hours=3))


class SetClock(FixedClock):
    """A wall clock someone can set, over a monotonic clock that only ever runs forward."""

    def set_wall(self, moment: datetime) -> None:
        self._now = moment


def test_a_clock_set_three_days_back_is_refused_and_recorded(tmp_path: Path) -> None:
    clock = SetClock(datetime(2026, 11, 20, 10, 0, tzinfo=MSK))
    with open_app(tmp_path / "data", clock=clock) as app:
        app.counter.receive([P1])
        clock.set_wall(datetime(2026, 11, 17, 10, 0, tzinfo=MSK))
        with pytest.raises(ClockError) as refused:
            app.counter.receive([P2])
        assert "назад" in str(refused.value)
        # nothing dated by the wrong clock: no receive of P2, so no deadline from it
        assert app.store.postings.state(P2).storage_until is None
        (note,) = app.store.journal.entries(EntryFilter(after_seq=1))
        assert note.payload["clock_problem"] == "behind_journal"
        assert note.payload["clock_showed"].startswith("2026-11-17")
        assert note.payload["postings"] == [P2]
        assert note.wall_time >= datetime(2026, 11, 20, 7, 0, tzinfo=UTC)


def test_a_date_before_this_build_is_refused(tmp_path: Path) -> None:
    clock = SetClock(datetime(2000, 1, 1, 12, 0, tzinfo=MSK))
    with open_app(tmp_path / "data", clock=clock) as app:
        with pytest.raises(ClockError) as refused:
            app.counter.receive([P1])
        assert "раньше, чем выпущена" in str(refused.value)
        assert app.store.postings.state(P1).status.value == "unknown"


def test_a_clock_set_back_less_than_the_journal_is_caught_by_the_monotonic_clock(
    tmp_path: Path,
) -> None:
    clock = SetClock(datetime(2026, 11, 20, 10, 0, tzinfo=MSK))
    with open_app(tmp_path / "data", clock=clock) as app:
        app.counter.receive([P1])
        clock.advance(timedelta(days=5))  # five days really pass (the monotonic clock counts them)
        clock.set_wall(datetime(2026, 11, 22, 10, 0, tzinfo=MSK))  # but the wall shows two
        with pytest.raises(ClockError):
            app.counter.receive([P2])
        notes = list(app.store.journal.entries(EntryFilter(after_seq=1)))
        assert [n.payload["clock_problem"] for n in notes] == ["set_back"]


def test_a_correct_clock_and_a_small_correction_pass(tmp_path: Path) -> None:
    clock = SetClock(datetime(2026, 11, 20, 10, 0, tzinfo=MSK))
    with open_app(tmp_path / "data", clock=clock) as app:
        app.counter.receive([P1])
        clock.set_wall(datetime(2026, 11, 20, 9, 59, 30, tzinfo=MSK))  # NTP slews 30 s back
        assert app.counter.receive([P2]).entries
        assert app.store.journal.count() == 2


def test_the_storage_list_is_not_counted_from_a_clock_in_2000(tmp_path: Path) -> None:
    clock = SetClock(datetime(2026, 11, 20, 10, 0, tzinfo=MSK))
    with open_app(tmp_path / "data", clock=clock) as app:
        app.counter.receive([P1])
        clock.set_wall(datetime(2000, 1, 1, 10, 0, tzinfo=MSK))
        with pytest.raises(ClockError) as refused:
            app.store.journal.refuse_a_wrong_clock()
        assert "Оставшиеся дни" in str(refused.value)
