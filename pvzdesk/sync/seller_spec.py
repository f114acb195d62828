"""What pvzdesk assumes about the Seller API where Ozon's own document is silent — in one place.

The client is built against Ozon's OpenAPI document ("Документация Ozon Seller API" 2.1, June 2026;
the subset a pickup desk needs is checked by ``tests/sync/test_seller_contract.py``). Everything
below is NOT in that document; each choice is the safe side, and each is a constant here so a
change of mind is one edit:

1. **Per-posting refusal codes of the rFBS status methods** (``/v2/fbs/posting/delivering``,
   ``last-mile``, ``delivered``). The document lists refusal codes only for ``/v4/posting/fbs/ship``
   (tag Errors). We assume the status methods use the same vocabulary, and act only on these:
   ``TRANSITION_IS_NOT_POSSIBLE`` (wrong order; "changes apply asynchronously": read again later),
   ``HAS_INCORRECT_STATUS`` (read again later), ``HAS_INCORRECT_TPL_INTEGRATION_TYPE`` (the
   posting is carried by an integrated service: our point cannot set its status),
   ``POSTING_NOT_FOUND`` (read it: the documented 404 of ``/v3/posting/fbs/get`` decides),
   ``POSTING_ALREADY_CANCELLED`` (cancelled: final). Any other code means "read the posting again
   later and decide"; only a refusal repeated after the platform shows the posting settled (our
   earlier changes had ``resend_after_s`` to apply) sets the entry aside for a person.
2. **``error`` of a per-posting line** is a string in the schema and ``[]`` in the document's own
   example; public integrations see both. We accept a string, a list of strings, null or absent.
3. **At most 20 postings per status call** (``STATUS_BATCH``): public integrations report that a
   call with more is refused as a whole. The document gives no maximum.
4. **Per-method budgets** (``METHOD_BUDGETS``): the document says 50 requests/s per Client-Id
   "and the limits of each method" without numbers; integrations see ``/v3/posting/fbs/get``
   answer 429 at a few requests per second. We keep single reads at 2/s and prefer the list
   (30/s); a cancel is one posting per call, so it gets 20/s.
5. **Which limit a 429 means** is not documented, nor is ``Retry-After``. We read a 429 as the
   *refused method's* own limit, the usual case (integrations see single reads refused at a few
   per second while our bucket keeps the whole client under 50/s): the refused method is held
   for the ``Retry-After`` when given, else for a full-jitter back-off that grows with that
   method's 429s in a row (``HOLD_BACKOFF_*``); other methods go on. Only when 429s come from
   two or more methods within ``CLIENT_HOLD_WINDOW_S`` do we take it that the platform limits
   the client as a whole and hold every call. After any 429 the client's bucket is cut by a
   quarter and regains half of its rate per second (full speed within half a second)
   (``ratelimit.slow_down``), so we stay gentle. (A cut by half cost the reconcile bench a few
   seconds more; the simulator's 429s come at random, so it cannot show which cut avoids more.)
   A ``Retry-After`` is shown to the operator with its time.
6. **int64 fields may come as JSON strings** (the document's own examples do it, e.g.
   ``"counter": "1"``; protobuf's JSON mapping allows it). Parsers accept both.
7. **An unknown posting** is only the documented answer: HTTP 404 with an ``rpcStatus`` object
   from ``/v3/posting/fbs/get``. Anything else (an HTML page, an empty or null body, bad UTF-8, a
   redirect, a 4xx page from a proxy) is a read that failed and is retried, never "unknown".
8. **No pickup-point storage deadline** exists in a posting: the deadline at the point is ours
   (policy, operator, import); the platform is read for statuses only.
9. **Buyer cancellation requests**: ``ON_APPROVAL`` and ``APPROVED`` mean "do not hand out"
   (``CANCEL_REQUEST_BLOCKING``); ``REJECTED`` means the seller refused the request.
10. **Statuses a pickup desk lists** for its warm manifest (``MANIFEST_STATUSES``): postings on
    their way to the point or waiting there. Addressee and barcodes are taken where given.
12. **Cancel reasons for a send-back.** ``/v2/posting/fbs/cancel`` says to check the reasons
    "for a specific posting" with ``/v1/posting/fbs/cancel-reason`` (``PATH_CANCEL_REASONS``,
    several postings per call; we send at most ``CANCEL_REASON_BATCH``, the document gives no
    maximum). The 2026 ``/v1/cancel-reason/list-by-posting`` belongs to the Ozon Доставка
    ``/v1/posting/cancel`` family (buyer reasons 501–710, "only if the buyer asked to cancel"),
    so a pickup desk does not use it. We assume the allowed reasons depend on the posting's
    status (the reference says so), so one posting per status is asked within a run and the
    answer serves every posting in that status. The choice (``adapters.ozon_seller``): 665
    «покупатель не забрал заказ» when allowed; else an allowed reason whose title says «не
    забрал»; else 402 «другое» with ``CANCEL_OTHER_MESSAGE`` when allowed; else the send-back is
    set aside for a person. When the per-posting method is unavailable (404/403: switched off
    or not in the key's roles) ``/v2/posting/fbs/cancel-reason/list`` (``is_available_for_
    cancellation``) decides; when that is unavailable too, 665 is sent as documented for
    postings in delivery, and the log says so.
11. **"Accepted but never applied"**: after ``MAX_SENDS`` sends of one entry that the platform
    accepted but never showed applied, the entry is set aside (``never_applied``) instead of
    being sent for ever.
13. **Reading wanted postings by their orders.** ``/v4/posting/fbs/list`` documents
    ``filter.order_numbers`` (at most ``ORDER_NUMBERS_PER_LIST``). We take a posting's order
    number to be its number without the last ``-N``, as in every example of the document
    (``57195475-0050-3`` of order ``57195475-0050``), so a read of a few thousand postings asks
    for exactly those, a hundred orders a request, all requests side by side, instead of paging
    the whole time window one page after another. The safe side: a wanted posting that such a
    read does not show is asked for alone (``/v3/posting/fbs/get``: only its 404 means
    unknown), and a page that shows a posting of another order means the filter is not honoured:
    the reader then lists the window as before for the rest of the run.
"""

from __future__ import annotations

# 3. postings per status-change call
STATUS_BATCH = 20
# tracking-number pairs per call (documented: "до 20 трек-номеров за раз")
TRACKING_BATCH = 20
# /v4/posting/fbs/list: documented maximum of ``limit``
LIST_PAGE = 100
# 13. /v4/posting/fbs/list: documented maximum of ``filter.order_numbers``
ORDER_NUMBERS_PER_LIST = 100
# /v2/conditional-cancellation/list: the document's example asks for 500
CANCEL_REQUEST_PAGE = 500

GLOBAL_RATE_PER_S = 50.0  # documented: per Client-Id, all methods together

# 5. after a 429: 429s of two methods within this many seconds (the platform counts requests
# per second) hold the whole client; a 429
# without Retry-After holds its method for a full-jitter draw up to base·2^(429s in a row)
CLIENT_HOLD_WINDOW_S = 1.0
HOLD_BACKOFF_BASE_S = 0.5
HOLD_BACKOFF_CAP_S = 30.0

PATH_GET = "/v3/posting/fbs/get"
PATH_LIST = "/v4/posting/fbs/list"
PATH_BY_BARCODE = "/v2/posting/fbs/get-by-barcode"
PATH_DELIVERING = "/v2/fbs/posting/delivering"
PATH_LAST_MILE = "/v2/fbs/posting/last-mile"
PATH_DELIVERED = "/v2/fbs/posting/delivered"
PATH_TRACKING = "/v2/fbs/posting/tracking-number/set"
PATH_CANCEL = "/v2/posting/fbs/cancel"
PATH_ROLES = "/v1/roles"
PATH_CANCEL_REQUESTS = "/v2/conditional-cancellation/list"
PATH_CANCEL_REASONS = "/v1/posting/fbs/cancel-reason"
PATH_CANCEL_REASON_LIST = "/v2/posting/fbs/cancel-reason/list"

# 4. requests per second per method (never above the global bucket)
METHOD_BUDGETS: dict[str, float] = {
    PATH_GET: 2.0,
    PATH_BY_BARCODE: 2.0,
    PATH_LIST: 30.0,
    PATH_CANCEL: 20.0,
    PATH_CANCEL_REQUESTS: 2.0,
    PATH_CANCEL_REASONS: 2.0,
    PATH_CANCEL_REASON_LIST: 2.0,
}

# 1. refusal codes (documented for /v4/posting/fbs/ship; assumed for the status methods)
ERROR_TRANSITION = "TRANSITION_IS_NOT_POSSIBLE"
ERROR_INCORRECT_STATUS = "HAS_INCORRECT_STATUS"
ERROR_INTEGRATION_TYPE = "HAS_INCORRECT_TPL_INTEGRATION_TYPE"
ERROR_NOT_FOUND = "POSTING_NOT_FOUND"
ERROR_ALREADY_CANCELLED = "POSTING_ALREADY_CANCELLED"
DOCUMENTED_REFUSALS = frozenset(
    {
        ERROR_TRANSITION,
        ERROR_INCORRECT_STATUS,
        ERROR_INTEGRATION_TYPE,
        ERROR_NOT_FOUND,
        ERROR_ALREADY_CANCELLED,
    }
)

# 9. buyer cancellation request states
CANCEL_REQUEST_ON_APPROVAL = "ON_APPROVAL"
CANCEL_REQUEST_APPROVED = "APPROVED"
CANCEL_REQUEST_REJECTED = "REJECTED"
CANCEL_REQUEST_BLOCKING = frozenset({CANCEL_REQUEST_ON_APPROVAL, CANCEL_REQUEST_APPROVED})

# 10. what a desk lists for its manifest
MANIFEST_STATUSES = ("awaiting_deliver", "delivering", "driver_pickup")

# 12. cancel reasons (ids documented in ``relatedPostingCancelReasons``)
CANCEL_REASON_BATCH = 20
CANCEL_NOT_PICKED_UP = 665  # «покупатель не забрал заказ»
CANCEL_OTHER = 402  # «другое (вина продавца)»: needs cancel_reason_message
CANCEL_OTHER_MESSAGE = "Покупатель не забрал заказ в пункте выдачи"
NOT_PICKED_UP_WORDS = "не забрал"

# 11. sends of one entry before it is set aside as "accepted but never applied"
MAX_SENDS = 8

# Bounded waits: a reply must be complete within the request's total deadline and this size.
MAX_REPLY_BYTES = 16 * 1024 * 1024
