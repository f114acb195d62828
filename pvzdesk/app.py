"""The one place that wires pvzdesk together: paths, settings, logging, storage and services.

Every door (window, CLI, demo, maintenance, bench) opens the data folder with ``open_app`` and
takes what it needs from ``app.services`` (the calling thread's connection) or from
``app.connect()`` (another thread's own connection). No service is constructed anywhere else
(a test checks it), so every door runs the same code.

    with open_app(data_dir) as app:
        app.services.counter.issue([...])
        app.services.reconcile.run()
    services = app.connect()          # in a worker thread: its own connection, same settings
    app.apply_settings(new)           # every Services of this app sees it at its next operation;
                                      # a new point database: the point link is rebuilt here too

Adding a service: one field on ``Services`` and one line in ``_build_services``.
"""

from __future__ import annotations

import logging
import logging.handlers
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pvzdesk import __version__
from pvzdesk.clock import Clock, SystemClock
from pvzdesk.errors import ClockError
from pvzdesk.logsafe import file_handler
from pvzdesk.paths import DataPaths, backups_dir, resolve_data_dir
from pvzdesk.services.counter import CounterService
from pvzdesk.services.evidence import EvidenceService
from pvzdesk.services.incidents import IncidentService
from pvzdesk.services.manifest_import import ManifestImportService
from pvzdesk.services.reconcile import Credentials, ReconcileService
from pvzdesk.services.reporting import ReportingService
from pvzdesk.services.retention import RetentionService
from pvzdesk.services.versions import record_app_version
from pvzdesk.settings import LiveSettings, PlatformSettings, Settings, load_settings
from pvzdesk.storage import Store, open_store
from pvzdesk.storage.integrity import (
    check_due,
    mark_closed,
    mark_open,
    record_check,
    was_left_open,
)
from pvzdesk.storage.store import DB_NAME

if TYPE_CHECKING:
    from pvzdesk.domain.models import Entry, EntryDraft
    from pvzdesk.domain.rules import Finding
    from pvzdesk.domain.state import PostingState
    from pvzdesk.point.desk import PointDesk
    from pvzdesk.point.gate import ClaimGate
    from pvzdesk.sync.reconciler import Progress, ReconcileOptions, ReconcileReport
    from pvzdesk.sync.seller_api import SellerApi

LOG_NAME = "pvzdesk.log"
log = logging.getLogger("pvzdesk.app")
# The daily upkeep runs in a child process while the window runs: a rotating log file must have one
# writer (on Windows a file another process holds open cannot be renamed, so a rotation fails).
MAINTENANCE_LOG_NAME = "maintenance.log"


@dataclass
class Services:
    """Every service over ONE connection (``store``), all reading the same live settings.

    Not thread-safe: use it from the thread that opened ``store``."""

    store: Store
    clock: Clock
    paths: DataPaths
    live: LiveSettings
    counter: CounterService
    incidents: IncidentService
    evidence: EvidenceService
    reconcile: ReconcileService
    reporting: ReportingService
    manifest: ManifestImportService
    retention: RetentionService
    app: AppContext

    @property
    def settings(self) -> Settings:
        """The current settings (they may change between two calls)."""
        return self.live.current

    @property
    def point(self) -> PointDesk | None:
        """The point/central databases' link, when configured (one per app; Настройки may
        replace it at any time, so ask again rather than keep it)."""
        return self.app.point

    def close(self) -> None:
        self.store.close()


def _new_seller_api(
    platform: PlatformSettings,
    credentials: Credentials,
    *,
    rate_limit_rps: float | None = None,
    cancel: threading.Event | None = None,
    on_retry_after: Callable[[datetime], None] | None = None,
) -> SellerApi:
    from pvzdesk.sync.ratelimit import TokenBucket
    from pvzdesk.sync.seller_api import SellerApi
    from pvzdesk.sync.seller_spec import METHOD_BUDGETS

    rate = rate_limit_rps or platform.rate_limit_rps
    return SellerApi(
        credentials.base_url,
        credentials.client_id,
        credentials.api_key,
        limiter=TokenBucket(rate),
        # each method's own budget, never above the global one (seller_spec 4)
        budgets={path: TokenBucket(min(limit, rate)) for path, limit in METHOD_BUDGETS.items()},
        timeout_s=max(platform.probe_timeout_s, 10.0),
        cancel=cancel,
        on_retry_after=on_retry_after,
    )


def setup_seller_api(url: str, client_id: str, api_key: str) -> SellerApi:
    """The first-run set-up checks a key before any data folder is open: its client is built
    here too, like every other."""
    return _new_seller_api(
        PlatformSettings(seller_api_url=url), Credentials(url, client_id, api_key)
    )


class _Wiring:
    """The constructors of the HTTP client and the reconcile engine, and new connections for
    background threads: what ``ReconcileService`` is handed (``services.reconcile.PlatformWiring``)."""

    def __init__(self, app: AppContext) -> None:
        self._app = app

    def seller_api(
        self,
        platform: PlatformSettings,
        credentials: Credentials,
        *,
        rate_limit_rps: float | None,
        cancel: threading.Event | None,
        on_retry_after: Callable[[datetime], None] | None = None,
    ) -> SellerApi:
        return _new_seller_api(
            platform,
            credentials,
            rate_limit_rps=rate_limit_rps,
            cancel=cancel,
            on_retry_after=on_retry_after,
        )

    def run_reconciler(
        self,
        store: Store,
        api: SellerApi,
        *,
        options: ReconcileOptions | None,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> ReconcileReport:
        from pvzdesk.sync.adapters.ozon_seller import OzonSellerAdapter
        from pvzdesk.sync.reconciler import Reconciler

        reconciler = Reconciler(
            store,
            OzonSellerAdapter(),
            api,
            self._app.clock,
            options,
            progress=progress,
            cancel=cancel,
        )
        return reconciler.run()

    @contextmanager
    def session(self) -> Iterator[ReconcileService]:
        services = self._app.connect()
        try:
            yield services.reconcile
        finally:
            services.close()


class _CurrentPoint:
    """The counter's claims and picture of the point through whichever point desk the app holds
    *now*: a settings change that adds, moves or removes the point database reaches every
    connection's counter at its next operation, with no restart. One per connection."""

    def __init__(self, app: AppContext, store: Store) -> None:
        self._app = app
        self._store = store
        self._gate: ClaimGate | None = None

    def _current(self) -> ClaimGate | None:
        desk = self._app.point
        if desk is None or not desk.point.configured:
            return None
        if self._gate is None or self._gate.desk is not desk:
            from pvzdesk.point.gate import ClaimGate

            self._gate = ClaimGate(desk, self._store, self._app.live)
        return self._gate

    def claim(self, draft: EntryDraft, state: PostingState) -> Finding | None:
        gate = self._current()
        return None if gate is None else gate.claim(draft, state)

    def state(self, posting: str) -> PostingState:
        gate = self._current()
        return self._store.postings.state(posting) if gate is None else gate.state(posting)

    def at_point(self) -> list[tuple[PostingState, str]]:
        gate = self._current()
        if gate is None:
            return [(state, "") for state in self._store.postings.at_point()]
        return gate.desk.at_point(self._store)


def _build_services(app: AppContext, store: Store) -> Services:
    clock, live, paths = app.clock, app.live, app.paths
    point = _CurrentPoint(app, store)
    counter = CounterService(
        store, clock, live, claims=point, picture=point.state, listing=point.at_point
    )
    incidents = IncidentService(store, clock, counter)
    evidence = EvidenceService(store, counter, clock, paths.evidence, live)
    return Services(
        store=store,
        clock=clock,
        paths=paths,
        live=live,
        counter=counter,
        incidents=incidents,
        evidence=evidence,
        reconcile=ReconcileService(store, clock, live, counter, incidents, _Wiring(app)),
        reporting=ReportingService(
            store, incidents, evidence, clock, live, paths.reports, point=lambda: app.point
        ),
        manifest=ManifestImportService(store, clock, live),
        retention=RetentionService(store, incidents, evidence, clock, live),
        app=app,
    )


class AppContext:
    """One open data folder: its paths, the live settings, the clock, and the services of the
    connection it opened (for the thread that opened it)."""

    def __init__(self, paths: DataPaths, settings: Settings, clock: Clock, store: Store) -> None:
        self.paths = paths
        self.clock = clock
        self.live = LiveSettings(settings)
        self.point = build_point_desk(settings, store, clock)
        self._point_wiring = point_wiring(settings)
        self._point_running = False  # the window keeps the link; a CLI command does not
        self._point_listeners: list[Callable[[PointDesk], None]] = []
        self.services = _build_services(self, store)
        self._holds_folder = store.lock is not None  # the one session that marks open/closed
        # What the open found, for the operator (the CLI prints, the window shows them):
        # ``store.warnings`` (guards restored, an anchor mismatch), and these two.
        self.version_change: Entry | None = None  # the journaled change of program version
        self.unclean_shutdown = False  # the last session did not close cleanly

    # --- the services of this thread's connection (shortcuts) -------------------------------------
    @property
    def settings(self) -> Settings:
        return self.live.current

    @property
    def store(self) -> Store:
        return self.services.store

    @property
    def counter(self) -> CounterService:
        return self.services.counter

    @property
    def incidents(self) -> IncidentService:
        return self.services.incidents

    # --- other threads, other settings ----------------------------------------------------------
    def connect(self) -> Services:
        """Services over a new connection to the same journal, for the calling thread; they
        share this app's live settings. ``close()`` them in that thread."""
        return _build_services(self, self.store.reconnect(self.clock))

    def apply_settings(self, settings: Settings) -> None:
        """The new settings (already saved) reach every ``Services`` of this app at once: the
        next entry any thread writes carries the new operator. A change of the point or central
        database (or of this desk's name there) stops the old link and builds the new one."""
        self.live.replace(settings)
        wiring = point_wiring(settings)
        if wiring != self._point_wiring:
            self._point_wiring = wiring
            self._rewire_point(settings)

    # --- the point link ---------------------------------------------------------------------------
    def start_point(self) -> None:
        """Keep the point link in the background (the window): push, pull, claims on reconnect;
        a link built later from new settings is started too."""
        self._point_running = True
        if self.point is not None:
            self.point.start()

    def on_point(self, attach: Callable[[PointDesk], None]) -> None:
        """``attach(desk)`` now and for every link built later from new settings (the window
        hooks its redraws on the link's events)."""
        self._point_listeners.append(attach)
        if self.point is not None:
            attach(self.point)

    def _rewire_point(self, settings: Settings) -> None:
        old = self.point
        if old is not None:
            # stopped before the new one starts: two links of one desk never share its copy;
            # a counter operation that asks the old one meanwhile is told "isolated"
            old.stop()
        self.point = build_point_desk(settings, self.store, self.clock)
        log.info("point link rebuilt from the settings: %s", "on" if self.point else "off")
        if self.point is not None:
            for attach in self._point_listeners:
                attach(self.point)
            if self._point_running:
                self.point.start()

    def close(self) -> None:
        if self.point is not None:
            self.point.stop()
        path = self.store.path
        self.services.close()
        if self._holds_folder:
            self._holds_folder = False
            mark_closed(path)  # a clean close: the next open needs no integrity check for it

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def point_wiring(settings: Settings) -> tuple[object, ...]:
    """What the point link is built from: when it changes, the link is built again."""
    import os

    return (
        os.environ.get("PVZDESK_POINT_DB", "") or settings.point.database_url,
        os.environ.get("PVZDESK_CENTRAL_DB", "") or settings.central.database_url,
        settings.point.desk_name,
        settings.central.point_id or settings.point_name,
        settings.point.claim_timeout_ms,
    )


def build_point_desk(settings: Settings, store: Store, clock: Clock) -> PointDesk | None:
    """The desk's link to the point and central databases; None when neither is configured (then
    psycopg is never imported: a desk on its own pays nothing for it)."""
    import os

    point_url = os.environ.get("PVZDESK_POINT_DB", "") or settings.point.database_url
    central_url = os.environ.get("PVZDESK_CENTRAL_DB", "") or settings.central.database_url
    if not point_url and not central_url:
        return None
    from pvzdesk.point.connection import database_config
    from pvzdesk.point.desk import DeskIdentity, PointDesk
    from pvzdesk.point.schema import Target

    identity = DeskIdentity(
        store.device_id, settings.point.desk_name, settings.central.point_id or settings.point_name
    )
    return PointDesk(
        database_config(Target.POINT, settings.point.database_url),
        database_config(Target.CENTRAL, settings.central.database_url),
        identity,
        store.path,
        clock,
        open_store=lambda: store.reconnect(clock),
        claim_timeout_s=settings.point.claim_timeout_ms / 1000,
    )


def setup_logging(paths: DataPaths, name: str = LOG_NAME) -> None:
    """Log to ``logs/<name>``; each process that runs beside another gets a file of its own."""
    root = logging.getLogger("pvzdesk")
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        return
    handler = file_handler(paths.logs / name)  # a log that cannot be written stops nothing
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def load_context_settings(data_dir: str | Path | None) -> tuple[DataPaths, Settings]:
    paths = resolve_data_dir(data_dir)
    return paths, load_settings(paths.settings)


def open_app(
    data_dir: str | Path | None = None,
    *,
    clock: Clock | None = None,
    exclusive: bool = True,
    check_integrity: bool | None = None,
    log_name: str = LOG_NAME,
) -> AppContext:
    """Open the data directory for work. Raises PvzdeskError subclasses for known problems.

    ``check_integrity``: None runs ``PRAGMA quick_check`` only when it is due (after an unclean
    shutdown, or once a day: ``storage.integrity``); True always; False never (the window checks
    in the background). ``log_name``: the log file of this process (``setup_logging``)."""
    paths, settings = load_context_settings(data_dir)
    clock = clock or SystemClock()
    setup_logging(paths, log_name)
    now = clock.now()
    db_path = paths.root / DB_NAME
    check = check_due(db_path, now) if check_integrity is None else check_integrity
    store = open_store(
        paths.root,
        clock,
        exclusive=exclusive,
        check_integrity=check,
        backups=backups_dir(paths, settings.backup_dir),
    )
    if check:
        record_check(db_path, now)
    unclean = store.lock is not None and was_left_open(db_path)
    if store.lock is not None:
        mark_open(db_path)
    version_change: Entry | None = None
    if exclusive:  # the one writer of this folder notes an upgrade in the journal
        try:
            version_change = record_app_version(store, settings.operator, __version__)
        except ClockError:
            pass  # a wrong clock dates nothing, this note neither: it is made at a later open
        except BaseException:
            store.close()
            raise
    context = AppContext(paths, settings, clock, store)
    context.version_change = version_change
    context.unclean_shutdown = unclean
    return context
