"""Counter operations through the real services and a real journal file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pvzdesk.app import AppContext
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import DeadlineSource, EntryKind, ManifestPosting
from pvzdesk.domain.rules import FindingCode, Severity
from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.domain.state import PostingStatus
from pvzdesk.errors import UsageError
from pvzdesk.services.messages import describe
from pvzdesk.storage.database import write_transaction

P1, P2, P3 = "0132112277-0101-1", "0132112277-0101-2", "0555000111-0002-1"


def seed_manifest(app: AppContext) -> None:
    rows = [
        ManifestPosting(
            P1,
            ("%101%AB12345678", "200001234567890", "ii5550001"),
            2,
            "A-1",
            None,
            customer_key="c1",
        ),
        ManifestPosting(P2, ("200001234567891",), 1, "A-2", None, customer_key="c1"),
        ManifestPosting(P3, (), 1, "B-1", date(2026, 11, 18), customer_key="c2"),
    ]
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(rows, "2026-11-20T10:00:00+03:00")


def test_any_label_code_resolves_to_the_posting(app: AppContext) -> None:
    seed_manifest(app)
    for code in (P1, "%101%AB12345678", "200001234567890", "ii5550001", "шш5550001"):
        assert app.store.postings.resolve(code) == P1


def test_receive_then_issue_to_customer_with_raw_code(app: AppContext, clock: FixedClock) -> None:
    seed_manifest(app)
    received = app.counter.receive(["200001234567890", P2])
    assert [e.posting for e in received.entries] == [P1, P2]
    assert app.store.postings.state(P1).storage_until == clock.now().date() + timedelta(days=7)
    customer = ScanRead(
        "QR-customer-7781", b"QR-customer-7781", "QRCode", ScanSource.CAMERA, clock.now()
    )
    clock.advance(timedelta(hours=4))
    issued = app.counter.issue([P1, P2], customer_code=customer)
    assert len(issued.entries) == 2
    assert {e.payload["customer_code"] for e in issued.entries} == {"QR-customer-7781"}
    assert issued.entries[0].payload["customer_code_verified"] is False
    assert len({e.payload["handover_id"] for e in issued.entries}) == 1
    assert any(f.code is FindingCode.CUSTOMER_CODE_UNVERIFIED for f in issued.findings)
    again = app.counter.issue([P1])
    assert again.entries == ()
    assert again.blocked
    message = describe(again.findings[0])
    assert "уже выдано в" in message and "14:00" in message  # the counter's local time


def test_partial_refusal(app: AppContext) -> None:
    seed_manifest(app)
    app.counter.receive([P1, P2])
    result = app.counter.issue([P1], refused=[P2], refuse_reason="не подошёл размер")
    kinds = [(e.kind, e.posting) for e in result.entries]
    assert kinds == [(EntryKind.ISSUE, P1), (EntryKind.REFUSE, P2)]
    assert result.entries[0].payload["handover_id"] == result.entries[1].payload["handover_id"]
    assert app.store.postings.state(P2).status is PostingStatus.REFUSED


def test_expired_and_unknown_are_warnings_not_refusals(app: AppContext, clock: FixedClock) -> None:
    seed_manifest(app)
    app.counter.receive([P3])  # the manifest deadline 18.11 stays: it came from the platform/import
    expired = app.counter.issue([P3])
    assert len(expired.entries) == 1
    assert [f.code for f in expired.findings] == [FindingCode.EXPIRED]
    assert "срок хранения истёк 18.11.2026" in describe(expired.findings[0])
    unknown = app.counter.receive(["0999999999-0001-1"])
    assert len(unknown.entries) == 1
    assert unknown.findings[0].code is FindingCode.NOT_IN_MANIFEST
    assert unknown.findings[0].severity is Severity.WARNING


def test_garbled_scan_writes_nothing(app: AppContext) -> None:
    before = app.store.journal.count()
    result = app.counter.receive(["#$%garbled", "123456"])
    assert result.entries == ()
    assert [f.code for f in result.findings] == [FindingCode.UNKNOWN_CODE, FindingCode.NOT_A_PARCEL]
    assert app.store.journal.count() == before


def test_return_flow_and_send_back(app: AppContext, clock: FixedClock) -> None:
    seed_manifest(app)
    app.counter.receive([P1])
    assert app.counter.client_return([P1]).blocked  # not issued yet
    app.counter.issue([P1])
    returned = app.counter.client_return(["ii5550001"], reason="брак")
    assert returned.entries[0].kind is EntryKind.CLIENT_RETURN
    sent = app.counter.send_back([P1])
    assert sent.entries and not sent.findings
    assert app.store.postings.state(P1).status is PostingStatus.SENT_BACK
    assert app.counter.send_back([P1]).findings[0].code is FindingCode.ALREADY_SENT_BACK


def test_extend_one_and_by_incident(app: AppContext, clock: FixedClock) -> None:
    seed_manifest(app)
    app.counter.receive([P1, P2])
    one = app.counter.extend([P1], days=3, reason=DeadlineSource.CUSTOMER)
    assert one.entries[0].payload["storage_until"] == "2026-11-30"
    with pytest.raises(UsageError):
        app.counter.extend([P1], until=date(2026, 11, 1))
    incident, _ = app.incidents.start("manual", "login fails")
    clock.advance(timedelta(hours=2))
    app.incidents.end()
    app.counter.issue([P2])  # gone after the incident: still extended (it was stored during it)
    clock.advance(timedelta(hours=1))
    app.counter.receive([P3])  # arrived after the incident: not extended
    bulk = app.incidents.extend_all(incident.incident_id, 2)
    assert [e.posting for e in bulk.entries] == [P1]
    assert app.store.postings.state(P1).storage_until == date(2026, 12, 2)
    assert bulk.entries[0].payload["incident_id"] == incident.incident_id


def test_void_keeps_the_entry_and_restores_state(app: AppContext) -> None:
    seed_manifest(app)
    app.counter.receive([P1])
    issued = app.counter.issue([P1]).entries[0]
    voided = app.counter.void(issued.entry_id, "выдали не тому")
    assert voided.entries[0].payload["voided_entry_id"] == issued.entry_id
    assert app.store.journal.get(issued.entry_id) is not None
    assert app.store.postings.state(P1).status is PostingStatus.IN_STORAGE
    with pytest.raises(UsageError):
        app.counter.void(issued.entry_id, "again")
    with pytest.raises(UsageError):
        app.counter.void(voided.entries[0].entry_id, "void of void")
    # the cache equals a full rebuild
    cached = app.store.postings.state(P1)
    app.store.postings.rebuild_states()
    assert app.store.postings.state(P1) == cached


def test_incidents_open_and_close_once(app: AppContext, clock: FixedClock) -> None:
    first, written = app.incidents.start("timeout", "api-seller")
    assert written.entries
    same, nothing = app.incidents.start()
    assert same.incident_id == first.incident_id and not nothing.entries
    clock.advance(timedelta(minutes=42))
    ended, _ = app.incidents.end()
    assert ended is not None and ended.duration(clock.now()) == timedelta(minutes=42)
    assert app.incidents.open_incident() is None
