"""A person declares an outage from the terminal too: the same refusals as the window's dialog."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from pvzdesk.app import open_app
from pvzdesk.cli.main import main
from pvzdesk.settings import Settings, save_settings


def test_incident_start_since_refuses_the_future_and_an_overlap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    save_settings(tmp_path / "settings.toml", Settings(sounds=False))
    data = str(tmp_path)
    ahead = (datetime.now() + timedelta(hours=2)).strftime("%d.%m.%Y %H:%M")
    assert main(["--data-dir", data, "incident", "start", "--since", ahead]) == 2
    refused = capsys.readouterr().err
    assert "Сбой не может начаться в будущем" in refused, refused
    with open_app(tmp_path) as app:
        assert app.incidents.latest() is None  # nothing written

    before = (datetime.now() - timedelta(hours=3)).strftime("%d.%m.%Y %H:%M")
    assert main(["--data-dir", data, "incident", "start", "--since", before]) == 0
    assert main(["--data-dir", data, "incident", "end"]) == 0
    capsys.readouterr()
    overlap = (datetime.now() - timedelta(hours=1)).strftime("%d.%m.%Y %H:%M")
    assert main(["--data-dir", data, "incident", "start", "--since", overlap]) == 2
    assert "Предыдущий сбой закончился" in capsys.readouterr().err
    with open_app(tmp_path) as app:
        assert len(app.incidents.incidents()) == 1
