"""The in-memory snapshot of the library follows its changes: at once in the process that made them, and within
RECHECK_SECONDS in another process (here a second Database object that is told nothing of this one's writes)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from liftlore.errors import NotFoundError
from liftlore.services import browse, library, snapshot
from liftlore.services.snapshot import library_view
from liftlore.store.db import Database
from tests.conftest import DATA

PAGE = DATA / "pages" / "faq-with-questions.txt"  # the rope hip drive, which the bundled catalog lacks
NEW = "rope-hip-drive"


def finds(db: Database, slug: str) -> bool:
    try:
        browse.exercise_detail(db.run(library_view), slug)
    except NotFoundError:
        return False
    return True


def names_found(db: Database, q: str) -> list[str]:
    return [e.slug for e in browse.search_exercises(db.run(library_view), browse.ExerciseQuery(q=q)).items]


@pytest.fixture
def other_process(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """A second Database on the same library that, like another process, does not hear of this one's writes."""
    monkeypatch.setattr(snapshot, "local_changes", lambda: 0)
    other = Database(db.url)
    yield other
    other.dispose()


def test_a_write_shows_in_the_next_read_of_the_same_process(db: Database) -> None:
    assert not finds(db, NEW) and NEW not in names_found(db, "rope hip drive")
    db.run(library.import_page, PAGE)
    assert finds(db, NEW) and NEW in names_found(db, "rope hip drive")


def test_another_process_sees_the_write_once_it_rechecks(
    db: Database, other_process: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(snapshot, "RECHECK_SECONDS", 3600.0)
    assert not finds(other_process, NEW)
    db.run(library.import_page, PAGE)
    assert not finds(other_process, NEW)  # it trusts its snapshot until the recheck is due
    monkeypatch.setattr(snapshot, "RECHECK_SECONDS", 0.0)
    assert finds(other_process, NEW) and NEW in names_found(other_process, "rope hip drive")
