"""``pvzdesk journal pending``: the uninstaller's check before it may delete a data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pvzdesk.cli.main import main


def _pending(data_dir: Path, *extra: str) -> int:
    return main(["--data-dir", str(data_dir), "journal", "pending", *extra])


def test_a_missing_journal_is_nothing_pending_and_is_not_created(tmp_path: Path) -> None:
    data_dir = tmp_path / "never-used"
    assert _pending(data_dir, "--exit-code") == 0
    assert not data_dir.exists()


def test_offline_work_not_yet_reentered_keeps_the_exit_code_at_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    assert main(["--data-dir", str(data_dir), "note", "online work only"]) == 0
    assert _pending(data_dir, "--exit-code") == 0
    assert main(["--data-dir", str(data_dir), "incident", "start"]) == 0
    main(["--data-dir", str(data_dir), "receive", "0132112277-0101-1"])
    capsys.readouterr()
    assert _pending(data_dir, "--exit-code") == 1
    assert "ждут 1" in capsys.readouterr().out
    assert _pending(data_dir) == 0  # without --exit-code it only reports
