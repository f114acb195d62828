"""A small httpx client for the Seller API subset pvzdesk needs (DESIGN §8).

Every call goes through the shared ``TokenBucket`` first. Failures come out as ``PlatformError``
subclasses that say what kind of failure it was and whether the request may have reached the
platform (``sent``): the reconciler needs that to tell ``retryable`` from ``unknown``.

    PlatformError
    ├── PlatformReplyError        answered in a shape we do not understand (seller_wire)
    ├── PlatformUnavailable       dns, connect, tls, timeout, reset, server_error, rate_limited
    ├── PlatformKeyError          401/403: the key is wrong, revoked or expired — not an outage
    └── PlatformRequestRejected   any other 4xx: the request itself was refused
"""

from __future__ import annotations

import json
import ssl
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from pvzdesk.errors import PlatformError
from pvzdesk.i18n import tr
from pvzdesk.sync.backoff import parse_retry_after
from pvzdesk.sync.ratelimit import TokenBucket
from pvzdesk.sync.seller_wire import (
    CANCEL_NOT_PICKED_UP,
    ERROR_NOT_FOUND,
    KeyInfo,
    PlatformPosting,
    PostingPage,
    PostingResult,
    parse_page,
    parse_posting,
    parse_results,
    parse_roles,
    rpc_message,
)

REQUEST_ID_HEADER = "X-Request-Id"
STATUS_BATCH = 100  # postings per status-change request
TRACKING_BATCH = 20  # tracking-number pairs per request
LIST_PAGE = 100

PATH_GET = "/v3/posting/fbs/get"
PATH_LIST = "/v4/posting/fbs/list"
PATH_BY_BARCODE = "/v2/posting/fbs/get-by-barcode"
PATH_DELIVERING = "/v2/fbs/posting/delivering"
PATH_LAST_MILE = "/v2/fbs/posting/last-mile"
PATH_DELIVERED = "/v2/fbs/posting/delivered"
PATH_TRACKING = "/v2/fbs/posting/tracking-number/set"
PATH_CANCEL = "/v2/posting/fbs/cancel"
PATH_ROLES = "/v1/roles"

# Failure kinds, shared with the health monitor.
DNS = "dns"
CONNECT = "connect"
TLS = "tls"
TIMEOUT = "timeout"
RESET = "reset"
SERVER_ERROR = "server_error"
RATE_LIMITED = "rate_limited"
KEY_PROBLEM = "key_problem"


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


class SellerApi:
    """Thread-safe (httpx.Client is); share one per Client-Id so the bucket covers every call."""

    def __init__(
        self,
        base_url: str,
        client_id: str,
        api_key: str,
        *,
        limiter: TokenBucket | None = None,
        timeout_s: float = 10.0,
        cancel: threading.Event | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.limiter = limiter
        self.cancel_event = cancel
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"Client-Id": client_id, "Api-Key": api_key},
            timeout=httpx.Timeout(timeout_s, connect=min(timeout_s, 5.0)),
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=16),
            transport=transport,
        )
        self._counter_lock = threading.Lock()
        self.requests_sent = 0

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SellerApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one request --------------------------------------------------------------------------
    def post(self, path: str, body: dict[str, Any], *, allow: Iterable[int] = ()) -> Reply:
        """POST JSON; a reply whose status is 2xx or in ``allow`` comes back, others raise."""
        if self.limiter is not None:
            self.limiter.acquire(self.cancel_event)
        request_id = uuid.uuid4().hex
        with self._counter_lock:
            self.requests_sent += 1
        try:
            response = self._http.post(path, json=body, headers={REQUEST_ID_HEADER: request_id})
        except httpx.TransportError as error:
            failure, sent = classify_transport(error)
            raise PlatformUnavailable(
                failure, sent=sent, request_id=request_id, detail=type(error).__name__
            ) from error
        text = response.text
        status = response.status_code
        try:
            data: Any = response.json() if text.strip() else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            data = None
        detail = rpc_message(data) or text[:200]
        if status == 429:
            retry_after = parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
            if self.limiter is not None and retry_after:
                self.limiter.pause_for(retry_after)  # every worker of this client holds off
            raise PlatformUnavailable(
                RATE_LIMITED, sent=False, status=429, retry_after=retry_after, request_id=request_id
            )
        if status >= 500:
            retry_after = parse_retry_after(response.headers.get("Retry-After"), datetime.now(UTC))
            raise PlatformUnavailable(
                SERVER_ERROR, sent=True, status=status, retry_after=retry_after,
                request_id=request_id, detail=detail,
            )  # fmt: skip
        if status in (401, 403):
            raise PlatformKeyError(status, detail)
        if 200 <= status < 300 or status in allow:
            if data is None and 200 <= status < 300:
                raise PlatformRequestRejected(status, "empty or non-JSON reply", request_id, text)
            return Reply(status, data, request_id, text)
        raise PlatformRequestRejected(status, detail, request_id, text)

    # -- endpoints ----------------------------------------------------------------------------
    def get_posting(self, posting_number: str) -> PlatformPosting | None:
        """The posting, or None when the platform does not know it (404)."""
        reply = self.post(PATH_GET, {"posting_number": posting_number, "with": {}}, allow=(404,))
        if reply.status == 404:
            return None
        if not isinstance(reply.data, dict):
            raise PlatformRequestRejected(
                reply.status, "not an object", reply.request_id, reply.text
            )
        return parse_posting(reply.data.get("result"), PATH_GET)

    def list_page(
        self,
        since: datetime,
        to: datetime,
        cursor: str = "",
        *,
        status: str = "",
        limit: int = LIST_PAGE,
    ) -> PostingPage:
        query: dict[str, Any] = {"since": _iso(since), "to": _iso(to)}
        if status:
            query["status"] = status
        body = {"cursor": cursor, "limit": limit, "filter": query, "with": {}}
        return parse_page(self.post(PATH_LIST, body).data, PATH_LIST)

    def change_status(
        self, path: str, posting_numbers: Sequence[str]
    ) -> tuple[list[PostingResult], str]:
        """One status-change request for ≤100 postings: per-posting results and the request id."""
        if not 1 <= len(posting_numbers) <= STATUS_BATCH:
            raise ValueError(f"a status change takes 1 to {STATUS_BATCH} postings")
        reply = self.post(path, {"posting_number": list(posting_numbers)})
        return parse_results(reply.data, path), reply.request_id

    def cancel(self, posting_number: str, reason_id: int = CANCEL_NOT_PICKED_UP) -> CancelResult:
        body = {
            "posting_number": posting_number,
            "cancel_reason_id": reason_id,
            "cancel_reason_message": "",
        }
        reply = self.post(PATH_CANCEL, body, allow=(400, 404))
        if reply.status == 404:
            return CancelResult(posting_number, False, ERROR_NOT_FOUND, reply.request_id)
        if reply.status == 400:
            code = rpc_message(reply.data)
            if (
                not code.isupper()
            ):  # a precondition code names a state; anything else is a bad request
                raise PlatformRequestRejected(400, code, reply.request_id, reply.text)
            return CancelResult(posting_number, False, code, reply.request_id)
        return CancelResult(posting_number, True, "", reply.request_id)

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

    def key_info(self) -> KeyInfo:
        return parse_roles(self.post(PATH_ROLES, {}).data, PATH_ROLES)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
