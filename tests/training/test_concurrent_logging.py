"""Logging from many clients at once, on a real database (SQLite, or PostgreSQL in the second run): every set is
kept in order, set positions never collide, and there is exactly one workout in progress. Then the same request
sent twice with one idempotency key is stored once, and an older database with several workouts in progress is
mended by its upgrade."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select, update

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import log_import, training
from liftlore.store.db import Database, alembic_config
from liftlore.store.tables import ExerciseEntryRow, SetRow, WorkoutRow
from liftlore.web.app import create_app

THREADS = 8
SETS_EACH = 6
WHEN = datetime(2025, 9, 15, 7, 48, tzinfo=ZoneInfo("Europe/Berlin"))


def _in_progress(db: Database) -> int:
    with db.session() as session:
        return int(
            session.scalar(select(func.count()).where(WorkoutRow.source == "log", WorkoutRow.ended_at.is_(None))) or 0
        )


def _positions(db: Database) -> list[list[int]]:
    """Each entry's set positions, in order."""
    with db.session() as session:
        rows = session.execute(select(SetRow.entry_id, SetRow.position).order_by(SetRow.entry_id, SetRow.position))
        found: dict[uuid.UUID, list[int]] = {}
        for entry_id, position in rows:
            found.setdefault(entry_id, []).append(position)
        return list(found.values())


def test_threads_logging_at_once_keep_every_set_and_one_workout(db: Database) -> None:
    failures: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def client(number: int) -> None:
        exercise = "back squat" if number % 2 else "single-leg hip thrust"
        side = "" if number % 2 else ("L " if number % 4 else "R ")
        start.wait()
        for rep in range(SETS_EACH):
            try:
                db.run(training.log_sets, exercise, parse_sets(f"{side}{40 + number}kg x {rep + 1}"))
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    assert _in_progress(db) == 1
    positions = _positions(db)
    assert sum(len(p) for p in positions) == THREADS * SETS_EACH
    assert all(p == list(range(len(p))) for p in positions)  # no gap, no collision
    workout = db.run(training.get_workout)
    assert sorted(e.exercise_slug or "" for e in workout.entries) == ["barbell-back-squat", "single-leg-hip-thrust"]


def test_the_api_under_concurrent_posts_answers_201_to_every_one(db: Database) -> None:
    app = create_app(db)
    statuses: list[int] = []
    start = threading.Barrier(4)

    def poster() -> None:
        with TestClient(app, base_url="http://localhost") as client:
            start.wait()
            for _ in range(5):
                response = client.post("/api/v1/log", json={"exercise": "barbell-back-squat", "sets": "100kg x 5"})
                statuses.append(response.status_code)

    threads = [threading.Thread(target=poster) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert Counter(statuses) == {201: 20}
    assert _in_progress(db) == 1
    assert db.run(training.get_workout).set_count == 20


def test_a_retried_request_with_the_same_key_is_stored_once(db: Database) -> None:
    client = TestClient(create_app(db), base_url="http://localhost")
    body = {"exercise": "single-leg hip thrust", "sets": "L 40kg x 10, R 40kg x 8"}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = client.post("/api/v1/log", json=body, headers=key)
    again = client.post("/api/v1/log", json=body, headers=key)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert [s["side"] for s in first.json()["added"]] == ["left", "right"]
    assert db.run(training.get_workout).set_count == 2
    # The same key for another request is refused, naming the header; a new key logs again.
    other = client.post("/api/v1/log", json={**body, "sets": "L 50kg x 5, R 50kg x 5"}, headers=key)
    assert other.status_code == 400 and other.json()["field"] == "Idempotency-Key"
    fresh = client.post("/api/v1/log", json=body, headers={"Idempotency-Key": str(uuid.uuid4())})
    assert fresh.status_code == 201 and db.run(training.get_workout).set_count == 4


def test_a_new_workout_finishes_the_one_in_progress_at_its_last_set(db: Database) -> None:
    first = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN).workout
    later = WHEN + timedelta(minutes=30)
    second = db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=later, new_workout=True)
    assert second.workout.id != first.id
    assert _in_progress(db) == 1
    assert db.run(training.get_workout, first.id).ended_at == WHEN


def test_the_upgrade_leaves_one_workout_in_progress_of_many(db: Database) -> None:
    """A database from before 0004 may hold several unfinished typed-in workouts (the race this revision ends):
    the newest stays in progress, the others end at their last set."""
    command.downgrade(alembic_config(db.engine), "0003")
    starts = [WHEN + timedelta(hours=3 * n) for n in range(3)]
    with db.session() as session:  # stored as the store stores them: instants in UTC
        ids = []
        for start in starts:
            workout_id = uuid.uuid4()
            ids.append(workout_id)
            session.execute(
                insert(WorkoutRow).values(
                    id=workout_id, started_at=start.astimezone(UTC), time_zone="Europe/Berlin", source="log", name=None
                )
            )
            entry_id = uuid.uuid4()
            session.execute(
                insert(ExerciseEntryRow).values(
                    id=entry_id, workout_id=workout_id, exercise_name="Back Squat", position=0
                )
            )
            session.execute(
                insert(SetRow).values(
                    id=uuid.uuid4(),
                    entry_id=entry_id,
                    position=0,
                    set_type="normal",
                    side="both",
                    reps=5,
                    weight_kg=100.0,
                    performed_at=(start + timedelta(minutes=20)).astimezone(UTC),
                )
            )
    db.upgrade()
    assert _in_progress(db) == 1
    ended = {w: db.run(training.get_workout, w).ended_at for w in ids}
    assert ended[ids[-1]] is None
    assert [ended[w] for w in ids[:-1]] == [s + timedelta(minutes=20) for s in starts[:-1]]


def test_restoring_a_backup_taken_mid_workout_keeps_one_workout_in_progress(db: Database, tmp_path: Path) -> None:
    """A backup taken during a workout, restored into a log that has a workout in progress of its own: both are
    kept whole, and the restored one is finished at its last set."""
    db.run(training.log_sets, "back squat", parse_sets("100kg x 5"), performed_at=WHEN)
    backup = tmp_path / "log.json"
    backup.write_text(db.run(log_import.export_json), encoding="utf-8")
    taken = db.run(training.get_workout).id
    assert taken is not None
    db.run(training.delete_workout, taken)
    today = datetime.now(UTC)
    db.run(training.log_sets, "back squat", parse_sets("60kg x 8"), performed_at=today)
    report = db.run(log_import.import_log, "json", backup)
    assert report.sets == 1
    assert _in_progress(db) == 1
    restored = db.run(training.list_workouts)[-1]
    assert restored.started_at == WHEN and restored.ended_at == WHEN


def test_the_upgrade_repairs_a_workout_poisoned_before_numbers_were_checked(db: Database) -> None:
    """Before 0006 an infinite duration could be stored, and its workout could not be read again."""
    workout = db.run(training.log_sets, "back squat", parse_sets("100kg x 5, 100kg x 5"), performed_at=WHEN).workout
    command.downgrade(alembic_config(db.engine), "0005")
    with db.session() as session:
        first, second = session.scalars(select(SetRow.id).order_by(SetRow.position)).all()
        session.execute(update(SetRow).where(SetRow.id == first).values(duration_s=float("inf")))
        session.execute(
            update(SetRow).where(SetRow.id == second).values(reps=None, weight_kg=float("-inf"), duration_s=1e308)
        )
    assert workout.id is not None
    with db.engine.connect() as connection:  # the poison is stored (read raw: this code's tables are newer)
        stored = connection.exec_driver_sql("SELECT duration_s FROM workout_sets ORDER BY position").scalars().all()
        assert stored[0] == float("inf")
    db.upgrade()
    sets = db.run(training.get_workout, workout.id).entries[0].sets
    assert [(s.reps, s.weight_kg, s.duration_s) for s in sets] == [(5, 100.0, None), (0, None, None)]
