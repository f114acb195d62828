"""Reports as use cases: read the store as of a period's end, then hand plain data to ``reports``.

What the Отчёты screen calls. Every function takes an optional ``progress(done, total)`` callback
and a ``cancel`` token (``threading.Event``); run them on the DB worker, never the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pvzdesk.clock import Clock
from pvzdesk.domain.chain import GENESIS_HASH, verify_chain
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.domain.outcomes import SET_ASIDE
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr
from pvzdesk.reports.day_report import DayReport, build_day_report
from pvzdesk.reports.model import ChainState, IncidentSpan, JournalExtract, Outcome, ReportPeriod
from pvzdesk.reports.progress import (
    CancelToken,
    Progress,
    ReportCancelled,
    Steps,
    check_cancel,
)
from pvzdesk.services.evidence import EvidenceService
from pvzdesk.services.incidents import Incident, IncidentService
from pvzdesk.services.reconcile_words import explain, outage_cause
from pvzdesk.settings import LiveSettings
from pvzdesk.storage import Store
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.storage.waiting import Waiting

if TYPE_CHECKING:
    from pvzdesk.point.desk import PointDesk
    from pvzdesk.reports.bundle import PointPart

FORMATS = ("xlsx", "csv", "pdf")
_BATCH = 5_000


def _outcome(attempt: Attempt) -> Outcome:
    return Outcome(
        attempt.adapter,
        attempt.outcome,
        attempt.attempted_at,
        attempt.http_status,
        attempt.detail,
        attempt.reply,
    )


def latest_outcomes(store: Store, adapter: str, cutoff: datetime) -> dict[str, Outcome]:
    """The latest attempt of every entry as it stood at ``cutoff`` (later attempts ignored)."""
    found: dict[str, Outcome] = {}
    for entry_id, attempt in store.attempts.latest(adapter).items():
        if attempt.attempted_at < cutoff:
            found[entry_id] = _outcome(attempt)
            continue
        earlier = [a for a in store.attempts.history(entry_id, adapter) if a.attempted_at < cutoff]
        if earlier:
            found[entry_id] = _outcome(earlier[-1])
    return found


def entries_upto(store: Store, last_seq: int) -> Iterator[Entry]:
    after = 0
    while after < last_seq:
        batch = list(store.journal.entries(EntryFilter(after_seq=after, limit=_BATCH)))
        if not batch:
            return
        for entry in batch:
            if entry.seq > last_seq:
                return
            yield entry
        after = batch[-1].seq


def chain_state(store: Store, cutoff: datetime) -> ChainState:
    """Verify the chain from its start to the last entry written before ``cutoff``."""
    last = list(store.journal.entries(EntryFilter(until=cutoff, newest_first=True, limit=1)))
    if not last:
        return ChainState(0, GENESIS_HASH, True, 0)
    head = last[0]
    report = verify_chain(entries_upto(store, head.seq))
    anchor = store.journal.anchor
    return ChainState(
        head.seq,
        head.hash,
        report.ok,
        report.checked,
        report.first_bad_seq,
        report.first_bad_entry_id,
        report.reason,
        anchor.signed(head.seq, head.hash) if anchor is not None else "",
    )


def incident_spans(incidents: IncidentService, cutoff: datetime) -> list[IncidentSpan]:
    """Incidents as known at ``cutoff``: one that ended later is shown as still open then."""
    spans = []
    for incident in incidents.incidents():
        if incident.started_at >= cutoff:
            continue
        ended = incident.ended_at if incident.ended_at and incident.ended_at < cutoff else None
        reason, detail = outage_cause(incident.reason, incident.detail)
        spans.append(IncidentSpan(incident.incident_id, incident.started_at, ended, reason, detail))
    return spans


def extract_journal(
    store: Store,
    incidents: IncidentService,
    period: ReportPeriod,
    *,
    now: datetime,
    adapter: str,
    point_name: str = "",
    cancel: CancelToken | None = None,
    outcomes_until: datetime | None = None,
    desk_name: str = "",
) -> JournalExtract:
    """``outcomes_until``: the reconcile attempts counted (default: those before the period's end;
    a support bundle counts every attempt up to its own creation)."""
    cutoff = period.until
    entries = list(store.journal.entries(EntryFilter(since=period.since, until=cutoff)))
    check_cancel(cancel)
    voids = list(store.journal.entries(EntryFilter(kinds=(EntryKind.VOID,), until=cutoff)))
    voided_ids = frozenset(str(v.payload.get("voided_entry_id", "")) for v in voids)
    targets: dict[str, Entry] = {}
    for void in entries:
        if void.kind is EntryKind.VOID:
            target = store.journal.get(str(void.payload.get("voided_entry_id", "")))
            if target is not None:
                targets[target.entry_id] = target
    outcomes = latest_outcomes(store, adapter, outcomes_until or cutoff)
    conflicts = []
    for entry_id, outcome in sorted(outcomes.items()):
        if outcome.outcome in SET_ASIDE and entry_id not in voided_ids:
            entry = store.journal.get(entry_id)
            if entry is not None and entry.wall_time < cutoff:
                conflicts.append((entry, outcome))
    conflicts.sort(key=lambda pair: pair[0].seq)
    words = {}
    for entry, outcome in conflicts:
        said = explain(entry, outcome.outcome, outcome.detail, outcome.reply, desk=desk_name)
        words[entry.entry_id] = (said.journal, said.platform, said.advice)
    check_cancel(cancel)
    spans = [
        span
        for span in incident_spans(incidents, cutoff)
        if span.ended_at is None or span.ended_at > period.since
    ]
    chain = chain_state(store, cutoff)
    check_cancel(cancel)
    waiting = Waiting(store.db, store.path).counts(adapter)
    return JournalExtract(
        period=period,
        as_of=min(cutoff, now),
        entries=entries,
        voided_ids=voided_ids,
        void_targets=targets,
        incidents=spans,
        outcomes=outcomes,
        open_conflicts=conflicts,
        chain=chain,
        adapter=adapter,
        point_name=point_name,
        waiting_by_kind=dict(waiting.by_kind),
        conflict_words=words,
    )


def day_report(
    store: Store,
    incidents: IncidentService,
    period: ReportPeriod,
    *,
    now: datetime,
    adapter: str,
    point_name: str = "",
    cancel: CancelToken | None = None,
    desk_name: str = "",
) -> DayReport:
    extract = extract_journal(
        store,
        incidents,
        period,
        now=now,
        adapter=adapter,
        point_name=point_name,
        cancel=cancel,
        desk_name=desk_name,
    )
    return build_day_report(extract)


def report_stem(period: ReportPeriod) -> str:
    if period.is_one_day:
        return f"report-{period.since.date().isoformat()}"
    since = period.since.strftime("%Y-%m-%dT%H%M")
    until = period.until.strftime("%Y-%m-%dT%H%M")
    return f"report-{since}--{until}"


def parse_formats(text: str) -> tuple[str, ...]:
    asked = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [part for part in asked if part not in FORMATS]
    if unknown or not asked:
        raise UsageError(
            tr(
                "Unknown report format {formats}; choose from: {choices}.",
                formats=", ".join(unknown) or "—",
                choices=", ".join(FORMATS),
            )
        )
    return asked


def export_report(
    report: DayReport,
    out_dir: Path,
    formats: Sequence[str] = FORMATS,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> list[Path]:
    """Write the report in each format into ``out_dir``; return the files written.

    Each file appears whole or not at all, so a cancel (``ReportCancelled``) leaves no half file.
    """
    from pvzdesk.reports.csv_export import write_csv_files
    from pvzdesk.reports.pdf import printed_rows, write_pdf
    from pvzdesk.reports.xlsx import write_xlsx

    all_rows = sum(len(section.rows) for section in report.sections)
    total = (all_rows if "xlsx" in formats else 0) + (all_rows if "csv" in formats else 0)
    total += printed_rows(report) if "pdf" in formats else 0
    steps = Steps(total, progress, cancel)
    stem = report_stem(report.period)
    written: list[Path] = []
    try:
        if "xlsx" in formats:
            written.append(
                write_xlsx(report.sections, out_dir / f"{stem}.xlsx", steps, title=report.title)
            )
        if "csv" in formats:
            written.extend(write_csv_files(report.sections, out_dir, stem, steps))
        if "pdf" in formats:
            written.append(write_pdf(report, out_dir / f"{stem}.pdf", steps))
    except ReportCancelled:
        # A cancelled export leaves nothing behind, not even the formats already finished.
        for path in written:
            path.unlink(missing_ok=True)
        raise
    if progress is not None:
        progress(steps.total, steps.total)
    return written


def _incident(incidents: IncidentService, incident_id: str) -> Incident:
    if incident_id:
        return incidents.find(incident_id)
    latest = incidents.latest()
    if latest is None:
        raise UsageError(
            tr("There has been no incident yet: there is nothing to re-enter or send.")
        )
    return latest


def incident_period(incident: Incident, now: datetime) -> ReportPeriod:
    zone = now.tzinfo
    # +1 µs: the incident_end entry itself belongs to the incident's record.
    end = (incident.ended_at or now) + timedelta(microseconds=1)
    return ReportPeriod(incident.started_at.astimezone(zone), end.astimezone(zone))


def _span(incident: Incident) -> IncidentSpan:
    reason, detail = outage_cause(incident.reason, incident.detail)  # words, as the report
    return IncidentSpan(
        incident.incident_id, incident.started_at, incident.ended_at, reason, detail
    )


def make_bundle(
    store: Store,
    incidents: IncidentService,
    evidence: EvidenceService,
    target: Path,
    *,
    incident_id: str = "",
    now: datetime,
    adapter: str,
    point_name: str = "",
    show_personal_data: bool = False,
    point: PointDesk | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """The support-ticket ZIP for one incident (default: the latest); customer data masked.
    With a point database (``point``) it covers every desk of the point, labelled by desk."""
    from pvzdesk.reports.bundle import BundleContent, Photo, write_bundle

    steps = Steps(4, progress, cancel)
    incident = _incident(incidents, incident_id)
    period = incident_period(incident, now)
    extract = extract_journal(
        store,
        incidents,
        period,
        now=now,
        adapter=adapter,
        point_name=point_name,
        cancel=cancel,
        # the reconcile after the incident ended is what support asks about
        outcomes_until=now + timedelta(microseconds=1),
    )
    steps.step()
    start = store.journal.get(incident.start_entry_id)
    # From the first entry of the outage (the first failed probe came before its detection).
    first_seq = min(
        (entry.seq for entry in extract.entries if entry.wall_time >= incident.started_at),
        default=start.seq if start is not None else 0,
    )
    chain_entries = [entry for entry in extract.entries if entry.seq >= first_seq]
    customers: dict[str, tuple[str, str]] = {}
    for posting in sorted({entry.posting for entry in chain_entries if entry.posting}):
        row = store.postings.manifest_row(posting)
        if row is not None:
            customers[posting] = (row.customer_name, row.customer_phone)
    photos = [
        Photo(str(entry.payload.get("sha256", "")), path, str(entry.payload.get("of_entry_id")))
        for entry, path in evidence.photos_of({entry.entry_id for entry in chain_entries})
    ]
    steps.step()
    content = BundleContent(
        incident=_span(incident),
        extract=extract,
        chain_entries=chain_entries,
        chain=extract.chain,
        customers=customers,
        photos=photos,
        device_id=store.device_id,
        point_name=point_name,
        show_personal_data=show_personal_data,
        point=_point_part(point, period.since, period.until),
    )
    return write_bundle(content, target, steps)


def _point_part(point: PointDesk | None, since: datetime, until: datetime) -> PointPart | None:
    """The other desks' side of a bundle, from the verified copy (None: this desk alone)."""
    from pvzdesk.reports.bundle import OtherDesk, PointPart

    if point is None or not point.point.configured:
        return None
    others = [
        OtherDesk(desk.desk_name, desk.device_id, desk.entries, desk.head_seq, desk.head_hash)
        for desk in point.other_desks(since, until)
    ]
    return PointPart(point.identity.label, others, point.last_round_at())


def make_reentry_sheet(
    store: Store,
    incidents: IncidentService,
    target: Path,
    *,
    incident_id: str = "",
    now: datetime,
    point_name: str = "",
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
) -> Path:
    """The re-entry sheet PDF for one incident (default: the latest)."""
    from pvzdesk.reports.reentry_sheet import reentry_lines, write_reentry_sheet

    incident = _incident(incidents, incident_id)
    period = incident_period(incident, now)
    # the worklist's own rows (numbered as Сверка numbers them); only the open ones are printed
    rows = [
        row
        for row in Waiting(store.db, store.path).reentry_rows()
        if row.incident_id == incident.incident_id
    ]
    numbered = [
        (number, row.entry) for number, row in enumerate(rows, start=1) if not row.done_entry_id
    ]
    span = _span(incident)
    zone_span = IncidentSpan(
        span.incident_id,
        span.started_at.astimezone(period.zone),
        span.ended_at.astimezone(period.zone) if span.ended_at else None,
        span.reason,
        span.detail,
    )
    lines = reentry_lines(numbered, period.zone)
    steps = Steps(len(lines), progress, cancel)
    return write_reentry_sheet(
        lines, zone_span, target, point_name=point_name, as_of=now, steps=steps
    )


class ReportingService:
    """The end-of-day report, the support bundle and the re-entry sheet over this connection;
    the adapter and the point's name come from the live settings."""

    def __init__(
        self,
        store: Store,
        incidents: IncidentService,
        evidence: EvidenceService,
        clock: Clock,
        settings: LiveSettings,
        folder: Path,
        *,
        point: Callable[[], PointDesk | None] = lambda: None,
    ) -> None:
        self.store = store
        self.point = point  # the app's point link as it is now (Настройки may replace it)
        self.incidents = incidents
        self.evidence = evidence
        self.clock = clock
        self.settings = settings
        self.folder = folder  # where files go unless a caller names another place

    def day_report(
        self,
        period: ReportPeriod,
        *,
        now: datetime | None = None,
        cancel: CancelToken | None = None,
    ) -> DayReport:
        current = self.settings.current
        return day_report(
            self.store,
            self.incidents,
            period,
            now=now or self.clock.now(),
            adapter=current.platform.adapter,
            point_name=current.point_name,
            cancel=cancel,
            desk_name=current.point.desk_name,
        )

    def bundle(
        self,
        target: Path,
        *,
        incident_id: str = "",
        now: datetime | None = None,
        show_personal_data: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Path:
        current = self.settings.current
        return make_bundle(
            self.store,
            self.incidents,
            self.evidence,
            target,
            incident_id=incident_id,
            now=now or self.clock.now(),
            adapter=current.platform.adapter,
            point_name=current.point_name,
            show_personal_data=show_personal_data,
            point=self.point(),
            progress=progress,
            cancel=cancel,
        )

    def reentry_sheet(
        self,
        target: Path,
        *,
        incident_id: str = "",
        now: datetime | None = None,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> Path:
        return make_reentry_sheet(
            self.store,
            self.incidents,
            target,
            incident_id=incident_id,
            now=now or self.clock.now(),
            point_name=self.settings.current.point_name,
            progress=progress,
            cancel=cancel,
        )

    def cell_labels(self, names: Sequence[str], target: Path) -> Path:
        """The printable sheet of cell labels (Code 128, two columns on A4)."""
        from pvzdesk.reports.cell_labels import write_cell_labels

        return write_cell_labels(names, target, point_name=self.settings.current.point_name)
