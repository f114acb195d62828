"""The command line as a user runs it: a real process, real files, exit codes, Russian/English."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def run(home: Path, *args: str, lang: str = "ru_RU.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PVZDESK_HOME": str(home), "LANG": lang}
    env.pop("LC_ALL", None)
    return subprocess.run(
        [sys.executable, "-m", "pvzdesk", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_receive_issue_and_json(home: Path) -> None:
    received = run(home, "receive", "0132112277-0101-1", "0132112277-0101-2", "--json")
    assert received.returncode == 0, received.stderr
    body = json.loads(received.stdout)
    assert [e["posting"] for e in body["written"]] == ["0132112277-0101-1", "0132112277-0101-2"]
    assert {f["code"] for f in body["findings"]} == {"not_in_manifest"}
    issued = run(home, "issue", "0132112277-0101-1", "--customer-code", "4471")
    assert issued.returncode == 0
    assert "выдано: 0132112277-0101-1" in issued.stdout
    again = run(home, "issue", "0132112277-0101-1")
    assert again.returncode == 1
    assert "уже выдано" in again.stderr
    listed = json.loads(run(home, "journal", "list", "--json").stdout)
    assert [e["kind"] for e in listed] == ["receive", "receive", "issue"]
    assert listed[2]["payload"]["customer_code"] == "4471"
    assert set(listed[0]) >= {"entry_id", "device_id", "device_seq", "hash", "prev_hash", "raw_hex"}


def test_errors_in_russian_then_english(home: Path) -> None:
    ru = run(home, "void", "no-such-entry", "--reason", "x")
    assert ru.returncode == 2
    assert ru.stderr.startswith("Ошибка: В журнале нет записи no-such-entry.")
    en = run(home, "void", "no-such-entry", "--reason", "x", lang="en_US.UTF-8")
    assert en.stderr.startswith("Error: There is no journal entry no-such-entry.")
    bad_date = run(home, "extend", "0132112277-0101-1", "--until", "32.13.2026")
    assert bad_date.returncode == 2 and "не дата" in bad_date.stderr


def test_verify_names_the_tampered_entry(home: Path) -> None:
    run(home, "receive", "0132112277-0101-1", "0132112277-0101-2", "0132112277-0101-3")
    assert run(home, "journal", "verify").returncode == 0
    second = json.loads(run(home, "journal", "list", "--json").stdout)[1]
    raw = sqlite3.connect(home / "journal.sqlite")
    raw.executescript("DROP TRIGGER entries_no_update;")
    raw.execute("UPDATE entries SET raw = X'00' WHERE seq = 2")
    raw.commit()
    raw.close()
    broken = run(home, "journal", "verify")
    assert broken.returncode == 1
    assert second["entry_id"] in broken.stderr and "№2" in broken.stderr
    report = json.loads(run(home, "journal", "verify", "--json").stdout)
    assert (report["ok"], report["first_bad_seq"]) == (False, 2)


def test_storage_incident_extend_flow(home: Path) -> None:
    run(home, "receive", "0132112277-0101-1")
    started = run(home, "incident", "start", "--detail", "не входит в Ozon ID", "--json")
    incident_id = json.loads(started.stdout)["written"][0]["payload"]["incident_id"]
    assert run(home, "incident", "end").returncode == 0
    incidents = json.loads(run(home, "incident", "list", "--json").stdout)
    assert incidents[0]["incident_id"] == incident_id and incidents[0]["ended_at"]
    extended = run(home, "extend", "--incident", incident_id, "--days", "2", "--json")
    assert json.loads(extended.stdout)["written"][0]["posting"] == "0132112277-0101-1"
    storage = json.loads(run(home, "storage", "--json").stdout)
    assert storage[0]["days_left"] == 9
    assert json.loads(run(home, "storage", "--overdue", "--json").stdout) == []
    assert len(json.loads(run(home, "storage", "--expiring", "9", "--json").stdout)) == 1


def test_broken_manifest_names_the_row(home: Path, tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text(
        "posting;places\n0132112277-0101-1;1\n0132112277-0101-2;ноль\n", encoding="utf-8"
    )
    result = run(home, "manifest", "import", str(manifest))
    assert result.returncode == 2
    assert "строка 3" in result.stderr and "ничего не изменилось" in result.stderr


def test_second_instance_refused_while_first_runs(home: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys,time; from pvzdesk.app import open_app; a=open_app(sys.argv[1]); print('up', flush=True); time.sleep(30)",
            str(home),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "up"
        refused = run(home, "receive", "0132112277-0101-1")
        assert refused.returncode == 2
        assert "уже запущен" in refused.stderr
    finally:
        holder.kill()
        holder.communicate()
        if holder.stdout:
            holder.stdout.close()


def test_window_without_a_screen_is_a_clear_message(home: Path) -> None:
    env = {**os.environ, "PVZDESK_HOME": str(home), "LANG": "ru_RU.UTF-8"}
    for variable in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(variable, None)
    result = subprocess.run(
        [sys.executable, "-m", "pvzdesk"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 2
    assert "Нет экрана" in result.stderr


def test_only_x11_and_wayland_systems_need_a_display_variable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pvzdesk.cli.gui import has_display

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert has_display("win32") and has_display("darwin")
    assert not has_display("linux")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert has_display("linux")


def test_russian_output_survives_a_pipe_without_cyrillic() -> None:
    # A Windows pipe speaks the ANSI code page (cp1252 on most machines): forced here.
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "LANG": "ru_RU.UTF-8"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    result = subprocess.run(
        [sys.executable, "-m", "pvzdesk", "--version"], capture_output=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "исходного кода" in result.stdout.decode("utf-8")
