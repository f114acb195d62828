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
