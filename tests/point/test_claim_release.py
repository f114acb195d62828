"""A claim whose entry was never written (the desk died after its claim, or the write failed) is
released by its own desk once its journal proves it, journaled, and the parcel is free again at
the other desks; a claim whose entry was written is never released. Real PostgreSQL, real kill."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.rules import FindingCode
from pvzdesk.point.claims import RELEASED_CLAIM, past_released
from tests.point.conftest import desk_env, open_desk, write_desk_settings
from tests.point.pg import Cluster

P1, P2, P3 = "0132112277-0101-1", "0132112277-0101-2", "0132112277-0101-3"


def claim_rows(url: str) -> list[tuple[str, int, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT posting, claim_no, desk_name FROM claims ORDER BY posting, claim_no"
        ).fetchall()
    return [(str(p), int(n), str(d)) for p, n, d in rows]


def released_rows(url: str) -> list[tuple[str, int, str]]:
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT posting, claim_no, desk_name FROM claim_releases").fetchall()
    return [(str(p), int(n), str(d)) for p, n, d in rows]


def test_past_released_counts_over_the_holes() -> None:
    assert past_released(0, []) == 0
    assert past_released(0, [0]) == 1
    assert past_released(1, [0]) == 2  # the second operation: 0 is a hole, 1 is the first
    assert past_released(1, [3]) == 1  # a hole above the number changes nothing
    assert past_released(2, [0, 1, 5]) == 4


def test_a_desk_killed_between_claim_and_write_releases_the_claim_when_it_is_back(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    one_dir = tmp_path / "desk-1"
    write_desk_settings(one_dir, "1", url, operator="Иванова")
    with open_desk(tmp_path, "1", url, operator="Иванова") as one:
        assert one.point is not None
        one.counter.receive([P1])
        one.point.sync_once(one.store)
    with subprocess.Popen(
        [sys.executable, "-m", "tests.point.claim_then_hang", str(one_dir), P1],
        stdout=subprocess.PIPE,
        text=True,
        env=desk_env(),
    ) as hanging:
        try:
            assert hanging.stdout is not None
            assert hanging.stdout.readline().strip() == "claimed"
        finally:
            hanging.send_signal(signal.SIGKILL)  # between its claim and its write
            hanging.wait(timeout=60)
    assert claim_rows(url) == [(P1, 0, "1")]

    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        two.point.sync_once(two.store)
        held = two.counter.issue([P1])  # desk 1's dead claim still holds the parcel
        assert not held.entries and held.findings[0].code is FindingCode.CLAIMED_ELSEWHERE

        # desk 1 back: nothing written since the claim, so nothing is proved yet
        assert one.point.sync_once(one.store).released == 0
        one.counter.receive([P2])  # its next operation: the journal moved past the claim
        status = one.point.sync_once(one.store)
        assert status.released == 1
        notes = [e for e in one.store.postings.history(P1) if e.kind is EntryKind.NOTE]
        assert len(notes) == 1 and notes[0].payload[RELEASED_CLAIM] == 0
        assert str(notes[0].payload["text"]) == (
            f"Захват снят: операция «Выдача» с отправлением {P1} была захвачена на этой кассе, "
            "но так и не записана."
        )
        assert released_rows(url) == [(P1, 0, "1")]
        assert one.point.sync_once(one.store).released == 1  # once: not released again

        # the parcel is free again at desk 2: its claim passes over the released number
        two.point.sync_once(two.store)
        issued = two.counter.issue([P1])
        assert issued.entries and not issued.findings
        assert claim_rows(url) == [(P1, 0, "1"), (P1, 1, "2")]
        two.point.sync_once(two.store)
        one.point.sync_once(one.store)
        again = one.counter.issue([P1])
        assert not again.entries and again.findings[0].code is FindingCode.ALREADY_ISSUED

        # after the hole both desks still count the same next number: one winner
        first = one.point.claim(one.store, EntryKind.CLIENT_RETURN, P1, "Иванова")
        second = two.point.claim(two.store, EntryKind.CLIENT_RETURN, P1, "Петров")
        assert first is not None and second is not None
        assert (first.granted, second.granted) == (True, False)
        assert first.claim_no == second.claim_no == 2


def test_a_claim_whose_operation_was_written_is_never_released(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one:
        assert one.point is not None
        one.counter.receive([P1, P2, P3])
        one.point.sync_once(one.store)
        assert one.counter.issue([P1]).entries  # claimed and written
        # a write that fails after its claim (as a full disk would): the claim stays behind...
        with pytest.raises(RuntimeError), one.store.write():
            assert one.counter.issue([P2]).entries
            raise RuntimeError("the disk is full")
        # ...and the desk's next operation on that parcel, of another kind, takes its number
        assert one.counter.refuse([P2]).entries
        one.counter.note("конец смены")
        status = one.point.sync_once(one.store)
        assert status.released == 0 and released_rows(url) == []
        assert claim_rows(url) == [(P1, 0, "1"), (P2, 0, "1")]
        # a failed write whose parcel saw nothing since is released
        with pytest.raises(RuntimeError), one.store.write():
            assert one.counter.issue([P3]).entries
            raise RuntimeError("the disk is full")
        one.counter.note("ещё запись")
        assert one.point.sync_once(one.store).released == 1
        assert released_rows(url) == [(P3, 0, "1")]


def test_a_desk_moved_over_a_release_it_had_not_pulled_counts_it_from_then_on(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1])
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)  # desk 2 knows P1; it will not pull again before it acts
        with pytest.raises(RuntimeError), one.store.write():
            assert one.counter.issue([P1]).entries
            raise RuntimeError("the disk is full")
        one.counter.note("дальше")
        assert one.point.sync_once(one.store).released == 1
        # desk 2 asks number 0 (it knows no release): the database moves it to 1
        issued = two.counter.issue([P1])
        assert issued.entries and claim_rows(url) == [(P1, 0, "1"), (P1, 1, "2")]
        # its next operation on P1 counts the hole now: number 2, not its own 1 again
        returned = two.point.claim(two.store, EntryKind.CLIENT_RETURN, P1, "Петров")
        assert returned is not None and returned.granted and returned.claim_no == 2
        two.point.sync_once(two.store)
        one.point.sync_once(one.store)
        lost = one.point.claim(one.store, EntryKind.CLIENT_RETURN, P1, "Иванова")
        assert lost is not None and not lost.granted and lost.claim_no == 2
