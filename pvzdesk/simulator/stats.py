"""Request accounting and the per-Client-Id rate limit of the simulated platform.

The limit is a sliding one-second window over arrivals, like the Seller API's "50 requests per
second per Client-Id". Every arrival counts, refused or not, so ``max_requests_in_1s`` is the
busiest second the client actually produced; that is the figure a reconciler must keep below
the limit. Per-method limits (``method_limits``, path → requests/s) are kept the same way, per
Client-Id and path; ``max_requests_in_1s_by_method`` is the busiest second of each path.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from typing import Any

WINDOW_SECONDS = 1.0


class RequestStats:
    """Counts requests and decides the rate limit; thread-safe."""

    def __init__(
        self,
        rate_limit: int = 50,
        *,
        method_limits: dict[str, int] | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.Lock()
        self._monotonic = monotonic
        self.rate_limit = rate_limit
        self.method_limits = dict(method_limits or {})
        self._arrivals: dict[str, deque[float]] = {}
        self._method_arrivals: dict[tuple[str, str], deque[float]] = {}
        self._reset_counts()

    def _reset_counts(self) -> None:
        self._total = 0
        self._by_endpoint: Counter[str] = Counter()
        self._by_status: Counter[str] = Counter()
        self._max_in_window: dict[str, int] = {}
        self._max_by_method: dict[str, int] = {}
        self._violations = 0
        self._method_violations = 0

    def arrive(self, client_id: str, endpoint: str) -> bool:
        """Count a request; False when it is over the client's rate limit (answer 429)."""
        return self.arrival(client_id, endpoint) == ""

    def arrival(self, client_id: str, endpoint: str) -> str:
        """Count a request: "" when admitted, "client" over the client's limit, "method" over
        the method's own limit."""
        with self._lock:
            self._total += 1
            self._by_endpoint[endpoint] += 1
            if not client_id:
                return ""  # the login probe and unauthenticated calls are not metered
            now = self._monotonic()
            in_window = _count(self._arrivals.setdefault(client_id, deque()), now)
            if in_window > self._max_in_window.get(client_id, 0):
                self._max_in_window[client_id] = in_window
            in_method = _count(
                self._method_arrivals.setdefault((client_id, endpoint), deque()), now
            )
            if in_method > self._max_by_method.get(endpoint, 0):
                self._max_by_method[endpoint] = in_method
            if in_window > self.rate_limit:
                self._violations += 1
                return "client"
            limit = self.method_limits.get(endpoint)
            if limit is not None and in_method > limit:
                self._method_violations += 1
                return "method"
            return ""

    def replied(self, status: int) -> None:
        """Count a reply by HTTP status; 0 is a connection reset instead of a reply."""
        with self._lock:
            self._by_status[str(status) if status else "reset"] += 1

    def reset(self) -> None:
        with self._lock:
            self._arrivals.clear()
            self._method_arrivals.clear()
            self._reset_counts()

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests_total": self._total,
                "by_endpoint": dict(self._by_endpoint),
                "by_status": dict(self._by_status),
                "rate_limit": self.rate_limit,
                "max_requests_in_1s": max(self._max_in_window.values(), default=0),
                "max_requests_in_1s_by_client": dict(self._max_in_window),
                "rate_limit_violations": self._violations,
                "method_limits": dict(self.method_limits),
                "max_requests_in_1s_by_method": dict(self._max_by_method),
                "method_limit_violations": self._method_violations,
                "responses_429": self._by_status.get("429", 0),
            }


def _count(arrivals: deque[float], now: float) -> int:
    """Add an arrival at ``now`` and return how many fall in the last second."""
    while arrivals and arrivals[0] <= now - WINDOW_SECONDS:
        arrivals.popleft()
    arrivals.append(now)
    return len(arrivals)
