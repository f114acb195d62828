"""A simulated marketplace platform (Seller API subset + login probe) for the demo and the tests.

Nothing in the product depends on it. ``Simulator`` is the entry point; ``faults`` documents the
fault SPEC grammar and ``postings`` the status machine and ``available_actions``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Names load on first use (PEP 562): every CLI command registers ``pvzdesk simulator`` through
# ``pvzdesk.simulator.command``, which must not pay for the HTTP server's imports.
if TYPE_CHECKING:
    from pvzdesk.simulator.faults import FaultPlan, FaultSpecError, parse_spec
    from pvzdesk.simulator.server import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, Simulator

_SUBMODULE: dict[str, str] = {
    "DEFAULT_API_KEY": "server",
    "DEFAULT_CLIENT_ID": "server",
    "FaultPlan": "faults",
    "FaultSpecError": "faults",
    "Simulator": "server",
    "parse_spec": "faults",
}


def __getattr__(name: str) -> object:
    submodule = _SUBMODULE.get(name)
    if submodule is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{submodule}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_API_KEY",
    "DEFAULT_CLIENT_ID",
    "FaultPlan",
    "FaultSpecError",
    "Simulator",
    "parse_spec",
]
