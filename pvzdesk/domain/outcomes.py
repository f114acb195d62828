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

from pvzdesk.domain.models import EntryKind


class Outcome(StrEnum):
    APPLIED = "applied"
    ALREADY_APPLIED = "already_applied"
    REJECTED = "rejected"
    CONFLICT = "conflict"
    RETRYABLE = "retryable"
    UNKNOWN = "unknown"


FINAL = frozenset({Outcome.APPLIED, Outcome.ALREADY_APPLIED})
SET_ASIDE = frozenset({Outcome.REJECTED, Outcome.CONFLICT})
IN_PLAY = frozenset({Outcome.RETRYABLE, Outcome.UNKNOWN})

# What each adapter must still bring to the platform. ``ozon_seller`` replays these kinds
# through the Seller API; the ``reentry`` worklist holds every platform operation of an outage.
SELLER_ADAPTER = "ozon_seller"
REENTRY_ADAPTER = "reentry"
SELLER_KINDS = frozenset({EntryKind.RECEIVE, EntryKind.ISSUE, EntryKind.RETURN_TO_SENDER})


def kinds_to_reconcile(adapter: str) -> frozenset[EntryKind]:
    """The journal kinds ``adapter`` must bring to the platform (empty for an unknown one)."""
    from pvzdesk.domain.models import PLATFORM_KINDS

    return {SELLER_ADAPTER: SELLER_KINDS, REENTRY_ADAPTER: PLATFORM_KINDS}.get(adapter, frozenset())


class ConflictKind(StrEnum):
    ALREADY_DELIVERED = "already_delivered"  # someone else issued it (or the platform says so)
    CANCELLED_MEANWHILE = "cancelled_meanwhile"
    UNKNOWN_POSTING = "unknown_posting"
    ACTION_NOT_AVAILABLE = "action_not_available"
    NEVER_APPLIED = "never_applied"  # accepted again and again, never shown applied


# Step tags written before the colon in ``Attempt.detail``.
STEP_SENT = "sent"  # written BEFORE the request goes out: a crash after it means "maybe applied"
STEP_ACCEPTED = "accepted"  # the platform accepted the change; it applies asynchronously
STEP_CONFIRMED = "confirmed"  # a read shows the change applied
STEP_LOST = "lost"  # sent, but the reply never came (timeout, reset): read before anything else
STEP_FAILED = "failed"  # the request failed; nothing is known to be applied
STEP_CONFLICT = "conflict"
STEP_REJECTED = "rejected"
STEP_NOTHING = "nothing"  # the platform already shows what the entry claims
STEP_REFUSED = "refused"  # the platform refused a step once: read again later, then decide
# Notes after a step (``step_detail``'s third part) that the words of Сверка know
NOTE_NOT_YET = "not_yet"  # a chained step refused before our own earlier step applied
NOTE_NO_FITTING_REASON = "no_fitting_cancel_reason"  # no allowed cancel reason fits a send-back
NOTE_REASONS_UNREAD = "reasons"  # the allowed cancel reasons could not be read (read again later)


def step_detail(step: str, subject: str, note: str = "") -> str:
    detail = f"{step}:{subject}"
    return f"{detail} {note}" if note else detail


def parse_detail(detail: str) -> tuple[str, str]:
    """(step, subject) of a detail written by ``step_detail``; ("", "") for anything else."""
    head = detail.split(" ", 1)[0]
    step, colon, subject = head.partition(":")
    return (step, subject) if colon else ("", "")
