"""A thread-safe token bucket that keeps every worker of one client below the platform's limit.

The platform counts requests in any one-second window. With a burst capacity of 1 the bucket spaces
requests evenly, and ``HEADROOM`` leaves room for requests that arrive bunched after network
jitter, so the busiest second the platform sees stays at or under the configured limit.

After a 429 the client's bucket slows down for a while (``slow_down``: the rate is cut at once
and regained a little every second, as TCP does after a loss), so a client that was told "too
many" stays gentle even when the 429 named no time (``seller_spec`` 5).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

HEADROOM = 0.9
# After a 429 (``slow_down``): the rate is cut to this share of what it was, at most once per
# ``CUT_SPACING_S`` (one burst of 429s is one signal), never below ``RATE_FLOOR`` of the
# configured rate, and regains ``RECOVERY_PER_S`` of the configured rate every second.
CUT_FACTOR = 0.75
CUT_SPACING_S = 1.0
RATE_FLOOR = 0.1
RECOVERY_PER_S = 0.5


class Cancelled(Exception):
    """The wait for a token was given up because the job was cancelled."""


class TokenBucket:
    def __init__(
        self,
        rate_per_s: float,
        *,
        capacity: float = 1.0,
        headroom: float = HEADROOM,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        if rate_per_s <= 0 or capacity < 1:
            raise ValueError("the rate must be positive and the capacity at least 1")
        self.limit_per_s = rate_per_s
        self._rate = rate_per_s * headroom
        self._cut_to: float | None = None  # the rate right after the last cut, while recovering
        self._cut_at = 0.0
        self.cuts = 0  # how many times a 429 slowed this bucket down
        self._capacity = capacity
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._tokens = 1.0  # start nearly empty: a restart must not burst
        self._updated = monotonic()
        self._paused_until = 0.0
        self.paused_s = 0.0  # how long callers were held by pause_for, overlaps counted once

    def _rate_at(self, now: float) -> float:
        if self._cut_to is None:
            return self._rate
        rate = self._cut_to + self._rate * RECOVERY_PER_S * max(0.0, now - self._cut_at)
        if rate >= self._rate:
            self._cut_to = None
            return self._rate
        return rate

    def rate_now(self) -> float:
        """Requests per second this bucket grants now (lower for a while after a 429)."""
        with self._lock:
            return self._rate_at(self._monotonic())

    def _refill(self, now: float) -> None:
        if now > self._updated:
            rate = self._rate_at(now)
            self._tokens = min(self._capacity, self._tokens + (now - self._updated) * rate)
            self._updated = now

    def slow_down(self) -> bool:
        """The platform answered 429: cut the rate (once per ``CUT_SPACING_S``); it recovers
        additively. True when this call cut it."""
        with self._lock:
            now = self._monotonic()
            if self._cut_to is not None and now - self._cut_at < CUT_SPACING_S:
                return False
            self._refill(now)
            rate = self._rate_at(now)
            self._cut_to = max(self._rate * RATE_FLOOR, rate * CUT_FACTOR)
            self._cut_at = now
            self.cuts += 1
            return True

    def pause_for(self, seconds: float) -> None:
        """Hold every caller for ``seconds`` (the platform said Retry-After to one of them)."""
        with self._lock:
            now = self._monotonic()
            until = now + seconds
            if until > self._paused_until:
                self.paused_s += until - max(now, self._paused_until)
                self._paused_until = until
                self._tokens = min(self._tokens, 0.0)

    def wait_time(self, *, take: bool = True) -> float:
        """Take a token and return 0, or return how long to wait before trying again.
        ``take=False`` only tells whether a token is there (0) without taking it."""
        with self._lock:
            now = self._monotonic()
            if now < self._paused_until:
                return self._paused_until - now
            self._refill(now)
            if self._tokens >= 1.0 - 1e-9:  # float sums of refills must not cost a whole wait
                if take:
                    self._tokens = max(0.0, self._tokens - 1.0)
                return 0.0
            return (1.0 - self._tokens) / self._rate_at(now)

    def refund(self) -> None:
        """Give back a token just taken and not used (another bucket turned out to have none)."""
        with self._lock:
            self._tokens = min(self._capacity, self._tokens + 1.0)

    def acquire(self, cancel: threading.Event | None = None) -> None:
        """Block until a token is free; ``Cancelled`` if ``cancel`` is set meanwhile."""
        while True:
            wait = self.wait_time()
            if wait <= 0:
                return
            if cancel is not None:
                if cancel.wait(wait):
                    raise Cancelled
            else:
                time.sleep(wait)
