"""Helpers shared by the command modules: opening the app, printing results."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from pvzdesk.app import AppContext, open_app
from pvzdesk.domain.rules import Severity
from pvzdesk.services.messages import describe, kind_label
from pvzdesk.services.results import OpResult
from pvzdesk.services.serialize import result_json

EXIT_OK = 0
EXIT_REFUSED = 1


@contextmanager
def app_from(args: argparse.Namespace) -> Iterator[AppContext]:
    context = open_app(args.data_dir)
    try:
        yield context
    finally:
        context.close()


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
    sys.stdout.write("\n")


def report_result(result: OpResult, as_json: bool) -> int:
    """Print what was written and every finding; exit 1 when something was refused."""
    if as_json:
        print_json(result_json(result))
    else:
        for entry in result.entries:
            done = kind_label(entry.kind)
            target = entry.posting or entry.payload.get("incident_id", "")
            print(f"✓ {done}: {target}  [{entry.entry_id}]")
        for finding in result.findings:
            mark = {"block": "✗", "warning": "!", "info": "·"}[finding.severity.value]
            stream = sys.stdout if finding.severity is Severity.INFO else sys.stderr
            print(f"{mark} {describe(finding)}", file=stream)
    return EXIT_REFUSED if result.blocked else EXIT_OK
