"""The end-of-day (or shift) report as plain data: every section the writers render.

Built only from a ``JournalExtract`` taken as of the period's end, so regenerating a report for a
closed period gives the same content however much the journal grew since.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from pvzdesk.domain.models import PLATFORM_KINDS, Entry, EntryKind
from pvzdesk.domain.outcomes import kinds_to_reconcile
from pvzdesk.i18n import tr
from pvzdesk.reports.model import (
    Cell,
    ChainState,
    Column,
    IncidentSpan,
    JournalExtract,
    ReportPeriod,
    Section,
)

INCIDENT_MARKERS = (EntryKind.INCIDENT_START, EntryKind.INCIDENT_END)
OUTCOMES = ("applied", "already_applied", "rejected", "conflict", "retryable", "unknown")
NOT_SENT = "not_sent"


def kind_label(kind: EntryKind) -> str:
    labels = {
        EntryKind.RECEIVE: tr("Receive"),
        EntryKind.PLACE: tr("Place in cell"),
        EntryKind.ISSUE: tr("Issue"),
        EntryKind.REFUSE: tr("Refusal"),
        EntryKind.CLIENT_RETURN: tr("Customer return"),
        EntryKind.RETURN_TO_SENDER: tr("Return to sender"),
        EntryKind.EXTEND: tr("Storage extension"),
        EntryKind.DEADLINE_SYNC: tr("Deadline from the platform"),
        EntryKind.VOID: tr("Void"),
        EntryKind.EVIDENCE: tr("Hand-over photo"),
        EntryKind.INCIDENT_START: tr("Incident start"),
        EntryKind.INCIDENT_END: tr("Incident end"),
        EntryKind.REENTRY_DONE: tr("Re-entered"),
        EntryKind.NOTE: tr("Note"),
    }
    return labels[kind]


def entry_kind_label(entry: Entry) -> str:
    """``kind_label`` of one entry, with its true source where the kind alone would mislead."""
    if entry.kind is EntryKind.DEADLINE_SYNC and entry.from_list_file:
        return tr("Deadline from the list file")
    return kind_label(entry.kind)


def outcome_label(outcome: str) -> str:
    labels = {
        "applied": tr("applied"),
        "already_applied": tr("already applied"),
        "rejected": tr("rejected"),
        "conflict": tr("conflict"),
        "retryable": tr("to retry"),
        "unknown": tr("unknown, check"),
        NOT_SENT: tr("not reconciled yet"),
    }
    return labels.get(outcome, outcome)


def source_label(source: str) -> str:
    labels = {
        "policy": tr("policy"),
        "customer": tr("customer"),
        "platform": tr("platform"),
        "operator": tr("operator"),
        "import": tr("import"),
    }
    return labels.get(source, source)


def raw_text(raw: bytes) -> str:
    """What was scanned, readable: control bytes such as GS shown as \\x1d."""
    text = raw.decode("utf-8", errors="backslashreplace")
    return text.encode("unicode_escape").decode("ascii") if any(b < 0x20 for b in raw) else text


def scanned_code(entry: Entry) -> str:
    code = entry.payload.get("code")
    return str(code) if code else raw_text(entry.raw)


@dataclass(frozen=True)
class DayReport:
    title: str
    period: ReportPeriod
    point_name: str
    sections: tuple[Section, ...]
    chain: ChainState

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)


class ReportContext:
    """Lookups shared by the section builders."""

    def __init__(self, extract: JournalExtract) -> None:
        self.extract = extract
        self.zone = extract.period.zone
        # what the point's adapter brings to the platform (an rFBS point keeps refusals and
        # extensions local: they are never "not reconciled yet")
        self.reconciled_kinds = kinds_to_reconcile(extract.adapter) or PLATFORM_KINDS

    def when(self, entry: Entry) -> datetime:
        return entry.wall_time.astimezone(self.zone)

    def local(self, moment: datetime | None) -> datetime | None:
        return moment.astimezone(self.zone) if moment is not None else None

    def incident_of(self, entry: Entry) -> IncidentSpan | None:
        return next((i for i in self.extract.incidents if i.covers(entry.wall_time)), None)

    def voided(self, entry: Entry) -> str:
        return tr("voided") if entry.entry_id in self.extract.voided_ids else ""

    def outcome(self, entry: Entry) -> str:
        if entry.kind not in self.reconciled_kinds:
            return ""
        found = self.extract.outcomes.get(entry.entry_id)
        return outcome_label(found.outcome if found else NOT_SENT)


def _counts(ctx: ReportContext) -> Section:
    totals: Counter[EntryKind] = Counter()
    offline: Counter[EntryKind] = Counter()
    voided: Counter[EntryKind] = Counter()
    for entry in ctx.extract.entries:
        totals[entry.kind] += 1
        if entry.kind not in INCIDENT_MARKERS:
            offline[entry.kind] += ctx.incident_of(entry) is not None
        voided[entry.kind] += entry.entry_id in ctx.extract.voided_ids
    rows: list[tuple[Cell, ...]] = [
        (kind.value, kind_label(kind), totals[kind], offline[kind], voided[kind])
        for kind in EntryKind
        if totals[kind]
    ]
    rows.append(
        ("", tr("Total"), sum(totals.values()), sum(offline.values()), sum(voided.values()))
    )
    columns = (
        Column("kind", tr("Code"), 16, printed=False, written=False),
        Column("operation", tr("Operation"), 28),
        Column("count", tr("Entries"), 10),
        Column("during_incident", tr("During incidents"), 16),
        Column("voided", tr("Voided"), 13),
    )
    return Section("counts", tr("Operations by kind"), columns, tuple(rows))


def operation_columns() -> tuple[Column, ...]:
    return (
        Column("seq", tr("No."), 8),
        Column("time", tr("Time"), 18),
        Column("incident", tr("Incident"), 10),
        Column("operation", tr("Operation"), 20),
        Column("posting", tr("Posting"), 20),
        Column("code", tr("Scanned code"), 24),
        Column("operator", tr("Operator"), 14),
        Column("voided", tr("Voided"), 13),
        Column("outcome", tr("Reconcile"), 16),
        Column("entry_id", tr("Entry ID"), 38, printed=False),
    )


def operation_row(ctx: ReportContext, entry: Entry) -> tuple[Cell, ...]:
    incident = ctx.incident_of(entry)
    return (
        entry.seq,
        ctx.when(entry),
        incident.short_id if incident else "",
        entry_kind_label(entry),
        entry.posting,
        scanned_code(entry),
        entry.operator,
        ctx.voided(entry),
        ctx.outcome(entry),
        entry.entry_id,
    )


def _incident_operations(ctx: ReportContext) -> Section:
    rows = tuple(
        operation_row(ctx, entry)
        for entry in ctx.extract.entries
        if entry.kind not in INCIDENT_MARKERS and ctx.incident_of(entry) is not None
    )
    return Section(
        "incident_operations", tr("Operations during incidents"), operation_columns(), rows
    )


def _all_operations(ctx: ReportContext) -> Section:
    rows = tuple(operation_row(ctx, entry) for entry in ctx.extract.entries)
    return Section("operations", tr("All operations"), operation_columns(), rows, printed=False)


def _waiting(ctx: ReportContext) -> Section:
    """«К сверке» as the status bar shows it when the report is made (the one waiting query)."""
    waiting = ctx.extract.waiting_by_kind
    rows: list[tuple[Cell, ...]] = [
        (kind.value, kind_label(kind), count) for kind, count in waiting.items() if count
    ]
    rows.append(("", tr("Total"), sum(waiting.values())))
    columns = (
        Column("kind", tr("Code"), 16, printed=False, written=False),
        Column("operation", tr("Operation"), 28),
        Column("count", tr("Entries"), 10),
    )
    return Section("waiting", tr("Still to reach the platform"), columns, tuple(rows))


def _reconcile(ctx: ReportContext) -> Section:
    counts: Counter[str] = Counter()
    for entry in ctx.extract.entries:
        if entry.kind in ctx.reconciled_kinds and entry.entry_id not in ctx.extract.voided_ids:
            found = ctx.extract.outcomes.get(entry.entry_id)
            counts[found.outcome if found else NOT_SENT] += 1
    known = [*OUTCOMES, NOT_SENT]
    order = known + sorted(set(counts) - set(known))
    rows: list[tuple[Cell, ...]] = [
        (outcome, outcome_label(outcome), counts[outcome]) for outcome in order
    ]
    rows.append(("", tr("Total"), sum(counts.values())))
    columns = (
        Column("outcome", tr("Code"), 16, printed=False, written=False),
        Column("label", tr("Outcome"), 28),
        Column("count", tr("Entries"), 10),
    )
    return Section("reconcile", tr("Reconcile outcomes"), columns, tuple(rows))


def _conflicts(ctx: ReportContext) -> Section:
    """Each entry set aside for a person, both sides in words and what to do (no reply codes)."""
    rows = []
    for entry, outcome in ctx.extract.open_conflicts:
        journal, platform, advice = ctx.extract.conflict_words.get(entry.entry_id, ("", "", ""))
        rows.append(
            (
                ctx.when(entry),
                entry_kind_label(entry),
                entry.posting,
                journal,
                platform,
                advice,
                ctx.local(outcome.attempted_at),
                entry.entry_id,
            )
        )
    columns = (
        Column("time", tr("Time"), 18),
        Column("operation", tr("Operation"), 14),
        Column("posting", tr("Posting"), 20),
        Column("journal", tr("The journal says"), 30),
        Column("platform", tr("The platform says"), 30),
        Column("advice", tr("What to do"), 40),
        Column("attempted_at", tr("Last attempt"), 18),
        Column("entry_id", tr("Entry ID"), 38, printed=False),
    )
    return Section("conflicts", tr("Open conflicts"), columns, tuple(rows))


def _incidents(ctx: ReportContext) -> Section:
    rows: list[tuple[Cell, ...]] = []
    for incident in ctx.extract.incidents:
        during = sum(
            1
            for entry in ctx.extract.entries
            if entry.kind not in INCIDENT_MARKERS and incident.covers(entry.wall_time)
        )
        ended = ctx.local(incident.ended_at)
        rows.append(
            (
                incident.short_id,
                ctx.local(incident.started_at),
                ended if ended is not None else tr("still open"),
                incident.duration(ctx.extract.as_of),
                during,
                incident.reason,
                incident.detail,
                incident.incident_id,
            )
        )
    columns = (
        Column("incident", tr("Incident"), 10),
        Column("started_at", tr("Started"), 18),
        Column("ended_at", tr("Ended"), 18),
        Column("duration", tr("Duration"), 10),
        Column("operations", tr("Operations"), 12),
        Column("reason", tr("Reason"), 12),
        Column("detail", tr("Detail"), 30),
        Column("incident_id", tr("Incident ID"), 38, printed=False),
    )
    return Section("incidents", tr("Incidents"), columns, tuple(rows))


def _date_cell(value: object) -> Cell:
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return ""


def _extensions(ctx: ReportContext) -> Section:
    kinds = (EntryKind.EXTEND, EntryKind.DEADLINE_SYNC)
    rows = tuple(
        (
            ctx.when(entry),
            entry.posting,
            _date_cell(entry.payload.get("previous")),
            _date_cell(entry.payload.get("storage_until")),
            entry.payload.get("days") or "",
            source_label(str(entry.payload.get("source", ""))),
            str(entry.payload.get("incident_id", ""))[:8],
            entry.operator,
            ctx.voided(entry),
            entry.entry_id,
        )
        for entry in ctx.extract.entries
        if entry.kind in kinds
    )
    columns = (
        Column("time", tr("Time"), 18),
        Column("posting", tr("Posting"), 20),
        Column("previous", tr("Was until"), 12),
        Column("storage_until", tr("Now until"), 12),
        Column("days", tr("Days"), 8),
        Column("source", tr("By"), 12),
        Column("incident", tr("Incident"), 10),
        Column("operator", tr("Operator"), 14),
        Column("voided", tr("Voided"), 13),
        Column("entry_id", tr("Entry ID"), 38, printed=False),
    )
    return Section("extensions", tr("Storage extensions"), columns, rows)


def _voids(ctx: ReportContext) -> Section:
    rows: list[tuple[Cell, ...]] = []
    for entry in ctx.extract.entries:
        if entry.kind is not EntryKind.VOID:
            continue
        voided_id = str(entry.payload.get("voided_entry_id", ""))
        target = ctx.extract.void_targets.get(voided_id)
        kind = target.kind if target else EntryKind(str(entry.payload.get("voided_kind", "note")))
        rows.append(
            (
                ctx.when(entry),
                kind_label(kind),
                entry.posting,
                ctx.when(target) if target else "",
                str(entry.payload.get("reason", "")),
                entry.operator,
                voided_id,
                entry.entry_id,
            )
        )
    columns = (
        Column("time", tr("Voided at"), 18),
        Column("operation", tr("Operation"), 20),
        Column("posting", tr("Posting"), 20),
        Column("entry_time", tr("Done at"), 18),
        Column("reason", tr("Reason"), 30),
        Column("operator", tr("Operator"), 14),
        Column("voided_entry_id", tr("Voided entry ID"), 38, printed=False),
        Column("entry_id", tr("Entry ID"), 38, printed=False),
    )
    return Section("voids", tr("Voided entries"), columns, tuple(rows))


def _chain(ctx: ReportContext) -> Section:
    chain = ctx.extract.chain
    entries = ctx.extract.entries
    verdict = tr("passed") if chain.verified else tr("FAILED")
    rows: list[tuple[Cell, ...]] = [
        (tr("Period from"), ctx.extract.period.since),
        (tr("Period to"), ctx.extract.period.until),
        (tr("Entries in the period"), len(entries)),
        (tr("First entry No."), entries[0].seq if entries else ""),
        (tr("Last entry No."), entries[-1].seq if entries else ""),
        (tr("Chain head at the period's end, No."), chain.head_seq),
        (tr("Chain head hash (SHA-256)"), chain.head_hash),
        (tr("Chain verification"), verdict),
        (tr("Entries checked"), chain.checked),
        (tr("Signed anchor of the chain head"), chain.anchor),
    ]
    if not chain.verified:
        rows.append((tr("First broken entry No."), chain.first_bad_seq))
        rows.append((tr("First broken entry ID"), chain.first_bad_entry_id))
    columns = (Column("item", tr("Item"), 36), Column("value", tr("Value"), 66))
    return Section("chain", tr("Journal integrity"), columns, tuple(rows))


def build_day_report(extract: JournalExtract) -> DayReport:
    ctx = ReportContext(extract)
    sections = (
        _counts(ctx),
        _incidents(ctx),
        _incident_operations(ctx),
        _reconcile(ctx),
        _waiting(ctx),
        _conflicts(ctx),
        _extensions(ctx),
        _voids(ctx),
        _chain(ctx),
        _all_operations(ctx),
    )
    title = tr("End-of-day report") if extract.period.is_one_day else tr("Shift report")
    return DayReport(title, extract.period, extract.point_name, sections, extract.chain)
