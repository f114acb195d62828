"""Adapter ``reentry``: guided re-entry for partner points, whose platform has no public API.

The worklist is every operation (receive, issue, refuse, return, send back, extend) written while
an incident was open, in journal order. The operator repeats each in the official app and scans
the parcel (or the sheet's barcode) in re-entry mode; that writes a ``reentry_done`` entry with
``{"entry_id": ...}``, so the check-off itself is journaled and survives anything. An operation
voided meanwhile leaves the list; everything not yet checked off stays visible.

No HTTP here: this adapter needs nothing from the network.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from pvzdesk.domain.barcodes import classify
from pvzdesk.domain.models import PLATFORM_KINDS, Entry, EntryDraft, EntryKind
from pvzdesk.i18n import tr
from pvzdesk.reports.day_report import kind_label
from pvzdesk.storage import Store
from pvzdesk.storage.waiting import Waiting

NAME = "reentry"


# Writes entries through the counter's one writer (with the current operator): the services'
# ``CounterService.append`` fits.
AppendEntries = Callable[[Sequence[EntryDraft]], Sequence[Entry]]


@dataclass(frozen=True)
class ReentryItem:
    entry: Entry
    incident_id: str
    done_at: datetime | None = None
    done_entry_id: str = ""

    @property
    def done(self) -> bool:
        return self.done_at is not None


@dataclass(frozen=True)
class CheckOff:
    code: str
    item: ReentryItem | None  # the operation checked off, None when nothing matched
    written: Entry | None
    message: str


class ReentryWorklist:
    """Not thread-safe: use it from the thread that owns ``store``."""

    name = NAME
    kinds = PLATFORM_KINDS

    def __init__(self, store: Store, append: AppendEntries) -> None:
        self.store = store
        self._append = append

    def items(self) -> list[ReentryItem]:
        """Every operation done during an incident, in journal order, checked off or not."""
        return [
            ReentryItem(row.entry, row.incident_id, row.done_at, row.done_entry_id)
            for row in Waiting(self.store.db, self.store.path).reentry_rows()
        ]

    def remaining(self) -> list[ReentryItem]:
        return [item for item in self.items() if not item.done]

    def check_off(self, code: str) -> CheckOff:
        """Check off the earliest open operation the code names (a parcel's barcode, its
        posting number, or an operation's entry id from the re-entry sheet)."""
        with self.store.write():  # two desks ticking one line: the second sees the first
            return self._check_off(code)

    def _check_off(self, code: str) -> CheckOff:
        text = code.strip()
        open_items = self.remaining()
        item = next((i for i in open_items if i.entry.entry_id == text), None)
        if item is None:
            classified = classify(text)
            posting = (
                self.store.postings.resolve(classified.text)
                or classified.posting
                or classified.text
            )
            item = next((i for i in open_items if i.entry.posting == posting), None)
        if item is None:
            return CheckOff(
                text, None, None, tr("Nothing is left to re-enter for {code}.", code=text)
            )
        payload = {"entry_id": item.entry.entry_id, "kind": item.entry.kind.value}
        draft = EntryDraft(
            EntryKind.REENTRY_DONE, item.entry.posting, text.encode("utf-8"), payload
        )
        written = self._append([draft])[0]
        checked = ReentryItem(item.entry, item.incident_id, written.wall_time, written.entry_id)
        return CheckOff(
            text,
            checked,
            written,
            tr(
                "Re-entered: {kind} of {posting}.",
                kind=kind_label(item.entry.kind),  # in words, as the worklist shows it
                posting=item.entry.posting,
            ),
        )
