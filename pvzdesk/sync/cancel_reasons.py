"""Which reasons the platform allows for a send-back's cancel, asked once per posting status in a run.

``/v2/posting/fbs/cancel`` wants a ``cancel_reason_id`` the platform allows for the posting in its
present state (``seller_spec`` 12). Before the cancels of a round go out, one posting of each
status not asked yet is put to ``/v1/posting/fbs/cancel-reason`` (one request for them all);
the answer serves every posting in that status for the rest of the run. When that method is
unavailable (404/405/501, or 403: not in the key's roles) the general list
``/v2/posting/fbs/cancel-reason/list`` decides; when that is unavailable as well, 665
(«покупатель не забрал заказ», documented for postings in delivery) is assumed and the log says
so. A read that keeps failing leaves the postings without reasons this time: their cancels wait
for the next read, nothing is guessed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import TypeVar

from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.platform_reads import ReadFailed, ReadStats, with_retries
from pvzdesk.sync.seller_api import PlatformKeyError, PlatformRequestRejected, SellerApi
from pvzdesk.sync.seller_spec import CANCEL_NOT_PICKED_UP, CANCEL_REASON_BATCH
from pvzdesk.sync.seller_wire import CancelReason

log = logging.getLogger(__name__)
T = TypeVar("T")
# A method answering these is not there for us (switched off, or not in the key's roles).
UNAVAILABLE = frozenset({403, 404, 405, 501})
ASSUMED = (CancelReason(CANCEL_NOT_PICKED_UP, "покупатель не забрал заказ", "seller"),)

Reasons = tuple[CancelReason, ...]


class _MethodUnavailable(Exception):
    pass


class CancelReasons:
    """Per run; used from the reconciler's thread (its reads may use the pool)."""

    def __init__(
        self,
        api: SellerApi,
        backoff: Backoff,
        cancel: threading.Event,
        stats: ReadStats,
        *,
        tries: int = 6,
    ) -> None:
        self.api = api
        self.backoff = backoff
        self.cancel = cancel
        self.stats = stats
        self.tries = tries
        self._by_status: dict[str, Reasons] = {}
        self._per_posting_off = False
        self._general: Reasons | None = None
        self._general_off = False
        self.assumed = 0  # send-backs given 665 because neither method could say
        self.requests = 0

    def allowed(self, statuses: Mapping[str, str]) -> dict[str, Reasons]:
        """The reasons allowed for each posting (posting → its status now). A posting whose
        reasons could not be read is missing from the result."""
        if not self._per_posting_off:
            self._ask_per_status(statuses)
        found = {
            number: self._by_status[status]
            for number, status in statuses.items()
            if status in self._by_status
        }
        missing = [number for number in statuses if number not in found]
        if not missing or not self._per_posting_off:
            return found
        general = self._general_reasons()
        if general is not None:
            found.update((number, general) for number in missing)
        return found

    def _ask_per_status(self, statuses: Mapping[str, str]) -> None:
        wanted: dict[str, str] = {}  # status → one posting in it
        for number, status in statuses.items():
            if status not in self._by_status:
                wanted.setdefault(status, number)
        asked = list(wanted.items())
        for start in range(0, len(asked), CANCEL_REASON_BATCH):
            chunk = asked[start : start + CANCEL_REASON_BATCH]
            numbers = [number for _, number in chunk]

            def ask(numbers: list[str] = numbers) -> dict[str, Reasons]:
                return self.api.posting_cancel_reasons(numbers)

            try:
                answer = self._read(ask)
            except _MethodUnavailable:
                log.warning(
                    "cancel reasons: %s is unavailable; the general list decides",
                    "/v1/posting/fbs/cancel-reason",
                )
                self._per_posting_off = True
                return
            except ReadFailed:
                return  # these statuses stay unknown for now
            for status, number in chunk:
                if number in answer:
                    self._by_status[status] = answer[number]

    def _general_reasons(self) -> Reasons | None:
        if self._general is not None:
            return self._general
        if not self._general_off:
            try:
                every = self._read(self.api.cancel_reason_list)
            except _MethodUnavailable:
                self._general_off = True
            except ReadFailed:
                return None
            else:
                self._general = tuple(reason for reason in every if reason.available)
                return self._general
        self.assumed += 1
        log.warning(
            "cancel reasons: neither cancel-reason method is available; sending 665 "
            "(покупатель не забрал заказ) as documented for postings in delivery"
        )
        return ASSUMED

    def _read(self, call: Callable[[], T]) -> T:
        def guarded() -> T:
            self.requests += 1
            try:
                return call()
            except PlatformRequestRejected as error:
                if error.status in UNAVAILABLE:
                    raise _MethodUnavailable from error
                raise
            except PlatformKeyError as error:
                raise _MethodUnavailable from error

        return with_retries(guarded, self.backoff, self.cancel, self.stats, self.tries)
