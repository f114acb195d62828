"""After an incident: re-read the statuses of this point's postings from the platform.

The platform has no pickup-point deadline (``seller_spec`` 8): deadlines stay ours, and extending
them after an incident is the operator's tool (Хранение). What the platform does know, and what
may have changed while we were cut off, is each posting's status: cancelled by the buyer,
delivered elsewhere. Pages through ``/v4/posting/fbs/list`` over the listing window and records
the status on this point's manifest rows.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

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
    statuses_recorded: int


def refresh_from_platform(
    api: SellerApi,
    store: Store,
    clock: Clock,
    *,
    lookback_days: int = 30,
    workers: int = 4,
    cancel: threading.Event | None = None,
) -> RefreshReport:
    now = clock.now()
    with ThreadPoolExecutor(workers, thread_name_prefix="refresh") as pool:
        reader = PostingReader(api, pool, Backoff(), cancel or threading.Event())
        views = reader.list_all(now - timedelta(days=lookback_days), now + timedelta(days=1))
    known = [
        view
        for view in views
        if store.postings.state(view.posting_number).status is not PostingStatus.UNKNOWN
    ]
    recorded = Outbox(store.db, store.path).record_platform_view(
        ((view.posting_number, view.status, None) for view in known), now.isoformat()
    )
    return RefreshReport(len(views), len(known), recorded)
