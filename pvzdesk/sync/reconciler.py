"""The reconciler engine: replays the outbox to the platform, safely and resumably.

Load the outbox (one query); then every posting moves on its own (``_Flow``): read the platform's
view of its first outstanding entry (a hundred orders a listing request, decided as each request
comes back) → let the adapter decide → record settled outcomes → record the intent ("sent") of
each push → send it in a batch of ≤20 per action (``seller_spec``) → record what came back → read
again once the platform had the time it seems to take to apply, or send the follow-up step. All
state lives in the journal and the ``sync_attempts`` table, written between HTTP calls, never
across one, so a kill at any point resumes cleanly: an intent without a reply is resolved by
reading the posting, never by sending again blindly.

Per-posting order (only a posting's first outstanding entry is in play), no global head-of-line
blocking (a set-aside entry never holds up other postings, and one slow read or batch holds up
only its own postings), one token bucket for every worker. Run it in a background thread with its
own store connection (``Store.reconnect``); ``cancel`` stops it between requests (what is out is
recorded first) and ``progress(done, total)`` reports as entries settle.
"""

from __future__ import annotations

import heapq
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
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

log = logging.getLogger(__name__)
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
    max_idle_rounds: int = 8  # reads in a row that read nothing at all before giving up for now
    max_duration_s: float | None = None
    backoff_base_s: float = 0.25
    backoff_cap_s: float = 30.0


@dataclass
class ReconcileReport:
    total: int = 0
    done: int = 0
    remaining: int = 0
    rounds: int = 0  # the most reads one posting needed
    outcomes: dict[str, int] = field(default_factory=dict)  # latest outcome of this run's entries
    retries: int = 0
    retry_causes: dict[str, int] = field(default_factory=dict)  # failure → retries (reads, pushes)
    resumed_slices: int = 0  # listing slices resumed from a failed page (not listed again)
    lost_pushes: int = 0  # batches sent without a reply (resolved by reading)
    held_s: float = 0.0  # the whole client held after 429s of two methods (seller_spec 5)
    method_held_s: dict[str, float] = field(default_factory=dict)  # each method held by a 429
    rate_cuts: int = 0  # times a 429 slowed the client's bucket down
    backoff_s: float = 0.0  # backoff handed out, summed over workers
    waited_s: float = 0.0  # nothing out: the platform applying changes (or a backoff)
    apply_wait_s: float = 0.0  # how long the platform seemed to take to apply a change
    # Wall time by what was going on (for the bench): reading, sending, both at once, nothing
    # out ("waiting for the platform to apply"); the rest is loading the outbox and the report.
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
        self._not_yet: list[str] = []  # entries whose chained step was refused as "not yet"
        self._reasons: CancelReasons | None = None  # per run: what each status allows
        self._reason_of: dict[str, ReasonChoice] = {}  # entry → the reason its cancel carries

    # -- the flow ------------------------------------------------------------------------------
    def run(self) -> ReconcileReport:
        options = self.options
        events: queue.SimpleQueue[Event] = queue.SimpleQueue()
        with (
            ThreadPoolExecutor(options.workers, thread_name_prefix="reconcile-read") as pool,
            ThreadPoolExecutor(1, thread_name_prefix="reconcile-reads") as reads,
        ):
            reader = PostingReader(
                self.api, pool, self.backoff, self.cancel, tries=options.read_tries,
                now=self.clock.now,
            )  # fmt: skip
            self._reasons = CancelReasons(
                self.api, self.backoff, self.cancel, reader.stats, tries=options.read_tries
            )
            sender = _Sender(self, events)
            flow = _Flow(self, reader, reads, sender, events)
            try:
                flow.run(self._outstanding())
            except Cancelled:
                self.report.cancelled = True
                self.report.stopped = "cancelled"
            finally:
                sender.close()
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
        self._finish(flow.initial)
        return self.report

    def _with_reasons(
        self, items: list[OutboxItem], views: Mapping[str, PlatformPosting | None]
    ) -> tuple[list[OutboxItem], list[Attempt]]:
        """The send-backs whose cancel can go out now, each with the reason the platform allows
        for its posting (``cancel_reasons``), and the attempts to record for the rest: those
        none fits are set aside for a person, those whose reasons could not be read wait."""
        assert self._reasons is not None
        statuses = {}
        for item in items:
            view = views.get(item.entry.posting)
            if view is not None:
                statuses[item.entry.posting] = view.status
        allowed = self._reasons.allowed(statuses)
        ready: list[OutboxItem] = []
        attempts: list[Attempt] = []
        for item in items:
            posting = item.entry.posting
            if posting not in allowed:
                detail = step_detail(STEP_FAILED, ACTION_CANCEL, NOTE_REASONS_UNREAD)
                attempts.append(self._attempt(item, Outcome.RETRYABLE, detail))
                continue
            choice = self.adapter.cancel_reason(views.get(posting), allowed[posting])
            if isinstance(choice, Settle):
                attempts.append(
                    self._attempt(item, choice.outcome, choice.detail, reply=choice.reply)
                )
                continue
            self._reason_of[item.entry.entry_id] = choice
            ready.append(item)
        return ready, attempts

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

    def _finish(self, initial: set[str]) -> None:
        latest = self.store.attempts.latest(self.adapter.name)
        counts: dict[str, int] = {}
        for entry_id in initial:
            outcome = latest[entry_id].outcome if entry_id in latest else "untried"
            counts[outcome] = counts.get(outcome, 0) + 1
        self.report.outcomes = counts


# What reaches the reconciler's thread from the others.
@dataclass(frozen=True)
class _Views:
    """Views of a read: a part as its requests complete, or the whole read at its end."""

    job: int
    views: dict[str, PlatformPosting | None]
    whole: bool


@dataclass(frozen=True)
class _ReadFailed:
    job: int
    error: BaseException


@dataclass(frozen=True)
class _Sent:
    batch: PushBatch
    at: float  # monotonic moment of the reply
    chained: bool


@dataclass(frozen=True)
class _Crashed:
    error: BaseException  # raised in a sending thread


Event = _Views | _ReadFailed | _Sent | _Crashed
# Reads are gathered (a listing request takes a hundred orders): while anything else is in
# flight, a read starts once the earliest due posting has waited this long.
GATHER_READS_S = 0.3
# A partial batch of an action goes out once nothing is being read, or after this long.
GATHER_PUSHES_S = 0.5


class _Sender:
    """Worker threads sending batches as they are handed over, each taking the next batch whose
    method is not held after a 429 (seller_spec 5): while one method waits out its hold the
    others keep going. Replies go to the reconciler's thread as events."""

    def __init__(self, reconciler: Reconciler, events: queue.SimpleQueue[Event]) -> None:
        self.reconciler = reconciler
        self.events = events
        self.waiting: list[tuple[PushBatch, bool]] = []
        self.in_flight = 0  # handed over, reply not yet handled by the reconciler's thread
        self.closed = False
        self.ready = threading.Condition()
        self.threads = [
            threading.Thread(target=self._work, name=f"reconcile-send-{k}", daemon=True)
            for k in range(reconciler.options.workers)
        ]
        for thread in self.threads:
            thread.start()

    def put(self, batches: list[tuple[PushBatch, bool]]) -> None:
        with self.ready:
            self.waiting.extend(batches)
            self.in_flight += len(batches)
            self.ready.notify_all()

    def done(self) -> None:
        """One reply handled (on the reconciler's thread)."""
        with self.ready:
            self.in_flight -= 1

    def close(self) -> None:
        """Stop the workers. Batches not taken yet are dropped: their intents are recorded, so
        the next run reads those postings before anything is sent again."""
        with self.ready:
            self.closed = True
            self.waiting.clear()
            self.ready.notify_all()
        for thread in self.threads:
            thread.join()

    def _next(self) -> tuple[PushBatch, bool] | None:
        api = self.reconciler.api
        with self.ready:
            while not self.waiting and not self.closed:
                self.ready.wait()
            if not self.waiting:
                return None
            held = {
                path for path in {_path(b.action) for b, _ in self.waiting} if api.held_for(path)
            }
            index = next(
                (k for k, (b, _) in enumerate(self.waiting) if _path(b.action) not in held), 0
            )
            return self.waiting.pop(index)

    def _work(self) -> None:
        reconciler = self.reconciler
        tries = reconciler.options.push_tries
        while (taken := self._next()) is not None:
            batch, chained = taken
            try:
                sent = send_batch(
                    reconciler.api, batch, reconciler.backoff, reconciler.cancel, tries
                )
            except BaseException as error:  # handed to the reconciler's thread
                self.events.put(_Crashed(error))
                continue
            self.events.put(_Sent(sent, time.monotonic(), chained))


class _Flow:
    """Every posting moves on its own, in the reconciler's thread: read (a hundred orders a
    request, decided as each request's page arrives) → decide → push (gathered into batches of
    ≤20 per action) → read again once the change had the time the platform seems to take, or
    its follow-up step. There are no rounds that wait for the slowest posting: while one part
    of the journal waits for the platform to apply, the rest is read and sent.

    The safety rules are the rounds' ones: an intent is recorded before its batch is handed to
    the sender; a posting is decided only from a read made after its latest push had its reply;
    only a posting's first entry in play is decided from a view (the next ones once it settles);
    every attempt is recorded on this thread, between HTTP calls."""

    def __init__(
        self,
        reconciler: Reconciler,
        reader: PostingReader,
        reads: ThreadPoolExecutor,
        sender: _Sender,
        events: queue.SimpleQueue[Event],
    ) -> None:
        self.rec = reconciler
        self.options = reconciler.options
        self.reader = reader
        self.reads = reads
        self.sender = sender
        self.events = events
        self.initial: set[str] = set()
        self.groups: dict[str, list[OutboxItem]] = {}  # posting → its entries in play, in order
        self.due: list[tuple[float, int, str]] = []  # (monotonic, tie, posting): read then
        self.due_at: dict[str, float] = {}
        self.reading: dict[str, bool] = {}  # postings of the read in flight → decided already
        self.read_job = 0
        self.busy: set[str] = set()  # a push decided, waiting to go, sent, or followed up
        self.pending: dict[tuple[str, bool], list[OutboxItem]] = {}  # (action, chained)
        self.pending_since: dict[tuple[str, bool], float] = {}
        self.follow: list[tuple[float, int, str, str]] = []  # (monotonic, tie, action, entry)
        self.views: dict[str, PlatformPosting | None] = {}
        self.opened: dict[str, float] = {}  # followed-up entry → when its opener was accepted
        self.posting_of: dict[str, str] = {}  # entry → posting
        self.reads_of: dict[str, int] = {}  # posting → reads (the report's "rounds")
        self.fruitless = 0  # reads in a row that read nothing at all
        self.stopping = ""
        self.tie = 0
        self.left = 0
        self.progress_at = 0.0
        self.progress_done = -1  # the done count last reported
        self.mark = time.monotonic()

    # -- the loop ------------------------------------------------------------------------------
    def run(self, items: list[OutboxItem]) -> None:
        self.initial = {item.entry.entry_id for item in items}
        self.rec.report.total = self.left = len(self.initial)
        now = time.monotonic()
        orphans: list[Attempt] = []
        for item in items:
            posting = item.entry.posting
            if not posting:
                detail = step_detail(STEP_REJECTED, "no_posting")
                orphans.append(self.rec._attempt(item, Outcome.REJECTED, detail))
            else:
                self.groups.setdefault(posting, []).append(item)
                self.posting_of[item.entry.entry_id] = posting
        for posting in self.groups:
            self._due(posting, now)
        self.rec.store.attempts.record(orphans)  # no posting: nothing to read, set aside
        self.left -= len(orphans)
        self._progress(force=True)
        started = time.monotonic()
        try:
            while self.groups or self._in_flight():
                now = time.monotonic()
                self._account(now)
                if self.rec.cancel.is_set():
                    raise Cancelled
                duration = self.options.max_duration_s
                if duration and now - started > duration and not self.stopping:
                    self.stopping = "time"
                if self.stopping:
                    if not self._in_flight():
                        break
                else:
                    self._start_read(now)
                    self._take_follow_ups(now)
                    self._flush(now)
                    idle = not (self._in_flight() or self.due or self.follow or self.pending)
                    if idle:
                        self._adopt_strays(now)
                        if not self.due:
                            break
                self._handle(self._next_event(now))
        except Cancelled:
            self._drain()
            raise
        self.rec.report.stopped = self.stopping if self.groups else ""
        self._progress(force=True)

    def _in_flight(self) -> bool:
        return bool(self.reading) or self.sender.in_flight > 0

    def _next_event(self, now: float) -> Event | None:
        wake = [GATHER_PUSHES_S]
        if not self.stopping:
            if self.due and not self.reading:
                gather = GATHER_READS_S if self._in_flight() else 0.0
                wake.append(self.due[0][0] + gather - now)
            if self.follow:
                wake.append(self.follow[0][0] - now)
            if self.reading:
                wake += [since + GATHER_PUSHES_S - now for since in self.pending_since.values()]
        timeout = max(0.0, min(wake))
        try:
            return self.events.get(timeout=timeout) if timeout else self.events.get_nowait()
        except queue.Empty:
            return None

    def _drain(self) -> None:
        """Cancelled: record what comes back of what is out, start nothing new."""
        self.stopping = "cancelled"
        while self._in_flight():
            event = self.events.get()
            if isinstance(event, _ReadFailed):
                self.reading = {}
                if not isinstance(event.error, Cancelled):
                    raise event.error
                continue
            self._handle(event)

    def _handle(self, event: Event | None) -> None:
        while event is not None:
            if isinstance(event, _Crashed):
                raise event.error
            if isinstance(event, _ReadFailed):
                self.reading = {}
                raise event.error
            if isinstance(event, _Sent):
                self._sent(event.batch, event.at, event.chained)
            elif event.job == self.read_job:
                self._read(event.views, whole=event.whole)
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                event = None
        self._progress()

    # -- reading -------------------------------------------------------------------------------
    def _due(self, posting: str, at: float) -> None:
        if posting in self.due_at and self.due_at[posting] <= at:
            return  # already due earlier
        self.due_at[posting] = at
        self.tie += 1
        heapq.heappush(self.due, (at, self.tie, posting))

    def _start_read(self, now: float) -> None:
        if self.reading or not self.due or self.due[0][0] > now:
            return
        if self._in_flight() and now - self.due[0][0] < GATHER_READS_S:
            return  # let a few more come due: a read costs a request per hundred orders
        wanted: list[str] = []
        while self.due and self.due[0][0] <= now:
            at, _, posting = heapq.heappop(self.due)
            if self.due_at.get(posting) != at:
                continue  # superseded by an earlier one, or taken
            del self.due_at[posting]
            if posting in self.groups and posting not in self.busy:
                wanted.append(posting)
        if not wanted:
            return
        oldest = min(self.groups[posting][0].entry.wall_time for posting in wanted)
        since = oldest - timedelta(days=self.options.lookback_days)
        to = self.rec.clock.now() + timedelta(days=1)
        self.read_job += 1
        job = self.read_job
        self.reading = dict.fromkeys(wanted, False)
        for posting in wanted:
            self.reads_of[posting] = reads = self.reads_of.get(posting, 0) + 1
            self.rec.report.rounds = max(self.rec.report.rounds, reads)
        events = self.events

        def read() -> None:
            try:
                views = self.reader.read(
                    wanted, since, to, on_views=lambda part: events.put(_Views(job, part, False))
                )
            except BaseException as error:  # handed to the reconciler's thread
                events.put(_ReadFailed(job, error))
                return
            events.put(_Views(job, views, True))

        self.reads.submit(read)

    def _read(self, views: Mapping[str, PlatformPosting | None], *, whole: bool) -> None:
        """Decide every posting of ``views`` not decided yet; the whole read: the rest failed."""
        now = time.monotonic()
        settles: list[Attempt] = []
        for posting, view in views.items():
            if self.reading.get(posting) is False:
                self.reading[posting] = True
                settles += self._decide(posting, view, now)
        if not whole:
            self._record(settles)
            return
        failed = [posting for posting, decided in self.reading.items() if not decided]
        read_any = any(self.reading.values())
        self.reading = {}
        self.fruitless = 0 if read_any else self.fruitless + 1
        if self.fruitless > self.options.max_idle_rounds:
            self.stopping = "platform"
        delay = self.rec.backoff.delay(self.fruitless) if self.fruitless else 0.0
        for posting in failed:
            if posting in self.groups:
                item = self.groups[posting][0]
                detail = step_detail(STEP_FAILED, "read")
                settles.append(self.rec._attempt(item, Outcome.RETRYABLE, detail))
                self._due(posting, now + max(delay, self.options.confirm_after_s))
        self._record(settles)

    def _decide(self, posting: str, view: PlatformPosting | None, now: float) -> list[Attempt]:
        """Settle the posting's entries the view settles, up to the first one that needs a push
        (gathered for a batch) or a wait (read again later)."""
        rec = self.rec
        group = self.groups.get(posting, [])
        seen_at = self.reader.read_at.get(posting, rec.clock.now())
        self.views[posting] = view
        settles: list[Attempt] = []
        for item in group:
            decision = rec.adapter.decide(item, view, seen_at, self.options.resend_after_s)
            if isinstance(decision, Settle):
                settles.append(
                    rec._attempt(item, decision.outcome, decision.detail, reply=decision.reply)
                )
                continue
            if isinstance(decision, Push):
                self._gather(decision.action, item, chained=False, now=now)
                break
            wait = self.options.confirm_after_s
            latest = item.latest
            if latest is not None:
                age = (seen_at - latest.attempted_at).total_seconds()
                if parse_detail(latest.detail)[0] == STEP_ACCEPTED:
                    rec._learn_apply(age)
                wait = max(wait, rec.apply_wait_s - age)
            self._due(posting, now + wait)
            break
        return settles

    def _adopt_strays(self, now: float) -> None:
        """Nothing is in flight, pending or scheduled, yet postings are in play (it should not
        happen): read them."""
        self.busy.clear()
        for posting in self.groups:
            if posting not in self.due_at:
                log.warning("reconcile: posting %s had nothing scheduled; reading it", posting)
                self._due(posting, now)

    # -- pushing -------------------------------------------------------------------------------
    def _gather(self, action: str, item: OutboxItem, *, chained: bool, now: float) -> None:
        key = (action, chained)
        self.pending.setdefault(key, []).append(item)
        self.pending_since.setdefault(key, now)
        self.busy.add(item.entry.posting)

    def _take_follow_ups(self, now: float) -> None:
        while self.follow and self.follow[0][0] <= now:
            _, _, action, entry_id = heapq.heappop(self.follow)
            item = self._current(entry_id)
            if item is None:  # it left play meanwhile: read what is left of its posting
                posting = self.posting_of.get(entry_id, "")
                self.busy.discard(posting)
                if posting in self.groups:
                    self._due(posting, now)
                continue
            self._gather(action, item, chained=True, now=now)

    def _flush(self, now: float) -> None:
        """Hand full batches to the sender, and partial ones once nothing is being read or
        they waited ``GATHER_PUSHES_S``. Steps that open a follow-up go first."""
        out: list[tuple[PushBatch, bool]] = []
        for key in sorted(self.pending, key=lambda key: (key[0] not in OPENS_FOLLOW_UP, key)):
            action, chained = key
            items = self.pending[key]
            whole = not self.reading or now - self.pending_since[key] >= GATHER_PUSHES_S
            if action == ACTION_CANCEL:
                take = items if whole else []
            else:
                take = items if whole else items[: len(items) // STATUS_BATCH * STATUS_BATCH]
            if not take:
                continue
            rest = items[len(take) :]
            if rest:
                self.pending[key] = rest
                self.pending_since[key] = now
            else:
                del self.pending[key], self.pending_since[key]
            if action == ACTION_CANCEL:
                take = self._with_reasons(take, now)
                out += [
                    (PushBatch(action, [item], **self.rec._reason_fields(item)), chained)
                    for item in take
                ]
            else:
                out += [
                    (PushBatch(action, chunk), chained) for chunk in chunked(take, STATUS_BATCH)
                ]
        if not out:
            return
        # The intent is durable before anything goes out: a kill after this line leaves
        # "unknown", which the next run resolves by reading.
        self._record(
            [
                self.rec._attempt(item, Outcome.UNKNOWN, step_detail(STEP_SENT, batch.action))
                for batch, _ in out
                for item in batch.items
            ]
        )
        self.sender.put(out)

    def _with_reasons(self, items: list[OutboxItem], now: float) -> list[OutboxItem]:
        """The send-backs whose cancel can go out now (``Reconciler._with_reasons``); the others
        are recorded and read again later."""
        ready, attempts = self.rec._with_reasons(items, self.views)
        self._record(attempts)
        going = {item.entry.entry_id for item in ready}
        for item in items:
            if item.entry.entry_id not in going:
                self.busy.discard(item.entry.posting)
                self._due(item.entry.posting, now + self.options.confirm_after_s)
        return ready

    def _sent(self, batch: PushBatch, at: float, chained: bool) -> None:
        """A batch's reply: recorded; each accepted posting's follow-up step is sent once the
        platform had time to apply this one, every other posting is read again."""
        rec = self.rec
        self.sender.done()
        rec._not_yet.clear()
        attempts, ok = rec._batch_attempts(batch, chained)
        self._record(attempts)
        for entry_id in rec._not_yet:  # a chained step refused as "not yet"
            opened = self.opened.pop(entry_id, None)
            if opened is not None:
                rec._learn_apply(at - opened)
        accepted = {item.entry.entry_id for item in ok}
        now = time.monotonic()
        for item in batch.items:
            entry_id, posting = item.entry.entry_id, item.entry.posting
            self.busy.discard(posting)
            if posting not in self.groups:
                continue  # every entry of the posting settled
            if entry_id in accepted:
                step = rec.adapter.follow_up(item, batch.action, self._after(entry_id))
                if step is not None:
                    next_item, action = step
                    self.busy.add(posting)
                    self.opened[next_item.entry.entry_id] = at
                    self.tie += 1
                    heapq.heappush(
                        self.follow,
                        (at + rec.apply_wait_s, self.tie, action, next_item.entry.entry_id),
                    )
                    continue
                self._due(posting, at + rec.apply_wait_s)
                continue
            current_item = self._current(entry_id)
            if (
                current_item is not None
                and current_item.latest is not None
                and (current_item.latest.outcome == Outcome.UNKNOWN.value)
            ):  # lost, or refused as "not yet": the platform may be applying something
                self._due(posting, at + rec.apply_wait_s)
            else:
                self._due(posting, now + self.options.confirm_after_s)

    # -- bookkeeping ---------------------------------------------------------------------------
    def _current(self, entry_id: str) -> OutboxItem | None:
        """The entry as it stands now (with its latest attempt), None once it left play."""
        group = self.groups.get(self.posting_of.get(entry_id, ""), [])
        return next((item for item in group if item.entry.entry_id == entry_id), None)

    def _after(self, entry_id: str) -> list[OutboxItem]:
        """The posting's entries in play after this one, as they stand now."""
        group = self.groups.get(self.posting_of.get(entry_id, ""), [])
        ids = [item.entry.entry_id for item in group]
        return group[ids.index(entry_id) + 1 :] if entry_id in ids else []

    def _record(self, attempts: list[Attempt]) -> None:
        """Record attempts, and move each entry on in memory: one whose outcome leaves play is
        done, and its posting's next entry is the one decided next."""
        if not attempts:
            return
        self.rec.store.attempts.record(attempts)
        for attempt in attempts:
            posting = self.posting_of.get(attempt.entry_id, "")
            group = self.groups.get(posting)
            if group is None:
                continue
            for index, item in enumerate(group):
                if item.entry.entry_id != attempt.entry_id:
                    continue
                moved = item.with_attempt(attempt)
                if attempt.outcome in IN_PLAY:
                    group[index] = moved
                else:
                    del group[index]
                    if item.entry.entry_id in self.initial:
                        self.left -= 1
                break
            if not group:
                del self.groups[posting]

    def _account(self, now: float) -> None:
        """Wall time by what was going on (the bench's phases)."""
        if self.reading and self.sender.in_flight:
            phase = "reading and sending"
        elif self.reading:
            phase = "reading"
        elif self.sender.in_flight:
            phase = "sending"
        else:
            phase = "waiting for the platform to apply"
            self.rec.report.waited_s += now - self.mark
        self.rec._add_phase(phase, now - self.mark)
        self.mark = now

    def _progress(self, *, force: bool = False) -> None:
        report = self.rec.report
        report.remaining = self.left
        report.done = report.total - self.left
        now = time.monotonic()
        if self.rec.progress is None:
            return
        # Only when something settled (and once at the start), at most ten a second (but
        # always the last figure: ``force``).
        if report.done != self.progress_done and (force or now - self.progress_at >= 0.1):
            self.progress_at, self.progress_done = now, report.done
            self.rec.progress(report.done, report.total)


def _path(action: str) -> str:
    return PATH_CANCEL if action == ACTION_CANCEL else STATUS_PATHS[action]
