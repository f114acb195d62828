"""What every adapter is, and the decisions an API adapter hands to the reconciler engine.

An API adapter is pure: given one outbox item and the platform's view of its posting it decides
``Settle`` (record a final outcome or a conflict), ``Push`` (send one platform action) or ``Wait``
(a change we sent is not visible yet). The engine does the I/O, batching and bookkeeping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.outcomes import Outcome
from pvzdesk.storage.outbox import OutboxItem
from pvzdesk.sync.seller_wire import CancelReason, PlatformPosting


class Adapter(Protocol):
    name: str
    kinds: frozenset[EntryKind]  # the journal kinds this adapter brings to the platform


@dataclass(frozen=True)
class Settle:
    outcome: Outcome
    detail: str
    reply: str = ""  # the platform's view, kept beside the journal's


@dataclass(frozen=True)
class Push:
    action: str  # the platform's action name, e.g. "non_int_delivered"


@dataclass(frozen=True)
class ReasonChoice:
    """The ``cancel_reason_id`` (and message, for 402) a send-back's cancel is sent with."""

    reason_id: int
    message: str = ""


@dataclass(frozen=True)
class Wait:
    reason: str


Decision = Settle | Push | Wait


class ApiAdapter(Adapter, Protocol):
    def decide(
        self, item: OutboxItem, view: PlatformPosting | None, now: datetime, resend_after_s: float
    ) -> Decision: ...

    def on_refusal(
        self, item: OutboxItem, action: str, error: str, reply: str, *, chained: bool
    ) -> Settle | None:
        """The outcome of a per-posting refusal of ``action``; None: read again later.
        ``chained``: the action followed our own earlier step without a read in between."""
        ...

    def cancel_reason(
        self, view: PlatformPosting | None, allowed: Sequence[CancelReason]
    ) -> ReasonChoice | Settle:
        """The reason to cancel a send-back with, among those the platform allows for the
        posting now, or what to record when none fits (a person decides)."""
        ...

    def follow_up(
        self, item: OutboxItem, action: str, later: Sequence[OutboxItem]
    ) -> tuple[OutboxItem, str] | None:
        """What to send right after ``action`` was accepted for ``item``: a next step of the
        same entry, or the first step of the posting's next entry (``later``, in order)."""
        ...
