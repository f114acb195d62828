"""The platform's state and the reconcile backlog, brought into ``ctx.status``.

``PlatformLink.report`` may be called from any thread (the health monitor's): it only posts the
new state through the context's one queued signal. ``attach(monitor)`` hooks a monitor that offers
``add_listener(callback)`` (or ``subscribe``); the callback receives either a ``PlatformStatus`` or
an object with ``state`` (str/enum: online, degraded, offline), and optionally ``since``,
``detail`` and ``incident_id``; a ``pvzdesk.sync.health.HealthSnapshot`` is read for what it
carries (``offline_since`` while offline — the start of the episode, so "offline for 12:40" keeps
counting across probe rounds — ``state_since`` otherwise, the failure, the key problem and expiry).

``BacklogWatcher`` recounts entries waiting to reconcile and open conflicts in the DB worker after
journal or sync changes (at most every ``interval_ms``), never on the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QObject, QTimer

from pvzdesk.storage.waiting import BacklogCounts
from pvzdesk.ui.context import Changes, DbSession, JobControl, UiContext
from pvzdesk.ui.status import PlatformState, PlatformStatus

log = logging.getLogger(__name__)


def platform_status_of(value: Any, now: datetime) -> PlatformStatus:
    if isinstance(value, PlatformStatus):
        return value
    raw_state = getattr(value, "state", value)
    state_text = str(getattr(raw_state, "value", raw_state)).lower()
    try:
        state = PlatformState(state_text)
    except ValueError:
        state = PlatformState.UNKNOWN
    since = getattr(value, "since", None)
    if not isinstance(since, datetime):  # a HealthSnapshot
        offline_since = getattr(value, "offline_since", None)
        state_since = getattr(value, "state_since", None)
        since = offline_since if state is PlatformState.OFFLINE and offline_since else state_since
    detail = str(getattr(value, "detail", "") or "")
    failure = str(getattr(value, "failure", "") or "")
    if failure and failure not in detail:
        detail = f"{failure}: {detail}" if detail else failure
    expires = getattr(value, "key_expires_at", None)
    return PlatformStatus(
        state=state,
        since=since if isinstance(since, datetime) else now,
        detail=detail,
        incident_id=str(getattr(value, "incident_id", "") or ""),
        key_problem=bool(getattr(value, "key_problem", False)),
        key_expires_at=expires if isinstance(expires, datetime) else None,
        key_expires_soon=bool(getattr(value, "key_expires_soon", False)),
        incident_pending=bool(getattr(value, "incident_pending", False)),
    )


class PlatformLink:
    def __init__(self, ctx: UiContext) -> None:
        self.ctx = ctx
        self._clock = ctx.app.clock  # Clock.now() is safe from any thread

    def report(self, value: object) -> None:
        """Any thread. A state equal to the current one keeps its ``since``."""
        status = platform_status_of(value, self._clock.now())
        self.ctx.post_status(platform=status)

    def set_state(self, state: PlatformState, detail: str = "") -> None:
        """GUI thread: e.g. the demo menu, or a hand-declared outage."""
        current = self.ctx.status.platform
        since = current.since if current.state is state else self._clock.now()
        self.ctx.update_status(platform=PlatformStatus(state, since, detail, current.incident_id))

    def attach(self, monitor: object) -> bool:
        for name in ("add_listener", "subscribe", "on_change"):
            hook = getattr(monitor, name, None)
            if callable(hook):
                hook(self.report)
                current = getattr(monitor, "status", None)
                if current is not None and not callable(current):
                    self.report(current)
                snapshot = getattr(monitor, "snapshot", None)
                if callable(snapshot) and getattr(snapshot(), "checked_at", True) is not None:
                    self.report(snapshot())  # probed already: show it before the next round
                return True
        log.warning("health monitor %r offers no listener hook; platform state not shown", monitor)
        return False


class MonitorHandle:
    """Builds, attaches and starts a health monitor in a thread of its own, so the window is up
    before httpx is imported and the keyring is asked for the API key; ``close()`` (at
    ``ctx.shutdown``) waits for that and closes the monitor. ``monitor`` is None until built.

    The thread starts at the event loop's first turn, not while the window is being built and
    shown: importing httpx there took the GIL from the GUI thread (~25-70 ms of the start)."""

    def __init__(self, link: PlatformLink, factory: Callable[[], object]) -> None:
        self._link = link
        self._factory = factory
        self.monitor: object | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._build, name="health-start", daemon=True)
        QTimer.singleShot(0, self._start)

    def _start(self) -> None:
        if not self._closed and self._thread.ident is None:
            self._thread.start()

    def _build(self) -> None:
        try:
            monitor = self._factory()
            self._link.attach(monitor)
            start = getattr(monitor, "start", None)
            if callable(start):
                start()
        except Exception:  # no monitor: the status bar says "not checked"; the counter works
            log.exception("the health monitor could not be started")
            return
        self.monitor = monitor

    def wait_started(self, timeout: float | None = None) -> bool:
        self._start()  # called before the event loop ran: start now
        if self._thread.ident is None:
            return False  # closed before it started
        self._thread.join(timeout)
        return self.monitor is not None

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._thread.ident is not None:  # closed before it started: nothing was built
            self._thread.join()
        close = getattr(self.monitor, "close", None)
        if callable(close):
            close()


def count_backlog(session: DbSession, control: JobControl) -> BacklogCounts:
    """Waiting to reconcile (by kind) and open conflicts for the configured adapter: the one
    query (``pvzdesk.storage.waiting`` says what counts for which adapter)."""
    return session.reconcile.waiting()


class BacklogWatcher(QObject):
    def __init__(self, ctx: UiContext, interval_ms: int = 2_000) -> None:
        super().__init__(ctx)
        self.ctx = ctx
        self._running = False
        self._again = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.recount)
        self._platform_state: object = ctx.status.platform.state
        ctx.ops_done.connect(self._changed)
        # The monitor journals incident start/end on its own connection (no ops_done): a change
        # of platform state may move the re-entry backlog, so count again then too.
        ctx.status_changed.connect(self._status_changed)

    def _changed(self, changes: object) -> None:
        # a change of settings may change the adapter, and with it what counts
        relevant = isinstance(changes, Changes) and (
            changes.journal or changes.sync or changes.settings
        )
        if relevant and not self._timer.isActive():
            self._timer.start()

    def _status_changed(self, status: object) -> None:
        state = getattr(getattr(status, "platform", None), "state", None)
        if state != self._platform_state:
            self._platform_state = state
            if not self._timer.isActive():
                self._timer.start()

    def recount(self) -> None:
        if self.ctx.closed:
            return
        if self._running:  # one count at a time; count again when it is done
            self._again = True
            return
        self._running = True
        self.ctx.run_db(count_backlog, name="backlog", on_done=self._counted, on_error=self._failed)

    def _counted(self, counts: BacklogCounts) -> None:
        self._running = False
        self.ctx.update_status(
            waiting=counts.waiting,
            conflicts=counts.conflicts,
            waiting_by_kind=tuple(counts.by_kind.items()),
        )
        if self._again:
            self._again = False
            self._timer.start()

    def _failed(self, error: BaseException) -> None:
        self._running = False
        log.warning("could not count the reconcile backlog: %s", error)


class ManifestFeedHandle:
    """The warm manifest of an ``ozon_seller`` point (``ReconcileService.manifest_feed``),
    built in a thread of its own (the keyring is asked for the key there), refreshed again when
    the platform comes back online, closed at ``ctx.shutdown``. Each pass posts
    ``manifest_listed_at`` to the status bar («список от 14:02»)."""

    def __init__(self, ctx: UiContext) -> None:
        from pvzdesk.storage.platform_feed import LIST_MANIFEST, PlatformFeed

        self._ctx = ctx
        self.feed: object | None = None
        self._closed = False
        app = ctx.app
        ctx.update_status(
            manifest_listed_at=PlatformFeed(app.store.db, app.store.path).last_list(LIST_MANIFEST)
        )
        self._online = ctx.status.platform.state is PlatformState.ONLINE
        ctx.status_changed.connect(self._status_changed)
        self._thread = threading.Thread(target=self._build, name="feed-start", daemon=True)
        self._thread.start()

    def _build(self) -> None:
        ctx = self._ctx
        try:
            # Builds nothing on the GUI's connection: the feed opens its own in its thread.
            feed = ctx.app.services.reconcile.manifest_feed(
                on_report=lambda report: ctx.post_status(manifest_listed_at=report.fetched_at),
            )
            feed.start()
        except Exception:  # no warm manifest: the counter works from imports as before
            log.exception("the manifest feed could not be started")
            return
        self.feed = feed

    def _status_changed(self, status: object) -> None:
        online = getattr(getattr(status, "platform", None), "state", None) is PlatformState.ONLINE
        if online and not self._online:
            wake = getattr(self.feed, "wake", None)
            if callable(wake):
                wake()  # the platform is back: list again now (cancellations meanwhile)
        self._online = online

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._thread.ident is not None:  # closed before it started: nothing was built
            self._thread.join()
        close = getattr(self.feed, "close", None)
        if callable(close):
            close()
