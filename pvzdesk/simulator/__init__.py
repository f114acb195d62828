"""A simulated marketplace platform (Seller API subset + login probe) for the demo and the tests.

Nothing in the product depends on it. ``Simulator`` is the entry point; ``faults`` documents the
fault SPEC grammar and ``postings`` the status machine and ``available_actions``.
"""

from __future__ import annotations

from pvzdesk.simulator.faults import FaultPlan, FaultSpecError, parse_spec
from pvzdesk.simulator.server import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, Simulator

__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_CLIENT_ID",
    "FaultPlan",
    "FaultSpecError",
    "Simulator",
    "parse_spec",
]
