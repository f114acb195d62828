"""After one full listing the reader lists only narrow windows around a few wanted postings,
and a posting its window does not show is still read (by a single get), never lost."""

from __future__ import annotations

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
        reader = PostingReader(api, pool, Backoff(0.01, 0.1), threading.Event())
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
            api, pool, Backoff(0.001, 0.01), threading.Event(), slices=1, tries=2
        )
        views = reader.read(sim.posting_numbers(), since, to)
        total = len(sim.posting_numbers())
        sent = api.requests_sent
    assert len(views) == total
    assert reader.listing_size == total  # the listing counts as complete: windows next time
    assert reader.stats.list_pages == 20  # every page read once
    assert reader.stats.resumed == 3
    assert sent == 20 + 7  # the pages plus the seven the outage failed
