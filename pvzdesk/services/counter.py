"""The counter's operations: receive, place, issue, refuse, client return, send back, extend, void.

Every operation is journaled the same way online or offline (one code path). A call may name
several parcels; each is checked on its own, and all that pass are written in one transaction.

``CounterService`` is the one writer of counter operations: the rules are evaluated INSIDE the
``BEGIN IMMEDIATE`` transaction that appends (a parcel's state is read under the write lock), so
two connections (the scan writer and the DB worker, or two programs) can never both issue, or
issue and send back, one parcel: the second one reads the first one's entry and is refused. A
hand-over (issues, partial refusals, the customer's code, the photo reference) is one
transaction. A ``ClaimCheck`` is asked inside that transaction too (several desks: issue 14).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Protocol

from pvzdesk.clock import Clock
from pvzdesk.domain.barcodes import ClassifiedCode, CodeKind, classify, looks_like_parcel
from pvzdesk.domain.models import DeadlineSource, Entry, EntryDraft, EntryKind
from pvzdesk.domain.policy import StoragePolicy, extended_deadline
from pvzdesk.domain.rules import (
    Finding,
    FindingCode,
    Severity,
    blocks,
    check_client_return,
    check_extend,
    check_issue,
    check_receive,
    check_refuse,
    check_send_back,
)
from pvzdesk.domain.scan import ScanRead
from pvzdesk.domain.state import PostingState
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr
from pvzdesk.services.results import OpResult
from pvzdesk.settings import LiveSettings
from pvzdesk.storage import Store
from pvzdesk.storage.platform_feed import PlatformFeed

Scan = ScanRead | str
_Made = tuple[list[Finding], EntryDraft | None]


@dataclass(frozen=True)
class ParcelAtPoint:
    state: PostingState
    desk: str = ""  # the desk whose entry brought it to the point; "" for a desk on its own


@dataclass(frozen=True)
class ResolvedScan:
    code: ClassifiedCode
    raw: bytes
    posting: str  # "" when the code names no parcel
    state: PostingState | None


# Operations that take a parcel away from the point or hand it over: a desk must own them.
CLAIMED_KINDS = frozenset(
    {EntryKind.ISSUE, EntryKind.REFUSE, EntryKind.CLIENT_RETURN, EntryKind.RETURN_TO_SENDER}
)


class ClaimCheck(Protocol):
    """Asked inside the write transaction, once per parcel operation of ``CLAIMED_KINDS`` that
    passed the rules, right before it is appended. Return a blocking ``Finding`` to refuse it
    (another desk claimed the parcel: who and when in its params), or None to let it through.
    Must not block for long: the journal's write lock is held."""

    def claim(self, draft: EntryDraft, state: PostingState) -> Finding | None: ...


class NoClaims:
    """One desk alone: nothing to claim."""

    def claim(self, draft: EntryDraft, state: PostingState) -> Finding | None:
        return None


@dataclass(frozen=True)
class PhotoRef:
    """A hand-over photo already durably on disk (``EvidenceService.store_photo``)."""

    sha256: str
    file_name: str


def _raw_of(scan: Scan) -> tuple[str, bytes]:
    if isinstance(scan, ScanRead):
        return scan.text, scan.raw_bytes
    return scan, scan.encode("utf-8")


class CounterService:
    """Not thread-safe: use it from the thread that owns ``store``. Built by ``pvzdesk.app``.

    The operator and the storage policy are read from the live settings at each operation, so a
    change in Настройки reaches every connection's counter at once."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        settings: LiveSettings,
        claims: ClaimCheck | None = None,
        picture: Callable[[str], PostingState] | None = None,
        listing: Callable[[], list[tuple[PostingState, str]]] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self.settings = settings
        self.claims: ClaimCheck = claims or NoClaims()
        # with a point database: a posting's state as every desk of the point knows it
        self.picture = picture or store.postings.state
        # the parcels at the point by the same picture (every desk's entries), with their desk
        self.listing = listing or (lambda: [(s, "") for s in store.postings.at_point()])

    @property
    def operator(self) -> str:
        return self.settings.operator

    @property
    def policy(self) -> StoragePolicy:
        return StoragePolicy(default_days=self.settings.current.storage_days)

    @property
    def today(self) -> date:
        return self.clock.now().date()

    # --- looking up --------------------------------------------------------------------------
    def parcels_at_point(self) -> list[ParcelAtPoint]:
        """Every parcel at the point, earliest deadline first. With a point database: as all the
        desks' entries make it (a parcel received at another desk is here; one issued there is
        not), each labelled with the desk that received it."""
        return [ParcelAtPoint(state, desk) for state, desk in self.listing()]

    def due_by(self, last_day: date) -> list[PostingState]:
        """Parcels at the point whose deadline is on or before ``last_day`` (the same picture)."""
        return [
            parcel.state
            for parcel in self.parcels_at_point()
            if parcel.state.storage_until is not None and parcel.state.storage_until <= last_day
        ]

    def resolve(self, scan: Scan) -> ResolvedScan:
        text, raw = _raw_of(scan)
        code = classify(text)
        if not looks_like_parcel(code.kind):
            return ResolvedScan(code, raw, "", None)
        posting = self.store.postings.resolve(code.text) or code.posting or code.text
        return ResolvedScan(code, raw, posting, self.picture(posting))

    def _parcel_or_finding(self, scan: Scan) -> ResolvedScan | Finding:
        resolved = self.resolve(scan)
        if resolved.state is not None:
            return resolved
        params = {"code": resolved.code.text, "kind": resolved.code.kind.value}
        if resolved.code.kind is CodeKind.UNKNOWN:
            return Finding(FindingCode.UNKNOWN_CODE, Severity.BLOCK, "", params)
        return Finding(FindingCode.NOT_A_PARCEL, Severity.BLOCK, "", params)

    def _localised(self, finding: Finding) -> Finding:
        """Times in findings in the counter's own zone, as the operator reads a clock."""
        zone = self.clock.now().tzinfo
        params = {
            key: value.astimezone(zone) if isinstance(value, datetime) else value
            for key, value in finding.params.items()
        }
        return replace(finding, params=params)

    def append(self, drafts: Sequence[EntryDraft]) -> tuple[Entry, ...]:
        """Journal ``drafts`` in one transaction with the current operator: the one writer."""
        return tuple(self.store.journal.append(drafts, self.operator))

    _write = append

    def _per_parcel(
        self,
        scans: Iterable[Scan],
        make: Callable[[ResolvedScan, PostingState], _Made],
    ) -> OpResult:
        """Resolve, check and append under ONE write lock: the state the rules see is the state
        the entries are appended to."""
        drafts: list[EntryDraft] = []
        findings: list[Finding] = []
        seen: set[str] = set()
        with self.store.write():
            for scan in scans:
                resolved = self._parcel_or_finding(scan)
                if isinstance(resolved, Finding):
                    findings.append(resolved)
                    continue
                if resolved.posting in seen:
                    continue  # the same parcel twice in one call is one operation
                seen.add(resolved.posting)
                assert resolved.state is not None
                found, draft = make(resolved, resolved.state)
                if draft is not None and not blocks(found) and draft.kind in CLAIMED_KINDS:
                    refused = self.claims.claim(draft, resolved.state)
                    if refused is not None:
                        found = [*found, refused]
                findings.extend(self._localised(finding) for finding in found)
                if draft is not None and not blocks(found):
                    drafts.append(draft)
            return OpResult(self._write(drafts), tuple(findings))

    # --- operations --------------------------------------------------------------------------
    def receive(self, scans: Iterable[Scan], *, cell: str = "", category: str = "") -> OpResult:
        deadline = self.policy.storage_until(self.today, category)

        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            payload = {
                "code": resolved.code.text,
                "code_kind": resolved.code.kind.value,
                "storage_until": deadline.isoformat(),
                "places": state.places,
            }
            if cell:
                payload["cell"] = cell
            draft = EntryDraft(EntryKind.RECEIVE, resolved.posting, resolved.raw, payload)
            return check_receive(state), draft

        return self._per_parcel(scans, make)

    def place(self, scan: Scan, cell: str) -> OpResult:
        if not cell.strip():
            raise UsageError(tr("Give the cell the parcel goes to."))

        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            payload = {"cell": cell.strip(), "code": resolved.code.text}
            return [], EntryDraft(EntryKind.PLACE, resolved.posting, resolved.raw, payload)

        return self._per_parcel([scan], make)

    def issue(
        self,
        scans: Iterable[Scan],
        *,
        customer_code: Scan | None = None,
        refused: Iterable[Scan] = (),
        refuse_reason: str = "",
        handover_id: str = "",
        photo: PhotoRef | None = None,
    ) -> OpResult:
        """Hand parcels to one customer; ``refused`` ones are refused at the counter (partial
        refusal). The customer's code is kept raw as evidence: it cannot be verified offline.

        One transaction: the issues, the refusals and the photo's ``evidence`` entry commit
        together or not at all. Parcels of another customer than the first one are refused."""
        handover_id = handover_id or str(uuid.uuid4())
        customer_text, customer_raw = (
            _raw_of(customer_code) if customer_code is not None else ("", b"")
        )
        extra: list[Finding] = []
        if customer_code is not None:
            extra.append(Finding(FindingCode.CUSTOMER_CODE_UNVERIFIED, Severity.INFO))
        today = self.today
        customer_key = ""
        feed = PlatformFeed(self.store.db, self.store.path)

        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            nonlocal customer_key
            payload = {
                "code": resolved.code.text,
                "handover_id": handover_id,
                "places": state.places,
                "customer_code": customer_text,
                "customer_code_hex": customer_raw.hex(),
                "customer_code_verified": False,
            }
            draft = EntryDraft(EntryKind.ISSUE, resolved.posting, resolved.raw, payload)
            cancelled = feed.blocking_request(resolved.posting) is not None
            found = check_issue(state, today, customer_key=customer_key, cancel_requested=cancelled)
            if not blocks(found) and not customer_key:
                customer_key = state.customer_key  # the hand-over's customer: the first parcel's
            return found, draft

        refused_list = list(refused)
        with self.store.write():
            issued = self._per_parcel(scans, make)
            refused_result = (
                self.refuse(
                    refused_list, reason=refuse_reason, partial=True, handover_id=handover_id
                )
                if refused_list
                else OpResult()
            )
            evidence = OpResult()
            if photo is not None and issued.entries:
                evidence = self.record_evidence(
                    issued.entries[0].entry_id, photo.sha256, photo.file_name
                )
        return OpResult(issued.entries, tuple(extra) + issued.findings) + refused_result + evidence

    def refuse(
        self,
        scans: Iterable[Scan],
        *,
        reason: str = "",
        partial: bool = False,
        handover_id: str = "",
    ) -> OpResult:
        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            payload = {"code": resolved.code.text, "reason": reason, "partial": partial}
            if handover_id:
                payload["handover_id"] = handover_id
            return check_refuse(state), EntryDraft(
                EntryKind.REFUSE, resolved.posting, resolved.raw, payload
            )

        return self._per_parcel(scans, make)

    def client_return(self, scans: Iterable[Scan], *, reason: str = "") -> OpResult:
        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            payload = {"code": resolved.code.text, "reason": reason}
            draft = EntryDraft(EntryKind.CLIENT_RETURN, resolved.posting, resolved.raw, payload)
            return check_client_return(state), draft

        return self._per_parcel(scans, make)

    def send_back(self, scans: Iterable[Scan], *, batch_id: str = "") -> OpResult:
        today = self.today
        batch = batch_id or str(uuid.uuid4())

        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            payload = {"code": resolved.code.text, "batch_id": batch}
            draft = EntryDraft(EntryKind.RETURN_TO_SENDER, resolved.posting, resolved.raw, payload)
            return check_send_back(state, today), draft

        return self._per_parcel(scans, make)

    def extend(
        self,
        scans: Iterable[Scan],
        *,
        days: int | None = None,
        until: date | None = None,
        reason: DeadlineSource = DeadlineSource.CUSTOMER,
        incident_id: str = "",
    ) -> OpResult:
        if (days is None) == (until is None):
            raise UsageError(tr("Give either a number of days or a new date."))

        def make(resolved: ResolvedScan, state: PostingState) -> _Made:
            found = check_extend(state)
            if blocks(found):
                return found, None
            assert state.storage_until is not None
            try:
                new_deadline = extended_deadline(state.storage_until, days=days, until=until)
            except ValueError as exc:
                raise UsageError(
                    tr("The extension is not valid: {reason}.", reason=str(exc))
                ) from exc
            payload = {
                "storage_until": new_deadline.isoformat(),
                "previous": state.storage_until.isoformat(),
                "source": reason.value,
                "days": days,
            }
            if incident_id:
                payload["incident_id"] = incident_id
            return found, EntryDraft(EntryKind.EXTEND, resolved.posting, resolved.raw, payload)

        return self._per_parcel(scans, make)

    def sync_deadline(self, posting: str, storage_until: date) -> OpResult:
        """The platform's deadline wins; the difference is journaled so it can be shown."""
        with self.store.write():
            state = self.store.postings.state(posting)
            if state.storage_until == storage_until:
                return OpResult()
            payload = {
                "storage_until": storage_until.isoformat(),
                "previous": state.storage_until.isoformat() if state.storage_until else None,
                "source": DeadlineSource.PLATFORM.value,
            }
            draft = EntryDraft(EntryKind.DEADLINE_SYNC, posting, b"", payload)
            return OpResult(self._write([draft]))

    def void(self, entry_id: str, reason: str) -> OpResult:
        if not reason.strip():
            raise UsageError(tr("Say why the entry is voided."))
        with self.store.write():  # two voids of one entry: the second one sees the first
            return self._void(entry_id, reason)

    def _void(self, entry_id: str, reason: str) -> OpResult:
        target = self.store.journal.get(entry_id)
        if target is None:
            raise UsageError(tr("There is no journal entry {entry_id}.", entry_id=entry_id))
        if target.kind is EntryKind.VOID:
            raise UsageError(tr("A void cannot itself be voided; write a new entry instead."))
        if entry_id in self.store.journal.voided_ids():
            raise UsageError(tr("Entry {entry_id} is already voided.", entry_id=entry_id))
        payload = {"voided_entry_id": entry_id, "voided_kind": target.kind.value, "reason": reason}
        return OpResult(self._write([EntryDraft(EntryKind.VOID, target.posting, b"", payload)]))

    def note(self, text: str) -> OpResult:
        return OpResult(self._write([EntryDraft(EntryKind.NOTE, "", b"", {"text": text})]))

    def record_evidence(self, of_entry_id: str, sha256: str, file_name: str) -> OpResult:
        target = self.store.journal.get(of_entry_id)
        posting = target.posting if target else ""
        payload = {"of_entry_id": of_entry_id, "sha256": sha256, "file": file_name}
        return OpResult(self._write([EntryDraft(EntryKind.EVIDENCE, posting, b"", payload)]))
