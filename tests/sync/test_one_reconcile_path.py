"""Every door reconciles the same way: the window's run (``run_seller_reconcile``), the CLI and
the demo all go through ``services.reconcile.run`` — the deadline refresh after an incident,
and a clear Russian sentence when the key is missing or refused."""

from __future__ import annotations

import threading
from collections.abc import Iterator
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


def test_the_window_refreshes_statuses_after_an_incident_and_keeps_our_deadline(
    seller_app: AppContext, sim: Simulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PVZDESK_API_KEY", sim.api_key)
    app = seller_app
    number, elsewhere = postings_in(sim, "delivering")[:2]
    with write_transaction(app.store.db):
        app.store.postings.upsert_manifest(
            [ManifestPosting(number), ManifestPosting(elsewhere)], "2026-01-01T00:00:00"
        )
    app.counter.receive([number])
    ours = app.store.postings.state(number).storage_until
    app.incidents.start("manual")
    sim.upsert_posting(posting_number=elsewhere, status="cancelled")  # meanwhile
    app.incidents.end()
    window_run(app)
    state = app.store.postings.state(number)
    cancelled = app.store.postings.manifest_row(elsewhere)
    assert ours is not None and state.storage_until == ours  # the platform has no deadline
    assert state.storage_source is not DeadlineSource.PLATFORM
    assert cancelled is not None and cancelled.platform_status == "cancelled"


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
    assert window.value.message == "Не заданы идентификатор продавца или ключ API продавца."
    assert window.value.hint


def test_a_refused_key_is_a_known_error_in_russian(
    seller_app: AppContext, monkeypatch: pytest.MonkeyPatch, russian: None, sim: Simulator
) -> None:
    monkeypatch.setenv("PVZDESK_API_KEY", "not-the-key")
    seller_app.counter.receive([postings_in(sim, "delivering")[0]])
    with pytest.raises(PlatformError) as refused:
        window_run(seller_app)
    assert refused.value.message.startswith("Платформа отклонила ключ API (HTTP 403)")
    assert "идентификатор продавца" in refused.value.hint
