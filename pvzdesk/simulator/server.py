"""The simulated platform as a real HTTP server on loopback (standard library only).

    with Simulator(seed=1, postings=300, faults="5xx=0.1") as sim:
        base_url = sim.base_url            # http://127.0.0.1:<ephemeral port>
        ...
        sim.ledger()                       # every change applied, in order

Seller API endpoints (``api.ENDPOINTS``, ``/v1/roles``) check ``Client-Id``/``Api-Key`` and the
rate limit and get the injected faults; ``GET /login`` is the partner-point login probe (faults,
no auth). Test helpers under ``/__sim/`` get neither:

    GET  /__sim/ledger        {"ledger": [...]}
    GET  /__sim/stats         request and fault counters (``Simulator.stats``)
    POST /__sim/reset-stats   zero the counters (the ledger stays)
    GET  /__sim/faults        the fault plan now in force
    POST /__sim/faults        {"spec": SPEC}: replace the faults (grammar in ``faults``)
    POST /__sim/outage        {"on": bool}: cut or restore the platform
    POST /__sim/apply         apply every accepted change now {"applied": N}
    POST /__sim/cancel-requests {"requests": [{"posting_number", "state"?}]}: buyers ask to cancel
    GET  /__sim/postings      {"postings": [every posting]}
    POST /__sim/postings      {"postings": [{"posting_number", "status"?, "tracking_number"?,
                              "upper_barcode"?, "lower_barcode"?, "customer_name"?, ...}]}
                              add postings or change them "meanwhile" (ledger action "external")
    POST /__sim/key           {"expires_at": ISO}: when the API key expires
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import struct
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from pvzdesk.simulator import api
from pvzdesk.simulator import faults as f
from pvzdesk.simulator.postings import seed_postings
from pvzdesk.simulator.state import RequestClock, SimState, parse_time
from pvzdesk.simulator.stats import RequestStats

log = logging.getLogger(__name__)

DEFAULT_CLIENT_ID = "100500"
DEFAULT_API_KEY = "sim-api-key-0000"
KEY_LIFETIME = timedelta(days=180)
LOGIN_PATH = "/login"
LOGIN_PAGE = "<!doctype html><html><head><title>Ozon ID</title></head><body>login</body></html>"
GATEWAY_PAGE = "<html><body><h1>{status} Gateway error</h1></body></html>"
REQUEST_ID_HEADER = "X-Request-Id"
DEFAULT_APPLY_DELAY = 4.0  # seconds: the platform applies status changes asynchronously
# Per-method limits (requests/s per Client-Id), not documented by Ozon: integrations see the
# single read answer 429 at a few requests a second. Answered 429 without Retry-After.
METHOD_LIMITS = {"/v3/posting/fbs/get": 5, "/v2/posting/fbs/get-by-barcode": 5}


class Simulator:
    """A seeded, fault-injecting Seller API on 127.0.0.1; start/stop or use as a context manager."""

    def __init__(
        self,
        *,
        seed: int = 0,
        postings: int = 300,
        client_id: str = DEFAULT_CLIENT_ID,
        api_key: str = DEFAULT_API_KEY,
        apply_delay: float = DEFAULT_APPLY_DELAY,
        tick_per_request: float | None = None,
        faults: str | f.FaultPlan = "",
        rate_limit: int = 50,
        method_limits: dict[str, int] | None = None,
        switched_off: frozenset[str] = frozenset(),
        ignores_order_numbers: bool = False,
        key_expires_at: datetime | None = None,
        base_time: datetime | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        now = datetime.now(UTC)
        base = base_time or now.replace(hour=12, minute=0, second=0, microsecond=0)
        self.client_id = client_id
        self.api_key = api_key
        self.switched_off = set(switched_off)  # methods that answer 404 (api names it)
        self.key_expires_at = key_expires_at or now + KEY_LIFETIME
        # ``tick_per_request``: the apply delay is counted in requests (each one advances the
        # platform's clock by this many seconds), so a multi-second delay costs no real sleep.
        self.request_clock = RequestClock(tick_per_request) if tick_per_request else None
        self.state = SimState(
            seed_postings(seed, postings, base), apply_delay=apply_delay, seed=seed,
            **({"monotonic": self.request_clock} if self.request_clock else {}),
        )  # fmt: skip
        # A test knob: a platform that ignores ``filter.order_numbers`` (lists the whole window)
        self.state.ignores_order_numbers = ignores_order_numbers
        self.faults = f.FaultInjector(f.parse_spec(faults) if isinstance(faults, str) else faults)
        self.request_stats = RequestStats(
            rate_limit, method_limits=METHOD_LIMITS if method_limits is None else method_limits
        )
        self._host = host
        self._port = port
        self._server: _SimHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    # -- life cycle ----------------------------------------------------------------------------

    def start(self) -> str:
        """Listen (port 0: any free port) and serve in a background thread; the base URL."""
        if self._server is not None:
            return self.base_url
        server = _SimHTTPServer((self._host, self._port), _Handler)
        server.simulator = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="simulator",
            daemon=True,
        )
        self._thread.start()
        return self.base_url

    def stop(self) -> None:
        """Stop serving, drop open keep-alive connections, release the port."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        with self._connections_lock:
            open_connections = list(self._connections)
        for connection in open_connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)  # wakes its handler thread, which closes it
        deadline = time.monotonic() + 2.0
        while self._connections and time.monotonic() < deadline:
            time.sleep(0.01)
        if self._thread is not None:
            self._thread.join(timeout=2.0)
            self._thread = None

    def __enter__(self) -> Simulator:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the simulator is not running")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- the Python side of the test helpers ---------------------------------------------------

    def ledger(self) -> list[dict[str, Any]]:
        return self.state.ledger()

    def stats(self) -> dict[str, Any]:
        stats = self.request_stats.snapshot()
        stats["faults"] = self.faults.snapshot_counters()
        stats.update(self.state.snapshot_counters())
        stats["pending_changes"] = self.state.pending_count()
        stats["ledger_size"] = self.state.ledger_size()
        stats["outage"] = self.faults.outage_active()
        return stats

    def reset_stats(self) -> None:
        self.request_stats.reset()
        self.faults.reset_counters()
        self.state.reset_counters()

    def set_faults(self, faults: str | f.FaultPlan) -> None:
        """Replace the fault plan (a SPEC string or a ``FaultPlan``); FaultSpecError if bad."""
        self.faults.set_plan(f.parse_spec(faults) if isinstance(faults, str) else faults)

    def set_outage(self, on: bool) -> None:
        self.faults.set_outage(on)

    def upsert_posting(self, **fields: Any) -> dict[str, Any]:
        """Add a posting or change one meanwhile; see ``SimState.upsert``."""
        return self.state.upsert(fields)

    def posting(self, posting_number: str) -> dict[str, Any] | None:
        return self.state.get(posting_number)

    def posting_numbers(self) -> list[str]:
        return self.state.posting_numbers()

    def add_cancel_request(
        self, posting_number: str, state: str = "ON_APPROVAL", initiator: str = "CLIENT"
    ) -> dict[str, Any]:
        """A buyer asks to cancel ``posting_number`` (``/v2/conditional-cancellation/list``)."""
        return self.state.add_cancel_request(posting_number, state, initiator)

    def apply_pending(self) -> int:
        """Apply every accepted change now (how many): a test with a long ``apply_delay``
        decides when the platform catches up instead of sleeping."""
        return self.state.apply_now()

    def wait_applied(self, timeout: float = 5.0) -> bool:
        """Wait until no accepted change is still pending; False on timeout."""
        deadline = time.monotonic() + timeout
        while self.state.pending_count():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    # -- request handling (called from handler threads) ----------------------------------------

    def _track(self, connection: socket.socket, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def _check_key(self, client_id: str, api_key: str) -> api.Reply | None:
        if not client_id or not api_key:
            return 401, api.rpc_error(api.UNAUTHENTICATED, "Client-Id and Api-Key are required")
        if client_id != self.client_id or api_key != self.api_key:
            return 403, api.rpc_error(
                api.PERMISSION_DENIED, "Invalid Api-Key, please contact support"
            )
        if datetime.now(UTC) >= self.key_expires_at:
            return 403, api.rpc_error(api.PERMISSION_DENIED, "Api-Key has expired")
        return None

    def _seller_api(self, path: str, body: dict[str, Any], request_id: str) -> api.Reply:
        if path == api.ROLES_PATH:
            return api.roles_reply(self.key_expires_at)
        try:
            return api.ENDPOINTS[path](self.state, body, request_id)
        except api.BadRequest as error:
            return 400, api.rpc_error(api.INVALID_ARGUMENT, str(error))

    def _admin(self, method: str, path: str, body: dict[str, Any]) -> api.Reply:
        route = (method, path.removeprefix("/__sim/"))
        try:
            if route == ("GET", "ledger"):
                return 200, {"ledger": self.ledger()}
            if route == ("GET", "stats"):
                return 200, self.stats()
            if route == ("POST", "reset-stats"):
                self.reset_stats()
                return 200, {"ok": True}
            if route == ("POST", "faults"):
                self.set_faults(str(body.get("spec", "")))
            if route[1] == "faults":
                return 200, {"faults": self.faults.plan.to_dict()}
            if route == ("POST", "cancel-requests"):
                found = [
                    self.add_cancel_request(
                        str(item["posting_number"]), str(item.get("state", "ON_APPROVAL"))
                    )
                    for item in body["requests"]
                ]
                return 200, {"requests": found}
            if route == ("POST", "apply"):
                return 200, {"applied": self.apply_pending()}
            if route == ("POST", "outage"):
                self.set_outage(bool(body.get("on")))
                return 200, {"outage": self.faults.outage_active()}
            if route == ("GET", "postings"):
                numbers = self.posting_numbers()
                return 200, {"postings": [self.posting(number) for number in numbers]}
            if route == ("POST", "postings"):
                return 200, {"postings": [self.state.upsert(item) for item in body["postings"]]}
            if route == ("POST", "key"):
                self.key_expires_at = parse_time(str(body["expires_at"]))
                return 200, {"expires_at": self.key_expires_at.isoformat()}
        except (ValueError, KeyError, TypeError) as error:
            return 400, api.rpc_error(api.INVALID_ARGUMENT, f"{type(error).__name__}: {error}")
        return 404, api.rpc_error(api.NOT_FOUND, "Not Found")


class _SimHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    simulator: Simulator


class _Handler(BaseHTTPRequestHandler):
    server: _SimHTTPServer
    protocol_version = "HTTP/1.1"  # keep-alive, as a real client (httpx) expects
    timeout = 60  # an idle keep-alive connection is closed after this

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without NODELAY, Nagle plus delayed ACK
        # add ~40 ms to every reply.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.simulator._track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.simulator._track(self.connection, False)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        sim = self.server.simulator
        path = self.path.split("?", 1)[0]
        length = self.headers.get("Content-Length") or "0"
        raw = self.rfile.read(int(length)) if length.isdigit() else b"not json"
        request_id = self.headers.get(REQUEST_ID_HEADER) or uuid.uuid4().hex
        try:
            body = json.loads(raw) if raw.strip() else {}
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        if not isinstance(body, dict):
            self._reply_json(
                400, api.rpc_error(api.INVALID_ARGUMENT, "invalid JSON body"), request_id
            )
            return
        if path.startswith("/__sim/"):
            self._reply_json(*sim._admin(method, path, body), request_id)
            return
        known = (path == api.ROLES_PATH or path in api.ENDPOINTS) and path not in sim.switched_off
        client_id = self.headers.get("Client-Id", "")
        refused = sim.request_stats.arrival(client_id if known else "", path)
        if known and sim.request_clock is not None:
            sim.request_clock.advance()
        decision = sim.faults.decide(changes_state=path in api.CHANGING_ENDPOINTS)
        if decision.delay:
            time.sleep(decision.delay)  # no lock is held here
        if decision.kind == f.OUTAGE:
            if decision.status:
                self._reply_html(
                    decision.status, "<html><body>503 Service Unavailable</body></html>"
                )
            else:
                self._reset()
            return
        if refused:
            error = api.rpc_error(
                api.RESOURCE_EXHAUSTED, "You have reached request rate limit per second"
            )
            # The documented limit names a second; a method's own limit says nothing.
            self._reply_json(429, error, request_id, retry_after=1.0 if refused == "client" else 0)
            return
        if decision.kind == f.RESET:
            self._reset()
            return
        if decision.kind == f.SERVER_ERROR:
            self._server_error(decision.status, request_id)
            return
        if decision.kind == f.TOO_MANY:
            error = api.rpc_error(
                api.RESOURCE_EXHAUSTED, "You have reached request rate limit per second"
            )
            self._reply_json(429, error, request_id, retry_after=decision.retry_after)
            return
        if method == "GET" and path == LOGIN_PATH:
            self._reply_html(200, LOGIN_PAGE)
            return
        if not known:
            self._reply_json(404, api.rpc_error(api.NOT_FOUND, "Not Found"), request_id)
            return
        if method != "POST":
            self._reply_json(405, api.rpc_error(api.INVALID_ARGUMENT, "use POST"), request_id)
            return
        refusal = sim._check_key(client_id, self.headers.get("Api-Key", ""))
        status, payload = refusal or sim._seller_api(path, body, request_id)
        if decision.kind == f.LOST:
            self._reset()  # the change is applied; the client never hears of it
            return
        self._reply_json(status, payload, request_id)

    def _server_error(self, status: int, request_id: str) -> None:
        if status in (502, 504):  # the gateway answers these, in HTML, not the API
            self._reply_html(status, GATEWAY_PAGE.format(status=status))
        elif status == 503:
            self._reply_json(
                status, api.rpc_error(api.UNAVAILABLE, "service unavailable"), request_id
            )
        else:
            self._reply_json(status, api.rpc_error(api.INTERNAL, "internal error"), request_id)

    def _reply_json(
        self, status: int, payload: dict[str, Any], request_id: str, retry_after: float = 0.0
    ) -> None:
        headers = {REQUEST_ID_HEADER: request_id}
        if retry_after:
            headers["Retry-After"] = f"{retry_after:g}"
        body = json.dumps(payload, ensure_ascii=False).encode()
        self._send(status, body, "application/json; charset=utf-8", headers)

    def _reply_html(self, status: int, page: str) -> None:
        self._send(status, page.encode(), "text/html; charset=utf-8", {})

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        self.server.simulator.request_stats.replied(status)
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0), not FIN: the client sees a connection reset."""
        self.close_connection = True
        self.server.simulator.request_stats.replied(0)
        with contextlib.suppress(OSError):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        # rfile holds a reference to the socket; close it too so close() really closes now.
        self.rfile.close()
        self.connection.close()
