"""Hand-over photos: kept as files next to the database, named by SHA-256, referenced from an
``evidence`` entry; removed after ``evidence_keep_days`` while the journal entry stays."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pvzdesk.clock import Clock
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.durable import write_durably
from pvzdesk.errors import StorageError, UsageError
from pvzdesk.i18n import tr
from pvzdesk.services.counter import CounterService, PhotoRef
from pvzdesk.settings import LiveSettings
from pvzdesk.storage import Store
from pvzdesk.storage.journal import EntryFilter

JPEG_MAGIC = b"\xff\xd8\xff"
SUFFIX = ".jpg"


@dataclass(frozen=True)
class SavedPhoto:
    sha256: str
    path: Path
    entry: Entry  # the evidence entry


def photo_path(folder: Path, sha256: str) -> Path:
    return folder / f"{sha256}{SUFFIX}"


class EvidenceService:
    """Not thread-safe: use it from the thread that owns the store (the DB worker). Built by
    ``pvzdesk.app``; the keeping period is read from the live settings."""

    def __init__(
        self,
        store: Store,
        counter: CounterService,
        clock: Clock,
        folder: Path,
        settings: LiveSettings,
    ) -> None:
        self.store = store
        self.counter = counter
        self.clock = clock
        self.folder = folder
        self.settings = settings

    @property
    def keep_days(self) -> int:
        return self.settings.current.evidence_keep_days

    def save_photo(self, of_entry_id: str, jpeg: bytes) -> SavedPhoto:
        """Store the photo, then journal it: a photo in the journal is always on disk."""
        if self.store.journal.get(of_entry_id) is None:
            raise UsageError(tr("There is no journal entry {entry_id}.", entry_id=of_entry_id))
        stored = self.store_photo(jpeg)
        result = self.counter.record_evidence(of_entry_id, stored.sha256, stored.file_name)
        return SavedPhoto(stored.sha256, self.folder / stored.file_name, result.entries[0])

    def store_photo(self, jpeg: bytes) -> PhotoRef:
        """Put the photo durably on disk, not yet in the journal: a hand-over then references
        it in its own transaction (``CounterService.issue(photo=...)``)."""
        if not jpeg.startswith(JPEG_MAGIC):
            raise UsageError(tr("The hand-over photo is not a JPEG image."))
        sha256 = hashlib.sha256(jpeg).hexdigest()
        path = photo_path(self.folder, sha256)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            if not path.exists():  # same bytes, same name: a repeat costs nothing
                write_durably(path, jpeg)
        except OSError as exc:
            raise StorageError(
                tr(
                    "The hand-over photo could not be saved to {path}: {reason}.",
                    path=path,
                    reason=exc,
                ),
                hint=tr("Check free space in the data folder; the operation itself is saved."),
            ) from exc
        return PhotoRef(sha256, path.name)

    def photos_of(self, entry_ids: set[str]) -> Iterator[tuple[Entry, Path | None]]:
        """Evidence entries about the given entries, with the photo file if it is still kept."""
        for entry in self.store.journal.entries(EntryFilter(kinds=(EntryKind.EVIDENCE,))):
            if str(entry.payload.get("of_entry_id", "")) in entry_ids:
                path = photo_path(self.folder, str(entry.payload.get("sha256", "")))
                yield entry, path if path.is_file() else None

    def purge_photos(self, now: datetime | None = None) -> list[Path]:
        """Delete photos whose every evidence entry is older than the retention period."""
        now = now or self.clock.now()
        cutoff = now - timedelta(days=self.keep_days)
        newest: dict[str, datetime] = {}
        for entry in self.store.journal.entries(EntryFilter(kinds=(EntryKind.EVIDENCE,))):
            sha256 = str(entry.payload.get("sha256", ""))
            newest[sha256] = max(newest.get(sha256, entry.wall_time), entry.wall_time)
        removed = []
        for sha256, written in sorted(newest.items()):
            path = photo_path(self.folder, sha256)
            if written < cutoff and path.is_file():
                try:
                    path.unlink()
                except OSError as exc:
                    raise StorageError(
                        tr(
                            "The photo {path} could not be removed: {reason}.",
                            path=path,
                            reason=exc,
                        )
                    ) from exc
                removed.append(path)
        return removed
