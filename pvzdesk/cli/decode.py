"""``pvzdesk decode IMAGE... [--json] [--decoder zxing|zbar]``: every code found in image files."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.errors import ScanningError
from pvzdesk.i18n import tr
from pvzdesk.settings import DECODERS

if TYPE_CHECKING:
    from pvzdesk.scanning.decoders import Decoder

EXIT_OK = 0
EXIT_UNREADABLE = 1  # at least one image could not be read; the others were still decoded
EXIT_NO_DECODER = 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "decode",
        help=tr("Print every code found in image files."),
        description=tr("Print every code found in image files."),
    )
    parser.add_argument("images", nargs="+", metavar="IMAGE", type=Path)
    parser.add_argument("--json", action="store_true", help=tr("Print JSON instead of text."))
    parser.add_argument(
        "--decoder",
        choices=DECODERS,
        default="zxing",
        help=tr("Decoder to use (default: {default}).", default="zxing"),
    )
    parser.set_defaults(func=run_decode)


def escape_text(text: str) -> str:
    """Text for a terminal: control characters (GS!) as \\xNN, backslash doubled."""
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)


def code_json(read: ScanRead) -> dict[str, Any]:
    return {
        "text": read.text,
        "raw_hex": read.raw_bytes.hex(),
        "symbology": read.symbology,
        "position": [list(point) for point in read.position],
    }


def decode_file(path: Path, decoder: Decoder) -> list[ScanRead]:
    """Every code in one image file; ``ScanningError`` when the file is missing or no image."""
    if not path.is_file():
        raise ScanningError(
            tr("File {path} was not found.", path=str(path)),
            hint=tr("Check the name and the folder."),
        )
    from pvzdesk.scanning.virtual_camera import read_image  # OpenCV only for this command

    image = read_image(path)
    if image is None:
        raise ScanningError(
            tr("File {path} is not an image that can be read.", path=str(path)),
            hint=tr("Give a PNG, JPEG, BMP, TIFF or WebP file."),
        )
    return decoder.decode(image, time=datetime.now(UTC), source=ScanSource.IMAGE)


def run_decode(args: argparse.Namespace) -> int:
    from pvzdesk.scanning.decoders import make_decoder  # OpenCV only for this command

    try:
        # A still is no stream: no frame budget, every extra pass may run.
        choice = make_decoder(args.decoder, frame_budget=None)
    except ScanningError as error:
        print(str(error), file=sys.stderr)
        return EXIT_NO_DECODER
    if choice.warning is not None:
        print(str(choice.warning), file=sys.stderr)
    results: list[dict[str, Any]] = []
    exit_code = EXIT_OK
    for path in args.images:
        try:
            reads = decode_file(path, choice.decoder)
        except ScanningError as error:
            print(str(error), file=sys.stderr)
            results.append({"image": str(path), "codes": [], "error": str(error)})
            exit_code = EXIT_UNREADABLE
            continue
        results.append({"image": str(path), "codes": [code_json(r) for r in reads], "error": None})
        if not args.json:
            _print_text(path, reads)
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2, sort_keys=True)
        sys.stdout.write("\n")
    return exit_code


def _print_text(path: Path, reads: list[ScanRead]) -> None:
    if not reads:
        print(tr("{image}: no codes found", image=str(path)))
        return
    print(tr("{image}: {count} code(s)", image=str(path), count=len(reads)))
    for read in reads:
        corners = " ".join(f"{x},{y}" for x, y in read.position)
        print(f"  {read.symbology:<10} {escape_text(read.text)}  @ {corners}")
