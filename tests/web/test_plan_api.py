"""/api/v1 for the planner: the plan and its edits, profiles, routines and programmes, answered with their shapes;
refusals are JSON naming the field (404, 409, 422, never a plain 500); writes replay for a retried key; one
person's profiles, routines and programme are theirs alone. Without a seed the plan is today's (YYYYMMDD), and a
programme followed gives its next session day after day as workouts are logged."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import accounts, training, training_settings
from liftlore.shapes.errors import ErrorOut
from liftlore.shapes.library import ExerciseItem
from liftlore.shapes.planning import EnrolmentOut, PlanOut, ProfileOut, ProgrammeOut, RoutineOut
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.web.client import BASE_URL, client_for


def error(response: Any, status: int) -> ErrorOut:
    assert response.status_code == status, response.text
    return ErrorOut.model_validate(response.json())


def test_a_plan_is_its_shape_and_follows_todays_inputs(db: Database) -> None:
    client = client_for(db)
    plan = PlanOut.model_validate(client.get("/api/v1/plan").json())
    assert plan.exercises and plan.profile == "default"
    assert plan.estimated_minutes <= plan.minutes == 60
    assert client.get("/api/v1/plan").json() == plan.model_dump(mode="json")  # the same day, the same plan
    short = PlanOut.model_validate(client.get("/api/v1/plan", params={"minutes": 25, "seed": 3}).json())
    assert short.minutes == 25 and short.estimated_minutes <= 25 and short.seed == 3
    bodyweight = PlanOut.model_validate(client.get("/api/v1/plan", params={"equipment": ""}).json())
    records = [client.get(f"/api/v1/exercises/{e.slug}").json() for e in bodyweight.exercises]
    assert all(not any(not use["optional"] for use in record["equipment"]) for record in records)


@pytest.mark.parametrize(
    ("params", "status", "field", "words"),
    [
        ({"minutes": 5}, 400, "minutes", "a session is 10 to 240 minutes"),
        ({"goal": "bulk"}, 400, "goal", "'bulk' is not a goal"),
        ({"equipment": "dumbbell,spaceship"}, 400, "equipment", "unknown equipment 'spaceship'"),
        ({"seed": -1}, 400, "seed", "the seed is a whole number"),
        ({"seed": "x"}, 422, "seed", "seed:"),
        ({"profile": "nowhere"}, 404, None, "no profile 'nowhere'"),
    ],
)
def test_a_wrong_input_is_named(db: Database, params: dict[str, Any], status: int, field: str, words: str) -> None:
    found = error(client_for(db).get("/api/v1/plan", params=params), status)
    assert found.field == field and words in found.message


def test_swap_and_lock_through_edit(db: Database) -> None:
    client = client_for(db)
    plan = client.get("/api/v1/plan").json()
    first, second = plan["exercises"][0], plan["exercises"][1]
    options = client.get("/api/v1/plan/alternatives", params={"slug": second["slug"]})
    assert options.status_code == 200
    items = [ExerciseItem.model_validate(item) for item in options.json()]
    assert items and second["slug"] not in {item.slug for item in items}
    swapped = client.post(
        "/api/v1/plan/edit", json={"plan": plan, "lock": [first["slug"]], "swap": {"slug": second["slug"]}}
    )
    assert swapped.status_code == 200, swapped.text
    after = PlanOut.model_validate(swapped.json())
    assert after.exercises[0].slug == first["slug"] and after.exercises[0].locked
    assert after.exercises[1].slug == items[0].slug and after.exercises[1].locked  # the closest alternative

    remade = client.post("/api/v1/plan/edit", json={"plan": swapped.json(), "seed": 9})
    kept = {e.slug: e for e in PlanOut.model_validate(remade.json()).exercises}
    assert kept[first["slug"]] == after.exercises[0] and kept[items[0].slug] == after.exercises[1]

    wrong = error(client.post("/api/v1/plan/edit", json={"plan": plan, "lock": ["no-such-lift"]}), 400)
    assert wrong.field == "lock"
    not_one = error(
        client.post("/api/v1/plan/edit", json={"plan": plan, "swap": {"slug": first["slug"], "to": "plank"}}), 400
    )
    assert not_one.field == "to" and "not an alternative" in not_one.message
    extra = error(client.post("/api/v1/plan/edit", json={"plan": plan | {"mood": "great"}}), 422)
    assert extra.field == "plan.mood"


def test_profiles_are_kept_and_a_name_is_not_written_over_unasked(db: Database) -> None:
    client = client_for(db)
    home = {"equipment": ["dumbbells", "bench"], "minutes": 30, "goal": "strength", "default": True}
    put = client.put("/api/v1/profiles/Home", json=home)
    assert put.status_code == 200, put.text
    saved = ProfileOut.model_validate(put.json())
    assert saved.equipment == ["bench", "dumbbell"] and saved.minutes == 30
    conflict = error(client.put("/api/v1/profiles/home", json={"minutes": 45}), 409)
    assert conflict.field == "name" and "you already have a profile named 'Home'" in conflict.message
    replaced = client.put("/api/v1/profiles/home", params={"replace": "true"}, json={"minutes": 45})
    assert replaced.status_code == 200 and replaced.json()["minutes"] == 45
    assert [p["name"] for p in client.get("/api/v1/profiles").json()] == ["home"]
    assert client.get("/api/v1/plan", params={"profile": "HOME"}).json()["minutes"] == 45
    bad = error(client.put("/api/v1/profiles/gym", json={"split": "bro"}), 400)
    assert bad.field == "split"
    assert client.delete("/api/v1/profiles/home").status_code == 204
    missing = error(client.get("/api/v1/profiles/home"), 404)
    assert "no profile 'home'" in missing.message
    error(client.delete("/api/v1/profiles/home"), 404)


def test_a_retried_write_gets_the_first_answer(db: Database) -> None:
    client = client_for(db)
    key = {"Idempotency-Key": "put-home-1"}
    first = client.put("/api/v1/profiles/home", json={"minutes": 30}, headers=key)
    again = client.put("/api/v1/profiles/home", json={"minutes": 30}, headers=key)
    assert first.status_code == again.status_code == 200 and first.content == again.content
    other = error(client.put("/api/v1/profiles/home", json={"minutes": 40}, headers=key), 400)
    assert other.field == "Idempotency-Key"
    gone = client.delete("/api/v1/profiles/home", headers={"Idempotency-Key": "delete-home"})
    assert gone.status_code == 204
    assert client.delete("/api/v1/profiles/home", headers={"Idempotency-Key": "delete-home"}).status_code == 204


def test_routines_from_a_plan_and_from_the_last_workout(db: Database) -> None:
    client = client_for(db)
    plan = client.get("/api/v1/plan").json()
    made = client.post("/api/v1/routines", json={"name": "Monday", "exercises": plan["exercises"]})
    assert made.status_code == 201, made.text
    routine = RoutineOut.model_validate(made.json())
    assert routine.origin == "plan" and [e.slug for e in routine.exercises] == [e["slug"] for e in plan["exercises"]]
    assert client.get(f"/api/v1/routines/{str(routine.id)[:8]}").json() == made.json()
    assert client.get("/api/v1/routines/monday").json() == made.json()
    twice = error(client.post("/api/v1/routines", json={"name": "monday", "exercises": plan["exercises"]}), 409)
    assert twice.field == "name"

    nothing = error(client.post("/api/v1/routines/repeat-last"), 400)
    assert nothing.field == "routine" and "no workout logged yet" in nothing.message
    logged = client.post("/api/v1/log", json={"exercise": "goblet-squat", "sets": "24kg x 8, 24kg x 7"})
    workout_day = logged.json()["workout"]["started_at"][:10]
    last = client.post("/api/v1/routines/repeat-last", json={})
    assert last.status_code == 201, last.text
    repeated = RoutineOut.model_validate(last.json())
    assert repeated.name == f"Last workout {workout_day}" and repeated.origin == "workout"
    assert [(e.slug, e.sets, e.reps, e.load_kg) for e in repeated.exercises] == [("goblet-squat", 2, 8, 24.0)]
    assert [r["name"] for r in client.get("/api/v1/routines").json()] == [repeated.name, "Monday"]
    assert client.delete("/api/v1/routines/Monday").status_code == 204
    error(client.get("/api/v1/routines/Monday"), 404)


def test_programmes_are_listed_with_their_rules_in_words(db: Database) -> None:
    listed = [ProgrammeOut.model_validate(p) for p in client_for(db).get("/api/v1/programmes").json()]
    assert len(listed) >= 3
    assert all(p.days and p.rules and all(p.rules.values()) for p in listed)


def in_utc(db: Database) -> None:
    with db.session(write=True) as session:
        training_settings.change_setting(session, "timezone", "UTC")


def test_without_a_seed_the_plan_is_todays_all_day(db: Database) -> None:
    in_utc(db)
    client = client_for(db)
    before = int(datetime.now(UTC).strftime("%Y%m%d"))
    first, second = client.get("/api/v1/plan").json(), client.get("/api/v1/plan").json()
    after = int(datetime.now(UTC).strftime("%Y%m%d"))
    assert first == second
    assert first["seed"] in {before, after}
    assert client.get("/api/v1/plan", params={"seed": first["seed"]}).json() == first
    other = client.get("/api/v1/plan", params={"seed": first["seed"] + 1}).json()
    assert other["seed"] == first["seed"] + 1
    # The alternatives are offered for today's plan too: its second exercise is never its own alternative.
    second_slug = first["exercises"][1]["slug"]
    offered = client.get("/api/v1/plan/alternatives", params={"slug": second_slug})
    assert offered.status_code == 200, offered.text
    assert second_slug not in {item["slug"] for item in offered.json()}


def programme_listed(client: TestClient, slug: str) -> ProgrammeOut:
    listed = [ProgrammeOut.model_validate(p) for p in client.get("/api/v1/programmes").json()]
    return next(p for p in listed if p.slug == slug)


def test_follow_a_programme_its_next_session_moves_on_with_each_workout_and_leave(db: Database) -> None:
    in_utc(db)
    client = client_for(db)
    assert "you follow no programme" in error(client.get("/api/v1/programmes/enrolment"), 404).message
    none = error(client.get("/api/v1/programmes/next"), 400)
    assert none.field == "programme" and "follow" in none.message
    error(client.delete("/api/v1/programmes/enrolment"), 404)

    upper_lower = programme_listed(client, "upper-lower-4-day")
    put = client.put("/api/v1/programmes/enrolment", json={"programme": " Upper-Lower-4-Day "})
    assert put.status_code == 200, put.text
    followed = EnrolmentOut.model_validate(put.json())
    today = datetime.now(UTC).date()
    assert (followed.programme, followed.name) == (upper_lower.slug, upper_lower.name)
    assert followed.started_on in {today, datetime.now(UTC).date()}
    assert (followed.week, followed.day_number, followed.days) == (1, 1, len(upper_lower.days))
    assert followed.next_day == upper_lower.days[0].name
    assert client.get("/api/v1/programmes/enrolment").json() == put.json()

    session = PlanOut.model_validate(client.get("/api/v1/programmes/next").json())
    assert [e.slug for e in session.exercises] == [slot.exercise for slot in upper_lower.days[0].slots]
    assert any(upper_lower.name in note and "week 1" in note for note in session.notes)
    assert all(
        e.reason.startswith(f"Exercise {n} of {upper_lower.days[0].name}") for n, e in enumerate(session.exercises, 1)
    )
    assert client.get("/api/v1/programmes/next").json() == session.model_dump(mode="json")  # the same all day

    # Following another replaces the first; started two weeks ago, it is in its third week.
    full_body = programme_listed(client, "full-body-3-day")
    started = today - timedelta(days=14)
    again = client.put(
        "/api/v1/programmes/enrolment", json={"programme": "full-body-3-day", "started_on": str(started)}
    )
    assert again.status_code == 200, again.text
    now_following = EnrolmentOut.model_validate(client.get("/api/v1/programmes/enrolment").json())
    assert (now_following.programme, now_following.started_on, now_following.week) == (full_body.slug, started, 3)
    assert now_following.day_number == 1

    # A workout since it started, on an earlier day: the next session is the programme's second day.
    with db.session(write=True) as write:
        first_slot = full_body.days[0].slots[0]
        training.log_sets(
            write,
            first_slot.exercise,
            parse_sets(f"60kg x {first_slot.high} x {first_slot.sets}"),
            performed_at=datetime.now(UTC) - timedelta(days=2),
            new_workout=True,
        )
    moved = EnrolmentOut.model_validate(client.get("/api/v1/programmes/enrolment").json())
    assert (moved.day_number, moved.next_day) == (2, full_body.days[1].name)
    second = PlanOut.model_validate(client.get("/api/v1/programmes/next").json())
    assert [e.slug for e in second.exercises] == [slot.exercise for slot in full_body.days[1].slots]

    assert client.delete("/api/v1/programmes/enrolment").status_code == 204
    error(client.get("/api/v1/programmes/enrolment"), 404)
    assert error(client.get("/api/v1/programmes/next"), 400).field == "programme"


@pytest.mark.parametrize(
    ("body", "status", "field", "words"),
    [
        ({"programme": "full-body-3-dya"}, 404, None, "no programme 'full-body-3-dya'"),
        ({}, 422, "programme", "programme:"),
        ({"programme": "full-body-3-day", "started_on": "last monday"}, 422, "started_on", "started_on:"),
        ({"programme": "full-body-3-day", "started_on": "0001-01-01"}, 400, "started_on", "is not a date between"),
    ],
)
def test_a_wrong_enrolment_is_named_and_changes_nothing(
    db: Database, body: dict[str, Any], status: int, field: str | None, words: str
) -> None:
    client = client_for(db)
    assert client.put("/api/v1/programmes/enrolment", json={"programme": "upper-lower-4-day"}).status_code == 200
    before = client.get("/api/v1/programmes/enrolment").json()
    found = error(client.put("/api/v1/programmes/enrolment", json=body), status)
    assert found.field == field and words in found.message
    assert client.get("/api/v1/programmes/enrolment").json() == before


def test_a_retried_enrolment_gets_the_first_answer(db: Database) -> None:
    client = client_for(db)
    key = {"Idempotency-Key": "follow-ppl"}
    body = {"programme": "push-pull-legs-6-day", "started_on": str(date.today() - timedelta(days=7))}
    first = client.put("/api/v1/programmes/enrolment", json=body, headers=key)
    assert first.status_code == 200, first.text
    # Meanwhile another programme is followed; the retry writes nothing and answers as the first time.
    assert client.put("/api/v1/programmes/enrolment", json={"programme": "full-body-3-day"}).status_code == 200
    again = client.put("/api/v1/programmes/enrolment", json=body, headers=key)
    assert again.status_code == 200 and again.content == first.content
    assert client.get("/api/v1/programmes/enrolment").json()["programme"] == "full-body-3-day"
    other = error(client.put("/api/v1/programmes/enrolment", json={"programme": "full-body-3-day"}, headers=key), 400)
    assert other.field == "Idempotency-Key"
    leave = {"Idempotency-Key": "leave-1"}
    assert client.delete("/api/v1/programmes/enrolment", headers=leave).status_code == 204
    assert client.delete("/api/v1/programmes/enrolment", headers=leave).status_code == 204  # replayed
    error(client.delete("/api/v1/programmes/enrolment"), 404)  # a new request: nothing to leave


def test_the_routes_are_in_the_openapi_schema(db: Database) -> None:
    paths = client_for(db).get("/openapi.json").json()["paths"]
    for path in ("/api/v1/plan", "/api/v1/plan/edit", "/api/v1/plan/alternatives", "/api/v1/profiles/{name}"):
        assert path in paths
    assert {"get", "put", "delete"} <= paths["/api/v1/programmes/enrolment"].keys()
    assert "409" in paths["/api/v1/profiles/{name}"]["put"]["responses"]


def test_one_persons_profiles_and_routines_are_theirs_alone(db: Database) -> None:
    app = create_app(
        db, auth=AuthConfig.for_server("plan-api-test-secret-0123456789-abcdefghijkl", open_registration=True)
    )
    people = {
        name: db.run(accounts.create_account, name.title(), "correct horse battery staple") for name in ("ann", "ben")
    }
    clients = {
        name: TestClient(
            app,
            base_url=BASE_URL,
            headers={"Authorization": f"Bearer {db.run(accounts.create_token, person, 'tests').secret}"},
        )
        for name, person in people.items()
    }
    ann, ben = clients["ann"], clients["ben"]
    assert ann.put("/api/v1/profiles/secret-gym", json={"minutes": 30}).status_code == 200
    plan = ann.get("/api/v1/plan", params={"profile": "secret-gym"}).json()
    assert ann.post("/api/v1/routines", json={"name": "secret-day", "exercises": plan["exercises"]}).status_code == 201

    assert ann.put("/api/v1/programmes/enrolment", json={"programme": "upper-lower-4-day"}).status_code == 200
    annas = ann.get("/api/v1/programmes/enrolment").json()

    assert ben.get("/api/v1/profiles").json() == [] and ben.get("/api/v1/routines").json() == []
    error(ben.get("/api/v1/programmes/enrolment"), 404)
    assert error(ben.get("/api/v1/programmes/next"), 400).field == "programme"
    error(ben.delete("/api/v1/programmes/enrolment"), 404)
    assert ben.put("/api/v1/programmes/enrolment", json={"programme": "full-body-3-day"}).status_code == 200
    assert ben.get("/api/v1/programmes/enrolment").json()["programme"] == "full-body-3-day"
    assert ann.get("/api/v1/programmes/enrolment").json() == annas
    assert ben.delete("/api/v1/programmes/enrolment").status_code == 204
    assert ann.get("/api/v1/programmes/enrolment").json() == annas
    error(ben.get("/api/v1/profiles/secret-gym"), 404)
    error(ben.get("/api/v1/routines/secret-day"), 404)
    error(ben.get("/api/v1/plan", params={"profile": "secret-gym"}), 404)
    error(ben.delete("/api/v1/routines/secret-day"), 404)
    # The same name is Ben's own: no conflict with Ann's.
    assert ben.put("/api/v1/profiles/secret-gym", json={"minutes": 90}).status_code == 200
    assert ann.get("/api/v1/profiles/secret-gym").json()["minutes"] == 30
    assert error(TestClient(app, base_url=BASE_URL).get("/api/v1/profiles"), 401).message == "sign in first"


# Numbers no plan or routine can hold, as a client might send them back: each is refused naming its field.
WRONG_NUMBERS = [
    ({"sets": -3}, "sets"),
    ({"sets": 0}, "sets"),
    ({"reps": 10**25}, "reps"),
    ({"load_kg": 1e308}, "load_kg"),
    ({"load_kg": float("nan")}, "load_kg"),
    ({"load_kg": float("inf")}, "load_kg"),
    ({"minutes": -1000}, "minutes"),
    ({"minutes": float("nan")}, "minutes"),
    ({"rest_s": -60}, "rest_s"),
    ({"rpe": 11}, "rpe"),
    ({"rep_range": [8, 10**6]}, "rep_range.1"),
    ({"extra_sets": {"left": 9}}, "extra_sets.left"),
    ({"ramp_up": [{"weight_kg": float("inf"), "reps": 5}]}, "ramp_up.0.weight_kg"),
    ({"ramp_up": [{"weight_kg": 20, "reps": 0}]}, "ramp_up.0.reps"),
]


def post_text(client: TestClient, path: str, body: Any) -> Any:
    """`body` posted as Python's JSON writes it: NaN and Infinity as the non-standard tokens a careless client sends
    (httpx refuses to write them)."""
    return client.post(path, content=json.dumps(body), headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(("change", "field"), WRONG_NUMBERS)
def test_a_routine_or_plan_with_a_number_out_of_range_is_refused_naming_it(
    db: Database, change: dict[str, Any], field: str
) -> None:
    client = client_for(db)
    plan = client.get("/api/v1/plan").json()
    wrong = plan["exercises"][0] | change
    routine = error(post_text(client, "/api/v1/routines", {"name": "Broken", "exercises": [wrong]}), 422)
    assert routine.field == f"exercises.0.{field}"
    assert client.get("/api/v1/routines").json() == []
    edited = error(post_text(client, "/api/v1/plan/edit", {"plan": plan | {"exercises": [wrong]}}), 422)
    assert edited.field == f"plan.exercises.0.{field}"


def test_a_plan_whose_time_is_not_a_number_is_refused(db: Database) -> None:
    client = client_for(db)
    plan = client.get("/api/v1/plan").json()
    for wrong in (float("nan"), float("inf"), -1):
        found = error(post_text(client, "/api/v1/plan/edit", {"plan": plan | {"estimated_minutes": wrong}}), 422)
        assert found.field == "plan.estimated_minutes"


def test_a_plan_naming_an_exercise_the_library_lacks_is_refused_as_the_page_refuses_it(db: Database) -> None:
    client = client_for(db)
    plan = client.get("/api/v1/plan").json()
    plan["exercises"][-1] = plan["exercises"][-1] | {"slug": "made-up-lift"}
    remade = error(client.post("/api/v1/plan/edit", json={"plan": plan, "seed": 2}), 404)
    assert "made-up-lift" in remade.message
    first = plan["exercises"][0]["slug"]
    swapped = error(client.post("/api/v1/plan/edit", json={"plan": plan, "swap": {"slug": first}}), 404)
    assert "made-up-lift" in swapped.message


def test_the_profile_named_default_is_the_one_used_when_none_is_named(db: Database) -> None:
    client = client_for(db)
    built_in = ProfileOut.model_validate(client.get("/api/v1/profiles/default").json())
    assert built_in.name == "default"  # nothing saved: the built-in one
    client.put("/api/v1/profiles/home", json={"minutes": 30, "goal": "strength", "default": True})
    client.put("/api/v1/profiles/gym", json={"minutes": 75})
    chosen = client.get("/api/v1/profiles/default").json()
    assert chosen == client.get("/api/v1/profiles/home").json()
    assert (
        client.get("/api/v1/plan", params={"profile": "default", "seed": 3}).json()
        == client.get("/api/v1/plan", params={"seed": 3}).json()
    )
    # A profile the person named "default" themselves is that one.
    client.put("/api/v1/profiles/Default", json={"minutes": 45})
    own = client.get("/api/v1/profiles/default").json()
    assert own["name"] == "Default" and own["minutes"] == 45
