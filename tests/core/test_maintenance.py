from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pvzdesk.app import AppContext, open_app
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
