"""One hand-over at the counter, before it is written: the customer's code, the parcels listed and
scanned, places counted, refusals marked. Pure Python (no Qt, no storage): the Выдача screen
feeds it resolved scans and renders it; ``CounterService.issue`` writes it on Confirm.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pvzdesk.domain.rules import Finding, FindingCode, Severity, blocks, check_issue
from pvzdesk.domain.scan import ScanRead
from pvzdesk.domain.state import PostingState


class LineStatus(StrEnum):
    LISTED = "listed"  # the customer's parcel, not scanned yet
    PARTIAL = "partial"  # some of its places scanned
    READY = "ready"  # every place scanned: will be handed over
    REFUSED = "refused"  # the customer refuses it at the counter (partial refusal)
    ISSUED = "issued"  # written
    REFUSAL_WRITTEN = "refusal_written"


@dataclass
class Line:
    state: PostingState
    # Distinct codes scanned, by kind: one label's upper and lower barcode are one place, so
    # places are counted per kind of code (the camera often reads both barcodes of a label).
    codes: dict[str, set[str]] = field(default_factory=dict)
    first_scan: ScanRead | None = None  # the raw scan kept in the journal entry
    refused: bool = False
    written: bool = False
    warnings: list[Finding] = field(default_factory=list)  # expired, not in manifest...

    @property
    def posting(self) -> str:
        return self.state.posting

    @property
    def places(self) -> int:
        return max(1, self.state.places)

    @property
    def places_scanned(self) -> int:
        return max((len(texts) for texts in self.codes.values()), default=0)

    @property
    def status(self) -> LineStatus:
        if self.written:
            return LineStatus.REFUSAL_WRITTEN if self.refused else LineStatus.ISSUED
        if self.refused:
            return LineStatus.REFUSED
        if not self.codes:
            return LineStatus.LISTED
        return LineStatus.READY if self.places_scanned >= self.places else LineStatus.PARTIAL

    def missing_places(self) -> Finding | None:
        if self.status is not LineStatus.PARTIAL:
            return None
        params = {"scanned": self.places_scanned, "places": self.places}
        return Finding(FindingCode.MISSING_PLACES, Severity.WARNING, self.posting, params)


@dataclass(frozen=True)
class ScanOutcome:
    line: Line | None  # None when the parcel was refused (blocked)
    findings: tuple[Finding, ...]
    first_of_customer: bool = False  # the customer is now known: list their other parcels
    repeat: bool = False  # this exact code was scanned already


class HandOver:
    def __init__(self) -> None:
        self.handover_id = str(uuid.uuid4())
        self.customer_code: ScanRead | None = None
        self.customer_key = ""
        self.lines: dict[str, Line] = {}
        self.finished = False

    @property
    def started(self) -> bool:
        return self.customer_code is not None or any(line.codes for line in self.lines.values())

    def list_parcels(self, states: list[PostingState]) -> None:
        """Show the customer's other parcels still at the point (unscanned)."""
        for state in states:
            if state.at_point and state.posting not in self.lines:
                self.lines[state.posting] = Line(state)

    def scan(
        self, scan: ScanRead, state: PostingState, code: str, kind: str, today: date
    ) -> ScanOutcome:
        findings = check_issue(state, today, customer_key=self.customer_key)
        if blocks(findings):
            return ScanOutcome(None, tuple(findings))
        first = not self.customer_key and bool(state.customer_key)
        if first:
            self.customer_key = state.customer_key
        line = self.lines.setdefault(state.posting, Line(state))
        line.state = state
        line.warnings = findings
        line.refused = False  # scanning a parcel again means it goes to the customer after all
        seen = line.codes.setdefault(kind, set())
        if code in seen:
            return ScanOutcome(line, tuple(findings), first, repeat=True)
        seen.add(code)
        if line.first_scan is None:
            line.first_scan = scan
        missing = line.missing_places()
        return ScanOutcome(line, (*findings, *([missing] if missing else [])), first)

    def toggle_refusal(self, posting: str) -> Line | None:
        line = self.lines.get(posting)
        if line is None or line.written:
            return None
        line.refused = not line.refused
        return line

    def to_issue(self) -> list[Line]:
        return [line for line in self.lines.values() if line.codes and not line.refused]

    def to_refuse(self) -> list[Line]:
        return [line for line in self.lines.values() if line.refused]

    def missing_places(self) -> list[Finding]:
        return [f for line in self.to_issue() if (f := line.missing_places()) is not None]

    def mark_written(self, postings: set[str]) -> None:
        for line in self.lines.values():
            if line.posting in postings:
                line.written = True
        self.finished = True
