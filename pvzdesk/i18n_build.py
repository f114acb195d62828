"""Compile the ``.ts`` catalogues to the ``.qm`` files Qt loads (run by ``make``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from pvzdesk.i18n import I18N_DIR


def lrelease_command() -> list[str]:
    found = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    return [found]


def compile_catalogues() -> list[Path]:
    compiled: list[Path] = []
    for ts_file in sorted(I18N_DIR.glob("*/*.ts")):
        qm_file = ts_file.with_suffix(".qm")
        if qm_file.exists() and qm_file.stat().st_mtime >= ts_file.stat().st_mtime:
            compiled.append(qm_file)
            continue
        subprocess.run(
            [*lrelease_command(), "-silent", str(ts_file), "-qm", str(qm_file)],
            check=True,
        )
        compiled.append(qm_file)
    return compiled


if __name__ == "__main__":
    compile_catalogues()
