"""The reconciler engine: replays the outbox to the platform in rounds, safely and resumably.

One round: load the outbox (one query) → read the platform's view of the first outstanding entry
of every posting (list pages or single gets) → let the adapter decide → record settled outcomes →
record the intent ("sent") of every push → send the pushes in batches of ≤20 (``seller_spec``) →
record what came back. All state lives in the journal and the ``sync_attempts`` table, written between HTTP calls,
never across one, so a kill at any point resumes cleanly: an intent without a reply is resolved
by reading the posting, never by sending again blindly.

Per-posting order (only a posting's first outstanding entry is in play), no global head-of-line
blocking (a set-aside entry never holds up other postings), one token bucket for every worker.
Run it in a background thread with its own store connection (``Store.reconnect``); ``cancel``
stops it between requests and ``progress(done, total)`` reports after every phase.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from pvzdesk.clock import Clock
from pvzdesk.domain.outcomes import (
    NOTE_REASONS_UNREAD,
    STEP_ACCEPTED,
    STEP_FAILED,
    STEP_LOST,
    STEP_NOTHING,
    STEP_REJECTED,
    STEP_SENT,
    Outcome,
    parse_detail,
    step_detail,
)
from pvzdesk.storage import Store
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.outbox import Outbox, OutboxItem, chunked
from pvzdesk.sync.adapters.base import ApiAdapter, Push, ReasonChoice, Settle
from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.cancel_reasons import CancelReasons
from pvzdesk.sync.platform_reads import PostingReader
from pvzdesk.sync.pushes import STATUS_PATHS, PushBatch, send_batch
from pvzdesk.sync.ratelimit import Cancelled
from pvzdesk.sync.seller_api import SellerApi
from pvzdesk.sync.seller_spec import PATH_CANCEL, STATUS_BATCH
from pvzdesk.sync.seller_wire import ACTION_CANCEL, ACTION_DELIVERING, PlatformPosting

APPLY_MARGIN = 1.25  # the apply wait learned, over the longest age a change was seen unapplied
# Steps the adapter may follow up in the same round (``ApiAdapter.follow_up``).
OPENS_FOLLOW_UP = frozenset({ACTION_DELIVERING})

Progress = Callable[[int, int], None]
IN_PLAY = (Outcome.RETRYABLE.value, Outcome.UNKNOWN.value)


@dataclass(frozen=True)
class ReconcileOptions:
    workers: int = 8
    confirm_after_s: float = 2.0  # after pushes, before the read that confirms them
    resend_after_s: float = 30.0  # a change sent but still not visible is pushed again after this
    lookback_days: int = 30  # the listing window starts this long before the oldest entry
    push_tries: int = 4
    read_tries: int = 6
    max_idle_rounds: int = 8  # rounds in a row with no progress at all before giving up for now
    max_duration_s: float | None = None
    backoff_base_s: float = 0.25
    backoff_cap_s: float = 30.0


@dataclass
class ReconcileReport:
    total: int = 0
    done: int = 0
    remaining: int = 0
    rounds: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)  # latest outcome of this run's entries
    retries: int = 0
    retry_causes: dict[str, int] = field(default_factory=dict)  # failure → retries (reads, pushes)
    resumed_slices: int = 0  # listing slices resumed from a failed page (not listed again)
    lost_pushes: int = 0  # batches sent without a reply (resolved by reading)
    held_s: float = 0.0  # the whole client held after 429s of two methods (seller_spec 5)
    method_held_s: dict[str, float] = field(default_factory=dict)  # each method held by a 429
    rate_cuts: int = 0  # times a 429 slowed the client's bucket down
    backoff_s: float = 0.0  # backoff handed out, summed over workers
    waited_s: float = 0.0  # between rounds and before follow-ups: the platform applying changes
    apply_wait_s: float = 0.0  # how long the platform seemed to take to apply a change
    # Wall time by phase (for the bench): reading the platform, sending pushes, waiting for the
    # platform to apply before a follow-up or the next round's read, and the rest (deciding,
    # recording, loading the outbox).
    phase_s: dict[str, float] = field(default_factory=dict)
    cancelled: bool = False
    stopped: str = ""  # why it stopped before the outbox was empty ("" when it is empty)


class Reconciler:
    def __init__(
        self,
        store: Store,
        adapter: ApiAdapter,
        api: SellerApi,
        clock: Clock,
        options: ReconcileOptions | None = None,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.outbox = Outbox(store.db, store.path)
        self.adapter = adapter
        self.api = api
        self.clock = clock
        self.options = options or ReconcileOptions()
        self.progress = progress
        self.cancel = cancel or api.cancel_event or threading.Event()
        self.backoff = Backoff(self.options.backoff_base_s, self.options.backoff_cap_s)
        self.report = ReconcileReport()
        # How long the platform seems to take to apply a change (it does so asynchronously and
        # says nothing of how long): ``confirm_after_s`` at first, longer once a read or a
        # chained step shows a change still unapplied at some age (``_learn_apply``).
        self.apply_wait_s = self.options.confirm_after_s
        self._last_push = 0.0  # monotonic end of the latest sending
        self._not_yet: list[str] = []  # entries whose chained step was refused as "not yet"
        self._reasons: CancelReasons | None = None  # per run: what each status allows
        self._reason_of: dict[str, ReasonChoice] = {}  # entry → the reason its cancel carries

    # -- the loop ------------------------------------------------------------------------------
    def run(self) -> ReconcileReport:
        options = self.options
        started = time.monotonic()
        idle_rounds = 0
        initial: set[str] = set()
        with ThreadPoolExecutor(options.workers, thread_name_prefix="reconcile") as pool:
            reader = PostingReader(
                self.api, pool, self.backoff, self.cancel, tries=options.read_tries,
                now=self.clock.now,
            )  # fmt: skip
            self._reasons = CancelReasons(
                self.api, self.backoff, self.cancel, reader.stats, tries=options.read_tries
            )
            try:
                items = self._outstanding()
                while True:
                    if not initial:
                        initial = {item.entry.entry_id for item in items}
                        self.report.total = len(initial)
                    self._report_progress(items, initial)
                    if not items:
                        break
                    if self.cancel.is_set():
                        raise Cancelled
                    if (
                        options.max_duration_s
                        and time.monotonic() - started > options.max_duration_s
                    ):
                        self.report.stopped = "time"
                        break
                    self.report.rounds += 1
                    moved, pushed, waiting = self._round(items, reader, pool)
                    ended = time.monotonic()
                    # What is still to do, loaded once for the progress and the next round; the
                    # load is part of the wait below (only this run records attempts meanwhile).
                    items = self._outstanding()
                    self._report_progress(items, initial)
                    if pushed or waiting:
                        idle_rounds = 0 if moved or pushed else idle_rounds
                        # Read again once the latest changes had the time they seem to need.
                        since = time.monotonic() - self._last_push
                        delay = max(options.confirm_after_s, self.apply_wait_s - since)
                    elif moved:
                        idle_rounds, delay = 0, 0.0
                    else:
                        idle_rounds += 1
                        if idle_rounds > options.max_idle_rounds:
                            self.report.stopped = "platform"
                            break
                        delay = self.backoff.delay(idle_rounds)
                    delay -= time.monotonic() - ended
                    if delay > 0 and self._wait(delay, "round wait"):
                        raise Cancelled
            except Cancelled:
                self.report.cancelled = True
                self.report.stopped = "cancelled"
            self.report.retries += reader.stats.retries
            self.report.resumed_slices += reader.stats.resumed
            for cause, count in reader.stats.causes.items():
                self._cause(cause, count)
        self.report.backoff_s = self.backoff.handed_out_s
        if self.api.limiter is not None:
            self.report.held_s = self.api.limiter.paused_s
            self.report.rate_cuts = self.api.limiter.cuts
        self.report.method_held_s = dict(self.api.method_held_s)
        self.report.apply_wait_s = self.apply_wait_s
        self._finish(initial)
        return self.report

    def _round(
        self, items: list[OutboxItem], reader: PostingReader, pool: ThreadPoolExecutor
    ) -> tuple[int, int, int]:
        """(entries settled, entries pushed, entries waiting) in one round."""
        now = self.clock.now()
        per_posting: dict[str, list[OutboxItem]] = {}
        settles: list[tuple[OutboxItem, Settle]] = []
        for item in items:
            if not item.entry.posting:
                settles.append(
                    (item, Settle(Outcome.REJECTED, step_detail(STEP_REJECTED, "no_posting")))
                )
            else:
                per_posting.setdefault(item.entry.posting, []).append(item)
        oldest = min((group[0].entry.wall_time for group in per_posting.values()), default=now)
        since = oldest - timedelta(days=self.options.lookback_days)
        with self._phase("read"):
            views = reader.read(list(per_posting), since, now + timedelta(days=1))
        pushes: dict[str, list[OutboxItem]] = {}
        later: dict[str, list[OutboxItem]] = {}  # the posting's entries after a pushed one
        failed_reads: list[Attempt] = []
        waiting = 0
        for posting, group in per_posting.items():
            if posting not in views:
                failed_reads.append(
                    self._attempt(group[0], Outcome.RETRYABLE, step_detail(STEP_FAILED, "read"))
                )
                continue
            # In journal order; an entry that settles changes nothing on the platform, so the
            # same view decides the posting's next entry too (no extra round per entry).
            for item in group:
                seen_at = reader.read_at.get(posting, now)
                decision = self.adapter.decide(
                    item, views[posting], seen_at, self.options.resend_after_s
                )
                if isinstance(decision, Settle):
                    settles.append((item, decision))
                    continue
                if isinstance(decision, Push):
                    pushes.setdefault(decision.action, []).append(item)
                    later[item.entry.entry_id] = group[group.index(item) + 1 :]
                else:
                    waiting += 1
                    latest = item.latest
                    if latest is not None and parse_detail(latest.detail)[0] == STEP_ACCEPTED:
                        self._learn_apply((seen_at - latest.attempted_at).total_seconds())
                break
        self.store.attempts.record(
            [self._attempt(item, s.outcome, s.detail, reply=s.reply) for item, s in settles]
            + failed_reads
        )
        if ACTION_CANCEL in pushes:
            ready, settled = self._with_reasons(pushes.pop(ACTION_CANCEL), views)
            if ready:
                pushes[ACTION_CANCEL] = ready
            settles += settled  # recorded already; counted as settled this round
        # Batches in the listing's order: the postings of one batch sit side by side there, so
        # confirming a few batches (or re-reading one whose reply was lost) lists a narrow
        # window instead of the whole lookback.
        for group in pushes.values():
            group.sort(key=lambda item: reader.listing_key(item.entry.posting))
        pushed = self._push(pushes, later, pool) if pushes else 0
        return len(settles), pushed, waiting

    def _with_reasons(
        self, items: list[OutboxItem], views: Mapping[str, PlatformPosting | None]
    ) -> tuple[list[OutboxItem], list[tuple[OutboxItem, Settle]]]:
        """The send-backs whose cancel can go out now, each with the reason the platform allows
        for its posting (``cancel_reasons``); those none fits are set aside for a person, those
        whose reasons could not be read wait for the next round."""
        assert self._reasons is not None
        statuses = {}
        for item in items:
            view = views.get(item.entry.posting)
            if view is not None:
                statuses[item.entry.posting] = view.status
        allowed = self._reasons.allowed(statuses)
        ready: list[OutboxItem] = []
        settled: list[tuple[OutboxItem, Settle]] = []
        unread: list[Attempt] = []
        for item in items:
            posting = item.entry.posting
            if posting not in allowed:
                detail = step_detail(STEP_FAILED, ACTION_CANCEL, NOTE_REASONS_UNREAD)
                unread.append(self._attempt(item, Outcome.RETRYABLE, detail))
                continue
            choice = self.adapter.cancel_reason(views.get(posting), allowed[posting])
            if isinstance(choice, Settle):
                settled.append((item, choice))
                continue
            self._reason_of[item.entry.entry_id] = choice
            ready.append(item)
        self.store.attempts.record(
            [self._attempt(item, s.outcome, s.detail, reply=s.reply) for item, s in settled]
            + unread
        )
        return ready, settled

    def _push(
        self,
        pushes: dict[str, list[OutboxItem]],
        later: dict[str, list[OutboxItem]],
        pool: ThreadPoolExecutor,
    ) -> int:
        accepted = self._send(pushes, pool, chained=False)
        # A step that opens the way to the next one (delivering → delivered, for this entry
        # or the posting's next one) is followed by that step in the same round, once the
        # platform had time to apply it; a refusal there means "not applied yet" and is read
        # again next round, never taken for a conflict.
        follow: dict[str, list[OutboxItem]] = {}
        opened: dict[str, float] = {}  # entry → when the step that opens its follow-up was accepted
        for action, item, at in accepted:
            step = self.adapter.follow_up(item, action, later.get(item.entry.entry_id, []))
            if step is not None:
                follow.setdefault(step[1], []).append(step[0])
                opened[step[0].entry.entry_id] = at
        if follow:
            # Those steps went out first (``_send``): most had their time while the rest was
            # sent, so only what is left of it is waited for.
            # A step refused as "not yet" teaches how long the platform takes; it is sent once
            # more after that longer wait, instead of waiting for the next round's read.
            for _ in range(2):
                left = self.apply_wait_s - (time.monotonic() - max(opened.values()))
                if left > 0 and self._wait(left, "follow-up wait"):
                    break
                started = time.monotonic()
                self._not_yet.clear()
                self._send(follow, pool, chained=True)
                for entry_id in self._not_yet:
                    self._learn_apply(started - opened.get(entry_id, started))
                not_yet = set(self._not_yet)
                follow = {
                    action: again
                    for action, group in follow.items()
                    if (again := [item for item in group if item.entry.entry_id in not_yet])
                }
                if not follow:
                    break
                opened = {entry_id: opened[entry_id] for entry_id in not_yet}
        return sum(len(group) for group in pushes.values())

    def _send(
        self, pushes: dict[str, list[OutboxItem]], pool: ThreadPoolExecutor, *, chained: bool
    ) -> list[tuple[str, OutboxItem, float]]:
        """Send every batch; (action, item, when) of each posting the platform accepted."""
        # Steps that open a follow-up (delivering) go first, so they have applied by the time
        # the rest is sent; cancel, one posting per call under its own lower budget, is spread
        # evenly over the sending, so it never holds every worker while the others have budget.
        # A posting is in one batch only, so the order changes no outcome.
        cancels = [
            PushBatch(ACTION_CANCEL, [item], **self._reason_fields(item))
            for item in pushes.get(ACTION_CANCEL, [])
        ]
        others = [
            PushBatch(action, chunk)
            for action in sorted(
                (action for action in pushes if action != ACTION_CANCEL),
                key=lambda action: (action not in OPENS_FOLLOW_UP, action),
            )
            for chunk in chunked(pushes[action], STATUS_BATCH)
        ]
        batches = [
            batch
            for _, _, batch in sorted(
                [(k / len(others), 0, b) for k, b in enumerate(others)]
                + [((k + 0.5) / len(cancels), 1, b) for k, b in enumerate(cancels)],
                key=lambda entry: (entry[0], entry[1]),
            )
        ]
        # The intent is durable before anything goes out: a kill after this line leaves
        # "unknown", which the next run resolves by reading.
        self.store.attempts.record(
            self._attempt(item, Outcome.UNKNOWN, step_detail(STEP_SENT, batch.action))
            for batch in batches
            for item in batch.items
        )
        tries = self.options.push_tries
        accepted: list[tuple[str, OutboxItem, float]] = []
        sending_started = time.monotonic()

        # Each worker takes the next batch whose method is not held after a 429 (seller_spec 5):
        # while one method waits out its Retry-After the others keep going. Replies come back
        # here, on the thread that owns the store, and are recorded as they come.
        waiting = list(batches)
        paths = {_path(batch.action) for batch in batches}
        taking = threading.Lock()
        done: queue.SimpleQueue[tuple[PushBatch, float] | BaseException] = queue.SimpleQueue()

        def next_batch() -> PushBatch | None:
            with taking:
                if not waiting:
                    return None
                held = {path for path in paths if self.api.held_for(path)}
                index = next((k for k, b in enumerate(waiting) if _path(b.action) not in held), 0)
                return waiting.pop(index)

        def work() -> None:
            try:
                while (batch := next_batch()) is not None:
                    sent = send_batch(self.api, batch, self.backoff, self.cancel, tries)
                    done.put((sent, time.monotonic()))
            except BaseException as error:  # handed to the reconciler's thread
                done.put(error)

        for _ in range(min(self.options.workers, len(batches))):
            pool.submit(work)
        for _ in batches:
            result = done.get()
            if isinstance(result, BaseException):
                raise result
            batch, at = result
            attempts, ok = self._batch_attempts(batch, chained)
            self.store.attempts.record(attempts)
            accepted.extend((batch.action, item, at) for item in ok)
        self._last_push = time.monotonic()
        self._add_phase("send", self._last_push - sending_started)
        if self.cancel.is_set():
            raise Cancelled  # every batch's outcome is recorded; stop here
        return accepted

    def _batch_attempts(
        self, batch: PushBatch, chained: bool
    ) -> tuple[list[Attempt], list[OutboxItem]]:
        action = batch.action
        attempts = [
            self._attempt(
                item,
                Outcome.RETRYABLE,
                step_detail(STEP_FAILED, action, failure.failure),
                http_status=failure.status,
                request_id=failure.request_id,
            )
            for failure in batch.failed_tries
            for item in batch.items
        ]
        self.report.retries += len(batch.failed_tries)
        for failure in batch.failed_tries:
            self._cause(failure.failure, 1)
        if batch.lost is not None:
            self.report.lost_pushes += 1
        lines = {line.posting_number: line for line in batch.results or []}
        accepted: list[OutboxItem] = []
        for item in batch.items:
            posting = item.entry.posting
            if posting in batch.rejected:
                # The whole request refused for this one posting: by meaning, like a per-posting
                # refusal (read again later; set aside only if it persists).
                error = batch.rejected[posting]
                refusal = self.adapter.on_refusal(
                    item, action, f"HTTP_{error.status}", error.reply, chained=chained
                ) or Settle(Outcome.UNKNOWN, step_detail(STEP_NOTHING, action), error.reply)
                attempts.append(
                    self._attempt(
                        item,
                        refusal.outcome,
                        refusal.detail,
                        http_status=error.status,
                        request_id=error.request_id,
                        reply=refusal.reply,
                    )
                )
            elif posting in lines:
                line = lines[posting]
                reply = json.dumps(
                    {"posting_number": posting, "result": line.ok, "error": list(line.errors)}
                )
                if line.ok:
                    attempts.append(
                        self._attempt(
                            item,
                            Outcome.UNKNOWN,
                            step_detail(STEP_ACCEPTED, action),
                            http_status=200,
                            request_id=batch.request_id,
                            reply=reply,
                        )
                    )
                    accepted.append(item)
                    continue
                code = line.errors[0] if line.errors else ""
                settle = self.adapter.on_refusal(item, action, code, reply, chained=chained)
                if settle is None:
                    settle = Settle(Outcome.UNKNOWN, step_detail(STEP_NOTHING, action), reply)
                if chained and settle.outcome is Outcome.UNKNOWN:
                    self._not_yet.append(item.entry.entry_id)
                attempts.append(
                    self._attempt(
                        item,
                        settle.outcome,
                        settle.detail,
                        http_status=200,
                        request_id=batch.request_id,
                        reply=settle.reply,
                    )
                )
            elif batch.lost is not None or batch.results is not None:
                lost = batch.lost
                note = lost.failure if lost is not None else "no line in the reply"
                attempts.append(
                    self._attempt(
                        item,
                        Outcome.UNKNOWN,
                        step_detail(STEP_LOST, action, note),
                        request_id=lost.request_id if lost else batch.request_id,
                    )
                )
            elif batch.cancelled:
                attempts.append(
                    self._attempt(
                        item, Outcome.RETRYABLE, step_detail(STEP_FAILED, action, "cancelled")
                    )
                )
            # else: every try failed before the platform acted; the RETRYABLE rows say so
        return attempts, accepted

    # -- bookkeeping ---------------------------------------------------------------------------
    def _reason_fields(self, item: OutboxItem) -> dict[str, Any]:
        choice = self._reason_of.get(item.entry.entry_id)
        if choice is None:
            return {}
        return {"reason_id": choice.reason_id, "reason_message": choice.message}

    def _learn_apply(self, unapplied_at_s: float) -> None:
        """A change was still unapplied this long after the platform accepted it: wait a quarter
        longer before counting on the next one (never past ``resend_after_s``)."""
        wanted = min(self.options.resend_after_s, unapplied_at_s * APPLY_MARGIN)
        self.apply_wait_s = max(self.apply_wait_s, wanted)

    def _wait(self, seconds: float, phase: str) -> bool:
        """Wait between steps; True when cancelled meanwhile."""
        started = time.monotonic()
        try:
            return self.cancel.wait(seconds)
        finally:
            waited = time.monotonic() - started
            self.report.waited_s += waited
            self._add_phase(phase, waited)

    @contextmanager
    def _phase(self, name: str) -> Iterator[None]:
        started = time.monotonic()
        try:
            yield
        finally:
            self._add_phase(name, time.monotonic() - started)

    def _add_phase(self, name: str, seconds: float) -> None:
        phases = self.report.phase_s
        phases[name] = phases.get(name, 0.0) + seconds

    def _cause(self, cause: str, count: int) -> None:
        causes = self.report.retry_causes
        causes[cause] = causes.get(cause, 0) + count

    def _attempt(
        self,
        item: OutboxItem,
        outcome: Outcome,
        detail: str,
        *,
        http_status: int | None = None,
        request_id: str = "",
        reply: str = "",
    ) -> Attempt:
        return Attempt(
            entry_id=item.entry.entry_id,
            adapter=self.adapter.name,
            attempted_at=self.clock.now(),
            outcome=outcome.value,
            request_id=request_id,
            http_status=http_status,
            reply=reply,
            detail=detail,
        )

    def _outstanding(self) -> list[OutboxItem]:
        return self.outbox.items(self.adapter.name, self.adapter.kinds, outcomes=IN_PLAY)

    def _report_progress(self, items: list[OutboxItem], initial: set[str]) -> None:
        left = sum(1 for item in items if item.entry.entry_id in initial)
        self.report.remaining = left
        self.report.done = len(initial) - left
        if self.progress is not None:
            self.progress(self.report.done, self.report.total)

    def _finish(self, initial: set[str]) -> None:
        latest = self.store.attempts.latest(self.adapter.name)
        counts: dict[str, int] = {}
        for entry_id in initial:
            outcome = latest[entry_id].outcome if entry_id in latest else "untried"
            counts[outcome] = counts.get(outcome, 0) + 1
        self.report.outcomes = counts


def _path(action: str) -> str:
    return PATH_CANCEL if action == ACTION_CANCEL else STATUS_PATHS[action]


def listing_window(clock: Clock, days: int) -> tuple[datetime, datetime]:
    now = clock.now()
    return now - timedelta(days=days), now + timedelta(days=1)
