"""Incidents start when the outage did: at the monitor's first failed probe, not when it was
detected three probes later; an incident entry that fails to be written is retried until it
lands; a person declaring one says when it began."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.cli.main import main
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.reports.model import ReportPeriod
from pvzdesk.simulator import Simulator
from pvzdesk.storage.waiting import Waiting
from pvzdesk.sync.health import HealthMachine, HealthMonitor, HealthState, ProbeTarget

T0 = datetime.fromisoformat("2026-06-27T10:00:00+03:00")
PARCEL = "0132112277-0101-1"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(T0)


@pytest.fixture
def app(tmp_path: Path, clock: FixedClock) -> Iterator[AppContext]:
    with open_app(tmp_path / "data", clock=clock) as context:
        yield context


def monitor_for(sim: Simulator, clock: FixedClock) -> HealthMonitor:
    target = ProbeTarget("login", sim.base_url + "/login")
    return HealthMonitor([target], machine=HealthMachine(3, 1), clock=clock)


def test_a_receive_in_the_detection_delay_is_on_every_list(
    app: AppContext, clock: FixedClock
) -> None:
    with Simulator(postings=5) as sim, monitor_for(sim, clock) as monitor:
        assert monitor.probe_round(app.incidents).state is HealthState.ONLINE
        sim.set_outage(True)
        clock.advance(timedelta(seconds=15))
        first_failure = clock.now()
        monitor.probe_round(app.incidents)  # 1st failure: degraded, nothing journaled yet
        clock.advance(timedelta(seconds=5))
        received = app.counter.receive([PARCEL]).entries[0]  # 5 s into the outage
        clock.advance(timedelta(seconds=10))
        monitor.probe_round(app.incidents)
        clock.advance(timedelta(seconds=15))
        detected = monitor.probe_round(app.incidents)  # 3rd failure: offline, journaled now
        assert detected.state is HealthState.OFFLINE
    incident = app.incidents.latest()
    assert incident is not None
    assert incident.started_at == first_failure
    assert incident.detected_at == clock.now()  # the journal keeps when it was detected too
    # the worklist, the waiting counts, the re-entry sheet's entries and the report
    worklist = app.services.reconcile.worklist()
    assert [item.entry.entry_id for item in worklist.remaining()] == [received.entry_id]
    assert Waiting(app.store.db, app.store.path).counts("reentry").waiting == 1
    assert received.entry_id in app.incidents.entries_during(incident)
    period = ReportPeriod.day(T0.date(), T0.tzinfo)  # type: ignore[arg-type]
    report = app.services.reporting.day_report(period)
    offline = next(s for s in report.sections if s.key == "incident_operations")
    assert any(PARCEL in " ".join(str(cell) for cell in row) for row in offline.rows)
    bundle = app.services.reporting.bundle(app.paths.reports / "ticket.zip")
    with zipfile.ZipFile(bundle) as ticket:
        assert received.entry_id in ticket.read("chain/chain.jsonl").decode("utf-8")


def test_a_failed_incident_write_is_retried_and_shown_pending(
    app: AppContext, clock: FixedClock
) -> None:
    conn = app.store.db.conn
    conn.execute(
        "CREATE TEMP TRIGGER no_incident BEFORE INSERT ON entries "
        "WHEN NEW.kind = 'incident_start' BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    with Simulator(postings=5) as sim, monitor_for(sim, clock) as monitor:
        sim.set_outage(True)
        first_failure = clock.now()
        for _ in range(3):
            snapshot = monitor.probe_round(app.incidents)
            clock.advance(timedelta(seconds=15))
        assert snapshot.state is HealthState.OFFLINE and snapshot.incident_pending
        assert app.incidents.latest() is None
        again = monitor.probe_round(app.incidents)  # still failing to write: still pending
        assert again.incident_pending
        conn.execute("DROP TRIGGER no_incident")  # the disk has room again
        landed = monitor.probe_round(app.incidents)
        assert not landed.incident_pending
        incident = app.incidents.latest()
        assert incident is not None and incident.started_at == first_failure
        sim.set_outage(False)
        monitor.probe_round(app.incidents)
    ended = app.incidents.latest()
    assert ended is not None and not ended.is_open


def test_a_declared_incident_begins_when_the_person_says(
    app: AppContext, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = str(app.paths.root)
    app.close()
    assert main(["--data-dir", data_dir, "incident", "start", "--since", "27.06.2026 09:40"]) == 0
    with open_app(data_dir) as again:
        incident = again.incidents.latest()
        starts = list(again.store.journal.entries())
    assert incident is not None and incident.reason == "manual"
    assert incident.started_at.astimezone().strftime("%d.%m.%Y %H:%M") == "27.06.2026 09:40"
    assert incident.detected_at is not None and incident.detected_at >= incident.started_at
    assert [entry.kind for entry in starts] == [EntryKind.INCIDENT_START]


def test_a_manual_start_defaults_to_now_and_never_lies_ahead(
    app: AppContext, clock: FixedClock
) -> None:
    now, _ = app.incidents.start("manual")
    assert now.started_at == clock.now()
    app.incidents.end()
    later, _ = app.incidents.start("manual", started_at=clock.now() + timedelta(hours=1))
    assert later.started_at == clock.now()
