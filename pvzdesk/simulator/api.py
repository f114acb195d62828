"""The Seller API endpoints of the simulator: request body in, (HTTP status, JSON reply) out.

No HTTP plumbing here (that is ``server``); only the shapes and rules of Ozon's OpenAPI document
(``tests/sync/test_seller_contract.py`` validates these replies against it). Errors are rpcStatus
objects ``{"code", "message", "details": []}`` with gRPC codes: 3 invalid argument, 5 not found,
7 permission denied, 8 resource exhausted, 9 failed precondition, 13 internal, 14 unavailable,
16 unauthenticated.

Everything the simulator does BEYOND the document — each an assumption, in this one place:

- Per-posting refusal codes of the rFBS status methods: the documented ones (listed for
  ``/v4/posting/fbs/ship``) — ``POSTING_NOT_FOUND`` (unknown posting), ``POSTING_ALREADY_CANCELLED``
  (cancelled), ``HAS_INCORRECT_TPL_INTEGRATION_TYPE`` (an integrated delivery service),
  ``TRANSITION_IS_NOT_POSSIBLE`` (the action is not available now: a wrong order, already in the
  target status, or a step sent before the previous one applied). Tracking numbers refuse with
  ``HAS_INCORRECT_STATUS``.
- ``error`` of a per-posting line is a string for some postings and a list for others (the
  schema says string, the example a list; fixed per posting number, ``postings.error_as_list``).
- A status call with more than ``STATUS_BATCH_LIMIT`` (20) postings is refused whole (400), as
  integrations report.
- A change accepted while the same change is still pending is accepted again and applied once.
- Changes apply after ``apply_delay`` seconds (default several); a change that no longer fits
  when it comes due is dropped.
- Rate limits: 50 requests/s per Client-Id (documented) with ``Retry-After: 1``; per-method limits
  (``server.METHOD_LIMITS``, not documented) answer 429 WITHOUT ``Retry-After``.
- A cancel refused for the posting's state answers 400 with the code as the message; one whose
  ``cancel_reason_id`` the posting does not allow now answers 400 INVALID_ARGUMENT.
- Allowed cancel reasons depend on the posting's status only (``postings.ALLOWED_CANCEL_REASONS``:
  352, 400, 402 before delivery; 402 and 665–667 in delivery or with the courier; none once
  delivered or cancelled), unless a test sets a posting's own. ``/v1/posting/fbs/cancel-reason``
  answers a line for each posting it knows (unknown ones are left out) with ``type_id``
  "seller"; ``/v2/posting/fbs/cancel-reason/list`` marks a reason available when some status
  allows it.
- A method "switched off" (``Simulator(switched_off=...)``) answers 404 with an rpcStatus, as
  for a path that does not exist.
- ``/v2/conditional-cancellation/list`` pages by ``last_id`` in the order requests were made.
- A 404 of ``/v3/posting/fbs/get`` means the posting is unknown (an rpcStatus, code 5).
- A posting's order number is its number without the last ``-N`` (as in the document's
  examples: ``57195475-0050-3`` of order ``57195475-0050``); ``filter.order_numbers`` of
  ``/v4/posting/fbs/list`` lists only the postings of those orders, still within since/to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pvzdesk.simulator import postings as p
from pvzdesk.simulator.state import REASON_NOT_ALLOWED, SimState, parse_time

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
LIST_ORDER_NUMBERS = 100  # documented: filter.order_numbers maxItems
STATUS_BATCH_LIMIT = 20
CANCEL_REQUEST_LIMIT = 1000
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


def _wants(body: dict[str, Any], name: str) -> bool:
    extra = body.get("with")
    return isinstance(extra, dict) and extra.get(name) is True


def posting_get(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    posting = state.get(_string(body, "posting_number"), barcodes=_wants(body, "barcodes"))
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
    if "status" in query:
        raise BadRequest("filter.status is not a field; use filter.statuses (an array)")
    statuses = query.get("statuses") or []
    if not isinstance(statuses, list) or not all(
        isinstance(status, str) and status in p.STATUSES for status in statuses
    ):
        raise BadRequest(f"filter.statuses must be an array of {', '.join(p.STATUSES)}")
    orders = query.get("order_numbers") or []
    if (
        not isinstance(orders, list)
        or len(orders) > LIST_ORDER_NUMBERS
        or not all(isinstance(number, str) for number in orders)
    ):
        raise BadRequest(f"filter.order_numbers must be an array of at most {LIST_ORDER_NUMBERS}")
    try:
        since = parse_time(_string(query, "since"))
        to = parse_time(_string(query, "to"))
        page, next_cursor, has_next = state.list_page(
            since,
            to,
            tuple(statuses),
            cursor,
            limit,
            barcodes=_wants(body, "barcodes"),
            order_numbers=frozenset(orders),
        )
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
            state.note_batch(len(numbers) if isinstance(numbers, list) else 0)
            raise BadRequest(
                f"posting_number must be a list of 1 to {STATUS_BATCH_LIMIT} posting numbers"
            )
        state.note_batch(len(numbers))
        return _per_posting(state.request_status_change(numbers, action, request_id))

    return endpoint


def tracking_number_set(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    pairs = body.get("tracking_numbers")
    if not isinstance(pairs, list) or not 1 <= len(pairs) <= TRACKING_BATCH_LIMIT:
        raise BadRequest(f"tracking_numbers must hold 1 to {TRACKING_BATCH_LIMIT} items")
    if not all(isinstance(pair, dict) for pair in pairs):
        raise BadRequest("each tracking_numbers item is an object")
    checked = [
        (_string(pair, "posting_number"), _string(pair, "tracking_number")) for pair in pairs
    ]
    if any(len(tracking) > 64 for _, tracking in checked):
        raise BadRequest("tracking_number is too long")
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
    if error == REASON_NOT_ALLOWED:
        return 400, rpc_error(INVALID_ARGUMENT, f"cancel_reason_id {reason_id} is not allowed")
    if error == p.ERROR_NOT_FOUND:
        return 404, rpc_error(NOT_FOUND, error)
    if error:
        return 400, rpc_error(FAILED_PRECONDITION, error)
    return 200, {"result": True}


def _reason(reason_id: int) -> dict[str, Any]:
    return {"id": reason_id, "title": p.CANCEL_REASON_TITLES[reason_id], "type_id": "seller"}


def posting_cancel_reasons(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    numbers = body.get("related_posting_numbers")
    if (
        not isinstance(numbers, list)
        or not numbers
        or not all(isinstance(number, str) and number for number in numbers)
    ):
        raise BadRequest("related_posting_numbers must be a list of posting numbers")
    return 200, {
        "result": [
            {"posting_number": number, "reasons": [_reason(reason) for reason in reasons]}
            for number, reasons in state.cancel_reasons(numbers)
        ]
    }


def cancel_reason_list(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    allowed = {reason for reasons in p.ALLOWED_CANCEL_REASONS.values() for reason in reasons}
    return 200, {
        "result": [
            {**_reason(reason), "is_available_for_cancellation": reason in allowed}
            for reason in sorted(p.CANCEL_REASON_TITLES)
        ]
    }


def cancel_request_list(state: SimState, body: dict[str, Any], request_id: str) -> Reply:
    limit = body.get("limit")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 1000:
        raise BadRequest("limit must be an integer from 1 to 1000")
    filters = body.get("filters") or {}
    last_id = body.get("last_id") or 0
    if not isinstance(filters, dict) or not isinstance(last_id, int):
        raise BadRequest("filters must be an object and last_id an integer")
    numbers = filters.get("posting_number") or []
    initiators = filters.get("cancellation_initiator") or []
    wanted_state = filters.get("state") or "ALL"
    if wanted_state not in ("ALL", "ON_APPROVAL", "APPROVED", "REJECTED"):
        raise BadRequest("filters.state is one of ALL, ON_APPROVAL, APPROVED, REJECTED")
    if not isinstance(numbers, list) or not isinstance(initiators, list):
        raise BadRequest("filters.posting_number and cancellation_initiator are arrays")
    found, last = state.cancel_requests(
        tuple(map(str, numbers)), tuple(map(str, initiators)), wanted_state, last_id, limit
    )
    reply: dict[str, Any] = {"result": found, "last_id": last}
    if _wants(body, "counter"):
        reply["counter"] = sum(1 for item in found if item["state"]["state"] == "ON_APPROVAL")
    return 200, reply


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
    "/v2/conditional-cancellation/list": cancel_request_list,
    "/v1/posting/fbs/cancel-reason": posting_cancel_reasons,
    "/v2/posting/fbs/cancel-reason/list": cancel_reason_list,
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
