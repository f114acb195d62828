"""Shared fixtures: a real data directory on disk with a clock the test controls."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests speak Russian unless they ask otherwise; the environment of the machine must not decide.
os.environ["LANG"] = "ru_RU.UTF-8"
os.environ.pop("LC_ALL", None)
os.environ.pop("LC_MESSAGES", None)
os.environ.pop("PVZDESK_HOME", None)

from pvzdesk.app import AppContext, open_app
from pvzdesk.clock import FixedClock
from pvzdesk.i18n import set_language
from tests.memory_keyring import memory_keyring  # noqa: F401 (a fixture for every test)

MSK = timezone(timedelta(hours=3))


@pytest.fixture(autouse=True)
def language_from_environment() -> Iterator[None]:
    """A test that fixes the language (the window's English, say) never leaks it into the next."""
    yield
    set_language(None)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2026, 11, 20, 10, 0, tzinfo=MSK))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def app(data_dir: Path, clock: FixedClock) -> Iterator[AppContext]:
    context = open_app(data_dir, clock=clock)
    yield context
    context.close()
