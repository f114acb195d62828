"""The posting state machine: folding entries, incrementally and from scratch, agree."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from pvzdesk.domain.models import Entry, EntryKind, ManifestPosting
from pvzdesk.domain.rules import FindingCode, Severity, check_issue, check_receive, check_send_back
from pvzdesk.domain.state import PostingState, PostingStatus, apply_entry, fold

T0 = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
POSTING = "0132112277-0101-1"
STATE_KINDS = [
    EntryKind.RECEIVE,
    EntryKind.PLACE,
    EntryKind.ISSUE,
    EntryKind.REFUSE,
    EntryKind.CLIENT_RETURN,
    EntryKind.RETURN_TO_SENDER,
    EntryKind.EXTEND,
    EntryKind.NOTE,
]


def entry(seq: int, kind: EntryKind, payload: dict[str, object] | None = None) -> Entry:
    return Entry(
        seq=seq,
        entry_id=f"e{seq}",
        device_id="d",
        device_seq=seq,
        operator="op",
        kind=kind,
        posting=POSTING,
        raw=b"",
        payload=payload or {},
        wall_time=T0 + timedelta(minutes=seq),
        utc_offset_min=180,
        mono_ns=seq,
        prev_hash="",
        hash="",
    )


def payload_for(kind: EntryKind, seq: int) -> dict[str, object]:
    if kind is EntryKind.RECEIVE:
        return {"storage_until": "2026-11-27", "places": 1}
    if kind is EntryKind.PLACE:
        return {"cell": f"A-{seq}"}
    if kind is EntryKind.EXTEND:
        return {"storage_until": "2026-12-01", "source": "customer"}
    return {}


def test_life_of_a_parcel() -> None:
    manifest = ManifestPosting(POSTING, places=2, storage_until=date(2026, 11, 27))
    history = [
        entry(1, EntryKind.RECEIVE, {"places": 2}),
        entry(2, EntryKind.PLACE, {"cell": "B-3"}),
    ]
    state = fold(manifest, POSTING, history)
    assert state.status is PostingStatus.IN_STORAGE
    assert (state.cell, state.places, state.storage_until) == ("B-3", 2, date(2026, 11, 27))
    issued = fold(manifest, POSTING, [*history, entry(3, EntryKind.ISSUE)])
    assert issued.status is PostingStatus.ISSUED
    assert check_issue(issued, date(2026, 11, 21))[0].code is FindingCode.ALREADY_ISSUED


def test_void_undoes_the_voided_entry_only() -> None:
    history = [
        entry(1, EntryKind.RECEIVE, {"storage_until": "2026-11-27"}),
        entry(2, EntryKind.ISSUE),
        entry(3, EntryKind.VOID, {"voided_entry_id": "e2", "reason": "wrong parcel"}),
    ]
    state = fold(None, POSTING, history)
    assert state.status is PostingStatus.IN_STORAGE
    assert state.last_seq == 3


def test_expired_parcel_warns_but_is_issued_and_early_send_back_warns() -> None:
    state = PostingState(POSTING, PostingStatus.IN_STORAGE, True, storage_until=date(2026, 11, 20))
    findings = check_issue(state, date(2026, 11, 21))
    assert [f.code for f in findings] == [FindingCode.EXPIRED]
    assert findings[0].severity is Severity.WARNING
    early = check_send_back(state, date(2026, 11, 19))
    assert early[0].code is FindingCode.NOT_EXPIRED
    assert check_receive(state)[0].severity is Severity.BLOCK


@given(st.lists(st.sampled_from(STATE_KINDS), max_size=25), st.data())
def test_incremental_fold_equals_full_fold(kinds: list[EntryKind], data: st.DataObject) -> None:
    entries = [entry(i + 1, kind, payload_for(kind, i + 1)) for i, kind in enumerate(kinds)]
    # void a random subset of earlier entries
    voids = []
    for target in entries:
        if data.draw(st.booleans()):
            voids.append(target)
    seq = len(entries)
    for target in voids:
        seq += 1
        entries.append(entry(seq, EntryKind.VOID, {"voided_entry_id": target.entry_id}))
    full = fold(None, POSTING, entries)
    # incremental without voids == fold without voided entries
    voided = {v.entry_id for v in voids}
    incremental = PostingState(POSTING)
    for item in entries:
        if item.kind is EntryKind.VOID or item.entry_id in voided:
            incremental = replace(incremental, last_seq=item.seq)
            continue
        incremental = apply_entry(incremental, item)
    assert replace(full, last_seq=0) == replace(incremental, last_seq=0)


@given(st.lists(st.sampled_from(STATE_KINDS), min_size=1, max_size=25))
def test_status_is_determined_by_last_status_changing_entry(kinds: list[EntryKind]) -> None:
    entries = [entry(i + 1, kind, payload_for(kind, i + 1)) for i, kind in enumerate(kinds)]
    state = fold(None, POSTING, entries)
    expected = {
        EntryKind.RECEIVE: PostingStatus.IN_STORAGE,
        EntryKind.ISSUE: PostingStatus.ISSUED,
        EntryKind.REFUSE: PostingStatus.REFUSED,
        EntryKind.CLIENT_RETURN: PostingStatus.RETURNED,
        EntryKind.RETURN_TO_SENDER: PostingStatus.SENT_BACK,
    }
    changing = [k for k in kinds if k in expected or k is EntryKind.PLACE]
    if not changing:
        assert state.status is PostingStatus.UNKNOWN
    elif changing[-1] is EntryKind.PLACE:
        assert state.at_point
    else:
        assert state.status is expected[changing[-1]]
