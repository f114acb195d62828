"""Faults the simulator injects into Seller API and login-probe replies (never into ``/__sim/*``).

A fault SPEC is the same on the command line (``--faults SPEC``) and at run time
(``POST /__sim/faults {"spec": SPEC}``). Items are comma-separated, in any order, each optional:

    spec    := "" | "none" | item ("," item)*
    item    := "5xx=" P                  reply 500, 502, 503 or 504 (502/504 with an HTML body)
             | "429=" P [":" SECONDS]    reply 429, with ``Retry-After: SECONDS`` when given
                                         (without: no Retry-After, as the platform may do)
             | "slow=" P ":" SECONDS     wait SECONDS before handling the request
             | "reset=" P                reset the TCP connection (RST) instead of replying
             | "lost=" P                 apply the change, then reset instead of replying
                                         (only endpoints that change something)
             | "outage=" START "-" [END] the requests numbered START to END - 1 (counted from 0
                                         since the spec was set) fail; no END: until restored
                                         by hand. Repeat the item for several windows.
             | "outage_mode=" ("503" | "reset")   how an outage fails a request (default 503)
             | "seed=" N                 seed of the fault RNG (default 0)
    P       := a probability in [0, 1]

Example: ``5xx=0.05,429=0.05:1,slow=0.02:2.0,reset=0.03,lost=0.05,outage=200-300``.

Every schedule counts requests, never seconds: a window of wall-clock time may meet no request on
a slow machine (and then a test that expects the outage sees none). A test that needs the
platform down for a while it controls switches it with ``set_outage``.

Each request draws from one seeded RNG, one number per kind, so a run is repeatable for a given
order of requests. Precedence when several fire: outage, reset, 5xx, 429, lost; ``slow`` adds its
delay to any of them. ``POST /__sim/outage {"on": true}`` (``set_outage``) cuts the platform until
``{"on": false}``, which also ends any outage window in progress.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

NONE = "none"
RESET = "reset"
SERVER_ERROR = "5xx"
TOO_MANY = "429"
LOST = "lost"
OUTAGE = "outage"
OUTAGE_MODES = ("503", RESET)
SERVER_ERROR_STATUSES = (500, 502, 503, 504)


class FaultSpecError(ValueError):
    """A fault SPEC that does not parse; the message names the item."""


@dataclass(frozen=True)
class FaultPlan:
    server_error: float = 0.0
    too_many: float = 0.0
    retry_after: float = 0.0  # 0: the 429 carries no Retry-After
    slow: float = 0.0
    slow_seconds: float = 0.0
    reset: float = 0.0
    lost: float = 0.0
    outages: tuple[tuple[int, int | None], ...] = ()  # request numbers [start, end)
    outage_mode: str = "503"
    seed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "5xx": self.server_error,
            "429": {"p": self.too_many, "retry_after": self.retry_after},
            "slow": {"p": self.slow, "seconds": self.slow_seconds},
            "reset": self.reset,
            "lost": self.lost,
            "outage": [list(window) for window in self.outages],
            "outage_mode": self.outage_mode,
            "seed": self.seed,
        }


@dataclass(frozen=True)
class FaultDecision:
    kind: str = NONE  # NONE, OUTAGE, RESET, SERVER_ERROR, TOO_MANY or LOST
    delay: float = 0.0
    status: int = 0  # HTTP status for OUTAGE (when it replies), SERVER_ERROR and TOO_MANY
    retry_after: float = 0.0


def _probability(item: str, text: str) -> float:
    value = _number(item, text)
    if not 0.0 <= value <= 1.0:
        raise FaultSpecError(f"{item}: probability must be within 0..1")
    return value


def _number(item: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise FaultSpecError(f"{item}: {text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise FaultSpecError(f"{item}: {text!r} must be a finite number ≥ 0")
    return value


def _count(item: str, text: str) -> int:
    if not text.isdigit():
        raise FaultSpecError(f"{item}: {text!r} is not a request number")
    return int(text)


def parse_spec(spec: str) -> FaultPlan:
    """Parse a fault SPEC (grammar in the module docstring); FaultSpecError if it is wrong."""
    plan = FaultPlan()
    outages: list[tuple[int, int | None]] = []
    text = "".join(spec.split())
    if text in ("", NONE):
        return plan
    for item in text.split(","):
        name, equals, value = item.partition("=")
        if not equals or not value:
            raise FaultSpecError(f"{item!r}: expected name=value")
        first, _, second = value.partition(":")
        if name == "5xx":
            plan = replace(plan, server_error=_probability(item, value))
        elif name == "429":
            retry_after = _number(item, second) if second else 0.0
            plan = replace(plan, too_many=_probability(item, first), retry_after=retry_after)
        elif name == "slow":
            if not second:
                raise FaultSpecError(f"{item!r}: expected slow=P:SECONDS")
            plan = replace(plan, slow=_probability(item, first), slow_seconds=_number(item, second))
        elif name == "reset":
            plan = replace(plan, reset=_probability(item, value))
        elif name == "lost":
            plan = replace(plan, lost=_probability(item, value))
        elif name == "outage":
            start_text, dash, end_text = value.partition("-")
            if not dash:
                raise FaultSpecError(f"{item!r}: expected outage=START-END or outage=START-")
            start = _count(item, start_text)
            end = _count(item, end_text) if end_text else None
            if end is not None and end <= start:
                raise FaultSpecError(f"{item!r}: the window ends before it starts")
            outages.append((start, end))
        elif name == "outage_mode":
            if value not in OUTAGE_MODES:
                raise FaultSpecError(f"{item!r}: outage_mode is 503 or reset")
            plan = replace(plan, outage_mode=value)
        elif name == "seed":
            if not value.isdigit():
                raise FaultSpecError(f"{item!r}: seed is a whole number")
            plan = replace(plan, seed=int(value))
        else:
            raise FaultSpecError(f"{item!r}: unknown fault {name!r}")
    return replace(plan, outages=tuple(outages))


@dataclass
class _Windows:
    requests: int = 0  # requests decided since the plan was set
    outages: list[tuple[int, int | None]] = field(default_factory=list)


class FaultInjector:
    """Decides, per request, which fault (if any) to inject; thread-safe."""

    def __init__(self, plan: FaultPlan | None = None) -> None:
        self._lock = threading.Lock()
        self._manual_outage = False
        self.counters: Counter[str] = Counter()
        self._plan = FaultPlan()
        self._rng = random.Random(0)
        self._windows = _Windows()
        self.set_plan(plan or FaultPlan())

    @property
    def plan(self) -> FaultPlan:
        with self._lock:
            return self._plan

    def set_plan(self, plan: FaultPlan) -> None:
        """Replace the faults; outage windows count requests from now."""
        with self._lock:
            self._plan = plan
            self._rng = random.Random(plan.seed)
            self._windows = _Windows(outages=list(plan.outages))

    def set_outage(self, on: bool) -> None:
        """Cut the platform (``on``) or restore it, ending any outage window in progress."""
        with self._lock:
            self._manual_outage = on
            if on:
                return
            done = self._windows.requests
            self._windows.outages = [
                (start, done if start <= done and (end is None or end > done) else end)
                for start, end in self._windows.outages
            ]

    def outage_active(self) -> bool:
        with self._lock:
            return self._outage_active()

    def snapshot_counters(self) -> dict[str, int]:
        with self._lock:
            kinds = ("slow", OUTAGE, RESET, SERVER_ERROR, TOO_MANY, LOST)
            return {kind: self.counters[kind] for kind in kinds}

    def reset_counters(self) -> None:
        with self._lock:
            self.counters.clear()

    def decide(self, changes_state: bool) -> FaultDecision:
        with self._lock:
            plan = self._plan
            # One draw per kind on every request keeps the sequence independent of outcomes.
            draws = [self._rng.random() for _ in range(5)]
            delay = plan.slow_seconds if draws[0] < plan.slow else 0.0
            if delay:
                self.counters["slow"] += 1
            outage = self._outage_active()
            self._windows.requests += 1
            if outage:
                self.counters[OUTAGE] += 1
                if plan.outage_mode == RESET:
                    return FaultDecision(OUTAGE, delay)
                return FaultDecision(OUTAGE, delay, status=503)
            if draws[1] < plan.reset:
                kind, status = RESET, 0
            elif draws[2] < plan.server_error:
                kind, status = SERVER_ERROR, self._rng.choice(SERVER_ERROR_STATUSES)
            elif draws[3] < plan.too_many:
                kind, status = TOO_MANY, 429
            elif changes_state and draws[4] < plan.lost:
                kind, status = LOST, 0
            else:
                return FaultDecision(NONE, delay)
            self.counters[kind] += 1
            return FaultDecision(kind, delay, status=status, retry_after=plan.retry_after)

    def _outage_active(self) -> bool:
        if self._manual_outage:
            return True
        number = self._windows.requests  # the number of the request being decided
        return any(
            start <= number and (end is None or number < end)
            for start, end in self._windows.outages
        )
