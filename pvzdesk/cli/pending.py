"""``pvzdesk journal pending [--exit-code] [--json]``: what has not reached the platform yet.

The Windows uninstaller runs it before it offers to delete the data folder: exit code 1 (entries
waiting) or 2 (the journal cannot be read) and the folder is kept, whatever the person answered.
"""

from __future__ import annotations

import argparse

from pvzdesk.cli.common import print_json
from pvzdesk.i18n import tr
from pvzdesk.paths import resolve_data_dir
from pvzdesk.storage.store import DB_NAME

EXIT_NOTHING_PENDING = 0
EXIT_PENDING = 1


def register_pending(journal_sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    pending = journal_sub.add_parser(
        "pending", help=tr("entries that have not reached the platform yet")
    )
    pending.add_argument("--json", action="store_true")
    pending.add_argument(
        "--exit-code",
        action="store_true",
        help=tr("exit with 1 when entries are waiting (for scripts and the uninstaller)"),
    )
    pending.set_defaults(func=run_pending)


def run_pending(args: argparse.Namespace) -> int:
    from pvzdesk.app import open_app

    paths = resolve_data_dir(args.data_dir)
    if not (paths.root / DB_NAME).exists():  # never create a journal just to say it is empty
        waiting = conflicts = 0
    else:
        # Not exclusive: a check must work beside a running window and must not note a version.
        with open_app(args.data_dir, exclusive=False) as app:
            counts = app.services.reconcile.waiting()  # the status bar's own query
        waiting, conflicts = counts.waiting, counts.conflicts
    if args.json:
        print_json({"waiting": waiting, "conflicts": conflicts, "data_dir": str(paths.root)})
    elif waiting or conflicts:
        print(
            tr(
                "Not yet on the platform: {waiting} waiting, {conflicts} set aside for a person.",
                waiting=waiting,
                conflicts=conflicts,
            )
        )
    else:
        print(tr("Everything in the journal has reached the platform."))
    pending_total = waiting + conflicts
    return EXIT_PENDING if args.exit_code and pending_total else EXIT_NOTHING_PENDING
