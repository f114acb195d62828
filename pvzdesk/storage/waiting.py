"""What is still waiting to reach the platform: ONE definition, used by every door (the status
bar's numbers, the Сверка screen, the CLI, the re-entry worklist and sheet, the report).

- **API adapters** (``ozon_seller``): the journal is replayed whole (online or offline, one code
  path), so every entry of the adapter's kinds counts. *Waiting*: not voided, and its latest
  attempt by the adapter is absent (never tried) or still in play (neither final nor set aside).
  *Conflicts*: the latest attempt set it aside for a person (``conflict`` or ``rejected``).
- **Guided re-entry** (``reentry``, partner points): operations done online went through the
  platform's own app; only those written *during an incident* must be re-entered. *Waiting*:
  entries of the platform kinds, not voided, written from the incident's start (the first failed
  probe, ``payload.started_at``, else the entry's own time) up to its first ``incident_end``
  (exclusive; open-ended while the incident is open), not checked off by a ``reentry_done``,
  and not already shown on the platform by an API adapter's reconcile (its latest attempt there
  ``applied`` or ``already_applied``: a point that also replays through the Seller API must not
  re-enter what the platform already has).

Both come by kind (``BacklogCounts.by_kind``) from the same statement that gives the totals.

Counted in SQL, so the status bar recounts a million-entry journal after every scan cheaply.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.domain.outcomes import FINAL, REENTRY_ADAPTER, SET_ASIDE, kinds_to_reconcile
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row

_SETTLED = tuple(sorted(FINAL | SET_ASIDE))
_SET_ASIDE = tuple(sorted(SET_ASIDE))
_E_COLUMNS = ", ".join(f"e.{name.strip()}" for name in ENTRY_COLUMNS.split(","))

_VOIDED = (
    "voided AS (SELECT json_extract(payload, '$.voided_entry_id') AS entry_id FROM entries "
    "WHERE kind = 'void' AND json_extract(payload, '$.voided_entry_id') IS NOT NULL)"
)
# Every incident with the moment it began (the first failed probe when the monitor knew it) and
# the moment it ended (NULL while open).
_SPANS = (
    "spans AS (SELECT json_extract(s.payload, '$.incident_id') AS incident_id, s.seq AS seq, "
    "coalesce(json_extract(s.payload, '$.started_at'), s.wall_time) AS started, "
    "(SELECT min(x.wall_time) FROM entries x WHERE x.kind = 'incident_end' "
    "AND json_extract(x.payload, '$.incident_id') = json_extract(s.payload, '$.incident_id') "
    "AND x.seq > s.seq) AS ended "
    "FROM entries s WHERE s.kind = 'incident_start')"
)
# Entries an API adapter's latest attempt shows on the platform already: nothing to re-enter.
_ON_PLATFORM = (
    "on_platform AS (SELECT a.entry_id FROM sync_attempts a JOIN (SELECT max(id) AS id "
    "FROM sync_attempts WHERE adapter <> ? GROUP BY entry_id, adapter) l ON l.id = a.id "
    f"WHERE a.outcome IN ({','.join('?' for _ in FINAL)}))"
)
_FINAL = tuple(sorted(FINAL))
_DONE = (
    # SQLite takes the bare columns of a min() aggregate from its row: the first check-off
    "done AS (SELECT json_extract(payload, '$.entry_id') AS entry_id, min(seq) AS seq, "
    "entry_id AS done_id, wall_time AS done_at "
    "FROM entries WHERE kind = 'reentry_done' AND json_extract(payload, '$.entry_id') IS NOT NULL "
    "GROUP BY json_extract(payload, '$.entry_id'))"
)


@dataclass(frozen=True)
class BacklogCounts:
    waiting: int  # entries still to bring to the platform
    conflicts: int  # entries set aside for a person
    # the waiting ones by journal kind (only kinds with any), in ``EntryKind`` order
    by_kind: Mapping[EntryKind, int] = field(default_factory=dict, compare=False)


def _by_kind(rows: Collection[tuple[str, int]]) -> dict[EntryKind, int]:
    found = {EntryKind(kind): int(count) for kind, count in rows if count}
    return {kind: found[kind] for kind in EntryKind if kind in found}


@dataclass(frozen=True)
class ReentryRow:
    entry: Entry
    incident_id: str  # the first incident that covers it
    done_entry_id: str  # the ``reentry_done`` entry that checked it off, "" while still open
    done_at: datetime | None


def _marks(values: Collection[object]) -> str:
    return ",".join("?" for _ in values) or "NULL"


class Waiting:
    """Not thread-safe: one instance per connection, per thread."""

    def __init__(self, db: Database, path: Path) -> None:
        self._db = db
        self._path = path

    def counts(self, adapter: str) -> BacklogCounts:
        if adapter == REENTRY_ADAPTER:
            return self._reentry_counts()
        return self._api_counts(adapter)

    # --- API adapters ------------------------------------------------------------------------
    def _api_sql(self, adapter: str, select: str) -> tuple[str, list[Any]]:
        kinds = kinds_to_reconcile(adapter)
        sql = (
            "WITH latest AS (SELECT entry_id, max(id) AS id FROM sync_attempts WHERE adapter = ? "
            f"GROUP BY entry_id), {_VOIDED} "
            f"SELECT {select} FROM entries e LEFT JOIN latest l ON l.entry_id = e.entry_id "
            "LEFT JOIN sync_attempts a ON a.id = l.id "
            f"WHERE e.kind IN ({_marks(kinds)}) "
            "AND e.entry_id NOT IN (SELECT entry_id FROM voided)"
        )
        return sql, [adapter, *sorted(kind.value for kind in kinds)]

    def _api_counts(self, adapter: str) -> BacklogCounts:
        select = (
            "e.kind, "
            f"coalesce(sum(a.id IS NULL OR a.outcome NOT IN ({_marks(_SETTLED)})), 0), "
            f"coalesce(sum(a.outcome IN ({_marks(_SET_ASIDE)})), 0)"
        )
        sql, params = self._api_sql(adapter, select)
        # the select's marks come before the WHERE's in the statement
        with storage_errors(self._path):
            rows = self._db.conn.execute(
                sql + " GROUP BY e.kind", [params[0], *_SETTLED, *_SET_ASIDE, *params[1:]]
            ).fetchall()
        by_kind = _by_kind([(kind, waiting) for kind, waiting, _ in rows])
        conflicts = sum(int(row[2]) for row in rows)
        return BacklogCounts(sum(by_kind.values()), conflicts, by_kind)

    def api_entry_ids(self, adapter: str) -> list[str]:
        """The waiting entries of an API adapter, by seq (the same rule as ``counts``)."""
        sql, params = self._api_sql(adapter, "e.entry_id")
        sql += f" AND (a.id IS NULL OR a.outcome NOT IN ({_marks(_SETTLED)})) ORDER BY e.seq"
        with storage_errors(self._path):
            return [row[0] for row in self._db.conn.execute(sql, [*params, *_SETTLED])]

    # --- guided re-entry ---------------------------------------------------------------------
    def _reentry_sql(self, select: str, extra: str = "") -> tuple[str, list[Any]]:
        kinds = sorted(kind.value for kind in kinds_to_reconcile(REENTRY_ADAPTER))
        sql = (
            f"WITH {_SPANS}, {_DONE}, {_VOIDED}, {_ON_PLATFORM} "
            # From the incidents to their entries by time (CROSS JOIN keeps that order, the index
            # reads only each outage's entries): the other way round every operation of a
            # million-entry journal was read to count none (1.1 s -> 0 ms with no incident).
            f"SELECT {select} FROM spans CROSS JOIN entries e INDEXED BY entries_wall_time "
            "ON e.wall_time >= spans.started "
            "AND (spans.ended IS NULL OR e.wall_time < spans.ended) "
            "LEFT JOIN done ON done.entry_id = e.entry_id "
            f"WHERE e.kind IN ({_marks(kinds)}) "
            "AND e.entry_id NOT IN (SELECT entry_id FROM voided) "
            f"AND e.entry_id NOT IN (SELECT entry_id FROM on_platform){extra}"
        )
        return sql, [REENTRY_ADAPTER, *_FINAL, *kinds]

    def _reentry_counts(self) -> BacklogCounts:
        sql, params = self._reentry_sql(
            "e.kind, count(DISTINCT e.entry_id)", " AND done.entry_id IS NULL GROUP BY e.kind"
        )
        with storage_errors(self._path):
            rows = self._db.conn.execute(sql, params).fetchall()
        by_kind = _by_kind(rows)
        return BacklogCounts(sum(by_kind.values()), 0, by_kind)

    def reentry_rows(self) -> list[ReentryRow]:
        """Every operation of an outage the platform does not show yet, checked off or not, by
        seq; each once (its first incident). Incidents may overlap on a clock set back: an entry
        is listed once."""
        select = f"{_E_COLUMNS}, spans.incident_id, done.done_id, done.done_at, spans.seq"
        sql, params = self._reentry_sql(select, " ORDER BY e.seq, spans.seq")
        found: dict[str, ReentryRow] = {}
        with storage_errors(self._path):
            for row in self._db.conn.execute(sql, params):
                entry = entry_from_row(row[:-4])
                if entry.entry_id not in found:
                    done_at = datetime.fromisoformat(row[-2]) if row[-2] else None
                    found[entry.entry_id] = ReentryRow(
                        entry, str(row[-4] or ""), str(row[-3] or ""), done_at
                    )
        return list(found.values())
