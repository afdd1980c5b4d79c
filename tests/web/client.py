"""A TestClient for the app that asks for it by a name the app answers to (TestClient's own is `testserver`)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from liftlore.store.db import Database
from liftlore.web.app import create_app

BASE_URL = "http://localhost"


def client_for(db: Database, *, raise_server_exceptions: bool = True) -> TestClient:
    return TestClient(create_app(db), base_url=BASE_URL, raise_server_exceptions=raise_server_exceptions)
