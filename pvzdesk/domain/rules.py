"""May this be done to that parcel now? Findings are results to show, not exceptions.

A finding of severity ``BLOCK`` means the service writes nothing for that parcel; ``WARNING`` means it
is written and the operator is told (with a distinct colour and sound); ``INFO`` is a remark.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from pvzdesk.domain.policy import is_expired
from pvzdesk.domain.state import PostingState, PostingStatus


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    BLOCK = "block"


class FindingCode(StrEnum):
    UNKNOWN_CODE = "unknown_code"  # the scan names no parcel we can find
    NOT_A_PARCEL = "not_a_parcel"  # a customer or marking code where a parcel was expected
    NOT_IN_MANIFEST = "not_in_manifest"
    NOT_RECEIVED = "not_received"
    ALREADY_RECEIVED = "already_received"
    ALREADY_ISSUED = "already_issued"
    ALREADY_SENT_BACK = "already_sent_back"
    NOT_ISSUED = "not_issued"
    NOT_AT_POINT = "not_at_point"
    REFUSED_EARLIER = "refused_earlier"
    EXPIRED = "expired"
    NOT_EXPIRED = "not_expired"
    WRONG_CUSTOMER = "wrong_customer"
    MISSING_PLACES = "missing_places"
    NO_DEADLINE = "no_deadline"
    CUSTOMER_CODE_UNVERIFIED = "customer_code_unverified"
    CLAIMED_ELSEWHERE = "claimed_elsewhere"  # another desk of the point did it first (who, when)
    BUYER_CANCELLED = "buyer_cancelled"  # the buyer asked to cancel (pending or approved)


@dataclass(frozen=True)
class Finding:
    code: FindingCode
    severity: Severity
    posting: str = ""
    params: Mapping[str, str | int | date | datetime | None] = field(default_factory=dict)


def _gone(state: PostingState) -> Finding | None:
    if state.status is PostingStatus.ISSUED:
        return Finding(
            FindingCode.ALREADY_ISSUED, Severity.BLOCK, state.posting, {"at": state.issued_at}
        )
    if state.status is PostingStatus.SENT_BACK:
        return Finding(
            FindingCode.ALREADY_SENT_BACK, Severity.BLOCK, state.posting, {"at": state.left_at}
        )
    return None


def check_receive(state: PostingState) -> list[Finding]:
    if state.at_point:
        return [
            Finding(
                FindingCode.ALREADY_RECEIVED,
                Severity.BLOCK,
                state.posting,
                {"at": state.received_at},
            )
        ]
    findings = (
        [gone] if (gone := _gone(state)) and gone.code is FindingCode.ALREADY_SENT_BACK else []
    )
    if findings:
        return findings
    if not state.in_manifest:
        findings.append(Finding(FindingCode.NOT_IN_MANIFEST, Severity.WARNING, state.posting))
    return findings


def check_issue(
    state: PostingState, today: date, customer_key: str = "", *, cancel_requested: bool = False
) -> list[Finding]:
    """``cancel_requested``: the platform showed a buyer's pending or approved request to
    cancel this posting (learned while it was up): it must not be handed out."""
    if gone := _gone(state):
        return [gone]
    if cancel_requested:
        return [Finding(FindingCode.BUYER_CANCELLED, Severity.BLOCK, state.posting)]
    if state.status is PostingStatus.REFUSED or state.status is PostingStatus.RETURNED:
        return [Finding(FindingCode.REFUSED_EARLIER, Severity.BLOCK, state.posting)]
    findings: list[Finding] = []
    if state.status is PostingStatus.UNKNOWN:
        findings.append(Finding(FindingCode.NOT_IN_MANIFEST, Severity.WARNING, state.posting))
    elif state.status is PostingStatus.EXPECTED:
        findings.append(Finding(FindingCode.NOT_RECEIVED, Severity.WARNING, state.posting))
    if is_expired(state.storage_until, today):
        findings.append(
            Finding(
                FindingCode.EXPIRED, Severity.WARNING, state.posting, {"until": state.storage_until}
            )
        )
    if customer_key and state.customer_key and customer_key != state.customer_key:
        findings.append(Finding(FindingCode.WRONG_CUSTOMER, Severity.BLOCK, state.posting))
    return findings


def check_refuse(state: PostingState) -> list[Finding]:
    """A refusal happens at the counter, before the hand-over: a parcel already handed over comes
    back only as a client return."""
    if state.status is PostingStatus.ISSUED:
        return [_gone(state) or Finding(FindingCode.ALREADY_ISSUED, Severity.BLOCK, state.posting)]
    if state.status is PostingStatus.SENT_BACK:
        return [_gone(state) or Finding(FindingCode.NOT_AT_POINT, Severity.BLOCK, state.posting)]
    if state.status in (PostingStatus.REFUSED, PostingStatus.RETURNED):
        return [Finding(FindingCode.REFUSED_EARLIER, Severity.BLOCK, state.posting)]
    if state.status is PostingStatus.UNKNOWN:
        return [Finding(FindingCode.NOT_IN_MANIFEST, Severity.WARNING, state.posting)]
    return []


def check_client_return(state: PostingState) -> list[Finding]:
    if state.status is PostingStatus.ISSUED:
        return []
    if state.status is PostingStatus.UNKNOWN:
        return [Finding(FindingCode.NOT_IN_MANIFEST, Severity.WARNING, state.posting)]
    return [Finding(FindingCode.NOT_ISSUED, Severity.BLOCK, state.posting)]


def check_send_back(state: PostingState, today: date) -> list[Finding]:
    if gone := _gone(state):
        return [gone]
    if not state.at_point:
        return [Finding(FindingCode.NOT_AT_POINT, Severity.BLOCK, state.posting)]
    if state.status is PostingStatus.IN_STORAGE and not is_expired(state.storage_until, today):
        # Parcels are never sent back on a local timer alone; an early send-back is the operator's call.
        return [
            Finding(
                FindingCode.NOT_EXPIRED,
                Severity.WARNING,
                state.posting,
                {"until": state.storage_until},
            )
        ]
    return []


def check_extend(state: PostingState) -> list[Finding]:
    if gone := _gone(state):
        return [gone]
    if state.status is PostingStatus.UNKNOWN:
        return [Finding(FindingCode.NOT_IN_MANIFEST, Severity.BLOCK, state.posting)]
    if state.storage_until is None:
        return [Finding(FindingCode.NO_DEADLINE, Severity.BLOCK, state.posting)]
    return []


def blocks(findings: list[Finding]) -> bool:
    return any(finding.severity is Severity.BLOCK for finding in findings)
