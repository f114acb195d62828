"""The plain data every report writer renders: sections of typed rows, and what they are made from.

Nothing here touches the database: ``services.reporting`` reads the store into a
``JournalExtract``; ``day_report`` turns it into a ``DayReport``; the writers only render.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from pvzdesk.domain.models import Entry, EntryKind

# A cell: text, a count, a moment (aware, in the report's zone), a day, or a duration.
Cell = str | int | datetime | date | timedelta | None


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    width: int = 14  # in characters, for XLSX and as a share of the PDF page
    printed: bool = True  # left out of the PDF when the paper has no room (long ids)
    # a machine key kept for programs reading the report data (``receive``, ``not_sent``): no
    # file a person reads shows it, the label column beside it says the same in words
    written: bool = True


@dataclass(frozen=True)
class Section:
    key: str  # stable: sheet and CSV file names are made from it
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    printed: bool = True  # the PDF leaves out sections too long for paper (every operation)

    def for_people(self) -> Section:
        """The section without its machine-key columns: what the files show."""
        keep = [i for i, column in enumerate(self.columns) if column.written]
        if len(keep) == len(self.columns):
            return self
        return Section(
            self.key,
            self.title,
            tuple(self.columns[i] for i in keep),
            tuple(tuple(row[i] for i in keep) for row in self.rows),
            self.printed,
        )

    def column(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    def values(self, key: str) -> list[Cell]:
        index = self.column(key)
        return [row[index] for row in self.rows]


@dataclass(frozen=True)
class ReportPeriod:
    since: datetime  # aware, inclusive
    until: datetime  # aware, exclusive

    def __post_init__(self) -> None:
        if self.since.tzinfo is None or self.until.tzinfo is None:
            raise ValueError("a report period needs aware datetimes")
        if self.until <= self.since:
            raise ValueError("a report period must end after it starts")

    @classmethod
    def day(cls, day: date, zone: tzinfo) -> ReportPeriod:
        start = datetime.combine(day, time(0), tzinfo=zone)
        return cls(start, start + timedelta(days=1))

    @property
    def zone(self) -> tzinfo:
        zone = self.since.tzinfo
        assert zone is not None
        return zone

    @property
    def is_one_day(self) -> bool:
        return self.until - self.since == timedelta(days=1) and self.since.time() == time(0)

    def contains(self, moment: datetime) -> bool:
        return self.since <= moment < self.until


@dataclass(frozen=True)
class IncidentSpan:
    """An incident as the report sees it: ``ended_at`` is None when it was still open."""

    incident_id: str
    started_at: datetime
    ended_at: datetime | None
    reason: str = ""
    detail: str = ""

    def covers(self, moment: datetime) -> bool:
        return self.started_at <= moment and (self.ended_at is None or moment < self.ended_at)

    def duration(self, as_of: datetime) -> timedelta:
        return max((self.ended_at or as_of) - self.started_at, timedelta(0))

    @property
    def short_id(self) -> str:
        return self.incident_id[:8]


@dataclass(frozen=True)
class Outcome:
    """The latest reconcile attempt of one entry, as it stood at the end of the period."""

    adapter: str
    outcome: str  # applied, already_applied, rejected, conflict, retryable, unknown
    attempted_at: datetime
    http_status: int | None = None
    detail: str = ""
    reply: str = ""  # the platform's view kept beside it (a JSON summary)


@dataclass(frozen=True)
class ChainState:
    """The hash chain from the first entry up to the last entry written before the period ended."""

    head_seq: int
    head_hash: str
    verified: bool
    checked: int
    first_bad_seq: int | None = None
    first_bad_entry_id: str = ""
    reason: str = ""  # "hash" or "link" when broken
    anchor: str = ""  # the head as a line signed by this device's key (see storage/anchor.py)


@dataclass(frozen=True)
class JournalExtract:
    """Everything a day report needs, read from the store as of the period's end."""

    period: ReportPeriod
    as_of: datetime  # min(period end, now): open incidents are measured up to it
    entries: Sequence[Entry]  # written in the period, in seq order
    voided_ids: frozenset[str]  # entries voided by a void written before the period ended
    void_targets: Mapping[str, Entry]  # the entries the period's voids name
    incidents: Sequence[IncidentSpan]  # those overlapping the period, as known at its end
    outcomes: Mapping[str, Outcome]  # latest outcome per entry id (as of the period's end)
    open_conflicts: Sequence[tuple[Entry, Outcome]]  # set aside for a person: conflict, rejected
    chain: ChainState
    adapter: str = ""
    point_name: str = ""
    customers: Mapping[str, tuple[str, str]] = field(default_factory=dict)  # posting → name, phone
    # what still has to reach the platform when the report was made, by kind: the status bar's
    # «К сверке» (``storage.waiting``, the one query), whatever the period
    waiting_by_kind: Mapping[EntryKind, int] = field(default_factory=dict)
    # each open conflict in words, by entry id: (the journal's side, the platform's, what to do)
    conflict_words: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
