"""A server that sends its status line and then its headers a byte at a time (issue 10, point 7):
the request's total deadline covers connect and headers too, not only the body.

The outcome is asserted, never the time: the call comes back as a timeout while the loopback
server is still trickling (it counts the bytes it managed to send; the whole header would take
it far longer than the deadline).
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from pvzdesk.sync.health import HealthMachine, HealthMonitor, HealthState, ProbeTarget
from pvzdesk.sync.seller_api import PlatformUnavailable, SellerApi

HEADER = b"X-Slow: " + b"a" * 400 + b"\r\n"  # one byte every 20 ms: 8 s in all
GAP_S = 0.02
DEADLINE_S = 0.5


class _TrickleServer:
    """Reads a request, sends ``HTTP/1.1 200 OK`` and then one header byte per ``GAP_S``."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.sent = 0  # header bytes sent after the status line
        self.finished = False  # the whole header went out (the client waited for all of it)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def _serve(self) -> None:
        self.listener.settimeout(0.1)
        while not self.stop.is_set():
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            with connection:
                self._answer(connection)

    def _answer(self, connection: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            chunk = connection.recv(65536)
            if not chunk:
                return
            request += chunk
        connection.sendall(b"HTTP/1.1 200 OK\r\n")
        for byte in HEADER:
            if self.stop.is_set():
                return
            try:
                connection.sendall(bytes([byte]))
            except OSError:  # the client gave up and closed
                return
            self.sent += 1
            time.sleep(GAP_S)
        self.finished = True
        with contextlib.suppress(OSError):
            connection.sendall(b"Content-Length: 2\r\n\r\n{}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=10)
        self.listener.close()


@pytest.fixture
def trickle() -> Iterator[_TrickleServer]:
    server = _TrickleServer()
    yield server
    server.close()


def test_a_read_of_the_platform_is_cut_while_headers_still_trickle(
    trickle: _TrickleServer,
) -> None:
    with (
        SellerApi(trickle.url, "1", "k", budgets={}, timeout_s=DEADLINE_S) as api,
        pytest.raises(PlatformUnavailable) as caught,
    ):
        api.get_posting("12345678-0001-1")
    assert caught.value.failure == "timeout"
    assert not trickle.finished  # it came back while the server was still sending headers
    assert trickle.sent < len(HEADER)


def test_a_health_probe_is_cut_while_headers_still_trickle(trickle: _TrickleServer) -> None:
    target = ProbeTarget("login", f"{trickle.url}/login")
    with HealthMonitor([target], timeout_s=DEADLINE_S, machine=HealthMachine(1, 1)) as monitor:
        snapshot = monitor.probe_round()
    assert snapshot.state is HealthState.OFFLINE
    assert snapshot.results[0].failure == "timeout"
    assert not trickle.finished
    assert trickle.sent < len(HEADER)
