"""The counter's ``ClaimCheck`` with a point database (``services.counter``): asked inside the write
transaction before an issue, refusal, return or send-back. A lost claim is a blocking finding naming
who did it and when; an isolated desk gets no finding and writes the entry unclaimed (it is claimed
on reconnect). ``state`` is the counter's picture of a posting: every desk's entries, not only its own.
"""

from __future__ import annotations

from pvzdesk.domain.models import EntryDraft
from pvzdesk.domain.rules import Finding, FindingCode, Severity
from pvzdesk.domain.state import PostingState
from pvzdesk.point.desk import PointDesk
from pvzdesk.settings import LiveSettings
from pvzdesk.storage import Store


class ClaimGate:
    """One per connection (``Services``): it reads that connection's journal."""

    def __init__(self, desk: PointDesk, store: Store, live: LiveSettings) -> None:
        self.desk = desk
        self.store = store
        self.live = live

    def state(self, posting: str) -> PostingState:
        return self.desk.state(self.store, posting)

    def claim(self, draft: EntryDraft, state: PostingState) -> Finding | None:
        """None: go on and write. A finding: another desk holds the parcel; write nothing."""
        if not draft.posting:
            return None
        outcome = self.desk.claim(self.store, draft.kind, draft.posting, self.live.operator)
        if outcome is None or outcome.granted or outcome.holder is None:
            return None  # granted, or isolated (claimed on reconnect)
        holder = outcome.holder
        return Finding(
            FindingCode.CLAIMED_ELSEWHERE,
            Severity.BLOCK,
            draft.posting,
            {
                "desk": holder.desk_name,
                "operator": holder.operator,
                "at": holder.at,
                "kind": holder.kind.value,
            },
        )
