"""Versions: ``--version`` tells the whole line-up; the journal notes every version change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import pvzdesk.app
from pvzdesk import __version__
from pvzdesk.app import open_app
from pvzdesk.clock import FixedClock
from pvzdesk.domain.models import EntryKind
from pvzdesk.services.versions import record_app_version
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.version import read_build_info, version_info

PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def test_version_option_names_python_qt_and_the_decoders() -> None:
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_ROOT), "LANG": "ru_RU.UTF-8"}
    result = subprocess.run(
        [sys.executable, "-m", "pvzdesk", "--version"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"pvzdesk {__version__}"
    assert lines[1] == "запущен из исходного кода"  # no build_info.json in a checkout
    from importlib.metadata import version

    for expected in (
        f"Python {sys.version.split()[0]}",
        f"Qt (PySide6) {version('PySide6-Essentials')}",
        f"zxing-cpp {version('zxing-cpp')}",
        f"pyzbar {version('pyzbar')}",
    ):
        assert any(line.startswith(expected) for line in lines), (expected, lines)


def test_a_build_stamps_its_date_and_kind(tmp_path: Path) -> None:
    stamp = tmp_path / "build_info.json"
    stamp.write_text(json.dumps({"date": "2026-12-02", "kind": "deb"}), encoding="utf-8")
    assert read_build_info(stamp) == {"date": "2026-12-02", "kind": "deb"}
    assert read_build_info(tmp_path / "missing.json") == {}
    stamp.write_text("[1, 2]", encoding="utf-8")
    assert read_build_info(stamp) == {}
    assert version_info().version == __version__


def _version_notes(data_dir: Path, clock: FixedClock) -> list[dict[str, object]]:
    with open_app(data_dir, clock=clock, exclusive=False) as app:
        where = EntryFilter(kinds=(EntryKind.NOTE,))
        return [e.payload for e in app.store.journal.entries(where) if "version" in e.payload]


def test_an_upgrade_is_journaled_once_and_the_first_version_only_remembered(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_app(data_dir, clock=clock) as app:
        assert app.store.journal.count() == 0  # a new journal starts empty
    monkeypatch.setattr(pvzdesk.app, "__version__", "9.0.0")
    for _ in range(2):
        with open_app(data_dir, clock=clock):
            pass
    notes = _version_notes(data_dir, clock)
    assert [(n["previous"], n["version"]) for n in notes] == [(__version__, "9.0.0")]
    assert "9.0.0" in str(notes[0]["text"])
    monkeypatch.setattr(pvzdesk.app, "__version__", __version__)  # a downgrade is noted too
    with open_app(data_dir, clock=clock) as app:
        assert app.store.journal.verify().ok
    notes = _version_notes(data_dir, clock)
    assert [n["version"] for n in notes] == ["9.0.0", __version__]


def test_the_same_version_writes_nothing(data_dir: Path, clock: FixedClock) -> None:
    with open_app(data_dir, clock=clock) as app:
        assert record_app_version(app.store, "op", __version__) is None
        entry = record_app_version(app.store, "op", "1.2.3")
        assert entry is not None and entry.payload["previous"] == __version__
        assert record_app_version(app.store, "op", "1.2.3") is None
        assert app.store.journal.count() == 1


def test_incidents_carry_the_app_version(data_dir: Path, clock: FixedClock) -> None:
    with open_app(data_dir, clock=clock) as app:
        incident, started = app.incidents.start("connect")
        _, ended = app.incidents.end(incident.incident_id)
    assert started.entries[0].payload["app_version"] == __version__
    assert ended.entries[0].payload["app_version"] == __version__
