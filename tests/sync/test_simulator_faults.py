"""Injected faults, outages and the rate limit, seen by a real httpx client over loopback."""

from __future__ import annotations

import contextlib
import threading
import time
from collections import Counter

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pvzdesk.simulator import FaultPlan, FaultSpecError, Simulator, parse_spec
from tests.sync.conftest import auth_headers, postings_in


def test_spec_grammar() -> None:
    plan = parse_spec("5xx=0.05, 429=0.05:2, slow=0.02:2.5,reset=0.03,lost=0.05,outage=10-20")
    assert plan == FaultPlan(
        server_error=0.05,
        too_many=0.05,
        retry_after=2.0,
        slow=0.02,
        slow_seconds=2.5,
        reset=0.03,
        lost=0.05,
        outages=((10, 20),),
    )
    many = parse_spec("outage=1-2,outage=5-,outage_mode=reset,seed=9,429=0.5")
    assert many.outages == ((1, 2), (5, None))
    assert (many.outage_mode, many.seed, many.retry_after) == ("reset", 9, 0.0)  # no header
    assert parse_spec("") == parse_spec("none") == FaultPlan()


@pytest.mark.parametrize(
    "spec",
    ["5xx", "5xx=2", "5xx=-0.1", "slow=0.5", "outage=5", "outage=5-3", "outage=0.5-2", "boom=1", "seed=x",
     "outage_mode=drop", "429=nan", "reset=0.1,,"],
)  # fmt: skip
def test_spec_errors_name_the_item(spec: str) -> None:
    with pytest.raises(FaultSpecError):
        parse_spec(spec)


@given(st.text(max_size=40))
def test_spec_parser_is_total(spec: str) -> None:
    with contextlib.suppress(FaultSpecError):
        parse_spec(spec)


def _client(simulator: Simulator) -> httpx.Client:
    return httpx.Client(base_url=simulator.base_url, headers=auth_headers(simulator), timeout=10)


def _get(client: httpx.Client, number: str) -> httpx.Response:
    return client.post("/v3/posting/fbs/get", json={"posting_number": number})


def test_server_errors() -> None:
    with (
        Simulator(postings=5, faults="5xx=1", apply_delay=0, method_limits={}) as sim,
        _client(sim) as client,
    ):
        statuses = Counter(_get(client, sim.posting_numbers()[0]).status_code for _ in range(40))
        login = client.get("/login")
        stats = sim.stats()
    assert set(statuses) <= {500, 502, 503, 504}
    assert len(statuses) > 1  # a storm mixes statuses, HTML gateway pages included
    assert login.status_code >= 500
    assert stats["faults"]["5xx"] == 41


def test_too_many_requests_with_retry_after() -> None:
    with Simulator(postings=5, faults="429=1:3") as sim, _client(sim) as client:
        response = _get(client, sim.posting_numbers()[0])
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3"
    assert response.json()["code"] == 8


def test_slow_replies() -> None:
    with Simulator(postings=5, faults="slow=1:0.3") as sim, _client(sim) as client:
        started = time.monotonic()
        response = _get(client, sim.posting_numbers()[0])
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert elapsed >= 0.25


def test_connection_reset_is_a_real_tcp_reset() -> None:
    with Simulator(postings=5, faults="reset=1") as sim, _client(sim) as client:
        with pytest.raises(httpx.ReadError) as caught:
            _get(client, sim.posting_numbers()[0])
        assert sim.stats()["by_status"] == {"reset": 1}
    causes: list[BaseException] = []
    error: BaseException | None = caught.value
    while error is not None:
        causes.extend([error, *(arg for arg in error.args if isinstance(arg, BaseException))])
        error = error.__cause__ or error.__context__
    assert any(isinstance(cause, ConnectionResetError) for cause in causes)  # RST, not FIN


def test_lost_reply_applies_the_change() -> None:
    with Simulator(postings=40, faults="lost=1", apply_delay=0) as sim, _client(sim) as client:
        number = postings_in(sim, "delivering")[0]
        with pytest.raises(httpx.TransportError):
            client.post("/v2/fbs/posting/delivered", json={"posting_number": [number]})
        reads_are_not_lost = _get(client, number)
        ledger = client.get("/__sim/ledger").json()["ledger"]
    assert reads_are_not_lost.json()["result"]["status"] == "delivered"
    assert [(entry["posting_number"], entry["to"]) for entry in ledger] == [(number, "delivered")]


def test_outage_window_counts_requests() -> None:
    with Simulator(postings=5, faults="outage=1-3") as sim, _client(sim) as client:
        before = client.get("/login")
        during = client.get("/login")
        during_api = _get(client, sim.posting_numbers()[0])
        after = client.get("/login")
        counted = sim.stats()["faults"]["outage"]
    assert before.status_code == 200
    assert during.status_code == 503
    assert during_api.status_code == 503
    assert after.status_code == 200
    assert counted == 2


def test_outage_on_and_off_at_run_time(sim: Simulator, client: httpx.Client) -> None:
    assert client.post("/__sim/outage", json={"on": True}).json() == {"outage": True}
    assert client.get("/login").status_code == 503
    assert client.get("/__sim/stats").json()["outage"] is True  # helpers keep working
    assert client.post("/__sim/outage", json={"on": False}).json() == {"outage": False}
    assert client.get("/login").status_code == 200
    sim.set_faults("outage=0-,outage_mode=reset")
    with pytest.raises(httpx.ReadError):
        client.get("/login")
    sim.set_outage(False)  # restoring ends an open-ended window too
    assert client.get("/login").status_code == 200


def test_faults_change_at_run_time(sim: Simulator, client: httpx.Client) -> None:
    number = sim.posting_numbers()[0]
    assert _get(client, number).status_code == 200
    reply = client.post("/__sim/faults", json={"spec": "429=1:2"})
    assert reply.json()["faults"]["429"] == {"p": 1.0, "retry_after": 2.0}
    assert _get(client, number).status_code == 429
    assert client.post("/__sim/faults", json={"spec": "429=7"}).status_code == 400
    client.post("/__sim/faults", json={"spec": ""})
    assert _get(client, number).status_code == 200


def test_too_many_requests_may_come_without_retry_after() -> None:
    with Simulator(postings=5, faults="429=1") as sim, _client(sim) as client:
        response = _get(client, sim.posting_numbers()[0])
    assert response.status_code == 429
    assert "Retry-After" not in response.headers


def test_a_method_has_its_own_limit_and_says_nothing_of_when() -> None:
    with Simulator(postings=5, method_limits={"/v3/posting/fbs/get": 2}) as sim:
        with _client(sim) as client:
            number = sim.posting_numbers()[0]
            # Counted, not timed: ask until the limit answers (three in a second is enough).
            gets = []
            while len(gets) < 200 and not any(reply.status_code == 429 for reply in gets):
                gets.append(_get(client, number))
            roles = client.post("/v1/roles", json={})  # another method is not held back
        stats = sim.stats()
    limited = [reply for reply in gets if reply.status_code == 429]
    assert gets[0].status_code == 200
    assert limited and all("Retry-After" not in reply.headers for reply in limited)
    assert roles.status_code == 200
    assert stats["method_limit_violations"] == len(limited)
    assert stats["max_requests_in_1s_by_method"]["/v3/posting/fbs/get"] > 2


def test_rate_limit_and_stats() -> None:
    with Simulator(postings=5, rate_limit=5, method_limits={}) as sim, _client(sim) as client:
        number = sim.posting_numbers()[0]
        statuses = [_get(client, number).status_code for _ in range(10)]
        limited = next(
            response
            for response in (_get(client, number) for _ in range(3))
            if response.status_code == 429
        )
        stats = client.get("/__sim/stats").json()
        assert client.post("/__sim/reset-stats").json() == {"ok": True}
        cleared = sim.stats()
    assert statuses[:5] == [200] * 5
    assert 429 in statuses
    assert limited.headers["Retry-After"] == "1"
    assert stats["rate_limit"] == 5
    assert stats["max_requests_in_1s"] > 5
    assert stats["rate_limit_violations"] >= 6
    assert stats["responses_429"] == stats["rate_limit_violations"]
    assert stats["by_endpoint"]["/v3/posting/fbs/get"] >= 11
    assert cleared["requests_total"] == 0
    assert cleared["rate_limit_violations"] == 0


def test_fault_decisions_are_seeded() -> None:
    outcomes = []
    for _ in range(2):
        with Simulator(postings=5, faults="5xx=0.3,429=0.3,seed=4") as sim, _client(sim) as client:
            number = sim.posting_numbers()[0]
            outcomes.append([_get(client, number).status_code for _ in range(30)])
    assert outcomes[0] == outcomes[1]
    assert len(set(outcomes[0])) > 1


def test_concurrent_load_with_faults_loses_nothing() -> None:
    """Many threads, 20% faults: every request ends, and every change lands exactly once."""
    spec = "5xx=0.05,429=0.05,reset=0.05,lost=0.05,seed=1"
    with Simulator(postings=200, faults=spec, apply_delay=0.01, rate_limit=10_000) as sim:
        numbers = postings_in(sim, "delivering")
        failures: list[BaseException] = []

        def deliver(chunk: list[str]) -> None:
            with _client(sim) as client:
                for number in chunk:
                    for _attempt in range(50):
                        try:
                            reply = client.post(
                                "/v2/fbs/posting/delivered", json={"posting_number": [number]}
                            )
                        except httpx.TransportError:
                            sim.wait_applied()
                            continue
                        if reply.status_code == 200:
                            break
                    else:
                        failures.append(AssertionError(number))

        threads = [threading.Thread(target=deliver, args=(numbers[i::8],)) for i in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sim.wait_applied()
        ledger = sim.ledger()
    assert not failures
    assert sorted(entry["posting_number"] for entry in ledger) == sorted(numbers)
