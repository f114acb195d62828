"""Durable storage: the journal, the manifest, the cached posting states and sync attempts.

The only package that imports sqlite-utils. One connection per thread; ``open_store`` is the one
place that opens the database.
"""

import sys


def _import_sqlite_utils_lean() -> None:
    """sqlite-utils imports numpy and pandas at import time only to map their types to columns;
    we never store either, and numpy costs ~0.15 s of every CLI command (DESIGN §11: a command
    ≤ 0.5 s). Import it with them hidden, unless something loaded them already (the window's
    camera does; then they cost nothing). Runs once, at import, before any thread starts."""
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes ``import`` raise ImportError
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


_import_sqlite_utils_lean()

from pvzdesk.storage.store import Store, open_store  # noqa: E402

__all__ = ["Store", "open_store"]
