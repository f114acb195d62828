"""What the Сверка screen reads and runs, without widgets: the outcome groups with conflicts, the
re-entry worklist of partner points, check-off, retry, and the reconciler run itself."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.domain.outcomes import Outcome, parse_detail
from pvzdesk.reports.day_report import entry_kind_label
from pvzdesk.reports.reentry_sheet import reentry_code
from pvzdesk.storage import Store
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.outbox import PUT_BACK
from pvzdesk.storage.waiting import Waiting

if TYPE_CHECKING:
    from pvzdesk.app import AppContext, Services
    from pvzdesk.sync.adapters.reentry import ReentryItem

GROUP_LIMIT = 500  # rows shown per outcome group; the counts are always complete
OUTCOME_ORDER = (
    Outcome.CONFLICT.value,
    Outcome.REJECTED.value,
    Outcome.UNKNOWN.value,
    Outcome.RETRYABLE.value,
    Outcome.APPLIED.value,
    Outcome.ALREADY_APPLIED.value,
)


@dataclass(frozen=True)
class OutcomeRow:
    entry: Entry
    attempt: Attempt

    @property
    def conflict_kind(self) -> str:
        return parse_detail(self.attempt.detail)[1]

    def platform_view(self) -> dict[str, object]:
        try:
            view = json.loads(self.attempt.reply) if self.attempt.reply else {}
        except ValueError:
            return {"reply": self.attempt.reply}
        return view if isinstance(view, dict) else {"reply": view}


@dataclass(frozen=True)
class Overview:
    adapter: str
    counts: dict[str, int]
    groups: dict[str, list[OutcomeRow]]
    waiting: int  # entries never tried plus those still in play
    by_kind: dict[EntryKind, int] = field(default_factory=dict)  # the waiting ones, by kind


def load_overview(store: Store, adapter: str) -> Overview:
    latest = store.attempts.latest(adapter)
    voided = store.journal.voided_ids()
    counts: dict[str, int] = {}
    groups: dict[str, list[OutcomeRow]] = {}
    for entry_id, attempt in latest.items():
        if entry_id in voided:
            continue  # a voided entry needs nothing from the platform any more
        counts[attempt.outcome] = counts.get(attempt.outcome, 0) + 1
        rows = groups.setdefault(attempt.outcome, [])
        if len(rows) < GROUP_LIMIT:
            entry = store.journal.get(entry_id)
            if entry is not None:
                rows.append(OutcomeRow(entry, attempt))
    for rows in groups.values():
        rows.sort(key=lambda row: row.entry.seq)
    backlog = Waiting(store.db, store.path).counts(adapter)  # never-tried ones count too
    return Overview(adapter, counts, groups, backlog.waiting, dict(backlog.by_kind))


def retry_entry(store: Store, adapter: str, entry_id: str, now: datetime) -> None:
    """Put a set-aside entry back in play: the next run reads the platform again before acting."""
    store.attempts.record(
        [Attempt(entry_id, adapter, now, Outcome.RETRYABLE.value, detail=PUT_BACK)]
    )


# --- re-entry (partner points) ---------------------------------------------------------------
# One implementation: ``pvzdesk.sync.adapters.reentry.ReentryWorklist`` (through
# ``services.reconcile.worklist()``) decides what is on the list, what is ticked off and
# writes the ``reentry_done`` entry; the CLI (``pvzdesk reentry``) uses the same. Here it is only
# laid out as lines numbered like the printed re-entry sheet (per incident).
@dataclass(frozen=True)
class WorkLine:
    number: int  # per incident, as on the re-entry sheet
    operation: str
    posting: str
    barcode: str  # what the sheet's Code 128 encodes
    entry_id: str


@dataclass(frozen=True)
class WorkItem:
    line: WorkLine
    incident_id: str
    done: bool


@dataclass
class Worklist:
    items: list[WorkItem] = field(default_factory=list)

    @property
    def done_count(self) -> int:
        return sum(1 for item in self.items if item.done)

    def mark_done(self, entry_id: str) -> WorkItem | None:
        """Tick the line of ``entry_id`` (just checked off); the line, or None."""
        for index, item in enumerate(self.items):
            if item.line.entry_id == entry_id:
                self.items[index] = replace(item, done=True)
                return self.items[index]
        return None


def worklist_of(items: Sequence[ReentryItem]) -> Worklist:
    numbers: dict[str, int] = {}
    lines = []
    for item in items:
        numbers[item.incident_id] = numbers.get(item.incident_id, 0) + 1
        entry = item.entry
        line = WorkLine(
            numbers[item.incident_id],
            entry_kind_label(entry),
            entry.posting,
            reentry_code(entry),
            entry.entry_id,
        )
        lines.append(WorkItem(line, item.incident_id, item.done))
    return Worklist(lines)


def load_worklist(session: Services) -> Worklist:
    """Every platform operation written during an outage, oldest first, with its check-off."""
    return worklist_of(session.reconcile.worklist().items())


# --- the reconciler run ----------------------------------------------------------------------
@dataclass(frozen=True)
class RunSummary:
    total: int
    done: int
    remaining: int
    outcomes: dict[str, int]
    cancelled: bool
    stopped: str


def run_seller_reconcile(
    app: AppContext,
    cancel: threading.Event,
    progress: Callable[[int, int], None],
    *,
    on_retry_after: Callable[[datetime], None] | None = None,
) -> RunSummary:
    """The one reconcile path (``services.reconcile``), on a connection of this thread: the run,
    then the refresh of statuses after an incident. A missing key is a ``PlatformError`` with
    its sentence and what to do. ``on_retry_after(until)``: the platform asked to wait."""
    services = app.connect()
    try:
        report = services.reconcile.run(
            progress=progress, cancel=cancel, on_retry_after=on_retry_after
        ).report
    finally:
        services.close()
    return RunSummary(
        report.total,
        report.done,
        report.remaining,
        dict(report.outcomes),
        report.cancelled,
        report.stopped,
    )
