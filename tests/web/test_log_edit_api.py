"""Fixing the log through the API: PATCH and DELETE /api/v1/sets/ID, PATCH and DELETE /api/v1/workouts/ID, by
whole or short ids; and the records a POST /api/v1/log set."""

from __future__ import annotations

from datetime import datetime

import pytest

from liftlore.store.db import Database
from tests.web.client import client_for


def test_a_logged_set_is_changed_moved_and_deleted_by_its_short_id(db: Database) -> None:
    client = client_for(db)
    logged = client.post("/api/v1/log", json={"exercise": "back squat", "sets": "100kg x 5, 100kg x 5"})
    assert logged.status_code == 201, logged.text
    body = logged.json()
    assert {r["kind"] for r in body["records"]} >= {"heaviest-weight", "best-e1rm"}
    first, second = (item["id"] for item in body["added"])

    changed = client.patch(f"/api/v1/sets/{first[:8]}", json={"weight": 225, "unit": "lb", "rpe": 8})
    assert changed.status_code == 200, changed.text
    assert changed.json()["set"]["weight_kg"] == pytest.approx(102.058, abs=0.001) and changed.json()["set"]["rpe"] == 8
    records = client.get("/api/v1/exercises/barbell-back-squat/records").json()["records"]
    assert {r["kind"]: r["value"] for r in records}["heaviest-weight"] == pytest.approx(102.06, abs=0.01)

    body_weight = client.patch(f"/api/v1/sets/{first}", json={"weight": None})
    assert body_weight.json()["set"]["weight_kg"] is None

    moved = client.patch(f"/api/v1/sets/{second[:10]}", json={"exercise": "front squat"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["exercise"] == "barbell-front-squat"
    assert [e["exercise"] for e in moved.json()["workout"]["entries"]] == ["barbell-back-squat", "barbell-front-squat"]

    gone = client.delete(f"/api/v1/sets/{second[:6]}")
    assert gone.status_code == 200 and gone.json()["set"]["id"] == second
    assert client.delete(f"/api/v1/sets/{second[:6]}").status_code == 404


def test_bad_changes_are_refused_naming_the_field(db: Database) -> None:
    client = client_for(db)
    added = client.post("/api/v1/log", json={"exercise": "back squat", "sets": "100kg x 5"}).json()["added"][0]
    for patch, field in (
        ({"reps": -3}, "reps"),
        ({"side": "up"}, "side"),
        ({"set_type": None}, "set_type"),
        ({}, "set"),
        ({"exercise": "no such lift at all"}, None),
        ({"exercise": " "}, "exercise"),
    ):
        answer = client.patch(f"/api/v1/sets/{added['id']}", json=patch)
        assert answer.status_code in (400, 404), (patch, answer.text)
        assert answer.json()["field"] == field, (patch, answer.json())
    short = client.patch("/api/v1/sets/abc", json={"reps": 5})
    assert short.status_code == 400 and "at least its first 6" in short.json()["message"]
    workout = client.get("/api/v1/workouts").json()[0]
    assert workout["set_count"] == 1 and workout["volume_kg"] == 500  # nothing refused was written


def test_a_workout_is_renamed_finished_and_deleted_by_its_short_id(db: Database) -> None:
    client = client_for(db)
    workout = client.post("/api/v1/log", json={"exercise": "back squat", "sets": "100kg x 5"}).json()["workout"]
    short = workout["id"][:8]
    renamed = client.patch(f"/api/v1/workouts/{short}", json={"name": "Heavy legs", "finished": True})
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "Heavy legs" and renamed.json()["ended_at"] is not None
    assert client.get(f"/api/v1/workouts/{short}").json()["name"] == "Heavy legs"
    nothing = client.patch(f"/api/v1/workouts/{short}", json={})
    assert nothing.status_code == 400 and nothing.json()["field"] == "workout"
    again = client.patch(f"/api/v1/workouts/{short}", json={"finished": True})
    assert again.status_code == 400 and "already ended" in again.json()["message"]
    assert client.delete(f"/api/v1/workouts/{short}").status_code == 204
    assert client.get(f"/api/v1/workouts/{short}").status_code == 404


def test_sets_kept_offline_keep_the_time_they_were_done(db: Database) -> None:
    client = client_for(db)
    body = {"exercise": "back squat", "sets": "100kg x 5", "performed_at": "2026-11-20T18:05:00+01:00"}
    logged = client.post("/api/v1/log", json=body, headers={"Idempotency-Key": "offline-1"})
    assert logged.status_code == 201, logged.text
    done = datetime.fromisoformat(logged.json()["added"][0]["performed_at"])
    assert done == datetime.fromisoformat(body["performed_at"])  # the same moment, in the log's own zone
    assert client.post("/api/v1/log", json=body, headers={"Idempotency-Key": "offline-1"}).json() == logged.json()
    naive = client.post("/api/v1/log", json={**body, "performed_at": "2026-11-20T18:05:00"})
    assert naive.status_code == 422 and naive.json()["field"] == "performed_at"
