"""A real ``pvzdesk reconcile`` process killed with SIGKILL mid-way, then run again: the
simulator (in this process, so it survives the kills) ends with the same ledger as a clean run —
every intended change exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pvzdesk.app import open_app
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.simulator import Simulator
from pvzdesk.storage.attempts import Attempt
from pvzdesk.sync.reconciler import ReconcileOptions
from tests.sync.conftest import postings_in
from tests.sync.reconcile_support import ledger_changes, new_store, plan_journal, reconcile

FAULTS = "5xx=0.04,429=0.02:0.5,reset=0.04,lost=0.06,slow=0.02:0.3,seed=3"


def _command(data_dir: Path, sim: Simulator) -> list[str]:
    return [
        sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir),
        "reconcile", "--adapter", "ozon_seller", "--base-url", sim.base_url,
        "--no-refresh", "--rate-limit", "40", "--confirm-after", "0.3", "--resend-after", "1.0",
    ]  # fmt: skip


def _environment(sim: Simulator) -> dict[str, str]:
    return {
        **os.environ,
        "PVZDESK_CLIENT_ID": sim.client_id,
        "PVZDESK_API_KEY": sim.api_key,
        "LANG": "en_US.UTF-8",
    }


def _kill_when(process: subprocess.Popen[bytes], sim: Simulator, ledger_size: int) -> None:
    deadline = time.monotonic() + 60
    while len(sim.ledger()) < ledger_size:
        assert process.poll() is None, "the reconcile finished before it could be killed"
        assert time.monotonic() < deadline, "the reconcile made no progress"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


@pytest.mark.slow
def test_sigkill_mid_reconcile_then_restart_lands_every_change_once(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    with Simulator(seed=8, postings=1_500, apply_delay=0.1, faults=FAULTS) as sim:
        plan = plan_journal(sim, 1_200, seed=4)
        with open_app(data_dir) as app:
            app.store.journal.append(plan.drafts, "operator")
        expected = sum(plan.changes.values())
        env = _environment(sim)
        # Two kills at different depths: while pushing the first wave, and later on.
        for fraction in (0.15, 0.6):
            process = subprocess.Popen(
                _command(data_dir, sim), env=env,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            _kill_when(process, sim, int(expected * fraction))
        finished = subprocess.run(
            _command(data_dir, sim), env=env, capture_output=True, timeout=120, check=False
        )
        assert sim.wait_applied()
        ledger = ledger_changes(sim)
    assert finished.returncode == 0, finished.stderr.decode()
    assert ledger == plan.changes
    assert max(ledger.values()) == 1
    with open_app(data_dir) as app:
        views = ReconcileViews(app.store)
        assert views.outstanding() == []
        assert {c.entry.posting: c.kind for c in views.conflicts()} == plan.conflicts
        assert app.store.journal.verify().ok


def test_intent_written_but_never_sent_is_read_then_sent_once(tmp_path: Path) -> None:
    """The narrowest crash window: the "sent" intent is durable, the request never left."""
    with Simulator(seed=8, postings=60, apply_delay=0.05) as sim, new_store(tmp_path) as store:
        numbers = postings_in(sim, "delivering")[:3]
        written = store.journal.append(
            [EntryDraft(EntryKind.ISSUE, n, b"", {}) for n in numbers], "operator"
        )
        now = datetime.now(UTC)
        store.attempts.record(
            Attempt(e.entry_id, "ozon_seller", now, "unknown", detail="sent:non_int_delivered")
            for e in written
        )
        options = ReconcileOptions(confirm_after_s=0.2, resend_after_s=0.5)
        reconcile(store, sim, 40, options)
        ledger = ledger_changes(sim)
        outcomes = [store.attempts.history(e.entry_id)[-1].outcome for e in written]
    assert ledger == {(n, "delivered"): 1 for n in numbers}
    assert outcomes == ["applied"] * 3
