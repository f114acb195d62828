"""The UI's way: a reconcile in a background thread with progress and cancel; the views; the
deadline refresh after an incident."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pvzdesk.app import open_app
from pvzdesk.domain.models import DeadlineSource, EntryDraft, EntryKind, ManifestPosting
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.storage.database import write_transaction
from pvzdesk.sync.reconciler import ReconcileOptions
from tests.sync.conftest import postings_in
from tests.sync.reconcile_support import ledger_changes

OPTIONS = ReconcileOptions(confirm_after_s=0.2, resend_after_s=1.0)


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch, sim: Simulator) -> None:
    monkeypatch.setenv("PVZDESK_CLIENT_ID", sim.client_id)
    monkeypatch.setenv("PVZDESK_API_KEY", sim.api_key)


def _seller_settings(data_dir: Path, sim: Simulator, rate: float = 40.0) -> None:
    platform = PlatformSettings(
        adapter="ozon_seller", seller_api_url=sim.base_url, rate_limit_rps=rate
    )
    save_settings(data_dir / "settings.toml", Settings(platform=platform))


def test_job_runs_in_a_thread_with_progress(
    tmp_path: Path, sim: Simulator, credentials: None
) -> None:
    data_dir = tmp_path / "data"
    _seller_settings(data_dir, sim)
    numbers = postings_in(sim, "delivering")[:10]
    progress: list[tuple[int, int, str]] = []
    with open_app(data_dir) as app:
        app.store.journal.append([EntryDraft(EntryKind.ISSUE, n, b"", {}) for n in numbers], "op")
        job = app.services.reconcile.job(
            options=OPTIONS,
            progress=lambda done, total: progress.append(
                (done, total, threading.current_thread().name)
            ),
        )
        job.start()
        assert job.join(timeout=60)
        assert job.error is None and job.report is not None
        assert ReconcileViews(app.store).summary() == {"applied": 10}
    assert progress[0][:2] == (0, 10) and progress[-1][:2] == (10, 10)
    assert {name for _, _, name in progress} == {"reconcile"}  # never the caller's thread
    assert ledger_changes(sim) == {(n, "delivered"): 1 for n in numbers}


def test_cancel_stops_and_the_next_run_finishes(
    tmp_path: Path, sim: Simulator, credentials: None
) -> None:
    data_dir = tmp_path / "data"
    _seller_settings(data_dir, sim, rate=4.0)  # slow enough to cancel in the middle
    numbers = postings_in(sim, "delivering")[:12]
    with open_app(data_dir) as app:
        drafts = [EntryDraft(EntryKind.RETURN_TO_SENDER, n, b"", {}) for n in numbers]
        app.store.journal.append(drafts, "op")  # one cancel request each: many requests
        started = threading.Event()
        job = app.services.reconcile.job(
            options=OPTIONS, progress=lambda done, total: started.set()
        )
        job.start()
        assert started.wait(30)
        job.cancel()
        assert job.join(timeout=30)
        assert job.report is not None and job.report.cancelled
        left = len(ReconcileViews(app.store).outstanding())
        assert left > 0
        again = app.services.reconcile.job(options=OPTIONS)
        again.start()
        assert again.join(timeout=120) and again.error is None
        assert ReconcileViews(app.store).outstanding() == []
    assert sim.wait_applied()
    assert ledger_changes(sim) == {(n, "cancelled"): 1 for n in numbers}


def test_statuses_are_re_read_after_an_incident_and_the_deadline_stays_ours(
    tmp_path: Path, sim: Simulator, credentials: None
) -> None:
    data_dir = tmp_path / "data"
    _seller_settings(data_dir, sim)
    number, elsewhere = postings_in(sim, "delivering")[:2]
    with open_app(data_dir) as app:
        with write_transaction(app.store.db):
            app.store.postings.upsert_manifest(
                [ManifestPosting(number), ManifestPosting(elsewhere)], "2026-01-01T00:00:00"
            )
        app.counter.receive([number])
        ours = app.store.postings.state(number).storage_until
        app.incidents.start("manual")
        sim.upsert_posting(posting_number=elsewhere, status="cancelled")  # meanwhile
        app.incidents.end()
        job = app.services.reconcile.job(options=OPTIONS)
        job.start()
        assert job.join(timeout=60) and job.error is None
        assert job.refresh is not None and job.refresh.statuses_recorded >= 1
        state = app.store.postings.state(number)
        row = app.store.postings.manifest_row(number)
        cancelled = app.store.postings.manifest_row(elsewhere)
    assert ours is not None and state.storage_until == ours  # the platform has no deadline
    assert state.storage_source is not DeadlineSource.PLATFORM
    assert row is not None and row.platform_status == "delivering"  # the receive needed no change
    assert cancelled is not None and cancelled.platform_status == "cancelled"
