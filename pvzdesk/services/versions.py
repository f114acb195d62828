"""The journal says which pvzdesk wrote it: an entry whenever a different version opens it.

A dispute months later may hinge on what the program did at the time; the entry dates every
upgrade (and downgrade) inside the tamper-evident chain.
"""

from __future__ import annotations

from pvzdesk.domain.models import Entry, EntryDraft, EntryKind
from pvzdesk.i18n import tr
from pvzdesk.storage import Store
from pvzdesk.storage.app_version import last_app_version, note_app_version

VERSION_EVENT = "app_version"


def record_app_version(store: Store, operator: str, version: str) -> Entry | None:
    """Journal a version change; the first version seen on a journal is only remembered.

    One transaction: the entry and the remembered version move together, or neither does.
    """
    with store.write():
        previous = last_app_version(store.db)
        if previous == version:
            return None
        written: Entry | None = None
        if previous:
            payload = {
                "event": VERSION_EVENT,
                "version": version,
                "previous": previous,
                "text": tr(
                    "pvzdesk {version} opened this journal (before: {previous}).",
                    version=version,
                    previous=previous,
                ),
            }
            draft = EntryDraft(EntryKind.NOTE, "", b"", payload)
            written = store.journal.append([draft], operator)[0]
        note_app_version(store.db, store.path, version)
    return written
