"""The named outcomes of reconciliation (DESIGN §3.6) and the named kinds of conflict.

Every attempt at bringing one journal entry to the platform ends in exactly one ``Outcome``.
Only ``applied`` and ``already_applied`` mark the entry done; ``rejected`` and ``conflict`` set
it aside for a person (they never block the rest); ``retryable`` and ``unknown`` keep it in the
outbox, and an ``unknown`` one is resolved by reading the posting, never by re-sending blindly.

The attempt's ``detail`` carries a short machine-readable step tag (``STEP_*``) followed by a
colon and the platform action or conflict kind, so a restart can tell what was already sent.
"""

from __future__ import annotations

from enum import StrEnum

from pvzdesk.i18n import tr


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY_APPLIED = "already_applied"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    RETRYABLE = "retryable"
    UNKNOWN = "unknown"


FINAL = frozenset({Outcome.APPLIED, Outcome.ALREADY_APPLIED})
SET_ASIDE = frozenset({Outcome.REJECTED, Outcome.CONFLICT})


class ConflictKind(StrEnum):
    ALREADY_DELIVERED = "already_delivered"  # someone else issued it (or the platform says so)
    CANCELLED_MEANWHILE = "cancelled_meanwhile"
    UNKNOWN_POSTING = "unknown_posting"
    ACTION_NOT_AVAILABLE = "action_not_available"


# Step tags written before the colon in ``Attempt.detail``.
STEP_SENT = "sent"  # written BEFORE the request goes out: a crash after it means "maybe applied"
STEP_ACCEPTED = "accepted"  # the platform accepted the change; it applies asynchronously
STEP_CONFIRMED = "confirmed"  # a read shows the change applied
STEP_LOST = "lost"  # sent, but the reply never came (timeout, reset): read before anything else
STEP_FAILED = "failed"  # the request failed; nothing is known to be applied
STEP_CONFLICT = "conflict"
STEP_REJECTED = "rejected"
STEP_NOTHING = "nothing"  # the platform already shows what the entry claims


def step_detail(step: str, subject: str, note: str = "") -> str:
    detail = f"{step}:{subject}"
    return f"{detail} {note}" if note else detail


def parse_detail(detail: str) -> tuple[str, str]:
    """(step, subject) of a detail written by ``step_detail``; ("", "") for anything else."""
    head = detail.split(" ", 1)[0]
    step, colon, subject = head.partition(":")
    return (step, subject) if colon else ("", "")


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
    }
    return names.get(failure, failure)
