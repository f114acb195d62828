"""The demo's story, headless, as a real process against the real simulator."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_headless_demo_tells_the_whole_loop(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "ru_RU.UTF-8"}
    env.pop("DISPLAY", None)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pvzdesk",
            "--data-dir",
            str(tmp_path / "demo"),
            "demo",
            "--postings",
            "80",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "Экрана нет" in result.stderr  # no display: the story goes to the terminal
    for step in (
        "Платформа: на связи",
        "Нет связи: сбой",
        "выдано:",
        "отказ:",
        "уже выдано",
        "Сверка журнала",
        "Журнал цел: да",
    ):
        assert step in out, step
    outcomes_line = next(line for line in out.splitlines() if "Итоги" in line)
    assert "на платформе" in outcomes_line and "_" not in outcomes_line  # words, not names
    reports = tmp_path / "demo" / "reports"
    assert (reports / "support-bundle.zip").exists()
    assert (reports / "reentry-sheet.pdf").exists()
    assert list(reports.glob("report-*.xlsx"))
    delivered_line = next(line for line in out.splitlines() if "доставлены" in line)
    assert delivered_line.count("-") >= 4  # at least the two parcels issued offline
