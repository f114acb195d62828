"""Claims: the same parcel at two desks at once is taken by one; a double issue made while isolated
is found on reconnect and reported once, at both desks."""

from __future__ import annotations

import threading
from pathlib import Path

import psycopg

from pvzdesk.app import AppContext
from pvzdesk.domain.models import EntryKind
from pvzdesk.point.claims import ClaimOutcome
from pvzdesk.point.desk import LinkState
from pvzdesk.storage import Store
from tests.point.conftest import open_desk
from tests.point.pg import Cluster
from tests.point.proxy import LinkProxy

RACES = 1_000
P1 = "0132112277-0101-1"


def test_the_same_parcel_claimed_at_two_desks_at_once_goes_to_one(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        desks = [one, two]
        for desk in desks:
            assert desk.point is not None
            desk.point.sync_once(desk.store)  # connected: claims are asked for
        barrier = threading.Barrier(2)
        outcomes: list[list[ClaimOutcome | None]] = [[], []]

        def race(index: int, desk: AppContext) -> None:
            assert desk.point is not None
            store: Store = desk.store.reconnect(desk.clock)  # this thread's own connection
            try:
                for number in range(RACES):
                    barrier.wait()
                    outcomes[index].append(
                        desk.point.claim(store, EntryKind.ISSUE, f"race-{number}", "кассир")
                    )
            finally:
                store.close()

        threads = [threading.Thread(target=race, args=(i, d)) for i, d in enumerate(desks)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    answered = [(a, b) for a, b in zip(*outcomes, strict=True) if a is not None and b is not None]
    assert len(answered) == RACES  # nobody went isolated on loopback with a 5 s budget
    winners = [int(a.granted) + int(b.granted) for a, b in answered]
    assert winners == [1] * RACES
    assert sum(a.granted for a, _ in answered) not in (0, RACES)  # both desks won some
    with psycopg.connect(url) as conn:
        rows = conn.execute("SELECT count(*), count(DISTINCT posting) FROM claims").fetchone()
    assert rows == (RACES, RACES)


def test_a_lost_claim_names_the_desk_the_operator_and_the_time(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with (
        open_desk(tmp_path, "1", url, operator="Иванова") as one,
        open_desk(tmp_path, "2", url) as two,
    ):
        assert one.point is not None and two.point is not None
        for desk in (one, two):
            desk.point.sync_once(desk.store)
        won = one.point.claim(one.store, EntryKind.ISSUE, P1, "Иванова")
        lost = two.point.claim(two.store, EntryKind.ISSUE, P1, "Петров")
        # the same desk asking again (a retry after a crash) holds its own claim
        again = one.point.claim(one.store, EntryKind.ISSUE, P1, "Иванова")
    assert won is not None and won.granted
    assert again is not None and again.granted
    assert lost is not None and not lost.granted and lost.holder is not None
    assert (lost.holder.desk_name, lost.holder.operator, lost.holder.kind) == (
        "1",
        "Иванова",
        EntryKind.ISSUE,
    )
    assert lost.holder.at.tzinfo is not None


def test_an_issue_seen_through_the_pull_makes_the_next_claim_a_new_one(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    """Issue at desk 1, client return at desk 2 after it pulled: two claims, no conflict."""
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        for desk in (one, two):
            desk.point.sync_once(desk.store)
        one.counter.receive([P1])
        granted = one.point.claim(one.store, EntryKind.ISSUE, P1, "Иванова")
        assert granted is not None and granted.granted
        assert one.counter.issue([P1]).entries  # its own claim: granted again
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)
        returned = two.point.claim(two.store, EntryKind.CLIENT_RETURN, P1, "Петров")
        assert returned is not None and returned.granted and returned.claim_no == 1
        status = two.point.sync_once(two.store)
    assert status.conflicts == ()


def test_a_double_issue_while_isolated_is_reported_once_at_both_desks(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, proxy: LinkProxy
) -> None:
    url = proxy.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1])
        for desk in (one, two, one, two):
            desk.point.sync_once(desk.store)
        proxy.cut()
        # both desks: the claim is not answered, the desk goes on isolated and journals the issue
        for desk, operator in ((one, "Иванова"), (two, "Петров")):
            assert desk.point is not None
            assert desk.point.claim(desk.store, EntryKind.ISSUE, P1, operator) is None
            assert desk.point.link().state is LinkState.ISOLATED
            assert desk.counter.issue([P1]).entries
        proxy.restore()
        for desk in (one, two, one, two):
            desk.point.sync_once(desk.store)
        seen = [desk.point.status(desk.store) for desk in (one, two)]
    with psycopg.connect(pg_cluster.url(point_db)) as conn:
        stored = conn.execute("SELECT count(*) FROM conflicts").fetchone()
    assert stored == (1,)
    assert [len(status.conflicts) for status in seen] == [1, 1]
    assert seen[0].conflicts[0]["id"] == seen[1].conflicts[0]["id"]
    conflict = seen[0].conflicts[0]
    assert {conflict["holder_desk"], conflict["desk_name"]} == {"1", "2"}
    assert conflict["kind"] == conflict["holder_kind"] == "issue"
    assert all(status.unclaimed == 0 for status in seen)


def test_the_counter_is_told_who_issued_it_and_when(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    from datetime import datetime

    from pvzdesk.domain.models import EntryDraft
    from pvzdesk.domain.rules import FindingCode
    from pvzdesk.services.messages import describe

    url = pg_cluster.url(point_db)
    with (
        open_desk(tmp_path, "2", url, operator="Иванова") as one,
        open_desk(tmp_path, "1", url) as two,
    ):
        assert one.point is not None and two.point is not None
        for desk in (one, two):
            desk.point.sync_once(desk.store)
        first, second = one.counter.claims, two.counter.claims  # what app.py gave the counters
        draft = EntryDraft(EntryKind.ISSUE, P1)
        state = one.store.postings.state(P1)
        assert first.claim(draft, state) is None
        refused = second.claim(draft, state)
    assert refused is not None and refused.code is FindingCode.CLAIMED_ELSEWHERE
    at = refused.params["at"]
    assert isinstance(at, datetime)
    sentence = describe(refused)
    assert sentence.startswith(f"{P1}: выдано на кассе 2 в ")
    assert sentence.endswith(", Иванова. Ничего не записано.")


def test_a_slow_link_isolates_the_desk_within_the_budget_and_nothing_is_claimed_twice(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, proxy: LinkProxy
) -> None:
    url = proxy.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        for desk in (one, two):
            desk.point.sync_once(desk.store)
        one.point.claim_timeout_s = 0.3
        one.counter.receive([P1])
        proxy.delay_s = 1.0  # every packet a second late: the claim cannot answer in 0.3 s
        assert one.point.claim(one.store, EntryKind.ISSUE, P1, "Иванова") is None
        assert one.point.link().state is LinkState.ISOLATED
        issued = one.counter.issue([P1]).entries
        assert issued
        proxy.restore()
        status = one.point.sync_once(one.store)
        assert status.unclaimed == 0 and status.conflicts == ()
        assert status.claimed == 1
        lost = two.point.claim(two.store, EntryKind.ISSUE, P1, "Петров")
        assert lost is not None and not lost.granted and lost.holder is not None
        assert lost.holder.desk_name == "1"
    with psycopg.connect(pg_cluster.url(point_db)) as conn:
        assert conn.execute("SELECT count(*) FROM claims").fetchone() == (1,)


def test_the_counter_uses_the_point_picture_and_claims(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    from pvzdesk.domain.rules import FindingCode
    from pvzdesk.services.messages import describe

    url = pg_cluster.url(point_db)
    with (
        open_desk(tmp_path, "1", url) as one,
        open_desk(tmp_path, "2", url, operator="Иванова") as two,
    ):
        assert one.point is not None and two.point is not None
        one.counter.receive([P1])
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)
        issued = two.counter.issue([P1])  # received at desk 1: issuable here, with no warning
        assert [e.kind for e in issued.entries] == [EntryKind.ISSUE] and not issued.warned
        again = one.counter.issue([P1])  # desk 1 has not pulled the issue: its claim is refused
        assert again.entries == () and again.blocked
        (finding,) = [f for f in again.findings if f.code is FindingCode.CLAIMED_ELSEWHERE]
        assert ": выдано на кассе 2 в " in describe(finding)
        assert describe(finding).endswith(", Иванова. Ничего не записано.")
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)
        one.point.sync_once(one.store)
        status = one.point.status(one.store)
        # after the pull desk 1 knows: its own rules refuse it, and nothing is in conflict
        known = one.counter.issue([P1])
        assert [f.code for f in known.findings] == [FindingCode.ALREADY_ISSUED]
    assert status.conflicts == () and status.unclaimed == 0


def test_the_counters_of_two_desks_racing_issue_each_parcel_once(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    parcels = [f"0132112277-{n:04d}-1" for n in range(1, 101)]
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive(parcels)
        for desk in (one, two, one, two):
            assert desk.point is not None
            desk.point.sync_once(desk.store)
    barrier = threading.Barrier(2)
    issued: list[list[str]] = [[], []]

    def race(index: int, name: str) -> None:
        # each desk in its own thread, with its own connections, as two counters are
        with open_desk(tmp_path, name, url) as desk:
            assert desk.point is not None
            desk.point.sync_once(desk.store)
            for parcel in parcels:
                barrier.wait()
                result = desk.counter.issue([parcel])
                issued[index].extend(e.posting for e in result.entries)

    threads = [threading.Thread(target=race, args=(i, n)) for i, n in enumerate(("1", "2"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(issued[0] + issued[1]) == sorted(parcels)  # each once, at exactly one desk


def test_a_claim_the_server_lost_in_a_crash_is_made_again_or_reported(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    """Claims commit without waiting for the server's disk; the next round makes them durable. A
    claim lost before that (here: removed behind pvzdesk's back, as a crash would) is found."""
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1, "0132112277-0101-2"])
        for desk in (one, two, one):
            desk.point.sync_once(desk.store)
        assert one.counter.issue([P1, "0132112277-0101-2"]).entries
        with psycopg.connect(pg_cluster.url(point_db), autocommit=True) as conn:
            conn.execute("ALTER TABLE claims DISABLE TRIGGER USER")
            conn.execute("DELETE FROM claims")
            conn.execute("ALTER TABLE claims ENABLE TRIGGER USER")
        assert two.counter.issue([P1]).entries  # the claim is gone: desk 2 gets it too
        one.point.sync_once(one.store)  # desk 1 re-asserts: parcel 2 again, parcel 1 in conflict
        two.point.sync_once(two.store)
        seen = [desk.point.status(desk.store) for desk in (one, two)]
    with psycopg.connect(pg_cluster.url(point_db)) as conn:
        claims = conn.execute("SELECT posting FROM claims ORDER BY posting").fetchall()
    assert claims == [(P1,), ("0132112277-0101-2",)]
    assert [len(status.conflicts) for status in seen] == [1, 1]
    assert seen[0].conflicts[0]["posting"] == P1
