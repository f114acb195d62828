"""Journal, manifest, storage deadlines, incidents and backups from the command line."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

from pvzdesk.cli.arguments import MAX_LIST_LIMIT, plausible_date, ranged_int
from pvzdesk.cli.common import app_from, parse_moment, print_json, report_result
from pvzdesk.cli.pending import register_pending
from pvzdesk.clock import SystemClock
from pvzdesk.domain.dates import format_user_date, format_user_time, parse_user_date
from pvzdesk.domain.models import EntryKind
from pvzdesk.domain.policy import days_left
from pvzdesk.errors import UsageError
from pvzdesk.i18n import current_language, tr
from pvzdesk.paths import backups_dir
from pvzdesk.services.incidents import Incident
from pvzdesk.services.messages import entry_label, status_label
from pvzdesk.services.serialize import entry_json, raw_text, state_json
from pvzdesk.storage.backups import make_backup, prune_backups
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.storage.journal_words import anchor_sentence, restore_sentences


def _manifest_import(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        report = app.services.manifest.import_file(Path(args.file), replace=args.replace)
        if args.json:
            print_json(
                {
                    "imported": report.imported,
                    "file": str(report.file),
                    "journaled_changes": report.journaled,
                    "moved_barcodes": report.moved_barcodes,
                }
            )
        else:
            print(
                tr(
                    "Imported {count} postings from {file}.",
                    count=report.imported,
                    file=report.file.name,
                )
            )
            if report.journaled:
                print(
                    tr(
                        "{count} changes of deadline or cell of parcels at the point were "
                        "written to the journal.",
                        count=report.journaled,
                    )
                )
            if report.moved_barcodes:
                print(
                    tr(
                        "{count} barcodes were moved to other postings (written to the journal).",
                        count=report.moved_barcodes,
                    )
                )
    return 0


def _journal_list(args: argparse.Namespace) -> int:
    kinds = tuple(EntryKind(kind) for kind in args.kind or ())
    with app_from(args) as app:
        today = app.counter.today
        since = until = None
        if args.date:
            try:
                day = plausible_date(parse_user_date(args.date, today), args.date)
            except (ValueError, OverflowError):
                raise UsageError(
                    tr("{value!r} is not a date (write 28.11.2026)", value=args.date)
                ) from None
            since = app.clock.now().replace(
                year=day.year,
                month=day.month,
                day=day.day,
                hour=0,
                minute=0,
                second=0,
                microsecond=0,
            )
            until = since + timedelta(days=1)
        where = EntryFilter(
            kinds=kinds,
            posting=args.posting or "",
            text=args.search or "",
            since=since,
            until=until,
            limit=args.limit,
        )
        entries = list(app.store.journal.entries(where))
        if args.json:
            print_json([entry_json(entry) for entry in entries])
            return 0
        language = current_language()
        for entry in entries:
            when = format_user_time(entry.local_time, language)
            done = entry_label(entry)  # a list file's deadline is not the platform's
            print(
                f"{entry.seq:>7} {when} {done:<16} {entry.posting:<20} {raw_text(entry.raw)}  {entry.entry_id}"
            )
    return 0


def _journal_verify(args: argparse.Namespace) -> int:
    from pvzdesk.app import setup_logging
    from pvzdesk.paths import resolve_data_dir
    from pvzdesk.storage import open_store

    # the store alone, without the refusal of a shortened journal: verify must name the loss
    paths = resolve_data_dir(args.data_dir)
    setup_logging(paths)
    with open_store(paths.root, SystemClock(), for_verify=True) as store:
        for warning in store.warnings:
            print(f"! {warning}", file=sys.stderr)
        report = store.journal.verify()
        anchored = store.journal.check_anchor()
    anchor_words = anchor_sentence(anchored)
    if args.json:
        print_json(
            {
                "ok": report.ok and anchored.ok,
                "checked": report.checked,
                "head_hash": report.head_hash,
                "first_bad_seq": report.first_bad_seq,
                "first_bad_entry_id": report.first_bad_entry_id or None,
                "reason": report.reason or None,
                "anchor": anchored.verdict.value,
                "anchored_seq": anchored.anchored_seq,
                "anchor_message": anchor_words,
            }
        )
    elif report.ok:
        print(
            tr(
                "Journal intact: {count} entries, chain head {head}.",
                count=report.checked,
                head=report.head_hash,
            )
        )
    else:
        reason = (
            tr("its content was changed")
            if report.reason == "hash"
            else tr("an entry before it is missing or out of order")
        )
        print(
            tr(
                "The journal chain is BROKEN at entry #{seq} ({entry_id}): {reason}. "
                "{count} entries before it are intact.",
                seq=report.first_bad_seq,
                entry_id=report.first_bad_entry_id,
                reason=reason,
                count=report.checked,
            ),
            file=sys.stderr,
        )
    if not args.json:
        print(anchor_words, file=sys.stdout if anchored.ok else sys.stderr)
    return 0 if report.ok and anchored.ok else 1


def _journal_restore(args: argparse.Namespace) -> int:
    from pvzdesk.app import load_context_settings
    from pvzdesk.storage.lock import InstanceLock
    from pvzdesk.storage.restore import choose_backup, restore_from_backup

    paths, settings = load_context_settings(args.data_dir)
    with InstanceLock(paths.root):
        backups = backups_dir(paths, settings.backup_dir)
        backup = choose_backup(backups, Path(args.backup) if args.backup else None)
        report = restore_from_backup(paths.root, backup, SystemClock().now())
    for line in restore_sentences(report):
        print(line)
    return 0


def _storage(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        app.store.journal.refuse_a_wrong_clock()  # "overdue by 9825 days" helps nobody
        today = app.counter.today
        # the counter's picture: with a point database, every desk's parcels (as last pulled)
        if args.overdue:
            states = app.counter.due_by(today - timedelta(days=1))
        elif args.expiring is not None:
            states = app.counter.due_by(today + timedelta(days=args.expiring))
        else:
            states = [parcel.state for parcel in app.counter.parcels_at_point()]
        if args.json:
            print_json(
                [
                    state_json(state)
                    | {
                        "days_left": days_left(state.storage_until, today)
                        if state.storage_until
                        else None
                    }
                    for state in states
                ]
            )
            return 0
        language = current_language()
        for state in states:
            until = format_user_date(state.storage_until, language) if state.storage_until else "—"
            left = days_left(state.storage_until, today) if state.storage_until else None
            note = (
                ""
                if left is None
                else (
                    tr("overdue {days} d", days=-left)
                    if left < 0
                    else tr("{days} d left", days=left)
                )
            )
            print(
                f"{state.posting:<20} {state.cell or '—':<8} {until:<11} {note:<16} {status_label(state.status)}"
            )
        print(tr("{count} parcels.", count=len(states)))
    return 0


def _incident_json(incident: Incident, now_duration: timedelta) -> dict[str, object]:
    return {
        "incident_id": incident.incident_id,
        "started_at": incident.started_at.isoformat(),
        "ended_at": incident.ended_at.isoformat() if incident.ended_at else None,
        "duration_s": int(now_duration.total_seconds()),
        "reason": incident.reason,
        "detail": incident.detail,
    }


def _incident(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        now = app.clock.now()
        if args.action == "start":
            began = parse_moment(args.since, now) if args.since else None
            incident, result = app.incidents.declare(began, args.detail or "")
            if not result.entries and not args.json:
                print(
                    tr(
                        "An incident is already open since {at}.",
                        at=format_user_time(incident.started_at.astimezone(), current_language()),
                    )
                )
            return report_result(result, args.json)
        if args.action == "end":
            ended, result = app.incidents.end(args.id or "")
            if ended is None and not args.json:
                print(tr("No incident is open."))
            return report_result(result, args.json)
        incidents = app.incidents.incidents()
        if args.json:
            print_json([_incident_json(i, i.duration(now)) for i in incidents])
            return 0
        from pvzdesk.services.reconcile_words import outage_cause

        language = current_language()
        for incident in incidents:
            start = format_user_time(incident.started_at.astimezone(), language)
            end = (
                format_user_time(incident.ended_at.astimezone(), language)
                if incident.ended_at
                else tr("open")
            )
            minutes = int(incident.duration(now).total_seconds() // 60)
            reason, detail = outage_cause(incident.reason, incident.detail)
            cause = f"{reason} ({detail})" if detail else reason
            print(f"{incident.incident_id}  {start} — {end}  {minutes} {tr('min')}  {cause}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        now = app.clock.now()
        backups = backups_dir(app.paths, app.settings.backup_dir)
        target = make_backup(app.store.path, backups, now, app.store.journal.signed_head())
        prune_backups(backups, now, app.settings.backup_keep_days)
    print(tr("Backup written to {path}.", path=target))
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    manifest = subparsers.add_parser("manifest", help=tr("the list of parcels the point expects"))
    manifest_sub = manifest.add_subparsers(
        dest="manifest_command", metavar=tr("COMMAND"), required=True
    )
    manifest_import = manifest_sub.add_parser("import", help=tr("import a CSV or XLSX manifest"))
    manifest_import.add_argument("file", metavar=tr("FILE"))
    manifest_import.add_argument("--json", action="store_true")
    manifest_import.add_argument(
        "--replace",
        action="store_true",
        help=tr("move barcodes that name other postings to the file's postings (journaled)"),
    )
    manifest_import.set_defaults(func=_manifest_import)

    journal = subparsers.add_parser("journal", help=tr("the journal of operations"))
    journal_sub = journal.add_subparsers(
        dest="journal_command", metavar=tr("COMMAND"), required=True
    )
    journal_list = journal_sub.add_parser("list", help=tr("list journal entries"))
    journal_list.add_argument("--json", action="store_true")
    journal_list.add_argument("--kind", action="append", choices=[kind.value for kind in EntryKind])
    journal_list.add_argument("--posting")
    journal_list.add_argument("--search")
    journal_list.add_argument("--date", help=tr("only this day, e.g. 28.11.2026"))
    journal_list.add_argument("--limit", type=ranged_int(1, MAX_LIST_LIMIT))
    journal_list.set_defaults(func=_journal_list)
    journal_verify = journal_sub.add_parser("verify", help=tr("check the hash chain"))
    journal_verify.add_argument("--json", action="store_true")
    journal_verify.set_defaults(func=_journal_verify)
    journal_restore = journal_sub.add_parser(
        "restore", help=tr("restore the journal from a backup and say what the backup lacks")
    )
    journal_restore.add_argument(
        "backup", nargs="?", help=tr("the backup file (default: the newest one)")
    )
    journal_restore.set_defaults(func=_journal_restore)
    register_pending(journal_sub)

    storage = subparsers.add_parser("storage", help=tr("parcels at the point and their deadlines"))
    storage.add_argument(
        "--expiring", type=ranged_int(0, 366), metavar="DAYS", help=tr("deadline within DAYS days")
    )
    storage.add_argument("--overdue", action="store_true")
    storage.add_argument("--json", action="store_true")
    storage.set_defaults(func=_storage)

    incident = subparsers.add_parser("incident", help=tr("platform outages"))
    incident.add_argument("action", choices=["start", "end", "list"], metavar="{start,end,list}")
    incident.add_argument("--id", help=tr("the incident to end (default: the open one)"))
    incident.add_argument("--detail", help=tr("what happened"))
    incident.add_argument(
        "--since",
        metavar="TIME",
        help=tr("when the outage began, e.g. 28.11.2026 14:00 (default: now)"),
    )
    incident.add_argument("--json", action="store_true")
    incident.set_defaults(func=_incident)

    backup = subparsers.add_parser("backup", help=tr("copy the journal to the backups folder"))
    backup.set_defaults(func=_backup)
