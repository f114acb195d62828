"""Adapter ``ozon_seller``: journal entries → Seller API actions for an rFBS seller's own point.

    journal kind       platform goal           path (each step only when available_actions has it)
    receive            at the point            awaiting_deliver → delivering («в пункте выдачи»)
    issue              delivered               [awaiting_deliver → delivering] → [driver_pickup
                                               when delivered is not offered directly] → delivered
    return_to_sender   cancelled               cancel, with the reason the platform allows
                                               (665 «покупатель не забрал заказ» when it can)

``refuse``, ``client_return`` and ``extend`` have no Seller API counterpart for a seller's own
point: they stay local (the parcel physically waits and is later sent back; deadlines are the
platform's to set and are re-read after an incident).

Who did it: a status the entry wanted, found on the platform, is ours (``applied``) only when an
earlier attempt of this entry *sent* that action (the intent is journaled before the request goes
out). Otherwise a delivered posting under an ``issue`` is a conflict (someone else issued it),
while a posting already at or beyond the point under a ``receive`` simply needs nothing.

Refusals by meaning (``seller_spec`` 1 names the assumption): status changes apply
asynchronously, so a refusal usually means "not yet". ``TRANSITION_IS_NOT_POSSIBLE``,
``HAS_INCORRECT_STATUS``, ``POSTING_NOT_FOUND`` and any code we do not know are recorded as
``refused`` (still in play): the entry waits ``RECHECK_AFTER_S`` (or ``resend_after_s`` when
shorter) for the platform to settle, is read again, and the view decides. Only the same step refused again after that wait sets the entry
aside (a conflict for the known codes, ``rejected`` with the code for the others).
``POSTING_ALREADY_CANCELLED`` is final at once; ``HAS_INCORRECT_TPL_INTEGRATION_TYPE`` (a posting
carried by an integrated service, whose status is not ours to set) is rejected at once.
After ``MAX_SENDS`` sends that were accepted and never showed applied, the entry is set aside as
``never_applied`` instead of being sent for ever.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.outcomes import (
    NOTE_NO_FITTING_REASON,
    NOTE_NOT_YET,
    SELLER_KINDS,
    STEP_ACCEPTED,
    STEP_CONFIRMED,
    STEP_CONFLICT,
    STEP_LOST,
    STEP_NOTHING,
    STEP_REFUSED,
    STEP_REJECTED,
    STEP_SENT,
    ConflictKind,
    Outcome,
    parse_detail,
    step_detail,
)
from pvzdesk.storage.outbox import OutboxItem
from pvzdesk.sync.adapters.base import Decision, Push, ReasonChoice, Settle, Wait
from pvzdesk.sync.seller_spec import (
    CANCEL_NOT_PICKED_UP,
    CANCEL_OTHER,
    CANCEL_OTHER_MESSAGE,
    ERROR_ALREADY_CANCELLED,
    ERROR_INCORRECT_STATUS,
    ERROR_INTEGRATION_TYPE,
    ERROR_NOT_FOUND,
    ERROR_TRANSITION,
    MAX_SENDS,
    NOT_PICKED_UP_WORDS,
)
from pvzdesk.sync.seller_wire import (
    ACTION_CANCEL,
    ACTION_DELIVERED,
    ACTION_DELIVERING,
    ACTION_LAST_MILE,
    CANCELLED,
    DELIVERED,
    DELIVERING,
    DRIVER_PICKUP,
    CancelReason,
    PlatformPosting,
)

NAME = "ozon_seller"
# A refused step is read again this long after the refusal: long enough for an earlier step to
# apply (several seconds), short enough not to hold the run; how long changes nothing decided.
RECHECK_AFTER_S = 5.0
AT_POINT_OR_BEYOND = frozenset({DELIVERING, DRIVER_PICKUP, DELIVERED})
NO_FITTING_REASON = NOTE_NO_FITTING_REASON
NOT_YET = NOTE_NOT_YET


def conflict(kind: ConflictKind, view: PlatformPosting | None, note: str = "") -> Settle:
    reply = view.summary_json() if view is not None else ""
    return Settle(Outcome.CONFLICT, step_detail(STEP_CONFLICT, kind.value, note), reply)


def reached(item: OutboxItem, final_action: str, view: PlatformPosting) -> Settle:
    """The platform shows what the entry wanted."""
    ours = final_action in item.sent_steps
    outcome = Outcome.APPLIED if ours else Outcome.ALREADY_APPLIED
    step = STEP_CONFIRMED if ours else STEP_NOTHING
    return Settle(outcome, step_detail(step, final_action), view.summary_json())


class OzonSellerAdapter:
    name = NAME
    kinds = SELLER_KINDS

    def decide(
        self, item: OutboxItem, view: PlatformPosting | None, now: datetime, resend_after_s: float
    ) -> Decision:
        if view is None:
            return conflict(ConflictKind.UNKNOWN_POSTING, None)
        kind = item.entry.kind
        if kind is EntryKind.ISSUE:
            decision = self._issue(item, view)
        elif kind is EntryKind.RETURN_TO_SENDER:
            decision = self._send_back(item, view)
        else:
            decision = self._receive(item, view)
        if not isinstance(decision, Push):
            return decision
        if _still_pending(item, decision.action, now, resend_after_s):
            return Wait(f"{decision.action} sent, not visible yet")
        if _refused_lately(item, now, min(resend_after_s, RECHECK_AFTER_S)):
            return Wait("refused lately; the platform may still be applying an earlier step")
        if item.sends >= MAX_SENDS:
            return conflict(ConflictKind.NEVER_APPLIED, view, f"{item.sends} sends")
        return decision

    def _issue(self, item: OutboxItem, view: PlatformPosting) -> Decision:
        if view.status == DELIVERED:
            if ACTION_DELIVERED in item.sent_steps:
                return reached(item, ACTION_DELIVERED, view)
            return conflict(ConflictKind.ALREADY_DELIVERED, view)
        if view.status == CANCELLED:
            return conflict(ConflictKind.CANCELLED_MEANWHILE, view)
        for action in (ACTION_DELIVERED, ACTION_LAST_MILE, ACTION_DELIVERING):
            if action in view.available_actions:
                return Push(action)
        return conflict(ConflictKind.ACTION_NOT_AVAILABLE, view)

    def _send_back(self, item: OutboxItem, view: PlatformPosting) -> Decision:
        if view.status == CANCELLED:
            return reached(item, ACTION_CANCEL, view)
        if view.status == DELIVERED:
            return conflict(ConflictKind.ALREADY_DELIVERED, view)
        if ACTION_CANCEL in view.available_actions:
            return Push(ACTION_CANCEL)
        return conflict(ConflictKind.ACTION_NOT_AVAILABLE, view)

    def _receive(self, item: OutboxItem, view: PlatformPosting) -> Decision:
        if view.status in AT_POINT_OR_BEYOND:
            return reached(item, ACTION_DELIVERING, view)
        if view.status == CANCELLED:
            return conflict(ConflictKind.CANCELLED_MEANWHILE, view)
        if ACTION_DELIVERING in view.available_actions:
            return Push(ACTION_DELIVERING)
        return conflict(ConflictKind.ACTION_NOT_AVAILABLE, view)

    def cancel_reason(
        self, view: PlatformPosting | None, allowed: Sequence[CancelReason]
    ) -> ReasonChoice | Settle:
        """A parcel the customer did not collect (``seller_spec`` 12): 665 when the platform
        allows it; else an allowed reason that says «не забрал»; else 402 «другое» with the
        words; else none fits and a person decides (a conflict beside the platform's view)."""
        reasons = [reason for reason in allowed if reason.available]
        ids = {reason.reason_id for reason in reasons}
        if CANCEL_NOT_PICKED_UP in ids:
            return ReasonChoice(CANCEL_NOT_PICKED_UP)
        for reason in reasons:
            if NOT_PICKED_UP_WORDS in reason.title.lower():
                return ReasonChoice(reason.reason_id)
        if CANCEL_OTHER in ids:
            return ReasonChoice(CANCEL_OTHER, CANCEL_OTHER_MESSAGE)
        return conflict(ConflictKind.ACTION_NOT_AVAILABLE, view, NO_FITTING_REASON)

    def follow_up(
        self, item: OutboxItem, action: str, later: Sequence[OutboxItem]
    ) -> tuple[OutboxItem, str] | None:
        if action != ACTION_DELIVERING:
            return None
        if item.entry.kind is EntryKind.ISSUE:
            return item, ACTION_DELIVERED  # delivering always offers delivered next
        following = later[0] if later else None
        if (
            following is not None
            and following.entry.kind is EntryKind.ISSUE  # a receive, then the issue
            and (following.latest is None or following.latest.outcome != Outcome.UNKNOWN)
        ):
            return following, ACTION_DELIVERED
        return None

    def on_refusal(
        self, item: OutboxItem, action: str, error: str, reply: str, *, chained: bool = False
    ) -> Settle | None:
        """A per-posting refusal, read with ``item.latest`` and ``item.sent_steps`` as they were
        before this push (module docstring: refusals by meaning)."""
        kind = item.entry.kind
        if error == ERROR_ALREADY_CANCELLED:
            if kind is EntryKind.RETURN_TO_SENDER:
                sent_before = action in item.sent_steps
                outcome = Outcome.APPLIED if sent_before else Outcome.ALREADY_APPLIED
                return Settle(outcome, step_detail(STEP_NOTHING, action, error), reply)
            return conflict_reply(ConflictKind.CANCELLED_MEANWHILE, reply)
        if error == ERROR_INTEGRATION_TYPE:
            return Settle(Outcome.REJECTED, step_detail(STEP_REJECTED, action, error), reply)
        if chained:
            # Sent right after our own earlier step, without a read: the refusal says only that
            # the platform has not applied that step yet. Nothing is concluded; the next read
            # decides (no "refused lately" wait: the read after it shows how things stand).
            return Settle(Outcome.UNKNOWN, step_detail(STEP_NOTHING, action, NOT_YET), reply)
        if _refused_before(item, action):
            # The same step, refused again after the platform had time to settle.
            if error == ERROR_NOT_FOUND:
                return conflict_reply(ConflictKind.UNKNOWN_POSTING, reply)
            if error in (ERROR_TRANSITION, ERROR_INCORRECT_STATUS):
                return conflict_reply(ConflictKind.ACTION_NOT_AVAILABLE, reply)
            return Settle(
                Outcome.REJECTED, step_detail(STEP_REJECTED, action, error or "refused"), reply
            )
        return Settle(Outcome.UNKNOWN, step_detail(STEP_REFUSED, action, error or "refused"), reply)


def conflict_reply(kind: ConflictKind, reply: str) -> Settle:
    return Settle(Outcome.CONFLICT, step_detail(STEP_CONFLICT, kind.value), reply)


def _refused_before(item: OutboxItem, action: str) -> bool:
    latest = item.latest
    return latest is not None and parse_detail(latest.detail) == (STEP_REFUSED, action)


def _refused_lately(item: OutboxItem, now: datetime, wait_s: float) -> bool:
    """A step of this entry was refused less than ``wait_s`` ago: an earlier step may still be
    applying, so the view is not settled yet."""
    latest = item.latest
    if latest is None or parse_detail(latest.detail)[0] != STEP_REFUSED:
        return False
    return (now - latest.attempted_at).total_seconds() < wait_s


def _still_pending(item: OutboxItem, action: str, now: datetime, resend_after_s: float) -> bool:
    """Our last word on this entry was sending ``action`` (no reply, or accepted) recently: the
    platform applies asynchronously, so give it time before sending again."""
    latest = item.latest
    if latest is None or latest.outcome != Outcome.UNKNOWN:
        return False
    step, subject = parse_detail(latest.detail)
    if step not in (STEP_SENT, STEP_ACCEPTED, STEP_LOST) or subject != action:
        return False  # e.g. refused as "not yet": nothing is in flight
    return (now - latest.attempted_at).total_seconds() < resend_after_s
