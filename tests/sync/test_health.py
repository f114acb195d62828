"""The health monitor against real endpoints: the simulator's outage switch, a closed port,
a refused key; the state machine's hysteresis on its own; incidents journaled."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pvzdesk.app import open_app
from pvzdesk.services.incidents import IncidentService
from pvzdesk.simulator import Simulator
from pvzdesk.sync.health import (
    HealthMachine,
    HealthMonitor,
    HealthState,
    ProbeResult,
    ProbeTarget,
    targets_for,
)

T0 = datetime(2026, 6, 27, 10, 0, tzinfo=UTC)
OK = ProbeResult("login", True, http_status=200)
DOWN = ProbeResult("login", False, "connect")
KEY = ProbeResult("seller_api", False, "key_problem", 403)


def _closed_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return int(probe_socket.getsockname()[1])  # closed again when the block ends


def _states(machine: HealthMachine, results: list[ProbeResult]) -> list[str]:
    states = []
    for minute, result in enumerate(results):
        machine.observe([result], T0 + timedelta(minutes=minute))
        states.append(machine.snapshot.state.value)
    return states


def test_machine_hysteresis_both_ways() -> None:
    machine = HealthMachine(failures_to_offline=3, successes_to_online=2)
    states = _states(machine, [DOWN, OK, DOWN, DOWN, DOWN, DOWN, OK, DOWN, OK, OK, OK])
    assert states == [
        "degraded", "online",  # one blip: degraded, back at once, no incident
        "degraded", "degraded", "offline", "offline",  # three in a row: offline
        "degraded", "offline",  # one success is not enough; a failure sends it back
        "degraded", "online", "online",  # two in a row: online
    ]  # fmt: skip


def test_machine_offline_since_and_incident_marks() -> None:
    machine = HealthMachine(failures_to_offline=2, successes_to_online=1)
    assert machine.observe([DOWN], T0) is not None
    started = machine.observe([DOWN], T0 + timedelta(minutes=1))
    assert started is not None and started.incident == "start"
    assert machine.snapshot.offline_since == T0
    ended = machine.observe([OK], T0 + timedelta(minutes=5))
    assert ended is not None and ended.incident == "end"
    assert machine.snapshot.offline_since is None


def test_key_problem_is_not_an_outage() -> None:
    machine = HealthMachine(failures_to_offline=1)
    assert _states(machine, [KEY, KEY, KEY]) == ["online"] * 3
    assert machine.snapshot.key_problem


def test_monitor_follows_the_simulator_outage_and_journals_the_incident(tmp_path: Path) -> None:
    with Simulator(postings=5) as sim, open_app(tmp_path / "data") as app:
        target = ProbeTarget("login", sim.base_url + "/login")
        with HealthMonitor([target], machine=HealthMachine(2, 2), clock=app.clock) as monitor:
            seen: list[str] = []
            monitor.add_listener(lambda snapshot: seen.append(snapshot.state.value))
            assert monitor.probe_round(app.incidents).state is HealthState.ONLINE
            sim.set_outage(True)
            first = monitor.probe_round(app.incidents)
            second = monitor.probe_round(app.incidents)
            sim.set_outage(False)
            recovering = monitor.probe_round(app.incidents)
            back = monitor.probe_round(app.incidents)
        incidents = app.incidents.incidents()
    assert (first.state, first.failure) == (HealthState.DEGRADED, "server_error")
    assert second.state is HealthState.OFFLINE and second.offline_since is not None
    assert first.checked_at is not None and second.offline_since <= first.checked_at
    assert incidents[0].started_at == second.offline_since  # the first failed probe
    assert recovering.state is HealthState.DEGRADED
    assert back.state is HealthState.ONLINE
    assert seen == ["online", "degraded", "offline", "degraded", "online"]
    assert len(incidents) == 1
    assert incidents[0].reason == "server_error" and not incidents[0].is_open


def test_connection_refused_is_classified_connect() -> None:
    target = ProbeTarget("login", f"http://127.0.0.1:{_closed_port()}/login")
    with HealthMonitor([target], machine=HealthMachine(1, 1)) as monitor:
        snapshot = monitor.probe_round()
    assert snapshot.state is HealthState.OFFLINE
    assert snapshot.failure == "connect"


def test_unresolvable_host_is_classified_dns() -> None:
    target = ProbeTarget("login", "http://pvzdesk-no-such-host.invalid/login")
    with HealthMonitor([target], timeout_s=3) as monitor:
        snapshot = monitor.probe_round()
    assert snapshot.results[0].failure in ("dns", "timeout")  # a sandbox may time out instead


def test_refused_key_and_expiring_key() -> None:
    soon = datetime.now(UTC) + timedelta(days=5)
    with Simulator(postings=5, key_expires_at=soon) as sim:
        good = targets_for("ozon_seller", "", sim.base_url, sim.client_id, sim.api_key)
        bad = targets_for("ozon_seller", "", sim.base_url, sim.client_id, "wrong-key")
        with HealthMonitor(good) as monitor:
            healthy = monitor.probe_round()
        with HealthMonitor(bad, machine=HealthMachine(1, 1)) as monitor:
            refused = monitor.probe_round()
    assert healthy.state is HealthState.ONLINE
    assert healthy.key_expires_soon
    assert healthy.key_expires_at is not None
    assert refused.state is HealthState.ONLINE  # the platform answered: not an outage
    assert refused.key_problem
    assert refused.results[0].failure == "key_problem" and refused.results[0].http_status == 403


def test_partner_points_probe_the_login_page() -> None:
    [target] = targets_for("reentry", "https://login.example/", "https://api.example", "1", "k")
    assert target.name == "login"


def test_a_manual_incident_is_not_ended_by_the_monitor(tmp_path: Path) -> None:
    with Simulator(postings=5) as sim, open_app(tmp_path / "data") as app:
        app.incidents.start("manual", "the scanner app hangs")
        target = ProbeTarget("login", sim.base_url + "/login")
        with HealthMonitor([target], machine=HealthMachine(1, 1)) as monitor:
            sim.set_outage(True)
            monitor.probe_round(app.incidents)
            sim.set_outage(False)
            monitor.probe_round(app.incidents)
        open_incident = app.incidents.open_incident()
    assert open_incident is not None and open_incident.reason == "manual"


def test_background_thread_probes_and_journals_on_its_own_connection(tmp_path: Path) -> None:
    with Simulator(postings=5) as sim, open_app(tmp_path / "data") as app:
        sim.set_outage(True)
        offline = threading.Event()

        @contextmanager
        def incidents() -> Iterator[IncidentService]:
            services = app.connect()
            try:
                yield services.incidents
            finally:
                services.close()

        monitor = HealthMonitor(
            [ProbeTarget("login", sim.base_url + "/login")],
            interval_s=0.05,
            machine=HealthMachine(2, 1),
            incidents_factory=incidents,
        )
        monitor.add_listener(lambda s: offline.set() if s.state is HealthState.OFFLINE else None)
        monitor.start()
        try:
            assert offline.wait(10)
        finally:
            monitor.close()
        incident = app.incidents.open_incident()
    assert incident is not None and incident.reason == "server_error"


@pytest.mark.parametrize("failures, successes", [(0, 1), (1, 0)])
def test_machine_rejects_zero_thresholds(failures: int, successes: int) -> None:
    with pytest.raises(ValueError):
        HealthMachine(failures, successes)
