"""Sending one batch of one platform action, with in-place retries only where that is safe.

A failure *before* the platform could act (connect refused, DNS, 429) or one the platform itself
reported (5xx) is retried here with backoff: a status change repeated after a refusal cannot be
applied twice (the platform answers "already in status"). A failure *after* sending (timeout,
reset) is never retried here: the batch comes back ``lost`` and the posting is read before anything is sent again.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from pvzdesk.storage.outbox import OutboxItem
from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.ratelimit import Cancelled
from pvzdesk.sync.seller_api import (
    PATH_DELIVERED,
    PATH_DELIVERING,
    PATH_LAST_MILE,
    RATE_LIMITED,
    RESET,
    TIMEOUT,
    PlatformRequestRejected,
    PlatformUnavailable,
    SellerApi,
)
from pvzdesk.sync.seller_wire import (
    ACTION_CANCEL,
    ACTION_DELIVERED,
    ACTION_DELIVERING,
    ACTION_LAST_MILE,
    CANCEL_NOT_PICKED_UP,
    PostingResult,
)

STATUS_PATHS = {
    ACTION_DELIVERING: PATH_DELIVERING,
    ACTION_LAST_MILE: PATH_LAST_MILE,
    ACTION_DELIVERED: PATH_DELIVERED,
}


@dataclass
class PushBatch:
    action: str
    items: list[OutboxItem]
    failed_tries: list[PlatformUnavailable] = field(default_factory=list)
    results: list[PostingResult] | None = None  # per-posting lines when the platform answered
    request_id: str = ""
    lost: PlatformUnavailable | None = None  # sent, no reply: resolve by reading
    rejected: dict[str, PlatformRequestRejected] = field(default_factory=dict)  # by posting
    cancelled: bool = False  # the job was cancelled before this batch went out
    reason_id: int = CANCEL_NOT_PICKED_UP  # a cancel's reason (``cancel_reasons``)
    reason_message: str = ""


def send_batch(
    api: SellerApi,
    batch: PushBatch,
    backoff: Backoff,
    cancel: threading.Event,
    tries: int,
) -> PushBatch:
    try:
        return _send(api, batch, backoff, cancel, tries)
    except Cancelled:
        # Raised only while waiting for a token or a backoff: this try never went out.
        batch.cancelled = True
        return batch


def _send(
    api: SellerApi, batch: PushBatch, backoff: Backoff, cancel: threading.Event, tries: int
) -> PushBatch:
    numbers = [item.entry.posting for item in batch.items]
    for attempt in range(tries):
        if cancel.is_set():
            raise Cancelled
        try:
            if batch.action == ACTION_CANCEL:
                _cancel_each(api, batch, numbers)
            else:
                batch.results, batch.request_id = api.change_status(
                    STATUS_PATHS[batch.action], numbers
                )
            return batch
        except PlatformUnavailable as error:
            if error.sent and error.failure in (RESET, TIMEOUT):
                batch.lost = error
                return batch
            batch.failed_tries.append(error)
            # After a 429 the client itself holds the method (seller_spec 5): no second wait.
            wait = (
                0.0 if error.failure == RATE_LIMITED else backoff.delay(attempt, error.retry_after)
            )
            if attempt < tries - 1 and wait and cancel.wait(wait):
                raise Cancelled from None
        except PlatformRequestRejected as error:
            if len(numbers) == 1:
                batch.rejected[numbers[0]] = error
                return batch
            return _one_by_one(api, batch, backoff, cancel, tries)
    return batch


def _cancel_each(api: SellerApi, batch: PushBatch, numbers: list[str]) -> None:
    # The cancel endpoint takes one posting; batches of it have exactly one item.
    result = api.cancel(numbers[0], batch.reason_id, batch.reason_message)
    batch.request_id = result.request_id
    errors = (result.error,) if result.error else ()
    batch.results = [PostingResult(result.posting_number, result.ok, errors)]


def _one_by_one(
    api: SellerApi, batch: PushBatch, backoff: Backoff, cancel: threading.Event, tries: int
) -> PushBatch:
    """The platform refused the whole batch: send each posting alone, so one bad posting number
    cannot set aside a hundred good ones."""
    results: list[PostingResult] = []
    for item in batch.items:
        single = send_batch(api, PushBatch(batch.action, [item]), backoff, cancel, tries)
        batch.failed_tries.extend(single.failed_tries)
        batch.rejected.update(single.rejected)
        results.extend(single.results or [])
        batch.request_id = single.request_id or batch.request_id
        if single.lost is not None:
            batch.lost = single.lost
        if single.cancelled:
            raise Cancelled
    batch.results = results
    return batch
