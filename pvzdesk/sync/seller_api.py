"""A small httpx client for the Seller API subset pvzdesk needs (DESIGN §8).

Every call goes through the shared ``TokenBucket`` and its method's own budget first
(``seller_spec.METHOD_BUDGETS``). A 429 holds the method that was refused (for its
``Retry-After``, or a jittered back-off when it has none), holds the whole client only when two
methods are refused close together, and slows the client's bucket for a while (``seller_spec`` 5). Every wait is bounded: one deadline covers the whole request
(connect, send, every read of a reply that trickles in), and a reply larger than
``seller_spec.MAX_REPLY_BYTES`` is cut off. Failures come out as ``PlatformError`` subclasses that
say what kind of failure it was and whether the request may have reached the platform (``sent``):
the reconciler needs that to tell ``retryable`` from ``unknown``.

    PlatformError
    ├── PlatformReplyError        answered in a shape we do not understand (seller_wire)
    ├── PlatformUnavailable       dns, connect, tls, timeout, reset, server_error, rate_limited,
    │                             bad_reply (HTML, empty, null, bad UTF-8, a redirect, a proxy page)
    ├── PlatformKeyError          401/403: the key is wrong, revoked or expired — not an outage
    └── PlatformRequestRejected   any other 4xx in the documented error shape (rpcStatus)
"""

from __future__ import annotations

import json
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpcore
import httpx

from pvzdesk.errors import PlatformError
from pvzdesk.i18n import tr
from pvzdesk.sync.backoff import Backoff, parse_retry_after
from pvzdesk.sync.ratelimit import Cancelled, TokenBucket
from pvzdesk.sync.seller_spec import (
    CANCEL_REASON_BATCH,
    CANCEL_REQUEST_PAGE,
    CLIENT_HOLD_WINDOW_S,
    ERROR_NOT_FOUND,
    HOLD_BACKOFF_BASE_S,
    HOLD_BACKOFF_CAP_S,
    LIST_PAGE,
    MAX_REPLY_BYTES,
    ORDER_NUMBERS_PER_LIST,
    PATH_BY_BARCODE,
    PATH_CANCEL,
    PATH_CANCEL_REASON_LIST,
    PATH_CANCEL_REASONS,
    PATH_CANCEL_REQUESTS,
    PATH_DELIVERED,
    PATH_DELIVERING,
    PATH_GET,
    PATH_LAST_MILE,
    PATH_LIST,
    PATH_ROLES,
    PATH_TRACKING,
    STATUS_BATCH,
    TRACKING_BATCH,
)
from pvzdesk.sync.seller_wire import (
    CANCEL_NOT_PICKED_UP,
    CancelReason,
    CancelRequestPage,
    KeyInfo,
    PlatformPosting,
    PostingPage,
    PostingResult,
    is_rpc_status,
    parse_cancel_reason_list,
    parse_cancel_requests,
    parse_page,
    parse_posting,
    parse_posting_cancel_reasons,
    parse_results,
    parse_roles,
    rpc_message,
)

__all__ = [
    "LIST_PAGE",
    "PATH_BY_BARCODE",
    "PATH_CANCEL",
    "PATH_DELIVERED",
    "PATH_DELIVERING",
    "PATH_GET",
    "PATH_LAST_MILE",
    "PATH_LIST",
    "PATH_ROLES",
    "PATH_TRACKING",
    "STATUS_BATCH",
    "TRACKING_BATCH",
]

REQUEST_ID_HEADER = "X-Request-Id"

# Failure kinds, shared with the health monitor.
DNS = "dns"
CONNECT = "connect"
TLS = "tls"
TIMEOUT = "timeout"
RESET = "reset"
SERVER_ERROR = "server_error"
RATE_LIMITED = "rate_limited"
KEY_PROBLEM = "key_problem"
BAD_REPLY = "bad_reply"  # answered, but not in any documented shape: a failed read, retried
TOO_LARGE = "too_large"

RetryAfterNotice = Callable[[datetime], None]


class PlatformUnavailable(PlatformError):
    def __init__(
        self,
        failure: str,
        *,
        sent: bool,
        status: int | None = None,
        retry_after: float | None = None,
        request_id: str = "",
        detail: str = "",
    ) -> None:
        super().__init__(
            tr("The platform cannot be reached ({failure}).", failure=failure),
            hint=tr("Work continues offline; everything is kept in the journal."),
        )
        self.failure = failure
        self.sent = sent
        self.status = status
        self.retry_after = retry_after
        self.request_id = request_id
        self.detail = detail


class PlatformKeyError(PlatformError):
    def __init__(self, status: int, detail: str) -> None:
        super().__init__(
            tr(
                "The platform refused the API key (HTTP {status}): {detail}",
                status=status,
                detail=detail,
            ),
            hint=tr("Check the Client-Id and the API key in Settings; the key may have expired."),
        )
        self.status = status
        self.detail = detail


class PlatformRequestRejected(PlatformError):
    def __init__(self, status: int, detail: str, request_id: str, reply: str) -> None:
        super().__init__(
            tr(
                "The platform rejected the request (HTTP {status}): {detail}",
                status=status,
                detail=detail,
            )
        )
        self.status = status
        self.detail = detail
        self.request_id = request_id
        self.reply = reply


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending.extend(arg for arg in current.args if isinstance(arg, BaseException))
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                pending.append(linked)


def classify_transport(error: httpx.TransportError) -> tuple[str, bool]:
    """(failure kind, whether the request may have reached the server) of a transport error."""
    import socket

    text = " ".join(str(cause) for cause in _causes(error)).lower()
    if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout):
        if any(isinstance(c, socket.gaierror) for c in _causes(error)) or any(
            marker in text
            for marker in (
                "name or service not known",
                "name resolution",
                "nodename nor servname",
                "getaddrinfo",
            )
        ):
            return DNS, False
        if (
            any(isinstance(c, ssl.SSLError) for c in _causes(error))
            or "ssl" in text
            or "certificate" in text
        ):
            return TLS, False
        if isinstance(error, httpx.ConnectTimeout):
            return TIMEOUT, False
        return CONNECT, False
    if isinstance(error, httpx.PoolTimeout):
        return TIMEOUT, False
    if isinstance(error, httpx.TimeoutException):
        return TIMEOUT, True
    return RESET, True  # read/write error, protocol error: the request may have been handled


@dataclass(frozen=True)
class RawReply:
    status: int
    headers: httpx.Headers
    body: bytes


# The total deadline of the request running on this thread (monotonic seconds), read by every
# socket operation of a ``deadline_transport``: a sync httpx request runs on its caller's thread.
_deadline = threading.local()


def _left(kind: type[Exception]) -> float:
    until: float | None = getattr(_deadline, "until", None)
    if until is None:
        return float("inf")
    left = until - time.monotonic()
    if left <= 0:
        raise kind("the request did not complete within its deadline")
    return left


def _clamp(timeout: float | None, kind: type[Exception]) -> float | None:
    left = _left(kind)
    if left == float("inf"):
        return timeout
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket whose every read and write waits no longer than what is left of the request's
    deadline: a status line and headers sent a byte a second are cut at the deadline too."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(
            ssl_context, server_hostname, _clamp(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _clamp(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(
            path, _clamp(timeout, httpcore.ConnectTimeout), socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(
    transport: httpx.BaseTransport | None = None, *, limits: httpx.Limits | None = None
) -> httpx.BaseTransport:
    """An HTTP transport whose sockets honour ``bounded_request``'s total deadline (connect,
    TLS, the request, the status line, headers and body). A transport of another kind (a test's
    own) is returned as it is."""
    if transport is None:
        transport = httpx.HTTPTransport(limits=limits or httpx.Limits())
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]
    return transport


def bounded_request(
    client: httpx.Client,
    method: str,
    url: str,
    *,
    deadline_s: float,
    max_bytes: int = MAX_REPLY_BYTES,
    **kwargs: Any,
) -> RawReply:
    """One request bounded by ``deadline_s`` as a whole, however slowly its reply trickles in.

    httpx's timeouts are per socket operation, so a reply sent a byte a second never times out.
    On a client built with ``deadline_transport`` every socket wait (connect, the request, the
    status line and each header, the body) is cut to what is left of the deadline, and the body
    is checked after every chunk as well: the request ends within the deadline (plus one
    scheduling slice). The body is cut off past ``max_bytes``. Raises an ``httpx`` timeout at
    the deadline and ``ReplyTooLarge`` past the size.
    """
    started = time.monotonic()
    outer = getattr(_deadline, "until", None)
    _deadline.until = started + deadline_s
    timeout = httpx.Timeout(deadline_s, connect=min(deadline_s, 5.0))
    try:
        with client.stream(method, url, timeout=timeout, **kwargs) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise ReplyTooLarge(int(length))
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded: a compressed bomb is capped too
                size += len(chunk)
                if size > max_bytes:
                    raise ReplyTooLarge(size)
                chunks.append(chunk)
                if time.monotonic() - started > deadline_s:
                    raise httpx.ReadTimeout("the reply did not complete within the deadline")
            return RawReply(response.status_code, response.headers, b"".join(chunks))
    finally:
        _deadline.until = outer


class ReplyTooLarge(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"reply of {size} bytes or more")
        self.size = size


@dataclass(frozen=True)
class Reply:
    status: int
    data: Any
    request_id: str
    text: str


@dataclass(frozen=True)
class CancelResult:
    posting_number: str
    ok: bool
    error: str  # "" or the platform's error code (POSTING_NOT_FOUND, POSTING_ALREADY_CANCELLED...)
    request_id: str


# How long a request may keep its method's token while the client's bucket has none: the
# method's busiest second then holds at most rate × (1 + this) + 1 requests, under its limit
# for every budget of ``seller_spec.METHOD_BUDGETS`` at ``HEADROOM`` (2/s: 2, 20/s: 19, 30/s: 29).
TOKEN_HOLD_S = 0.05


class SellerApi:
    """Thread-safe (httpx.Client is); share one per Client-Id so the buckets cover every call."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        api_key: str,
        *,
        limiter: TokenBucket | None = None,
        budgets: Mapping[str, TokenBucket] | None = None,
        timeout_s: float = 10.0,
        cancel: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
        on_retry_after: RetryAfterNotice | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.limiter = limiter
        self.cancel_event = cancel
        self.timeout_s = timeout_s
        self.on_retry_after = on_retry_after
        # Each method's own bucket (``seller_spec.METHOD_BUDGETS``, built in ``pvzdesk.app``).
        self.budgets = dict(budgets or {})
        limits = httpx.Limits(max_connections=16, max_keepalive_connections=16)
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Client-Id": client_id, "Api-Key": api_key},
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
            transport=deadline_transport(transport, limits=limits),
            follow_redirects=False,
        )
        self._counter_lock = threading.Lock()
        self.requests_sent = 0
        self.waiting_until: datetime | None = None  # when a Retry-After wait ends, if one runs
        # 429 holds (seller_spec 5), under _counter_lock: until when each method is held, when
        # each last had a 429, and how many 429s in a row it had (the back-off's attempt).
        self._hold_until: dict[str, float] = {}
        self._last_429: dict[str, float] = {}
        self._streak: dict[str, int] = {}
        self._hold_backoff = Backoff(HOLD_BACKOFF_BASE_S, HOLD_BACKOFF_CAP_S)
        self.method_held_s: dict[str, float] = {}  # per method, overlapping holds counted once
        self.client_holds = 0  # 429s of two methods close together: the whole client held

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SellerApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one request --------------------------------------------------------------------------
    def post(self, path: str, body: dict[str, Any], *, allow: Iterable[int] = ()) -> Reply:
        """POST JSON; a documented reply whose status is 2xx or in ``allow`` comes back, others
        raise. ``allow``ed statuses come back only with the documented error object."""
        self._take_tokens(path)
        request_id = uuid.uuid4().hex
        with self._counter_lock:
            self.requests_sent += 1
        try:
            raw = bounded_request(
                self._http, "POST", path, deadline_s=self.timeout_s,
                json=body, headers={REQUEST_ID_HEADER: request_id},
            )  # fmt: skip
        except httpx.TransportError as error:
            failure, sent = classify_transport(error)
            raise PlatformUnavailable(
                failure, sent=sent, request_id=request_id, detail=type(error).__name__
            ) from error
        except ReplyTooLarge as error:
            raise PlatformUnavailable(
                TOO_LARGE, sent=True, request_id=request_id, detail=str(error)
            ) from error
        status = raw.status
        text, data, understood = _json_of(raw)
        detail = rpc_message(data) or text[:200]
        if status == 429:
            retry_after = parse_retry_after(raw.headers.get("Retry-After"), datetime.now(UTC))
            self._refused(path, retry_after)
            raise PlatformUnavailable(
                RATE_LIMITED, sent=False, status=429, retry_after=retry_after, request_id=request_id
            )
        with self._counter_lock:
            self._streak.pop(path, None)
        if status >= 500:
            retry_after = parse_retry_after(raw.headers.get("Retry-After"), datetime.now(UTC))
            raise PlatformUnavailable(
                SERVER_ERROR, sent=True, status=status, retry_after=retry_after,
                request_id=request_id, detail=detail,
            )  # fmt: skip
        if status in (401, 403):
            raise PlatformKeyError(status, detail)
        if 200 <= status < 300:
            if not understood or data is None:
                raise _bad_reply(status, request_id, text)
            return Reply(status, data, request_id, text)
        if not is_rpc_status(data):
            # A redirect, an HTML 404/400 from a proxy or a wrong base URL: not the platform's
            # documented answer, so nothing is concluded from it (seller_spec 7).
            raise _bad_reply(status, request_id, text)
        if status in allow:
            return Reply(status, data, request_id, text)
        raise PlatformRequestRejected(status, detail, request_id, text)

    def _take_tokens(self, path: str) -> None:
        """Wait until ``path`` is not held and both its budget and the client's bucket have a
        token, then take both. A method's token is held at most ``TOKEN_HOLD_S`` while the
        client's bucket has none: tokens held through a longer wait (a cut, a pause) would go
        out together once the client's bucket frees up, over the method's limit that second;
        within ``TOKEN_HOLD_S`` a method's busiest second stays under its limit."""
        budget = self.budgets.get(path)
        while True:
            self._wait_hold(path)
            wait = max(
                (bucket.wait_time(take=False) for bucket in (budget, self.limiter) if bucket),
                default=0.0,
            )
            if wait <= 0 and (budget is None or (wait := budget.wait_time()) <= 0):
                if self.limiter is None:
                    return
                taken_at = time.monotonic()
                while (wait := self.limiter.wait_time()) > 0:
                    if time.monotonic() - taken_at + wait > TOKEN_HOLD_S:
                        if budget is not None:
                            budget.refund()
                        break
                    self._sleep(wait)
                else:
                    return
            self._sleep(wait)

    def _sleep(self, seconds: float) -> None:
        if self.cancel_event is not None:
            if self.cancel_event.wait(seconds):
                raise Cancelled
        else:
            time.sleep(seconds)

    def held_for(self, path: str) -> float:
        """Seconds ``path`` is still held after a 429 of its own (0: not held)."""
        with self._counter_lock:
            return max(0.0, self._hold_until.get(path, 0.0) - time.monotonic())

    def _wait_hold(self, path: str) -> None:
        """Wait while ``path`` is held after a 429 of its own (``Cancelled`` if cancelled)."""
        while True:
            with self._counter_lock:
                left = self._hold_until.get(path, 0.0) - time.monotonic()
            if left <= 0:
                return
            if self.cancel_event is not None:
                if self.cancel_event.wait(left):
                    raise Cancelled
            else:
                time.sleep(left)

    def _refused(self, path: str, retry_after: float | None) -> None:
        """A 429 (seller_spec 5): hold the refused method for ``Retry-After`` (or a jittered
        back-off that grows with its 429s in a row); hold the whole client when another method
        had a 429 within ``CLIENT_HOLD_WINDOW_S``; slow the client's bucket down either way.
        Whoever shows progress is told until when, when the platform named a time."""
        now = time.monotonic()
        with self._counter_lock:
            streak = self._streak.get(path, 0)
            self._streak[path] = streak + 1
            hold = retry_after if retry_after is not None else self._hold_backoff.delay(streak)
            others = any(
                other != path and now - moment <= CLIENT_HOLD_WINDOW_S
                for other, moment in self._last_429.items()
            )
            self._last_429[path] = now
            until, before = now + hold, self._hold_until.get(path, 0.0)
            if until > before:
                held = self.method_held_s.get(path, 0.0) + until - max(now, before)
                self.method_held_s[path] = held
                self._hold_until[path] = until
            if others:
                self.client_holds += 1
        if self.limiter is not None:
            if others:
                self.limiter.pause_for(hold)
            self.limiter.slow_down()
        if retry_after:
            moment = datetime.now(UTC) + timedelta(seconds=retry_after)
            self.waiting_until = moment
            if self.on_retry_after is not None:
                self.on_retry_after(moment)

    # -- endpoints ----------------------------------------------------------------------------
    def get_posting(self, posting_number: str) -> PlatformPosting | None:
        """The posting, or None when the platform says it does not know it (the documented
        404 with an error object; anything else raises and is retried as a failed read)."""
        reply = self.post(PATH_GET, {"posting_number": posting_number}, allow=(404,))
        if reply.status == 404:
            return None
        if not isinstance(reply.data, dict):
            raise _bad_reply(reply.status, reply.request_id, reply.text)
        return parse_posting(reply.data.get("result"), PATH_GET)

    def list_page(
        self,
        since: datetime,
        to: datetime,
        cursor: str = "",
        *,
        statuses: Sequence[str] = (),
        limit: int = LIST_PAGE,
        barcodes: bool = False,
        order_numbers: Sequence[str] = (),
    ) -> PostingPage:
        query: dict[str, Any] = {"since": _iso(since), "to": _iso(to)}
        if statuses:
            query["statuses"] = list(statuses)
        if order_numbers:
            if len(order_numbers) > ORDER_NUMBERS_PER_LIST:
                raise ValueError(f"a listing takes at most {ORDER_NUMBERS_PER_LIST} order numbers")
            query["order_numbers"] = list(order_numbers)
        # No sort_dir: its schema says "ASC", its example "asc"; paging by cursor needs neither.
        body: dict[str, Any] = {"limit": limit, "filter": query}
        if cursor:
            body["cursor"] = cursor
        if barcodes:
            body["with"] = {"barcodes": True}
        return parse_page(self.post(PATH_LIST, body).data, PATH_LIST)

    def change_status(
        self, path: str, posting_numbers: Sequence[str]
    ) -> tuple[list[PostingResult], str]:
        """One status-change request for ≤20 postings: per-posting results and the request id."""
        if not 1 <= len(posting_numbers) <= STATUS_BATCH:
            raise ValueError(f"a status change takes 1 to {STATUS_BATCH} postings")
        reply = self.post(path, {"posting_number": list(posting_numbers)})
        return parse_results(reply.data, path), reply.request_id

    def cancel(
        self, posting_number: str, reason_id: int = CANCEL_NOT_PICKED_UP, message: str = ""
    ) -> CancelResult:
        """``{"result": bool}``; a refusal comes as an error object whose message is the code.
        ``message``: ``cancel_reason_message`` (required with reason 402)."""
        body: dict[str, Any] = {"posting_number": posting_number, "cancel_reason_id": reason_id}
        if message:
            body["cancel_reason_message"] = message
        reply = self.post(PATH_CANCEL, body, allow=(400, 404, 409))
        if reply.status == 404:
            return CancelResult(posting_number, False, ERROR_NOT_FOUND, reply.request_id)
        if reply.status in (400, 409):
            code = rpc_message(reply.data).strip()
            if not code.replace("_", "").isupper():
                # Not a state code: the request itself was refused (a reason not allowed now...).
                raise PlatformRequestRejected(reply.status, code, reply.request_id, reply.text)
            return CancelResult(posting_number, False, code, reply.request_id)
        ok = reply.data.get("result") if isinstance(reply.data, dict) else None
        if not isinstance(ok, bool):
            raise _bad_reply(reply.status, reply.request_id, reply.text)
        # ``false`` without a code: not done, reason unknown — read again and decide.
        return CancelResult(posting_number, ok, "", reply.request_id)

    def set_tracking_numbers(self, pairs: Sequence[tuple[str, str]]) -> list[PostingResult]:
        """Tracking numbers, sent in batches of ≤20 pairs (the API's limit)."""
        results: list[PostingResult] = []
        for start in range(0, len(pairs), TRACKING_BATCH):
            chunk = pairs[start : start + TRACKING_BATCH]
            body = {
                "tracking_numbers": [{"posting_number": n, "tracking_number": t} for n, t in chunk]
            }
            results.extend(parse_results(self.post(PATH_TRACKING, body).data, PATH_TRACKING))
        return results

    def posting_cancel_reasons(
        self, posting_numbers: Sequence[str]
    ) -> dict[str, tuple[CancelReason, ...]]:
        """The cancel reasons allowed for each of ≤``CANCEL_REASON_BATCH`` postings."""
        if not 1 <= len(posting_numbers) <= CANCEL_REASON_BATCH:
            raise ValueError(f"cancel reasons are asked for 1 to {CANCEL_REASON_BATCH} postings")
        body = {"related_posting_numbers": list(posting_numbers)}
        reply = self.post(PATH_CANCEL_REASONS, body)
        return parse_posting_cancel_reasons(reply.data, PATH_CANCEL_REASONS)

    def cancel_reason_list(self) -> tuple[CancelReason, ...]:
        """Every cancel reason of FBS and rFBS postings, each marked available or not."""
        reply = self.post(PATH_CANCEL_REASON_LIST, {})
        return parse_cancel_reason_list(reply.data, PATH_CANCEL_REASON_LIST)

    def cancel_requests(
        self, posting_numbers: Sequence[str] = (), last_id: int = 0
    ) -> CancelRequestPage:
        """One page of buyers' cancellation requests (any state), oldest first."""
        filters: dict[str, Any] = {"cancellation_initiator": ["CLIENT"], "state": "ALL"}
        if posting_numbers:
            filters["posting_number"] = list(posting_numbers)
        body: dict[str, Any] = {"filters": filters, "limit": CANCEL_REQUEST_PAGE}
        if last_id:
            body["last_id"] = last_id
        return parse_cancel_requests(
            self.post(PATH_CANCEL_REQUESTS, body).data, PATH_CANCEL_REQUESTS
        )

    def key_info(self) -> KeyInfo:
        return parse_roles(self.post(PATH_ROLES, {}).data, PATH_ROLES)


def _json_of(raw: RawReply) -> tuple[str, Any, bool]:
    """(text, JSON value, whether the body was JSON at all)."""
    try:
        text = raw.body.decode("utf-8")
    except UnicodeDecodeError:
        return raw.body.decode("utf-8", "replace"), None, False
    if not text.strip():
        return text, None, False
    try:
        return text, json.loads(text), True
    except json.JSONDecodeError:
        return text, None, False


def _bad_reply(status: int, request_id: str, text: str) -> PlatformUnavailable:
    return PlatformUnavailable(
        BAD_REPLY, sent=True, status=status, request_id=request_id, detail=text[:200]
    )


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
