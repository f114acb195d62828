"""``pvzdesk [--data-dir DIR] SUBCOMMAND ...``; no subcommand starts the counter window."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from pvzdesk.cli.safe_output import decoded_argument, known_os_error, quiet_broken_pipe
from pvzdesk.errors import PvzdeskError
from pvzdesk.i18n import tr

EXIT_OK = 0
EXIT_REFUSED = 1  # something asked for was refused (already issued, unknown code...)
EXIT_ERROR = 2  # a known error: a clear message was printed
EXIT_BUG = 70

log = logging.getLogger("pvzdesk.cli")


def _command_modules() -> list[str]:
    return [
        "pvzdesk.cli.counter",
        "pvzdesk.cli.records",
        "pvzdesk.cli.decode",
        "pvzdesk.simulator.command",
        "pvzdesk.cli.sync",
        "pvzdesk.cli.reports",
        "pvzdesk.cli.demo",
        "pvzdesk.cli.point",
        "pvzdesk.cli.setup",
    ]


class _VersionAction(argparse.Action):
    """``--version``: the full line-up a support ticket needs, read only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        from pvzdesk.version import version_info

        print(version_info().text())
        parser.exit()


def _argparse_text(message: str) -> str:
    return tr(message)


def build_parser() -> argparse.ArgumentParser:
    import importlib

    # argparse looks its own words ("usage:", "options", its error messages) up through the
    # module's gettext function at each use: ours answers from the same catalogue as the rest
    argparse._ = _argparse_text  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(
        prog="pvzdesk",
        description=tr("Pickup-point counter that keeps working when the platform does not."),
    )
    parser.add_argument(
        "--version",
        action=_VersionAction,
        nargs=0,
        help=tr("show the version, build date and component versions, then exit"),
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=tr("data folder (default: PVZDESK_HOME or the user's data folder)"),
    )
    subparsers = parser.add_subparsers(dest="command", metavar=tr("COMMAND"))
    for name in _command_modules():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command group still being built
        module.register(subparsers)
    return parser


def _print_error(error: PvzdeskError) -> None:
    print(tr("Error: {message}", message=error.message), file=sys.stderr)
    if error.hint:
        print(error.hint, file=sys.stderr)


def _report_bug(args: argparse.Namespace) -> None:
    from pvzdesk.paths import resolve_data_dir

    details = traceback.format_exc()
    log_path: Path | None = None
    try:
        logs = resolve_data_dir(getattr(args, "data_dir", None)).logs
        logs.mkdir(parents=True, exist_ok=True)
        log_path = logs / "crash.log"
        with log_path.open("a", encoding="utf-8") as handle:
            handle.write(details + "\n")
    except OSError:
        log_path = None
    print(
        tr("Internal error: this is a bug in pvzdesk. Nothing already saved is affected."),
        file=sys.stderr,
    )
    if log_path:
        print(
            tr("Details were saved to {path}; send it to support.", path=log_path), file=sys.stderr
        )
    else:
        print(details, file=sys.stderr)


def speak_any_language(streams: Sequence[object] = ()) -> None:
    """Russian must never crash the output. A Windows pipe (the uninstaller's check, a script)
    uses the ANSI code page, which has no Cyrillic on most machines: write UTF-8 there; a console
    that cannot show a letter gets a "?" for it, never a traceback."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or not callable(reconfigure):
            continue  # pythonw: no console at all
        try:
            "Журнал ё".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            isatty = getattr(stream, "isatty", None)
            interactive = callable(isatty) and isatty()
            reconfigure(**({"errors": "replace"} if interactive else {"encoding": "utf-8"}))


def main(argv: Sequence[str] | None = None) -> int:
    speak_any_language()
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            quiet_broken_pipe()


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Bytes that are not UTF-8 (a scanner set to the wrong layout) refused before any work."""
    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                decoded_argument(item)


def _run(args: argparse.Namespace) -> int:
    try:
        _check_text_arguments(args)
        if args.command is None:
            from pvzdesk.cli.gui import run_gui

            return run_gui(args)
        result: int = args.func(args)
        sys.stdout.flush()  # a closed pipe is found here, inside the handlers below
        return result
    except PvzdeskError as error:
        return _error_exit(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return quiet_broken_pipe()
    except OSError as exc:
        known = known_os_error(exc)
        if known is None:
            _report_bug(args)
            return EXIT_BUG
        return _error_exit(known)
    except Exception:
        _report_bug(args)
        return EXIT_BUG


def _error_exit(error: PvzdeskError) -> int:
    try:
        _print_error(error)
        sys.stdout.flush()
    except BrokenPipeError:
        return quiet_broken_pipe()
    return EXIT_ERROR
