"""What a service call changed: entries written, findings, postings whose state moved."""

from __future__ import annotations

from dataclasses import dataclass

from pvzdesk.domain.models import Entry
from pvzdesk.domain.rules import Finding, Severity


@dataclass(frozen=True)
class OpResult:
    entries: tuple[Entry, ...] = ()
    findings: tuple[Finding, ...] = ()

    @property
    def changed_postings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(entry.posting for entry in self.entries if entry.posting))

    @property
    def blocked(self) -> bool:
        """True when something asked for was refused (nothing written for it)."""
        return any(finding.severity is Severity.BLOCK for finding in self.findings)

    @property
    def warned(self) -> bool:
        return any(finding.severity is Severity.WARNING for finding in self.findings)

    def __add__(self, other: OpResult) -> OpResult:
        return OpResult(self.entries + other.entries, self.findings + other.findings)
