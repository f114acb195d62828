"""Every reconcile outcome, conflict kind, step, refusal code, failure class and platform status
reads as Russian words with both sides (journal / platform) and what to do: no identifier, code,
JSON or HTTP number reaches the sentence."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

import pytest

from pvzdesk.app import AppContext
from pvzdesk.domain.models import Entry
from pvzdesk.domain.outcomes import (
    NOTE_NO_FITTING_REASON,
    NOTE_NOT_YET,
    NOTE_REASONS_UNREAD,
    STEP_ACCEPTED,
    STEP_CONFIRMED,
    STEP_CONFLICT,
    STEP_FAILED,
    STEP_LOST,
    STEP_NOTHING,
    STEP_REFUSED,
    STEP_REJECTED,
    STEP_SENT,
    ConflictKind,
    Outcome,
    step_detail,
)
from pvzdesk.i18n import set_language
from pvzdesk.services.reconcile_words import NO_POSTING, explain
from pvzdesk.sync.seller_spec import DOCUMENTED_REFUSALS
from pvzdesk.sync.seller_wire import (
    ACTION_CANCEL,
    ACTION_DELIVERED,
    ACTION_DELIVERING,
    ACTION_LAST_MILE,
    AWAITING_DELIVER,
    AWAITING_PACKAGING,
    CANCEL_NOT_PICKED_UP,
    CANCELLED,
    DELIVERED,
    DELIVERING,
    DRIVER_PICKUP,
)
from tests.words import identifiers_in

ACTIONS = (ACTION_DELIVERING, ACTION_LAST_MILE, ACTION_DELIVERED, ACTION_CANCEL, "read")
STATUSES = (AWAITING_PACKAGING, AWAITING_DELIVER, DELIVERING, DRIVER_PICKUP, DELIVERED, CANCELLED)
FAILURES = (
    "dns",
    "connect",
    "tls",
    "timeout",
    "reset",
    "server_error",
    "rate_limited",
    "bad_reply",
)
CODES = (*sorted(DOCUMENTED_REFUSALS), "SOME_NEW_CODE", "refused")


def reply(status: str, reason: int = 0) -> str:
    return json.dumps(
        {
            "posting_number": "0132112277-0101-1",
            "status": status,
            "substatus": "posting_in_pickup_point",
            "available_actions": ["non_int_delivered"],
            "cancel_reason_id": reason,
        }
    )


def cases() -> Iterator[tuple[str, str, str]]:
    """(outcome, detail, reply) as the reconciler and the adapter write them, and more."""
    replies = ["", *(reply(status) for status in STATUSES), reply(CANCELLED, CANCEL_NOT_PICKED_UP)]
    replies.append(reply("some_new_status"))
    for kind in (*ConflictKind, "some_new_conflict"):
        for view in replies:
            yield Outcome.CONFLICT, step_detail(STEP_CONFLICT, kind, "8 sends"), view
            yield Outcome.CONFLICT, step_detail(STEP_CONFLICT, kind, NOTE_NO_FITTING_REASON), view
    for action in ACTIONS:
        for code in CODES:
            yield Outcome.REJECTED, step_detail(STEP_REJECTED, action, code), reply(DELIVERING)
            yield Outcome.UNKNOWN, step_detail(STEP_REFUSED, action, code), ""
        for failure in FAILURES:
            yield Outcome.RETRYABLE, step_detail(STEP_FAILED, action, failure), ""
        yield Outcome.RETRYABLE, step_detail(STEP_FAILED, action), ""
        for step in (STEP_SENT, STEP_ACCEPTED):
            yield Outcome.UNKNOWN, step_detail(step, action), ""
        yield Outcome.UNKNOWN, step_detail(STEP_LOST, action, "no line in the reply"), ""
        yield Outcome.UNKNOWN, step_detail(STEP_NOTHING, action), reply(DELIVERING)
        yield Outcome.UNKNOWN, step_detail(STEP_NOTHING, action, NOTE_NOT_YET), ""
        yield Outcome.RETRYABLE, step_detail(STEP_FAILED, action, NOTE_REASONS_UNREAD), ""
        for view in replies:
            yield Outcome.APPLIED, step_detail(STEP_CONFIRMED, action), view
            yield (
                Outcome.ALREADY_APPLIED,
                step_detail(STEP_NOTHING, action, "POSTING_ALREADY_CANCELLED"),
                view,
            )
    yield Outcome.REJECTED, step_detail(STEP_REJECTED, NO_POSTING), ""
    yield Outcome.RETRYABLE, "manual:retry", ""
    yield Outcome.UNKNOWN, "", ""
    yield Outcome.RETRYABLE, "something unforeseen", "not json"


@pytest.fixture
def russian() -> Iterator[None]:
    set_language("ru")
    try:
        yield
    finally:
        set_language("en")


def received(app: AppContext) -> Entry:
    app.apply_settings(replace(app.settings, operator="Иванова"))
    return app.counter.receive(["0132112277-0101-1"]).entries[0]


def test_every_outcome_has_both_sides_in_words_and_no_identifier(
    app: AppContext, russian: None
) -> None:
    entry = received(app)
    seen_outcomes = set()
    bad = []
    for outcome, detail, view in cases():
        said = explain(entry, outcome, detail, view)
        seen_outcomes.add(outcome)
        text = said.sentence()
        assert said.journal.startswith("Журнал: принято "), said.journal
        assert said.journal.endswith("(Иванова)"), said.journal
        assert said.platform.startswith("Платформа"), (outcome, detail, said.platform)
        assert said.advice, (outcome, detail)
        found = identifiers_in(text)
        for banned in ("{", "}", "HTTP", "Seller API", "API", "5xx", "reply"):
            if banned in text:
                found.append(banned)
        if found:
            bad.append((outcome, detail, view[:30], found, text))
    assert seen_outcomes == set(Outcome)
    assert bad == []


def test_the_issue_s_example_reads_as_it_should(app: AppContext, russian: None) -> None:
    entry = received(app)
    said = explain(
        entry,
        Outcome.CONFLICT,
        step_detail(STEP_CONFLICT, ConflictKind.CANCELLED_MEANWHILE),
        reply(CANCELLED),
    )
    assert said.platform == "Платформа: отменено"
    assert said.journal.endswith("(Иванова)")
    with_desk = explain(entry, Outcome.CONFLICT, "conflict:cancelled_meanwhile", desk="касса 1")
    assert with_desk.journal.endswith("(касса 1, Иванова)")
    assert "Не выдавайте посылку" in said.advice
    rejected = explain(
        entry, Outcome.REJECTED, step_detail(STEP_REJECTED, ACTION_DELIVERED, "SOME_NEW_CODE")
    )
    # an undocumented code is not shown: the words say it is undocumented
    assert "SOME_NEW_CODE" not in rejected.sentence()
    assert "шаг «доставлено»" in rejected.platform
