"""``pvzdesk point sync|status`` and ``pvzdesk central sync|status``: the desk's databases."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from pvzdesk.cli.common import EXIT_OK, EXIT_REFUSED, app_from, print_json
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr
from pvzdesk.services.messages import conflict_sentence


def _desk(args: argparse.Namespace, app: Any, target_name: str) -> Any:
    from pvzdesk.point.schema import Target

    target = Target(target_name)
    desk = app.point
    configured = desk is not None and (
        desk.point.configured if target is Target.POINT else desk.central.configured
    )
    if not configured:
        if target is Target.POINT:
            raise UsageError(
                tr("No point database is configured."),
                hint=tr("Set point.database_url in the settings or PVZDESK_POINT_DB."),
            )
        raise UsageError(
            tr("No central database is configured."),
            hint=tr("Set central.database_url in the settings or PVZDESK_CENTRAL_DB."),
        )
    return desk, target


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%d.%m.%Y %H:%M:%S") if moment else ""


def _status_json(status: Any, target: Any) -> dict[str, Any]:
    from pvzdesk.point.schema import Target

    link = status.point if target is Target.POINT else status.central
    data: dict[str, Any] = {
        "state": link.state.value,
        "since": link.since.isoformat() if link.since else None,
        "problem": link.problem,
        "desk": status.desk_name,
        "pushed": link.pushed,
        "pending": link.pending,
    }
    if target is Target.POINT:
        data.update(
            desks_seen=sorted(status.desks.values()),
            pulled=status.pulled,
            claimed=status.claimed,
            unclaimed=status.unclaimed,
            conflicts=list(status.conflicts),
            released=status.released,
        )
    return data


def _print_status(status: Any, target: Any) -> None:
    from pvzdesk.point.desk import LinkState
    from pvzdesk.point.schema import Target

    link = status.point if target is Target.POINT else status.central
    name = tr("Point database") if target is Target.POINT else tr("Central database")
    if link.state is LinkState.CONNECTED:
        print(tr("{name}: connected", name=name))
    else:
        print(tr("{name}: isolated since {since}", name=name, since=_when(link.since)))
        if link.problem:
            print(f"  {link.problem}", file=sys.stderr)
    print(tr("This desk: {desk}", desk=status.desk_name))
    print(
        tr(
            "Entries sent: {pushed}, waiting to be sent: {pending}",
            pushed=link.pushed,
            pending=link.pending,
        )
    )
    if target is not Target.POINT:
        return
    others = ", ".join(sorted(status.desks.values())) or tr("none yet")
    print(tr("Other desks seen: {desks}", desks=others))
    print(tr("Entries from the other desks: {pulled}", pulled=status.pulled))
    print(
        tr(
            "Parcels claimed: {claimed}; waiting for the link to be claimed: {unclaimed}",
            claimed=status.claimed,
            unclaimed=status.unclaimed,
        )
    )
    if status.released:
        print(
            tr(
                "Claims released because their operation was never written: {count}",
                count=status.released,
            )
        )
    print(tr("Conflicts for a person to settle: {count}", count=len(status.conflicts)))
    for conflict in status.conflicts:
        print(f"  ✗ {conflict_sentence(conflict)}")


def _run(args: argparse.Namespace, target_name: str, do_sync: bool) -> int:
    from pvzdesk.point.desk import LinkState
    from pvzdesk.point.schema import Target

    with app_from(args) as app:
        desk, target = _desk(args, app, target_name)
        status = desk.sync_once(app.store, [target]) if do_sync else desk.probe(app.store, [target])
        if args.json:
            print_json(_status_json(status, target))
        else:
            _print_status(status, target)
        link = status.point if target is Target.POINT else status.central
        return EXIT_OK if link.state is LinkState.CONNECTED else EXIT_REFUSED


def _report(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from pvzdesk.domain.dates import parse_user_date
    from pvzdesk.point.schema import Target
    from pvzdesk.reports.csv_export import write_csv_files
    from pvzdesk.reports.point_report import conflicts_section, operations_by_desk
    from pvzdesk.reports.xlsx import write_xlsx

    with app_from(args) as app:
        desk, _ = _desk(args, app, "point")
        now = app.clock.now()
        try:
            day = parse_user_date(args.day, now.date()) if args.day else now.date()
        except ValueError:
            raise UsageError(
                tr("{value!r} is not a date (write 28.11.2026)", value=args.day)
            ) from None
        zone = now.tzinfo
        assert zone is not None
        since = datetime.combine(day, datetime.min.time(), zone)
        if args.sync:
            desk.sync_once(app.store, [Target.POINT])
        sections = [
            operations_by_desk(desk.whole_point(app.store, since, since + timedelta(days=1)), zone),
            conflicts_section(desk.conflicts(), zone),
        ]
        out = Path(args.out) if args.out else app.paths.reports
        out.mkdir(parents=True, exist_ok=True)
        stem = f"point-{day.isoformat()}"
        written = [
            write_xlsx(sections, out / f"{stem}.xlsx", title=tr("Operations of the whole point"))
        ]
        written.extend(write_csv_files(sections, out, stem))
        for path in written:
            print(path)
        return EXIT_OK


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    for target_name, help_text in (
        ("point", tr("the point database shared by this point's desks")),
        ("central", tr("the owner's central database")),
    ):
        group = subparsers.add_parser(target_name, help=help_text)
        commands = group.add_subparsers(dest="point_command", metavar=tr("COMMAND"), required=True)
        for command, command_help, do_sync in (
            ("sync", tr("send this desk's entries now (and fetch the other desks')"), True),
            ("status", tr("connected or isolated, entries sent and waiting, conflicts"), False),
        ):
            parser = commands.add_parser(command, help=command_help)
            parser.add_argument("--json", action="store_true", help=tr("machine-readable output"))
            parser.set_defaults(func=lambda args, t=target_name, s=do_sync: _run(args, t, s))
        if target_name == "point":
            report = commands.add_parser(
                "report", help=tr("every desk's operations of a day, labelled by desk (XLSX, CSV)")
            )
            report.add_argument("--day", metavar="DATE", help=tr("the day (default: today)"))
            report.add_argument("--out", metavar="DIR", help=tr("folder for the files"))
            report.add_argument(
                "--sync", action="store_true", help=tr("fetch the other desks' entries first")
            )
            report.set_defaults(func=_report)
