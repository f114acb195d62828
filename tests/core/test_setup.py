"""First-run set-up from the terminal, against the real simulator (``/v1/roles``) and a real
settings file; the key goes to a keyring backend held in memory (the one thing not real here:
no desktop keyring runs on a build machine)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pvzdesk.app import setup_seller_api
from pvzdesk.cli.main import main
from pvzdesk.paths import DataPaths, backups_dir
from pvzdesk.secrets import KEYRING_SERVICE
from pvzdesk.services.setup import check_seller_key, needs_setup, split_operators
from pvzdesk.settings import load_settings
from pvzdesk.simulator import Simulator
from pvzdesk.sync.seller_api import SellerApi
from tests.memory_keyring import MemoryKeyring


@pytest.fixture
def sim() -> Iterator[Simulator]:
    expires = datetime.now(UTC) + timedelta(days=40)
    with Simulator(seed=3, postings=5, apply_delay=0.0, key_expires_at=expires) as simulator:
        yield simulator


def test_operator_names_split_on_commas_once_each() -> None:
    assert split_operators(" Анна ,Борис;  Вера  Петрова,,Анна") == (
        "Анна",
        "Борис",
        "Вера Петрова",
    )


def test_a_seller_desk_is_set_up_with_a_checked_key(
    tmp_path: Path,
    sim: Simulator,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "data"
    assert needs_setup(DataPaths(data_dir))
    monkeypatch.setattr("sys.stdin", io.StringIO(sim.api_key + "\n"))
    code = main(
        [
            "--data-dir", str(data_dir), "setup", "--point-type", "seller",
            "--point-name", "Склад на Ленина", "--operators", "Анна, Борис",
            "--seller-api-url", sim.base_url, "--client-id", sim.client_id,
            "--api-key-stdin", "--camera", "1", "--backups", str(tmp_path / "usb"),
        ]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "ключ действует" in out.lower() and ("39 дн" in out or "40 дн" in out)
    settings = load_settings(data_dir / "settings.toml")
    assert settings.platform.adapter == "ozon_seller"
    assert settings.platform.client_id == sim.client_id
    assert settings.operators == ["Анна", "Борис"] and settings.operator == "Анна"
    assert settings.scanner.camera == "1" and settings.point_name == "Склад на Ленина"
    assert backups_dir(DataPaths(data_dir), settings.backup_dir) == tmp_path / "usb"
    assert memory_keyring.saved == {(KEYRING_SERVICE, sim.client_id): sim.api_key}
    assert sim.api_key not in (data_dir / "settings.toml").read_text(encoding="utf-8")
    assert not needs_setup(DataPaths(data_dir))


def test_a_wrong_key_is_refused_and_nothing_is_saved(
    tmp_path: Path,
    sim: Simulator,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setattr("sys.stdin", io.StringIO("not-the-key\n"))
    code = main(
        [
            "--data-dir", str(data_dir), "setup", "--point-type", "seller",
            "--seller-api-url", sim.base_url, "--client-id", sim.client_id, "--api-key-stdin",
        ]
    )  # fmt: skip
    assert code == 1
    assert not (data_dir / "settings.toml").exists()
    assert memory_keyring.saved == {}
    assert capsys.readouterr().out.strip()  # the platform's refusal, in words


def test_the_key_check_shows_the_expiry_and_warns_when_close(sim: Simulator) -> None:
    now = datetime.now(UTC)

    def api() -> SellerApi:
        return setup_seller_api(sim.base_url, sim.client_id, sim.api_key)

    fine = check_seller_key(api(), now)
    assert fine.ok and fine.expires_at is not None
    assert fine.expires_at.astimezone().strftime("%d.%m.%Y") in fine.message
    soon = check_seller_key(api(), now + timedelta(days=35))
    assert soon.ok and "скоро" in soon.message.lower()
    late = check_seller_key(api(), now + timedelta(days=60))
    assert not late.ok


def test_skipping_keeps_the_defaults_and_is_not_asked_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "setup", "--skip"]) == 0
    assert load_settings(data_dir / "settings.toml").platform.adapter == "reentry"
    assert not needs_setup(DataPaths(data_dir))


def test_a_partner_point_needs_no_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nothing is asked
    assert main(["--data-dir", str(data_dir), "setup", "--point-type", "partner"]) == 0
    assert load_settings(data_dir / "settings.toml").platform.adapter == "reentry"
