"""``pvzdesk`` without a subcommand: the counter window."""

from __future__ import annotations

import argparse
import os
import sys

from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr


def has_display(platform: str = sys.platform) -> bool:
    """Qt aborts the whole process without a screen; say so in words instead.

    Only X11/Wayland systems announce their screen in the environment: Windows and macOS always
    have one in a desktop session.
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    if not has_display():
        raise UsageError(
            tr("There is no screen to show the counter window on."),
            hint=tr("Start it on the counter's desktop, or use the commands (pvzdesk --help)."),
        )
    from pvzdesk.ui.app import run_gui as start

    return start(getattr(args, "data_dir", None))
