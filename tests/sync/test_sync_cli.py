"""``pvzdesk health`` and ``pvzdesk reconcile`` (with ``--status``) as real processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from pvzdesk.app import open_app
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from tests.sync.conftest import postings_in


def _run(
    data_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir), *args]
    environment = {**os.environ, "LANG": "en_US.UTF-8", **(env or {})}
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def _settings(data_dir: Path, **platform: object) -> None:
    save_settings(data_dir / "settings.toml", Settings(platform=PlatformSettings(**platform)))  # type: ignore[arg-type]


def test_health_json_online_and_connect_refused(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Simulator(postings=5) as sim:
        _settings(data_dir, adapter="reentry", login_probe_url=sim.base_url + "/login")
        online = _run(data_dir, "health", "--json")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    _settings(data_dir, adapter="reentry", login_probe_url=f"http://127.0.0.1:{port}/login")
    refused = _run(data_dir, "health")
    assert online.returncode == 0, online.stderr
    assert json.loads(online.stdout)["state"] == "online"
    assert refused.returncode == 1
    assert "no connection to the platform" in refused.stdout


def test_health_warns_about_a_refused_key(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Simulator(postings=5) as sim:
        _settings(
            data_dir, adapter="ozon_seller", seller_api_url=sim.base_url, client_id=sim.client_id
        )
        result = _run(data_dir, "health", env={"PVZDESK_API_KEY": "wrong"})
    assert result.returncode == 1
    assert "key problem, not an outage" in result.stderr


def test_reconcile_then_status(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Simulator(seed=3, postings=80, apply_delay=0.05) as sim:
        good = postings_in(sim, "delivering")[:3]
        gone = postings_in(sim, "delivered")[0]
        with open_app(data_dir) as app:
            drafts = [EntryDraft(EntryKind.ISSUE, n, b"", {}) for n in [*good, gone]]
            app.store.journal.append(drafts, "operator")
            app.incidents.start("manual")
            app.incidents.end()
        _settings(data_dir, adapter="ozon_seller", seller_api_url=sim.base_url)
        credentials = {"PVZDESK_CLIENT_ID": sim.client_id, "PVZDESK_API_KEY": sim.api_key}
        before = _run(data_dir, "reconcile", "--status", "--json")
        reconciled = _run(
            data_dir, "reconcile", "--json", "--confirm-after", "0.2", env=credentials
        )
        after = _run(data_dir, "reconcile", "--status")
    assert json.loads(before.stdout)["summary"] == {"untried": 4}
    assert reconciled.returncode == 0, reconciled.stderr
    report = json.loads(reconciled.stdout)
    assert report["outcomes"] == {"applied": 3, "conflict": 1}
    assert report["statuses_recorded"] is not None  # re-read after the incident
    assert "Reconciling: 4 of 4" in reconciled.stderr
    assert "Waiting to reconcile: 0" in after.stdout
    assert "Conflicts and rejections: 1" in after.stdout
    assert gone in after.stdout and "delivered" in after.stdout


def test_reconcile_without_credentials_says_what_to_do(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _settings(data_dir, adapter="ozon_seller", seller_api_url="http://127.0.0.1:9")
    result = _run(data_dir, "reconcile", env={"PVZDESK_CLIENT_ID": "", "PVZDESK_API_KEY": ""})
    assert result.returncode == 2
    assert "PVZDESK_API_KEY" in result.stderr
