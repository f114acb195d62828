"""``python -m pvzdesk.simulator``: the same as ``pvzdesk simulator``."""

from __future__ import annotations

import argparse
import sys

from pvzdesk.errors import PvzdeskError
from pvzdesk.simulator import command as simulator_cli


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pvzdesk.simulator")
    subparsers = parser.add_subparsers(dest="command")
    simulator_cli.register(subparsers)
    args = parser.parse_args(["simulator", *(sys.argv[1:] if argv is None else argv)])
    try:
        return int(args.func(args))
    except PvzdeskError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
