"""The Seller API contract, read from Ozon's own OpenAPI document (``spec/``, a copy of
``shared/reference``), never from our simulator:

- every request body the client sends validates against the method's request schema and uses
  only fields the schema declares;
- our parsers read the document's own reply examples (served by a loopback server);
- the document's examples fit their schemas, except the contradictions named here;
- the simulator answers in the documented shapes, with documented codes only.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from jsonschema import Draft7Validator

from pvzdesk.simulator import Simulator
from pvzdesk.simulator.postings import DOCUMENTED_ERRORS
from pvzdesk.sync import seller_spec
from pvzdesk.sync.seller_api import SellerApi
from tests.sync.conftest import auth_headers, postings_in

SPEC_FILE = Path(__file__).parent / "spec" / "ozon-seller-openapi-subset.json"
USED_PATHS = (
    seller_spec.PATH_GET,
    seller_spec.PATH_LIST,
    seller_spec.PATH_DELIVERING,
    seller_spec.PATH_LAST_MILE,
    seller_spec.PATH_DELIVERED,
    seller_spec.PATH_TRACKING,
    seller_spec.PATH_CANCEL,
    seller_spec.PATH_CANCEL_REQUESTS,
    seller_spec.PATH_CANCEL_REASONS,
    seller_spec.PATH_CANCEL_REASON_LIST,
    seller_spec.PATH_ROLES,
)
# Where the document's own example contradicts its schema, besides nulls (OpenAPI 3.0 without
# ``nullable``: our parsers take a null as absent): int64 as a JSON string (seller_spec 6), a
# list where the schema says string (seller_spec 2), a filter value as a state.
EXAMPLE_CONTRADICTIONS = {
    seller_spec.PATH_CANCEL_REQUESTS: {"counter", "state"},
    seller_spec.PATH_DELIVERING: {"error"},
    seller_spec.PATH_LAST_MILE: {"error"},
    seller_spec.PATH_DELIVERED: {"error"},
}


@cache
def spec() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    return _without_pictures(loaded)  # type: ignore[no-any-return]


def _without_pictures(node: Any) -> Any:
    """Every ``pattern`` of the document is a picture (" YYYY-MM-DDThh:mm:ssZ",
    " +7(XXX)XXX-XX-XX"), not a regular expression; ``format`` beside it says what is meant."""
    if isinstance(node, dict):
        return {
            key: _without_pictures(value)
            for key, value in node.items()
            if not (key == "pattern" and isinstance(value, str) and re.search("YYYY|XXX", value))
        }
    if isinstance(node, list):
        return [_without_pictures(value) for value in node]
    return node


def _operation(path: str) -> dict[str, Any]:
    operation: dict[str, Any] = spec()["paths"][path]["post"]
    return operation


def _validator(schema: dict[str, Any]) -> Draft7Validator:
    # References point into the document: validate from a root that carries its components.
    return Draft7Validator({**schema, "components": spec()["components"]})


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        schema = spec()["components"]["schemas"][name]
    return schema


def request_schema(path: str) -> dict[str, Any]:
    schema: dict[str, Any] = _operation(path).get("requestBody", {}).get("content", {})
    schema = schema.get("application/json", {}).get("schema", {"type": "object"})
    return schema


def reply_schema(path: str, status: str = "200") -> dict[str, Any]:
    responses = _operation(path)["responses"]
    reply = responses.get(status) or responses["default"]
    schema: dict[str, Any] = reply["content"]["application/json"]["schema"]
    return schema


def reply_example(path: str) -> Any:
    return _operation(path)["responses"]["200"]["content"]["application/json"]["example"]


def undeclared(value: Any, schema: dict[str, Any], where: str = "") -> list[str]:
    """Fields of ``value`` that ``schema`` does not declare (the schemas allow extras; the
    platform ignores or refuses them, and either way they mean we guessed a name)."""
    schema = _resolve(schema)
    found: list[str] = []
    if isinstance(value, dict):
        properties = schema.get("properties")
        if properties is None:
            return found
        for key, item in value.items():
            if key not in properties:
                found.append(f"{where}.{key}")
            else:
                found += undeclared(item, properties[key], f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for item in value:
            found += undeclared(item, schema["items"], f"{where}[]")
    return found


def documented_codes() -> set[str]:
    errors = next(tag for tag in spec()["tags"] if tag["name"] == "Errors")["description"]
    return set(re.findall(r"`([A-Z][A-Z_]+)`", errors))


class _SpecServer:
    """Records every request and answers each method with the document's own example."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, Any]] = []
        self.replies: dict[str, Any] = {}
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                owner.requests.append((self.path, json.loads(raw)))
                body = json.dumps(owner.replies.get(self.path, reply_example(self.path))).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def spec_server() -> Iterator[_SpecServer]:
    server = _SpecServer()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()
    server.thread.join()


def _drive_every_method(api: SellerApi) -> dict[str, Any]:
    now = datetime(2026, 6, 1, tzinfo=UTC)
    return {
        "get": api.get_posting("0132112277-0101-1"),
        "list": api.list_page(
            now - timedelta(days=30), now, "eyJ9", statuses=("delivering",), barcodes=True
        ),
        "delivering": api.change_status(seller_spec.PATH_DELIVERING, ["33920157-0018-1"])[0],
        "last_mile": api.change_status(seller_spec.PATH_LAST_MILE, ["33920157-0018-1"])[0],
        "delivered": api.change_status(seller_spec.PATH_DELIVERED, ["48173252-0033-2"])[0],
        "tracking": api.set_tracking_numbers([("48173252-0033-2", "TRK-1")]),
        "cancel": api.cancel("33920113-1231-1"),
        "cancel_other": api.cancel("33920113-1231-1", 402, seller_spec.CANCEL_OTHER_MESSAGE),
        "cancel_reasons": api.posting_cancel_reasons(["73837363-0010-3"]),
        "reason_list": api.cancel_reason_list(),
        "cancel_requests": api.cancel_requests(["34009011-0094-1"], last_id=7),
        "roles": api.key_info(),
    }


def test_every_request_we_send_fits_the_spec(spec_server: _SpecServer) -> None:
    with SellerApi(spec_server.url, "1", "k", budgets={}) as api:
        _drive_every_method(api)
    assert {path for path, _ in spec_server.requests} == set(USED_PATHS)
    for path, body in spec_server.requests:
        errors = [error.message for error in _validator(request_schema(path)).iter_errors(body)]
        assert errors == [], (path, body)
        assert undeclared(body, request_schema(path)) == [], (path, body)
    bodies = dict(spec_server.requests)
    assert bodies[seller_spec.PATH_LIST]["filter"]["statuses"] == ["delivering"]  # an array
    assert "status" not in bodies[seller_spec.PATH_LIST]["filter"]


def test_our_parsers_read_the_spec_examples(spec_server: _SpecServer) -> None:
    with SellerApi(spec_server.url, "1", "k", budgets={}) as api:
        read = _drive_every_method(api)
    posting = reply_example(seller_spec.PATH_GET)["result"]
    assert read["get"].posting_number == posting["posting_number"]
    assert read["get"].status == posting["status"]
    listed = reply_example(seller_spec.PATH_LIST)["postings"][0]
    page = read["list"]
    assert page.postings[0].posting_number == listed["posting_number"]
    assert set(page.postings[0].barcodes) == set(listed["barcodes"].values())
    assert page.postings[0].addressee_name == listed["addressee"]["name"]
    assert page.has_next is reply_example(seller_spec.PATH_LIST)["has_next"]
    for key in ("delivering", "last_mile", "delivered"):
        assert [(r.ok, r.errors) for r in read[key]] == [(True, ())]
    assert [(r.ok, r.errors) for r in read["tracking"]] == [(True, ())]
    assert read["cancel"].ok is True
    example = reply_example(seller_spec.PATH_CANCEL_REASONS)["result"][0]
    reasons = read["cancel_reasons"][example["posting_number"]]
    assert [(r.reason_id, r.title) for r in reasons] == [
        (r["id"], r["title"]) for r in example["reasons"]
    ]
    listed = reply_example(seller_spec.PATH_CANCEL_REASON_LIST)["result"]
    assert [(r.reason_id, r.available) for r in read["reason_list"]] == [
        (r["id"], r["is_available_for_cancellation"]) for r in listed
    ]
    requests = read["cancel_requests"]
    example = reply_example(seller_spec.PATH_CANCEL_REQUESTS)
    assert requests.last_id == example["last_id"]
    assert [r.state for r in requests.requests] == [example["result"][0]["state"]["state"]]
    assert read["roles"].expires_at is not None


@pytest.mark.parametrize("path", USED_PATHS)
def test_the_spec_examples_fit_their_schemas_except_where_named(path: str) -> None:
    example = reply_example(path)
    errors = [
        error
        for error in _validator(reply_schema(path)).iter_errors(example)
        if error.instance is not None
    ]
    broken = {str(error.path[-1]) for error in errors if error.path}
    assert broken == EXAMPLE_CONTRADICTIONS.get(path, set()), [e.message for e in errors]


def test_the_refusal_codes_we_act_on_are_documented() -> None:
    documented = documented_codes()
    assert documented >= seller_spec.DOCUMENTED_REFUSALS
    assert set(DOCUMENTED_ERRORS) <= documented
    for invented in ("POSTING_STATUS_NOT_ALLOWED", "POSTING_ALREADY_IN_STATUS"):
        assert invented not in documented  # the codes we used to act on
    assert "TRANSITION_IS_NOT_POSSIBLE" in documented


def test_the_posting_has_no_storage_deadline() -> None:
    for name in ("v3FbsPostingDetail", "posting.v4.PostingFbsListResponse.Postings"):
        assert "storage_until" not in spec()["components"]["schemas"][name]["properties"]


def _check_reply(path: str, reply: httpx.Response) -> None:
    status = str(reply.status_code)
    data = reply.json()
    schema = reply_schema(path, status if status == "200" else "404")
    if status != "200":
        schema = {"$ref": "#/components/schemas/rpcStatus"}
    errors = [
        error.message
        for error in _validator(schema).iter_errors(data)
        # ``error`` as a list: the document's own example form (seller_spec 2)
        if not (error.path and error.path[-1] == "error" and isinstance(error.instance, list))
    ]
    assert errors == [], (path, data)
    assert undeclared(data, schema) == [], (path, status)


def test_the_simulator_answers_in_the_documented_shapes(sim: Simulator) -> None:
    delivering = postings_in(sim, "delivering")
    awaiting = postings_in(sim, "awaiting_deliver")
    sim.add_cancel_request(delivering[0])
    since = "2000-01-01T00:00:00Z"
    calls: list[tuple[str, dict[str, Any]]] = [
        (seller_spec.PATH_GET, {"posting_number": delivering[0], "with": {"barcodes": True}}),
        (seller_spec.PATH_GET, {"posting_number": "12345678-0000-1"}),
        (
            seller_spec.PATH_LIST,
            {
                "limit": 5,
                "filter": {
                    "since": since,
                    "to": "2100-01-01T00:00:00Z",
                    "statuses": ["delivering"],
                },
                "with": {"barcodes": True},
            },
        ),
        (seller_spec.PATH_DELIVERING, {"posting_number": [awaiting[0], delivering[1]]}),
        (seller_spec.PATH_LAST_MILE, {"posting_number": [delivering[2]]}),
        (seller_spec.PATH_DELIVERED, {"posting_number": [delivering[3], "12345678-0000-1"]}),
        (
            seller_spec.PATH_TRACKING,
            {"tracking_numbers": [{"posting_number": delivering[4], "tracking_number": "T-1"}]},
        ),
        (seller_spec.PATH_CANCEL, {"posting_number": delivering[5], "cancel_reason_id": 665}),
        (seller_spec.PATH_CANCEL, {"posting_number": delivering[5], "cancel_reason_id": 665}),
        (seller_spec.PATH_CANCEL_REQUESTS, {"limit": 10, "filters": {"state": "ALL"}}),
        (
            seller_spec.PATH_CANCEL_REASONS,
            {"related_posting_numbers": [awaiting[1], delivering[6], "12345678-0000-1"]},
        ),
        (seller_spec.PATH_CANCEL_REASON_LIST, {}),
        (
            seller_spec.PATH_CANCEL,
            {"posting_number": awaiting[2], "cancel_reason_id": 665},  # not allowed before delivery
        ),
        (
            seller_spec.PATH_CANCEL,
            {
                "posting_number": awaiting[2],
                "cancel_reason_id": 402,
                "cancel_reason_message": seller_spec.CANCEL_OTHER_MESSAGE,
            },
        ),
        (seller_spec.PATH_ROLES, {}),
    ]
    codes: set[str] = set()
    with httpx.Client(base_url=sim.base_url, headers=auth_headers(sim)) as client:
        for path, body in calls:
            assert undeclared(body, request_schema(path)) == [], path
            reply = client.post(path, json=body)
            _check_reply(path, reply)
            for line in reply.json().get("result", []) if path.startswith("/v2/fbs") else []:
                error = line["error"]
                codes.update([error] if isinstance(error, str) and error else error or [])
            if reply.status_code != 200:
                codes.add(reply.json()["message"])
    assert codes  # refusals were seen: every one of them is documented
    # every code among them is documented (a sentence, such as "posting not found" or a
    # refused argument, is a description, not a code)
    assert {code for code in codes if " " not in code} <= documented_codes()
