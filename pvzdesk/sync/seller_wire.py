"""The Seller API's JSON, parsed into small typed values; nothing outside ``sync/`` sees the JSON.

A reply of an unexpected shape becomes a ``PlatformReplyError`` that names what was missing,
never a ``KeyError`` deep in the reconciler.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
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

# Per-posting error codes of the status endpoints.
ERROR_NOT_FOUND = "POSTING_NOT_FOUND"
ERROR_NOT_ALLOWED = "POSTING_STATUS_NOT_ALLOWED"
ERROR_ALREADY_IN_STATUS = "POSTING_ALREADY_IN_STATUS"
ERROR_ALREADY_DELIVERED = "POSTING_ALREADY_DELIVERED"
ERROR_ALREADY_CANCELLED = "POSTING_ALREADY_CANCELLED"

CANCEL_NOT_PICKED_UP = 665  # «покупатель не забрал заказ»


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


def _optional_date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


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
    storage_until: date | None = None
    cancel_reason_id: int = 0
    # When the seller processed it: the key ``/v4/posting/fbs/list`` orders and filters by.
    in_process_at: datetime | None = None

    def summary(self) -> dict[str, Any]:
        """The platform's view for people and support (stored beside a conflict)."""
        return {
            "posting_number": self.posting_number,
            "status": self.status,
            "substatus": self.substatus,
            "available_actions": sorted(self.available_actions),
            "storage_until": self.storage_until.isoformat() if self.storage_until else None,
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
    reason = cancellation.get("cancel_reason_id") if isinstance(cancellation, dict) else 0
    substatus = data.get("substatus")
    tracking = data.get("tracking_number")
    return PlatformPosting(
        posting_number=number,
        status=status,
        substatus=substatus if isinstance(substatus, str) else "",
        available_actions=frozenset(actions),
        tracking_number=tracking if isinstance(tracking, str) else "",
        storage_until=_optional_date(data.get("storage_until")),
        cancel_reason_id=reason if isinstance(reason, int) else 0,
        in_process_at=_optional_moment(data.get("in_process_at")),
    )


@dataclass(frozen=True)
class PostingPage:
    postings: tuple[PlatformPosting, ...]
    cursor: str
    has_next: bool


def parse_page(data: Any, endpoint: str) -> PostingPage:
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
        # The real API sends ``error`` as a string for some postings and a list for others.
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


def rpc_message(data: Any) -> str:
    """The ``message`` of an rpcStatus error body, or ""."""
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return str(data["message"])
    return ""
