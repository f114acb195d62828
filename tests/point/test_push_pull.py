"""Push and pull between desks through a real PostgreSQL: idempotent, in order, chain-checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import psycopg
import pytest

from pvzdesk.domain.state import PostingStatus
from pvzdesk.errors import PointError
from pvzdesk.point.desk import LinkState
from pvzdesk.point.schema import SQLSTATE_APPEND_ONLY, SQLSTATE_FORK, SQLSTATE_GAP, SQLSTATE_LINK
from tests.point.conftest import open_desk
from tests.point.pg import Cluster

P1 = "0132112277-0101-1"
P2 = "0132112277-0101-2"


def test_receive_at_one_desk_is_seen_and_issuable_at_the_other(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1], cell="A-1")
        one.point.sync_once(one.store)
        # before desk 2 pulls, it knows nothing of the parcel
        assert two.point.state(two.store, P1).status is PostingStatus.UNKNOWN
        status = two.point.sync_once(two.store)
        assert status.point.state is LinkState.CONNECTED
        assert status.pulled == 1 and set(status.desks.values()) == {"1"}
        state = two.point.state(two.store, P1)
        assert state.status is PostingStatus.IN_STORAGE and state.cell == "A-1"
        assert two.store.postings.state(P1).status is PostingStatus.UNKNOWN  # its own journal


def test_push_is_idempotent_and_resumes_from_the_database(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one:
        assert one.point is not None
        for number in range(1, 31):
            one.counter.receive([f"0132112277-0101-{number}"])
        first = one.point.sync_once(one.store)
        again = one.point.sync_once(one.store)
        one.counter.note("после синхронизации")
        third = one.point.sync_once(one.store)
    assert (first.point.pushed, first.point.pending) == (30, 0)
    assert again.point.pushed == 30
    assert (third.point.pushed, third.point.pending) == (31, 0)
    with psycopg.connect(url) as conn:
        seqs = [r[0] for r in conn.execute("SELECT device_seq FROM entries ORDER BY device_seq")]
    assert seqs == list(range(1, 32))


def test_triggers_refuse_gaps_broken_links_forks_and_changes(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one:
        assert one.point is not None
        one.counter.receive([P1, P2])
        one.point.sync_once(one.store)
        device = one.store.device_id
    columns = (
        "device_id, device_seq, seq, entry_id, operator, kind, posting, raw, payload, wall_time,"
        " utc_offset_min, mono_ns, prev_hash, hash"
    )
    insert = f"INSERT INTO entries ({columns}) VALUES (%s, %s, 0, %s, '', 'note', '', '', '{{}}', '', 0, 0, %s, %s)"
    with psycopg.connect(url, autocommit=True) as conn:
        head = conn.execute(
            "SELECT hash FROM entries WHERE device_id = %s AND device_seq = 2", (device,)
        ).fetchone()
        assert head is not None
        cases = [
            ((device, 4, "x4", head[0], "h4"), SQLSTATE_GAP),
            ((device, 3, "x3", "not-the-head", "h3"), SQLSTATE_LINK),
            ((device, 2, "x2", "whatever", "another-hash"), SQLSTATE_FORK),
        ]
        for values, state in cases:
            with pytest.raises(psycopg.Error) as refused:
                conn.execute(insert, values)
            assert refused.value.sqlstate == state
        for statement in (
            "UPDATE entries SET operator = 'x'",
            "DELETE FROM entries",
            "TRUNCATE entries",
        ):
            with pytest.raises(psycopg.Error) as refused:
                conn.execute(statement)
            assert refused.value.sqlstate == SQLSTATE_APPEND_ONLY
        count = conn.execute("SELECT count(*) FROM entries").fetchone()
    assert count == (2,)


def test_a_forged_desk_is_not_copied(tmp_path: Path, pg_cluster: Cluster, point_db: str) -> None:
    """Rows whose links hold but whose hashes do not (a forger who knows the trigger) stop the pull
    for that desk; the honest desk's entries are still copied."""
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1])
        one.point.sync_once(one.store)
        with psycopg.connect(url, autocommit=True) as conn:
            for seq, prev in ((1, "0" * 64), (2, "fake1")):
                conn.execute(
                    "INSERT INTO entries (device_id, device_seq, seq, entry_id, operator, kind,"
                    " posting, raw, payload, wall_time, utc_offset_min, mono_ns, prev_hash, hash)"
                    " VALUES ('forger', %s, %s, %s, 'x', 'issue', %s, '', '{}',"
                    " '2026-11-20T07:00:00+00:00', 0, 0, %s, %s)",
                    (seq, seq, f"forged-{seq}", P1, prev, f"fake{seq}"),
                )
        status = two.point.sync_once(two.store)
        assert status.pulled == 1  # desk 1's receive; nothing of the forger
        assert two.point.state(two.store, P1).status is PostingStatus.IN_STORAGE


def test_a_journal_restored_from_an_old_copy_is_refused_loudly(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    """The same desk with a different history (an old copy of its folder put back, then new work)
    is refused with a clear error; the point database keeps the entries it had."""
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one:
        assert one.point is not None
        one.counter.receive([P1])
        one.point.sync_once(one.store)
    shutil.copytree(tmp_path / "desk-1", tmp_path / "old-copy")
    with open_desk(tmp_path, "1", url) as one:
        assert one.point is not None
        one.counter.receive([P2])
        one.point.sync_once(one.store)
    shutil.rmtree(tmp_path / "desk-1")
    shutil.copytree(tmp_path / "old-copy", tmp_path / "desk-1")
    with open_desk(tmp_path, "1", url) as restored:
        assert restored.point is not None
        restored.counter.note("другая история")
        with pytest.raises(PointError) as refused:
            restored.point.sync_once(restored.store)
    assert "не приняла записи этой кассы" in refused.value.message
    with psycopg.connect(url) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM entries ORDER BY device_seq")]
    assert kinds == ["receive", "receive"]
