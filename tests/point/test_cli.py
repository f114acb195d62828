"""``pvzdesk point|central sync|status`` as a user runs them, against a real PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pvzdesk.cli.main import main
from tests.point.conftest import desk_env, write_desk_settings
from tests.point.pg import Cluster
from tests.point.proxy import LinkProxy


def cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_point_sync_and_status_between_two_desks(
    tmp_path: Path,
    pg_cluster: Cluster,
    point_db: str,
    central_db: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write_desk_settings(one, "1", pg_cluster.url(point_db), pg_cluster.url(central_db))
    write_desk_settings(two, "2", pg_cluster.url(point_db))
    assert cli(capsys, one, "receive", "0132112277-0101-1", "0132112277-0101-2")[0] == 0
    # a real process once: the command is registered and speaks Russian
    synced = subprocess.run(
        [sys.executable, "-m", "pvzdesk", "--data-dir", str(one), "point", "sync"],
        capture_output=True,
        text=True,
        env={**desk_env(), "LANG": "ru_RU.UTF-8"},
        timeout=120,
    )
    assert synced.returncode == 0, synced.stderr
    assert "База точки: на связи" in synced.stdout
    assert "Записей отправлено: 2, ждут отправки: 0" in synced.stdout
    code, out, err = cli(capsys, two, "point", "sync", "--json")
    assert code == 0, err
    body = json.loads(out)
    assert (body["state"], body["desks_seen"], body["pulled"]) == ("connected", ["1"], 2)
    assert body["conflicts"] == [] and body["unclaimed"] == 0
    # the receive itself sent its entries to central too (the push after a counter command)
    central = json.loads(cli(capsys, one, "central", "status", "--json")[1])
    assert (central["state"], central["pushed"], central["pending"]) == ("connected", 2, 0)
    pushed = json.loads(cli(capsys, one, "central", "sync", "--json")[1])
    assert (pushed["pushed"], pushed["pending"]) == (2, 0)


def test_status_when_the_database_is_away_and_when_none_is_configured(
    tmp_path: Path,
    point_db: str,
    proxy: LinkProxy,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = tmp_path / "desk"
    write_desk_settings(desk, "1", proxy.url(point_db))
    proxy.cut()
    code, out, _ = cli(capsys, desk, "point", "status")
    assert code == 1 and "База точки: нет связи" in out
    code, _, err = cli(capsys, desk, "point", "sync")
    assert code == 2 and "недоступна" in err
    alone = tmp_path / "alone"
    write_desk_settings(alone, "1")
    code, _, err = cli(capsys, alone, "central", "status")
    assert code == 2 and "Центральная база не настроена" in err
    # the environment names the database when the settings do not
    proxy.restore()
    monkeypatch.setenv("PVZDESK_POINT_DB", proxy.url(point_db))
    code, out, _ = cli(capsys, alone, "point", "status", "--json")
    assert code == 0 and json.loads(out)["state"] == "connected"


def test_a_report_of_the_whole_point_labelled_by_desk(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write_desk_settings(one, "1", pg_cluster.url(point_db))
    write_desk_settings(two, "2", pg_cluster.url(point_db))
    assert cli(capsys, one, "receive", "0132112277-0101-1")[0] == 0
    assert cli(capsys, one, "point", "sync")[0] == 0
    assert cli(capsys, two, "receive", "0132112277-0101-2")[0] == 0
    code, out, err = cli(capsys, two, "point", "report", "--sync", "--out", str(tmp_path / "out"))
    assert code == 0, err
    files = [Path(line) for line in out.splitlines()]
    assert {path.suffix for path in files} == {".xlsx", ".csv"}
    operations = next(p for p in files if p.name.endswith("point_operations.csv"))
    rows = operations.read_text(encoding="utf-8-sig").splitlines()
    assert len(rows) == 3  # the header, desk 1's receive and desk 2's
    by_posting = {row.split(";")[4]: row.split(";")[1] for row in rows[1:]}
    assert by_posting == {"0132112277-0101-1": "1", "0132112277-0101-2": "2"}


def test_the_cli_issue_claims_the_parcel_first(
    tmp_path: Path, pg_cluster: Cluster, point_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    write_desk_settings(one, "1", pg_cluster.url(point_db), operator="Иванова")
    write_desk_settings(two, "2", pg_cluster.url(point_db))
    assert cli(capsys, one, "receive", "0132112277-0101-1")[0] == 0
    assert cli(capsys, one, "issue", "0132112277-0101-1")[0] == 0
    code, out, err = cli(capsys, two, "issue", "0132112277-0101-1")
    assert code == 1 and "✓" not in out
    assert (
        "0132112277-0101-1: выдано на кассе 1 в " in err and ", Иванова. Ничего не записано." in err
    )
