"""The ``ozon_seller`` decisions on their own: entry kind × platform view → push, settle, wait."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from pvzdesk.domain.models import Entry, EntryKind
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.outbox import OutboxItem
from pvzdesk.sync.adapters.base import Push, Settle, Wait
from pvzdesk.sync.adapters.ozon_seller import OzonSellerAdapter
from pvzdesk.sync.seller_wire import PlatformPosting

NOW = datetime(2026, 6, 27, 12, 0, tzinfo=UTC)
ADAPTER = OzonSellerAdapter()


def _item(
    kind: EntryKind, sent: frozenset[str] = frozenset(), latest: Attempt | None = None
) -> OutboxItem:
    entry = Entry(1, "e1", "d", 1, "op", kind, "12345678-0001-1", b"", {}, NOW, 0, 0, "", "")
    return OutboxItem(entry, latest, sent)


def _view(status: str, *actions: str) -> PlatformPosting:
    return PlatformPosting("12345678-0001-1", status, available_actions=frozenset(actions))


@pytest.mark.parametrize(
    "kind, view, expected",
    [
        (
            EntryKind.ISSUE,
            _view("awaiting_deliver", "non_int_delivering", "cancel"),
            Push("non_int_delivering"),
        ),
        (
            EntryKind.ISSUE,
            _view("delivering", "non_int_last_mile", "non_int_delivered"),
            Push("non_int_delivered"),
        ),
        (EntryKind.ISSUE, _view("some_new_status", "non_int_last_mile"), Push("non_int_last_mile")),
        (EntryKind.ISSUE, _view("driver_pickup", "non_int_delivered"), Push("non_int_delivered")),
        (
            EntryKind.RECEIVE,
            _view("awaiting_deliver", "non_int_delivering"),
            Push("non_int_delivering"),
        ),
        (EntryKind.RETURN_TO_SENDER, _view("delivering", "cancel"), Push("cancel")),
    ],
)
def test_pushes(kind: EntryKind, view: PlatformPosting, expected: Push) -> None:
    assert ADAPTER.decide(_item(kind), view, NOW, 30) == expected


@pytest.mark.parametrize(
    "kind, view, sent, outcome, subject",
    [
        (EntryKind.ISSUE, _view("delivered"), frozenset(), "conflict", "already_delivered"),
        (
            EntryKind.ISSUE,
            _view("delivered"),
            frozenset({"non_int_delivered"}),
            "applied",
            "non_int_delivered",
        ),
        (EntryKind.ISSUE, _view("cancelled"), frozenset(), "conflict", "cancelled_meanwhile"),
        (
            EntryKind.ISSUE,
            _view("awaiting_packaging", "cancel"),
            frozenset(),
            "conflict",
            "action_not_available",
        ),
        (
            EntryKind.RECEIVE,
            _view("driver_pickup"),
            frozenset(),
            "already_applied",
            "non_int_delivering",
        ),
        (
            EntryKind.RETURN_TO_SENDER,
            _view("cancelled"),
            frozenset({"cancel"}),
            "applied",
            "cancel",
        ),
        (
            EntryKind.RETURN_TO_SENDER,
            _view("delivered"),
            frozenset(),
            "conflict",
            "already_delivered",
        ),
    ],
)
def test_settles(
    kind: EntryKind, view: PlatformPosting, sent: frozenset[str], outcome: str, subject: str
) -> None:
    decision = ADAPTER.decide(_item(kind, sent), view, NOW, 30)
    assert isinstance(decision, Settle)
    assert decision.outcome == outcome
    assert decision.detail.split(" ")[0].partition(":")[2] == subject
    assert '"status"' in decision.reply  # the platform's view is kept


def test_unknown_posting() -> None:
    decision = ADAPTER.decide(_item(EntryKind.ISSUE), None, NOW, 30)
    assert isinstance(decision, Settle) and decision.detail == "conflict:unknown_posting"


def test_a_recent_unconfirmed_push_waits_then_is_sent_again() -> None:
    sent = Attempt(
        "e1",
        "ozon_seller",
        NOW - timedelta(seconds=5),
        "unknown",
        detail="lost:non_int_delivered reset",
    )
    item = _item(EntryKind.ISSUE, frozenset({"non_int_delivered"}), sent)
    view = _view("delivering", "non_int_delivered")
    assert isinstance(ADAPTER.decide(item, view, NOW, 30), Wait)
    assert ADAPTER.decide(item, view, NOW + timedelta(seconds=60), 30) == Push("non_int_delivered")


ACTION = "non_int_delivered"
SETTLED_REFUSAL = "refused:non_int_delivered TRANSITION_IS_NOT_POSSIBLE"


def _refused_before(action: str = ACTION) -> Attempt:
    return Attempt(
        "e1", "ozon_seller", NOW - timedelta(seconds=60), "unknown",
        detail=f"refused:{action} TRANSITION_IS_NOT_POSSIBLE",
    )  # fmt: skip


@pytest.mark.parametrize(
    "code, first, again",
    [
        # documented, "not yet / wrong order": read again later; the second refusal after the
        # platform settled is a conflict for a person
        ("TRANSITION_IS_NOT_POSSIBLE", ("unknown", "refused"), ("conflict", "conflict")),
        ("HAS_INCORRECT_STATUS", ("unknown", "refused"), ("conflict", "conflict")),
        ("POSTING_NOT_FOUND", ("unknown", "refused"), ("conflict", "conflict")),
        # documented, final at once
        ("POSTING_ALREADY_CANCELLED", ("conflict", "conflict"), ("conflict", "conflict")),
        ("HAS_INCORRECT_TPL_INTEGRATION_TYPE", ("rejected", "rejected"), ("rejected", "rejected")),
        # codes in no public source, and codes we have never seen: never acted on at first sight
        ("POSTING_STATUS_NOT_ALLOWED", ("unknown", "refused"), ("rejected", "rejected")),
        ("POSTING_ALREADY_DELIVERED", ("unknown", "refused"), ("rejected", "rejected")),
        ("POSTING_ALREADY_IN_STATUS", ("unknown", "refused"), ("rejected", "rejected")),
        ("SOMETHING_NEW", ("unknown", "refused"), ("rejected", "rejected")),
        ("", ("unknown", "refused"), ("rejected", "rejected")),
    ],
)
def test_each_refusal_code_by_meaning(
    code: str, first: tuple[str, str], again: tuple[str, str]
) -> None:
    at_first_sight = ADAPTER.on_refusal(_item(EntryKind.ISSUE), ACTION, code, "")
    settled = _item(EntryKind.ISSUE, frozenset({ACTION}), _refused_before())
    after_settling = ADAPTER.on_refusal(settled, ACTION, code, "")
    chained = ADAPTER.on_refusal(settled, ACTION, code, "", chained=True)
    for settle, (outcome, step) in ((at_first_sight, first), (after_settling, again)):
        assert settle is not None
        assert (settle.outcome, settle.detail.split(":")[0]) == (outcome, step), code
    assert chained is not None and chained.outcome == first[0]  # a chained step is never settled


def test_conflict_kinds_of_a_persisting_refusal() -> None:
    settled = _item(EntryKind.ISSUE, frozenset({ACTION}), _refused_before())
    kinds = {}
    for code in ("TRANSITION_IS_NOT_POSSIBLE", "POSTING_NOT_FOUND", "POSTING_ALREADY_CANCELLED"):
        settle = ADAPTER.on_refusal(settled, ACTION, code, "")
        assert settle is not None
        kinds[code] = settle.detail
    assert kinds == {
        "TRANSITION_IS_NOT_POSSIBLE": "conflict:action_not_available",
        "POSTING_NOT_FOUND": "conflict:unknown_posting",
        "POSTING_ALREADY_CANCELLED": "conflict:cancelled_meanwhile",
    }
    a_different_step = _item(EntryKind.ISSUE, frozenset(), _refused_before("non_int_delivering"))
    refused = ADAPTER.on_refusal(a_different_step, ACTION, "TRANSITION_IS_NOT_POSSIBLE", "")
    assert refused is not None and refused.outcome == "unknown"  # progress: a first refusal


def test_send_back_refused_as_already_cancelled_is_done() -> None:
    ours = ADAPTER.on_refusal(
        _item(EntryKind.RETURN_TO_SENDER, frozenset({"cancel"})), "cancel",
        "POSTING_ALREADY_CANCELLED", "",
    )  # fmt: skip
    theirs = ADAPTER.on_refusal(
        _item(EntryKind.RETURN_TO_SENDER), "cancel", "POSTING_ALREADY_CANCELLED", ""
    )
    assert ours is not None and ours.outcome == "applied"
    assert theirs is not None and theirs.outcome == "already_applied"


def test_after_a_refusal_the_entry_waits_for_the_platform_to_settle() -> None:
    refused = Attempt(
        "e1", "ozon_seller", NOW, "unknown", detail="refused:non_int_delivered SOMETHING_NEW"
    )
    item = _item(EntryKind.ISSUE, frozenset({"non_int_delivering", ACTION}), refused)
    view = _view("delivering", ACTION)
    assert isinstance(ADAPTER.decide(item, view, NOW + timedelta(seconds=2), 30), Wait)
    assert ADAPTER.decide(item, view, NOW + timedelta(seconds=6), 30) == Push(ACTION)


def test_accepted_but_never_applied_stops_after_a_bounded_number_of_sends() -> None:
    accepted = Attempt("e1", "ozon_seller", NOW, "unknown", detail="accepted:non_int_delivered")
    entry = _item(EntryKind.ISSUE).entry
    view = _view("delivering", ACTION)
    later = NOW + timedelta(seconds=60)
    assert ADAPTER.decide(OutboxItem(entry, accepted, frozenset({ACTION}), 7), view, later, 30) == (
        Push(ACTION)
    )
    stop = ADAPTER.decide(OutboxItem(entry, accepted, frozenset({ACTION}), 8), view, later, 30)
    assert isinstance(stop, Settle)
    assert (stop.outcome, stop.detail.split(" ")[0]) == ("conflict", "conflict:never_applied")


def test_follow_ups() -> None:
    issue = _item(EntryKind.ISSUE)
    receive = _item(EntryKind.RECEIVE)
    assert ADAPTER.follow_up(issue, "non_int_delivering", []) == (issue, "non_int_delivered")
    assert ADAPTER.follow_up(receive, "non_int_delivering", []) is None
    assert ADAPTER.follow_up(receive, "non_int_delivering", [issue]) == (issue, "non_int_delivered")
    assert ADAPTER.follow_up(issue, "non_int_delivered", []) is None
