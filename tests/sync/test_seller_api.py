"""The Seller API client against real servers: the simulator, and a small server that answers
in shapes the platform should not (to prove they become clear errors, never KeyErrors)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from pvzdesk.errors import PlatformError
from pvzdesk.i18n import set_language
from pvzdesk.simulator import Simulator
from pvzdesk.sync import seller_api
from pvzdesk.sync.ratelimit import TokenBucket
from pvzdesk.sync.seller_api import (
    PATH_DELIVERED,
    PlatformKeyError,
    PlatformRequestRejected,
    PlatformUnavailable,
    SellerApi,
)
from pvzdesk.sync.seller_wire import PlatformReplyError
from tests.sync.conftest import postings_in

Canned = tuple[int, Any]


class _CannedServer:
    """Answers every POST with the next canned (status, JSON) reply."""

    def __init__(self, replies: list[Canned]) -> None:
        self.replies = replies
        canned = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                status, body = canned.replies.pop(0)
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def canned() -> Iterator[_CannedServer]:
    server = _CannedServer([])
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
    server.thread.join()


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    yield
    set_language(None)


@pytest.mark.parametrize(
    "reply",
    [
        {"result": "not an object"},
        {"result": {"posting_number": "1-1-1"}},  # no status
        {"result": {"posting_number": "1-1-1", "status": "delivering", "available_actions": "x"}},
        [],
        "<html>Bad gateway</html>",
    ],
)
def test_unexpected_shapes_become_a_clear_platform_error(
    canned: _CannedServer, reply: Any, russian: None
) -> None:
    canned.replies.append((200, reply))
    with SellerApi(canned.url, "1", "k") as api, pytest.raises(PlatformError) as caught:
        api.get_posting("12345678-0001-1")
    # A shape we do not understand (retried by the reads) or no documented shape at all (a
    # failed read, retried): never an answer about the posting.
    assert isinstance(caught.value, PlatformReplyError | PlatformUnavailable)
    if isinstance(caught.value, PlatformUnavailable):
        assert caught.value.failure == "bad_reply"
    else:
        assert "неожиданном виде" in str(caught.value)


def test_status_results_accept_both_forms_of_error(canned: _CannedServer) -> None:
    canned.replies.append(
        (
            200,
            {
                "result": [
                    {"posting_number": "1", "result": False, "error": "POSTING_ALREADY_DELIVERED"},
                    {"posting_number": "2", "result": False, "error": ["POSTING_NOT_FOUND"]},
                    {"posting_number": "3", "result": True, "error": []},
                    {"posting_number": "4", "result": True, "error": ""},
                ]
            },
        )
    )
    with SellerApi(canned.url, "1", "k") as api:
        results, _ = api.change_status(PATH_DELIVERED, ["1", "2", "3", "4"])
    assert [(r.posting_number, r.ok, r.errors) for r in results] == [
        ("1", False, ("POSTING_ALREADY_DELIVERED",)),
        ("2", False, ("POSTING_NOT_FOUND",)),
        ("3", True, ()),
        ("4", True, ()),
    ]


def test_a_per_posting_error_of_a_strange_type_is_refused(canned: _CannedServer) -> None:
    canned.replies.append((200, {"result": [{"posting_number": "1", "result": False, "error": 7}]}))
    with SellerApi(canned.url, "1", "k") as api, pytest.raises(PlatformReplyError):
        api.change_status(PATH_DELIVERED, ["1"])


def test_http_failures_are_classified(canned: _CannedServer) -> None:
    canned.replies += [
        (503, {"code": 14, "message": "unavailable", "details": []}),
        (401, {"code": 16, "message": "no key", "details": []}),
        (400, {"code": 3, "message": "bad", "details": []}),
    ]
    with SellerApi(canned.url, "1", "k") as api:
        with pytest.raises(PlatformUnavailable) as unavailable:
            api.get_posting("1")
        with pytest.raises(PlatformKeyError):
            api.get_posting("1")
        with pytest.raises(PlatformRequestRejected) as rejected:
            api.get_posting("1")
    assert unavailable.value.failure == "server_error" and unavailable.value.status == 503
    assert rejected.value.status == 400


def test_against_the_simulator(sim: Simulator) -> None:
    number = postings_in(sim, "delivering")[0]
    cancelled = postings_in(sim, "cancelled")[0]
    now = datetime.now(UTC)
    with SellerApi(sim.base_url, sim.client_id, sim.api_key) as api:
        posting = api.get_posting(number)
        assert api.get_posting("12345678-0000-1") is None
        page = api.list_page(now - timedelta(days=60), now + timedelta(days=1), limit=10)
        key = api.key_info()
        cancel_refused = api.cancel(cancelled)
        tracks = api.set_tracking_numbers(
            [(n, f"TRK-{i:04}") for i, n in enumerate(sim.posting_numbers()[:45])]
        )
    assert posting is not None and posting.status == "delivering"
    assert "non_int_delivered" in posting.available_actions
    assert len(page.postings) == 10 and page.has_next and page.cursor
    assert key.expires_at is not None and key.expires_at > now
    assert not cancel_refused.ok and cancel_refused.error == "POSTING_ALREADY_CANCELLED"
    assert len(tracks) == 45
    assert sim.stats()["by_endpoint"]["/v2/fbs/posting/tracking-number/set"] == 3  # ≤20 a request


def test_wrong_key_is_a_key_error(sim: Simulator) -> None:
    with SellerApi(sim.base_url, sim.client_id, "wrong") as api, pytest.raises(PlatformKeyError):
        api.get_posting(sim.posting_numbers()[0])


def test_a_retry_after_is_announced_with_its_time() -> None:
    heard: list[datetime] = []
    with Simulator(postings=5, faults="429=1:120", method_limits={}) as sim:
        before = datetime.now(UTC)
        with (
            SellerApi(
                sim.base_url, sim.client_id, sim.api_key, budgets={}, on_retry_after=heard.append
            ) as api,
            pytest.raises(PlatformUnavailable) as caught,
        ):
            api.get_posting(sim.posting_numbers()[0])
    assert caught.value.failure == "rate_limited" and caught.value.retry_after == 120
    assert len(heard) == 1
    assert timedelta(seconds=119) <= heard[0] - before <= timedelta(seconds=200)
    assert api.waiting_until == heard[0]


def test_a_retry_after_holds_the_refused_method_and_slows_the_client() -> None:
    with Simulator(postings=5, faults="429=1:120", method_limits={}) as sim:
        api = SellerApi(
            sim.base_url,
            sim.client_id,
            sim.api_key,
            limiter=TokenBucket(40),
            budgets={"/v3/posting/fbs/get": TokenBucket(2)},
        )
        with api, pytest.raises(PlatformUnavailable):
            api.get_posting(sim.posting_numbers()[0])
        # The refused method is held for the 120 s; the client is not, only slowed down.
        assert api.method_held_s["/v3/posting/fbs/get"] > 60
        assert api.limiter is not None and api.limiter.wait_time() < 60
        assert api.limiter.cuts == 1 and api.limiter.rate_now() < 36
        assert api.client_holds == 0


def test_429s_of_two_methods_close_together_hold_the_whole_client(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "close together" is a second; a busy machine may take longer between two requests
    monkeypatch.setattr(seller_api, "CLIENT_HOLD_WINDOW_S", 60.0)
    with Simulator(postings=5, faults="429=1:120", method_limits={}) as sim:
        api = SellerApi(sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(40))
        now = datetime.now(UTC)
        with api:
            with pytest.raises(PlatformUnavailable):
                api.get_posting(sim.posting_numbers()[0])
            with pytest.raises(PlatformUnavailable):
                api.list_page(now - timedelta(days=1), now)
        assert api.client_holds == 1
        assert api.limiter is not None and api.limiter.wait_time() > 60


def test_a_429_without_retry_after_holds_its_method_for_a_jittered_back_off() -> None:
    with Simulator(postings=5, faults="429=1", method_limits={}) as sim:
        api = SellerApi(sim.base_url, sim.client_id, sim.api_key, limiter=TokenBucket(40))
        with api:
            for _ in range(3):
                with pytest.raises(PlatformUnavailable) as caught:
                    api.get_posting(sim.posting_numbers()[0])
                assert caught.value.retry_after is None
        # full jitter: within 0.5 + 1 + 2 s for three 429s in a row, never announced
        held = api.method_held_s.get("/v3/posting/fbs/get", 0.0)
        assert 0.0 <= held <= 3.5
        assert api.waiting_until is None and api.client_holds == 0


class _NotedWait(threading.Event):
    """A cancel event that notes when a caller starts waiting on it."""

    def __init__(self) -> None:
        super().__init__()
        self.waiting = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        self.waiting.set()
        return super().wait(timeout)


def test_a_request_waiting_for_the_client_bucket_holds_no_token_of_its_method() -> None:
    # Tokens of a method taken while the client's bucket is paused would all go out together
    # when it frees up, over the method's own limit in that second.
    class Frozen:
        def __call__(self) -> float:
            return 100.0

    limiter = TokenBucket(40, monotonic=Frozen())
    limiter.pause_for(3600)
    budget = TokenBucket(2, monotonic=Frozen())
    cancel = _NotedWait()
    with Simulator(postings=5) as sim:
        api = SellerApi(
            sim.base_url, sim.client_id, sim.api_key, limiter=limiter,
            budgets={"/v3/posting/fbs/get": budget}, cancel=cancel,
        )  # fmt: skip
        errors: list[BaseException] = []

        def read() -> None:
            try:
                api.get_posting(sim.posting_numbers()[0])
            except BaseException as error:
                errors.append(error)

        worker = threading.Thread(target=read)
        with api:
            worker.start()
            assert cancel.waiting.wait(30)
            assert budget.wait_time() == 0.0  # the method's token is still there
            cancel.set()
            worker.join(30)
    assert not worker.is_alive()
    assert [type(error).__name__ for error in errors] == ["Cancelled"]
    assert api.requests_sent == 0
