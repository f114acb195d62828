from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

from pvzdesk.app import LOG_NAME, MAINTENANCE_LOG_NAME, AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.maintenance import MaintenanceReport
from pvzdesk.maintenance import daily_maintenance as run_maintenance
from pvzdesk.settings import Settings, save_settings
from pvzdesk.storage.backups import list_backups


def daily_maintenance(app: AppContext) -> MaintenanceReport:
    return run_maintenance(app.services)


def test_daily_maintenance_backs_up_once_a_day(app: AppContext, clock: FixedClock) -> None:
    app.counter.receive(["0132112277-0101-1"])
    first = daily_maintenance(app)
    assert first.backup is not None and first.backup.exists()
    assert daily_maintenance(app).backup is None  # not due again the same day
    clock.advance(timedelta(days=1, minutes=1))
    assert daily_maintenance(app).backup is not None
    assert len(list_backups(app.paths.backups)) == 2


def test_backups_go_to_the_configured_folder(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "usb-disk" / "pvzdesk"
    save_settings(data_dir / "settings.toml", Settings(backup_dir=str(elsewhere)))
    with open_app(data_dir, clock=clock) as app:
        app.counter.receive(["0132112277-0101-1"])
        report = daily_maintenance(app)
    assert report.backup is not None and report.backup.parent == elsewhere
    assert list_backups(elsewhere) and not list_backups(data_dir / "backups")


WINDOW = """
import logging, subprocess, sys
from pvzdesk.app import open_app

data_dir, now = sys.argv[1], sys.argv[2]
with open_app(data_dir) as app:  # holds the folder and its log file open, as the window does
    app.counter.receive(["0132112277-0101-1"])
    log = logging.getLogger("pvzdesk.window")
    log.info("window before the upkeep")
    upkeep = subprocess.run(
        [sys.executable, "-m", "pvzdesk.maintenance", data_dir, "--now", now], check=True
    )
    log.info("window after the upkeep")
"""


def test_the_upkeep_child_writes_its_own_log_file(data_dir: Path, clock: FixedClock) -> None:
    """Two processes never rotate one file: on Windows the open file could not be renamed."""
    done = subprocess.run(
        [sys.executable, "-c", WINDOW, str(data_dir), clock.now().isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    window_log = (data_dir / "logs" / LOG_NAME).read_text(encoding="utf-8")
    upkeep_log = (data_dir / "logs" / MAINTENANCE_LOG_NAME).read_text(encoding="utf-8")
    assert "window before the upkeep" in window_log and "window after the upkeep" in window_log
    assert "daily upkeep done" in upkeep_log
    # Its disk work yields to the window's commits (where the system lets it: the line says).
    assert "daily upkeep: I/O priority " in upkeep_log
    if sys.platform.startswith("linux"):
        assert "I/O priority idle I/O class" in upkeep_log
    assert "daily upkeep" not in window_log
    assert "window" not in upkeep_log
