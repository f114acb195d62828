"""Helpers shared by the command modules: opening the app, printing results."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from pvzdesk.app import AppContext, open_app
from pvzdesk.cli.safe_output import decoded_argument, safe
from pvzdesk.domain.rules import Severity
from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr
from pvzdesk.services.messages import describe, entry_label
from pvzdesk.services.results import OpResult
from pvzdesk.services.serialize import result_json

EXIT_OK = 0
EXIT_REFUSED = 1
log = logging.getLogger("pvzdesk.cli")


@contextmanager
def app_from(args: argparse.Namespace) -> Iterator[AppContext]:
    context = open_app(args.data_dir)
    for warning in context.store.warnings:
        print(f"! {warning}", file=sys.stderr)
    try:
        yield context
    finally:
        context.close()


@contextmanager
def counter_app(args: argparse.Namespace) -> Iterator[AppContext]:
    """``app_from`` for the counter commands: with a point (or central) database, what the command
    committed is sent there right after, best effort, so the other desks see it without waiting
    for a ``point sync``. A database that does not answer in time fails nothing."""
    with app_from(args) as app:
        before = app.store.journal.head()[0]
        try:
            yield app
        finally:
            if app.point is not None and app.store.journal.head()[0] != before:
                _push_after_commit(app)


def _push_after_commit(app: AppContext) -> None:
    desk = app.point
    assert desk is not None
    try:
        missed = [str(target) for target in desk.push_now()]
    except Exception:  # a bug in the push must not turn a saved operation into a failure
        log.exception("the push after a counter command failed")
        missed = ["point"]
    if "point" in missed and desk.point.configured:
        print(
            tr(
                "Saved at this desk. The point database did not answer: the entries go there "
                "at the next sync."
            ),
            file=sys.stderr,
        )
    elif missed:
        print(
            tr(
                "Saved at this desk. The central database did not answer: the entries go there "
                "at the next sync."
            ),
            file=sys.stderr,
        )


def parse_moment(text: str, now: datetime) -> datetime:
    """28.11.2026 14:00, 28.11.2026 or ISO 8601; without a zone, the counter's local time."""
    from pvzdesk.cli.arguments import plausible_date
    from pvzdesk.domain.dates import parse_user_date

    cleaned = text.strip()
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        day_text, _, time_text = cleaned.partition(" ")
        try:
            day = parse_user_date(day_text, now.date())
            hours, _, minutes = (time_text or "0:00").partition(":")
            moment = datetime(day.year, day.month, day.day, int(hours), int(minutes or 0))
        except (ValueError, OverflowError):
            raise UsageError(
                tr("{value!r} is not a date and time (write 28.11.2026 14:00)", value=text)
            ) from None
    plausible_date(moment.date(), text)
    return moment if moment.tzinfo else moment.replace(tzinfo=now.tzinfo)


def each_code_reported(codes: list[str], as_json: bool, one: Callable[[str], OpResult]) -> int:
    """Run ``one`` per code and report each as it is committed: when a later code fails (a full
    disk, a wrong clock), the codes already saved have had their ✓. In JSON the results so far
    are printed before the error."""
    total = OpResult()
    refused = False
    try:
        for code in codes:
            result = one(decoded_argument(code))
            total = total + result
            if not as_json:
                refused = report_result(result, as_json=False) == EXIT_REFUSED or refused
    except BaseException:
        if as_json and total.entries:
            print_json(result_json(total))
        raise
    if as_json:
        return report_result(total, as_json=True)
    return EXIT_REFUSED if refused else EXIT_OK


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def report_result(result: OpResult, as_json: bool) -> int:
    """Print what was written and every finding; exit 1 when something was refused."""
    if as_json:
        print_json(result_json(result))
    else:
        for entry in result.entries:
            done = entry_label(entry)
            target = safe(str(entry.posting or entry.payload.get("incident_id", "")))
            print(f"✓ {done}: {target}  [{entry.entry_id}]", flush=True)
        for finding in result.findings:
            mark = {"block": "✗", "warning": "!", "info": "·"}[finding.severity.value]
            stream = sys.stdout if finding.severity is Severity.INFO else sys.stderr
            print(f"{mark} {safe(describe(finding))}", file=stream, flush=True)
    return EXIT_REFUSED if result.blocked else EXIT_OK
