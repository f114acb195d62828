"""Retention: hand-over photos and customers' personal data are kept only as long as needed.

Personal data (the customer's name and phone in the manifest) is blanked ``personal_data_keep_days``
after the parcel left the point, once the platform knows everything about it: every operation on
it reconciled (latest outcome final), or, never sent, done online or re-entered by hand. The
journal's facts (codes, times, operator) stay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from pvzdesk.clock import Clock
from pvzdesk.domain.models import PLATFORM_KINDS, Entry, EntryKind
from pvzdesk.domain.outcomes import FINAL
from pvzdesk.domain.state import voided_entry_ids
from pvzdesk.services.evidence import EvidenceService
from pvzdesk.services.incidents import Incident, IncidentService
from pvzdesk.settings import LiveSettings
from pvzdesk.storage import Store
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.backups import list_backups
from pvzdesk.storage.retention import PersonalData, scrub_backups


@dataclass(frozen=True)
class PurgeReport:
    photos: tuple[Path, ...] = ()
    personal_data: tuple[str, ...] = ()  # postings whose customer name and phone were blanked
    kept_unreconciled: tuple[str, ...] = field(default=())  # old enough, but not reconciled yet
    scrubbed_backups: tuple[Path, ...] = ()  # backups whose copies of purged data were blanked


def is_reconciled(
    history: Sequence[Entry], outcomes: Mapping[str, Attempt], incidents: Sequence[Incident]
) -> bool:
    voided = voided_entry_ids(history)
    reentered_after = max((e.seq for e in history if e.kind is EntryKind.REENTRY_DONE), default=0)
    for entry in history:
        if entry.kind not in PLATFORM_KINDS or entry.entry_id in voided:
            continue
        latest = outcomes.get(entry.entry_id)
        if latest is not None:
            if latest.outcome not in FINAL:
                return False
            continue
        offline = any(incident.covers(entry.wall_time) for incident in incidents)
        if offline and entry.seq > reentered_after:
            return False  # done during an outage and never brought back to the platform
    return True


def purge_personal_data(
    store: Store, incidents: IncidentService, *, now: datetime, keep_days: int, adapter: str
) -> tuple[list[str], list[str]]:
    """Blank name and phone where allowed; return (purged, kept because not reconciled)."""
    personal = PersonalData(store.db, store.path)
    candidates = personal.candidates(now - timedelta(days=keep_days))
    if not candidates:
        return [], []
    outcomes = store.attempts.latest(adapter)
    known_incidents = incidents.incidents()
    allowed: list[str] = []
    kept: list[str] = []
    for posting in candidates:
        history = store.postings.history(posting)
        (allowed if is_reconciled(history, outcomes, known_incidents) else kept).append(posting)
    personal.purge(allowed)
    return allowed, kept


def purge(
    store: Store,
    incidents: IncidentService,
    evidence: EvidenceService,
    *,
    now: datetime,
    personal_data_keep_days: int,
    adapter: str,
) -> PurgeReport:
    photos = evidence.purge_photos(now)
    purged, kept = purge_personal_data(
        store, incidents, now=now, keep_days=personal_data_keep_days, adapter=adapter
    )
    backups = [path for _stamp, path in list_backups(store.backups)]
    scrubbed = scrub_backups(store.db, backups)
    return PurgeReport(tuple(photos), tuple(purged), tuple(kept), tuple(scrubbed))


class RetentionService:
    """Removes what is kept only for a while; the periods come from the live settings."""

    def __init__(
        self,
        store: Store,
        incidents: IncidentService,
        evidence: EvidenceService,
        clock: Clock,
        settings: LiveSettings,
    ) -> None:
        self.store = store
        self.incidents = incidents
        self.evidence = evidence
        self.clock = clock
        self.settings = settings

    def purge(self, now: datetime | None = None) -> PurgeReport:
        current = self.settings.current
        return purge(
            self.store,
            self.incidents,
            self.evidence,
            now=now or self.clock.now(),
            personal_data_keep_days=current.personal_data_keep_days,
            adapter=current.platform.adapter,
        )
