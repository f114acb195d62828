"""``pvzdesk simulator`` as a real subprocess: starts, serves, stops cleanly on a signal."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.Popen(
        [sys.executable, "-m", "pvzdesk.simulator", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_serves_and_stops_on_signal(stop_signal: signal.Signals) -> None:
    with _start("--port", "0", "--seed", "3", "--postings", "12", "--faults", "slow=0.1:0.01",
                "--client-id", "77", "--api-key", "secret") as process:  # fmt: skip
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", first)
        assert match, first
        credentials = process.stdout.readline() + process.stdout.readline()
        assert "77" in credentials
        assert "secret" in credentials
        headers = {"Client-Id": "77", "Api-Key": "secret"}
        with httpx.Client(base_url=match.group(0), headers=headers, timeout=10) as client:
            assert client.get("/login").status_code == 200
            body = {"limit": 100, "filter": {"since": "2000-01-01Z", "to": "2100-01-01Z"}}
            listed = client.post("/v4/posting/fbs/list", json=body).json()
        assert len(listed["postings"]) == 12
        process.send_signal(stop_signal)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "Simulator stopped." in out


def test_cli_refuses_a_bad_fault_spec() -> None:
    with _start("--faults", "5xx=7") as process:
        _out, err = process.communicate(timeout=20)
    assert process.returncode == 2
    assert "fault spec" in err


def test_every_cli_message_has_a_russian_translation() -> None:
    from pvzdesk.i18n import _catalogue

    source = (ROOT / "pvzdesk" / "simulator" / "command.py").read_text(encoding="utf-8")
    messages = re.findall(r'tr\(\s*"([^"]+)"', source)
    assert len(messages) >= 10
    missing = [message for message in messages if message not in _catalogue("ru")]
    assert not missing
