"""Build what ships from the top-level ``resources/``: run-time assets into the package, and the
installers' icons and artwork into ``build/resources``.

    python tools/build_resources.py [--stamp deb|windows]

``--stamp`` also writes ``pvzdesk/build_info.json`` (build date and kind) for ``--version``.
Qt renders the SVGs (PySide6 is already a dependency); Pillow (already pulled in by reportlab)
writes the multi-size ICO and the BMPs NSIS wants.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "resources"
PACKAGE_RESOURCES = ROOT / "pvzdesk" / "resources"
BUILD = ROOT / "build" / "resources"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def copy_runtime_assets() -> list[Path]:
    """What the program loads at run time: the window icon and the scan tones."""
    copied = []
    pairs = [(SOURCES / "icons" / "pvzdesk.svg", PACKAGE_RESOURCES / "icons" / "pvzdesk.svg")]
    pairs += [
        (wav, PACKAGE_RESOURCES / "sounds" / wav.name)
        for wav in sorted((SOURCES / "sounds").glob("*.wav"))
    ]
    for source, target in pairs:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
        copied.append(target)
    return copied


def _render(svg: Path, width: int, height: int, out: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    if not image.save(str(out)):
        raise SystemExit(f"cannot write {out}")


def build_installer_art() -> list[Path]:
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    BUILD.mkdir(parents=True, exist_ok=True)
    icon = SOURCES / "icons" / "pvzdesk.svg"
    made = []
    for size in PNG_SIZES:
        out = BUILD / f"pvzdesk-{size}.png"
        _render(icon, size, size, out)
        made.append(out)
    biggest = Image.open(BUILD / "pvzdesk-256.png")
    ico = BUILD / "pvzdesk.ico"
    biggest.save(ico, sizes=[(s, s) for s in ICO_SIZES])
    made.append(ico)
    welcome_png = BUILD / "welcome.png"
    _render(SOURCES / "installer" / "welcome.svg", 164, 314, welcome_png)
    welcome = Image.open(welcome_png).convert("RGB")
    badge = Image.open(BUILD / "pvzdesk-128.png")
    welcome.paste(badge, (18, 80), badge)
    welcome.save(BUILD / "welcome.bmp")
    header = Image.new("RGB", (150, 57), "white")
    small = Image.open(BUILD / "pvzdesk-48.png")
    header.paste(small, (96, 4), small)
    header.save(BUILD / "header.bmp")
    made += [BUILD / "welcome.bmp", BUILD / "header.bmp"]
    return made


def stamp(kind: str) -> Path:
    info = {"date": datetime.now(UTC).date().isoformat(), "kind": kind}
    target = ROOT / "pvzdesk" / "build_info.json"
    target.write_text(json.dumps(info) + "\n", encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stamp", choices=("deb", "windows"))
    parser.add_argument("--runtime-only", action="store_true", help="skip the installer art")
    args = parser.parse_args()
    made = copy_runtime_assets()
    if not args.runtime_only:
        made += build_installer_art()
    if args.stamp:
        made.append(stamp(args.stamp))
    for path in made:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
