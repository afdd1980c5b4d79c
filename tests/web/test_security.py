"""Web safety as a user meets it: forged form posts refused, unknown Host names refused, bodies capped, the security
headers on every kind of response, and unexpected errors answered with an id that is in the log."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor

import anyio
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Message

from liftlore.errors import LiftloreError
from liftlore.store.db import Database
from liftlore.web.app import create_app
from tests.web.client import BASE_URL, client_for

A_SET = {"exercise": "goblet-squat", "weight": "20", "reps": "8"}
API_SET = {"exercise": "goblet-squat", "sets": "20kg x 8"}
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}
TWO_MIB = 2 * 1024 * 1024


def logged_sets(client: TestClient) -> int:
    """Every set the history lists, whichever way it was logged."""
    return sum(int(count) for count in re.findall(r"(\d+) sets?\b", client.get("/history").text))


def assert_secured(headers: Mapping[str, str], *, docs: bool = False) -> None:
    for name, value in HEADERS.items():
        assert headers.get(name) == value, name
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert ("'unsafe-inline'" in policy) is docs, policy


def test_a_form_posted_from_another_site_is_refused_and_logs_nothing(db: Database) -> None:
    client = client_for(db)
    for forged in (
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://app.localhost"},  # a neighbour is still someone else
        {"Origin": "http://localhost:8080"},  # same name, another port: another origin
        {"Origin": "null"},  # a sandboxed frame or a data: page
    ):
        refused = client.post("/log", data=A_SET, headers=forged, follow_redirects=False)
        assert refused.status_code == 403, forged
        assert refused.headers["content-type"].startswith("text/html")
        assert "came from a page on another site" in refused.text and "<h1>" in refused.text
        assert_secured(refused.headers)
    assert logged_sets(client) == 0

    for own in (
        {"Origin": BASE_URL},
        {"Origin": BASE_URL, "Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
    ):
        accepted = client.post("/log", data=A_SET, headers=own, follow_redirects=False)
        assert accepted.status_code == 303, own
    assert logged_sets(client) == 3


def test_the_api_takes_clients_without_an_origin_and_refuses_other_sites_in_json(db: Database) -> None:
    client = client_for(db)
    assert client.post("/api/v1/log", json=API_SET).status_code == 201  # curl, the CLI, scripts
    refused = client.post("/api/v1/log", json=API_SET, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert refused.json() == {"message": "refused: this request came from a page on another site", "field": None}
    assert client.get("/api/v1/exercises", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200  # reads
    assert logged_sets(client) == 1


def test_only_configured_host_names_are_answered(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    client = client_for(db)
    api = client.get("/api/v1/exercises", headers={"Host": "evil.example"})
    assert api.status_code == 400 and api.json()["field"] is None and "host name" in api.json()["message"]
    page = client.get("/", headers={"Host": "evil.example:8000"})
    assert page.status_code == 400 and page.headers["content-type"].startswith("text/html")
    assert_secured(page.headers)
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000", "LOCALHOST"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host

    chosen = TestClient(create_app(db, allowed_hosts=["lift.example:8443"]), base_url="http://lift.example")
    assert chosen.get("/").status_code == 200
    assert chosen.get("/", headers={"Host": "localhost"}).status_code == 400

    monkeypatch.setenv("LIFTLORE_ALLOWED_HOSTS", "gym.example, ::1")
    from_setting = TestClient(create_app(db), base_url="http://gym.example")
    assert from_setting.get("/").status_code == 200
    assert from_setting.get("/", headers={"Host": "[::1]:8000"}).status_code == 200
    assert from_setting.get("/", headers={"Host": "localhost"}).status_code == 400


def test_every_kind_of_response_carries_the_security_headers(db: Database) -> None:
    client = client_for(db)
    responses = {
        "page": client.get("/"),
        "exercise page": client.get("/exercises/single-leg-hip-thrust"),
        "api": client.get("/api/v1/exercises"),
        "static file": client.get("/static/liftlore.css"),
        "missing page": client.get("/exercises/no-such-thing"),
        "missing static file": client.get("/static/no-such.css"),
        "missing api route": client.get("/api/v1/nothing-here"),
        "invalid page": client.get("/history", params={"page": 0}),
        "invalid api": client.post("/api/v1/log", json={"sets": "5"}),
        "too large": client.post("/api/v1/log", content=b"x" * TWO_MIB),
        "redirect": client.post("/log", data=A_SET, follow_redirects=False),
    }
    statuses = {kind: response.status_code for kind, response in responses.items()}
    assert statuses == {
        "page": 200,
        "exercise page": 200,
        "api": 200,
        "static file": 200,
        "missing page": 404,
        "missing static file": 404,
        "missing api route": 404,
        "invalid page": 422,
        "invalid api": 422,
        "too large": 413,
        "redirect": 303,
    }
    for response in responses.values():
        assert_secured(response.headers)


def test_only_the_api_docs_may_run_their_inline_script(db: Database) -> None:
    client = client_for(db)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<script>" in docs.text  # Swagger UI starts itself inline
    assert_secured(docs.headers, docs=True)
    assert_secured(client.get("/openapi.json").headers)
    assert_secured(client.get("/docs-not-really").headers)


def test_a_body_over_the_cap_is_refused_and_writes_nothing(db: Database) -> None:
    client = client_for(db)
    padding = "x" * TWO_MIB
    api = client.post("/api/v1/log", json={**API_SET, "note": padding})
    assert api.status_code == 413
    assert api.json() == {"message": "the request body is over 1048576 bytes", "field": None}
    form = client.post("/log", data={**A_SET, "quick": padding})
    assert form.status_code == 413 and form.headers["content-type"].startswith("text/html")
    assert "over 1048576 bytes" in form.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked, counted as it arrives
        yield b'{"exercise": "goblet-squat", "sets": "20kg x 8", "note": "'
        for _ in range(32):
            yield b"x" * 65536
        yield b'"}'

    chunked = client.post("/api/v1/log", content=chunks(), headers={"Content-Type": "application/json"})
    assert chunked.status_code == 413 and chunked.json()["field"] is None
    assert_secured(chunked.headers)
    assert logged_sets(client) == 0
    assert client.post("/api/v1/log", json=API_SET).status_code == 201  # a normal body still goes through


def test_the_cap_comes_from_the_setting(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_MAX_BODY_BYTES", "64")
    client = TestClient(create_app(db), base_url=BASE_URL)
    assert client.post("/api/v1/log", json={**API_SET, "note": "x" * 64}).status_code == 413
    monkeypatch.setenv("LIFTLORE_MAX_BODY_BYTES", "a lot")
    with pytest.raises(LiftloreError, match="LIFTLORE_MAX_BODY_BYTES must be a whole number"):
        create_app(db)


def test_a_chunked_body_is_cut_off_once_past_the_cap_without_reading_the_rest(db: Database) -> None:
    """Straight through ASGI, as uvicorn would call it: the sender never stops, the app must."""
    app = create_app(db)
    chunk = b"x" * 65536
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/log",
        "raw_path": b"/log",
        "root_path": "",
        "query_string": b"",
        "headers": [
            (b"host", b"localhost"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"transfer-encoding", b"chunked"),
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }

    async def run() -> None:
        await app(scope, receive, send)

    # A thread of its own: when the e2e tests ran first, Playwright's event loop is running in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(anyio.run, run).result()
    start = next(message for message in sent if message["type"] == "http.response.start")
    assert start["status"] == 413
    assert pulled == 1024 * 1024 // len(chunk) + 1  # the chunk that went past the cap, and not one more
    bodies = b"".join(message.get("body", b"") for message in sent if message["type"] == "http.response.body")
    assert b"over 1048576 bytes" in bodies


def _failing_app(db: Database) -> FastAPI:
    app = create_app(db)

    async def api_failure() -> None:
        raise RuntimeError("the database caught fire")

    def page_failure() -> None:  # a plain def runs in a worker thread; its error must reach the handler all the same
        raise RuntimeError("the template caught fire")

    app.add_api_route("/api/v1/test-failure", api_failure)
    app.add_api_route("/test-failure", page_failure)
    return app


def test_an_unexpected_error_is_answered_with_an_id_that_is_in_the_log(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    client = TestClient(_failing_app(db), base_url=BASE_URL, raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR, logger="liftlore.web"):
        api = client.get("/api/v1/test-failure")
        page = client.get("/test-failure")
    assert api.status_code == 500
    body = api.json()
    error_id = body["error_id"]
    assert re.fullmatch(r"[0-9a-f]{8}", error_id)
    assert body == {"message": f"internal error (id {error_id})", "field": None, "error_id": error_id}
    assert "caught fire" not in api.text  # the detail stays in the log
    assert_secured(api.headers)

    assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
    page_id = re.search(r"internal error \(id ([0-9a-f]{8})\)", page.text)
    assert page_id is not None and page_id.group(1) != error_id
    assert "Something went wrong on our side" in page.text and "caught fire" not in page.text
    assert_secured(page.headers)

    records = [record for record in caplog.records if record.name == "liftlore.web"]
    assert len(records) == 2
    for record, wanted_id, detail in zip(
        records, (error_id, page_id.group(1)), ("database caught fire", "template caught fire"), strict=True
    ):
        assert wanted_id in record.getMessage()
        assert record.exc_info is not None and detail in str(record.exc_info[1])
