"""Reconciliation, the ONE path every door takes (window, CLI, demo): what is still to go, what
conflicts, the run itself with the refresh of deadlines and statuses after an incident, the
health monitor and the re-entry worklist.

``ReconcileService`` is built by ``pvzdesk.app`` (with the factories that make the HTTP client
and the engine: no service is constructed anywhere else) and reached through ``services``:

    rec = services.reconcile
    rec.views().summary(); rec.views().outstanding(); rec.views().conflicts()
    report, refresh = rec.run(progress=...)      # on this thread's connection
    job = rec.job(progress=on_progress)          # its own thread and connection
    job.start(); job.cancel(); job.join(); job.report / job.error
    monitor = rec.health_monitor(); monitor.start(); monitor.snapshot(); monitor.close()
    worklist = rec.worklist(); worklist.remaining(); worklist.check_off(code)
    feed = rec.manifest_feed(); feed.start(); feed.wake(); feed.close()   # the warm manifest
    rec.views().cancel_requests(); rec.views().manifest_listed_at(); rec.retry_set_aside()

The engine and the monitor live in ``sync/`` (the only place httpx is imported); they are
imported inside the methods that need them, so opening the Сверка screen does not load the
network stack.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from pvzdesk.clock import Clock
from pvzdesk.domain.models import Entry
from pvzdesk.domain.outcomes import IN_PLAY as _IN_PLAY
from pvzdesk.domain.outcomes import SELLER_ADAPTER, SET_ASIDE, Outcome, parse_detail
from pvzdesk.domain.outcomes import SELLER_KINDS as _SELLER_KINDS
from pvzdesk.errors import PlatformError
from pvzdesk.i18n import tr
from pvzdesk.services.counter import CounterService
from pvzdesk.services.incidents import IncidentService
from pvzdesk.services.reconcile_words import Explanation, explain
from pvzdesk.settings import LiveSettings, PlatformSettings
from pvzdesk.storage import Store
from pvzdesk.storage.outbox import PUT_BACK, Outbox, OutboxItem
from pvzdesk.storage.platform_feed import LIST_MANIFEST, CancelRequestRow, PlatformFeed
from pvzdesk.storage.waiting import BacklogCounts, Waiting

if TYPE_CHECKING:
    from pvzdesk.sync.adapters.reentry import ReentryWorklist
    from pvzdesk.sync.health import HealthMonitor
    from pvzdesk.sync.manifest_feed import FeedReport, ManifestFeed
    from pvzdesk.sync.reconciler import Progress, ReconcileOptions, ReconcileReport
    from pvzdesk.sync.refresh import RefreshReport
    from pvzdesk.sync.seller_api import SellerApi

SELLER_KINDS = tuple(sorted(_SELLER_KINDS))
IN_PLAY = tuple(sorted(_IN_PLAY))


@dataclass(frozen=True)
class OutstandingEntry:
    entry: Entry
    outcome: str  # latest outcome, "" when never tried
    detail: str
    attempted_at: datetime | None


@dataclass(frozen=True)
class Conflict:
    """A set-aside entry: the journal's claim beside the platform's view, for a person."""

    entry: Entry  # the journal's view: kind, posting, when, who
    outcome: str  # "conflict" or "rejected"
    kind: str  # conflict kind (already_delivered, ...) or the rejected action and code
    description: str  # both sides and what to do, in words (``reconcile_words``)
    platform_view: dict[str, Any]  # status, substatus, available_actions... as the platform said
    attempted_at: datetime
    said: Explanation | None = None  # the same, side by side


def _platform_view(reply: str) -> dict[str, Any]:
    try:
        value = json.loads(reply) if reply else {}
    except json.JSONDecodeError:
        return {"reply": reply}
    return value if isinstance(value, dict) else {"reply": value}


class ReconcileViews:
    """Read-only views of the outbox; use from the thread that owns ``store``."""

    def __init__(self, store: Store, adapter: str = SELLER_ADAPTER) -> None:
        self._outbox = Outbox(store.db, store.path)
        self._waiting = Waiting(store.db, store.path)
        self._feed = PlatformFeed(store.db, store.path)
        self.adapter = adapter

    def cancel_requests(self) -> list[CancelRequestRow]:
        """Parcels a buyer asked to cancel (pending or approved): not to be handed out;
        approving or rejecting the request stays a person's decision in the seller's account."""
        return self._feed.blocking_requests()

    def manifest_listed_at(self) -> datetime | None:
        """When the platform's list of this point's postings was last fetched."""
        return self._feed.last_list(LIST_MANIFEST)

    def _items(self, outcomes: tuple[str, ...], untried: bool) -> list[OutboxItem]:
        return self._outbox.items(
            self.adapter, SELLER_KINDS, outcomes=outcomes, include_untried=untried
        )

    def counts(self) -> BacklogCounts:
        """Waiting and needing a person: the one query (``storage.waiting``)."""
        return self._waiting.counts(self.adapter)

    def outstanding(self) -> list[OutstandingEntry]:
        return [
            OutstandingEntry(
                item.entry,
                item.latest.outcome if item.latest else "",
                item.latest.detail if item.latest else "",
                item.latest.attempted_at if item.latest else None,
            )
            for item in self._items(IN_PLAY, True)
        ]

    def conflicts(self) -> list[Conflict]:
        found = []
        for item in self._items(tuple(sorted(SET_ASIDE)), False):
            assert item.latest is not None
            _, subject = parse_detail(item.latest.detail)
            conflict = item.latest.outcome == Outcome.CONFLICT
            said = explain(item.entry, item.latest.outcome, item.latest.detail, item.latest.reply)
            found.append(
                Conflict(
                    item.entry,
                    item.latest.outcome,
                    subject if conflict else item.latest.detail,
                    said.sentence(),
                    _platform_view(item.latest.reply),
                    item.latest.attempted_at,
                    said,
                )
            )
        return found

    def summary(self) -> dict[str, int]:
        """Counts by latest outcome; "untried" for entries never sent."""
        counts: dict[str, int] = {}
        for item in self._items((*IN_PLAY, *sorted(SET_ASIDE), "applied", "already_applied"), True):
            key = item.latest.outcome if item.latest else "untried"
            counts[key] = counts.get(key, 0) + 1
        return counts


def retry_set_aside(store: Store, now: datetime, adapter: str = SELLER_ADAPTER) -> int:
    """Put every set-aside entry (conflict, rejected) back in play; the next run reads the
    platform again before acting (and the entry's send count starts again). How many."""
    from pvzdesk.storage.attempts import Attempt

    items = Outbox(store.db, store.path).items(
        adapter, SELLER_KINDS, outcomes=tuple(sorted(SET_ASIDE)), include_untried=False
    )
    store.attempts.record(
        Attempt(item.entry.entry_id, adapter, now, Outcome.RETRYABLE.value, detail=PUT_BACK)
        for item in items
    )
    return len(items)


# -- the one reconcile path ---------------------------------------------------------------------
@dataclass(frozen=True)
class Credentials:
    base_url: str
    client_id: str
    api_key: str


def credentials_for(platform: PlatformSettings, base_url: str | None = None) -> Credentials:
    """From settings, then ``PVZDESK_CLIENT_ID``/``PVZDESK_API_KEY``, then the keyring."""
    from pvzdesk.secrets import api_key, client_id

    client = client_id(platform.client_id)
    key = api_key(client)
    if not client or not key:
        raise PlatformError(
            tr("There is no Seller API Client-Id or API key."),
            hint=tr("Enter them in Settings, or set PVZDESK_CLIENT_ID and PVZDESK_API_KEY."),
        )
    return Credentials(base_url or platform.seller_api_url, client, key)


@dataclass(frozen=True)
class ReconcileRun:
    report: ReconcileReport
    refresh: RefreshReport | None  # None when no incident was ever journaled (or cancelled)
    requests: int  # HTTP requests this run sent


class PlatformWiring(Protocol):
    """What ``pvzdesk.app`` hands the reconcile service: the constructors of the HTTP client and
    the engine (so they are built in one place) and a way to open another connection's services
    for a background thread."""

    def seller_api(
        self,
        platform: PlatformSettings,
        credentials: Credentials,
        *,
        rate_limit_rps: float | None,
        cancel: threading.Event | None,
        on_retry_after: Callable[[datetime], None] | None = None,
    ) -> SellerApi: ...

    def run_reconciler(
        self,
        store: Store,
        api: SellerApi,
        *,
        options: ReconcileOptions | None,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> ReconcileReport: ...

    def session(self) -> AbstractContextManager[ReconcileService]: ...


class ReconcileService:
    """Not thread-safe: use it from the thread that owns ``store``. Built by ``pvzdesk.app``."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        settings: LiveSettings,
        counter: CounterService,
        incidents: IncidentService,
        wiring: PlatformWiring,
    ) -> None:
        self.store = store
        self.clock = clock
        self.settings = settings
        self.counter = counter
        self.incidents = incidents
        self._wiring = wiring

    @property
    def adapter(self) -> str:
        return self.settings.current.platform.adapter

    def views(self) -> ReconcileViews:
        return ReconcileViews(self.store)

    def waiting(self) -> BacklogCounts:
        """What the status bar shows for the configured adapter (the one query)."""
        return Waiting(self.store.db, self.store.path).counts(self.adapter)

    def credentials(self, base_url: str | None = None) -> Credentials:
        """Raises ``PlatformError`` (a Russian sentence and what to do) when the key is missing."""
        return credentials_for(self.settings.current.platform, base_url)

    def run(
        self,
        *,
        base_url: str | None = None,
        rate_limit_rps: float | None = None,
        options: ReconcileOptions | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        refresh_after: bool = True,
        credentials: Credentials | None = None,
        on_retry_after: Callable[[datetime], None] | None = None,
    ) -> ReconcileRun:
        """Reconcile on this connection, then re-read statuses if an incident was ever journaled
        (deadlines are ours: the platform has none). Every door runs exactly this.
        ``on_retry_after(until)``: the platform asked to wait (show the time)."""
        from pvzdesk.sync.refresh import refresh_from_platform

        platform = self.settings.current.platform
        credentials = credentials or self.credentials(base_url)
        api = self._wiring.seller_api(
            platform, credentials, rate_limit_rps=rate_limit_rps, cancel=cancel,
            on_retry_after=on_retry_after,
        )  # fmt: skip
        try:
            report = self._wiring.run_reconciler(
                self.store, api, options=options, progress=progress, cancel=cancel
            )
            refresh = None
            if refresh_after and not report.cancelled and self.incidents.latest() is not None:
                refresh = refresh_from_platform(api, self.store, self.clock, cancel=cancel)
            requests = api.requests_sent
        finally:
            api.close()
        return ReconcileRun(report, refresh, requests)

    def job(
        self,
        *,
        progress: Progress | None = None,
        options: ReconcileOptions | None = None,
        base_url: str | None = None,
        refresh_after: bool = True,
    ) -> ReconcileJob:
        """A run in its own thread on its own connection; the credentials are checked now."""
        return ReconcileJob(
            self._wiring.session,
            self.credentials(base_url),
            progress=progress,
            options=options,
            refresh_after=refresh_after,
        )

    def health_monitor(self) -> HealthMonitor:
        """A monitor for the current settings; its probing thread journals incidents on its own
        connection. ``start()`` / ``snapshot()`` / ``add_listener()`` / ``close()``."""
        from pvzdesk.secrets import api_key, client_id
        from pvzdesk.sync.health import HealthMonitor, targets_for

        platform = self.settings.current.platform
        client = client_id(platform.client_id)
        targets = targets_for(
            platform.adapter,
            platform.login_probe_url,
            platform.seller_api_url,
            client,
            api_key(client) if client else "",
        )
        session = self._wiring.session

        @contextmanager
        def incidents() -> Iterator[IncidentService]:
            with session() as own:
                yield own.incidents

        return HealthMonitor(
            targets,
            interval_s=platform.probe_interval_s,
            timeout_s=platform.probe_timeout_s,
            clock=self.clock,
            incidents_factory=incidents,
        )

    def retry_set_aside(self) -> int:
        """Every set-aside entry back in play (the CLI's ``--retry-set-aside``, Сверка's button)."""
        return retry_set_aside(self.store, self.clock.now(), SELLER_ADAPTER)

    def manifest_feed(
        self, *, on_report: Callable[[FeedReport], None] | None = None
    ) -> ManifestFeed:
        """The warm manifest of an ``ozon_seller`` point: a thread with its own connection and
        client (the credentials are asked for now: without them, a ``PlatformError``)."""
        from pvzdesk.sync.manifest_feed import ManifestFeed

        platform = self.settings.current.platform
        credentials = self.credentials()
        wiring = self._wiring

        @contextmanager
        def own_store() -> Iterator[Store]:
            with wiring.session() as own:
                yield own.store

        return ManifestFeed(
            lambda cancel: wiring.seller_api(
                platform, credentials, rate_limit_rps=None, cancel=cancel
            ),
            own_store,
            self.clock,
            interval_s=platform.manifest_refresh_min * 60,
            on_report=on_report,
        )

    def worklist(self) -> ReentryWorklist:
        from pvzdesk.sync.adapters.reentry import ReentryWorklist

        return ReentryWorklist(self.store, self.counter.append)


class ReconcileJob:
    """One ``ozon_seller`` reconcile in a background thread with its own store connection and
    HTTP client. ``progress(done, total)`` is called from that thread: a GUI hops to its own
    thread (a Qt signal) before touching widgets. ``cancel()`` stops between requests; nothing
    is lost, and the next run resumes where this one stopped."""

    def __init__(
        self,
        session: Callable[[], AbstractContextManager[ReconcileService]],
        credentials: Credentials,
        *,
        progress: Progress | None = None,
        options: ReconcileOptions | None = None,
        refresh_after: bool = True,
    ) -> None:
        self._session = session
        self._credentials = credentials
        self._progress = progress
        self._options = options
        self._refresh_after = refresh_after
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.report: ReconcileReport | None = None
        self.refresh: RefreshReport | None = None
        self.error: BaseException | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._work, name="reconcile", daemon=True)
            self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def join(self, timeout: float | None = None) -> bool:
        """True when the job has finished (``report`` or ``error`` is set)."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self.done

    @property
    def done(self) -> bool:
        return self._thread is not None and not self._thread.is_alive()

    def _work(self) -> None:
        try:
            with self._session() as own:
                run = own.run(
                    credentials=self._credentials, options=self._options,
                    progress=self._progress, cancel=self._cancel,
                    refresh_after=self._refresh_after,
                )  # fmt: skip
            self.report, self.refresh = run.report, run.refresh
        except BaseException as error:  # handed to the caller, who shows it
            self.error = error
