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


def test_refusals() -> None:
    issue = _item(EntryKind.ISSUE)
    chained = ADAPTER.on_refusal(
        issue, "non_int_delivered", "POSTING_STATUS_NOT_ALLOWED", "", chained=True
    )
    direct = ADAPTER.on_refusal(issue, "non_int_delivered", "POSTING_STATUS_NOT_ALLOWED", "")
    ours = ADAPTER.on_refusal(
        _item(EntryKind.ISSUE, frozenset({"non_int_delivered"})),
        "non_int_delivered",
        "POSTING_ALREADY_DELIVERED",
        "",
    )
    theirs = ADAPTER.on_refusal(issue, "non_int_delivered", "POSTING_ALREADY_DELIVERED", "")
    odd = ADAPTER.on_refusal(issue, "non_int_delivered", "SOMETHING_NEW", "")
    assert chained is None
    assert direct is not None and direct.detail == "conflict:action_not_available"
    assert ours is not None and ours.outcome == "already_applied"
    assert theirs is not None and theirs.detail == "conflict:already_delivered"
    assert odd is not None and odd.outcome == "rejected"
    receive = _item(EntryKind.RECEIVE)
    assert ADAPTER.follow_up(issue, "non_int_delivering", []) == (issue, "non_int_delivered")
    assert ADAPTER.follow_up(receive, "non_int_delivering", []) is None
    assert ADAPTER.follow_up(receive, "non_int_delivering", [issue]) == (issue, "non_int_delivered")
    assert ADAPTER.follow_up(issue, "non_int_delivered", []) is None
