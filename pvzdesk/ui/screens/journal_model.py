"""The journal as a Qt table that fetches pages in the background, newest first.

The journal may hold a million entries: the model never loads them all. It asks the DB worker for
one page at a time (``fetchMore`` as the view scrolls) and drops pages that arrive for a filter
that has since changed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from pvzdesk.domain.dates import format_user_time
from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.i18n import current_language
from pvzdesk.services.messages import describe_failure, kind_label, source_label
from pvzdesk.storage import Store
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.context import DbSession, JobControl, UiContext

PAGE_SIZE = 200
ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    voided: frozenset[str]
    head_seq: int


def _unfiltered(where: EntryFilter) -> bool:
    return not (where.kinds or where.posting or where.text or where.since or where.until)


def fetch_page(store: Store, where: EntryFilter, loaded: int, oldest_seq: int | None) -> Page:
    """The next ``PAGE_SIZE`` entries, newest first, after ``loaded`` already shown.

    Unfiltered, seqs are contiguous (entries are never deleted), so the page below ``oldest_seq``
    is a range read on the primary key. Filtered, the journal offers no "before seq" bound, so the
    newest matches are read again and the ones already shown skipped: cheap for the first pages,
    which are the ones people look at.
    """
    journal = store.journal
    head_seq = journal.head()[0]
    if _unfiltered(where):
        top = (oldest_seq if oldest_seq is not None else head_seq + 1) - 1
        after = max(0, top - PAGE_SIZE)
        entries = list(journal.entries(EntryFilter(after_seq=after, limit=top - after)))
        entries.reverse()
    else:
        query = replace(where, newest_first=True, limit=loaded + PAGE_SIZE)
        entries = list(journal.entries(query))[loaded:]
    voided = frozenset(journal.voided_ids())
    return Page(entries, voided, head_seq)


# What the operator reads for each payload field; ids and raw hex stay in the details pane.
_HIDDEN = frozenset(
    {
        "handover_id",
        "entry_id",
        "incident_id",
        "batch_id",
        "voided_entry_id",
        "of_entry_id",
        "code_kind",
        "customer_code_verified",
        "partial",
    }
)


def _field_names() -> dict[str, str]:
    translate = QCoreApplication.translate
    return {
        "code": translate("JournalModel", "code"),
        "cell": translate("JournalModel", "cell"),
        "places": translate("JournalModel", "places"),
        "storage_until": translate("JournalModel", "until"),
        "previous": translate("JournalModel", "was until"),
        "customer_code": translate("JournalModel", "customer code"),
        "reason": translate("JournalModel", "reason"),
        "text": translate("JournalModel", "text"),
        "days": translate("JournalModel", "days"),
        "source": translate("JournalModel", "set by"),
        "detail": translate("JournalModel", "detail"),
        "voided_kind": translate("JournalModel", "voided"),
        "file": translate("JournalModel", "photo"),
        "sha256": translate("JournalModel", "checksum"),
        "kind": translate("JournalModel", "operation"),
        "app_version": translate("JournalModel", "program version"),
        "started_at": translate("JournalModel", "began"),
        "previous_cell": translate("JournalModel", "was in cell"),
        "from_posting": translate("JournalModel", "moved from"),
        "row": translate("JournalModel", "file row"),
        "event": translate("JournalModel", "event"),
    }


def payload_summary(entry: Entry) -> str:
    """The payload in the operator's words, short (the full entry is in the details pane)."""
    names = _field_names()
    parts = []
    for key, value in entry.payload.items():
        # a field without a name in the operator's words stays in the details pane: the summary
        # never shows an internal key
        if value in ("", None, False) or key in _HIDDEN or key not in names:
            continue
        name = names[key]
        if key == "file" and entry.kind is not EntryKind.EVIDENCE:
            name = QCoreApplication.translate("JournalModel", "list file")  # an import's file
        parts.append(f"{name}: {_value_text(entry.kind, key, value)}")
    return "; ".join(parts)


def _value_text(kind: EntryKind, key: str, value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if key == "reason" and kind in (EntryKind.INCIDENT_START, EntryKind.INCIDENT_END):
        return describe_failure(text)  # the monitor's failure class, or a person's declaration
    if key == "source":
        return source_label(text)  # never the internal value ("import", "platform")
    if key == "sha256":
        return text[:12]
    if key in ("kind", "voided_kind") and text in EntryKind.__members__.values():
        return kind_label(EntryKind(text))
    if key == "started_at":
        try:
            return format_user_time(datetime.fromisoformat(text).astimezone(), current_language())
        except ValueError:
            return text
    return text


class JournalModel(QAbstractTableModel):
    COLUMNS = ("seq", "time", "kind", "posting", "operator", "details")

    def __init__(self, ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.where = EntryFilter()
        self.entries: list[Entry] = []
        self.voided: frozenset[str] = frozenset()
        self.exhausted = False
        self.loading = False
        self.generation = 0
        self.error: BaseException | None = None
        self.on_loaded: list[Any] = []  # callables run after each page lands (the screen's hooks)

    # --- the filter ------------------------------------------------------------------------
    def set_filter(self, where: EntryFilter) -> None:
        """Start again with a new filter; pages of the old one are dropped when they arrive."""
        self.beginResetModel()
        self.where = replace(where, newest_first=True, limit=None)
        self.entries = []
        self.exhausted = False
        self.loading = False
        self.generation += 1
        self.endResetModel()
        self._request()

    def reload(self) -> None:
        self.set_filter(self.where)

    # --- paging ----------------------------------------------------------------------------
    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request()

    def _request(self) -> None:
        self.loading = True
        generation, where = self.generation, self.where
        loaded = len(self.entries)
        oldest = self.entries[-1].seq if self.entries else None

        def work(session: DbSession, control: JobControl) -> Page:
            control.check()
            return fetch_page(session.store, where, loaded, oldest)

        self.ctx.run_db(
            work,
            name="journal page",
            on_done=lambda page: self._arrived(generation, page),
            on_error=lambda error: self._failed(generation, error),
        )

    def _arrived(self, generation: int, page: Page) -> None:
        if generation != self.generation:
            return  # a page of a filter no longer shown
        self.loading = False
        self.error = None
        self.voided = page.voided
        if page.entries:
            first = len(self.entries)
            self.beginInsertRows(QModelIndex(), first, first + len(page.entries) - 1)
            self.entries.extend(page.entries)
            self.endInsertRows()
        self.exhausted = len(page.entries) < PAGE_SIZE or page.entries[-1].seq <= 1
        if self.voided:
            self._repaint_all()
        for hook in self.on_loaded:
            hook()

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self.generation:
            return
        self.loading = False
        self.exhausted = True
        self.error = error
        for hook in self.on_loaded:
            hook()

    def _repaint_all(self) -> None:
        if self.entries:
            last = self.index(len(self.entries) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    # --- the table -------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def entry_at(self, row: int) -> Entry | None:
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (
            self.tr("#"),
            self.tr("Time"),
            self.tr("Operation"),
            self.tr("Posting"),
            self.tr("Operator"),
            self.tr("Details"),
        )
        return titles[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        voided = entry.entry_id in self.voided
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, index.column(), voided)
        if role == Qt.ItemDataRole.ForegroundRole and voided:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.FontRole and voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.entry_id
        return None

    def _display(self, entry: Entry, column: int, voided: bool) -> str:
        if column == 0:
            return str(entry.seq)
        if column == 1:
            pattern = "%d.%m.%Y %H:%M:%S" if current_language() == "ru" else "%Y-%m-%d %H:%M:%S"
            return entry.local_time.strftime(pattern)
        if column == 2:
            name = self.entry_name(entry)
            return self.tr("{kind} (voided)").format(kind=name) if voided else name
        if column == 3:
            return entry.posting
        if column == 4:
            return entry.operator
        return payload_summary(entry)

    def entry_name(self, entry: Entry) -> str:
        """``kind_name``, with the true source of a deadline change: a manifest import's is not
        the platform's (entries from before the source was recorded keep the old name)."""
        if entry.kind is EntryKind.DEADLINE_SYNC and entry.from_list_file:
            return self.tr("Deadline from list file")
        return self.kind_name(entry.kind)

    def kind_name(self, kind: EntryKind) -> str:
        names = {
            EntryKind.RECEIVE: self.tr("Receive"),
            EntryKind.PLACE: self.tr("Put on shelf"),
            EntryKind.ISSUE: self.tr("Issue"),
            EntryKind.REFUSE: self.tr("Refusal"),
            EntryKind.CLIENT_RETURN: self.tr("Customer return"),
            EntryKind.RETURN_TO_SENDER: self.tr("Send back"),
            EntryKind.EXTEND: self.tr("Extension"),
            EntryKind.DEADLINE_SYNC: self.tr("Deadline from platform"),
            EntryKind.VOID: self.tr("Void"),
            EntryKind.EVIDENCE: self.tr("Photo"),
            EntryKind.INCIDENT_START: self.tr("Outage began"),
            EntryKind.INCIDENT_END: self.tr("Outage ended"),
            EntryKind.REENTRY_DONE: self.tr("Re-entered"),
            EntryKind.NOTE: self.tr("Note"),
        }
        return names.get(kind, kind.value)
