"""Reading many postings cheaply: listings by order number, list pages, or single gets.

After an outage the reconciler may need the platform's view of thousands of postings; one
``/v3/posting/fbs/get`` each would take minutes at a polite rate, and the platform keeps single
reads to a few a second (``seller_spec`` 4). ``/v4/posting/fbs/list`` with ``filter.order_numbers``
asks for exactly the wanted postings, a hundred orders a request, every request side by side
(``seller_spec`` 13); a wanted posting such a request does not show is read by a single get.

Should the platform ignore that filter, the reader pages through the time window instead, 100 at a
time, split into slices that page in parallel, and single gets are used only when a handful
of postings is wanted: one costs ``SINGLE_READ_COST`` list pages of budget.

Only the documented answer means "the platform does not know this posting" (a 404 with an error
object, ``SellerApi.get_posting`` → None). Every other failure — an HTML page, an empty body, a
page of the wrong shape, a refused request — is a failed read: retried with backoff here, and if
it keeps failing the posting stays unread (read again later); nothing is concluded from it.

After one full listing of the window the reader knows where each posting sits in the listing's order
(``in_process_at``, then number). A later read of a subset (the confirmation of a few batches
pushed in that order) lists only the narrow windows around the wanted postings; whatever such a
window does not show (the posting moved, or was never listed) is then read by a single get, so a
narrower read never loses a posting, it only costs a request more.
"""

from __future__ import annotations

import bisect
import logging
import math
import threading
from collections import Counter
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.ratelimit import Cancelled
from pvzdesk.sync.seller_api import (
    LIST_PAGE,
    RATE_LIMITED,
    PlatformRequestRejected,
    PlatformUnavailable,
    SellerApi,
)
from pvzdesk.sync.seller_spec import ORDER_NUMBERS_PER_LIST
from pvzdesk.sync.seller_wire import PlatformPosting, PlatformReplyError, PostingPage

T = TypeVar("T")
log = logging.getLogger(__name__)
SINGLE_READS_AT_MOST = 20
# A single get spends this many list pages' worth of per-method budget (2/s against 20/s).
SINGLE_READ_COST = 10
WINDOW_MARGIN = timedelta(seconds=1)  # the wire carries whole seconds; a window is inclusive
# A slice whose page kept failing is taken up again from that page (the cursor is a key, not a
# server-side session), so a short outage costs the failed pages, not a second full listing.
RESUME_PASSES = 3


@dataclass(frozen=True)
class Window:
    since: datetime
    to: datetime
    members: tuple[str, ...]  # the wanted postings it should show
    pages: int  # estimated requests


@dataclass
class Slice:
    """One time slice of a listing, paged through; resumable from ``cursor`` after a failure."""

    since: datetime
    to: datetime
    cursor: str = ""
    orders: tuple[str, ...] = ()  # only these orders' postings (``filter.order_numbers``)
    views: list[PlatformPosting] = field(default_factory=list)
    numbers: set[str] = field(default_factory=set)
    whole: bool = False  # every page was read


def order_number(posting_number: str) -> str:
    """The order a posting belongs to: its number without the last ``-N`` (seller_spec 13);
    "" when the number has no such part."""
    order, dash, _ = posting_number.rpartition("-")
    return order if dash else ""


class ReadFailed(Exception):
    """A read kept failing after its retries; the postings stay unread (read again later)."""


@dataclass
class ReadStats:
    retries: int = 0
    list_pages: int = 0
    single_gets: int = 0
    resumed: int = 0  # slices taken up again from their failed page
    causes: Counter[str] = field(default_factory=Counter)  # retries by failure
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(
        self,
        *,
        retries: int = 0,
        list_pages: int = 0,
        single_gets: int = 0,
        resumed: int = 0,
        cause: str = "",
    ) -> None:
        with self.lock:
            if cause:
                self.causes[cause] += retries
            self.retries += retries
            self.resumed += resumed
            self.list_pages += list_pages
            self.single_gets += single_gets


def with_retries(
    call: Callable[[], T],
    backoff: Backoff,
    cancel: threading.Event,
    stats: ReadStats,
    tries: int,
) -> T:
    """A *read* with in-place retries (reading twice changes nothing on the platform). A reply
    of the wrong shape or a refused read is retried like a lost one: it proves nothing."""
    for attempt in range(tries):
        retry_after: float | None = None
        try:
            return call()
        except PlatformUnavailable as error:
            failure, retry_after = error.failure, error.retry_after
            last: Exception = error
        except (PlatformReplyError, PlatformRequestRejected) as error:
            failure, last = "bad_reply", error
        if attempt == tries - 1:
            raise ReadFailed(failure) from last
        stats.add(retries=1, cause=failure)
        # After a 429 the client itself holds the method (seller_spec 5): no second wait here.
        if failure != RATE_LIMITED and cancel.wait(backoff.delay(attempt, retry_after)):
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
        by_orders: bool = True,
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
        # Where postings sit in the listing's order: in_process_at of each posting seen, and
        # the sorted keys of the last complete listing (the postings between wanted ones).
        self.placed: dict[str, datetime] = {}
        self.order: list[tuple[datetime, str]] = []
        # Whether the platform honours ``filter.order_numbers`` (seller_spec 13); a page that
        # shows another order's posting turns it off for the rest of the run.
        self.by_orders = by_orders

    def listing_key(self, number: str) -> tuple[int, datetime, str]:
        """Sort key putting postings in the listing's order (unplaced ones last)."""
        at = self.placed.get(number)
        return (0, at, number) if at is not None else (1, datetime.min.replace(tzinfo=UTC), number)

    def read(
        self,
        wanted: Collection[str],
        since: datetime,
        to: datetime,
        *,
        on_views: Callable[[dict[str, PlatformPosting | None]], None] | None = None,
    ) -> dict[str, PlatformPosting | None]:
        """The platform's view of each wanted posting (None: the platform does not know it).
        Postings whose reads kept failing are missing from the result. ``on_views``, called
        from the reader's threads, gets views as their requests complete (reads by order
        only), so the caller can act on them before the whole read is done."""
        if not wanted:
            return {}
        if self.by_orders:
            found = self._by_orders(wanted, since, to, on_views)
            if found is not None:
                return found
        pages_estimate = (
            math.ceil(self.listing_size / LIST_PAGE) + self.slices
            if self.listing_size is not None
            else SINGLE_READS_AT_MOST
        )
        windows, unplaced = self._windows(wanted, since, to)
        windowed = sum(window.pages for window in windows) + len(unplaced) * SINGLE_READ_COST
        if self.order and windowed < min(len(wanted) * SINGLE_READ_COST, pages_estimate):
            return self._windowed(windows, unplaced)
        if len(wanted) * SINGLE_READ_COST <= max(SINGLE_READS_AT_MOST, pages_estimate):
            return self._singles(wanted)
        found, complete = self._listing(set(wanted), since, to)
        if complete:  # the rest is outside the window or unknown to the platform: ask for each
            found.update(self._singles([number for number in wanted if number not in found]))
        return found  # after a failed slice its postings stay unread until the next read

    def _by_orders(
        self,
        wanted: Collection[str],
        since: datetime,
        to: datetime,
        on_views: Callable[[dict[str, PlatformPosting | None]], None] | None,
    ) -> dict[str, PlatformPosting | None] | None:
        """The wanted postings read by their orders, a hundred orders a request, every request
        side by side (seller_spec 13); None when the platform showed that it ignores the filter.
        A posting its order's listing does not show is asked for alone."""
        of_order: dict[str, list[str]] = {}
        missing: list[str] = []
        for number in wanted:
            order = order_number(number)
            if order:
                of_order.setdefault(order, []).append(number)
            else:
                missing.append(number)
        orders = sorted(of_order)
        parts = [
            Slice(since, to, orders=tuple(orders[start : start + ORDER_NUMBERS_PER_LIST]))
            for start in range(0, len(orders), ORDER_NUMBERS_PER_LIST)
        ]

        def members(part: Slice) -> list[str]:
            return [number for order in part.orders for number in of_order[order]]

        def shown(part: Slice) -> dict[str, PlatformPosting | None]:
            asked = set(members(part))
            return {
                view.posting_number: view for view in part.views if view.posting_number in asked
            }

        def whole(part: Slice) -> None:
            if on_views is not None and self.by_orders:
                on_views(shown(part))

        self._page_all(parts, whole)
        if not self.by_orders:
            return None
        found: dict[str, PlatformPosting | None] = {}
        for part in parts:
            views = shown(part)
            found.update(views)
            if part.whole:  # outside the window, another order, or unknown: ask for each
                missing.extend(number for number in members(part) if number not in views)
            # after a failed request its postings stay unread until the next read
        if missing:
            found.update(self._singles(missing))
        return found

    def _windows(
        self, wanted: Collection[str], since: datetime, to: datetime
    ) -> tuple[list[Window], list[str]]:
        """Narrow listing windows around the wanted postings whose place is known (two wanted
        postings share a window when fewer than a page of others lie between them), and the
        wanted postings of unknown place."""
        if not self.order:
            return [], list(wanted)
        placed: list[tuple[datetime, str]] = []
        unplaced: list[str] = []
        for number in wanted:
            at = self.placed.get(number)
            if at is None or not since <= at <= to:
                unplaced.append(number)
            else:
                placed.append((at, number))
        placed.sort()
        groups: list[tuple[int, int, list[tuple[datetime, str]]]] = []  # first, last position
        for key in placed:
            position = bisect.bisect_left(self.order, key)
            if groups and position - groups[-1][1] <= LIST_PAGE:
                first, _, members = groups[-1]
                groups[-1] = (first, position, [*members, key])
            else:
                groups.append((position, position, [key]))
        windows = [
            part
            for first, last, members in groups
            for part in self._split(members, (last - first) // LIST_PAGE + 1)
        ]
        return windows, unplaced

    def _split(self, members: list[tuple[datetime, str]], pages: int) -> list[Window]:
        """A window of many pages in up to ``slices`` parts by time, paged in parallel (one long
        window would page its hundred pages one after another)."""
        parts = max(1, min(pages, self.slices, len(members)))
        size = math.ceil(len(members) / parts)
        chunks = [members[start : start + size] for start in range(0, len(members), size)]
        return [
            Window(
                chunk[0][0] - WINDOW_MARGIN,
                chunk[-1][0] + WINDOW_MARGIN,
                tuple(number for _, number in chunk),
                math.ceil(pages / len(chunks)),
            )
            for chunk in chunks
        ]

    def _windowed(
        self, windows: list[Window], unplaced: list[str]
    ) -> dict[str, PlatformPosting | None]:
        found: dict[str, PlatformPosting | None] = {}
        missing = list(unplaced)
        slices = self._page_all([Slice(window.since, window.to) for window in windows])
        for window, part in zip(windows, slices, strict=True):
            members = set(window.members)
            shown = {
                view.posting_number: view for view in part.views if view.posting_number in members
            }
            found.update(shown)
            if part.whole:  # not where we thought (or gone): ask for each
                missing.extend(number for number in window.members if number not in shown)
            # after a failed window its unshown postings stay unread until the next read
        if missing:
            found.update(self._singles(missing))
        return found

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
            self.stats.add(single_gets=1)
            self.read_at[number] = self.now()
            if view is not None and view.in_process_at is not None:
                self.placed[number] = view.in_process_at
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
        order: list[tuple[datetime, str]] = []
        complete = True
        for part in self._page_all([Slice(start, end) for start, end in windows]):
            seen.update(part.numbers)
            complete = complete and part.whole
            order.extend(
                (view.in_process_at, view.posting_number)
                for view in part.views
                if view.in_process_at is not None
            )
            found.update(
                (view.posting_number, view)
                for view in part.views
                if wanted is None or view.posting_number in wanted
            )
        if complete:
            self.listing_size = len(seen)
            self.order = sorted(set(order))
        return found, complete

    def _page_all(
        self, slices: list[Slice], whole: Callable[[Slice], None] | None = None
    ) -> list[Slice]:
        """Page through every slice in parallel; a slice that failed part-way is resumed from
        its failed page (up to ``RESUME_PASSES`` more times) instead of listing it again.
        ``whole`` is called (in the reading thread) with each slice once it is read through."""

        def page_through(part: Slice) -> None:
            self._page_through(part)
            if part.whole and whole is not None:
                whole(part)

        pending = slices
        for _ in range(1 + RESUME_PASSES):
            list(self.pool.map(page_through, pending))
            pending = [part for part in pending if not part.whole]
            if not pending or self.cancel.is_set():
                break
            if pending[0].orders and not self.by_orders:
                break  # listed otherwise (``_by_orders``)
            self.stats.add(resumed=len(pending))
        return slices

    def _page_through(self, part: Slice) -> Slice:
        while True:

            def next_page(after: str = part.cursor) -> PostingPage:
                return self.api.list_page(part.since, part.to, after, order_numbers=part.orders)

            if part.orders and not self.by_orders:
                return part  # another request showed the filter ignored: listed otherwise
            try:
                page = with_retries(next_page, self.backoff, self.cancel, self.stats, self.tries)
            except ReadFailed:
                return part  # resumable from part.cursor
            self.stats.add(list_pages=1)
            if part.orders and not {
                order_number(view.posting_number) for view in page.postings
            } <= set(part.orders):
                log.warning("the platform ignores filter.order_numbers: listing the window")
                self.by_orders = False
                return part
            part.views.extend(page.postings)
            moment = self.now()
            for view in page.postings:
                self.read_at[view.posting_number] = moment
                if view.in_process_at is not None:
                    self.placed[view.posting_number] = view.in_process_at
            part.numbers.update(view.posting_number for view in page.postings)
            if not page.has_next:
                part.whole = True
                return part
            part.cursor = page.cursor
