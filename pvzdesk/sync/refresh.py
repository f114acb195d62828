"""After an incident: re-read storage deadlines and statuses from the platform (the platform wins).

Pages through ``/v4/posting/fbs/list`` (cursor paging, 100 per page) over the listing window. A
deadline that differs from ours becomes a ``deadline_sync`` entry through ``CounterService.sync_deadline``, so
the difference is journaled and can be shown; the platform's status lands on the manifest row.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta

from pvzdesk.clock import Clock
from pvzdesk.domain.state import PostingStatus
from pvzdesk.storage import Store
from pvzdesk.storage.outbox import Outbox
from pvzdesk.sync.backoff import Backoff
from pvzdesk.sync.platform_reads import PostingReader
from pvzdesk.sync.seller_api import SellerApi


@dataclass(frozen=True)
class RefreshReport:
    postings_read: int
    known_here: int
    deadlines_changed: int
    statuses_recorded: int


def refresh_from_platform(
    api: SellerApi,
    store: Store,
    sync_deadline: Callable[[str, date], object],
    clock: Clock,
    *,
    lookback_days: int = 30,
    workers: int = 4,
    cancel: threading.Event | None = None,
) -> RefreshReport:
    """``sync_deadline`` is ``CounterService.sync_deadline`` of a service on ``store``."""
    now = clock.now()
    with ThreadPoolExecutor(workers, thread_name_prefix="refresh") as pool:
        reader = PostingReader(api, pool, Backoff(), cancel or threading.Event())
        views = reader.list_all(now - timedelta(days=lookback_days), now + timedelta(days=1))
    changed = 0
    known = []
    for view in views:
        state = store.postings.state(view.posting_number)
        if state.status is PostingStatus.UNKNOWN:
            continue  # not this point's parcel
        known.append(view)
        deadline = view.storage_until
        if deadline is not None and state.at_point and state.storage_until != deadline:
            sync_deadline(view.posting_number, deadline)
            changed += 1
    recorded = Outbox(store.db, store.path).record_platform_view(
        ((view.posting_number, view.status, view.storage_until) for view in known),
        now.isoformat(),
    )
    return RefreshReport(len(views), len(known), changed, recorded)
