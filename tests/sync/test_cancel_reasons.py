"""A send-back's cancel carries the reason the platform allows for the posting now, asked of the
platform once per posting status in a run (``seller_spec`` 12), not always 665."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.simulator import Simulator
from pvzdesk.sync.adapters.base import ReasonChoice, Settle
from pvzdesk.sync.adapters.ozon_seller import NO_FITTING_REASON, OzonSellerAdapter
from pvzdesk.sync.seller_spec import (
    CANCEL_OTHER_MESSAGE,
    PATH_CANCEL,
    PATH_CANCEL_REASON_LIST,
    PATH_CANCEL_REASONS,
)
from pvzdesk.sync.seller_wire import CancelReason
from tests.sync.conftest import postings_in
from tests.sync.reconcile_support import FAST, ledger_changes, new_store, reconcile


def _send_back(tmp_path: Path, sim: Simulator, numbers: list[str]) -> ReconcileViews:
    with new_store(tmp_path) as store:
        store.journal.append(
            [EntryDraft(EntryKind.RETURN_TO_SENDER, n, n.encode(), {}) for n in numbers],
            "operator",
        )
        reconcile(store, sim, 40.0, FAST)
        return ReconcileViews(store)


def _reason_of(sim: Simulator, number: str) -> int:
    posting = sim.posting(number)
    assert posting is not None
    return int(posting["cancellation"]["cancel_reason_id"])


def test_each_send_back_gets_the_reason_its_posting_allows(tmp_path: Path, sim: Simulator) -> None:
    awaiting = postings_in(sim, "awaiting_deliver")[0]  # allows 352, 400, 402: no 665
    delivering = postings_in(sim, "delivering")[:2]  # allow 665
    nothing_fits = postings_in(sim, "driver_pickup")[0]
    sim.upsert_posting(posting_number=nothing_fits, cancel_reasons=[352, 400])
    sim.reset_stats()
    with new_store(tmp_path) as store:
        store.journal.append(
            [
                EntryDraft(EntryKind.RETURN_TO_SENDER, n, n.encode(), {})
                for n in (awaiting, *delivering, nothing_fits)
            ],
            "operator",
        )
        reconcile(store, sim, 40.0, FAST)
        conflicts = {c.entry.posting: c for c in ReconcileViews(store).conflicts()}
    changes = ledger_changes(sim)
    # 665 is not among the awaiting posting's reasons: it gets the allowed «другое» with words
    assert changes[(awaiting, "cancelled")] == 1
    assert _reason_of(sim, awaiting) == 402
    assert all(_reason_of(sim, number) == 665 for number in delivering)
    assert all(changes[(number, "cancelled")] == 1 for number in delivering)
    # none of the posting's reasons says the customer did not collect it: a person decides
    assert changes[(nothing_fits, "cancelled")] == 0
    assert conflicts[nothing_fits].kind == "action_not_available"
    assert list(conflicts) == [nothing_fits]
    # three statuses, one question for all of them; the two delivering postings share it
    by_endpoint = sim.stats()["by_endpoint"]
    assert by_endpoint[PATH_CANCEL_REASONS] == 1
    assert PATH_CANCEL_REASON_LIST not in by_endpoint
    assert by_endpoint[PATH_CANCEL] == 3


def test_without_the_per_posting_method_the_general_list_decides(tmp_path: Path) -> None:
    with Simulator(
        seed=7, postings=60, apply_delay=0.0, method_limits={},
        switched_off=frozenset({PATH_CANCEL_REASONS}),
    ) as sim:  # fmt: skip
        number = postings_in(sim, "delivering")[0]
        _send_back(tmp_path, sim, [number])
        assert _reason_of(sim, number) == 665
        assert ledger_changes(sim)[(number, "cancelled")] == 1
        by_endpoint = sim.stats()["by_endpoint"]
        assert by_endpoint[PATH_CANCEL_REASONS] == 1  # asked once, then not again this run
        assert by_endpoint[PATH_CANCEL_REASON_LIST] == 1


def test_without_either_method_665_is_sent_and_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Simulator(
        seed=7, postings=60, apply_delay=0.0, method_limits={},
        switched_off=frozenset({PATH_CANCEL_REASONS, PATH_CANCEL_REASON_LIST}),
    ) as sim:  # fmt: skip
        number = postings_in(sim, "delivering")[0]
        with caplog.at_level(logging.WARNING, logger="pvzdesk.sync.cancel_reasons"):
            _send_back(tmp_path, sim, [number])
        assert _reason_of(sim, number) == 665
        assert ledger_changes(sim)[(number, "cancelled")] == 1
    assert any("665" in record.getMessage() for record in caplog.records)


@pytest.mark.parametrize(
    "allowed, chosen",
    [
        ([402, 665, 666], ReasonChoice(665)),
        ([352, 402], ReasonChoice(402, CANCEL_OTHER_MESSAGE)),
        ([352, 700], ReasonChoice(700)),  # another id that says «не забрал»
        ([352, 400], None),
    ],
)
def test_the_reason_chosen_for_a_parcel_not_collected(
    allowed: list[int], chosen: ReasonChoice | None
) -> None:
    titles = {700: "Клиент не забрал отправление", 665: "Покупатель не забрал заказ"}
    reasons = [CancelReason(reason, titles.get(reason, "Другое")) for reason in allowed]
    choice = OzonSellerAdapter().cancel_reason(None, reasons)
    if chosen is None:
        assert isinstance(choice, Settle) and NO_FITTING_REASON in choice.detail
    else:
        assert choice == chosen
