"""What a manifest import would change in the database, decided before anything is written.

The in-file checks (``manifest_import``) only see the file; here each row meets the database: a
barcode already naming another posting is refused with its row (or moved, journaled, on an
explicit ``replace``), and a parcel already received keeps its manifest base — a new deadline or
cell from the file becomes a journal entry, so every change of what the counter relies on is seen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from pvzdesk.domain.barcodes import classify
from pvzdesk.domain.models import DeadlineSource, EntryDraft, EntryKind, ManifestPosting
from pvzdesk.domain.state import PostingStatus
from pvzdesk.errors import ImportFileError
from pvzdesk.i18n import tr
from pvzdesk.storage import Store

MAX_REPORTED_CLASHES = 10
NOT_RECEIVED = (PostingStatus.UNKNOWN, PostingStatus.EXPECTED)


@dataclass(frozen=True)
class ImportPlan:
    postings: list[ManifestPosting]
    drafts: list[EntryDraft]
    moved: int  # barcodes re-pointed (``replace``)


def _owner(store: Store, code: str) -> str | None:
    return store.postings.resolve(code)


def _changes_of_received(
    store: Store, row: ManifestPosting, file_name: str
) -> tuple[ManifestPosting, list[EntryDraft]]:
    state = store.postings.state(row.posting)
    if state.status in NOT_RECEIVED:
        return row, []
    old = store.postings.manifest_row(row.posting)
    kept = replace(
        row,
        storage_until=old.storage_until if old else None,
        storage_source=old.storage_source if old else DeadlineSource.IMPORT,
        cell=old.cell if old else "",
    )
    if not state.at_point:
        return kept, []  # issued or sent back: the file cannot move a parcel that has left
    drafts: list[EntryDraft] = []
    if row.storage_until is not None and row.storage_until != state.storage_until:
        payload = {
            "storage_until": row.storage_until.isoformat(),
            "previous": state.storage_until.isoformat() if state.storage_until else None,
            "source": DeadlineSource.IMPORT.value,
            "file": file_name,
        }
        drafts.append(EntryDraft(EntryKind.DEADLINE_SYNC, row.posting, b"", payload))
    if row.cell and row.cell != state.cell:
        payload = {
            "cell": row.cell,
            "previous_cell": state.cell,
            "source": "import",
            "file": file_name,
        }
        drafts.append(EntryDraft(EntryKind.PLACE, row.posting, b"", payload))
    return kept, drafts


def plan_import(
    store: Store, rows: list[tuple[int, ManifestPosting]], path: Path, *, replace: bool
) -> ImportPlan:
    """Raise ImportFileError naming the rows whose barcodes belong to other postings."""
    problems: list[str] = []
    postings: list[ManifestPosting] = []
    drafts: list[EntryDraft] = []
    moved = 0
    for number, row in rows:
        for code in sorted({classify(code).text for code in row.barcodes if code}):
            owner = _owner(store, code)
            if owner is None or owner == row.posting:
                continue
            if not replace:
                if len(problems) < MAX_REPORTED_CLASHES:
                    problems.append(
                        tr(
                            "row {row}: barcode {code} already belongs to posting {other} in "
                            "the journal's database",
                            row=number,
                            code=code,
                            other=owner,
                        )
                    )
                continue
            moved += 1
            payload = {
                "event": "barcode_moved",
                "code": code,
                "from_posting": owner,
                "file": path.name,
                "row": number,
            }
            drafts.append(EntryDraft(EntryKind.NOTE, row.posting, code.encode(), payload))
        kept, changes = _changes_of_received(store, row, path.name)
        postings.append(kept)
        drafts.extend(changes)
    if problems:
        raise ImportFileError(
            tr("{file} was not imported; nothing changed.", file=path.name),
            hint="\n".join(
                [
                    *problems,
                    tr(
                        "A barcode is never moved silently: if the file is right, import it "
                        "again with --replace (each move is written to the journal)."
                    ),
                ]
            ),
        )
    return ImportPlan(postings, drafts, moved)
