"""The whole point at every desk: Хранение lists every desk's parcels, the support bundle covers
every desk, a CLI counter command reaches the other desks at once. Real PostgreSQL, real Qt."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.rules import FindingCode
from pvzdesk.domain.state import PostingStatus
from pvzdesk.i18n import set_language
from pvzdesk.reports.chain_file import check_chain_jsonl
from pvzdesk.services.customer_card import customer_parcels, find_by_order
from pvzdesk.services.results import OpResult
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.screens.storage import StorageScreen
from pvzdesk.ui.screens.storage_parts import StorageModel
from tests.point.conftest import desk_env, open_desk, write_desk_settings
from tests.point.pg import Cluster
from tests.point.proxy import LinkProxy
from tests.ui.conftest import add_manifest, posting

P1, P2, P3, P4 = (f"0132112277-010{n}-1" for n in range(1, 5))

# The offscreen platform cannot size a window the way a real one does; nothing is wrong.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language(None)


def listed(screen: StorageScreen) -> dict[str, str]:
    """Posting -> the desk column, as the table shows it."""
    model = screen.model
    return {
        str(model.data(model.index(row, 0))): str(model.data(model.index(row, model.DESK_COLUMN)))
        for row in range(model.rowCount())
    }


def test_storage_at_desk_two_lists_the_whole_point_and_follows_the_other_desk(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, qtbot: QtBot, english: None
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1], cell="A-1")
        one.counter.receive([P2], cell="A-2")
        two.counter.receive([P3], cell="B-1")
        one.point.sync_once(one.store)
        ctx = UiContext(two)
        screen = StorageScreen(ctx)
        qtbot.addWidget(screen)
        try:
            two.point.interval_s = 0.1
            two.start_point()  # the window's link: push, pull (NOTIFY), and the screens told
            screen.show()
            screen.on_activated()
            qtbot.waitUntil(lambda: set(listed(screen)) == {P1, P2, P3}, timeout=30_000)
            assert listed(screen) == {P1: "1", P2: "1", P3: "2"}
            assert not screen.table.isColumnHidden(StorageModel.DESK_COLUMN)
            row = screen.model.row_of(P1)
            tip = screen.model.data(
                screen.model.index(row, StorageModel.DESK_COLUMN), Qt.ItemDataRole.ToolTipRole
            )
            assert tip == "received at desk 1"
            assert screen.model.states[row].cell == "A-1"

            # desk 1 issues P2 and receives P4: desk 2's list follows with no action of its own
            assert one.counter.issue([P2]).entries
            one.counter.receive([P4])
            one.point.sync_once(one.store)
            qtbot.waitUntil(lambda: set(listed(screen)) == {P1, P3, P4}, timeout=30_000)

            # desk 2 issues P1 (received at desk 1) at its counter: it leaves desk 1's picture too
            results: list[OpResult] = []
            ctx.perform(lambda counter: counter.issue([P1]), on_done=results.append)
            qtbot.waitUntil(lambda: bool(results), timeout=30_000)
            assert results[0].entries and not results[0].findings
            qtbot.waitUntil(lambda: set(listed(screen)) == {P3, P4}, timeout=30_000)
            written = two.store.journal.count()
            qtbot.waitUntil(
                lambda: two.point is not None and two.point.link().pushed >= written,
                timeout=30_000,
            )
            one.point.sync_once(one.store)
            assert {p.state.posting for p in one.counter.parcels_at_point()} == {P3, P4}
            # the lists of deadlines use the same picture
            later = one.counter.today + timedelta(days=30)
            assert {s.posting for s in one.counter.due_by(later)} == {P3, P4}
            assert one.store.postings.state(P1).status is PostingStatus.IN_STORAGE  # own journal
        finally:
            ctx.shutdown()


def test_the_desk_column_stays_hidden_for_a_desk_on_its_own(
    tmp_path: Path, qtbot: QtBot, english: None
) -> None:
    with open_desk(tmp_path, "1") as alone:
        alone.counter.receive([P1])
        ctx = UiContext(alone)
        screen = StorageScreen(ctx)
        qtbot.addWidget(screen)
        try:
            screen.show()
            screen.on_activated()
            qtbot.waitUntil(lambda: screen.model.rowCount() == 1, timeout=10_000)
            assert screen.table.isColumnHidden(StorageModel.DESK_COLUMN)
            assert [p.desk for p in alone.counter.parcels_at_point()] == [""]
        finally:
            ctx.shutdown()


def _incident_with_both_desks(one: AppContext, two: AppContext) -> str:
    incident, _ = one.incidents.start("timeout")
    one.counter.receive([P1])
    two.counter.receive([P2])
    two.counter.issue([P2])
    one.incidents.end(incident.incident_id)
    assert two.point is not None and one.point is not None
    two.point.sync_once(two.store)
    one.point.sync_once(one.store)
    return incident.incident_id


def test_the_bundle_covers_every_desk_labelled_with_each_chain_head(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    url = pg_cluster.url(point_db)
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        incident_id = _incident_with_both_desks(one, two)
        target = one.services.reporting.bundle(tmp_path / "b.zip", incident_id=incident_id)
        head_seq, head_hash = two.store.journal.head()
        desk_two = [e for e in two.store.journal.entries() if e.posting == P2]
    with zipfile.ZipFile(target) as bundle:
        names = set(bundle.namelist())
        summary = bundle.read("summary.txt").decode("utf-8")
        operations = bundle.read("point/operations.csv").decode("utf-8-sig")
        chain = bundle.read("point/desk-2/chain.jsonl").decode("utf-8")
    assert {"point/operations.csv", "point/operations.xlsx", "point/desk-2/chain.jsonl"} <= names
    assert "Вся точка: эта касса (1) и других касс: 1" in summary
    assert f"вершина её цепочки № {head_seq}, SHA-256 {head_hash}" in summary
    assert all(entry.entry_id in summary for entry in desk_two)  # desk 2's operations, named
    header, *rows = csv.reader(io.StringIO(operations), delimiter=";")
    assert header[:2] == ["Время", "Касса"]
    column = {name: index for index, name in enumerate(header)}
    desks_of = {(row[column["Отправление"]], row[column["Касса"]]) for row in rows}
    assert desks_of == {(P1, "1"), (P2, "2")}
    assert check_chain_jsonl(chain) == (True, None)
    assert all(entry.entry_id in chain for entry in desk_two)


def test_a_bundle_without_a_point_database_says_it_covers_this_desk_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pvzdesk.cli.main import main

    with open_desk(tmp_path, "1") as alone:
        incident, _ = alone.incidents.start("timeout")
        alone.counter.receive([P1])
        folder = alone.paths.root
    target = tmp_path / "b.zip"
    assert main(["--data-dir", str(folder), "bundle", "--out", str(target)]) == 0
    assert "В нём только эта касса: база точки не настроена." in capsys.readouterr().out
    with zipfile.ZipFile(target) as bundle:
        summary = bundle.read("summary.txt").decode("utf-8")
        assert not any(name.startswith("point/") for name in bundle.namelist())
    assert "Пакет охватывает только эту кассу: база точки не настроена" in summary
    assert incident.incident_id in summary


def _pvzdesk(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env={**desk_env(), "LANG": "ru_RU.UTF-8"},
        timeout=120,
    )


def test_a_cli_issue_reaches_the_other_desk_without_a_point_sync(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, proxy: LinkProxy
) -> None:
    one = tmp_path / "desk-1"
    write_desk_settings(one, "1", proxy.url(point_db))
    received = _pvzdesk(one, "receive", P1, P2)
    assert received.returncode == 0, received.stderr
    issued = _pvzdesk(one, "issue", P1)
    assert issued.returncode == 0, issued.stderr
    assert issued.stderr == ""  # nothing to say: the point database took it
    with open_desk(tmp_path, "2", pg_cluster.url(point_db)) as two:
        assert two.point is not None
        two.point.sync_once(two.store)  # desk 2's own pull; desk 1 never ran «point sync»
        assert two.point.state(two.store, P1).status is PostingStatus.ISSUED
        assert two.point.state(two.store, P2).status is PostingStatus.IN_STORAGE
        refused = two.counter.issue([P1])
        assert not refused.entries and refused.findings[0].code is FindingCode.ALREADY_ISSUED
    with psycopg.connect(pg_cluster.url(point_db)) as conn:
        assert conn.execute("SELECT posting, desk_name FROM claims").fetchall() == [(P1, "1")]

    # the database away: the command still succeeds and says so calmly, in one line
    proxy.cut()
    offline = _pvzdesk(one, "issue", P2)
    assert offline.returncode == 0, offline.stderr
    assert offline.stderr.strip() == (
        "Сохранено на этой кассе. База точки не ответила: записи уйдут туда при следующей "
        "синхронизации."
    )
    assert P2 in offline.stdout


def test_a_desk_moved_to_another_point_database_forgets_the_old_points_desks(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, central_db: str
) -> None:
    from dataclasses import replace

    first, second = pg_cluster.url(point_db), pg_cluster.url(central_db)  # two empty databases
    with open_desk(tmp_path, "1", first) as one, open_desk(tmp_path, "2", first) as two:
        assert one.point is not None and two.point is not None
        one.counter.receive([P1])
        two.counter.receive([P2])
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)
        assert {p.state.posting for p in two.counter.parcels_at_point()} == {P1, P2}
        settings = two.settings
        two.apply_settings(replace(settings, point=replace(settings.point, database_url=second)))
        moved = two.point
        assert moved is not None and moved is not one.point and moved.point.url == second
        status = moved.sync_once(two.store)
        # the other point's desk and its parcel are gone; this desk's own journal is all there
        assert status.desks == {} and status.pulled == 0
        assert {p.state.posting for p in two.counter.parcels_at_point()} == {P2}
        assert two.counter.picture(P1).status is PostingStatus.UNKNOWN
        assert status.point.pushed == two.store.journal.count() and status.unclaimed == 0


def test_an_overdue_parcel_of_another_desk_is_in_the_list_to_send_back(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    from pvzdesk.app import open_app
    from pvzdesk.clock import FixedClock, SystemClock

    url = pg_cluster.url(point_db)
    now = SystemClock().now()
    write_desk_settings(tmp_path / "desk-1", "1", url)
    # desk 1 received P1 ten days ago (7 days of storage): overdue today
    with open_app(tmp_path / "desk-1", clock=FixedClock(now - timedelta(days=10))) as one:
        assert one.point is not None
        one.counter.receive([P1])
        one.point.sync_once(one.store)
    with open_desk(tmp_path, "2", url) as two:
        assert two.point is not None
        two.counter.receive([P2])
        two.point.sync_once(two.store)
        yesterday = two.counter.today - timedelta(days=1)
        assert [state.posting for state in two.counter.due_by(yesterday)] == [P1]
        # and it can be sent back here: the claim and the write go through at desk 2
        sent = two.counter.send_back([P1])
        assert sent.entries and not sent.findings
        assert two.counter.due_by(yesterday) == []


def test_the_customer_card_at_desk_two_lists_the_parcels_received_at_desk_one(
    tmp_path: Path, pg_cluster: Cluster, point_db: str
) -> None:
    """A customer's two parcels, one received at each desk: the card at desk 2 (by the order
    number, and by the first parcel scanned) fetches both; once desk 1 issued one, only the other."""
    url = pg_cluster.url(point_db)
    order = P1.rsplit("-", 1)[0]
    same_order = f"{order}-2"  # the second parcel of the same order
    with open_desk(tmp_path, "1", url) as one, open_desk(tmp_path, "2", url) as two:
        assert one.point is not None and two.point is not None
        for desk in (one, two):  # each desk's own list names the customer
            add_manifest(desk, [posting(P1, customer="c-7"), posting(same_order, customer="c-7")])
        one.counter.receive([P1], cell="A-1")
        two.counter.receive([same_order], cell="B-1")
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)

        def fetched(desk: AppContext) -> dict[str, str]:
            card = find_by_order(desk.store, order, desk.counter.picture)
            assert card.found
            return {state.posting: state.cell for state in card.parcels}

        assert fetched(two) == {P1: "A-1", same_order: "B-1"}
        key = find_by_order(two.store, order, two.counter.picture).customer_keys[0]
        listed_first = customer_parcels(two.store, key, two.counter.picture)  # the first scan's
        assert {state.posting for state in listed_first if state.at_point} == {P1, same_order}

        assert one.counter.issue([P1]).entries
        one.point.sync_once(one.store)
        two.point.sync_once(two.store)
        assert fetched(two) == {same_order: "B-1"}
        # desk 2's own journal never saw P1 arrive: the card above needed the point's picture
        assert two.store.postings.state(P1).status is PostingStatus.EXPECTED
