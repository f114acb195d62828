"""Counter operations from the command line: one command per code, in the order given."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable

from pvzdesk.cli.arguments import new_deadline, ranged_int
from pvzdesk.cli.common import counter_app, each_code_reported, report_result
from pvzdesk.domain.dates import parse_user_date
from pvzdesk.domain.models import DeadlineSource
from pvzdesk.domain.policy import MAX_EXTENSION_DAYS
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr
from pvzdesk.services.counter import CounterService
from pvzdesk.services.results import OpResult


def _each(args: argparse.Namespace, operation: Callable[[CounterService, str], OpResult]) -> int:
    with counter_app(args) as app:
        return each_code_reported(args.codes, args.json, lambda code: operation(app.counter, code))


def _receive(args: argparse.Namespace) -> int:
    return _each(args, lambda counter, code: counter.receive([code], cell=args.cell or ""))


def _place(args: argparse.Namespace) -> int:
    return _each(args, lambda counter, code: counter.place(code, args.cell))


def _issue(args: argparse.Namespace) -> int:
    handover = str(uuid.uuid4())  # the codes of one call are one hand-over to one customer
    return _each(
        args,
        lambda counter, code: counter.issue(
            [code], customer_code=args.customer_code, handover_id=handover
        ),
    )


def _refuse(args: argparse.Namespace) -> int:
    return _each(
        args, lambda counter, code: counter.refuse([code], reason=args.reason, partial=args.partial)
    )


def _return(args: argparse.Namespace) -> int:
    return _each(args, lambda counter, code: counter.client_return([code], reason=args.reason))


def _send_back(args: argparse.Namespace) -> int:
    batch = str(uuid.uuid4())
    return _each(args, lambda counter, code: counter.send_back([code], batch_id=batch))


def _extend(args: argparse.Namespace) -> int:
    if args.incident:
        if args.days is None or args.codes:
            raise UsageError(tr("With --incident give --days N and no codes."))
        with counter_app(args) as app:
            result = app.incidents.extend_all(args.incident, args.days)
            return report_result(result, args.json)
    if not args.codes or (args.days is None) == (args.until is None):
        raise UsageError(tr("Give codes and either --days N or --until DATE."))
    reason = DeadlineSource(args.reason)
    with counter_app(args) as app:
        until = None
        if args.until is not None:
            try:
                until = new_deadline(
                    parse_user_date(args.until, app.counter.today), app.counter.today, args.until
                )
            except (ValueError, OverflowError):
                raise UsageError(
                    tr("{value!r} is not a date (write 28.11.2026)", value=args.until)
                ) from None
        return each_code_reported(
            args.codes,
            args.json,
            lambda code: app.counter.extend([code], days=args.days, until=until, reason=reason),
        )


def _void(args: argparse.Namespace) -> int:
    with counter_app(args) as app:
        return report_result(app.counter.void(args.entry_id, args.reason), args.json)


def _note(args: argparse.Namespace) -> int:
    with counter_app(args) as app:
        return report_result(app.counter.note(args.text), args.json)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def command(
        name: str, help_text: str, func: Callable[[argparse.Namespace], int]
    ) -> argparse.ArgumentParser:
        parser = subparsers.add_parser(name, help=help_text)
        parser.add_argument("--json", action="store_true", help=tr("machine-readable output"))
        parser.set_defaults(func=func)
        return parser

    receive = command("receive", tr("receive parcels from the carrier"), _receive)
    receive.add_argument("codes", nargs="+", metavar="CODE")
    receive.add_argument("--cell", help=tr("cell the parcels go to"))

    place = command("place", tr("put parcels in a cell"), _place)
    place.add_argument("codes", nargs="+", metavar="CODE")
    place.add_argument("--cell", required=True)

    issue = command("issue", tr("issue parcels to a customer"), _issue)
    issue.add_argument("codes", nargs="+", metavar="CODE")
    issue.add_argument(
        "--customer-code", metavar="RAW", help=tr("the customer's code, kept as evidence")
    )

    refuse = command("refuse", tr("the customer refuses parcels at the counter"), _refuse)
    refuse.add_argument("codes", nargs="+", metavar="CODE")
    refuse.add_argument("--reason", default="")
    refuse.add_argument("--partial", action="store_true", help=tr("only some items are refused"))

    client_return = command("return", tr("a customer brings an issued parcel back"), _return)
    client_return.add_argument("codes", nargs="+", metavar="CODE")
    client_return.add_argument("--reason", default="")

    send_back = command("send-back", tr("send unclaimed parcels back"), _send_back)
    send_back.add_argument("codes", nargs="+", metavar="CODE")

    extend = command("extend", tr("extend storage deadlines"), _extend)
    extend.add_argument("codes", nargs="*", metavar="CODE")
    extend.add_argument("--days", type=ranged_int(1, MAX_EXTENSION_DAYS))
    extend.add_argument("--until", metavar="DATE", help=tr("new deadline, e.g. 28.11.2026"))
    extend.add_argument(
        "--reason", default="customer", choices=[source.value for source in DeadlineSource]
    )
    extend.add_argument(
        "--incident", metavar="ID", help=tr("every parcel stored during incident ID")
    )

    void = command("void", tr("void a journal entry (it stays in the journal)"), _void)
    void.add_argument("entry_id", metavar="ENTRY_ID")
    void.add_argument("--reason", required=True)

    note = command("note", tr("write a note into the journal"), _note)
    note.add_argument("text", metavar=tr("TEXT"))
