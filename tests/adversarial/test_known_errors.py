"""6. Every error known: each crash of the adversarial run is now a clear Russian sentence with
exit code 2 (a known error), and never a traceback or exit 70 (``Desk.run`` checks that)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart

from tests.adversarial.conftest import P1, P2, REPO, Desk, fill_disk


def test_a_full_disk_is_a_clear_error_even_for_verify(desk: Desk, small_disk: Path | None) -> None:
    if small_disk is None:
        # no tmpfs here: a file-size limit below the journal's size is the same wall
        assert desk.run("receive", P1).returncode == 0
        size = desk.journal.stat().st_size
        failed = desk.run("note", "x" * 5000, file_limit=size)
        assert failed.returncode == 2 and "НЕ сохранена" in failed.stderr
        return
    home = small_disk / "desk"
    assert desk.run("receive", P1, data_dir=home).returncode == 0
    fill_disk(small_disk)
    for command in (("journal", "verify"), ("storage",), ("receive", P2), ("backup",)):
        result = desk.run(*command, data_dir=home)
        assert result.returncode == 2, command
        assert "Диск заполнен" in result.stderr, command
    (small_disk / "filler").unlink()
    verify = desk.run("journal", "verify", data_dir=home)
    assert verify.returncode == 0 and "записей 1" in verify.stdout


def test_a_file_size_limit_mid_burst_reports_each_code_saved(desk: Desk) -> None:
    assert desk.run("note", "начало").returncode == 0
    size = desk.journal.stat().st_size  # closed cleanly: everything is in the main file
    codes = [f"01321122{n:02d}-0101-1" for n in range(10, 90)]
    burst = desk.run("receive", *codes, file_limit=size + 40_000)
    assert burst.returncode == 2
    assert "НЕ сохранена" in burst.stderr  # SQLite reports the limit as an I/O error
    ticked = [line.split(": ")[1].split()[0] for line in burst.stdout.splitlines() if "✓" in line]
    assert 0 < len(ticked) < len(codes)
    saved = json.loads(desk.run("journal", "list", "--kind", "receive", "--json").stdout)
    assert [entry["posting"] for entry in saved] == ticked == codes[: len(ticked)]


def test_a_read_only_data_folder(desk: Desk, read_only_view: Callable[[Path], Path | None]) -> None:
    assert desk.run("receive", P1).returncode == 0
    view = read_only_view(desk.home)
    # root (as CI runs) gets a read-only bind mount; anyone else a chmod'ed folder
    assert view is not None, "neither a read-only bind mount nor a non-root chmod worked here"
    for command in (("storage",), ("receive", P2), ("journal", "verify")):
        result = desk.run(*command, data_dir=view)
        assert result.returncode == 2, command
        assert "только для чтения" in result.stderr, command


def test_an_unwritable_log_never_stops_the_counter(desk: Desk) -> None:
    desk.home.mkdir()
    (desk.home / "logs").write_text("a file where the log folder should be", encoding="utf-8")
    assert desk.run("receive", P1).returncode == 0
    (desk.home / "logs").unlink()
    (desk.home / "logs" / "pvzdesk.log").mkdir(parents=True)  # the log file is a folder
    result = desk.run("receive", P2)
    assert result.returncode == 0 and result.stderr.count("\n") <= 1


def test_an_xlsx_whose_only_sheet_is_a_chart(desk: Desk, tmp_path: Path) -> None:
    book = Workbook()
    data = book.active
    assert data is not None
    chart = book.create_chartsheet("Диаграмма", 0)
    chart.add_chart(BarChart())
    book.remove(data)
    path = tmp_path / "chart.xlsx"
    book.save(path)
    result = desk.run("manifest", "import", str(path))
    assert result.returncode == 2 and "диаграммы" in result.stderr


def test_invalid_utf8_in_a_scanned_code(desk: Desk) -> None:
    result = desk.run("receive", b"\xff\xfe0132112277")
    assert result.returncode == 2 and "UTF-8" in result.stderr
    assert not desk.journal.exists() or desk.count() == 0


def test_a_non_ascii_api_key(desk: Desk) -> None:
    result = desk.run("health", PVZDESK_API_KEY="ключ-123", PVZDESK_CLIENT_ID="100500")
    assert result.returncode == 2 and "API-ключе" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("extend", P1, "--days", "99999999"),
        ("extend", P1, "--days", "-3"),
        ("extend", P1, "--until", "31.12.9999"),
        ("storage", "--expiring", "9999999999"),
        ("journal", "list", "--limit", "-1"),
        ("journal", "list", "--limit", "abc"),
        ("report", "--from", "0001-01-01", "--to", "0002-01-01"),
        ("report", "--date", "01.01.3000"),
    ],
)
def test_out_of_range_arguments(desk: Desk, command: tuple[str, ...]) -> None:
    result = desk.run(*command)
    assert result.returncode == 2, result.stderr
    assert (
        "вне допустимого" in result.stderr
        or "не может быть" in result.stderr
        or ("не целое" in result.stderr)
    )


def test_out_naming_an_existing_file_or_folder(desk: Desk, tmp_path: Path) -> None:
    existing = tmp_path / "old.zip"
    existing.write_bytes(b"earlier bundle")
    assert desk.run("incident", "start").returncode == 0
    report = desk.run("report", "--out", str(existing))
    assert report.returncode == 2 and "это файл" in report.stderr
    bundle = desk.run("bundle", "--out", str(existing))
    assert bundle.returncode == 2 and "уже существует" in bundle.stderr
    assert existing.read_bytes() == b"earlier bundle"
    folder = desk.run("bundle", "--out", str(tmp_path))
    assert folder.returncode == 2 and "это папка" in folder.stderr


def test_output_piped_to_head_ends_quietly(desk: Desk) -> None:
    desk.append_notes(2_000)  # enough entries to overflow a pipe's buffer
    with subprocess.Popen(
        [sys.executable, "-m", "pvzdesk", "--data-dir", str(desk.home), "journal", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=desk.env(),
        cwd=REPO,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline()  # what `head -1` reads...
        process.stdout.close()  # ...before it exits
        errors = process.stderr.read()
        assert process.wait(timeout=60) == 141
    assert errors == b""


def test_data_dir_naming_a_file(desk: Desk, tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    for command in (("storage",), ("journal", "verify"), ("journal", "restore")):
        result = desk.run(*command, data_dir=a_file)
        assert result.returncode == 2 and "это файл, а не папка" in result.stderr, command
