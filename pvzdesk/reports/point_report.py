"""The whole point's operations, every desk's, labelled by desk; and the desks' conflicts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, tzinfo

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.i18n import tr
from pvzdesk.reports.day_report import entry_kind_label, kind_label, scanned_code
from pvzdesk.reports.model import Cell, Column, Section


def operations_by_desk(desk_entries: Iterable[tuple[str, Entry]], zone: tzinfo) -> Section:
    columns = (
        Column("time", tr("Time"), 20),
        Column("desk", tr("Desk"), 10),
        Column("operator", tr("Operator"), 18),
        Column("kind", tr("Operation"), 18),
        Column("posting", tr("Posting"), 22),
        Column("code", tr("Scanned code"), 24),
        Column("entry_id", tr("Entry"), 38, printed=False),
    )
    rows: list[tuple[Cell, ...]] = [
        (
            entry.wall_time.astimezone(zone),
            desk,
            entry.operator,
            entry_kind_label(entry),
            entry.posting,
            scanned_code(entry),
            entry.entry_id,
        )
        for desk, entry in sorted(desk_entries, key=lambda item: item[1].wall_time)
    ]
    return Section("point_operations", tr("Operations of the whole point"), columns, tuple(rows))


def conflicts_section(conflicts: Iterable[Mapping[str, object]], zone: tzinfo) -> Section:
    columns = (
        Column("posting", tr("Posting"), 22),
        Column("first", tr("First"), 40),
        Column("second", tr("Second"), 40),
    )

    def side(kind: object, desk: object, at: object, operator: object) -> str:
        moment = datetime.fromisoformat(str(at)).astimezone(zone).strftime("%d.%m %H:%M")
        return f"{kind_label(EntryKind(str(kind)))}: {desk}, {moment}, {operator}"

    rows: list[tuple[Cell, ...]] = [
        (
            str(c["posting"]),
            side(c["holder_kind"], c["holder_desk"], c["holder_at"], c["holder_operator"]),
            side(c["kind"], c["desk_name"], c["wall_time"], c["operator"]),
        )
        for c in conflicts
    ]
    return Section("desk_conflicts", tr("Desks that did one parcel twice"), columns, tuple(rows))
