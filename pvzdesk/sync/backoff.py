"""Exponential backoff with full jitter and a cap, honouring the platform's ``Retry-After``.

Full jitter (a uniform draw from 0 to the exponential ceiling) spreads thousands of counters that
come back after an outage, instead of letting them retry in lock-step.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


@dataclass
class Backoff:
    base_s: float = 0.2
    cap_s: float = 30.0
    rng: random.Random = field(default_factory=random.Random)
    # Seconds of backoff handed out (summed over workers, who wait in parallel): for the bench.
    handed_out_s: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def ceiling(self, attempt: int) -> float:
        """The largest delay before retry number ``attempt`` (0 for the first retry)."""
        return float(min(self.cap_s, self.base_s * (2.0 ** max(0, min(attempt, 62)))))

    def delay(self, attempt: int, retry_after_s: float | None = None) -> float:
        """Seconds to wait before retry ``attempt``; never less than the platform asked for."""
        with self._lock:
            jittered = self.rng.uniform(0.0, self.ceiling(attempt))
            delay = max(jittered, retry_after_s or 0.0)
            self.handed_out_s += delay
        return delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date; None when absent or garbled."""
    if not value:
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        seconds = (moment - (now or datetime.now(UTC))).total_seconds()
    if seconds != seconds or seconds < 0:  # NaN or in the past
        return 0.0 if seconds < 0 else None
    return min(seconds, 3600.0)  # a runaway header must not park the counter for days
