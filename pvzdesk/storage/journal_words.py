"""What the anchor check and a restore mean, in the operator's words (the CLI and the window)."""

from __future__ import annotations

from pvzdesk.i18n import tr
from pvzdesk.storage.anchor import AnchorCheck, AnchorVerdict
from pvzdesk.storage.restore import Lacking, RestoreReport


def anchor_sentence(check: AnchorCheck) -> str:
    if check.verdict is AnchorVerdict.OK:
        return tr(
            "The journal reaches its anchor (entry #{seq}, signed by this computer).",
            seq=check.anchored_seq,
        )
    if check.verdict is AnchorVerdict.NONE:
        return tr("No anchor was recorded yet for this journal.")
    if check.verdict is AnchorVerdict.FORGED:
        return tr(
            "The anchor file beside the journal is not signed by this computer: it was edited "
            "or copied from elsewhere."
        )
    if check.verdict is AnchorVerdict.MISSING_TAIL:
        return tr(
            "Entries are MISSING at the end: the journal ends at #{seq}, but #{anchored} was "
            "saved. {missing} newest entries were deleted, or the journal's WAL file was lost "
            "after a crash.",
            seq=check.journal_seq,
            anchored=check.anchored_seq,
            missing=check.anchored_seq - check.journal_seq,
        )
    return tr(
        "The journal was RE-CHAINED: entry #{seq} is not the entry that was saved and anchored; "
        "the file was rewritten and its hashes recomputed.",
        seq=check.anchored_seq,
    )


def _lacking_line(lacking: Lacking) -> str:
    kinds = ", ".join(f"{kind} ×{count}" for kind, count in sorted(lacking.kinds.items()))
    span = (
        tr("from {first} to {last}", first=lacking.first_time, last=lacking.last_time)
        if lacking.first_time
        else ""
    )
    return " ".join(
        part
        for part in (
            tr(
                "{count} entries #{first}–#{last}",
                count=lacking.count,
                first=lacking.first_seq,
                last=lacking.last_seq,
            ),
            span,
            f"({kinds})" if kinds else "",
        )
        if part
    )


def restore_sentences(report: RestoreReport) -> list[str]:
    lines = [
        tr(
            "The journal was restored from {backup}: {count} entries.",
            backup=report.backup.name,
            count=report.restored_seq,
        )
    ]
    if report.moved_aside is not None:
        lines.append(tr("The previous journal file is kept as {path}.", path=report.moved_aside))
    if report.lacking_from_old is None and report.lacking_from_anchor is None:
        lines.append(tr("The backup lacks nothing that is known to have been saved."))
    if report.lacking_from_old is not None:
        lines.append(
            tr(
                "The backup LACKS what the previous file still holds: {what}. Re-enter those "
                "operations, or call support with the kept file.",
                what=_lacking_line(report.lacking_from_old),
            )
        )
    if report.lacking_from_anchor is not None:
        lines.append(
            tr(
                "The backup LACKS {what} that were saved but are in no file here any more. "
                "Re-enter those operations from paper or the platform.",
                what=_lacking_line(report.lacking_from_anchor),
            )
        )
    return lines
