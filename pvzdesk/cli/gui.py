"""``pvzdesk`` without a subcommand: the counter window."""

from __future__ import annotations

import argparse


def run_gui(args: argparse.Namespace) -> int:
    from pvzdesk.ui.app import run_gui as start

    return start(getattr(args, "data_dir", None))
