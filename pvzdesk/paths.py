"""Where pvzdesk keeps its files: platformdirs, overridden by --data-dir or PVZDESK_HOME."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from pvzdesk.errors import UsageError
from pvzdesk.i18n import tr

HOME_VARIABLE = "PVZDESK_HOME"


@dataclass(frozen=True)
class DataPaths:
    root: Path

    @property
    def settings(self) -> Path:
        return self.root / "settings.toml"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def evidence(self) -> Path:
        return self.root / "evidence"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def reports(self) -> Path:
        return self.root / "reports"


def backups_dir(paths: DataPaths, configured: str) -> Path:
    """The backups folder: the configured one (another disk survives this one), else inside."""
    return Path(configured).expanduser() if configured.strip() else paths.backups


def resolve_data_dir(explicit: str | Path | None = None) -> DataPaths:
    if explicit:
        return _folder(DataPaths(Path(explicit).expanduser().resolve()))
    from_env = os.environ.get(HOME_VARIABLE)
    if from_env:
        return _folder(DataPaths(Path(from_env).expanduser().resolve()))
    return _folder(DataPaths(Path(user_data_dir("pvzdesk", appauthor=False))))


def _folder(paths: DataPaths) -> DataPaths:
    """A data folder that is a file (or lies under one) is a clear error, not a traceback."""
    for folder in (paths.root, *paths.root.parents):
        if folder.exists():
            if not folder.is_dir():
                raise UsageError(
                    tr("The data folder {path} is a file, not a folder.", path=paths.root),
                    hint=tr("Give a folder with --data-dir (or PVZDESK_HOME)."),
                )
            break
    return paths
