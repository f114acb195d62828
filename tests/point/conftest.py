"""A real PostgreSQL for the point tests, started once per test process (~3 s).

PostgreSQL missing is a failure, not a skip: ``make test`` installs it (Debian package ``postgresql``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import SystemClock
from pvzdesk.settings import CentralSettings, PointSettings, Settings, save_settings
from tests.point.pg import Cluster, remove_cluster, start_cluster
from tests.point.proxy import LinkProxy


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        pytest.fail(f"cannot start the test PostgreSQL: {exc}", pytrace=False)
    yield cluster
    remove_cluster(cluster)


def _db_name(nodeid: str, suffix: str) -> str:
    return "t_" + hashlib.sha1(nodeid.encode()).hexdigest()[:16] + suffix


@pytest.fixture
def point_db(pg_cluster: Cluster, request: pytest.FixtureRequest) -> str:
    """The name of a fresh, empty database for this test's point."""
    name = _db_name(request.node.nodeid, "_p")
    pg_cluster.new_database(name)
    return name


@pytest.fixture
def central_db(pg_cluster: Cluster, request: pytest.FixtureRequest) -> str:
    name = _db_name(request.node.nodeid, "_c")
    pg_cluster.new_database(name)
    return name


@pytest.fixture
def proxy(pg_cluster: Cluster) -> Iterator[LinkProxy]:
    link = LinkProxy(pg_cluster.port)
    yield link
    link.close()


@pytest.fixture(autouse=True)
def _no_database_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PVZDESK_POINT_DB", raising=False)
    monkeypatch.delenv("PVZDESK_CENTRAL_DB", raising=False)


def write_desk_settings(
    data_dir: Path, desk_name: str, point_url: str = "", central_url: str = "", operator: str = ""
) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    save_settings(
        data_dir / "settings.toml",
        Settings(
            operator=operator or f"оператор {desk_name}",
            point_name="ПВЗ Тестовый",
            point=PointSettings(database_url=point_url, desk_name=desk_name, claim_timeout_ms=5000),
            central=CentralSettings(database_url=central_url),
        ),
    )


def open_desk(
    root: Path, desk_name: str, point_url: str = "", central_url: str = "", operator: str = ""
) -> AppContext:
    """A desk: its own data folder, journal and settings naming the point database."""
    data_dir = root / f"desk-{desk_name}"
    write_desk_settings(data_dir, desk_name, point_url, central_url, operator)
    return open_app(data_dir, clock=SystemClock())


def desk_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    env.pop("PVZDESK_POINT_DB", None)
    env.pop("PVZDESK_CENTRAL_DB", None)
    return env
