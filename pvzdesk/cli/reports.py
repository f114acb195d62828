"""End of day from the command line: reports, the support-ticket bundle, the re-entry sheet,
retention of photos and personal data."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from pvzdesk.cli.arguments import new_output_file, output_folder
from pvzdesk.cli.common import app_from, parse_moment
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr

if TYPE_CHECKING:  # heavy modules load only when a command runs
    from pvzdesk.reports.model import ReportPeriod


def _period(args: argparse.Namespace, now: datetime) -> ReportPeriod:
    from pvzdesk.cli.arguments import plausible_date
    from pvzdesk.domain.dates import parse_user_date
    from pvzdesk.reports.model import ReportPeriod

    if args.date and (args.since or args.until):
        raise UsageError(tr("Give either --date or --from and --to, not both."))
    if args.since or args.until:
        if not (args.since and args.until):
            raise UsageError(tr("Give both --from and --to."))
        since, until = parse_moment(args.since, now), parse_moment(args.until, now)
        if until <= since:
            raise UsageError(tr("The end of the period must come after its start."))
        return ReportPeriod(since, until)
    day = now.date()
    if args.date:
        try:
            day = plausible_date(parse_user_date(args.date, now.date()), args.date)
        except (ValueError, OverflowError):
            raise UsageError(
                tr("{value!r} is not a date (write 28.11.2026)", value=args.date)
            ) from None
    assert now.tzinfo is not None
    return ReportPeriod.day(day, now.tzinfo)


def _report(args: argparse.Namespace) -> int:
    from pvzdesk.services.reporting import export_report, parse_formats

    formats = parse_formats(args.format)
    with app_from(args) as app:
        now = app.clock.now()
        period = _period(args, now)
        report = app.services.reporting.day_report(period, now=now)
        out_dir = output_folder(args.out) if args.out else app.paths.reports
        written = export_report(report, out_dir, formats)
    for path in written:
        print(path)
    return 0


def _bundle(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        target = app.services.reporting.bundle(
            new_output_file(args.out),
            incident_id=args.incident or "",
            show_personal_data=args.show_personal_data,
        )
        whole_point = app.point is not None and app.point.point.configured
    print(tr("Ticket bundle written to {path}.", path=target))
    print(
        tr("It covers every desk of the point, labelled by desk.")
        if whole_point
        else tr("It covers this desk only: no point database is configured.")
    )
    return 0


def _reentry_sheet(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        target = app.services.reporting.reentry_sheet(
            new_output_file(args.out), incident_id=args.incident or ""
        )
    print(tr("Re-entry sheet written to {path}.", path=target))
    return 0


def _purge(args: argparse.Namespace) -> int:
    with app_from(args) as app:
        report = app.services.retention.purge()
    for path in report.photos:
        print(tr("Photo removed: {name}", name=path.name))
    for posting in report.personal_data:
        print(tr("Customer name and phone removed: {posting}", posting=posting))
    print(
        tr(
            "Removed {photos} photos and the personal data of {postings} postings; "
            "{kept} postings keep theirs until they are reconciled.",
            photos=len(report.photos),
            postings=len(report.personal_data),
            kept=len(report.kept_unreconciled),
        )
    )
    return 0


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = subparsers.add_parser("report", help=tr("end-of-day or shift report"))
    report.add_argument("--date", help=tr("the day, e.g. 28.11.2026 (default: today)"))
    report.add_argument("--from", dest="since", metavar="TIME", help=tr("shift start"))
    report.add_argument("--to", dest="until", metavar="TIME", help=tr("shift end"))
    report.add_argument("--format", default="xlsx,csv,pdf", help=tr("formats: xlsx,csv,pdf"))
    report.add_argument("--out", metavar="DIR", help=tr("folder for the files"))
    report.set_defaults(func=_report)

    bundle = subparsers.add_parser("bundle", help=tr("ZIP for the platform's support"))
    bundle.add_argument("--incident", metavar="ID", help=tr("incident (default: the latest)"))
    bundle.add_argument("--out", metavar="FILE.zip", required=True)
    bundle.add_argument(
        "--show-personal-data",
        action="store_true",
        help=tr("put customers' names and phones unmasked"),
    )
    bundle.set_defaults(func=_bundle)

    sheet = subparsers.add_parser("reentry-sheet", help=tr("barcodes to re-scan, on paper"))
    sheet.add_argument("--incident", metavar="ID", help=tr("incident (default: the latest)"))
    sheet.add_argument("--out", metavar="FILE.pdf", required=True)
    sheet.set_defaults(func=_reentry_sheet)

    purge = subparsers.add_parser("purge", help=tr("remove old photos and personal data"))
    purge.set_defaults(func=_purge)
