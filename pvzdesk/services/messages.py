"""Sentences for the operator about findings, in the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from pvzdesk.domain.barcodes import CodeKind
from pvzdesk.domain.dates import format_user_date, format_user_time
from pvzdesk.domain.models import DeadlineSource, Entry, EntryKind
from pvzdesk.domain.outcomes import ConflictKind, Outcome
from pvzdesk.domain.rules import Finding, FindingCode
from pvzdesk.domain.state import PostingStatus
from pvzdesk.i18n import current_language, tr


def _when(value: object) -> str:
    language = current_language()
    if isinstance(value, datetime):
        # shown in the zone it carries (services give the counter's own); today: just the time
        if value.date() == datetime.now(value.tzinfo).date():
            return value.strftime("%H:%M")
        return format_user_time(value, language)
    if isinstance(value, date):
        return format_user_date(value, language)
    return "?"


def describe(finding: Finding) -> str:
    """One sentence: what happened and, where it helps, what to do."""
    p = finding.posting
    at = _when(finding.params.get("at"))
    until = _when(finding.params.get("until"))
    code = finding.code
    if code is FindingCode.UNKNOWN_CODE:
        return tr(
            "Code {code} is not a parcel barcode we know. Scan the label again or type the posting number.",
            code=finding.params.get("code", ""),
        )
    if code is FindingCode.NOT_A_PARCEL:
        return tr(
            "Code {code} is not a parcel label (it looks like a {kind}). Scan the parcel's label.",
            code=finding.params.get("code", ""),
            kind=code_kind_label(str(finding.params.get("kind", ""))),
        )
    if code is FindingCode.NOT_IN_MANIFEST:
        return tr(
            "{posting}: not in the manifest. Recorded; check it after reconciliation.", posting=p
        )
    if code is FindingCode.NOT_RECEIVED:
        return tr("{posting}: expected but never received at this point.", posting=p)
    if code is FindingCode.ALREADY_RECEIVED:
        return tr("{posting}: already received at {at}. Nothing written.", posting=p, at=at)
    if code is FindingCode.ALREADY_ISSUED:
        return tr("{posting}: already issued at {at}. Nothing written.", posting=p, at=at)
    if code is FindingCode.ALREADY_SENT_BACK:
        return tr("{posting}: already sent back at {at}. Nothing written.", posting=p, at=at)
    if code is FindingCode.NOT_ISSUED:
        return tr("{posting}: was not issued, so it cannot be returned by a customer.", posting=p)
    if code is FindingCode.NOT_AT_POINT:
        return tr("{posting}: is not at the point.", posting=p)
    if code is FindingCode.REFUSED_EARLIER:
        return tr("{posting}: was refused or returned earlier and waits to go back.", posting=p)
    if code is FindingCode.EXPIRED:
        return tr("{posting}: storage ended on {until}.", posting=p, until=until)
    if code is FindingCode.NOT_EXPIRED:
        return tr(
            "{posting}: storage lasts until {until}; it is being sent back early.",
            posting=p,
            until=until,
        )
    if code is FindingCode.BUYER_CANCELLED:
        return tr("{posting}: the buyer cancelled the order — do not hand it out.", posting=p)
    if code is FindingCode.WRONG_CUSTOMER:
        return tr("{posting}: belongs to another customer. Put it aside.", posting=p)
    if code is FindingCode.MISSING_PLACES:
        return tr(
            "{posting}: {scanned} of {places} places scanned. Find the missing places.",
            posting=p,
            scanned=finding.params.get("scanned", 0),
            places=finding.params.get("places", 0),
        )
    if code is FindingCode.NO_DEADLINE:
        return tr("{posting}: has no storage deadline to extend.", posting=p)
    if code is FindingCode.CLAIMED_ELSEWHERE:
        kind = finding.params.get("kind")
        return tr(
            "{posting}: {done} at desk {desk} at {time}, {operator}. Nothing written.",
            posting=p,
            done=kind_label(EntryKind(kind)) if isinstance(kind, str) else "?",
            desk=finding.params.get("desk", "?"),
            time=at,
            operator=finding.params.get("operator", ""),
        )
    if code is FindingCode.CUSTOMER_CODE_UNVERIFIED:
        return tr(
            "The customer's code is recorded as evidence; the platform will check it after the outage."
        )
    return code.value


def code_kind_label(kind: str) -> str:
    """What a scanned code looks like, in words (never the internal kind name)."""
    labels = {
        CodeKind.POSTING.value: tr("posting number"),
        CodeKind.ORDER.value: tr("order number"),
        CodeKind.LABEL_UPPER.value: tr("parcel label barcode"),
        CodeKind.LABEL_LOWER.value: tr("parcel label barcode"),
        CodeKind.RETURN_CODE.value: tr("return code"),
        CodeKind.GS1_DATAMATRIX.value: tr("goods marking code (DataMatrix)"),
        CodeKind.CUSTOMER_CODE.value: tr("customer's pickup code"),
    }
    return labels.get(kind, tr("unknown code"))


def kind_label(kind: EntryKind) -> str:
    """What an entry of this kind did, as a short past participle."""
    labels = {
        EntryKind.RECEIVE: tr("received"),
        EntryKind.PLACE: tr("placed"),
        EntryKind.ISSUE: tr("issued"),
        EntryKind.REFUSE: tr("refused"),
        EntryKind.CLIENT_RETURN: tr("returned by customer"),
        EntryKind.RETURN_TO_SENDER: tr("sent back"),
        EntryKind.EXTEND: tr("extended"),
        EntryKind.DEADLINE_SYNC: tr("deadline from platform"),
        EntryKind.VOID: tr("voided"),
        EntryKind.EVIDENCE: tr("evidence"),
        EntryKind.INCIDENT_START: tr("incident started"),
        EntryKind.INCIDENT_END: tr("incident ended"),
        EntryKind.REENTRY_DONE: tr("re-entered"),
        EntryKind.NOTE: tr("note"),
    }
    return labels[kind]


def kind_noun(kind: EntryKind) -> str:
    """An operation as a short lower-case noun («выдача», «отказ»): counts by kind."""
    nouns = {
        EntryKind.RECEIVE: tr("receiving"),
        EntryKind.ISSUE: tr("hand-over"),
        EntryKind.REFUSE: tr("refusal"),
        EntryKind.CLIENT_RETURN: tr("customer return"),
        EntryKind.RETURN_TO_SENDER: tr("send-back"),
        EntryKind.EXTEND: tr("extension"),
    }
    return nouns.get(kind) or kind_label(kind)


def count_by_kind(by_kind: Mapping[EntryKind, int], limit: int | None = None) -> str:
    """«выдача 3, отказ 2, продление 2»: the largest first; past ``limit`` kinds, «…»."""
    ordered = sorted(by_kind.items(), key=lambda pair: -pair[1])  # stable: kind order on ties
    shown = ordered if limit is None else ordered[:limit]
    text = ", ".join(f"{kind_noun(kind)} {count}" for kind, count in shown if count)
    return text + (", …" if len(shown) < len(ordered) else "")


def entry_label(entry: Entry) -> str:
    """``kind_label`` of this entry, with its true source where the kind alone would mislead."""
    if entry.kind is EntryKind.DEADLINE_SYNC and entry.from_list_file:
        return tr("deadline from the list file")
    return kind_label(entry.kind)


def source_label(value: str) -> str:
    """Who set a deadline or a cell (a payload's ``source``), in words."""
    labels = {
        DeadlineSource.POLICY.value: tr("the point's rule"),
        DeadlineSource.CUSTOMER.value: tr("the customer asked"),
        DeadlineSource.PLATFORM.value: tr("the platform"),
        DeadlineSource.OPERATOR.value: tr("the operator"),
        DeadlineSource.IMPORT.value: tr("the list file"),
    }
    return labels.get(value, value)


def status_label(status: PostingStatus) -> str:
    labels = {
        PostingStatus.UNKNOWN: tr("unknown"),
        PostingStatus.EXPECTED: tr("expected"),
        PostingStatus.IN_STORAGE: tr("in storage"),
        PostingStatus.ISSUED: tr("issued"),
        PostingStatus.REFUSED: tr("refused, to go back"),
        PostingStatus.RETURNED: tr("returned, to go back"),
        PostingStatus.SENT_BACK: tr("sent back"),
    }
    return labels[status]


def describe_conflict(kind: str) -> str:
    """One sentence for the operator: what the platform says, beside what the journal says."""
    if kind == ConflictKind.ALREADY_DELIVERED:
        return tr("The platform already shows this parcel as delivered to the customer.")
    if kind == ConflictKind.CANCELLED_MEANWHILE:
        return tr("The platform cancelled this order meanwhile.")
    if kind == ConflictKind.UNKNOWN_POSTING:
        return tr("The platform does not know this posting.")
    if kind == ConflictKind.ACTION_NOT_AVAILABLE:
        return tr("The platform does not allow this step for the parcel in its current status.")
    if kind == ConflictKind.NEVER_APPLIED:
        return tr(
            "The platform accepted this step several times but never showed it done; "
            "check the parcel in the seller's account."
        )
    return tr("The platform disagrees with the journal: {kind}.", kind=kind)


def describe_outcome(outcome: str) -> str:
    names = {
        Outcome.APPLIED: tr("applied"),
        Outcome.ALREADY_APPLIED: tr("already on the platform"),
        Outcome.REJECTED: tr("rejected by the platform"),
        Outcome.CONFLICT: tr("conflict"),
        Outcome.RETRYABLE: tr("will be retried"),
        Outcome.UNKNOWN: tr("being checked"),
    }
    return (
        names.get(Outcome(outcome), outcome) if outcome in Outcome.__members__.values() else outcome
    )


def describe_failure(failure: str) -> str:
    """What a probe or request failure means, for the operator."""
    names = {
        "dns": tr("the platform's address cannot be resolved (DNS)"),
        "connect": tr("no connection to the platform"),
        "tls": tr("the secure connection failed (TLS)"),
        "timeout": tr("the platform does not answer in time"),
        "reset": tr("the connection was dropped"),
        "server_error": tr("the platform reports an error (5xx)"),
        "rate_limited": tr("too many requests; waiting as the platform asked"),
        "key_problem": tr("the API key was refused"),
        "http_error": tr("the login page answered with an error"),
        "bad_reply": tr("the platform answered in a form it does not document (a proxy page?)"),
        "too_large": tr("the platform's reply was too large"),
        "manual": tr("declared by a person"),
    }
    return names.get(failure, failure)


def conflict_sentence(conflict: Mapping[str, object]) -> str:
    """Two desks did something to one parcel while apart (a conflict the point database found)."""
    first_at = datetime.fromisoformat(str(conflict["holder_at"]))
    second_at = datetime.fromisoformat(str(conflict["wall_time"]))
    return tr(
        "{posting}: {first} at desk {first_desk} at {first_time}, {first_operator}, and {second} "
        "at desk {second_desk} at {second_time}, {second_operator}. Settle it by hand.",
        posting=conflict["posting"],
        first=kind_label(EntryKind(str(conflict["holder_kind"]))),
        first_desk=conflict["holder_desk"],
        first_time=format_user_time(first_at.astimezone(), current_language()),
        first_operator=conflict["holder_operator"],
        second=kind_label(EntryKind(str(conflict["kind"]))),
        second_desk=conflict["desk_name"],
        second_time=format_user_time(second_at.astimezone(), current_language()),
        second_operator=conflict["operator"],
    )
