"""The warm manifest: while the platform is up the seller adapter fills the manifest by itself;
when the platform is cut, every parcel it listed is checked offline at the counter — the right
parcel by either label barcode, its places, its customer — and a parcel the buyer asked to
cancel is refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from pvzdesk.app import open_app
from pvzdesk.domain.rules import FindingCode, Severity
from pvzdesk.services.reconcile import ReconcileViews
from pvzdesk.settings import PlatformSettings, Settings, save_settings
from pvzdesk.simulator import Simulator
from pvzdesk.storage.platform_feed import SOURCE_PLATFORM, PlatformFeed
from pvzdesk.sync.manifest_feed import ManifestFeed
from pvzdesk.sync.seller_spec import MANIFEST_STATUSES


@pytest.fixture
def seller(tmp_path: Path, sim: Simulator, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PVZDESK_CLIENT_ID", sim.client_id)
    monkeypatch.setenv("PVZDESK_API_KEY", sim.api_key)
    data_dir = tmp_path / "data"
    platform = PlatformSettings(adapter="ozon_seller", seller_api_url=sim.base_url)
    save_settings(data_dir / "settings.toml", Settings(platform=platform))
    return data_dir


def _wait_for_pass(feed: ManifestFeed, passes: int = 1) -> None:
    deadline = time.monotonic() + 60
    while feed.passes < passes:
        assert time.monotonic() < deadline, "the feed made no pass"
        time.sleep(0.02)


def test_the_manifest_fills_itself_then_serves_the_counter_offline(
    seller: Path, sim: Simulator
) -> None:
    listed = [
        number
        for number in sim.posting_numbers()
        if (sim.posting(number) or {})["status"] in MANIFEST_STATUSES
    ]
    multibox, cancelled = listed[0], listed[1]
    sim.upsert_posting(posting_number=multibox, boxes=3)
    sim.add_cancel_request(cancelled)
    expected = {number: sim.posting(number) for number in listed}
    with open_app(seller) as app:
        assert app.store.postings.manifest_count() == 0  # nobody imported anything
        with app.services.reconcile.manifest_feed() as feed:
            _wait_for_pass(feed)
        assert feed.last is not None and feed.last.complete
        sim.set_outage(True)  # the platform is cut: only what was listed is left
        feed_store = PlatformFeed(app.store.db, app.store.path)
        for number, view in expected.items():
            assert view is not None
            for barcode in view["barcodes"].values():
                assert app.store.postings.resolve(barcode) == number  # the right parcel
            row = app.store.postings.manifest_row(number)
            assert row is not None
            assert row.customer_name == view["addressee"]["name"]
            assert row.places == (3 if number == multibox else 1)
            assert row.platform_status == view["status"]
            origin = feed_store.origin(number)
            assert origin is not None and origin.source == SOURCE_PLATFORM
        assert app.store.postings.manifest_count() == len(expected)
        assert ReconcileViews(app.store).manifest_listed_at() is not None
        # At the counter, offline, by the label's lower barcode:
        ok = next(n for n in listed if n not in (multibox, cancelled))
        lower = expected[ok]["barcodes"]["lower_barcode"]  # type: ignore[index]
        issued = app.counter.issue([lower])
        refused = app.counter.issue([expected[cancelled]["barcodes"]["upper_barcode"]])  # type: ignore[index]
        listed_in_reconcile = [r.posting for r in ReconcileViews(app.store).cancel_requests()]
    assert [entry.posting for entry in issued.entries] == [ok]
    assert not any(f.severity is Severity.BLOCK for f in issued.findings)
    assert refused.entries == ()
    assert [f.code for f in refused.findings] == [FindingCode.BUYER_CANCELLED]
    assert listed_in_reconcile == [cancelled]


def test_a_second_pass_keeps_what_is_ours_and_a_failed_page_aborts_nothing(
    seller: Path, sim: Simulator
) -> None:
    number = next(
        n for n in sim.posting_numbers() if (sim.posting(n) or {})["status"] == "awaiting_deliver"
    )
    with open_app(seller) as app:
        with app.services.reconcile.manifest_feed() as feed:
            _wait_for_pass(feed)
            app.counter.receive([number], cell="А-7")
            before = app.store.postings.state(number)
            sim.set_faults("5xx=0.5,seed=3")  # half the pages fail: retried like any read
            feed.wake()
            _wait_for_pass(feed, 2)
        after = app.store.postings.state(number)
    assert feed.last is not None and feed.last.complete
    assert after.cell == before.cell == "А-7"  # the cell is ours
    assert after.storage_until == before.storage_until  # so is the deadline
    assert after.status == before.status
