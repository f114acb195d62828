"""How much is waiting to reconcile, counted in SQL: the status bar's numbers without loading a row.

``Outbox.items`` (``outbox.py``) builds every outstanding entry; the status bar only needs two
numbers, recounted after every scan, on a journal that may hold a million entries. One query each:

- **API adapters** (``ozon_seller``): the journal is replayed whole — online or offline, one code
  path — so *every* entry of the adapter's kinds counts, not only those written during incidents.
  ``waiting``: not voided, latest attempt by the adapter absent (never tried) or still in play
  (anything but final or set aside); ``conflicts``: latest attempt set aside for a person
  (``conflict`` or ``rejected``). These are the Сверка screen's "waiting" and "needing a person"
  (``services.reconcile.ReconcileViews``: ``len(outstanding())`` and ``len(conflicts())``).
- **Guided re-entry** (``reentry``, partner points): operations done online went through the
  platform's own app; only those written *during an incident* must be re-entered. ``waiting``:
  entries of the kinds, not voided, written while an incident was open (wall time from its
  ``incident_start`` inclusive to its first ``incident_end`` exclusive, or open-ended) and not
  checked off by a ``reentry_done`` entry (``payload.entry_id``); ``conflicts`` is 0. This is
  ``len(sync.adapters.reentry.ReentryWorklist.remaining())``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from pvzdesk.domain.models import EntryKind
from pvzdesk.storage.attempts import FINAL_OUTCOMES
from pvzdesk.storage.errors import storage_errors

SET_ASIDE_OUTCOMES = ("conflict", "rejected")  # settled for now; a person decides

_VOIDED = (
    "voided AS (SELECT json_extract(payload, '$.voided_entry_id') AS entry_id FROM entries "
    "WHERE kind = 'void' AND json_extract(payload, '$.voided_entry_id') IS NOT NULL)"
)


@dataclass(frozen=True)
class BacklogCounts:
    waiting: int  # entries still to bring to the platform
    conflicts: int  # entries set aside for a person


def _marks(values: Collection[object]) -> str:
    return ",".join("?" for _ in values)


def api_backlog(
    db: Database, path: Path, adapter: str, kinds: Collection[EntryKind]
) -> BacklogCounts:
    """Counts for an adapter that replays the journal through an API (see the module doc)."""
    if not kinds:
        return BacklogCounts(0, 0)
    settled = (*FINAL_OUTCOMES, *SET_ASIDE_OUTCOMES)
    sql = (
        "WITH latest AS (SELECT entry_id, max(id) AS id FROM sync_attempts WHERE adapter = ? "
        f"GROUP BY entry_id), {_VOIDED} "
        f"SELECT coalesce(sum(a.id IS NULL OR a.outcome NOT IN ({_marks(settled)})), 0), "
        f"coalesce(sum(a.outcome IN ({_marks(SET_ASIDE_OUTCOMES)})), 0) "
        "FROM entries e LEFT JOIN latest l ON l.entry_id = e.entry_id "
        "LEFT JOIN sync_attempts a ON a.id = l.id "
        f"WHERE e.kind IN ({_marks(kinds)}) AND e.entry_id NOT IN (SELECT entry_id FROM voided)"
    )
    params = [adapter, *settled, *SET_ASIDE_OUTCOMES, *(kind.value for kind in kinds)]
    with storage_errors(path):
        waiting, conflicts = db.conn.execute(sql, params).fetchone()
    return BacklogCounts(int(waiting), int(conflicts))


def reentry_backlog(db: Database, path: Path, kinds: Collection[EntryKind]) -> BacklogCounts:
    """Operations written during incidents and not yet re-entered (see the module doc)."""
    if not kinds:
        return BacklogCounts(0, 0)
    sql = (
        "WITH spans AS (SELECT s.wall_time AS started, "
        "(SELECT min(x.wall_time) FROM entries x WHERE x.kind = 'incident_end' "
        "AND json_extract(x.payload, '$.incident_id') = json_extract(s.payload, '$.incident_id') "
        "AND x.seq > s.seq) AS ended "
        "FROM entries s WHERE s.kind = 'incident_start'), "
        "done AS (SELECT json_extract(payload, '$.entry_id') AS entry_id FROM entries "
        "WHERE kind = 'reentry_done' AND json_extract(payload, '$.entry_id') IS NOT NULL), "
        f"{_VOIDED} "
        "SELECT count(DISTINCT e.entry_id) FROM spans "
        "JOIN entries e ON e.wall_time >= spans.started "
        "AND (spans.ended IS NULL OR e.wall_time < spans.ended) "
        f"WHERE e.kind IN ({_marks(kinds)}) "
        "AND e.entry_id NOT IN (SELECT entry_id FROM voided) "
        "AND e.entry_id NOT IN (SELECT entry_id FROM done)"
    )
    with storage_errors(path):
        (waiting,) = db.conn.execute(sql, [kind.value for kind in kinds]).fetchone()
    return BacklogCounts(int(waiting), 0)
