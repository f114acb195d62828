"""The simulator's Seller API as a real server: shapes, rules, status machine, asynchronous apply."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from pvzdesk.simulator import Simulator
from pvzdesk.simulator.postings import POSTING_NUMBER_RE, error_as_list
from tests.sync.conftest import auth_headers, error_codes, postings_in

WIDE_FILTER = {"since": "2000-01-01T00:00:00Z", "to": "2100-01-01T00:00:00Z"}
RPC_KEYS = {"code", "message", "details"}


def get_posting(client: httpx.Client, number: str) -> dict[str, Any]:
    body = {"posting_number": number, "with": {"barcodes": True}}
    response = client.post("/v3/posting/fbs/get", json=body)
    assert response.status_code == 200
    result: dict[str, Any] = response.json()["result"]
    return result


def test_get_returns_the_real_shape(sim: Simulator, client: httpx.Client) -> None:
    number = sim.posting_numbers()[0]
    posting = get_posting(client, number)
    assert posting["posting_number"] == number
    assert POSTING_NUMBER_RE.match(number)
    assert posting["order_number"] == number.rsplit("-", 1)[0]
    assert set(posting["barcodes"]) == {"upper_barcode", "lower_barcode"}
    assert posting["barcodes"]["upper_barcode"].startswith("%101%")
    assert re.fullmatch(r"\d{14,15}", posting["barcodes"]["lower_barcode"])
    for key in ("status", "substatus", "available_actions", "tracking_number", "shipment_date"):
        assert key in posting
    assert posting["customer"]["phone"].startswith("+79")
    assert "storage_until" not in posting  # the platform has no pickup-point deadline
    plain = client.post("/v3/posting/fbs/get", json={"posting_number": number}).json()["result"]
    assert "barcodes" not in plain  # only with.barcodes asks for them


def test_get_unknown_posting_is_404_rpc_status(client: httpx.Client) -> None:
    response = client.post("/v3/posting/fbs/get", json={"posting_number": "12345678-0000-1"})
    assert response.status_code == 404
    assert response.json() == {"code": 5, "message": "posting not found", "details": []}


def test_get_by_barcode_upper_and_lower(sim: Simulator, client: httpx.Client) -> None:
    number = sim.posting_numbers()[3]
    barcodes = get_posting(client, number)["barcodes"]
    for barcode in barcodes.values():
        response = client.post("/v2/posting/fbs/get-by-barcode", json={"barcode": barcode})
        assert response.status_code == 200
        assert response.json()["result"]["posting_number"] == number
    missing = client.post("/v2/posting/fbs/get-by-barcode", json={"barcode": "%101%000"})
    assert missing.status_code == 404
    assert set(missing.json()) == RPC_KEYS


def test_list_pages_through_every_posting_once(sim: Simulator, client: httpx.Client) -> None:
    seen: list[str] = []
    cursor = ""
    pages = 0
    while True:
        body = {"cursor": cursor, "limit": 7, "filter": WIDE_FILTER, "with": {}}
        response = client.post("/v4/posting/fbs/list", json=body)
        assert response.status_code == 200
        page = response.json()
        assert set(page) == {"postings", "cursor", "has_next"}
        seen.extend(posting["posting_number"] for posting in page["postings"])
        pages += 1
        if not page["has_next"]:
            break
        cursor = page["cursor"]
    assert pages == 9  # 60 postings, 7 per page
    assert sorted(seen) == sorted(sim.posting_numbers())


def test_list_filters_and_limits(sim: Simulator, client: httpx.Client) -> None:
    delivering = set(postings_in(sim, "delivering"))
    body = {"limit": 100, "filter": {**WIDE_FILTER, "statuses": ["delivering"]}}
    page = client.post("/v4/posting/fbs/list", json=body).json()
    assert {posting["posting_number"] for posting in page["postings"]} == delivering
    both = {"limit": 100, "filter": {**WIDE_FILTER, "statuses": ["delivering", "delivered"]}}
    page = client.post("/v4/posting/fbs/list", json=both).json()
    assert delivering < {posting["posting_number"] for posting in page["postings"]}
    old_style = {"limit": 100, "filter": {**WIDE_FILTER, "status": "delivering"}}
    assert client.post("/v4/posting/fbs/list", json=old_style).status_code == 400
    empty = {"since": "2000-01-01T00:00:00Z", "to": "2000-01-02T00:00:00Z"}
    page = client.post("/v4/posting/fbs/list", json={"limit": 10, "filter": empty}).json()
    assert page == {"postings": [], "cursor": "", "has_next": False}
    too_many = client.post("/v4/posting/fbs/list", json={"limit": 101, "filter": WIDE_FILTER})
    assert too_many.status_code == 400
    assert too_many.json()["code"] == 3
    bad_cursor = {"limit": 5, "cursor": "garbage!", "filter": WIDE_FILTER}
    assert client.post("/v4/posting/fbs/list", json=bad_cursor).status_code == 400


def test_full_rfbs_path_follows_available_actions(sim: Simulator, client: httpx.Client) -> None:
    number = postings_in(sim, "awaiting_deliver")[0]
    steps = [
        ("/v2/fbs/posting/delivering", "non_int_delivering", "delivering"),
        ("/v2/fbs/posting/last-mile", "non_int_last_mile", "driver_pickup"),
        ("/v2/fbs/posting/delivered", "non_int_delivered", "delivered"),
    ]
    for path, action, status in steps:
        assert action in get_posting(client, number)["available_actions"]
        reply = client.post(path, json={"posting_number": [number]}).json()
        assert reply["result"][0]["posting_number"] == number
        assert reply["result"][0]["result"] is True
        assert error_codes(reply["result"][0]) == []
        assert get_posting(client, number)["status"] == status
    delivered = get_posting(client, number)
    assert delivered["available_actions"] == []
    assert delivered["substatus"] == "posting_delivered"
    ledger = [entry for entry in sim.ledger() if entry["posting_number"] == number]
    assert [(entry["from"], entry["to"]) for entry in ledger] == [
        ("awaiting_deliver", "delivering"),
        ("delivering", "driver_pickup"),
        ("driver_pickup", "delivered"),
    ]


def test_refusals_carry_recognisable_codes_in_both_forms(
    sim: Simulator, client: httpx.Client
) -> None:
    delivered = postings_in(sim, "delivered")
    awaiting = postings_in(sim, "awaiting_packaging")
    numbers = [*delivered, *awaiting, "12345678-0000-1"]
    reply = client.post("/v2/fbs/posting/delivered", json={"posting_number": numbers}).json()
    by_number = {item["posting_number"]: item for item in reply["result"]}
    assert all(item["result"] is False for item in reply["result"])
    for number in [*delivered, *awaiting]:  # already there, or not yet: the documented code
        assert error_codes(by_number[number]) == ["TRANSITION_IS_NOT_POSSIBLE"]
    assert error_codes(by_number["12345678-0000-1"]) == ["POSTING_NOT_FOUND"]
    forms = {type(item["error"]) for item in reply["result"]}
    assert forms == {str, list}
    for item in reply["result"]:
        assert isinstance(item["error"], list) == error_as_list(item["posting_number"])


def test_status_body_is_validated(client: httpx.Client) -> None:
    bodies: list[dict[str, object]] = [
        {},
        {"posting_number": []},
        {"posting_number": "12345678-0000-1"},
        {"posting_number": ["12345678-0000-1"] * 101},
    ]
    for body in bodies:
        response = client.post("/v2/fbs/posting/delivering", json=body)
        assert response.status_code == 400
        assert set(response.json()) == RPC_KEYS
    assert client.post("/v2/fbs/posting/delivering", content=b"{oops").status_code == 400


def test_status_change_applies_asynchronously() -> None:
    with Simulator(seed=3, postings=40, apply_delay=3600) as slow_sim:
        number = postings_in(slow_sim, "delivering")[0]
        with httpx.Client(base_url=slow_sim.base_url, headers=auth_headers(slow_sim)) as client:
            reply = client.post(
                "/v2/fbs/posting/delivered",
                json={"posting_number": [number]},
                headers={"X-Request-Id": "req-42"},
            )
            assert reply.json()["result"][0]["result"] is True
            assert reply.headers["X-Request-Id"] == "req-42"
            assert get_posting(client, number)["status"] == "delivering"
            assert slow_sim.ledger() == []
            assert slow_sim.stats()["pending_changes"] == 1
            assert client.post("/__sim/apply").json() == {"applied": 1}
            assert get_posting(client, number)["status"] == "delivered"
            ledger = client.get("/__sim/ledger").json()["ledger"]
    assert len(ledger) == 1
    assert ledger[0]["request_id"] == "req-42"
    assert ledger[0]["action"] == "non_int_delivered"


def test_repeat_while_pending_is_applied_once() -> None:
    with Simulator(seed=3, postings=40, apply_delay=3600) as slow_sim:
        number = postings_in(slow_sim, "delivering")[0]
        with httpx.Client(base_url=slow_sim.base_url, headers=auth_headers(slow_sim)) as client:
            for _ in range(2):
                client.post("/v2/fbs/posting/delivered", json={"posting_number": [number]})
        assert slow_sim.apply_pending() == 1
        assert len(slow_sim.ledger()) == 1
        assert slow_sim.stats()["duplicate_change_requests"] == 1


def test_change_overtaken_meanwhile_is_dropped() -> None:
    with Simulator(seed=3, postings=40, apply_delay=3600) as slow_sim:
        number = postings_in(slow_sim, "delivering")[0]
        with httpx.Client(base_url=slow_sim.base_url, headers=auth_headers(slow_sim)) as client:
            client.post("/v2/fbs/posting/delivered", json={"posting_number": [number]})
            body = {"postings": [{"posting_number": number, "status": "cancelled"}]}
            assert client.post("/__sim/postings", json=body).status_code == 200
        assert slow_sim.apply_pending() == 0
        assert [entry["action"] for entry in slow_sim.ledger()] == ["external"]
        assert slow_sim.stats()["changes_dropped"] == 1


def test_tracking_numbers(sim: Simulator, client: httpx.Client) -> None:
    number = postings_in(sim, "delivering")[0]
    pair = {"posting_number": number, "tracking_number": "TRK-1"}
    body = {"tracking_numbers": [pair]}
    first = client.post("/v2/fbs/posting/tracking-number/set", json=body).json()
    assert first["result"][0]["result"] is True
    assert get_posting(client, number)["tracking_number"] == "TRK-1"
    again = client.post("/v2/fbs/posting/tracking-number/set", json=body).json()
    assert again["result"][0]["result"] is True  # the same number again changes nothing
    too_many = {"tracking_numbers": [pair] * 21}
    assert client.post("/v2/fbs/posting/tracking-number/set", json=too_many).status_code == 400
    ledger = sim.ledger()
    assert [(e["field"], e["to"]) for e in ledger] == [("tracking_number", "TRK-1")]


def test_cancel_not_picked_up(sim: Simulator, client: httpx.Client) -> None:
    number = postings_in(sim, "delivering")[0]
    body = {
        "posting_number": number,
        "cancel_reason_id": 665,
        "cancel_reason_message": "покупатель не забрал заказ",
    }
    response = client.post("/v2/posting/fbs/cancel", json=body)
    assert response.json() == {"result": True}
    posting = get_posting(client, number)
    assert posting["status"] == "cancelled"
    assert posting["cancellation"]["cancel_reason_id"] == 665
    again = client.post("/v2/posting/fbs/cancel", json=body)
    assert again.status_code == 400
    assert again.json() == {"code": 9, "message": "POSTING_ALREADY_CANCELLED", "details": []}
    delivered = {**body, "posting_number": postings_in(sim, "delivered")[0]}
    refused = client.post("/v2/posting/fbs/cancel", json=delivered)
    assert refused.json()["message"] == "TRANSITION_IS_NOT_POSSIBLE"
    bad_reason = client.post("/v2/posting/fbs/cancel", json={**body, "cancel_reason_id": 1})
    assert bad_reason.status_code == 400
    unknown = client.post("/v2/posting/fbs/cancel", json={**body, "posting_number": "1234567-0"})
    assert unknown.status_code == 404


def test_auth_is_checked(sim: Simulator) -> None:
    body = {"posting_number": sim.posting_numbers()[0]}
    with httpx.Client(base_url=sim.base_url) as anonymous:
        missing = anonymous.post("/v3/posting/fbs/get", json=body)
        wrong = anonymous.post(
            "/v3/posting/fbs/get", json=body, headers={"Client-Id": sim.client_id, "Api-Key": "x"}
        )
        login = anonymous.get("/login")
    assert missing.status_code == 401
    assert missing.json()["code"] == 16
    assert set(missing.json()) == RPC_KEYS
    assert wrong.status_code == 403
    assert set(wrong.json()) == RPC_KEYS
    assert login.status_code == 200
    assert login.headers["content-type"].startswith("text/html")


def test_roles_expiry_is_configurable_and_enforced() -> None:
    soon = datetime.now(UTC) + timedelta(days=5)
    with (
        Simulator(postings=5, key_expires_at=soon) as short_sim,
        httpx.Client(base_url=short_sim.base_url, headers=auth_headers(short_sim)) as client,
    ):
        roles = client.post("/v1/roles", json={}).json()
        expires_at = datetime.fromisoformat(roles["expires_at"].replace("Z", "+00:00"))
        assert timedelta(days=4) < expires_at - datetime.now(UTC) <= timedelta(days=5)
        assert roles["roles"][0]["methods"]
        past = {"expires_at": "2020-01-01T00:00:00Z"}
        assert client.post("/__sim/key", json=past).status_code == 200
        expired = client.post("/v1/roles", json={})
    assert expired.status_code == 403
    assert expired.json()["code"] == 7


def test_seeding_is_deterministic() -> None:
    base = datetime(2025, 6, 27, 12, tzinfo=UTC)
    with Simulator(seed=11, postings=30, base_time=base) as first:
        one = [first.posting(number) for number in first.posting_numbers()]
    with Simulator(seed=11, postings=30, base_time=base) as second:
        two = [second.posting(number) for number in second.posting_numbers()]
    with Simulator(seed=12, postings=30, base_time=base) as third:
        other = third.posting_numbers()
    assert one == two
    assert [posting["posting_number"] for posting in one if posting] != other
    assert len({posting["barcodes"]["lower_barcode"] for posting in one if posting}) == 30


def test_postings_back_door_adds_and_changes(sim: Simulator, client: httpx.Client) -> None:
    body = {
        "postings": [
            {
                "posting_number": "0132112277-0101-1",
                "status": "delivering",
                "lower_barcode": "1" * 15,
            }
        ]
    }
    added = client.post("/__sim/postings", json=body).json()["postings"][0]
    assert added["posting_number"] == "0132112277-0101-1"
    assert get_posting(client, "0132112277-0101-1")["barcodes"]["lower_barcode"] == "1" * 15
    by_lower = client.post("/v2/posting/fbs/get-by-barcode", json={"barcode": "1" * 15})
    assert by_lower.json()["result"]["posting_number"] == "0132112277-0101-1"
    bad = {"postings": [{"posting_number": "nope"}]}
    assert client.post("/__sim/postings", json=bad).status_code == 400
    every = client.get("/__sim/postings").json()["postings"]
    assert len(every) == 61
