"""``pvzdesk setup``: the first-run questions in the terminal (the window asks them in a wizard).

Every answer can be given as an option (for scripts and remote set-up); what is missing is asked
when the terminal is interactive, else left at its current value. ``--skip`` keeps the defaults.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import UTC, datetime

from pvzdesk.i18n import tr
from pvzdesk.services.setup import (
    PARTNER,
    SELLER,
    SetupAnswers,
    apply_setup,
    check_seller_key,
    problems,
    skip_setup,
    split_operators,
)

EXIT_OK = 0
EXIT_REFUSED = 1
POINT_TYPES = {"partner": PARTNER, "seller": SELLER}


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "setup",
        help=tr("first-run set-up: point type, API key, operators, camera, backups"),
        description=tr("first-run set-up: point type, API key, operators, camera, backups"),
    )
    parser.add_argument("--point-type", choices=sorted(POINT_TYPES))
    parser.add_argument("--point-name")
    parser.add_argument("--operators", help=tr("operator names, separated by commas"))
    parser.add_argument("--seller-api-url")
    parser.add_argument("--client-id")
    parser.add_argument(
        "--api-key-stdin",
        action="store_true",
        help=tr("read the API key from the first line of standard input"),
    )
    parser.add_argument("--camera", help=tr("camera number (0 is the first) or a file"))
    parser.add_argument("--backups", metavar="DIR", help=tr("folder for the daily backups"))
    parser.add_argument("--no-sounds", action="store_true")
    parser.add_argument("--skip", action="store_true", help=tr("keep the defaults for now"))
    parser.set_defaults(func=run_setup)


def _ask(question: str, current: str, interactive: bool) -> str:
    if not interactive:
        return current
    shown = f" [{current}]" if current else ""
    answer = input(f"{question}{shown}: ").strip()
    return answer or current


def run_setup(args: argparse.Namespace) -> int:
    from pvzdesk.app import load_context_settings

    paths, settings = load_context_settings(args.data_dir)
    if args.skip:
        skip_setup(paths, settings)
        print(tr("Set-up skipped; every answer can be given later in Settings."))
        return EXIT_OK
    interactive = sys.stdin.isatty() and not args.api_key_stdin
    answers = SetupAnswers.from_settings(settings)
    point_type = args.point_type or _ask(
        tr("Point type: partner (partner pickup point) or seller (seller's own desk)"),
        "seller" if answers.adapter == SELLER else "partner",
        interactive,
    )
    if point_type not in POINT_TYPES:
        print(tr("Point type is partner or seller."), file=sys.stderr)
        return EXIT_REFUSED
    adapter = POINT_TYPES[point_type]
    point_name = args.point_name or _ask(tr("Point name"), answers.point_name, interactive)
    operators_text = args.operators or _ask(
        tr("Operator names, separated by commas"), ", ".join(answers.operators), interactive
    )
    url, client_id, api_key = answers.seller_api_url, answers.client_id, ""
    if adapter == SELLER:
        url = args.seller_api_url or _ask(tr("Seller API address"), url, interactive)
        client_id = args.client_id or _ask("Client-Id", client_id, interactive)
        if args.api_key_stdin:
            api_key = sys.stdin.readline().strip()
        elif interactive:
            api_key = getpass.getpass(tr("API key (not shown): ")).strip()
    camera = args.camera or _ask(tr("Camera number or file"), answers.camera, interactive)
    backups = args.backups or _ask(
        tr("Backups folder (empty: inside the data folder)"), answers.backup_dir, interactive
    )
    answers = SetupAnswers(
        adapter=adapter,
        point_name=point_name,
        operators=split_operators(operators_text),
        seller_api_url=url,
        client_id=client_id,
        api_key=api_key,
        camera=camera,
        sounds=not args.no_sounds and answers.sounds,
        backup_dir=backups,
    )
    found = problems(answers)
    if found:
        for problem in found:
            print(problem, file=sys.stderr)
        return EXIT_REFUSED
    if adapter == SELLER and api_key:
        from pvzdesk.app import setup_seller_api

        check = check_seller_key(setup_seller_api(url, client_id, api_key), datetime.now(UTC))
        print(check.message)
        if not check.ok:
            return EXIT_REFUSED
    outcome = apply_setup(paths, settings, answers)
    for note in outcome.notes:
        print(note)
    print(tr("Data folder: {path}", path=paths.root))
    return EXIT_OK
