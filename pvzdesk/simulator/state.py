"""The simulated platform's state: postings, status changes waiting to apply, and the ledger.

A status change is *accepted* at once and *applied* ``apply_delay`` seconds later, like the real
Seller API: reading the posting right after a push still shows the old status. The seconds are
the state's ``monotonic`` clock: wall time, or a ``RequestClock`` that also advances a fixed step
per request, so a test of a multi-second delay mostly counts requests instead of sleeping. Due changes are
applied lazily on every access under the one lock, so no timer thread is needed and nothing is
ever applied twice. When a change comes due it is checked again against the posting's status then
(it may have been cancelled meanwhile); one that no longer fits is dropped, not applied.

The ledger records every change actually applied: ``seq, posting_number, field ("status" or
"tracking_number"), action, from, to, requested_at, applied_at, request_id``. Changes made
through the test back door (``upsert``) are recorded with ``action="external"``.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pvzdesk.simulator import postings as p
from pvzdesk.simulator.postings import Posting

EXTERNAL_ACTION = "external"
MAX_TRACKING_LENGTH = 64


REASON_NOT_ALLOWED = "reason not allowed"  # a cancel reason the posting does not allow now


class RequestClock:
    """The platform's clock in a test: wall time plus ``tick`` seconds for every request, so a
    busy client meets a multi-second apply delay after a counted number of requests instead of
    real seconds, and a quiet one still sees it end (never later than in real time)."""

    def __init__(self, tick: float, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._lock = threading.Lock()
        self._monotonic = monotonic
        self._start = monotonic()
        self._ticks = 0.0
        self.tick = tick

    def advance(self) -> None:
        with self._lock:
            self._ticks += self.tick

    def __call__(self) -> float:
        with self._lock:
            return self._monotonic() - self._start + self._ticks


@dataclass
class _PendingChange:
    due: float  # monotonic seconds
    posting_number: str
    action: str
    target: str
    requested_at: datetime
    request_id: str


def parse_time(text: str) -> datetime:
    """An ISO 8601 timestamp as the API sends it (``Z`` or an offset); naive means UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def encode_cursor(posting: Posting) -> str:
    key = json.dumps([p.iso(posting.in_process_at), posting.posting_number])
    return base64.urlsafe_b64encode(key.encode()).decode()


def decode_cursor(cursor: str) -> tuple[str, str]:
    """The (in_process_at, posting_number) a page ended at; ValueError if it is not ours."""
    try:
        moment, number = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, json.JSONDecodeError, UnicodeDecodeError, TypeError) as error:
        raise ValueError("invalid cursor") from error
    return str(moment), str(number)


def _order_key(posting: Posting) -> tuple[datetime, str]:
    return posting.in_process_at, posting.posting_number


class SimState:
    """Thread-safe store of the simulated platform; every public method takes the lock."""

    def __init__(
        self,
        postings: Iterable[Posting],
        *,
        apply_delay: float = 0.2,
        seed: int = 0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._lock = threading.Lock()
        self._postings: dict[str, Posting] = {}
        self._order: list[Posting] | None = None  # by _order_key, for list paging
        self._orders: dict[str, list[Posting]] | None = None  # order number → its postings
        self.ignores_order_numbers = False  # a test knob (``Simulator``)
        self._order_keys: list[tuple[datetime, str]] = []
        self._by_barcode: dict[str, str] = {}
        self._pending: list[_PendingChange] = []
        self._ledger: list[dict[str, Any]] = []
        self._monotonic = monotonic
        self._rng = random.Random(seed ^ 0x5EED)  # for fields a test leaves out in upsert
        self.apply_delay = apply_delay
        self.counters: Counter[str] = Counter()
        self._cancel_requests: list[dict[str, Any]] = []
        for posting in postings:
            self._store(posting)

    # -- reading -------------------------------------------------------------------------------

    def get(self, posting_number: str, *, barcodes: bool = True) -> dict[str, Any] | None:
        with self._lock:
            self._apply_due()
            posting = self._postings.get(posting_number)
            return posting.to_wire(barcodes=barcodes) if posting else None

    def get_by_barcode(self, barcode: str) -> dict[str, Any] | None:
        with self._lock:
            self._apply_due()
            number = self._by_barcode.get(barcode)
            return self._postings[number].to_wire() if number else None

    def list_page(
        self,
        since: datetime,
        to: datetime,
        statuses: tuple[str, ...],
        cursor: str,
        limit: int,
        barcodes: bool = False,
        order_numbers: frozenset[str] = frozenset(),
    ) -> tuple[list[dict[str, Any]], str, bool]:
        """One page of postings processed in [since, to], ordered by (in_process_at, number);
        only those of ``order_numbers`` when given (the document's ``filter.order_numbers``)."""
        after = decode_cursor(cursor) if cursor else None
        start_key = (parse_time(after[0]), after[1]) if after else (since, "")
        with self._lock:
            self._apply_due()
            if self._order is None:  # sorted once, not per page: a 10k manifest is 100 pages
                self._order = sorted(self._postings.values(), key=_order_key)
                self._order_keys = [_order_key(posting) for posting in self._order]
            if order_numbers and not self.ignores_order_numbers:
                ordered = sorted(
                    (
                        posting
                        for number in order_numbers
                        for posting in self._by_order().get(number, ())
                    ),
                    key=_order_key,
                )
                candidates = ordered[
                    bisect.bisect_right([_order_key(posting) for posting in ordered], start_key) :
                ]
            else:
                candidates = self._order[bisect.bisect_right(self._order_keys, start_key) :]
            page: list[Posting] = []
            has_next = False
            for posting in candidates:
                if posting.in_process_at > to:
                    break
                if posting.in_process_at < since or (statuses and posting.status not in statuses):
                    continue
                if len(page) == limit:
                    has_next = True
                    break
                page.append(posting)
            next_cursor = encode_cursor(page[-1]) if page and has_next else ""
            wire = [posting.to_wire(barcodes=barcodes, addressee_phone=False) for posting in page]
            return wire, next_cursor, has_next

    def _by_order(self) -> dict[str, list[Posting]]:
        """Postings by order number (built once per change of the posting set; under the lock)."""
        if self._orders is None:
            self._orders = {}
            for posting in self._postings.values():
                self._orders.setdefault(posting.order_number, []).append(posting)
        return self._orders

    def ledger(self) -> list[dict[str, Any]]:
        with self._lock:
            self._apply_due()
            return [dict(entry) for entry in self._ledger]

    def ledger_size(self) -> int:
        with self._lock:
            self._apply_due()
            return len(self._ledger)

    def pending_count(self) -> int:
        with self._lock:
            self._apply_due()
            return len(self._pending)

    def snapshot_counters(self) -> dict[str, int]:
        with self._lock:
            self._apply_due()
            names = (
                "changes_accepted", "changes_applied", "changes_dropped", "transition_refused",
                "max_status_batch",
            )  # fmt: skip
            return {name: self.counters[name] for name in (*names, "duplicate_change_requests")}

    def reset_counters(self) -> None:
        with self._lock:
            self.counters.clear()

    def note_batch(self, size: int) -> None:
        """A status call asked for ``size`` postings (the largest is kept in the stats)."""
        with self._lock:
            self.counters["max_status_batch"] = max(self.counters["max_status_batch"], size)

    def posting_numbers(self) -> list[str]:
        with self._lock:
            return list(self._postings)

    # -- changing ------------------------------------------------------------------------------

    def request_status_change(
        self, posting_numbers: Iterable[str], action: str, request_id: str
    ) -> list[tuple[str, str]]:
        """Accept or refuse ``action`` for each posting: (posting_number, error code or "")."""
        results: list[tuple[str, str]] = []
        with self._lock:
            self._apply_due()
            for number in posting_numbers:
                error = self._refusal(number, action)
                if not error:
                    self._enqueue(number, action, request_id)
                results.append((number, error))
            self._apply_due()
        return results

    def cancel_reasons(self, numbers: Iterable[str]) -> list[tuple[str, tuple[int, ...]]]:
        """(posting, the reasons its cancel may carry now) for each posting the platform knows."""
        with self._lock:
            self._apply_due()
            return [
                (number, self._postings[number].allowed_cancel_reasons)
                for number in numbers
                if number in self._postings
            ]

    def cancel(self, posting_number: str, reason_id: int, request_id: str) -> str:
        """Accept a cancel: "" or an error code (``POSTING_NOT_FOUND`` and the like), or
        ``REASON_NOT_ALLOWED`` for a reason the posting does not allow in its status."""
        with self._lock:
            self._apply_due()
            error = self._refusal(posting_number, p.ACTION_CANCEL)
            if not error and reason_id not in self._postings[posting_number].allowed_cancel_reasons:
                return REASON_NOT_ALLOWED
            if not error:
                self._postings[posting_number].cancel_reason_id = reason_id
                self._enqueue(posting_number, p.ACTION_CANCEL, request_id)
                self._apply_due()
            return error

    def set_tracking_numbers(
        self, pairs: Iterable[tuple[str, str]], request_id: str
    ) -> list[tuple[str, str]]:
        """Set tracking numbers at once (the platform does not defer these): (number, error)."""
        results: list[tuple[str, str]] = []
        with self._lock:
            self._apply_due()
            for number, tracking in pairs:
                posting = self._postings.get(number)
                if posting is None:
                    error = p.ERROR_NOT_FOUND
                elif posting.tracking_number == tracking:
                    error = ""  # the same number again changes nothing (an assumption, see api)
                    self.counters["duplicate_change_requests"] += 1
                elif p.ACTION_SET_TRACK not in posting.available_actions:
                    error = p.ERROR_INCORRECT_STATUS
                else:
                    error = ""
                    now = datetime.now(UTC)
                    self._record(
                        posting, "tracking_number", p.ACTION_SET_TRACK,
                        posting.tracking_number, tracking, now, request_id,
                    )  # fmt: skip
                    posting.tracking_number = tracking
                results.append((number, error))
        return results

    def upsert(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        """Add a posting or change one "meanwhile" (test back door); returns its wire form."""
        number = str(fields["posting_number"])
        if not p.POSTING_NUMBER_RE.match(number):
            raise ValueError(f"bad posting number {number!r}")
        status = fields.get("status")
        if status is not None and status not in p.STATUSES:
            raise ValueError(f"unknown status {status!r}")
        # Parse everything before touching the posting, so a bad field changes nothing.
        in_process_at = (
            parse_time(str(fields["in_process_at"])) if "in_process_at" in fields else None
        )
        with self._lock:
            self._apply_due()
            posting = self._postings.get(number)
            if posting is None:
                posting = p.new_posting(self._rng, number, datetime.now(UTC))
                self._store(posting)
            for barcode in (posting.upper_barcode, posting.lower_barcode):
                self._by_barcode.pop(barcode, None)
            if status is not None and status != posting.status:
                now = datetime.now(UTC)
                self._record(posting, "status", EXTERNAL_ACTION, posting.status, status, now, "")
                posting.status = status
            for name in (
                "tracking_number", "upper_barcode", "lower_barcode", "customer_name",
                "customer_phone", "tpl_integration_type",
            ):  # fmt: skip
                if name in fields:
                    setattr(posting, name, str(fields[name]))
            if "cancel_reasons" in fields:
                reasons = fields["cancel_reasons"]
                posting.cancel_reasons = None if reasons is None else tuple(map(int, reasons))
            if "boxes" in fields:
                posting.boxes = max(1, int(fields["boxes"]))
            if in_process_at is not None:
                posting.in_process_at = in_process_at
            self._store(posting)
            return posting.to_wire()

    def add_cancel_request(
        self, posting_number: str, state: str = "ON_APPROVAL", initiator: str = "CLIENT"
    ) -> dict[str, Any]:
        """A cancellation request (test back door); the id grows with every request."""
        with self._lock:
            request = {
                "cancellation_id": len(self._cancel_requests) + 1,
                "posting_number": posting_number,
                "cancellation_initiator": initiator,
                "cancellation_reason": {"id": 503, "name": "Покупатель передумал"},
                "cancellation_reason_message": "",
                "cancelled_at": p.iso(datetime.now(UTC)),
                "state": {"id": 1, "name": state, "state": state},
                "tpl_integration_type": p.NON_INTEGRATED,
            }
            self._cancel_requests.append(request)
            return dict(request)

    def cancel_requests(
        self, numbers: tuple[str, ...], initiators: tuple[str, ...], state: str, last_id: int,
        limit: int,
    ) -> tuple[list[dict[str, Any]], int]:  # fmt: skip
        with self._lock:
            found = [
                dict(request)
                for request in self._cancel_requests
                if request["cancellation_id"] > last_id
                and (not numbers or request["posting_number"] in numbers)
                and (not initiators or request["cancellation_initiator"] in initiators)
                and state in ("ALL", request["state"]["state"])
            ][:limit]
            return found, found[-1]["cancellation_id"] if found else 0

    # -- inside the lock -----------------------------------------------------------------------

    def _store(self, posting: Posting) -> None:
        self._order = None
        self._orders = None
        self._postings[posting.posting_number] = posting
        self._by_barcode[posting.upper_barcode] = posting.posting_number
        self._by_barcode[posting.lower_barcode] = posting.posting_number

    def _refusal(self, number: str, action: str) -> str:
        """Only documented codes (``api`` names the assumption about which applies when)."""
        posting = self._postings.get(number)
        if posting is None:
            return p.ERROR_NOT_FOUND
        if posting.tpl_integration_type != p.NON_INTEGRATED:
            return p.ERROR_INTEGRATION_TYPE
        target = p.ACTION_TARGET[action]
        if any(c.posting_number == number and c.target == target for c in self._pending):
            # Accepted again while the first is still pending: the platform says yes and will
            # apply it once; counted so a test can see a client re-sending blindly.
            self.counters["duplicate_change_requests"] += 1
            return ""
        if posting.status == target:
            self.counters["duplicate_change_requests"] += 1
        if posting.status == p.CANCELLED:
            return p.ERROR_ALREADY_CANCELLED
        if action not in posting.available_actions:
            # Also "already there" and "a step too early" (the earlier one still applying).
            self.counters["transition_refused"] += 1
            return p.ERROR_TRANSITION
        return ""

    def _enqueue(self, number: str, action: str, request_id: str) -> None:
        target = p.ACTION_TARGET[action]
        if any(c.posting_number == number and c.target == target for c in self._pending):
            return  # the platform applies a repeated request once
        self._pending.append(
            _PendingChange(
                due=self._monotonic() + self.apply_delay,
                posting_number=number,
                action=action,
                target=target,
                requested_at=datetime.now(UTC),
                request_id=request_id,
            )
        )
        self.counters["changes_accepted"] += 1

    def apply_now(self) -> int:
        """Apply every accepted change at once, due or not (a test counts instead of sleeping)."""
        with self._lock:
            before = self.counters["changes_applied"]
            self._apply_due(everything=True)
            return self.counters["changes_applied"] - before

    def _apply_due(self, *, everything: bool = False) -> None:
        if not self._pending:
            return
        now = float("inf") if everything else self._monotonic()
        due = [change for change in self._pending if change.due <= now]
        if not due:
            return
        self._pending = [change for change in self._pending if change.due > now]
        for change in due:
            posting = self._postings[change.posting_number]
            if change.action not in posting.available_actions:
                self.counters["changes_dropped"] += 1  # overtaken by another change meanwhile
                continue
            self._record(
                posting, "status", change.action, posting.status, change.target,
                change.requested_at, change.request_id,
            )  # fmt: skip
            posting.status = change.target
            self.counters["changes_applied"] += 1

    def _record(
        self,
        posting: Posting,
        field_name: str,
        action: str,
        before: str,
        after: str,
        requested_at: datetime,
        request_id: str,
    ) -> None:
        self._ledger.append(
            {
                "seq": len(self._ledger) + 1,
                "posting_number": posting.posting_number,
                "field": field_name,
                "action": action,
                "from": before,
                "to": after,
                "requested_at": requested_at.isoformat(),
                "applied_at": datetime.now(UTC).isoformat(),
                "request_id": request_id,
            }
        )
