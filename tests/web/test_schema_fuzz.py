"""Schemathesis against the OpenAPI schema, in process (ASGI, no network): every operation gets a bounded number
of generated requests, and none may end in a 5xx or in a body its declared response model does not describe.

Bounded so `make test` stays quick: twenty requests per operation find what a malformed parameter or body breaks,
which is what this is for. It runs in the SQLite and the PostgreSQL run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from starlette.testclient import TestClient

from liftlore.store.db import Database
from liftlore.web.app import create_app
from tests.web.client import BASE_URL

# Per operation; LIFTLORE_FUZZ_EXAMPLES=500 for a deeper run by hand.
EXAMPLES = int(os.environ.get("LIFTLORE_FUZZ_EXAMPLES", "20"))

# The schema is read when the module is collected, so the app exists before any test database does. Each request
# opens its unit of work on `app.state.db` (web/deps.py), which the fixture below points at the test's database;
# this placeholder is never reached. (`schemathesis.pytest.from_fixture` would build the app per test instead, but
# with pytest 9.2 it fails on a private attribute pytest no longer has.)
app = create_app(Database("sqlite://"))
# The app answers only the names it is served under (web/security.py); Schemathesis's own is `testserver`.
schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers={"Host": "localhost"})


@pytest.fixture(autouse=True)
def serving(db: Database) -> Iterator[None]:
    """The app on this test's database, with sets logged first so the workout and record routes have something
    to read, not only their empty case."""
    placeholder = app.state.db
    app.state.db = db
    client = TestClient(app, base_url=BASE_URL)
    for sets in ("L 40kg x 10, R 40kg x 8", "L 45kg x 6 @9"):
        assert client.post("/api/v1/log", json={"exercise": "single-leg-hip-thrust", "sets": sets}).status_code == 201
    yield
    app.state.db = placeholder


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # One database per operation, shared by its examples on purpose (logged sets pile up as they would in use).
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors_and_bodies_match_their_models(case: Case[Any]) -> None:
    case.call_and_validate(base_url=BASE_URL, checks=[not_a_server_error, response_schema_conformance])
