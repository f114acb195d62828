"""What this pvzdesk is: its version, when it was built, and the versions of what it runs on.

Read from package metadata, never by importing Qt or the decoders, so ``pvzdesk --version`` stays
fast and works where Qt cannot load (a Windows check under Wine). The build writes
``build_info.json`` beside this file (``tools/build_resources.py``); a source checkout has none.
"""

from __future__ import annotations

import json
import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from pvzdesk import __version__
from pvzdesk.i18n import tr

BUILD_INFO = Path(__file__).with_name("build_info.json")
# The distributions whose versions matter in a support ticket, by the name shown.
COMPONENTS = (
    ("Qt (PySide6)", "PySide6-Essentials"),
    ("zxing-cpp", "zxing-cpp"),
    ("pyzbar", "pyzbar"),
    ("OpenCV", "opencv-python-headless"),
    ("SQLite", ""),
)


@dataclass(frozen=True)
class VersionInfo:
    version: str
    build_date: str  # ISO date of the build, or "" in a source checkout
    build_kind: str  # "deb", "windows", "source"
    python: str
    components: tuple[tuple[str, str], ...]  # (name, version or "")

    def lines(self) -> list[str]:
        if self.build_date:
            built = tr("built {date} ({kind})", date=self.build_date, kind=self.build_kind)
        else:
            built = tr("run from a source checkout")
        rows = [f"pvzdesk {self.version}", built, f"Python {self.python}"]
        rows += [f"{name} {version or '-'}" for name, version in self.components]
        return rows

    def text(self) -> str:
        return "\n".join(self.lines())


def _distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


def _sqlite_version() -> str:
    import sqlite3  # stdlib, already loaded by the core

    return sqlite3.sqlite_version


def read_build_info(path: Path = BUILD_INFO) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(key): str(value) for key, value in data.items()} if isinstance(data, dict) else {}


def version_info() -> VersionInfo:
    build = read_build_info()
    components = tuple(
        (name, _distribution_version(dist) if dist else _sqlite_version())
        for name, dist in COMPONENTS
    )
    python = f"{platform.python_version()} ({platform.architecture()[0]}, {sys.platform})"
    return VersionInfo(
        version=__version__,
        build_date=build.get("date", ""),
        build_kind=build.get("kind", "source"),
        python=python,
        components=components,
    )
