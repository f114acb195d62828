"""Every door reconciles the same way: the window's run (``run_seller_reconcile``), the CLI and
the demo all go through ``services.reconcile.run`` — the deadline refresh after an incident,
and a clear Russian sentence when the key is missing or refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from pvzdesk.app import AppContext, open_app
from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.errors import PlatformError
from pvzdesk.i18n import set_language
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.storage.database import write_transaction
from pvzdesk.ui.screens.reconcile_parts import run_seller_reconcile
from tests.sync.conftest import postings_in


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language(None)


@pytest.fixture
def seller_app(tmp_path: Path, sim: Simulator) -> Iterator[AppContext]:
    platform = PlatformSettings(
        adapter="ozon_seller", seller_api_url=sim.base_url, client_id=sim.client_id
    )
    save_settings(tmp_path / "data" / "settings.toml", Settings(platform=platform))
    with open_app(tmp_path / "data") as app:
        yield app


def window_run(app: AppContext) -> None:
    run_seller_reconcile(app, threading.Event(), lambda done, total: None)


def test_the_window_refreshes_deadlines_after_an_incident(
    seller_app: AppContext, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PVZDESK_API_KEY", sim.api_key)
    app = seller_app
    number = postings_in(sim, "delivering")[0]
    platform_deadline = date.today() + timedelta(days=9)
    sim.upsert_posting(
        posting_number=number, storage_until=platform_deadline.isoformat() + "T00:00:00Z"
    )
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest([ManifestPosting(number)], "2026-01-01T00:00:00")
    app.counter.receive([number])
    app.incidents.start("manual")
    app.incidents.end()
    window_run(app)
    state = app.store.postings.state(number)
    assert state.storage_until == platform_deadline
    assert state.storage_source is DeadlineSource.PLATFORM


def test_a_missing_key_is_one_russian_sentence_at_every_door(
    seller_app: AppContext, monkeypatch: pytest.MonkeyPatch, russian: None
) -> None:
    monkeypatch.delenv("PVZDESK_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    with pytest.raises(PlatformError) as window:
        window_run(seller_app)
    with pytest.raises(PlatformError) as service:
        seller_app.services.reconcile.run()
    assert window.value.message == service.value.message
    assert window.value.message == "Не заданы Client-Id или ключ Seller API."
    assert window.value.hint


def test_a_refused_key_is_a_known_error_in_russian(
    seller_app: AppContext, monkeypatch: pytest.MonkeyPatch, russian: None, sim: Simulator
) -> None:
    monkeypatch.setenv("PVZDESK_API_KEY", "not-the-key")
    seller_app.counter.receive([postings_in(sim, "delivering")[0]])
    with pytest.raises(PlatformError) as refused:
        window_run(seller_app)
    assert refused.value.message.startswith("Платформа отклонила ключ API (HTTP 403)")
    assert "Client-Id" in refused.value.hint
