"""How the reader reads many postings. By their orders first (``filter.order_numbers``, a hundred
orders a request, side by side), and a posting its order's listing does not show is read alone.
Should the platform ignore that filter: after one full listing of the window, only narrow windows
around a few wanted postings, and a posting its window does not show is still read (by a single
get), never lost."""

from __future__ import annotations

import math
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

from pvzdesk.simulator import Simulator
from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.platform_reads import PostingReader
from pvzdesk.sync.ratelimit import TokenBucket
from pvzdesk.sync.seller_api import SellerApi


def test_a_few_postings_are_read_through_narrow_windows_and_none_is_lost() -> None:
    now = datetime.now(UTC)
    since, to = now - timedelta(days=30), now + timedelta(days=1)
    with (
        Simulator(seed=3, postings=2_000, apply_delay=0.0) as sim,
        SellerApi(sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(200)) as api,
        ThreadPoolExecutor(4) as pool,
    ):
        reader = PostingReader(api, pool, Backoff(0.01, 0.1), threading.Event(), by_orders=False)
        everything = reader.list_all(since, to)
        full_pages = reader.stats.list_pages
        ordered = sorted(everything, key=lambda view: reader.listing_key(view.posting_number))
        wanted = [view.posting_number for view in ordered[500:650]]  # side by side, as a batch
        stale = wanted[0]
        reader.placed[stale] -= timedelta(days=3)  # its place is no longer what we think
        before = reader.stats.list_pages, reader.stats.single_gets
        views = reader.read(wanted, since, to)
        pages = reader.stats.list_pages - before[0]
        singles = reader.stats.single_gets - before[1]
        expected = {number: sim.posting(number) for number in wanted}
    assert full_pages >= 20
    assert set(views) == set(wanted)
    assert all(
        view is not None and view.status == (expected[number] or {}).get("status")
        for number, view in views.items()
    )
    assert 0 < pages <= 5  # two windows, not the whole lookback
    assert singles == 1  # the posting its window did not show


def test_a_listing_page_that_kept_failing_is_resumed_alone_not_listed_again() -> None:
    """An outage in the middle of a listing costs the failed pages, not a second listing: the
    slice is taken up again from the page that failed (its cursor), and the listing is whole."""
    now = datetime.now(UTC)
    since, to = now - timedelta(days=30), now + timedelta(days=1)
    # Requests 5..11 fail: with two tries a page, the sixth page fails three times in a row.
    with (
        Simulator(seed=3, postings=2_000, apply_delay=0.0, faults="outage=5-12") as sim,
        SellerApi(sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(200)) as api,
        ThreadPoolExecutor(2) as pool,
    ):
        reader = PostingReader(
            api, pool, Backoff(0.001, 0.01), threading.Event(), slices=1, tries=2, by_orders=False
        )
        views = reader.read(sim.posting_numbers(), since, to)
        total = len(sim.posting_numbers())
        sent = api.requests_sent
    assert len(views) == total
    assert reader.listing_size == total  # the listing counts as complete: windows next time
    assert reader.stats.list_pages == 20  # every page read once
    assert reader.stats.resumed == 3
    assert sent == 20 + 7  # the pages plus the seven the outage failed


def test_wanted_postings_are_read_by_their_orders_as_each_request_comes_back() -> None:
    """1,000 wanted postings of 2,000: ten listing requests by order number (not the window's
    twenty pages one after another), each handed over as it comes back; a posting the
    platform does not know is asked for alone and comes back as unknown (None)."""
    now = datetime.now(UTC)
    since, to = now - timedelta(days=30), now + timedelta(days=1)
    parts: list[dict[str, object]] = []
    with (
        Simulator(seed=3, postings=2_000, apply_delay=0.0) as sim,
        SellerApi(sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(200)) as api,
        ThreadPoolExecutor(4) as pool,
    ):
        reader = PostingReader(api, pool, Backoff(0.01, 0.1), threading.Event())
        known = sim.posting_numbers()[::2]
        unknown = "99999999-0001-1"
        views = reader.read([*known, unknown], since, to, on_views=parts.append)
        expected = {number: (sim.posting(number) or {}).get("status") for number in known}
        sent = api.requests_sent
    orders = {number.rpartition("-")[0] for number in known} | {"99999999-0001"}
    assert reader.by_orders
    assert reader.stats.list_pages == math.ceil(len(orders) / 100)
    assert reader.stats.single_gets == 1
    assert sent == reader.stats.list_pages + 1
    assert views[unknown] is None
    assert {number: view.status for number, view in views.items() if view} == expected
    # every request's postings were handed over as it came back, each once
    assert len(parts) == reader.stats.list_pages
    handed = [number for part in parts for number in part]
    assert sorted(handed) == sorted(known)


def test_a_platform_that_ignores_the_order_filter_is_listed_by_its_window() -> None:
    """A page that shows another order's posting means the filter is not honoured: the reader
    lists the window instead (for the rest of the run) and still reads every wanted posting."""
    now = datetime.now(UTC)
    since, to = now - timedelta(days=30), now + timedelta(days=1)
    parts: list[dict[str, object]] = []
    with (
        Simulator(seed=3, postings=2_000, apply_delay=0.0, ignores_order_numbers=True) as sim,
        SellerApi(sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(200)) as api,
        ThreadPoolExecutor(4) as pool,
    ):
        reader = PostingReader(api, pool, Backoff(0.01, 0.1), threading.Event())
        wanted = sim.posting_numbers()[::3]
        views = reader.read(wanted, since, to, on_views=parts.append)
        expected = {number: (sim.posting(number) or {}).get("status") for number in wanted}
    assert not reader.by_orders
    assert not parts  # nothing handed over from the ignored filter's pages
    assert reader.listing_size == 2_000  # the whole window, listed once
    assert {number: view.status for number, view in views.items() if view} == expected
