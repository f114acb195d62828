"""One desk's link to the point database (and to the central one): push, pull, claims, status.

The local journal stays the first durable write; everything here happens after it, or — for a
claim — just before it with a short budget. A background thread keeps the link: it pushes this
desk's entries, pulls the other desks' (woken by NOTIFY, else every ``interval_s``), claims entries
journaled while isolated, and pushes to the central database when one is configured. The counter
asks ``claim`` before an issue, refusal, return or send-back; an unreachable database answers
"isolated" within the budget and the desk goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import psycopg

from pvzdesk.clock import Clock
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.domain.state import PostingState, fold, voided_entry_ids
from pvzdesk.errors import PointError, PvzdeskError
from pvzdesk.point.claims import (
    CLAIM_KINDS,
    ClaimOutcome,
    claim_number,
    passed_over,
    past_released,
    released_in,
    try_claim,
)
from pvzdesk.point.connection import (
    Connection,
    DatabaseConfig,
    close_quietly,
    connect,
    interrupt,
    is_link_failure,
    unreachable,
)
from pvzdesk.point.late_claims import CLAIMS_THROUGH, LateClaims
from pvzdesk.point.pull import pull
from pvzdesk.point.push import high_water_mark, push
from pvzdesk.point.schema import NOTIFY_CHANNEL, Target, ensure_schema, point_identity
from pvzdesk.storage import Store
from pvzdesk.storage.peer_copy import (
    PeerCopy,
    count_of_kinds_after,
    own_count,
    own_entries_after,
)

log = logging.getLogger("pvzdesk.point")

CLAIM_TIMEOUT_S = 0.3
PUSH_NOW_TIMEOUT_S = 2.0  # a CLI command's push after its commit: never longer than this
POINT_DATABASE = "point_database"  # copy meta: the identity of the database the copy came from
LAST_ROUND = "last_round_at"  # copy meta: when a round with the point database last succeeded
# the entries that bring a parcel to the point: their desk is the one named beside it in lists
_ARRIVALS = frozenset({EntryKind.RECEIVE, EntryKind.REFUSE, EntryKind.CLIENT_RETURN})
_ONE_PASS_FROM = 200  # parcels to fold again in one list: above this, read the copy in one pass


class LinkState(StrEnum):
    OFF = "off"  # not configured
    CONNECTED = "connected"
    ISOLATED = "isolated"  # configured but unreachable: the desk works on its own


@dataclass(frozen=True)
class LinkStatus:
    state: LinkState = LinkState.OFF
    since: datetime | None = None
    problem: str = ""
    pushed: int = 0  # this desk's entries the database holds
    pending: int = 0  # this desk's entries it does not hold yet


@dataclass(frozen=True)
class PointStatus:
    point: LinkStatus
    central: LinkStatus
    desk_name: str
    desks: dict[str, str] = field(default_factory=dict)  # other desks seen: device id -> name
    pulled: int = 0
    claimed: int = 0
    unclaimed: int = 0
    conflicts: tuple[dict[str, Any], ...] = ()
    released: int = 0  # this desk's claims released: their entries were never written


@dataclass(frozen=True)
class DeskEntries:
    """One other desk's entries in a period, as pulled and verified, and its chain head here."""

    desk_name: str
    device_id: str
    entries: tuple[Entry, ...]  # in the desk's own order (device_seq), without gaps
    head_seq: int  # the last device_seq of that desk this copy holds
    head_hash: str


@dataclass(frozen=True)
class DeskIdentity:
    device_id: str
    desk_name: str
    point_id: str

    @property
    def label(self) -> str:
        return self.desk_name or self.device_id[-6:]


class PointDesk:
    """Thread-safe: the counter's thread calls ``claim``/``state``/``status``; one background thread
    (``start``) keeps the link. ``sync_once`` runs one round in the caller's thread (the CLI)."""

    def __init__(
        self,
        point: DatabaseConfig,
        central: DatabaseConfig,
        identity: DeskIdentity,
        journal_path: Path,
        clock: Clock,
        *,
        open_store: Callable[[], Store],
        claim_timeout_s: float = CLAIM_TIMEOUT_S,
        interval_s: float = 2.0,
    ) -> None:
        self.point = point
        self.central = central
        self.identity = identity
        self.clock = clock
        self.claim_timeout_s = claim_timeout_s
        self.interval_s = interval_s
        self._open_store = open_store
        self._local = threading.local()
        # created (and migrated) here, once; every thread then opens its own connection
        self._first_copy = PeerCopy.beside(journal_path)
        self._local.copy = self._first_copy
        self._lock = threading.Lock()
        self._point_status = LinkStatus(LinkState.ISOLATED if point.configured else LinkState.OFF)
        self._central_status = LinkStatus(
            LinkState.ISOLATED if central.configured else LinkState.OFF
        )
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._claimer = ThreadPoolExecutor(1, thread_name_prefix="pvzdesk-claim")
        self._claim_conn: Connection | None = None
        self._link_conns: dict[Target, Connection | None] = {}  # the background thread's
        self._granted: dict[tuple[str, EntryKind], int] = {}  # claims granted, entry not seen yet
        self._late = LateClaims(identity.device_id, identity.label, self._lock, self._granted)
        self._listeners: list[Callable[[], None]] = []
        self._pulled_listeners: list[Callable[[], None]] = []
        # posting -> ((pulled count, own state row), merged state, device that brought it)
        self._merged_states: dict[str, tuple[object, PostingState, str]] = {}

    @property
    def configured(self) -> bool:
        return self.point.configured or self.central.configured

    # --- per-thread resources -------------------------------------------------------------
    def _copy(self) -> PeerCopy:
        copy: PeerCopy | None = getattr(self._local, "copy", None)
        if copy is None:
            copy = self._first_copy.reopen()
            self._local.copy = copy
        return copy

    def on_change(self, listener: Callable[[], None]) -> None:
        """Called from the background thread after a round changed the status (the window's hook)."""
        self._listeners.append(listener)

    def on_pulled(self, listener: Callable[[], None]) -> None:
        """Called from the background thread after a round brought other desks' entries or
        conflicts (the window redraws its lists of the point)."""
        self._pulled_listeners.append(listener)

    def _set_status(self, target: Target, status: LinkStatus) -> None:
        with self._lock:
            if target is Target.POINT:
                previous, self._point_status = self._point_status, status
            else:
                previous, self._central_status = self._central_status, status
        if previous != status:
            for listener in self._listeners:
                listener()

    def _went(self, target: Target, state: LinkState, problem: str = "", **counts: int) -> None:
        current = self._point_status if target is Target.POINT else self._central_status
        since = current.since if current.state is state and current.since else self.clock.now()
        self._set_status(
            target, replace(current, state=state, since=since, problem=problem, **counts)
        )

    # --- the picture of the whole point ----------------------------------------------------
    def state(self, store: Store, posting: str) -> PostingState:
        """The posting's state from this desk's journal and every other desk's pulled entries."""
        peers = self._copy().entries_about(posting) if self.point.configured else []
        if not peers:
            return store.postings.state(posting)
        merged = _merged(store.postings.history(posting), [entry for entry, _ in peers])
        return fold(store.postings.manifest_row(posting), posting, merged)

    def at_point(self, store: Store) -> list[tuple[PostingState, str]]:
        """Every parcel at the point as all the desks' entries make it (the same fold as
        ``state``), earliest deadline first, each with the name of the desk whose entry brought
        it there (received, refused or returned).

        A parcel's merged state is kept while neither its pulled entries (they only arrive: their
        count) nor its own cached state row changed, so a list after one more scan folds one
        parcel again, not the point's whole history."""
        own = self.identity.label
        if not self.point.configured:
            return [(state, own) for state in store.postings.at_point()]
        copy = self._copy()
        counts = copy.posting_counts()
        own_rows = store.postings.state_rows(counts)
        names = copy.desks()
        found = {
            state.posting: (state, own)
            for state in store.postings.at_point()
            if state.posting not in counts
        }
        keys = {posting: (count, own_rows.get(posting)) for posting, count in counts.items()}
        stale = [
            posting
            for posting, key in keys.items()
            if (cached := self._merged_states.get(posting)) is None or cached[0] != key
        ]
        # many to fold (the first list): one pass over the copy beats a query per parcel
        peers_of = (
            copy.entries_by_posting()
            if len(stale) > _ONE_PASS_FROM
            else {posting: [entry for entry, _ in copy.entries_about(posting)] for posting in stale}
        )
        for posting in stale:
            merged = _merged(store.postings.history(posting), peers_of.get(posting, []))
            state = fold(store.postings.manifest_row(posting), posting, merged)
            self._merged_states[posting] = (keys[posting], state, _arrived_from(merged))
        for posting in keys:
            _, state, device_id = self._merged_states[posting]
            if state.at_point:
                found[posting] = (state, self._name_of(device_id, names) if device_id else "")
        return sorted(
            found.values(),
            key=lambda item: (
                item[0].storage_until is None,
                item[0].storage_until or date.min,
                item[0].posting,
            ),
        )

    def _name_of(self, device_id: str, names: dict[str, str]) -> str:
        if device_id == self.identity.device_id:
            return self.identity.label
        return names.get(device_id, device_id[-6:])

    # --- claims --------------------------------------------------------------------------------
    def claim(
        self, store: Store, kind: EntryKind, posting: str, operator: str
    ) -> ClaimOutcome | None:
        """Claim ``posting`` for ``kind``; None when there is no point database or it did not answer
        within the budget (the desk is isolated: journal the entry, it is claimed on reconnect)."""
        if not self.point.configured or kind not in CLAIM_KINDS or not posting:
            return None
        if self._stop.is_set():
            return None  # replaced by new settings meanwhile: the entry is claimed on reconnect
        if self._thread is not None and self._point_status.state is not LinkState.CONNECTED:
            return None  # the link knows it is away: no wait at the counter until it is back
        copy = self._copy()
        own = store.postings.history(posting)
        claim_no = past_released(
            claim_number(own, copy.entries_about(posting)),
            [*copy.released_numbers(posting), *released_in(own)],
        )
        # the counter asks inside its write transaction: the head cannot move until it ends, so
        # a head that moved proves the claiming write is over (a claim made outside one: no head,
        # never released)
        head_seq = store.journal.head()[0] if store.db.conn.in_transaction else None
        try:
            future: Future[ClaimOutcome] = self._claimer.submit(
                self._claim_in_worker, posting, claim_no, operator, kind, head_seq
            )
        except RuntimeError:  # stopped between the check above and now
            return None
        try:
            outcome = future.result(timeout=self.claim_timeout_s)
            if self._point_status.state is not LinkState.CONNECTED:
                self._went(Target.POINT, LinkState.CONNECTED)
            passed_over(copy, posting, kind, claim_no, outcome.claim_no)
            if outcome.granted:
                # the entry written next is recorded as claimed with this number by the link
                with self._lock:
                    self._granted[(posting, kind)] = outcome.claim_no
                self._wake.set()
            return outcome
        except CancelledError:  # the link was stopped (new settings) before the claim ran
            return None
        except FutureTimeout:
            interrupt(self._claim_conn)  # frees the worker stuck on a stalled link
            self._went(Target.POINT, LinkState.ISOLATED, "claim timeout")
            return None
        except (psycopg.Error, PointError) as exc:
            if not isinstance(exc, PointError) and not is_link_failure(exc):
                raise
            self._went(Target.POINT, LinkState.ISOLATED, str(exc))
            return None

    def _claim_in_worker(
        self, posting: str, claim_no: int, operator: str, kind: EntryKind, head_seq: int | None
    ) -> ClaimOutcome:
        try:
            conn = self._claim_conn
            if conn is None or conn.closed or conn.broken:
                close_quietly(conn)
                conn = self._claim_conn = connect(
                    self.point, f"pvzdesk claims {self.identity.label}"
                )
                ensure_schema(conn, Target.POINT)  # the first desk on a new database creates it
                conn.execute("SET synchronous_commit = off")  # made durable by the next round
            return try_claim(
                conn,
                posting=posting,
                claim_no=claim_no,
                device_id=self.identity.device_id,
                desk_name=self.identity.label,
                operator=operator,
                kind=kind,
                head_seq=head_seq,
            )
        except psycopg.Error:
            close_quietly(self._claim_conn)
            self._claim_conn = None
            raise
        finally:
            if self._stop.is_set():  # stopped while this claim was on a slow link
                close_quietly(self._claim_conn)
                self._claim_conn = None

    # --- one round ----------------------------------------------------------------------------
    def _point_round(self, conn: Connection, store: Store, copy: PeerCopy) -> None:
        identity = point_identity(conn)
        held = copy.meta(POINT_DATABASE)
        if held != identity:
            if held:  # another point database than the copy's: its entries are not this point's
                log.warning("the point database changed: the copy of the other desks is renewed")
                copy.forget_point()
            copy.set_meta(POINT_DATABASE, identity)
        conn.execute(
            "INSERT INTO desks (device_id, desk_name) VALUES (%s, %s) ON CONFLICT (device_id) "
            "DO UPDATE SET desk_name = excluded.desk_name, last_seen = now()",
            (self.identity.device_id, self.identity.label),
        )
        result = push(
            conn,
            Target.POINT,
            self.identity.device_id,
            lambda after, limit: own_entries_after(store.db, self.identity.device_id, after, limit),
            point_id=self.identity.point_id,
            should_stop=self._stop.is_set,
        )
        self._late.claim_pending(conn, store, copy)
        self._late.reassert(conn, store, copy)
        self._late.release_orphans(conn, store, copy)
        # last: the conflicts just found come back with the others' entries
        pulled = pull(conn, copy, self.identity.device_id, self.clock.now())
        if pulled.pulled or pulled.new_conflicts:
            for listener in self._pulled_listeners:
                listener()
        copy.set_meta(LAST_ROUND, self.clock.now().isoformat())
        total = own_count(store.db, self.identity.device_id)
        self._went(
            Target.POINT,
            LinkState.CONNECTED,
            pushed=result.high_water_mark,
            pending=max(total - result.high_water_mark, 0),
        )

    def _central_round(self, conn: Connection, store: Store) -> None:
        result = push(
            conn,
            Target.CENTRAL,
            self.identity.device_id,
            lambda after, limit: own_entries_after(store.db, self.identity.device_id, after, limit),
            point_id=self.identity.point_id,
            should_stop=self._stop.is_set,
        )
        total = own_count(store.db, self.identity.device_id)
        self._went(
            Target.CENTRAL,
            LinkState.CONNECTED,
            pushed=result.high_water_mark,
            pending=max(total - result.high_water_mark, 0),
        )

    def _configs(self, targets: Iterable[Target]) -> list[tuple[Target, DatabaseConfig]]:
        chosen = set(targets)
        return [
            (target, config)
            for target, config in ((Target.POINT, self.point), (Target.CENTRAL, self.central))
            if target in chosen and config.configured
        ]

    def sync_once(
        self, store: Store, targets: Iterable[Target] = (Target.POINT, Target.CENTRAL)
    ) -> PointStatus:
        """Connect, push, pull and claim once, in this thread (the CLI's ``point sync``).
        Raises PointError when a configured database cannot be reached."""
        errors: list[PointError] = []
        for target, config in self._configs(targets):
            if not config.configured:
                continue
            try:
                conn = connect(config, f"pvzdesk {self.identity.label}")
            except PointError as exc:
                self._went(target, LinkState.ISOLATED, exc.message)
                errors.append(exc)
                continue
            try:
                ensure_schema(conn, target)
                if target is Target.POINT:
                    self._point_round(conn, store, self._copy())
                else:
                    self._central_round(conn, store)
            except psycopg.Error as exc:
                if not is_link_failure(exc):
                    raise
                self._went(target, LinkState.ISOLATED, str(exc))
                errors.append(unreachable(config, exc))
            finally:
                close_quietly(conn)
        if errors:
            raise errors[0]
        return self.status(store)

    def push_now(self, timeout_s: float = PUSH_NOW_TIMEOUT_S) -> list[Target]:
        """One round with each configured database now (push this desk's new entries, claim what
        waits, pull), best effort and within ``timeout_s`` (a CLI command after its commit).
        Returns the databases not reached in time: their entries go at the next sync."""
        done: list[Target] = []

        def rounds() -> None:
            store = self._open_store()  # this thread's own connection to the journal
            copy = self._first_copy.reopen()
            try:
                for target, config in self._configs((Target.POINT, Target.CENTRAL)):
                    conn = None
                    try:
                        conn = connect(config, f"pvzdesk {self.identity.label}")
                        self._link_conns[target] = conn  # stop() interrupts a stalled one
                        ensure_schema(conn, target)
                        if target is Target.POINT:
                            self._point_round(conn, store, copy)
                        else:
                            self._central_round(conn, store)
                        done.append(target)
                    except (psycopg.Error, PvzdeskError) as exc:
                        if isinstance(exc, psycopg.Error) and not is_link_failure(exc):
                            log.exception("push after a command failed (%s)", target.value)
                        self._went(target, LinkState.ISOLATED, str(exc))
                    finally:
                        self._link_conns.pop(target, None)
                        close_quietly(conn)
            finally:
                copy.close()
                store.close()

        worker = threading.Thread(target=rounds, name="pvzdesk-push-now", daemon=True)
        worker.start()
        worker.join(timeout_s)
        if worker.is_alive():  # a stalled link: cut it, the entries wait for the next sync
            for conn in list(self._link_conns.values()):
                interrupt(conn)
        return [
            target
            for target, _ in self._configs((Target.POINT, Target.CENTRAL))
            if target not in done
        ]

    # --- the background link --------------------------------------------------------------
    def start(self) -> None:
        if not self.configured or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="pvzdesk-point", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for conn in list(self._link_conns.values()):
            interrupt(conn)  # a round stuck on a stalled link must not hold the window's exit
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=10)
        self._claimer.shutdown(wait=False, cancel_futures=True)
        close_quietly(self._claim_conn)
        copy = getattr(self._local, "copy", None)
        if copy is not None:
            copy.close()
            self._local.copy = None

    def wake(self) -> None:
        """Start a round soon (after the counter journaled something)."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._keep_link()
            except Exception:  # a bug: logged, shown as isolated, tried again; never kills the desk
                log.exception("the point link failed")
                for target, _ in self._configs((Target.POINT, Target.CENTRAL)):
                    self._went(target, LinkState.ISOLATED, "internal error")
                self._stop.wait(5.0)

    def _keep_link(self) -> None:
        store = self._open_store()
        copy = self._first_copy.reopen()
        conns = self._link_conns
        conns.update({Target.POINT: None, Target.CENTRAL: None})
        delay = {Target.POINT: 0.0, Target.CENTRAL: 0.0}
        try:
            while not self._stop.is_set():
                for target, config in ((Target.POINT, self.point), (Target.CENTRAL, self.central)):
                    if config.configured and not self._stop.is_set():
                        conns[target], delay[target] = self._guarded_round(
                            target, config, conns[target], delay[target], store, copy
                        )
                self._wait(
                    conns[Target.POINT],
                    min([self.interval_s, *(d for d in delay.values() if d > 0)]),
                )
        finally:
            for conn in conns.values():
                close_quietly(conn)
            copy.close()
            store.close()

    def _guarded_round(
        self,
        target: Target,
        config: DatabaseConfig,
        conn: Connection | None,
        delay: float,
        store: Store,
        copy: PeerCopy,
    ) -> tuple[Connection | None, float]:
        try:
            if conn is None or conn.closed or conn.broken:
                close_quietly(conn)
                conn = connect(config, f"pvzdesk {self.identity.label}")
                conn.execute("SET statement_timeout = 60000")
                ensure_schema(conn, target)
                if target is Target.POINT:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
            if target is Target.POINT:
                self._point_round(conn, store, copy)
            else:
                self._central_round(conn, store)
            return conn, 0.0
        except (psycopg.Error, PvzdeskError) as exc:
            if isinstance(exc, psycopg.Error) and not is_link_failure(exc):
                log.exception("point round failed (%s)", target.value)
            self._went(target, LinkState.ISOLATED, str(exc))
            close_quietly(conn)
            return None, min(max(delay * 2, 0.25), 5.0)

    def _wait(self, conn: Connection | None, timeout: float) -> None:
        if self._wake.is_set():
            self._wake.clear()
            return
        if conn is None or conn.closed:
            self._wake.wait(timeout)
            self._wake.clear()
            return
        try:
            # a NOTIFY from another desk's push ends the wait at once; a wake() within ~0.2 s
            waited = 0.0
            while waited < timeout and not self._stop.is_set() and not self._wake.is_set():
                step = min(0.2, timeout - waited)
                if any(True for _ in conn.notifies(timeout=step, stop_after=1)):
                    return
                waited += step
            self._wake.clear()
        except psycopg.Error:
            return  # the next round notices the broken link

    # --- status ------------------------------------------------------------------------------
    def link(self, target: Target = Target.POINT) -> LinkStatus:
        with self._lock:
            return self._point_status if target is Target.POINT else self._central_status

    def whole_point(
        self, store: Store, since: datetime, until: datetime
    ) -> list[tuple[str, Entry]]:
        """Every desk's entries in [since, until), each with its desk's name (this desk's too)."""
        from pvzdesk.storage.journal import EntryFilter

        names = self._copy().desks()
        found = [
            (self.identity.label, entry)
            for entry in store.journal.entries(EntryFilter(since=since, until=until))
        ]
        found.extend(
            (names.get(entry.device_id, entry.device_id[-6:]), entry)
            for entry in self._copy().all_entries()
            if since <= entry.wall_time < until
        )
        return sorted(found, key=lambda item: item[1].wall_time)

    def other_desks(self, since: datetime, until: datetime) -> list[DeskEntries]:
        """Each other desk's entries in [since, until), from its first to its last entry there
        in its own order (a piece of its chain anyone can check), and its chain head here."""
        copy = self._copy()
        names = copy.desks()
        marks = copy.marks()
        by_desk: dict[str, list[Entry]] = {}
        for entry in copy.all_entries():
            by_desk.setdefault(entry.device_id, []).append(entry)
        found: list[DeskEntries] = []
        for device_id, mark in sorted(
            marks.items(), key=lambda item: self._name_of(item[0], names)
        ):
            entries = sorted(by_desk.get(device_id, []), key=lambda e: e.device_seq)
            inside = [e.device_seq for e in entries if since <= e.wall_time < until]
            piece = (
                tuple(e for e in entries if min(inside) <= e.device_seq <= max(inside))
                if inside
                else ()
            )
            found.append(
                DeskEntries(
                    self._name_of(device_id, names), device_id, piece, mark.device_seq, mark.hash
                )
            )
        return found

    def last_round_at(self) -> datetime | None:
        """When this desk last pushed to and pulled from the point database (any process)."""
        stamp = self._copy().meta(LAST_ROUND)
        return datetime.fromisoformat(stamp) if stamp else None

    def conflicts(self) -> list[dict[str, Any]]:
        return self._copy().conflicts()

    def conflict_count(self) -> int:
        """Conflicts reported by the point database (cheap: for the status bar's tick)."""
        return self._copy().conflict_count() if self.point.configured else 0

    def status(self, store: Store) -> PointStatus:
        copy = self._copy()
        counts = copy.claim_counts()
        through = int(copy.meta(CLAIMS_THROUGH, "0"))
        unclaimed = (
            count_of_kinds_after(store.db, CLAIM_KINDS, through) if self.point.configured else 0
        )
        desks = {k: v for k, v in copy.desks().items() if k != self.identity.device_id}
        return PointStatus(
            point=self.link(Target.POINT),
            central=self.link(Target.CENTRAL),
            desk_name=self.identity.label,
            desks=desks,
            pulled=copy.count(),
            claimed=counts.get("claimed", 0),
            unclaimed=unclaimed,
            conflicts=tuple(copy.conflicts()),
            released=copy.released_count(self.identity.device_id),
        )

    def probe(
        self, store: Store, targets: Iterable[Target] = (Target.POINT, Target.CENTRAL)
    ) -> PointStatus:
        """Ask each configured database for this desk's high-water mark now (``status``)."""
        total = own_count(store.db, self.identity.device_id)
        for target, config in self._configs(targets):
            try:
                with connect(config, f"pvzdesk {self.identity.label}") as conn:
                    ensure_schema(conn, target)
                    mark = high_water_mark(conn, target, self.identity.device_id)
            except PointError as exc:
                self._went(target, LinkState.ISOLATED, exc.message)
                continue
            except psycopg.Error as exc:
                if not is_link_failure(exc):
                    raise
                self._went(target, LinkState.ISOLATED, str(exc))
                continue
            self._went(target, LinkState.CONNECTED, pushed=mark, pending=max(total - mark, 0))
        return self.status(store)


def _merged(own: list[Entry], peers: Iterable[Entry]) -> list[Entry]:
    """This desk's and the other desks' entries about one posting in one order, for ``fold``.

    Seqs of different desks do not compare, so the merged order (by wall time) is numbered anew."""
    merged = sorted([*own, *peers], key=lambda e: (e.wall_time, e.device_id, e.device_seq))
    return [replace(entry, seq=index + 1) for index, entry in enumerate(merged)]


def _arrived_from(merged: list[Entry]) -> str:
    """The device whose (not voided) receive, refusal or return last brought the parcel in."""
    voided = voided_entry_ids(merged)
    for entry in reversed(merged):
        if entry.kind in _ARRIVALS and entry.entry_id not in voided:
            return entry.device_id
    return ""
