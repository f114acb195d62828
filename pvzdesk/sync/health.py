"""The health monitor: is the platform usable right now, and since when has it not been?

``HealthMachine`` is the pure state machine (no I/O, no clock: it is handed results and times).
``HealthMonitor`` probes on a schedule in its own thread, feeds the machine, journals incidents
through ``IncidentService`` and tells listeners. The UI reads ``snapshot()`` from any thread.

    online ──failure──▶ degraded ──N failures in a row──▶ offline   (incident_start journaled,
                                                                   started at the FIRST failure)
    offline ──success──▶ degraded (recovering) ──M successes in a row──▶ online (incident_end)
    degraded (never offline) ──success──▶ online

The incident starts when the outage did: at the first failed probe of the run of failures that
led to it (the journal entry's own time is when it was detected). An incident entry that cannot
be written (disk full, journal busy) is kept and retried every round until it lands; the
snapshot's ``incident_pending`` says so meanwhile.

A 401/403 is a key problem, not an outage: the platform answered. It is shown as such and does
not start an incident. A manual incident (``IncidentService.start("manual")``) is never ended by
the monitor; the operator ends it.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

import httpx

from pvzdesk.clock import Clock, SystemClock
from pvzdesk.sync.seller_api import (
    KEY_PROBLEM,
    PATH_ROLES,
    RATE_LIMITED,
    SERVER_ERROR,
    ReplyTooLarge,
    bounded_request,
    classify_transport,
    deadline_transport,
)
from pvzdesk.sync.seller_wire import PlatformReplyError, parse_roles

log = logging.getLogger(__name__)

HTTP_ERROR = "http_error"  # the login page answered with a status that is no page
KEY_WARNING_DAYS = 14
PROBE_MAX_BYTES = 1024 * 1024
MANUAL = "manual"


class OpenIncident(Protocol):
    @property
    def incident_id(self) -> str: ...

    @property
    def reason(self) -> str: ...


class IncidentLog(Protocol):
    """``services.incidents.IncidentService`` fits."""

    """Where incidents are journaled: ``services.incidents.IncidentService`` fits."""

    def start(
        self, reason: str = ..., detail: str = ..., started_at: datetime | None = ...
    ) -> tuple[OpenIncident, object]: ...

    def end(self, incident_id: str = ...) -> tuple[OpenIncident | None, object]: ...

    def open_incident(self) -> OpenIncident | None: ...


class HealthState(StrEnum):
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"


@dataclass(frozen=True)
class ProbeTarget:
    name: str  # "login" or "seller_api"
    url: str
    headers: dict[str, str] = field(default_factory=dict)  # Seller API auth; never logged

    @property
    def is_seller_api(self) -> bool:
        return self.name == "seller_api"


@dataclass(frozen=True)
class ProbeResult:
    target: str
    ok: bool
    failure: str = ""  # dns, connect, tls, timeout, reset, server_error, http_error, key_problem...
    http_status: int | None = None
    detail: str = ""
    key_expires_at: datetime | None = None

    @property
    def outage(self) -> bool:
        """The platform could not be used; a key problem or a rate limit is not an outage."""
        return not self.ok and self.failure not in (KEY_PROBLEM, RATE_LIMITED)


@dataclass(frozen=True)
class HealthSnapshot:
    state: HealthState = HealthState.ONLINE
    state_since: datetime | None = None
    offline_since: datetime | None = None  # start of the current episode of trouble, or None
    failure: str = ""  # the latest outage failure seen
    detail: str = ""
    key_problem: bool = False
    key_expires_at: datetime | None = None
    key_expires_soon: bool = False
    checked_at: datetime | None = None
    results: tuple[ProbeResult, ...] = ()
    incident_pending: bool = False  # an incident start/end is not in the journal yet (retried)


@dataclass(frozen=True)
class Transition:
    before: HealthState
    after: HealthState
    at: datetime
    incident: str = ""  # "start", "end" or ""
    outage_since: datetime | None = None  # the first failed probe of the run (for "start")


class HealthMachine:
    """Online → degraded → offline and back, with hysteresis. Not thread-safe (the monitor
    serialises it)."""

    def __init__(self, failures_to_offline: int = 3, successes_to_online: int = 2) -> None:
        if failures_to_offline < 1 or successes_to_online < 1:
            raise ValueError("thresholds must be at least 1")
        self.failures_to_offline = failures_to_offline
        self.successes_to_online = successes_to_online
        self.snapshot = HealthSnapshot()
        self._failures = 0
        self._successes = 0
        self._went_offline = False

    def observe(
        self, results: Sequence[ProbeResult], now: datetime, probed_at: datetime | None = None
    ) -> Transition | None:
        """``probed_at``: when this round's probes went out (default ``now``, when they came
        back); a run of failures dates from its first probe."""
        outage = next((r for r in results if r.outage), None)
        expires = next((r.key_expires_at for r in results if r.key_expires_at), None)
        before = self.snapshot.state
        snap = replace(
            self.snapshot,
            checked_at=now,
            results=tuple(results),
            key_problem=any(r.failure == KEY_PROBLEM for r in results),
            key_expires_at=expires or self.snapshot.key_expires_at,
        )
        if snap.key_expires_at is not None:
            snap = replace(
                snap, key_expires_soon=snap.key_expires_at - now <= timedelta(days=KEY_WARNING_DAYS)
            )
        after = before
        if outage is not None:
            self._failures += 1
            self._successes = 0
            snap = replace(snap, failure=outage.failure, detail=outage.detail)
            if before is HealthState.ONLINE or snap.offline_since is None:
                snap = replace(snap, offline_since=probed_at or now)
            if self._went_offline or self._failures >= self.failures_to_offline:
                after = HealthState.OFFLINE
            elif before is HealthState.ONLINE:
                after = HealthState.DEGRADED
        else:
            self._successes += 1
            self._failures = 0
            if before is HealthState.OFFLINE:
                after = HealthState.DEGRADED  # recovering: not trusted yet
            if self._successes >= self.successes_to_online or not self._went_offline:
                after = HealthState.ONLINE
        incident = ""
        if after is HealthState.OFFLINE and not self._went_offline:
            self._went_offline = True
            incident = "start"
        if after is HealthState.ONLINE:
            if self._went_offline:
                incident = "end"
            self._went_offline = False
            snap = replace(snap, offline_since=None, failure="", detail="")
        if after is not before:
            snap = replace(snap, state=after, state_since=now)
        elif snap.state_since is None:
            snap = replace(snap, state_since=now)
        outage_since = snap.offline_since if incident == "start" else None
        self.snapshot = snap
        if after is before:
            return None
        return Transition(before, after, now, incident, outage_since)


def probe(client: httpx.Client, target: ProbeTarget, timeout_s: float = 5.0) -> ProbeResult:
    """One probe, all of it within ``timeout_s`` (a reply trickling in cannot hold it longer).
    Never raises for a platform problem: the failure is classified instead."""
    try:
        if target.is_seller_api:
            response = bounded_request(
                client, "POST", target.url, deadline_s=timeout_s, max_bytes=PROBE_MAX_BYTES,
                json={}, headers=target.headers,
            )  # fmt: skip
        else:
            response = bounded_request(
                client, "GET", target.url, deadline_s=timeout_s, max_bytes=PROBE_MAX_BYTES,
                follow_redirects=False,
            )  # fmt: skip
    except httpx.TransportError as error:
        failure, _ = classify_transport(error)
        return ProbeResult(target.name, False, failure, detail=type(error).__name__)
    except ReplyTooLarge as error:
        return ProbeResult(target.name, False, HTTP_ERROR, detail=str(error))
    status = response.status
    if status >= 500:
        return ProbeResult(target.name, False, SERVER_ERROR, status, f"HTTP {status}")
    if status == 429:
        return ProbeResult(target.name, False, RATE_LIMITED, status, "HTTP 429")
    if target.is_seller_api and status in (401, 403):
        text = response.body[:200].decode("utf-8", "replace")
        return ProbeResult(target.name, False, KEY_PROBLEM, status, text)
    if status >= 400:
        return ProbeResult(target.name, False, HTTP_ERROR, status, f"HTTP {status}")
    expires = None
    if target.is_seller_api:
        try:
            expires = parse_roles(json.loads(response.body), PATH_ROLES).expires_at
        except (ValueError, PlatformReplyError) as error:
            return ProbeResult(target.name, False, HTTP_ERROR, status, str(error))
    return ProbeResult(target.name, True, http_status=status, key_expires_at=expires)


def targets_for(
    adapter: str, login_url: str, seller_api_url: str, client_id: str, api_key: str
) -> list[ProbeTarget]:
    """Partner points probe the login page; rFBS sellers probe a cheap authenticated call."""
    if adapter == "ozon_seller" and client_id and api_key:
        headers = {"Client-Id": client_id, "Api-Key": api_key}
        return [ProbeTarget("seller_api", seller_api_url.rstrip("/") + PATH_ROLES, headers)]
    return [ProbeTarget("login", login_url)]


IncidentsFactory = Callable[[], AbstractContextManager[IncidentLog]]
Listener = Callable[[HealthSnapshot], None]


class HealthMonitor:
    """Thread-safe: ``snapshot()``, listeners and ``stop()`` may be used from any thread.

    Listeners are called from the probing thread: a GUI must hop to its own thread (a Qt
    signal) before touching widgets.
    """

    def __init__(
        self,
        targets: Sequence[ProbeTarget],
        *,
        interval_s: float = 15.0,
        timeout_s: float = 5.0,
        clock: Clock | None = None,
        machine: HealthMachine | None = None,
        incidents_factory: IncidentsFactory | None = None,
    ) -> None:
        self.targets = list(targets)
        self.interval_s = interval_s
        self.timeout_s = timeout_s
        self.clock = clock or SystemClock()
        self._machine = machine or HealthMachine()
        self._factory = incidents_factory
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout_s), transport=deadline_transport()
        )
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Incident entries not yet in the journal, oldest first: retried every round.
        self._pending: list[Callable[[IncidentLog], None]] = []

    # -- reading --------------------------------------------------------------------------------
    def snapshot(self) -> HealthSnapshot:
        with self._lock:
            return self._machine.snapshot

    def add_listener(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # -- probing --------------------------------------------------------------------------------
    def probe_round(self, incidents: IncidentLog | None = None) -> HealthSnapshot:
        """Probe every target once, move the state, journal an incident start/end if any (and
        any that failed to be written before)."""
        probed_at = self.clock.now()
        results = [probe(self._client, target, self.timeout_s) for target in self.targets]
        with self._lock:
            transition = self._machine.observe(results, self.clock.now(), probed_at)
            snapshot = self._machine.snapshot
        if incidents is not None:  # no journal (a bare probe): nothing to write
            if transition is not None and transition.incident:
                self._pending.append(self._journal_action(transition, snapshot))
            self._write_pending(incidents)
        with self._lock:
            self._machine.snapshot = replace(
                self._machine.snapshot, incident_pending=bool(self._pending)
            )
            snapshot = self._machine.snapshot
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(snapshot)
            except Exception:  # a broken listener must not stop the monitor
                log.exception("health listener failed")
        return snapshot

    def _write_pending(self, incidents: IncidentLog) -> None:
        while self._pending:
            try:
                self._pending[0](incidents)
            except Exception:  # disk full, journal busy...: kept, tried again next round
                log.exception("an incident entry could not be journaled; will retry")
                return
            self._pending.pop(0)

    @staticmethod
    def _journal_action(
        transition: Transition, snapshot: HealthSnapshot
    ) -> Callable[[IncidentLog], None]:
        if transition.incident == "start":
            reason, detail = snapshot.failure or "outage", snapshot.detail
            started_at = transition.outage_since

            def start(incidents: IncidentLog) -> None:
                incidents.start(reason=reason, detail=detail, started_at=started_at)

            return start

        def end(incidents: IncidentLog) -> None:
            current = incidents.open_incident()
            if current is not None and current.reason != MANUAL:
                incidents.end(current.incident_id)

        return end

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="health-monitor", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def close(self) -> None:
        self.stop()
        self._client.close()

    def __enter__(self) -> HealthMonitor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _loop(self) -> None:
        with self._factory() if self._factory else _no_incidents() as incidents:
            while not self._stop.is_set():
                try:
                    self.probe_round(incidents)
                except Exception:  # journaling failed (disk full...): keep probing
                    log.exception("health probe round failed")
                self._stop.wait(self.interval_s)


@contextmanager
def _no_incidents() -> Iterator[None]:
    yield None
