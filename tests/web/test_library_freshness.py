"""The library's routes answer from the snapshot without opening a unit of work when it is fresh (web/deps.py):
what a person adds still shows in their next request, and what another process adds shows once the snapshot is
due its recheck."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from liftlore.services import library, snapshot
from liftlore.store.db import Database
from tests.conftest import DATA
from tests.web.client import client_for

PAGE = DATA / "pages" / "faq-with-questions.txt"  # the rope hip drive, which the bundled catalog lacks
LIST = "/api/v1/exercises?q=rope%20hip%20drive"


def listed(db: Database, path: str = LIST) -> list[str]:
    answer = client_for(db).get(path)
    assert answer.status_code == 200, answer.text
    return [item["slug"] for item in answer.json()["items"]]


def test_an_import_shows_in_the_next_request(db: Database) -> None:
    assert "rope-hip-drive" not in listed(db)
    db.run(library.import_page, PAGE)
    assert listed(db)[0] == "rope-hip-drive"


def test_another_processs_import_shows_once_the_snapshot_is_rechecked(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "local_changes", lambda: 0)  # as if the import ran in another process
    monkeypatch.setattr(snapshot, "RECHECK_SECONDS", 3600.0)
    assert "rope-hip-drive" not in listed(db)
    other = Database(db.url)
    try:
        other.run(library.import_page, PAGE)
    finally:
        other.dispose()
    assert "rope-hip-drive" not in listed(db)  # trusted until the recheck is due
    monkeypatch.setattr(snapshot, "RECHECK_SECONDS", 0.0)
    assert listed(db)[0] == "rope-hip-drive"


def test_a_fresh_snapshot_answers_without_the_database(db: Database) -> None:
    glutes = "/api/v1/exercises?muscle=glutes"
    first = listed(db, glutes)  # builds the snapshot
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    for _ in range(5):
        assert listed(db, glutes) == first
    assert statements == []
