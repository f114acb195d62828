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

Both come by kind (``BacklogCounts.by_kind``); the waiting total is their sum.

Cheap on a million-entry journal, because the status bar recounts after every scan:

- Re-entry starts from the incident spans (a few rows) and reads only the entries written inside
  them by ``entries_wall_time``; on-platform is a lookup per entry by ``sync_attempts_entry``,
  voided and checked-off lists are built once per count. No incident costs next to nothing.
- An API adapter's counts are kept as a *tally*: the exact counts as of journal seq ``H`` and
  attempt id ``A``, in ``meta`` (and in memory). A recount adds what changed since: the entries
  after ``H``, the entries an attempt after ``A`` touched, the entries a void after ``H`` voids;
  each of those counts as it stands now minus as it stood at ``(H, A)``. Exact because both
  tables are append-only (triggers) and their keys grow with every commit: nothing at or below
  ``(H, A)`` changes, whatever comes later (a retry of a set-aside entry, a void of an old one,
  even a final outcome followed by another attempt). The entry at ``H`` and the attempt at ``A``
  are checked before a tally is used, so a tally of rows no longer there (a backup restored,
  then written on) is never trusted. The first count of a journal reads it whole, once.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.domain.outcomes import FINAL, REENTRY_ADAPTER, SET_ASIDE, kinds_to_reconcile
from pvzdesk.storage.errors import storage_errors
from pvzdesk.storage.rows import ENTRY_COLUMNS, entry_from_row

log = logging.getLogger(__name__)

_SETTLED = tuple(sorted(FINAL | SET_ASIDE))
_SET_ASIDE = tuple(sorted(SET_ASIDE))
_FINAL = tuple(sorted(FINAL))
_E_COLUMNS = ", ".join(f"e.{name.strip()}" for name in ENTRY_COLUMNS.split(","))

_VOIDED = (
    "voided AS (SELECT json_extract(payload, '$.voided_entry_id') AS entry_id FROM entries "
    "WHERE kind = 'void' AND json_extract(payload, '$.voided_entry_id') IS NOT NULL)"
)
# Every incident with the moment it began (the first failed probe when the monitor knew it) and
# the moment it ended (NULL while open). ``upper`` is the end for the index range: an open
# incident runs past every wall time (ISO text; U+10FFFF sorts after any of it).
_SPANS = (
    "spans AS MATERIALIZED (SELECT incident_id, seq, started, ended, "
    "coalesce(ended, char(1114111)) AS upper FROM (SELECT "
    "json_extract(s.payload, '$.incident_id') AS incident_id, s.seq AS seq, "
    "coalesce(json_extract(s.payload, '$.started_at'), s.wall_time) AS started, "
    "(SELECT min(x.wall_time) FROM entries x WHERE x.kind = 'incident_end' "
    "AND json_extract(x.payload, '$.incident_id') = json_extract(s.payload, '$.incident_id') "
    "AND x.seq > s.seq) AS ended "
    "FROM entries s WHERE s.kind = 'incident_start'))"
)
# An API adapter's latest attempt shows the entry on the platform already: nothing to re-enter.
# A lookup per entry by ``sync_attempts_entry`` (entry_id, adapter, id).
_ON_PLATFORM = (
    "EXISTS (SELECT 1 FROM sync_attempts a WHERE a.entry_id = e.entry_id AND a.adapter <> ? "
    f"AND a.outcome IN ({','.join('?' for _ in _FINAL)}) AND a.id = (SELECT max(b.id) "
    "FROM sync_attempts b WHERE b.entry_id = a.entry_id AND b.adapter = a.adapter))"
)
# The entries checked off by a ``reentry_done`` (a list subquery: one pass, indexed once) ...
_DONE_IDS = (
    "SELECT json_extract(payload, '$.entry_id') FROM entries WHERE kind = 'reentry_done' "
    "AND json_extract(payload, '$.entry_id') IS NOT NULL"
)
# ... and, for the rows, the first check-off of each (SQLite takes the bare columns of a min()
# aggregate from its row).
_DONE = (
    "SELECT json_extract(payload, '$.entry_id'), min(seq), entry_id, wall_time "
    "FROM entries WHERE kind = 'reentry_done' AND json_extract(payload, '$.entry_id') IS NOT NULL "
    "GROUP BY json_extract(payload, '$.entry_id')"
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


# --- the API adapters' tally -------------------------------------------------------------------
# Bump when what counts changes (FINAL, SET_ASIDE, the void rule): every kept tally is recounted.
_TALLY_VERSION = 1
_META_KEY = "waiting_tally:{adapter}"
# Persist a tally once it saves at least this many rows of work over the kept one: a restart or a
# CLI command then pays at most that much, and the scan writer rarely meets our meta write.
_PERSIST_AFTER = 2_000
# Count from nothing rather than from a tally once the attempts since it outnumber this share of
# the journal: each touched entry costs about three lookups, each entry of a full count one.
_RECOUNT_AFTER = 0.25


@dataclass(frozen=True)
class _Tally:
    """An API adapter's exact counts over entries with seq <= ``seq`` and attempts with
    id <= ``attempt``; ``seq_hash`` and ``attempt_mark`` name those two rows."""

    rule: str  # the version, the adapter and its kinds: a tally of another rule is not used
    seq: int
    seq_hash: str
    attempt: int
    attempt_mark: str
    waiting: dict[str, int]  # by kind value, zeros left out
    conflicts: int

    def to_json(self) -> str:
        fields = (self.rule, self.seq, self.seq_hash, self.attempt, self.attempt_mark)
        return json.dumps([*fields, self.waiting, self.conflicts])

    @staticmethod
    def from_json(text: str) -> _Tally | None:
        try:
            rule, seq, seq_hash, attempt, mark, waiting, conflicts = json.loads(text)
            return _Tally(
                str(rule),
                int(seq),
                str(seq_hash),
                int(attempt),
                str(mark),
                {str(kind): int(count) for kind, count in dict(waiting).items()},
                int(conflicts),
            )
        except (ValueError, TypeError):
            return None


# The latest tally per (journal file, adapter) in this process: the window's recount, the Сверка
# screen and the report each make their own ``Waiting`` on their own connection.
_TALLIES: dict[tuple[str, str], _Tally] = {}
_TALLIES_LOCK = threading.Lock()

_MARK_SQL = "SELECT entry_id || '|' || adapter || '|' || outcome FROM sync_attempts WHERE id = ?"


def _rule(adapter: str, kinds: Collection[str]) -> str:
    return f"{_TALLY_VERSION}|{adapter}|{','.join(kinds)}|{','.join(_FINAL)}|{','.join(_SET_ASIDE)}"


# What changed since a tally (:seq, :attempt) up to the head (:head, :head_attempt), by kind and
# state: each entry as it stands now against as it stood at the tally. A state is 1 waiting (never
# tried or in play), 2 set aside, 0 neither (final, voided); a void counts from its own seq on.
# Grouped by the state so that its lookup runs once per entry.
_STATE = (
    "coalesce((SELECT CASE WHEN a.outcome IN ({{set_aside}}) THEN 2 "
    "WHEN a.outcome IN ({{settled}}) THEN 0 ELSE 1 END FROM sync_attempts a "
    "WHERE a.entry_id = {entry} AND a.adapter = :adapter AND a.id <= {through} "
    "ORDER BY a.id DESC LIMIT 1), 1)"
)
# The entries written since: they counted nothing at the tally.
_NEW_SQL = (
    f"SELECT e.kind, {_STATE.format(entry='e.entry_id', through=':head_attempt')}, count(*) "
    "FROM entries e WHERE e.kind IN ({kinds}) AND e.seq > :seq AND e.seq <= :head "
    "AND e.entry_id NOT IN (SELECT json_extract(payload, '$.voided_entry_id') FROM entries "
    "WHERE kind = 'void' AND seq <= :head AND json_extract(payload, '$.voided_entry_id') "
    "IS NOT NULL) GROUP BY 1, 2"
)
# The entries of the tally that an attempt or a void since then touched: from the new attempts
# by their id range (CROSS JOIN keeps that order; ``+t.adapter``: not by ``sync_attempts_outcome``)
# and the voids (few), never from the entries.
_OLD_SQL = (
    "WITH voids AS MATERIALIZED (SELECT json_extract(payload, '$.voided_entry_id') AS entry_id, "
    "min(seq) AS seq FROM entries WHERE kind = 'void' AND seq <= :head "
    "AND json_extract(payload, '$.voided_entry_id') IS NOT NULL "
    "GROUP BY json_extract(payload, '$.voided_entry_id')), "
    "touched AS MATERIALIZED (SELECT e.kind AS kind, e.entry_id AS entry_id FROM sync_attempts t "
    "CROSS JOIN entries e ON e.entry_id = t.entry_id WHERE t.id > :attempt "
    "AND t.id <= :head_attempt AND +t.adapter = :adapter AND e.seq <= :seq "
    "AND e.kind IN ({kinds}) "
    "UNION SELECT e.kind, e.entry_id FROM voids v CROSS JOIN entries e "
    "ON e.entry_id = v.entry_id WHERE v.seq > :seq AND e.seq <= :seq AND e.kind IN ({kinds})) "
    "SELECT t.kind, "
    "CASE WHEN t.entry_id IN (SELECT entry_id FROM voids) THEN 0 ELSE "
    f"{_STATE.format(entry='t.entry_id', through=':head_attempt')} END, "
    "CASE WHEN t.entry_id IN (SELECT entry_id FROM voids WHERE seq <= :seq) THEN 0 ELSE "
    f"{_STATE.format(entry='t.entry_id', through=':attempt')} END, count(*) "
    "FROM touched t GROUP BY 1, 2, 3"
)


def _quoted(values: Collection[str]) -> str:
    # fixed names of our own (kinds, outcomes), never input: inlined so one statement needs no
    # positional marks next to its named ones
    return ",".join(f"'{value}'" for value in values) or "NULL"


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
        with storage_errors(self._path):
            tally, persist = self._tally(adapter)
            if persist:
                self._persist(adapter, tally)
        by_kind = _by_kind(list(tally.waiting.items()))
        return BacklogCounts(sum(by_kind.values()), tally.conflicts, by_kind)

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """One read snapshot for the several statements of a recount (or the caller's own)."""
        conn = self._db.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def _tally(self, adapter: str) -> tuple[_Tally, bool]:
        """The tally at the head, and whether it is worth keeping in ``meta``."""
        kinds = sorted(kind.value for kind in kinds_to_reconcile(adapter))
        rule = _rule(adapter, kinds)
        key = (str(self._path), adapter)
        with self._snapshot() as conn:
            head = conn.execute(
                "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            head_seq, head_hash = (int(head[0]), str(head[1])) if head else (0, "")
            head_attempt = int(
                conn.execute("SELECT coalesce(max(id), 0) FROM sync_attempts").fetchone()[0]
            )
            with _TALLIES_LOCK:
                remembered = _TALLIES.get(key)
            row = conn.execute(
                "SELECT value FROM meta WHERE key = ?", (_META_KEY.format(adapter=adapter),)
            ).fetchone()
            kept = _Tally.from_json(str(row[0])) if row else None
            usable = [
                tally
                for tally in (remembered, kept)
                if tally is not None and self._holds(conn, tally, rule, head_seq, head_attempt)
            ]
            base = max(usable, key=lambda t: (t.seq, t.attempt), default=None)
            if base is None or head_attempt - base.attempt > head_seq * _RECOUNT_AFTER:
                # none kept, or so many attempts since (a whole backlog reconciled) that counting
                # from nothing reads less than looking each touched entry up twice
                base = _Tally(rule, 0, "", 0, "", {}, 0)
            if (base.seq, base.attempt) == (head_seq, head_attempt):
                tally = base
            else:
                tally = self._advance(conn, base, adapter, kinds, head_seq, head_hash, head_attempt)
        with _TALLIES_LOCK:
            # Remember it, unless another connection remembered a later one meanwhile (the one we
            # read may be later and not hold: a backup restored since)
            known = _TALLIES.get(key)
            later = known is not None and (known.seq, known.attempt) > (tally.seq, tally.attempt)
            if known is remembered or not later:
                _TALLIES[key] = tally
        saved = (kept.seq + kept.attempt) if kept is not None and kept in usable else -1
        return tally, tally.seq + tally.attempt - saved >= _PERSIST_AFTER

    @staticmethod
    def _holds(
        conn: sqlite3.Connection, tally: _Tally, rule: str, head_seq: int, head_attempt: int
    ) -> bool:
        """A tally counts this journal as it stood at (seq, attempt): those rows are here, and
        are the very rows it was counted on."""
        if tally.rule != rule or tally.seq > head_seq or tally.attempt > head_attempt:
            return False
        if tally.seq:
            row = conn.execute("SELECT hash FROM entries WHERE seq = ?", (tally.seq,)).fetchone()
            if row is None or str(row[0]) != tally.seq_hash:
                return False
        if tally.attempt:
            row = conn.execute(_MARK_SQL, (tally.attempt,)).fetchone()
            if row is None or str(row[0]) != tally.attempt_mark:
                return False
        return True

    @staticmethod
    def _advance(
        conn: sqlite3.Connection,
        base: _Tally,
        adapter: str,
        kinds: list[str],
        head_seq: int,
        head_hash: str,
        head_attempt: int,
    ) -> _Tally:
        names = {
            "kinds": _quoted(kinds),
            "settled": _quoted(_SETTLED),
            "set_aside": _quoted(_SET_ASIDE),
        }
        params = {
            "seq": base.seq,
            "head": head_seq,
            "attempt": base.attempt,
            "head_attempt": head_attempt,
            "adapter": adapter,
        }
        waiting = dict(base.waiting)
        conflicts = base.conflicts
        changes = [
            (str(kind), int(now), 0, int(count))
            for kind, now, count in conn.execute(_NEW_SQL.format(**names), params)
        ]
        if base.seq or base.attempt:
            changes += [
                (str(kind), int(now), int(was), int(count))
                for kind, now, was, count in conn.execute(_OLD_SQL.format(**names), params)
            ]
        for kind, now, was, count in changes:
            waiting[kind] = waiting.get(kind, 0) + count * ((now == 1) - (was == 1))
            conflicts += count * ((now == 2) - (was == 2))
        mark = ""
        if head_attempt:
            mark = str(conn.execute(_MARK_SQL, (head_attempt,)).fetchone()[0])
        waiting = {kind: count for kind, count in waiting.items() if count}
        return _Tally(base.rule, head_seq, head_hash, head_attempt, mark, waiting, conflicts)

    def _persist(self, adapter: str, tally: _Tally) -> None:
        """Keep the tally in ``meta`` if the write lock is free now: the count stands without it
        (a read-only connection, a long write elsewhere), the next recount tries again.

        Without its own fsync (synchronous=NORMAL), so the scan writer never waits behind one for
        a cache: a commit after it syncs the WAL up to and with it, and a tally lost with a power
        cut is one that the lost entries after it do not need. Never OFF: this commit may run the
        WAL's automatic checkpoint, and a checkpoint without its fsyncs could lose the journal's
        own committed pages on a power cut."""
        conn = self._db.conn
        if conn.in_transaction:
            return
        timeout = int(conn.execute("PRAGMA busy_timeout").fetchone()[0])
        synchronous = int(conn.execute("PRAGMA synchronous").fetchone()[0])
        try:
            conn.execute("PRAGMA busy_timeout = 0")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(
                    "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                    (_META_KEY.format(adapter=adapter), tally.to_json()),
                )
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            log.debug("the waiting tally is not kept this time: %s", error)
        finally:
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            conn.execute(f"PRAGMA busy_timeout = {timeout}")

    def api_entry_ids(self, adapter: str) -> list[str]:
        """The waiting entries of an API adapter, by seq (the same rule as ``counts``)."""
        sql, params = self._api_sql(adapter, "e.entry_id")
        sql += f" AND (a.id IS NULL OR a.outcome NOT IN ({_marks(_SETTLED)})) ORDER BY e.seq"
        with storage_errors(self._path):
            return [row[0] for row in self._db.conn.execute(sql, [*params, *_SETTLED])]

    # --- guided re-entry ---------------------------------------------------------------------
    def _reentry_sql(self, select: str, extra: str = "") -> tuple[str, list[Any]]:
        kinds = sorted(kind.value for kind in kinds_to_reconcile(REENTRY_ADAPTER))
        # From the spans (few) into the entries written inside each by ``entries_wall_time``;
        # CROSS JOIN keeps that order, so no incident reads no entry.
        sql = (
            f"WITH {_SPANS}, {_VOIDED} "
            f"SELECT {select} FROM spans CROSS JOIN entries e INDEXED BY entries_wall_time "
            "ON e.wall_time >= spans.started AND e.wall_time < spans.upper "
            f"WHERE e.kind IN ({_marks(kinds)}) "
            "AND e.entry_id NOT IN (SELECT entry_id FROM voided) "
            f"AND NOT {_ON_PLATFORM}{extra}"
        )
        return sql, [*kinds, REENTRY_ADAPTER, *_FINAL]

    def _reentry_counts(self) -> BacklogCounts:
        sql, params = self._reentry_sql(
            "e.kind, count(DISTINCT e.entry_id)",
            f" AND e.entry_id NOT IN ({_DONE_IDS}) GROUP BY e.kind",
        )
        with storage_errors(self._path):
            rows = self._db.conn.execute(sql, params).fetchall()
        by_kind = _by_kind(rows)
        return BacklogCounts(sum(by_kind.values()), 0, by_kind)

    def reentry_rows(self) -> list[ReentryRow]:
        """Every operation of an outage the platform does not show yet, checked off or not, by
        seq; each once (its first incident). Incidents may overlap on a clock set back: an entry
        is listed once."""
        select = f"{_E_COLUMNS}, spans.incident_id, spans.seq"
        sql, params = self._reentry_sql(select, " ORDER BY e.seq, spans.seq")
        found: dict[str, ReentryRow] = {}
        with storage_errors(self._path), self._snapshot() as conn:
            rows = conn.execute(sql, params).fetchall()
            done = (
                {str(row[0]): (str(row[2]), str(row[3])) for row in conn.execute(_DONE)}
                if rows
                else {}
            )
        for row in rows:
            entry = entry_from_row(row[:-2])
            if entry.entry_id not in found:
                done_id, done_at = done.get(entry.entry_id, ("", ""))
                found[entry.entry_id] = ReentryRow(
                    entry,
                    str(row[-2] or ""),
                    done_id,
                    datetime.fromisoformat(done_at) if done_at else None,
                )
        return list(found.values())
