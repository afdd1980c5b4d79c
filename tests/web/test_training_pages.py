"""The training log on the web: logging from the form and the API, each side on its own, history, workouts."""

from __future__ import annotations

from liftlore.store.db import Database
from tests.web.client import client_for


def test_log_page_refuses_a_unilateral_set_without_side_and_logs_each_side(db: Database) -> None:
    client = client_for(db)
    page = client.get("/log", params={"exercise": "single-leg-hip-thrust"})
    assert page.status_code == 200 and 'value="left"' in page.text and 'value="right"' in page.text
    refused = client.post("/log", data={"exercise": "single-leg-hip-thrust", "quick": "40kg x 10"})
    assert refused.status_code == 400
    assert "each set needs its side" in refused.text and 'role="alert"' in refused.text
    left = client.post(
        "/log",
        data={"exercise": "single-leg-hip-thrust", "side": "left", "weight": "40", "reps": "10", "rest": "120"},
        follow_redirects=False,
    )
    assert left.status_code == 303 and left.headers["location"] == "/log?exercise=single-leg-hip-thrust&rest=120"
    client.post("/log", data={"exercise": "single-leg-hip-thrust", "quick": "R 40kg x 8"})
    after = client.get(left.headers["location"]).text
    assert "<li>L 40 kg × 10</li>" in after and "<li>R 40 kg × 8</li>" in after
    assert 'data-start="120"' in after  # the rest timer starts after a set


def test_api_logs_sets_in_the_grammar_or_as_objects(db: Database) -> None:
    client = client_for(db)
    typed = client.post("/api/v1/log", json={"exercise": "barbell back squat", "sets": "100kg x 5 x 3 @8"})
    assert typed.status_code == 201
    sets = typed.json()["workout"]["entries"][0]["sets"]
    assert [(s["weight_kg"], s["reps"], s["rpe"], s["side"]) for s in sets] == [(100.0, 5, 8.0, "both")] * 3
    assert typed.json()["added"] == sets
    objects = client.post(
        "/api/v1/log",
        json={
            "exercise": "single-leg hip thrust",
            "sets": [
                {"side": "left", "weight": 88, "unit": "lb", "reps": 10},
                {"side": "right", "weight": 40, "reps": 9},
            ],
        },
    )
    assert objects.status_code == 201
    logged = objects.json()["workout"]["entries"][-1]["sets"]
    assert objects.json()["added"] == logged
    assert [(s["side"], round(s["weight_kg"], 2), s["reps"]) for s in logged] == [
        ("left", 39.92, 10),
        ("right", 40.0, 9),
    ]
    no_side = client.post("/api/v1/log", json={"exercise": "single-leg-hip-thrust", "sets": [{"reps": 5}]})
    assert no_side.status_code == 400 and no_side.json()["field"] == "side"
    unknown = client.post("/api/v1/log", json={"exercise": "squatt thing", "sets": "5"})
    assert unknown.status_code == 404


def test_history_workout_previous_and_records(db: Database) -> None:
    client = client_for(db)
    first = client.post(
        "/api/v1/log",
        json={"exercise": "single-leg-hip-thrust", "sets": "L 40kg x 10, R 40kg x 8", "new_workout": True},
    ).json()["workout"]
    client.post(
        "/api/v1/log",
        json={"exercise": "single-leg-hip-thrust", "sets": "L 45kg x 8, R 42.5kg x 8", "new_workout": True},
    )
    workouts = client.get("/api/v1/workouts").json()
    assert len(workouts) == 2 and workouts[1]["id"] == first["id"]
    history = client.get("/history").text
    assert f'href="/workouts/{first["id"]}"' in history
    page = client.get(f"/workouts/{first['id']}").text
    assert "<li>L 40 kg × 10</li>" in page and "<li>R 40 kg × 8</li>" in page
    previous = client.get("/api/v1/exercises/single-leg-hip-thrust/previous").json()["previous"]
    assert [(s["side"], s["weight_kg"]) for s in previous["sets"]] == [("left", 45.0), ("right", 42.5)]
    records = client.get("/api/v1/exercises/single-leg-hip-thrust/records").json()["records"]
    heaviest = {r["side"]: r["value"] for r in records if r["kind"] == "heaviest-weight"}
    assert heaviest == {"left": 45.0, "right": 42.5}
    # Beside the inputs: last time's sets (the first workout; the second is the one in progress).
    log_page = client.get("/log", params={"exercise": "single-leg-hip-thrust"}).text
    aside = log_page.split('class="previous"', 1)[1].split("</aside>", 1)[0]
    assert "<li>L 40 kg × 10</li>" in aside and "<li>R 40 kg × 8</li>" in aside
    today = log_page.split('class="today"', 1)[1]
    assert "<li>L 45 kg × 8</li>" in today
    assert client.get("/workouts/not-a-uuid").status_code == 400
    assert client.get("/api/v1/workouts/00000000-0000-0000-0000-000000000000").status_code == 404


def test_log_page_finds_a_misspelt_exercise_as_the_api_does(db: Database) -> None:
    client = client_for(db)
    page = client.get("/log", params={"exercise": "bulgarain split squat"})
    assert page.status_code == 200 and '<h2 id="h-set">Bulgarian Split Squat</h2>' in page.text
    logged = client.post(
        "/log", data={"exercise": "bulgarain split squat", "side": "left", "weight": "20", "reps": "8"}
    )
    assert logged.status_code == 200 and "<li>L 20 kg × 8</li>" in logged.text.split('class="today"', 1)[1]


def test_log_page_names_an_unknown_exercise_and_offers_to_log_the_nearest(db: Database) -> None:
    page = client_for(db).get("/log", params={"exercise": "bulgarain splitsquatt thing"})
    assert page.status_code == 404
    alert = page.text.split('role="alert"', 1)[1].split("</div>", 1)[0]
    assert "no exercise" in alert and "Not logged" not in alert  # nothing was being logged
    assert 'href="/log?exercise=bulgarian-split-squat"' in alert and "/exercises/" not in alert
    assert 'value="bulgarain splitsquatt thing"' in page.text  # the name stays in the box, to correct it


def test_the_rest_chosen_stays_chosen_for_the_next_set(db: Database) -> None:
    client = client_for(db)
    first = client.get("/log", params={"exercise": "goblet-squat"}).text
    assert '<option value="90" selected>' in first
    after = client.post("/log", data={"exercise": "goblet-squat", "weight": "20", "reps": "8", "rest": "120"}).text
    assert '<option value="120" selected>' in after and '<option value="90" selected>' not in after


def test_log_page_refuses_part_reps_and_an_unknown_set_type(db: Database) -> None:
    client = client_for(db)
    part = client.post("/log", data={"exercise": "goblet-squat", "weight": "20", "reps": "8.7"})
    assert part.status_code == 400 and "reps: reps are a whole number, not 8.7" in part.text
    bogus = client.post("/log", data={"exercise": "goblet-squat", "reps": "8", "set_type": "bogus"})
    assert bogus.status_code == 400 and "known: normal, warm-up, drop, failure" in bogus.text
    page = client.get("/log", params={"exercise": "goblet-squat"}).text
    assert "× 8" not in page  # neither was logged


def test_api_refuses_an_unknown_set_type_or_side_saying_what_is_allowed(db: Database) -> None:
    client = client_for(db)
    for field, value, allowed in (
        ("set_type", "bogus", ["normal", "warm-up", "drop", "failure"]),
        ("side", "middle", ["left", "right", "both"]),
    ):
        sets = [{"reps": 5}, {"reps": 5, field: value}]
        refused = client.post("/api/v1/log", json={"exercise": "goblet-squat", "sets": sets})
        assert refused.status_code == 400
        assert refused.json()["field"] == f"sets[1].{field}" and refused.json()["allowed"] == allowed


def test_api_names_the_bad_reps_inside_a_list_of_sets(db: Database) -> None:
    client = client_for(db)
    for reps in ("ten", 8.7):
        sets = [{"reps": 5}, {"reps": reps, "weight": 20}]
        refused = client.post("/api/v1/log", json={"exercise": "goblet-squat", "sets": sets})
        assert refused.status_code == 422
        assert refused.json()["field"].endswith("1.reps") and "integer" in refused.json()["message"]
