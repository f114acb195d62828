"""Reading many postings cheaply: list pages (100 postings per request) or single gets.

After an outage the reconciler may need the platform's view of thousands of postings; one
``/v3/posting/fbs/get`` each would take minutes at a polite rate. ``/v4/posting/fbs/list`` pages
through a time window 100 at a time, split into slices that page in parallel. When only a few
postings are wanted, single gets are cheaper; the choice uses the size of the last listing.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TypeVar

from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.ratelimit import Cancelled
from pvzdesk.sync.seller_api import (
    LIST_PAGE,
    PlatformRequestRejected,
    PlatformUnavailable,
    SellerApi,
)
from pvzdesk.sync.seller_wire import PlatformPosting, PostingPage

T = TypeVar("T")
SINGLE_READS_AT_MOST = 20


class ReadFailed(Exception):
    """A read kept failing after its retries; the postings stay unread this round."""


@dataclass
class ReadStats:
    retries: int = 0
    list_pages: int = 0
    single_gets: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, *, retries: int = 0, list_pages: int = 0, single_gets: int = 0) -> None:
        with self.lock:
            self.retries += retries
            self.list_pages += list_pages
            self.single_gets += single_gets


def with_retries(
    call: Callable[[], T],
    backoff: Backoff,
    cancel: threading.Event,
    stats: ReadStats,
    tries: int,
) -> T:
    """A *read* with in-place retries (reading twice changes nothing on the platform)."""
    for attempt in range(tries):
        try:
            return call()
        except PlatformUnavailable as error:
            if attempt == tries - 1:
                raise ReadFailed(error.failure) from error
            stats.add(retries=1)
            if cancel.wait(backoff.delay(attempt, error.retry_after)):
                raise Cancelled from None
    raise AssertionError("unreachable")


class PostingReader:
    def __init__(
        self,
        api: SellerApi,
        pool: ThreadPoolExecutor,
        backoff: Backoff,
        cancel: threading.Event,
        *,
        slices: int = 8,
        tries: int = 6,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.api = api
        self.pool = pool
        self.backoff = backoff
        self.cancel = cancel
        self.slices = slices
        self.tries = tries
        self.stats = ReadStats()
        self.listing_size: int | None = None  # postings in the window at the last full listing
        self.now = now
        # When each posting's view was read: whether a change sent earlier had time to apply
        # is judged at that moment, not at the start of a long listing.
        self.read_at: dict[str, datetime] = {}

    def read(
        self, wanted: Collection[str], since: datetime, to: datetime
    ) -> dict[str, PlatformPosting | None]:
        """The platform's view of each wanted posting (None: the platform does not know it).
        Postings whose reads kept failing are missing from the result."""
        if not wanted:
            return {}
        pages_estimate = (
            math.ceil(self.listing_size / LIST_PAGE) + self.slices
            if self.listing_size is not None
            else SINGLE_READS_AT_MOST
        )
        if len(wanted) <= max(SINGLE_READS_AT_MOST, pages_estimate):
            return self._singles(wanted)
        found, complete = self._listing(set(wanted), since, to)
        if complete:  # the rest is outside the window or unknown to the platform: ask for each
            found.update(self._singles([number for number in wanted if number not in found]))
        return found  # after a failed slice its postings stay unread until the next round

    def _singles(self, numbers: Collection[str]) -> dict[str, PlatformPosting | None]:
        def one(number: str) -> tuple[str, PlatformPosting | None] | None:
            try:
                view = with_retries(
                    lambda: self.api.get_posting(number),
                    self.backoff,
                    self.cancel,
                    self.stats,
                    self.tries,
                )
            except ReadFailed:
                return None
            except PlatformRequestRejected:
                view = None  # the platform refuses to look it up: it does not know this posting
            self.stats.add(single_gets=1)
            self.read_at[number] = self.now()
            return number, view

        results = self.pool.map(one, list(numbers))
        return dict(result for result in results if result is not None)

    def list_all(self, since: datetime, to: datetime) -> list[PlatformPosting]:
        """Every posting of the window (the manifest refresh after an incident)."""
        found, _ = self._listing(None, since, to)
        return [view for view in found.values() if view is not None]

    def _listing(
        self, wanted: set[str] | None, since: datetime, to: datetime
    ) -> tuple[dict[str, PlatformPosting | None], bool]:
        step = (to - since) / self.slices
        windows = [(since + step * k, since + step * (k + 1)) for k in range(self.slices)]
        found: dict[str, PlatformPosting | None] = {}
        seen: set[str] = set()
        complete = True
        for views, numbers, whole in self.pool.map(lambda w: self._page_through(*w), windows):
            seen.update(numbers)
            complete = complete and whole
            found.update(
                (view.posting_number, view)
                for view in views
                if wanted is None or view.posting_number in wanted
            )
        if complete:
            self.listing_size = len(seen)
        return found, complete

    def _page_through(
        self, since: datetime, to: datetime
    ) -> tuple[list[PlatformPosting], set[str], bool]:
        views: list[PlatformPosting] = []
        numbers: set[str] = set()
        cursor = ""
        while True:

            def next_page(after: str = cursor) -> PostingPage:
                return self.api.list_page(since, to, after)

            try:
                page = with_retries(next_page, self.backoff, self.cancel, self.stats, self.tries)
            except ReadFailed:
                return views, numbers, False
            self.stats.add(list_pages=1)
            views.extend(page.postings)
            moment = self.now()
            for view in page.postings:
                self.read_at[view.posting_number] = moment
            numbers.update(view.posting_number for view in page.postings)
            if not page.has_next:
                return views, numbers, True
            cursor = page.cursor
