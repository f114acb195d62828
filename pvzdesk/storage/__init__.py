"""Durable storage: the journal, the manifest, the cached posting states and sync attempts.

The only package that imports sqlite-utils. One connection per thread; ``open_store`` is the one
place that opens the database.
"""

from pvzdesk.storage.store import Store, open_store

__all__ = ["Store", "open_store"]
