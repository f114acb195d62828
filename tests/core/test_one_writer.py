"""One writer, rules inside it: counter operations read the parcel's state under the same write
lock that appends, and a hand-over is one transaction."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest

from pvzdesk.app import AppContext, Services
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.domain.rules import Finding, FindingCode, Severity
from pvzdesk.domain.state import PostingState
from pvzdesk.errors import PvzdeskError
from pvzdesk.services.counter import PhotoRef
from pvzdesk.services.results import OpResult
from pvzdesk.storage.journal import EntryFilter

P1, P2, P3 = "0132112277-0101-1", "0132112278-0101-1", "0132112279-0101-1"


def kinds(app: AppContext, posting: str) -> list[EntryKind]:
    return [entry.kind for entry in app.store.journal.entries(EntryFilter(posting=posting))]


def fail_on(app: AppContext, kind: EntryKind) -> None:
    """A real SQLite failure on this connection when an entry of ``kind`` is inserted (a
    trigger: whatever the error, the operation must leave nothing half written)."""
    app.store.db.conn.execute(
        f"CREATE TEMP TRIGGER fail_{kind.value} BEFORE INSERT ON entries "
        f"WHEN NEW.kind = '{kind.value}' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )


def test_two_writers_racing_issue_and_send_back_end_with_exactly_one(
    app: AppContext, clock: FixedClock
) -> None:
    app.counter.receive([P1])
    clock.advance(timedelta(days=8))  # expired: both an issue and a send-back are allowed
    # A third connection holds the write lock while both writers start, so both get as far
    # as they can before writing; the trace callback says when each asks for the lock.
    holder = sqlite3.connect(app.store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    results: dict[str, OpResult | BaseException] = {}
    asking = {name: threading.Event() for name in ("issue", "send_back")}

    def writer(name: str, operation: Callable[[Services], OpResult]) -> None:
        services = app.connect()
        try:

            def traced(sql: str) -> None:
                if sql.startswith("BEGIN IMMEDIATE"):
                    asking[name].set()

            services.store.db.conn.set_trace_callback(traced)
            results[name] = operation(services)
        except BaseException as error:  # handed to the test thread
            results[name] = error
        finally:
            services.close()

    threads = [
        threading.Thread(target=writer, args=("issue", lambda s: s.counter.issue([P1]))),
        threading.Thread(target=writer, args=("send_back", lambda s: s.counter.send_back([P1]))),
    ]
    for thread in threads:
        thread.start()
    try:
        assert all(event.wait(30) for event in asking.values())
    finally:
        holder.execute("COMMIT")
        holder.close()
    for thread in threads:
        thread.join(30)
    written = [r for r in results.values() if isinstance(r, OpResult) and r.entries]
    refused = [r for r in results.values() if isinstance(r, OpResult) and r.blocked]
    assert len(written) == 1 and len(refused) == 1
    assert kinds(app, P1).count(EntryKind.RECEIVE) == 1
    assert len([k for k in kinds(app, P1) if k is not EntryKind.RECEIVE]) == 1


def test_a_failed_partial_refusal_leaves_no_issue(app: AppContext) -> None:
    app.counter.receive([P1, P2])
    before = app.store.journal.count()
    fail_on(app, EntryKind.REFUSE)
    with pytest.raises((PvzdeskError, sqlite3.DatabaseError)):
        app.counter.issue([P1], refused=[P2], customer_code="4471")
    assert app.store.journal.count() == before  # nothing of the hand-over was saved
    assert kinds(app, P1) == [EntryKind.RECEIVE]


def test_a_hand_over_with_its_photo_is_one_transaction(app: AppContext) -> None:
    app.counter.receive([P1, P2])
    photo = app.services.evidence.store_photo(b"\xff\xd8\xff\xe0 a jpeg")
    result = app.counter.issue([P1], refused=[P2], photo=photo)
    assert [entry.kind for entry in result.entries] == [
        EntryKind.ISSUE,
        EntryKind.REFUSE,
        EntryKind.EVIDENCE,
    ]
    evidence = result.entries[2]
    assert evidence.payload["of_entry_id"] == result.entries[0].entry_id
    assert (app.paths.evidence / photo.file_name).read_bytes() == b"\xff\xd8\xff\xe0 a jpeg"

    app.counter.receive([P3])
    before = app.store.journal.count()
    fail_on(app, EntryKind.EVIDENCE)
    with pytest.raises((PvzdeskError, sqlite3.DatabaseError)):
        app.counter.issue([P3], photo=PhotoRef("0" * 64, "x.jpg"))
    assert app.store.journal.count() == before


def test_the_wrong_customer_rule_holds_at_every_door(app: AppContext) -> None:
    from pvzdesk.domain.models import DeadlineSource, ManifestPosting
    from pvzdesk.storage.database import write_transaction

    rows = [
        ManifestPosting(P1, (), 1, "A-1", None, DeadlineSource.PLATFORM, customer_key="anna"),
        ManifestPosting(P2, (), 1, "A-2", None, DeadlineSource.PLATFORM, customer_key="boris"),
    ]
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(rows, "2025-06-27T10:00:00+03:00")
    app.counter.receive([P1, P2])
    result = app.counter.issue([P1, P2])
    assert [entry.posting for entry in result.entries] == [P1]
    assert [f.code for f in result.findings if f.severity is Severity.BLOCK] == [
        FindingCode.WRONG_CUSTOMER
    ]


class RefuseOneParcel:
    """A claim check as another desk would give it: this parcel belongs to someone else."""

    def __init__(self, posting: str) -> None:
        self.posting = posting
        self.asked: list[tuple[EntryKind, str]] = []

    def claim(self, draft: EntryDraft, state: PostingState) -> Finding | None:
        self.asked.append((draft.kind, state.posting))
        if draft.posting == self.posting:
            return Finding(FindingCode.ALREADY_ISSUED, Severity.BLOCK, draft.posting)
        return None


def test_a_claim_check_is_asked_inside_the_transaction_and_can_refuse(app: AppContext) -> None:
    app.counter.receive([P1, P2])
    claims = RefuseOneParcel(P2)
    app.counter.claims = claims
    result = app.counter.issue([P1, P2])
    assert [entry.posting for entry in result.entries] == [P1]
    assert claims.asked == [(EntryKind.ISSUE, P1), (EntryKind.ISSUE, P2)]
    assert result.blocked
    app.counter.receive(["0132112280-0101-1"])  # receives are not claimed
    assert len(claims.asked) == 2
