"""The warm manifest: while the platform is up, keep the local picture of the point current.

DESIGN §5: the manifest is "filled from the platform while it is up", so that an outage finds the
counter with everything it needs to check parcels offline. ``ManifestFeed`` runs in a thread of
its own (never the GUI's), on start and every few minutes, and again when ``wake()`` is called
(the health monitor says the platform is back):

1. ``/v4/posting/fbs/list`` with ``filter.statuses`` = postings headed to or waiting at the point
   (``seller_spec.MANIFEST_STATUSES``), ``with.barcodes``, cursor paging — within the list's
   per-method budget; a page that fails is retried like any read, and a listing that cannot be
   completed is merged as far as it got (nothing is removed) and tried again next time;
2. each posting is merged into the manifest (barcodes, places, addressee where given, status;
   the cell and the storage deadline stay ours) with its source and time;
3. buyers' cancellation requests (``/v2/conditional-cancellation/list``) for the point's
   postings are stored, so the counter can refuse to hand such a parcel out.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta

from pvzdesk.clock import Clock
from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.errors import PvzdeskError
from pvzdesk.storage import Store
from pvzdesk.storage.platform_feed import CancelRequestRow, PlatformFeed
from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.platform_reads import ReadFailed, ReadStats, with_retries
from pvzdesk.sync.ratelimit import Cancelled
from pvzdesk.sync.seller_api import SellerApi
from pvzdesk.sync.seller_spec import CANCEL_REQUEST_PAGE, MANIFEST_STATUSES
from pvzdesk.sync.seller_wire import PlatformPosting

log = logging.getLogger(__name__)

LOOKBACK_DAYS = 30
CANCEL_REQUEST_BATCH = 100  # postings named in one cancellation-request query


@dataclass(frozen=True)
class FeedReport:
    listed: int  # postings the platform listed
    merged: int  # manifest rows written
    complete: bool  # every page was read
    cancel_requests: int  # requests stored
    fetched_at: datetime


def manifest_row(view: PlatformPosting) -> ManifestPosting:
    return ManifestPosting(
        posting=view.posting_number,
        barcodes=view.barcodes,
        places=view.places,
        storage_source=DeadlineSource.POLICY,  # the platform has none: ours at receive
        customer_name=view.addressee_name,
        customer_phone=view.addressee_phone,
        customer_key=view.addressee_phone,
        platform_status=view.status,
    )


def list_manifest(
    api: SellerApi,
    since: datetime,
    to: datetime,
    *,
    cancel: threading.Event,
    backoff: Backoff | None = None,
    tries: int = 6,
) -> tuple[list[PlatformPosting], bool]:
    """Every posting headed to or at the point, and whether the listing is complete."""
    backoff = backoff or Backoff()
    stats = ReadStats()
    found: list[PlatformPosting] = []
    cursor = ""
    while True:
        try:
            page = with_retries(
                lambda after=cursor: api.list_page(  # type: ignore[misc]
                    since, to, after, statuses=MANIFEST_STATUSES, barcodes=True
                ),
                backoff, cancel, stats, tries,
            )  # fmt: skip
        except ReadFailed:
            return found, False
        found.extend(page.postings)
        if not page.has_next:
            return found, True
        cursor = page.cursor


def list_cancel_requests(
    api: SellerApi,
    postings: Sequence[str],
    *,
    cancel: threading.Event,
    backoff: Backoff | None = None,
    tries: int = 6,
) -> list[CancelRequestRow]:
    """Buyers' cancellation requests (any state) for ``postings``, every page."""
    backoff = backoff or Backoff()
    stats = ReadStats()
    rows: list[CancelRequestRow] = []
    for start in range(0, len(postings), CANCEL_REQUEST_BATCH):
        chunk = list(postings[start : start + CANCEL_REQUEST_BATCH])
        last_id = 0
        while True:
            page = with_retries(
                lambda numbers=chunk, after=last_id: api.cancel_requests(  # type: ignore[misc]
                    numbers, after
                ),
                backoff, cancel, stats, tries,
            )  # fmt: skip
            rows.extend(
                CancelRequestRow(
                    r.cancellation_id, r.posting_number, r.state, r.initiator, r.reason,
                    r.created_at,
                )
                for r in page.requests
            )  # fmt: skip
            if len(page.requests) < CANCEL_REQUEST_PAGE or not page.last_id:
                break
            last_id = page.last_id
    return rows


def refresh_once(
    api: SellerApi, store: Store, clock: Clock, *, cancel: threading.Event | None = None
) -> FeedReport:
    """One pass: list, merge, read cancellation requests. ``store``: this thread's connection."""
    cancel = cancel or threading.Event()
    now = clock.now()
    views, complete = list_manifest(
        api, now - timedelta(days=LOOKBACK_DAYS), now + timedelta(days=1), cancel=cancel
    )
    feed = PlatformFeed(store.db, store.path)
    merged = feed.merge_listed([manifest_row(view) for view in views], clock.now())
    # The point's postings: what was just listed and what the manifest already holds.
    known = sorted(
        {view.posting_number for view in views}
        | {
            str(row[0])
            for row in store.db.conn.execute(
                "SELECT posting FROM manifest WHERE platform_status IN (?, ?, ?)", MANIFEST_STATUSES
            )
        }
    )
    requests: list[CancelRequestRow] = []
    try:
        requests = list_cancel_requests(api, known, cancel=cancel)
    except ReadFailed as error:
        log.warning("cancellation requests not read: %s", error)
    else:
        feed.store_cancel_requests(requests, clock.now())
    return FeedReport(len(views), merged, complete, len(requests), now)


class ManifestFeed:
    """Refreshes on start, every ``interval_s``, and on ``wake()``; ``close()`` stops it.
    ``api_factory``/``store_session`` give this thread's client and connection (the session is
    held for the thread's life); ``on_report`` is called from this thread after each pass (a
    GUI hops to its own thread first)."""

    def __init__(
        self,
        api_factory: Callable[[threading.Event], SellerApi],
        store_session: Callable[[], AbstractContextManager[Store]],
        clock: Clock,
        *,
        interval_s: float = 300.0,
        on_report: Callable[[FeedReport], None] | None = None,
    ) -> None:
        self._api_factory = api_factory
        self._store_session = store_session
        self.clock = clock
        self.interval_s = interval_s
        self.on_report = on_report
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.last: FeedReport | None = None
        self.passes = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="manifest-feed", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        """Refresh now (the platform is back)."""
        self._wake.set()

    def close(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def __enter__(self) -> ManifestFeed:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self) -> None:
        try:
            with self._store_session() as store, self._api_factory(self._stop) as api:
                while not self._stop.is_set():
                    self._pass(api, store)
                    self._wake.wait(self.interval_s)
                    self._wake.clear()
        except Exception:  # no feed: the counter works from imports as before
            log.exception("the manifest feed stopped")

    def _pass(self, api: SellerApi, store: Store) -> None:
        try:
            report = refresh_once(api, store, self.clock, cancel=self._stop)
        except Cancelled:
            return
        except (PvzdeskError, ReadFailed) as error:
            log.info("the manifest was not refreshed from the platform: %s", error)
            return
        except Exception:  # the counter works without it; the next pass tries again
            log.exception("the manifest refresh failed")
            return
        self.last = report
        self.passes += 1
        if self.on_report is not None:
            self.on_report(report)
