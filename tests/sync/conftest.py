"""Fixtures for the platform simulator tests: a real server on loopback and an httpx client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pvzdesk.simulator import Simulator


@pytest.fixture
def sim() -> Iterator[Simulator]:
    """A small simulator whose status changes apply at once, that injects no faults and keeps
    no per-method limit (tests of the limits make their own)."""
    with Simulator(seed=7, postings=60, apply_delay=0.0, method_limits={}) as simulator:
        yield simulator


def auth_headers(simulator: Simulator) -> dict[str, str]:
    return {"Client-Id": simulator.client_id, "Api-Key": simulator.api_key}


@pytest.fixture
def client(sim: Simulator) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=sim.base_url, headers=auth_headers(sim), timeout=10) as http:
        yield http


def postings_in(simulator: Simulator, status: str) -> list[str]:
    found = []
    for number in simulator.posting_numbers():
        posting = simulator.posting(number)
        assert posting is not None
        if posting["status"] == status:
            found.append(number)
    assert found, f"the seeded set has no posting in {status}"
    return found


def error_codes(item: dict[str, Any]) -> list[str]:
    """The per-posting ``error`` field, whichever form it came in, as a list."""
    error = item["error"]
    if isinstance(error, str):
        return [error] if error else []
    assert isinstance(error, list)
    return [str(code) for code in error]
