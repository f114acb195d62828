"""The ticket bundle for the platform's support: one ZIP per incident, ready to attach.

summary.txt            what, when, how long, what was done offline, IDs (in the UI language)
operations.csv/.xlsx   every operation during the incident; customer data masked by default
photos/<sha256>.jpg    hand-over photos still kept
chain/chain.jsonl      the hash chain over the incident's entries, checkable by anyone
chain/verify_chain.py, chain/README.txt
chain/anchor.txt       the chain head signed by the device's key (checked by journal verify)

With a point database (several desks), the whole point, labelled by desk, from the verified copy
of the other desks' entries this desk pulled:
point/operations.csv/.xlsx     every desk's operations during the incident, with a Desk column
point/desk-<name>/chain.jsonl  each other desk's piece of its chain (the same verify_chain.py)
Without one, summary.txt says the bundle covers this desk only.
"""

from __future__ import annotations

import tempfile
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.i18n import current_language, tr
from pvzdesk.reports.cells import format_cell
from pvzdesk.reports.chain_file import README, VERIFY_SCRIPT, chain_jsonl
from pvzdesk.reports.csv_export import write_csv
from pvzdesk.reports.day_report import (
    INCIDENT_MARKERS,
    ReportContext,
    entry_kind_label,
    kind_label,
    operation_columns,
    operation_row,
)
from pvzdesk.reports.model import (
    ChainState,
    Column,
    IncidentSpan,
    JournalExtract,
    Section,
)
from pvzdesk.reports.point_report import operations_by_desk
from pvzdesk.reports.progress import Steps, atomic_output
from pvzdesk.reports.xlsx import write_xlsx

# Fixed time inside the ZIP: the same bundle content gives the same archive.
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def mask_name(name: str) -> str:
    """«Иванов Пётр» → «И***** П***»: enough for support to match, not enough to identify."""
    return " ".join(word[:1] + "*" * (len(word) - 1) for word in name.split())


def mask_phone(phone: str) -> str:
    """Every digit but the last two hidden: «+7 916 123-45-67» → «+* *** ***-**-67»."""
    digits = sum(ch.isdigit() for ch in phone)
    seen, masked = 0, []
    for ch in phone:
        if ch.isdigit():
            seen += 1
            masked.append(ch if seen > digits - 2 else "*")
        else:
            masked.append(ch)
    return "".join(masked)


@dataclass(frozen=True)
class Photo:
    sha256: str
    path: Path | None  # None: the file was already removed by retention
    of_entry_id: str


@dataclass(frozen=True)
class OtherDesk:
    """Another desk of the point: its entries in the incident's period and its chain head, as
    this desk pulled and verified them from the point database."""

    name: str
    device_id: str
    entries: Sequence[Entry]  # a contiguous piece of its chain, in its own order
    head_seq: int  # the desk's own entry number (device_seq) of its chain head
    head_hash: str


@dataclass(frozen=True)
class PointPart:
    this_desk: str
    others: Sequence[OtherDesk]
    pulled_as_of: datetime | None  # the last successful round with the point database


@dataclass(frozen=True)
class BundleContent:
    incident: IncidentSpan
    extract: JournalExtract  # the incident's period, as of now
    chain_entries: Sequence[Entry]  # from the incident's start entry to its end (or the head)
    chain: ChainState  # the whole journal up to the bundle's last entry
    customers: Mapping[str, tuple[str, str]]  # posting → (name, phone)
    photos: Sequence[Photo]
    device_id: str
    point_name: str = ""
    show_personal_data: bool = False
    point: PointPart | None = None  # None: no point database, the bundle covers this desk only


def operations_section(content: BundleContent) -> Section:
    ctx = ReportContext(content.extract)
    columns = (
        *operation_columns(),
        Column("customer_name", tr("Customer"), 22),
        Column("customer_phone", tr("Phone"), 18),
    )
    rows = []
    for entry in content.extract.entries:
        if entry.kind in INCIDENT_MARKERS or not content.incident.covers(entry.wall_time):
            continue
        name, phone = content.customers.get(entry.posting, ("", ""))
        if not content.show_personal_data:
            name, phone = mask_name(name), mask_phone(phone)
        rows.append((*operation_row(ctx, entry), name, phone))
    return Section("operations", tr("Operations during the incident"), columns, tuple(rows))


def _point_entries(content: BundleContent) -> list[tuple[str, Entry]]:
    """Every desk's operations during the incident, each with its desk's name."""
    point = content.point
    if point is None:
        return []
    found = [
        (point.this_desk, entry)
        for entry in content.extract.entries
        if entry.kind not in INCIDENT_MARKERS and content.incident.covers(entry.wall_time)
    ]
    for desk in point.others:
        found.extend(
            (desk.name, entry)
            for entry in desk.entries
            if entry.kind not in INCIDENT_MARKERS and content.incident.covers(entry.wall_time)
        )
    return found


def desk_folder(name: str) -> str:
    """A folder name for a desk («касса 2» → ``desk-касса_2``): no separators, no dots first."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name).strip("_")
    return f"desk-{cleaned or 'unnamed'}"


def _point_lines(content: BundleContent) -> list[str]:
    point = content.point
    if point is None:
        return [
            tr(
                "This bundle covers this desk only: no point database is configured, so the "
                "other desks of the point (if any) are not in it."
            ),
            "",
        ]
    language = current_language()
    zone = content.extract.period.zone
    as_of = (
        format_cell(point.pulled_as_of.astimezone(zone), language) if point.pulled_as_of else "—"
    )
    lines = [
        tr(
            "The whole point: this desk ({desk}) and {count} other desk(s), from the copy of "
            "their entries this desk pulled from the point database and verified (last "
            "pulled {at}). Every desk's operations: point/operations.csv, point/operations.xlsx.",
            desk=point.this_desk,
            count=len(point.others),
            at=as_of,
        )
    ]
    for desk in point.others:
        lines.append(
            "  "
            + tr(
                "Desk {desk} (device {device}): {count} entries in "
                "point/{folder}/chain.jsonl; its chain head No. {seq}, SHA-256 {hash}.",
                desk=desk.name,
                device=desk.device_id,
                count=len(desk.entries),
                folder=desk_folder(desk.name),
                seq=desk.head_seq,
                hash=desk.head_hash,
            )
        )
    lines.append("")
    return lines


def _duration_text(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return tr("{hours} h {minutes} min", hours=hours, minutes=rest // 60)


def summary_text(content: BundleContent, operations: Section) -> str:
    language = current_language()
    incident, extract = content.incident, content.extract
    zone = extract.period.zone
    ended = (
        format_cell(incident.ended_at.astimezone(zone), language)
        if incident.ended_at
        else tr("still open")
    )
    done = [
        e
        for e in extract.entries
        if e.kind not in INCIDENT_MARKERS and incident.covers(e.wall_time)
    ]
    by_kind = Counter(entry.kind for entry in done)
    kinds = ", ".join(f"{kind_label(kind)}: {by_kind[kind]}" for kind in EntryKind if by_kind[kind])
    voided = sum(entry.entry_id in extract.voided_ids for entry in done)
    chain = content.chain
    lines = [
        tr("Platform outage at a pickup point: ticket bundle"),
        "",
        tr("Pickup point: {name}", name=content.point_name or "—"),
        tr("Device: {device}", device=content.device_id),
        tr("Incident: {incident_id}", incident_id=incident.incident_id),
        tr("Reason: {reason}", reason=incident.reason)
        + (f" ({incident.detail})" if incident.detail else ""),
        tr("Started: {at}", at=format_cell(incident.started_at.astimezone(zone), language)),
        tr("Ended: {at}", at=ended),
        tr(
            "Duration: {duration}",
            duration=_duration_text(int(incident.duration(extract.as_of).total_seconds())),
        ),
        "",
        tr("Done at the counter while the platform was down: {count} operations.", count=len(done)),
        f"  {kinds}" if kinds else "",
        tr("Of them voided later: {count}.", count=voided),
        tr(
            "Hand-over photos: {kept} in photos/, {removed} already removed by retention.",
            kept=sum(p.path is not None for p in content.photos),
            removed=sum(p.path is None for p in content.photos),
        ),
        tr("Customer data is shown in full.")
        if content.show_personal_data
        else tr("Customer data is masked."),
        "",
        tr(
            "Journal: entries No. {first}–{last} in chain/chain.jsonl; chain head No. {seq}, "
            "SHA-256 {hash}; verification {verdict}.",
            first=content.chain_entries[0].seq if content.chain_entries else "—",
            last=content.chain_entries[-1].seq if content.chain_entries else "—",
            seq=chain.head_seq,
            hash=chain.head_hash,
            verdict=tr("passed") if chain.verified else tr("FAILED"),
        ),
        "",
        *_point_lines(content),
        tr("Operations (time, operation, posting, entry ID):"),
    ]
    index = {key: operations.column(key) for key in ("time", "operation", "posting", "entry_id")}
    for row in operations.rows:
        when = format_cell(row[index["time"]], language)
        lines.append(
            f"  {when}  {row[index['operation']]}  {row[index['posting']]}  {row[index['entry_id']]}"
        )
    others = [
        (desk, entry)
        for desk, entry in _point_entries(content)
        if content.point is not None and desk != content.point.this_desk
    ]
    if others:
        lines += [
            "",
            tr("Operations at the other desks (time, desk, operation, posting, entry ID):"),
        ]
        for desk, entry in sorted(others, key=lambda item: item[1].wall_time):
            when = format_cell(entry.wall_time.astimezone(zone), language)
            lines.append(
                f"  {when}  {desk}  {entry_kind_label(entry)}  {entry.posting}  {entry.entry_id}"
            )
    return "\n".join(lines) + "\n"


def write_bundle(content: BundleContent, target: Path, steps: Steps | None = None) -> Path:
    operations = operations_section(content)
    with tempfile.TemporaryDirectory(prefix="pvzdesk-bundle-") as folder:
        work = Path(folder)
        csv_path = write_csv(operations, work / "operations.csv")
        xlsx_path = write_xlsx([operations], work / "operations.xlsx", title=operations.title)
        if steps is not None:
            steps.step()
        files: list[tuple[str, bytes]] = [
            ("summary.txt", summary_text(content, operations).encode("utf-8")),
            ("operations.csv", csv_path.read_bytes()),
            ("operations.xlsx", xlsx_path.read_bytes()),
            ("chain/chain.jsonl", chain_jsonl(content.chain_entries).encode("utf-8")),
            ("chain/verify_chain.py", VERIFY_SCRIPT.encode("utf-8")),
            ("chain/README.txt", README.encode("utf-8")),
            ("chain/anchor.txt", (content.chain.anchor + "\n").encode("ascii")),
        ]
        if content.point is not None:
            files.extend(_point_files(content, work))
        for photo in sorted(content.photos, key=lambda p: p.sha256):
            if photo.path is not None and photo.path.is_file():
                files.append((f"photos/{photo.sha256}.jpg", photo.path.read_bytes()))
        with atomic_output(target) as temporary:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in files:
                    if steps is not None:
                        steps.check()
                    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(info, data)
            if steps is not None:
                steps.step()
    return target


def _point_files(content: BundleContent, work: Path) -> list[tuple[str, bytes]]:
    assert content.point is not None
    section = operations_by_desk(_point_entries(content), content.extract.period.zone)
    folder = work / "point"
    folder.mkdir()
    files = [
        ("point/operations.csv", write_csv(section, folder / "operations.csv").read_bytes()),
        (
            "point/operations.xlsx",
            write_xlsx([section], folder / "operations.xlsx", title=section.title).read_bytes(),
        ),
    ]
    for desk in content.point.others:
        if desk.entries:
            files.append(
                (
                    f"point/{desk_folder(desk.name)}/chain.jsonl",
                    chain_jsonl(desk.entries).encode("utf-8"),
                )
            )
    return files


def bundle_name(incident: IncidentSpan, when: datetime) -> str:
    return f"incident-{incident.short_id}-{when.strftime('%Y-%m-%d')}.zip"
