"""Backoff with full jitter and a cap, Retry-After honoured, and the token bucket."""

from __future__ import annotations

import random
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pvzdesk.simulator import Simulator
from pvzdesk.sync.backoff import Backoff, parse_retry_after
from pvzdesk.sync.ratelimit import Cancelled, TokenBucket
from pvzdesk.sync.seller_api import PlatformUnavailable, SellerApi


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=2**32))
def test_full_jitter_stays_within_the_capped_ceiling(attempt: int, seed: int) -> None:
    backoff = Backoff(base_s=0.5, cap_s=20.0, rng=random.Random(seed))
    delay = backoff.delay(attempt)
    assert 0.0 <= delay <= min(20.0, 0.5 * 2**attempt)


def test_retry_after_is_a_floor() -> None:
    backoff = Backoff(base_s=0.01, cap_s=0.02, rng=random.Random(1))
    assert all(backoff.delay(attempt, retry_after_s=3.0) == 3.0 for attempt in range(5))


def test_parse_retry_after_forms() -> None:
    now = datetime(2026, 6, 27, 12, 0, tzinfo=UTC)
    assert parse_retry_after("2") == 2.0
    assert parse_retry_after("0.5") == 0.5
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("1e9") == 3600.0


class _FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_spaces_requests_and_pauses() -> None:
    fake = _FakeTime()
    bucket = TokenBucket(10, headroom=1.0, monotonic=fake)
    assert bucket.wait_time() == 0.0  # one token to start with, no burst
    assert bucket.wait_time() == pytest.approx(0.1)
    fake.now += 0.1
    assert bucket.wait_time() == 0.0
    bucket.pause_for(2.0)
    assert bucket.wait_time() == pytest.approx(2.0)
    fake.now += 2.0
    assert bucket.wait_time() == 0.0
    assert bucket.paused_s == pytest.approx(2.0)
    bucket.pause_for(1.0)
    fake.now += 0.5
    bucket.pause_for(1.0)  # overlaps the first by half: the client was held 1.5 s, not 2
    assert bucket.paused_s == pytest.approx(3.5)


@given(st.lists(st.floats(min_value=0, max_value=0.5), min_size=1, max_size=200))
def test_token_bucket_never_exceeds_its_rate_in_any_second(gaps: list[float]) -> None:
    fake = _FakeTime()
    bucket = TokenBucket(5, monotonic=fake)
    granted: list[float] = []
    for gap in gaps:
        fake.now += gap
        wait = bucket.wait_time()
        while wait > 0:
            fake.now += wait
            wait = bucket.wait_time()
        granted.append(fake.now)
    for index, moment in enumerate(granted):
        in_window = [t for t in granted[index:] if t < moment + 1.0]
        assert len(in_window) <= 5


def test_a_429_cuts_the_rate_once_a_second_and_it_recovers_additively() -> None:
    fake = _FakeTime()
    bucket = TokenBucket(10, headroom=1.0, monotonic=fake)
    assert bucket.slow_down() is True
    assert bucket.rate_now() == pytest.approx(7.5)  # cut by a quarter
    fake.now += 0.3
    assert bucket.slow_down() is False  # the same burst of 429s: one cut
    assert bucket.rate_now() == pytest.approx(9.0)  # half the rate regained per second
    fake.now += 0.3
    assert bucket.rate_now() == pytest.approx(10.0)  # back to the configured rate, not above
    assert bucket.slow_down() is True and bucket.cuts == 2
    assert bucket.wait_time() == 0.0
    assert bucket.wait_time() == pytest.approx(1 / 7.5)  # spaced at the lowered rate


def test_acquire_gives_up_when_cancelled() -> None:
    bucket = TokenBucket(0.01)
    bucket.acquire()
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        bucket.acquire(cancel)


class _SendTimes(httpx.HTTPTransport):
    """A real HTTP transport that notes when each request went out and what came back."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[float, int]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        sent = time.monotonic()
        response = super().handle_request(request)
        self.log.append((sent, response.status_code))
        return response


def test_retry_after_holds_the_next_request_of_the_refused_method() -> None:
    with Simulator(postings=5, faults="429=1:0.6") as sim:
        transport = _SendTimes()
        number = sim.posting_numbers()[0]
        with SellerApi(
            sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(40), transport=transport
        ) as api:
            with pytest.raises(PlatformUnavailable) as limited:
                api.get_posting(number)
            sim.set_faults("")
            assert api.get_posting(number) is not None
    assert limited.value.failure == "rate_limited" and limited.value.retry_after == 0.6
    (first_sent, first_status), (second_sent, second_status) = transport.log
    assert (first_status, second_status) == (429, 200)
    assert second_sent - first_sent >= 0.6  # the next request waited as the platform asked
