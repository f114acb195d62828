"""The Seller API's JSON, parsed into small typed values; nothing outside ``sync/`` sees the JSON.

Shapes follow Ozon's OpenAPI document (checked by ``tests/sync/test_seller_contract.py``); where it
is silent, ``seller_spec`` names the assumption. A reply of an unexpected shape becomes a
``PlatformReplyError`` that names what was missing, never a ``KeyError`` deep in the reconciler;
the reads retry it like any failed read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pvzdesk.errors import PlatformError
from pvzdesk.i18n import tr

# Platform statuses of an rFBS posting (Seller API names).
AWAITING_PACKAGING = "awaiting_packaging"
AWAITING_DELIVER = "awaiting_deliver"
DELIVERING = "delivering"
DRIVER_PICKUP = "driver_pickup"
DELIVERED = "delivered"
CANCELLED = "cancelled"

# ``available_actions`` names for non-integrated delivery.
ACTION_DELIVERING = "non_int_delivering"
ACTION_LAST_MILE = "non_int_last_mile"
ACTION_DELIVERED = "non_int_delivered"
ACTION_CANCEL = "cancel"
ACTION_SET_TRACK = "set_track_number"

CANCEL_NOT_PICKED_UP = 665  # «покупатель не забрал заказ» (seller_spec 12)


class PlatformReplyError(PlatformError):
    """The platform answered, but not in a shape we understand."""


def _shape_error(endpoint: str, what: str) -> PlatformReplyError:
    return PlatformReplyError(
        tr(
            "The platform replied to {endpoint} in an unexpected form ({what}).",
            endpoint=endpoint,
            what=what,
        ),
        hint=tr("Nothing was changed locally. Try again later; if it repeats, call support."),
    )


def _field(data: Any, key: str, kind: type, endpoint: str) -> Any:
    if not isinstance(data, dict):
        raise _shape_error(endpoint, f"not an object where {key!r} was expected")
    value = data.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _shape_error(endpoint, f"{key!r} missing or not {kind.__name__}")
    return value


def _int64(value: Any) -> int | None:
    """An int64 field: a JSON number or, as protobuf's JSON mapping allows, a string of digits."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def _text(data: Any, key: str) -> str:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


def _optional_moment(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@dataclass(frozen=True)
class PlatformPosting:
    """The platform's view of one posting, as much as reconciliation needs."""

    posting_number: str
    status: str
    substatus: str = ""
    available_actions: frozenset[str] = frozenset()
    tracking_number: str = ""
    cancel_reason_id: int = 0
    # When the seller processed it: the key ``/v4/posting/fbs/list`` orders and filters by.
    in_process_at: datetime | None = None
    tpl_integration_type: str = ""
    # For the warm manifest (given by the list with ``with.barcodes``; the addressee where given)
    barcodes: tuple[str, ...] = ()
    addressee_name: str = ""
    addressee_phone: str = ""
    places: int = 1  # ``multi_box_qty`` of a multi-box posting, else one parcel

    def summary(self) -> dict[str, Any]:
        """The platform's view for people and support (stored beside a conflict)."""
        return {
            "posting_number": self.posting_number,
            "status": self.status,
            "substatus": self.substatus,
            "available_actions": sorted(self.available_actions),
            "cancel_reason_id": self.cancel_reason_id,
        }

    def summary_json(self) -> str:
        return json.dumps(self.summary(), ensure_ascii=False, sort_keys=True)


def parse_posting(data: Any, endpoint: str) -> PlatformPosting:
    number = _field(data, "posting_number", str, endpoint)
    status = _field(data, "status", str, endpoint)
    actions = data.get("available_actions") or []
    if not isinstance(actions, list) or not all(isinstance(a, str) for a in actions):
        raise _shape_error(endpoint, "'available_actions' is not a list of names")
    cancellation = data.get("cancellation")
    reason = _int64(cancellation.get("cancel_reason_id")) if isinstance(cancellation, dict) else 0
    barcodes = data.get("barcodes")
    codes = tuple(
        code
        for code in (_text(barcodes, "upper_barcode"), _text(barcodes, "lower_barcode"))
        if code
    )
    # The addressee is who collects the parcel; the customer (who ordered) stands in when the
    # addressee is not given.
    addressee, customer = data.get("addressee"), data.get("customer")
    boxes = _int64(data.get("multi_box_qty")) if data.get("is_multibox") is True else None
    return PlatformPosting(
        posting_number=number,
        status=status,
        substatus=_text(data, "substatus"),
        available_actions=frozenset(actions),
        tracking_number=_text(data, "tracking_number"),
        cancel_reason_id=reason or 0,
        in_process_at=_optional_moment(data.get("in_process_at")),
        tpl_integration_type=_text(data, "tpl_integration_type"),
        barcodes=codes,
        addressee_name=_text(addressee, "name") or _text(customer, "name"),
        addressee_phone=_text(addressee, "phone") or _text(customer, "phone"),
        places=boxes if boxes is not None and boxes > 0 else 1,
    )


@dataclass(frozen=True)
class PostingPage:
    postings: tuple[PlatformPosting, ...]
    cursor: str
    has_next: bool


def parse_page(data: Any, endpoint: str) -> PostingPage:
    if isinstance(data, dict) and data.get("postings") is None and "postings" in data:
        data = {**data, "postings": []}  # an empty page may carry null
    items = _field(data, "postings", list, endpoint)
    has_next = data.get("has_next", False)
    cursor = data.get("cursor") or ""
    if not isinstance(has_next, bool) or not isinstance(cursor, str):
        raise _shape_error(endpoint, "'has_next' or 'cursor' of the wrong type")
    if has_next and not cursor:
        raise _shape_error(endpoint, "'has_next' without a 'cursor'")
    return PostingPage(tuple(parse_posting(item, endpoint) for item in items), cursor, has_next)


@dataclass(frozen=True)
class PostingResult:
    """One posting's line in a status-change reply."""

    posting_number: str
    ok: bool
    errors: tuple[str, ...] = field(default=())


def parse_results(data: Any, endpoint: str) -> list[PostingResult]:
    items = _field(data, "result", list, endpoint)
    results = []
    for item in items:
        number = _field(item, "posting_number", str, endpoint)
        ok = item.get("result")
        if not isinstance(ok, bool):
            raise _shape_error(endpoint, "'result' of a posting is not true/false")
        error = item.get("error")
        # A string in the schema, a list in the document's example: both (seller_spec 2).
        if error is None or error == "":
            errors: tuple[str, ...] = ()
        elif isinstance(error, str):
            errors = (error,)
        elif isinstance(error, list):
            errors = tuple(str(code) for code in error if code)
        else:
            raise _shape_error(endpoint, "'error' is neither text nor a list")
        results.append(PostingResult(number, ok, errors))
    return results


@dataclass(frozen=True)
class KeyInfo:
    expires_at: datetime | None


def parse_roles(data: Any, endpoint: str) -> KeyInfo:
    if not isinstance(data, dict):
        raise _shape_error(endpoint, "not an object")
    value = data.get("expires_at")
    if not isinstance(value, str) or not value:
        return KeyInfo(None)
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _shape_error(endpoint, "'expires_at' is not a date") from None
    return KeyInfo(moment)


@dataclass(frozen=True)
class CancelRequest:
    """A buyer's (or anyone's) request to cancel a posting: ``/v2/conditional-cancellation/list``."""

    cancellation_id: int
    posting_number: str
    state: str  # ON_APPROVAL, APPROVED, REJECTED
    initiator: str
    reason: str
    created_at: datetime | None


@dataclass(frozen=True)
class CancelRequestPage:
    requests: tuple[CancelRequest, ...]
    last_id: int


def parse_cancel_requests(data: Any, endpoint: str) -> CancelRequestPage:
    if not isinstance(data, dict):
        raise _shape_error(endpoint, "not an object")
    items = data.get("result") or []
    if not isinstance(items, list):
        raise _shape_error(endpoint, "'result' is not a list")
    found = []
    for item in items:
        number = _field(item, "posting_number", str, endpoint)
        state = item.get("state")
        state_name = _text(state, "state") if isinstance(state, dict) else ""
        if not state_name:
            raise _shape_error(endpoint, "'state.state' missing")
        reason = item.get("cancellation_reason")
        found.append(
            CancelRequest(
                cancellation_id=_int64(item.get("cancellation_id")) or 0,
                posting_number=number,
                state=state_name,
                initiator=_text(item, "cancellation_initiator"),
                reason=_text(reason, "name"),
                created_at=_optional_moment(item.get("cancelled_at")),
            )
        )
    return CancelRequestPage(tuple(found), _int64(data.get("last_id")) or 0)


@dataclass(frozen=True)
class CancelReason:
    """A reason ``/v2/posting/fbs/cancel`` may be given (``cancel_reason_id``)."""

    reason_id: int
    title: str
    type_id: str = ""  # "seller" or "buyer"
    available: bool = True  # the list method's ``is_available_for_cancellation``


def _reason(item: Any, endpoint: str) -> CancelReason:
    reason_id = _int64(item.get("id")) if isinstance(item, dict) else None
    if reason_id is None:
        raise _shape_error(endpoint, "a reason without an 'id'")
    available = item.get("is_available_for_cancellation", True)
    return CancelReason(
        reason_id, _text(item, "title"), _text(item, "type_id"), available is not False
    )


def parse_posting_cancel_reasons(data: Any, endpoint: str) -> dict[str, tuple[CancelReason, ...]]:
    """``/v1/posting/fbs/cancel-reason``: the reasons allowed for each posting asked about."""
    if not isinstance(data, dict):
        raise _shape_error(endpoint, "not an object")
    items = data.get("result") or []
    if not isinstance(items, list):
        raise _shape_error(endpoint, "'result' is not a list")
    found: dict[str, tuple[CancelReason, ...]] = {}
    for item in items:
        number = _field(item, "posting_number", str, endpoint)
        reasons = item.get("reasons") or []
        if not isinstance(reasons, list):
            raise _shape_error(endpoint, "'reasons' is not a list")
        found[number] = tuple(_reason(reason, endpoint) for reason in reasons)
    return found


def parse_cancel_reason_list(data: Any, endpoint: str) -> tuple[CancelReason, ...]:
    """``/v2/posting/fbs/cancel-reason/list``: every reason, each marked available or not."""
    if not isinstance(data, dict):
        raise _shape_error(endpoint, "not an object")
    items = data.get("result") or []
    if not isinstance(items, list):
        raise _shape_error(endpoint, "'result' is not a list")
    return tuple(_reason(item, endpoint) for item in items)


def is_rpc_status(data: Any) -> bool:
    """The documented error object: ``{"code": int, "message": str, "details": [...]}``."""
    return (
        isinstance(data, dict)
        and _int64(data.get("code")) is not None
        and isinstance(data.get("message", ""), str)
    )


def rpc_message(data: Any) -> str:
    """The ``message`` of an rpcStatus error body, or ""."""
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return str(data["message"])
    return ""
