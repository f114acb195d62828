"""``pvzdesk simulator`` (and ``python -m pvzdesk.simulator``): run the simulated platform until Ctrl+C or SIGTERM."""

from __future__ import annotations

import argparse
import signal
import threading
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any

from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr


def register(subparsers: Any) -> None:
    # No simulator import here: every CLI command registers this one, and the HTTP server's
    # imports cost ~30 ms. Unset options take the server's own defaults in ``run``.
    parser = subparsers.add_parser(
        "simulator",
        help=tr("Run the simulated marketplace platform (Seller API and login page)"),
    )
    parser.add_argument("--host", default="127.0.0.1", help=tr("Address to listen on"))
    parser.add_argument("--port", type=int, default=0, help=tr("Port (0: any free port)"))
    parser.add_argument("--seed", type=int, default=0, help=tr("Seed of the postings and faults"))
    parser.add_argument("--postings", type=int, default=300, help=tr("Number of postings"))
    parser.add_argument("--faults", default="", metavar="SPEC", help=tr("Faults to inject"))
    parser.add_argument("--client-id", default=None, help="Client-Id")
    parser.add_argument("--api-key", default=None, help="Api-Key")
    parser.add_argument(
        "--apply-delay",
        type=float,
        default=None,
        help=tr("Seconds before a status change applies"),
    )
    parser.add_argument(
        "--rate-limit", type=int, default=50, help=tr("Requests per second per Client-Id")
    )
    parser.add_argument(
        "--key-expires-days", type=float, default=180.0, help=tr("Days until the API key expires")
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pvzdesk.simulator import DEFAULT_API_KEY, DEFAULT_CLIENT_ID, Simulator
    from pvzdesk.simulator.faults import FaultSpecError, parse_spec
    from pvzdesk.simulator.server import DEFAULT_APPLY_DELAY

    if args.client_id is None:
        args.client_id = DEFAULT_CLIENT_ID
    if args.api_key is None:
        args.api_key = DEFAULT_API_KEY
    if args.apply_delay is None:
        args.apply_delay = DEFAULT_APPLY_DELAY
    try:
        plan = parse_spec(args.faults)
    except FaultSpecError as error:
        raise UsageError(tr("The fault spec is not valid: {error}", error=error)) from None
    if args.postings < 0 or args.rate_limit < 1 or args.apply_delay < 0:
        raise UsageError(tr("Postings, rate limit and apply delay must be positive numbers."))
    simulator = Simulator(
        seed=args.seed,
        postings=args.postings,
        client_id=args.client_id,
        api_key=args.api_key,
        apply_delay=args.apply_delay,
        faults=plan,
        rate_limit=args.rate_limit,
        key_expires_at=datetime.now(UTC) + timedelta(days=args.key_expires_days),
        host=args.host,
        port=args.port,
    )
    try:
        base_url = simulator.start()
    except OSError as error:
        raise UsageError(
            tr("Cannot listen on port {port}: {error}", port=args.port, error=error.strerror)
        ) from None
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        print(tr("Platform simulator running at {url}", url=base_url), flush=True)
        print(f"Client-Id: {args.client_id}", flush=True)
        print(f"Api-Key: {args.api_key}", flush=True)
        print(
            tr(
                "Postings: {count}, seed {seed}, faults: {faults}",
                count=args.postings,
                seed=args.seed,
                faults=args.faults or "none",
            ),
            flush=True,
        )
        print(tr("Press Ctrl+C to stop."), flush=True)
        while not stop.wait(0.2):  # a short wait keeps the main thread responsive to signals
            pass
    finally:
        simulator.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print(tr("Simulator stopped."), flush=True)
    return 0
