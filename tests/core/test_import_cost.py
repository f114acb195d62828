"""CLI commands load only what they use: heavy libraries stay out of ``journal verify``/``incident list``.

DESIGN §11 gives a CLI command 0.5 s; OpenCV+numpy alone cost ~0.15 s and PySide6, openpyxl and
reportlab more. The check is on ``sys.modules`` after a real command in a real process, not on time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("numpy", "cv2", "PySide6", "openpyxl", "reportlab", "zxingcpp", "httpx", "psycopg")

CHILD = """
import contextlib, io, json, sys
from pvzdesk.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(json.dumps({{"code": code, "heavy": heavy}}))
"""


def run_child(home: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "PVZDESK_HOME": str(home), "LANG": "en_US.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(heavy=set(HEAVY)), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


@pytest.mark.parametrize("command", [("journal", "verify"), ("incident", "list")])
def test_everyday_commands_import_no_heavy_library(
    tmp_path: Path, command: tuple[str, str]
) -> None:
    home = tmp_path / "home"
    received = run_child(home, "receive", "0132112277-0101-1")  # a journal with an entry in it
    assert received["code"] == 0
    result = run_child(home, *command)
    assert result["code"] == 0
    assert result["heavy"] == []


def test_decode_still_loads_the_decoders(tmp_path: Path) -> None:
    """The other side: the lazy imports do load when the command needs them."""
    result = run_child(tmp_path / "home", "decode", str(tmp_path / "missing.png"))
    assert result["code"] == 1  # the file is missing: reported, other files would still decode
    assert "cv2" in result["heavy"]  # type: ignore[operator]


WINDOW_CHILD = """
import json, sys
from pvzdesk.app import open_app
from pvzdesk.ui.app import application, build_window
qt_app = application()
app = open_app(sys.argv[1], check_integrity=False)
ctx, window = build_window(app, monitor=None)
window.show()
qt_app.processEvents()
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {"numpy", "cv2", "zxingcpp"})
visible = window.isVisible()
window.close()
ctx.shutdown()
app.close()
print(json.dumps({"heavy": heavy, "visible": visible}))
"""


def test_the_window_opens_without_the_camera_libraries(tmp_path: Path) -> None:
    """The camera is off at start (USB scanners): OpenCV and numpy load when it is switched on."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_CHILD, str(tmp_path / "home")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"heavy": [], "visible": True}
