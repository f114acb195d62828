"""Reconciliation for the UI and the CLI, in domain terms: what is still to go, what conflicts,
and the wiring that runs the engine and the health monitor in background threads.

The views (``ReconcileViews``) need only storage. The engine and the monitor live in ``sync/``
(the only place httpx is imported); they are imported inside the functions that build them, so
opening the Сверка screen does not load the network stack.

    views = ReconcileViews(app.store)                 # GUI thread
    views.summary(); views.outstanding(); views.conflicts()

    job = ReconcileJob(app, progress=on_progress)     # on_progress(done, total) from the worker
    job.start(); job.cancel(); job.join(); job.report / job.error

    monitor = health_monitor_for(app); monitor.start(); monitor.snapshot(); monitor.close()
    worklist = reentry_worklist_for(app); worklist.remaining(); worklist.check_off(code)
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.errors import PlatformError
from pvzdesk.i18n import tr
from pvzdesk.services.counter import CounterService
from pvzdesk.services.incidents import IncidentService
from pvzdesk.storage import Store
from pvzdesk.storage.outbox import Outbox, OutboxItem
from pvzdesk.sync.outcomes import SET_ASIDE, Outcome, describe_conflict, parse_detail

if TYPE_CHECKING:
    from pvzdesk.app import AppContext
    from pvzdesk.settings import PlatformSettings
    from pvzdesk.sync.adapters.reentry import ReentryWorklist
    from pvzdesk.sync.health import HealthMonitor
    from pvzdesk.sync.reconciler import Progress, ReconcileOptions, ReconcileReport
    from pvzdesk.sync.refresh import RefreshReport
    from pvzdesk.sync.seller_api import SellerApi

SELLER_ADAPTER = "ozon_seller"
# The kinds ``ozon_seller`` brings to the platform (kept in step with OzonSellerAdapter.kinds).
SELLER_KINDS = (EntryKind.RECEIVE, EntryKind.ISSUE, EntryKind.RETURN_TO_SENDER)
IN_PLAY = (Outcome.RETRYABLE.value, Outcome.UNKNOWN.value)


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
    description: str
    platform_view: dict[str, Any]  # status, substatus, available_actions... as the platform said
    attempted_at: datetime


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
        self.adapter = adapter

    def _items(self, outcomes: tuple[str, ...], untried: bool) -> list[OutboxItem]:
        return self._outbox.items(
            self.adapter, SELLER_KINDS, outcomes=outcomes, include_untried=untried
        )

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
            description = (
                describe_conflict(subject)
                if conflict
                else tr("The platform rejected the request: {detail}", detail=item.latest.detail)
            )
            found.append(
                Conflict(
                    item.entry,
                    item.latest.outcome,
                    subject if conflict else item.latest.detail,
                    description,
                    _platform_view(item.latest.reply),
                    item.latest.attempted_at,
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


# -- wiring the engine -------------------------------------------------------------------------
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


def seller_api_for(
    platform: PlatformSettings,
    credentials: Credentials,
    *,
    rate_limit_rps: float | None = None,
    cancel: threading.Event | None = None,
) -> SellerApi:
    from pvzdesk.sync.ratelimit import TokenBucket
    from pvzdesk.sync.seller_api import SellerApi

    return SellerApi(
        credentials.base_url,
        credentials.client_id,
        credentials.api_key,
        limiter=TokenBucket(rate_limit_rps or platform.rate_limit_rps),
        timeout_s=max(platform.probe_timeout_s, 10.0),
        cancel=cancel,
    )


def run_reconcile(
    app: AppContext,
    store: Store,
    api: SellerApi,
    *,
    options: ReconcileOptions | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    refresh_after: bool = True,
) -> tuple[ReconcileReport, RefreshReport | None]:
    """Reconcile on ``store`` (a connection of the calling thread), then re-read deadlines and
    statuses if an incident was ever journaled."""
    from pvzdesk.sync.adapters.ozon_seller import OzonSellerAdapter
    from pvzdesk.sync.reconciler import Reconciler
    from pvzdesk.sync.refresh import refresh_from_platform

    reconciler = Reconciler(
        store, OzonSellerAdapter(), api, app.clock, options, progress=progress, cancel=cancel
    )
    report = reconciler.run()
    refresh = None
    incidents = IncidentService(store, app.clock, app.settings.operator)
    if refresh_after and not report.cancelled and incidents.latest() is not None:
        counter = CounterService(store, app.clock, app.counter.policy, app.counter.operator)
        refresh = refresh_from_platform(api, store, counter.sync_deadline, app.clock, cancel=cancel)
    return report, refresh


class ReconcileJob:
    """One ``ozon_seller`` reconcile in a background thread with its own store connection and
    HTTP client. ``progress(done, total)`` is called from that thread: a GUI hops to its own
    thread (a Qt signal) before touching widgets. ``cancel()`` stops between requests; nothing
    is lost, and the next run resumes where this one stopped."""

    def __init__(
        self,
        app: AppContext,
        *,
        progress: Progress | None = None,
        options: ReconcileOptions | None = None,
        base_url: str | None = None,
        refresh_after: bool = True,
    ) -> None:
        self._app = app
        self._progress = progress
        self._options = options
        self._refresh_after = refresh_after
        self._credentials = credentials_for(app.settings.platform, base_url)  # fail early
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
        app = self._app
        store = app.store.reconnect(app.clock)
        api = seller_api_for(app.settings.platform, self._credentials, cancel=self._cancel)
        try:
            self.report, self.refresh = run_reconcile(
                app, store, api, options=self._options, progress=self._progress,
                cancel=self._cancel, refresh_after=self._refresh_after,
            )  # fmt: skip
        except BaseException as error:  # handed to the caller, who shows it
            self.error = error
        finally:
            api.close()
            store.close()


def health_monitor_for(app: AppContext) -> HealthMonitor:
    """A monitor for the app's settings; its probing thread journals incidents on its own
    store connection. ``start()`` / ``snapshot()`` / ``add_listener()`` / ``close()``."""
    from pvzdesk.secrets import api_key, client_id
    from pvzdesk.sync.health import HealthMonitor, targets_for

    platform = app.settings.platform
    client = client_id(platform.client_id)
    targets = targets_for(
        platform.adapter,
        platform.login_probe_url,
        platform.seller_api_url,
        client,
        api_key(client) if client else "",
    )

    @contextmanager
    def incidents() -> Iterator[IncidentService]:
        store = app.store.reconnect(app.clock)
        try:
            yield IncidentService(store, app.clock, app.settings.operator)
        finally:
            store.close()

    return HealthMonitor(
        targets,
        interval_s=platform.probe_interval_s,
        timeout_s=platform.probe_timeout_s,
        clock=app.clock,
        incidents_factory=incidents,
    )


def reentry_worklist_for(app: AppContext, store: Store | None = None) -> ReentryWorklist:
    from pvzdesk.sync.adapters.reentry import ReentryWorklist

    store = store or app.store
    incidents = (
        app.incidents
        if store is app.store
        else IncidentService(store, app.clock, app.settings.operator)
    )
    return ReentryWorklist(store, incidents, app.settings.operator)
