"""The core's command path stays light: a counter whose Qt or OpenCV files are damaged, or a
Windows machine under Wine with no Qt at all, can still verify and export its journal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("numpy", "cv2", "PySide6", "shiboken6", "zxingcpp", "pyzbar", "reportlab", "openpyxl")

PROBE = """
import json, sys
from pvzdesk.cli.main import main
code = main(sys.argv[1:])
heavy = sorted({name.split(".")[0] for name in sys.modules} & set(json.loads(input())))
print(json.dumps({"code": code, "heavy": heavy}))
"""


def test_journal_verify_loads_no_numpy_opencv_or_qt(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT)}
    data_dir = tmp_path / "data"
    for argv in (["note", "a first entry"], ["journal", "verify"]):
        result = subprocess.run(
            [sys.executable, "-c", PROBE, "--data-dir", str(data_dir), *argv],
            input=json.dumps(HEAVY),
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
        outcome = json.loads(result.stdout.strip().splitlines()[-1])
        assert outcome == {"code": 0, "heavy": []}, result.stdout + result.stderr
