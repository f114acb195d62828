"""The one place that wires pvzdesk together: paths, settings, logging, storage and services."""

from __future__ import annotations

import logging
import logging.handlers
from dataclasses import dataclass
from pathlib import Path

from pvzdesk.clock import Clock, SystemClock
from pvzdesk.domain.policy import StoragePolicy
from pvzdesk.paths import DataPaths, resolve_data_dir
from pvzdesk.services.counter import CounterService
from pvzdesk.services.incidents import IncidentService
from pvzdesk.settings import Settings, load_settings
from pvzdesk.storage import Store, open_store

LOG_NAME = "pvzdesk.log"


@dataclass
class AppContext:
    paths: DataPaths
    settings: Settings
    clock: Clock
    store: Store
    counter: CounterService
    incidents: IncidentService

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> AppContext:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def setup_logging(paths: DataPaths) -> None:
    paths.logs.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(
        paths.logs / LOG_NAME, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("pvzdesk")
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        root.addHandler(handler)
    else:
        handler.close()
    root.setLevel(logging.INFO)


def load_context_settings(data_dir: str | Path | None) -> tuple[DataPaths, Settings]:
    paths = resolve_data_dir(data_dir)
    return paths, load_settings(paths.settings)


def open_app(
    data_dir: str | Path | None = None,
    *,
    clock: Clock | None = None,
    exclusive: bool = True,
    check_integrity: bool = True,
) -> AppContext:
    """Open the data directory for work. Raises PvzdeskError subclasses for known problems."""
    paths, settings = load_context_settings(data_dir)
    clock = clock or SystemClock()
    setup_logging(paths)
    store = open_store(paths.root, clock, exclusive=exclusive, check_integrity=check_integrity)
    policy = StoragePolicy(default_days=settings.storage_days)
    return AppContext(
        paths=paths,
        settings=settings,
        clock=clock,
        store=store,
        counter=CounterService(store, clock, policy, settings.operator),
        incidents=IncidentService(store, clock, settings.operator),
    )
