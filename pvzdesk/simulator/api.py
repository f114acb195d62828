"""The Seller API endpoints of the simulator: request body in, (HTTP status, JSON reply) out.

No HTTP plumbing here (that is ``server``); only the shapes and rules of the real API. Errors are
rpcStatus objects ``{"code", "message", "details": []}`` with gRPC codes: 3 invalid argument,
5 not found, 7 permission denied, 8 resource exhausted, 9 failed precondition, 13 internal,
14 unavailable, 16 unauthenticated.

Per-posting replies of the status endpoints carry ``error`` as a string for some postings and a
list of strings for others (fixed per posting number, see ``postings.error_as_list``); on success
it is ``""`` or ``[]``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pvzdesk.simulator import postings as p
from pvzdesk.simulator.state import SimState, parse_time

Reply = tuple[int, dict[str, Any]]
Endpoint = Callable[[SimState, dict[str, Any], str], Reply]

INVALID_ARGUMENT = 3
NOT_FOUND = 5
PERMISSION_DENIED = 7
RESOURCE_EXHAUSTED = 8
FAILED_PRECONDITION = 9
INTERNAL = 13
UNAVAILABLE = 14
UNAUTHENTICATED = 16

LIST_LIMIT = 100
STATUS_BATCH_LIMIT = 100
TRACKING_BATCH_LIMIT = 20


def rpc_error(code: int, message: str) -> dict[str, Any]:
    return {"code": code, "message": message, "details": []}


class BadRequest(Exception):
    """The body breaks the API's rules: answered 400 with INVALID_ARGUMENT."""


def _string(body: dict[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value:
        raise BadRequest(f"{name} is required and must be a non-empty string")
    return value


def _posting_error(posting_number: str, code: str) -> str | list[str]:
    if p.error_as_list(posting_number):
        return [code] if code else []
    return code


def _per_posting(results: list[tuple[str, str]]) -> Reply:
    return 200, {
        "result": [
            {"posting_number": number, "result": not error, "error": _posting_error(number, error)}
            for number, error in results
        ]
    }


def posting_get(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    posting = state.get(_string(body, "posting_number"))
    if posting is None:
        return 404, rpc_error(NOT_FOUND, "posting not found")
    return 200, {"result": posting}


def posting_list(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    limit = body.get("limit")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= LIST_LIMIT:
        raise BadRequest(f"limit must be an integer from 1 to {LIST_LIMIT}")
    cursor = body.get("cursor") or ""
    query = body.get("filter")
    if not isinstance(cursor, str) or not isinstance(query, dict):
        raise BadRequest("cursor must be a string and filter an object")
    status = query.get("status") or ""
    if not isinstance(status, str) or (status and status not in p.STATUSES):
        raise BadRequest(f"unknown status {status!r}")
    try:
        since = parse_time(_string(query, "since"))
        to = parse_time(_string(query, "to"))
        page, next_cursor, has_next = state.list_page(since, to, status, cursor, limit)
    except ValueError as error:
        raise BadRequest(str(error)) from None
    return 200, {"postings": page, "cursor": next_cursor, "has_next": has_next}


def posting_by_barcode(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    posting = state.get_by_barcode(_string(body, "barcode"))
    if posting is None:
        return 404, rpc_error(NOT_FOUND, "posting not found")
    # This endpoint answers with a shorter posting than /v3/posting/fbs/get.
    keys = ("posting_number", "order_id", "order_number", "status", "in_process_at", "barcodes")
    result = {key: posting[key] for key in keys}
    result["cancel_reason_id"] = posting["cancellation"]["cancel_reason_id"]
    result["products"] = posting["products"]
    return 200, {"result": result}


def _status_change(action: str) -> Endpoint:
    def endpoint(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
        numbers = body.get("posting_number")
        if (
            not isinstance(numbers, list)
            or not numbers
            or len(numbers) > STATUS_BATCH_LIMIT
            or not all(isinstance(number, str) and number for number in numbers)
        ):
            raise BadRequest(
                f"posting_number must be a list of 1 to {STATUS_BATCH_LIMIT} posting numbers"
            )
        return _per_posting(state.request_status_change(numbers, action, request_id))

    return endpoint


def tracking_number_set(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    pairs = body.get("tracking_numbers")
    if not isinstance(pairs, list) or not 1 <= len(pairs) <= TRACKING_BATCH_LIMIT:
        raise BadRequest(f"tracking_numbers must hold 1 to {TRACKING_BATCH_LIMIT} items")
    if not all(isinstance(pair, dict) for pair in pairs):
        raise BadRequest("each tracking_numbers item is an object")
    checked = [
        (_string(pair, "posting_number"), str(pair.get("tracking_number") or "")) for pair in pairs
    ]
    return _per_posting(state.set_tracking_numbers(checked, request_id))


def posting_cancel(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    number = _string(body, "posting_number")
    reason_id = body.get("cancel_reason_id")
    if not isinstance(reason_id, int) or reason_id not in p.CANCEL_REASONS:
        raise BadRequest(f"cancel_reason_id must be one of {sorted(p.CANCEL_REASONS)}")
    message = body.get("cancel_reason_message", "")
    if not isinstance(message, str) or (reason_id == 402 and not message):
        raise BadRequest("cancel_reason_message is required for reason 402")
    error = state.cancel(number, reason_id, request_id)
    if error == p.ERROR_NOT_FOUND:
        return 404, rpc_error(NOT_FOUND, "posting not found")
    if error:
        return 400, rpc_error(FAILED_PRECONDITION, error)
    return 200, {"result": True}


def roles_reply(key_expires_at: datetime) -> Reply:
    """``/v1/roles``: what the key may call and when it expires (keys live six months)."""
    return 200, {
        "roles": [{"name": "Admin", "methods": sorted(ENDPOINTS)}],
        "expires_at": p.iso(key_expires_at),
    }


ENDPOINTS: dict[str, Endpoint] = {
    "/v3/posting/fbs/get": posting_get,
    "/v4/posting/fbs/list": posting_list,
    "/v2/posting/fbs/get-by-barcode": posting_by_barcode,
    "/v2/fbs/posting/delivering": _status_change(p.ACTION_DELIVERING),
    "/v2/fbs/posting/last-mile": _status_change(p.ACTION_LAST_MILE),
    "/v2/fbs/posting/delivered": _status_change(p.ACTION_DELIVERED),
    "/v2/fbs/posting/tracking-number/set": tracking_number_set,
    "/v2/posting/fbs/cancel": posting_cancel,
}
ROLES_PATH = "/v1/roles"
CHANGING_ENDPOINTS = frozenset(
    {
        "/v2/fbs/posting/delivering",
        "/v2/fbs/posting/last-mile",
        "/v2/fbs/posting/delivered",
        "/v2/fbs/posting/tracking-number/set",
        "/v2/posting/fbs/cancel",
    }
)
