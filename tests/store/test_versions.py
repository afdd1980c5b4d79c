"""The library version is renewed by any transaction that writes a library table, whichever way it writes, and by
no other; web processes rebuild their snapshot of the library when it changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete, select, update

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import training
from liftlore.store.db import Database
from liftlore.store.tables import ExerciseRow, MuscleGroupRow
from liftlore.store.versions import library_version


def version(db: Database) -> str:
    with db.session() as session:
        return library_version(session)


def test_an_orm_change_to_a_shared_row_renews_the_version(db: Database) -> None:
    before = version(db)
    with db.session() as session:
        glutes = session.scalars(select(MuscleGroupRow).where(MuscleGroupRow.slug == "glutes")).one()
        glutes.description = "The hip's extensors."  # flushed only by the commit itself
    assert version(db) not in ("", before)


@pytest.mark.parametrize(
    "statement",
    [
        delete(ExerciseRow).where(ExerciseRow.slug == "barbell-hip-thrust"),
        update(ExerciseRow).where(ExerciseRow.slug == "barbell-hip-thrust").values(level="advanced"),
    ],
    ids=["delete", "update"],
)
def test_statements_on_library_tables_renew_the_version(db: Database, statement: object) -> None:
    before = version(db)
    with db.session() as session:
        session.execute(statement)  # type: ignore[call-overload]
    assert version(db) != before


def test_logging_sets_or_a_rolled_back_change_leaves_it(db: Database) -> None:
    before = version(db)
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=datetime(2025, 5, 1, 7, tzinfo=UTC))
    with db.session(rollback=True) as session:
        session.execute(delete(ExerciseRow).where(ExerciseRow.slug == "barbell-hip-thrust"))
    assert version(db) == before
