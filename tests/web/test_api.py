"""/api/v1: the JSON twin of every page, with errors that say what is wrong and what would be right."""

from __future__ import annotations

from fastapi.testclient import TestClient

from liftlore.page.record import exercise_record
from liftlore.services import library
from liftlore.store.db import Database
from tests.web.client import client_for


def client(db: Database) -> TestClient:
    return client_for(db)


def test_list_filters_combine(db: Database) -> None:
    body = (
        client(db).get("/api/v1/exercises", params={"muscle": "glutes", "equipment": "barbell", "per_page": 100}).json()
    )
    assert body["total"] == len(body["items"]) > 0
    for item in body["items"]:
        assert "glutes" in [m["slug"] for m in item["primary_muscles"]]
        assert "barbell" in [e["slug"] for e in item["equipment"]]
    assert "single-leg-hip-thrust" in [i["slug"] for i in body["items"]]  # its barbell is optional, still listed


def test_equipment_any_or_all(db: Database) -> None:
    api = client(db)
    params: list[tuple[str, str | int | float | bool | None]] = [
        ("equipment", "dumbbell"),
        ("equipment", "bench"),
        ("per_page", 100),
    ]
    any_of = {i["slug"] for i in api.get("/api/v1/exercises", params=params).json()["items"]}
    all_of = {
        i["slug"] for i in api.get("/api/v1/exercises", params=[*params, ("equipment_match", "all")]).json()["items"]
    }
    assert all_of < any_of
    assert "incline-dumbbell-press" in all_of and "goblet-squat" in any_of - all_of


def test_have_keeps_what_needs_only_the_equipment_at_hand(db: Database) -> None:
    items = client(db).get("/api/v1/exercises", params={"have": "dumbbell", "per_page": 100}).json()["items"]
    assert items
    for item in items:
        assert {e["slug"] for e in item["equipment"] if not e["optional"]} <= {"dumbbell"}


def test_pagination_and_its_maximum(db: Database) -> None:
    api = client(db)
    first = api.get("/api/v1/exercises", params={"per_page": 10}).json()
    second = api.get("/api/v1/exercises", params={"per_page": 10, "page": 2}).json()
    assert len(first["items"]) == 10 and first["pages"] == -(-first["total"] // 10)
    assert {i["slug"] for i in first["items"]}.isdisjoint(i["slug"] for i in second["items"])
    too_many = api.get("/api/v1/exercises", params={"per_page": 101})
    assert too_many.status_code == 422
    assert too_many.json()["field"] == "per_page" and "100" in too_many.json()["message"]


def test_unknown_filter_value_says_which_exist(db: Database) -> None:
    response = client(db).get("/api/v1/exercises", params={"laterality": "sideways"})
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == "laterality" and body["allowed"] == ["unilateral", "bilateral"]
    assert "sideways" in body["message"]


def test_one_exercise_is_the_page_record(db: Database) -> None:
    response = client(db).get("/api/v1/exercises/single-leg-hip-thrust")
    assert response.status_code == 200
    assert response.json() == exercise_record(db.run(library.get_exercise, "single-leg-hip-thrust"))


def test_unknown_exercise_is_404_json_with_suggestions(db: Database) -> None:
    response = client(db).get("/api/v1/exercises/glute-brige")
    assert response.status_code == 404
    assert response.json()["message"] == "no exercise 'glute-brige'"
    assert "glute-bridge" in response.json()["suggestions"]


def test_alternatives_and_variations(db: Database) -> None:
    api = client(db)
    alternatives = api.get("/api/v1/exercises/barbell-hip-thrust/alternatives").json()["items"]
    assert alternatives and all(a["reason"] for a in alternatives)
    assert all("glutes" in [m["slug"] for m in a["primary_muscles"]] for a in alternatives)
    bodyweight = api.get("/api/v1/exercises/barbell-hip-thrust/alternatives", params={"have": "bodyweight"}).json()
    assert bodyweight["items"]  # all() over none would pass whatever the filter did
    assert all(not [e for e in a["equipment"] if not e["optional"]] for a in bodyweight["items"])
    variations = api.get("/api/v1/exercises/barbell-hip-thrust/variations").json()
    assert "single-leg-hip-thrust" in [v["slug"] for v in variations["harder"]]
    assert "glute-bridge" in [v["slug"] for v in variations["easier"]]


def test_muscles_equipment_and_drills(db: Database) -> None:
    api = client(db)
    muscles = {m["slug"]: m for m in api.get("/api/v1/muscles").json()}
    assert muscles["glutes"]["exercises"] >= 4 and muscles["glutes"]["side"] == "back"
    glutes = api.get("/api/v1/muscles/glutes").json()
    assert "glute-bridge" in [e["slug"] for e in glutes["primary"]]
    equipment = {e["slug"]: e for e in api.get("/api/v1/equipment").json()}
    assert equipment["kettlebell"]["exercises"] >= 3
    bench = api.get("/api/v1/equipment/bench").json()
    assert "barbell-hip-thrust" in [e["slug"] for e in bench["required"]]
    drills = {d["slug"]: d for d in api.get("/api/v1/drills").json()}
    assert drills["figure-4-stretch"]["dose"]["per_side"] is True
    assert "single-leg-hip-thrust" in [
        e["slug"] for e in api.get("/api/v1/drills/figure-4-stretch").json()["exercises"]
    ]
    assert api.get("/api/v1/muscles/glutez").status_code == 404


def test_openapi_documents_the_api_and_docs_work_offline(db: Database) -> None:
    api = client(db)
    schema = api.get("/openapi.json").json()
    assert "/api/v1/exercises" in schema["paths"] and "/api/v1/exercises/{slug}/alternatives" in schema["paths"]
    assert all(path.startswith("/api/v1/") for path in schema["paths"])  # HTML pages are not in the schema
    docs = api.get("/docs").text
    assert "cdn" not in docs.lower() and "/static/offline-docs/swagger-ui-bundle.js" in docs
    assert api.get("/static/offline-docs/swagger-ui-bundle.js").status_code == 200


def test_an_exercise_tells_the_planner_defaults_it_was_stored_with(db: Database) -> None:
    squat = client(db).get("/api/v1/exercises/barbell-back-squat").json()["planner"]
    assert squat == {"low": 5, "high": 8, "unit": "reps", "rest_seconds": 180, "load_step_kg": 5.0, "ramp_up": True}
    plank = client(db).get("/api/v1/exercises/plank").json()["planner"]
    assert plank["unit"] == "seconds" and plank["load_step_kg"] is None and plank["ramp_up"] is False
