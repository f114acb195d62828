"""Replies the platform does not document, from loopback servers: an HTML page with 200, an empty
or ``null`` body, bad UTF-8, an HTML 404/400 (a wrong base URL, a proxy), a redirect. Each is a
failed read, retried — never "the platform does not know this posting"; nothing is set aside.
A reply trickling in is cut at the request's deadline, a huge one at the size cap; set-aside
entries can be put back from the CLI; ``health`` says what it did not check."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from pvzdesk.app import open_app
from pvzdesk.clock import SystemClock
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.services.reconcile import ReconcileViews, retry_set_aside
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.sync.adapters.ozon_seller import OzonSellerAdapter
from pvzdesk.sync.health import ProbeTarget, probe
from pvzdesk.sync.reconciler import ReconcileOptions, Reconciler
from pvzdesk.sync.seller_api import (
    PlatformUnavailable,
    ReplyTooLarge,
    SellerApi,
    bounded_request,
)
from tests.sync.conftest import postings_in
from tests.sync.reconcile_support import new_store

POSTING = "12345678-0001-1"
ODD = {
    "html_200": (200, "text/html", b"<html><body>Welcome to our proxy</body></html>", {}),
    "empty_200": (200, "application/json", b"", {}),
    "null_200": (200, "application/json", b"null", {}),
    "bad_utf8": (200, "application/json", b'{"result": "\xff\xfe\xfd"}', {}),
    "html_404": (404, "text/html", b"<html><h1>404 Not Found</h1></html>", {}),
    "html_400": (400, "text/html", b"<html><h1>400 Bad Request</h1></html>", {}),
    "redirect": (302, "text/html", b"", {"Location": "http://127.0.0.1:9/elsewhere"}),
}


class _OddServer:
    """Answers every request with one odd reply (``kind``), or trickles, or claims a huge body."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.requests = 0
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.requests += 1
                if owner.kind == "trickle":
                    body = b'{"result": {"posting_number": "' + b"1" * 400 + b'"}}'
                    self._head(200, "application/json", len(body), {})
                    for byte in body:  # one byte every 0.1 s: 40 s in all
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(0.1)
                    return
                if owner.kind == "huge":
                    self._head(200, "application/json", 200 * 1024 * 1024, {})
                    return
                status, content_type, body, headers = ODD[owner.kind]
                self._head(status, content_type, len(body), headers)
                self.wfile.write(body)

            def do_GET(self) -> None:
                self.do_POST()

            def _head(self, status: int, kind: str, length: int, headers: dict[str, str]) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(length))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def odd(request: pytest.FixtureRequest) -> Iterator[_OddServer]:
    server = _OddServer(request.param)
    yield server
    server.close()


@pytest.mark.parametrize("odd", sorted(ODD), indirect=True)
def test_an_odd_reply_is_a_failed_read_never_an_unknown_posting(odd: _OddServer) -> None:
    with SellerApi(odd.url, "1", "k", budgets={}) as api, pytest.raises(PlatformUnavailable) as e:
        api.get_posting(POSTING)
    assert e.value.failure == "bad_reply"


@pytest.mark.parametrize("odd", sorted(ODD), indirect=True)
def test_an_odd_reply_sets_nothing_aside(odd: _OddServer, tmp_path: Path) -> None:
    options = ReconcileOptions(read_tries=2, max_idle_rounds=1, backoff_base_s=0.01)
    with new_store(tmp_path) as store:
        store.journal.append([EntryDraft(EntryKind.ISSUE, POSTING, b"", {})], "operator")
        with SellerApi(odd.url, "1", "k", budgets={}) as api:
            report = Reconciler(store, OzonSellerAdapter(), api, SystemClock(), options).run()
        views = ReconcileViews(store)
        conflicts = views.conflicts()
        outstanding = views.outstanding()
    assert odd.requests >= 2  # read, and read again
    assert conflicts == []
    assert [entry.entry.posting for entry in outstanding] == [POSTING]
    assert report.stopped == "platform" and report.remaining == 1


@pytest.mark.parametrize("odd", ["trickle"], indirect=True)
def test_a_trickling_reply_is_cut_at_the_deadline(odd: _OddServer) -> None:
    started = time.monotonic()
    with (
        SellerApi(odd.url, "1", "k", budgets={}, timeout_s=1.0) as api,
        pytest.raises(PlatformUnavailable) as caught,
    ):
        api.get_posting(POSTING)
    target = ProbeTarget("seller_api", odd.url + "/v1/roles", {"Client-Id": "1", "Api-Key": "k"})
    with httpx.Client() as client:
        probed = probe(client, target, timeout_s=1.0)
    assert caught.value.failure == "timeout"
    assert not probed.ok and probed.failure == "timeout"
    # The whole reply would take 40 s; both gave up at their deadline (bound generously).
    assert time.monotonic() - started < 30


@pytest.mark.parametrize("odd", ["huge"], indirect=True)
def test_a_huge_reply_is_refused_by_its_size(odd: _OddServer) -> None:
    with SellerApi(odd.url, "1", "k", budgets={}) as api, pytest.raises(PlatformUnavailable) as e:
        api.get_posting(POSTING)
    assert e.value.failure == "too_large"
    with httpx.Client() as client, pytest.raises(ReplyTooLarge):
        bounded_request(client, "POST", odd.url, deadline_s=5, max_bytes=1024)


def test_set_aside_entries_come_back_when_asked(tmp_path: Path, sim: Simulator) -> None:
    number = postings_in(sim, "awaiting_packaging")[0]
    options = ReconcileOptions(confirm_after_s=0.1, resend_after_s=1.0)
    with new_store(tmp_path) as store:
        store.journal.append([EntryDraft(EntryKind.ISSUE, number, b"", {})], "operator")
        with SellerApi(sim.base_url, sim.client_id, sim.api_key) as api:
            Reconciler(store, OzonSellerAdapter(), api, SystemClock(), options).run()
            assert [c.kind for c in ReconcileViews(store).conflicts()] == ["action_not_available"]
            sim.upsert_posting(posting_number=number, status="delivering")  # the platform caught up
            assert retry_set_aside(store, datetime.now(UTC)) == 1
            Reconciler(store, OzonSellerAdapter(), api, SystemClock(), options).run()
        summary = ReconcileViews(store).summary()
    assert summary == {"applied": 1}


def _run(data_dir: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "pvzdesk", "--data-dir", str(data_dir), *args]
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PVZDESK_")}
    environment = {**inherited, "LANG": "en_US.UTF-8", **env}
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=120)


def test_cli_retry_set_aside_and_health_without_a_key(tmp_path: Path, sim: Simulator) -> None:
    data_dir = tmp_path / "data"
    platform = PlatformSettings(
        adapter="ozon_seller", seller_api_url=sim.base_url, login_probe_url=sim.base_url + "/login"
    )
    save_settings(data_dir / "settings.toml", Settings(platform=platform))
    number = postings_in(sim, "awaiting_packaging")[0]
    with open_app(data_dir) as app:
        app.store.journal.append([EntryDraft(EntryKind.ISSUE, number, b"", {})], "operator")
    keys = {"PVZDESK_CLIENT_ID": sim.client_id, "PVZDESK_API_KEY": sim.api_key}
    fast = ("--confirm-after", "0.1")
    first = _run(data_dir, "reconcile", "--no-refresh", *fast, env=keys)
    sim.upsert_posting(posting_number=number, status="delivering")
    again = _run(data_dir, "reconcile", "--no-refresh", "--retry-set-aside", *fast, env=keys)
    health = _run(data_dir, "health", env={"PVZDESK_CLIENT_ID": sim.client_id})
    assert "conflicts: 1" in first.stdout, first.stderr
    assert "put back to be checked again: 1" in again.stdout, again.stderr
    assert again.returncode == 0 and "conflicts: 0" in again.stdout
    assert health.returncode == 1
    assert "not checked" in health.stdout and "online" not in health.stdout
