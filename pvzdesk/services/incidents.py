"""Incidents: periods when the platform could not be used, declared by hand or by the monitor."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from pvzdesk import __version__
from pvzdesk.clock import Clock
from pvzdesk.domain.dates import format_user_time
from pvzdesk.domain.models import DeadlineSource, EntryDraft, EntryKind
from pvzdesk.domain.policy import was_in_storage_during
from pvzdesk.errors import UsageError
from pvzdesk.i18n import current_language, tr
from pvzdesk.services.counter import CounterService
from pvzdesk.services.results import OpResult
from pvzdesk.storage import Store
from pvzdesk.storage.journal import EntryFilter


@dataclass(frozen=True)
class Incident:
    incident_id: str
    started_at: datetime  # when the outage began: the first failed probe, or what a person said
    ended_at: datetime | None
    reason: str  # "manual", or what the health monitor saw ("connect", "timeout", "5xx", ...)
    detail: str
    start_entry_id: str
    detected_at: datetime | None = None  # when it was journaled (the start entry's own time)

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def duration(self, now: datetime) -> timedelta:
        return (self.ended_at or now) - self.started_at

    def covers(self, moment: datetime) -> bool:
        return self.started_at <= moment and (self.ended_at is None or moment < self.ended_at)


MANUAL = "manual"  # the reason of an incident a person declared (the monitor never ends it)


def _user_time(moment: datetime, now: datetime) -> str:
    """In the counter clock's zone, as the operator reads and types times."""
    return format_user_time(moment.astimezone(now.tzinfo), current_language())


def _began(value: object, detected: datetime) -> datetime:
    """The outage's start from the payload (entries before it was kept: the detection time)."""
    if not isinstance(value, str) or not value:
        return detected
    try:
        began = datetime.fromisoformat(value)
    except ValueError:
        return detected
    return min(began, detected) if began.tzinfo else detected


class IncidentService:
    """Not thread-safe: use it from the thread that owns ``store``. Built by ``pvzdesk.app``."""

    def __init__(self, store: Store, clock: Clock, counter: CounterService) -> None:
        self.store = store
        self.clock = clock
        self.counter = counter  # the one writer; it stamps the current operator

    def incidents(self) -> list[Incident]:
        started: dict[str, Incident] = {}
        kinds = (EntryKind.INCIDENT_START, EntryKind.INCIDENT_END)
        for entry in self.store.journal.entries(EntryFilter(kinds=kinds)):
            incident_id = str(entry.payload.get("incident_id", ""))
            if entry.kind is EntryKind.INCIDENT_START:
                started[incident_id] = Incident(
                    incident_id,
                    _began(entry.payload.get("started_at"), entry.wall_time),
                    None,
                    str(entry.payload.get("reason", "")),
                    str(entry.payload.get("detail", "")),
                    entry.entry_id,
                    entry.wall_time,
                )
            elif incident_id in started and started[incident_id].ended_at is None:
                started[incident_id] = replace(started[incident_id], ended_at=entry.wall_time)
        return sorted(started.values(), key=lambda incident: incident.started_at)

    def open_incident(self) -> Incident | None:
        return next((i for i in reversed(self.incidents()) if i.is_open), None)

    def find(self, incident_id: str) -> Incident:
        for incident in self.incidents():
            if incident.incident_id == incident_id or incident.incident_id.startswith(incident_id):
                return incident
        raise UsageError(tr("There is no incident {incident_id}.", incident_id=incident_id))

    def latest(self) -> Incident | None:
        found = self.incidents()
        return found[-1] if found else None

    def start(
        self, reason: str = "manual", detail: str = "", started_at: datetime | None = None
    ) -> tuple[Incident, OpResult]:
        """Start an incident; if one is open already, it is returned and nothing is written.

        ``started_at``: when the outage began (the monitor's first failed probe, or the time a
        person gives); default now. Never later than now; the entry's own time is the
        detection time, so both are kept."""
        with self.store.write():  # the monitor and a person starting one at once: one incident
            return self._start(reason, detail, started_at)

    def declare(
        self, started_at: datetime | None = None, detail: str = ""
    ) -> tuple[Incident, OpResult]:
        """A person declares an outage that began at ``started_at`` (default now). Refused with
        a ``UsageError`` when that lies ahead, or before the previous incident ended; when one
        is open already it is returned and nothing is written (like ``start``)."""
        with self.store.write():
            if self.open_incident() is None:
                self.check_declared_start(started_at)
            return self._start(MANUAL, detail, started_at)

    def check_declared_start(self, started_at: datetime | None) -> None:
        """Raise ``UsageError`` for a start a person may not declare (the window asks before it
        writes; ``declare`` asks again inside its transaction)."""
        if started_at is None:
            return
        if started_at.tzinfo is None:
            raise UsageError(tr("Give the time the outage began with its time zone."))
        now = self.clock.now()
        if started_at > now:
            raise UsageError(
                tr(
                    "The outage cannot begin in the future: it is {now} now.",
                    now=_user_time(now, now),
                ),
                hint=tr("Give the time it began, or leave the time as it is for now."),
            )
        latest = self.latest()
        if latest is not None and latest.ended_at is not None and started_at < latest.ended_at:
            raise UsageError(
                tr(
                    "The previous outage ended at {end}: this one cannot have begun earlier.",
                    end=_user_time(latest.ended_at, now),
                ),
                hint=tr("Give a time after {end}.", end=_user_time(latest.ended_at, now)),
            )

    def _start(
        self, reason: str, detail: str, started_at: datetime | None
    ) -> tuple[Incident, OpResult]:
        current = self.open_incident()
        if current is not None:
            return current, OpResult()
        now = self.clock.now()
        if started_at is not None and started_at.tzinfo is None:
            raise UsageError(tr("Give the time the outage began with its time zone."))
        began = min(started_at or now, now)
        incident_id = str(uuid.uuid4())
        payload = {
            "incident_id": incident_id,
            "reason": reason,
            "detail": detail,
            # the same text form as the journal's wall_time: compared as text in SQL
            "started_at": began.astimezone(UTC).isoformat(),
            "app_version": __version__,  # which program saw the outage, for a later dispute
        }
        written = self.counter.append([EntryDraft(EntryKind.INCIDENT_START, "", b"", payload)])
        entry = written[0]
        incident = Incident(
            incident_id,
            min(began, entry.wall_time),
            None,
            reason,
            detail,
            entry.entry_id,
            entry.wall_time,
        )
        return incident, OpResult(tuple(written))

    def end(self, incident_id: str = "") -> tuple[Incident | None, OpResult]:
        with self.store.write():
            return self._end(incident_id)

    def _end(self, incident_id: str) -> tuple[Incident | None, OpResult]:
        current = self.find(incident_id) if incident_id else self.open_incident()
        if current is None or not current.is_open:
            return current, OpResult()
        written = self.counter.append(
            [
                EntryDraft(
                    EntryKind.INCIDENT_END,
                    "",
                    b"",
                    {"incident_id": current.incident_id, "app_version": __version__},
                )
            ]
        )
        return self.find(current.incident_id), OpResult(tuple(written))

    def extend_all(self, incident_id: str, days: int) -> OpResult:
        """Every parcel at the point at some moment of the incident gets +days (platforms do this
        after outages). Parcels already gone are left alone."""
        incident = self.find(incident_id)
        targets = [
            state.posting
            for state in self.store.postings.at_point()
            if was_in_storage_during(
                state.received_at, state.left_at, incident.started_at, incident.ended_at
            )
            and state.storage_until is not None
        ]
        return self.counter.extend(
            targets, days=days, reason=DeadlineSource.PLATFORM, incident_id=incident.incident_id
        )

    def entries_during(self, incident: Incident) -> list[str]:
        """Entry ids written while the incident was open (the offline operations)."""
        until = incident.ended_at or self.clock.now() + timedelta(seconds=1)
        where = EntryFilter(since=incident.started_at, until=until)
        return [entry.entry_id for entry in self.store.journal.entries(where)]
