"""/plan and the log page it starts, rendered by the server: the plan with its reasons, swaps and locks that hold,
Start keeping the plan and opening the log with the plan's target in the form; today's plan all day without a
seed; following a programme, its next session started like any plan, and leaving it."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import routines, training, training_settings
from liftlore.shapes.planning import PlanOut, ProgrammeOut
from liftlore.store.db import Database
from tests.web.client import client_for

TRAINED_DAYS_AGO = 10  # long enough to be recovered, inside the planner's half year of history


def train(db: Database) -> None:
    """Ten days ago, every exercise of today's first plan (seed 0) with a load: one-sided ones left 30 kg, right
    35 kg (so the left is the weaker side). Today's plan then has loads from that history."""
    when = datetime.now(UTC) - timedelta(days=TRAINED_DAYS_AGO)
    with db.session() as session:
        training_settings.change_setting(session, "timezone", "UTC")
    plan = client_for(db).get("/api/v1/plan").json()
    with db.session(write=True) as session:
        for index, item in enumerate(plan["exercises"]):
            if item["unit"] != "reps":
                continue
            sets = "L 30kg x 10, R 35kg x 10" if "left" in item["sides"] else "40kg x 10 x 2"
            moment = when + timedelta(minutes=index)
            training.log_sets(session, item["slug"], parse_sets(sets), performed_at=moment, new_workout=index == 0)


def carried_plan(page: str) -> dict[str, Any]:
    """The plan the page carries in its forms (the hidden field), as JSON."""
    found = re.search(r'name="plan" value="([^"]*)"', page)
    assert found is not None, "the page carries no plan"
    plan: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return plan


def input_value(page: str, name: str) -> str:
    found = re.search(rf'<input id="{name}" name="{name}"[^>]*value="([^"]*)"', page)
    assert found is not None, name
    return html.unescape(found.group(1))


def words_of(page: str, css_class: str) -> str:
    """The text of the paragraph of that class, as a reader sees it (its markup left out)."""
    found = re.search(rf'<p class="{css_class}">(.*?)</p>', page, re.S)
    assert found is not None, css_class
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def checked_side(page: str) -> str:
    found = re.search(r'<input type="radio" name="side" value="(\w+)" checked>', page)
    assert found is not None
    return found.group(1)


def test_the_page_shows_every_exercise_with_its_target_and_three_reasons(db: Database) -> None:
    train(db)
    client = client_for(db)
    page = client.get("/plan")
    assert page.status_code == 200
    plan = carried_plan(page.text)
    assert plan == client.get("/api/v1/plan").json()  # the page shows the API's plan
    text = html.unescape(page.text)
    loaded = [item for item in plan["exercises"] if item["load_kg"]]
    assert loaded, "the trained history gives loads"
    for item in plan["exercises"]:
        assert f'<a class="plan-name" href="/exercises/{item["slug"]}">' in page.text
        for reason in (item["reason"], item["dose_reason"], item["load_reason"]):
            assert f"<li>{reason}</li>" in text
    for item in loaded:
        shown = f"{item['sets']} × {item['reps']} @ {item['load_kg']:g} kg"
        assert f'<span class="plan-target">{shown}</span>' in text
    one_sided = [item for item in plan["exercises"] if "left" in item["sides"]]
    assert one_sided, "a one-sided exercise is in the plan"
    assert all(item["sides"][0] == "left" for item in one_sided)  # the weaker side first
    assert "Left side first, then right" in text
    for step in plan["warm_up"] + plan["cool_down"]:
        assert step["name"] in text and step["reason"] in text
    assert f"About {plan['estimated_minutes']:.0f} of your {plan['minutes']} minutes" in text
    assert f'<a class="button-link" href="/plan?seed={plan["seed"] + 1}">Another plan</a>' in page.text


def test_inputs_of_the_form_change_the_plan_and_a_wrong_one_is_named(db: Database) -> None:
    client = client_for(db)
    short = client.get("/plan", params={"minutes": "20", "equipment_given": "yes", "equipment": ["dumbbell"]})
    assert short.status_code == 200
    plan = carried_plan(short.text)
    assert plan["minutes"] == 20 and plan["estimated_minutes"] <= 20
    assert 'value="dumbbell" checked' in short.text and 'value="barbell" checked' not in short.text
    wrong = client.get("/plan", params={"minutes": "500"})
    assert wrong.status_code == 400
    assert "minutes: a session is 10 to 240 minutes, not 500" in html.unescape(wrong.text)
    assert 'name="plan"' not in wrong.text


def test_a_swap_survives_remaking_the_rest(db: Database) -> None:
    client = client_for(db)
    plan = carried_plan(client.get("/plan").text)
    replaced = plan["exercises"][1]
    swapped = client.post("/plan/swap", data={"plan": json.dumps(plan), "swap": replaced["slug"]})
    assert swapped.status_code == 200, swapped.text[:500]
    after = carried_plan(swapped.text)
    slugs = [item["slug"] for item in after["exercises"]]
    assert replaced["slug"] not in slugs
    stand_in = next(item for item in after["exercises"] if item["locked"])
    assert stand_in["reason"].startswith(f"Swapped in for {replaced['name']}")
    assert f'name="keep" value="{stand_in["slug"]}" checked' in swapped.text
    assert f"Swapped {replaced['name']} for {stand_in['name']}." in html.unescape(swapped.text)

    kept = [stand_in["slug"]]
    remade = client.post("/plan/regenerate", data={"plan": json.dumps(after), "keep": kept})
    assert remade.status_code == 200
    final = carried_plan(remade.text)
    again = next(item for item in final["exercises"] if item["slug"] == stand_in["slug"])
    assert again == stand_in  # kept exactly as it was
    assert final["seed"] == after["seed"] + 1


def test_a_plan_the_form_did_not_make_is_refused(db: Database) -> None:
    client = client_for(db)
    plan = carried_plan(client.get("/plan").text)
    broken = client.post("/plan/regenerate", data={"plan": "{not json"})
    assert broken.status_code == 400 and "plan: the plan sent with the form cannot be read" in broken.text
    plan["exercises"][0]["slug"] = "made-up-lift"
    unknown = client.post("/plan/start", data={"plan": json.dumps(plan)}, follow_redirects=False)
    assert unknown.status_code == 404 and "made-up-lift" in html.unescape(unknown.text)
    assert db.run(routines.started_plan, datetime.now(UTC) - timedelta(days=1)) is None


def test_start_keeps_the_plan_and_the_log_form_starts_from_its_target(db: Database) -> None:
    train(db)
    client = client_for(db)
    page = client.get("/plan")
    plan = carried_plan(page.text)
    started = client.post("/plan/start", data={"plan": json.dumps(plan)}, follow_redirects=False)
    assert started.status_code == 303
    first = plan["exercises"][0]
    assert started.headers["location"] == f"/log?exercise={first['slug']}"
    assert db.run(routines.started_plan, datetime.now(UTC) - timedelta(minutes=5)) == PlanOut.model_validate(plan)

    log = client.get(started.headers["location"])
    text = html.unescape(log.text)
    assert "Today’s plan" in text
    for item in plan["exercises"]:
        assert f'<a href="/log?exercise={item["slug"]}"' in log.text
    loaded = next(item for item in plan["exercises"] if item["load_kg"] and "left" in item["sides"])
    one_sided = client.get("/log", params={"exercise": loaded["slug"]})
    assert input_value(one_sided.text, "weight") == f"{loaded['load_kg']:g}"
    assert input_value(one_sided.text, "reps") == str(loaded["reps"])
    assert checked_side(one_sided.text) == loaded["sides"][0]
    target = f"{loaded['sets']} × {loaded['reps']} @ {loaded['load_kg']:g} kg, {loaded['sides'][0]} first"
    assert f"From your plan: {target}" in html.unescape(one_sided.text)
    assert f'<span class="plan-line">{target}</span>' in html.unescape(one_sided.text)
    assert "0/6 sets" in one_sided.text  # 3 sets a side, none done yet

    logged = client.post(
        "/log", data={"exercise": loaded["slug"], "side": "left", "weight": "28", "reps": "9"}, follow_redirects=True
    )
    assert logged.status_code == 200
    assert "1/6 sets" in logged.text
    assert "From your plan" not in logged.text  # once a set is logged, the form follows the sets
    assert input_value(logged.text, "weight") == "28" and checked_side(logged.text) == "right"


def test_the_log_page_shows_no_plan_started_before_today(db: Database) -> None:
    client = client_for(db)
    plan = carried_plan(client.get("/plan").text)
    with db.session(write=True) as session:
        training_settings.change_setting(session, "timezone", "UTC")
    assert client.get("/log").text.count("Today’s plan") == 0
    client.post("/plan/start", data={"plan": json.dumps(plan)})
    assert "Today’s plan" in client.get("/log").text


def test_save_as_routine_and_repeat_last_workout(db: Database) -> None:
    client = client_for(db)
    plan = carried_plan(client.get("/plan").text)
    saved = client.post("/plan/routine", data={"plan": json.dumps(plan), "name": "Monday"})
    assert saved.status_code == 200 and "Saved as the routine “Monday”." in saved.text
    again = client.post("/plan/routine", data={"plan": json.dumps(plan), "name": "monday"})
    assert again.status_code == 400 and "already have a routine named" in html.unescape(again.text)
    assert [r.name for r in db.run(routines.routines)] == ["Monday"]

    nothing = client.post("/plan/repeat-last")
    assert nothing.status_code == 400 and "no workout logged yet" in nothing.text
    client.post("/log", data={"exercise": "goblet-squat", "weight": "24", "reps": "8"})
    repeated = client.post("/plan/repeat-last")
    assert repeated.status_code == 200
    plan = carried_plan(repeated.text)
    assert [(item["slug"], item["load_kg"], item["reps"]) for item in plan["exercises"]] == [("goblet-squat", 24.0, 8)]
    assert "Start" in repeated.text and "Saved your last workout as the routine" in repeated.text


def test_without_a_seed_the_page_shows_todays_plan_all_day(db: Database) -> None:
    with db.session(write=True) as session:
        training_settings.change_setting(session, "timezone", "UTC")
    client = client_for(db)
    before = int(datetime.now(UTC).strftime("%Y%m%d"))
    first, second = carried_plan(client.get("/plan").text), carried_plan(client.get("/plan").text)
    assert first == second and first["seed"] in {before, int(datetime.now(UTC).strftime("%Y%m%d"))}
    assert carried_plan(client.get("/plan", params={"seed": first["seed"]}).text) == first
    assert carried_plan(client.get("/plan", params={"seed": 7}).text)["seed"] == 7


def bundled(client: Any) -> dict[str, ProgrammeOut]:
    return {p["slug"]: ProgrammeOut.model_validate(p) for p in client.get("/api/v1/programmes").json()}


def test_follow_a_programme_and_start_its_next_session(db: Database) -> None:
    client = client_for(db)
    programmes = bundled(client)
    full_body = programmes["full-body-3-day"]
    day = full_body.days[0]
    first_slot = day.slots[0]
    with db.session(write=True) as session:  # a history, so the programme's first lift has a load
        training_settings.change_setting(session, "timezone", "UTC")
        moment = datetime.now(UTC) - timedelta(days=TRAINED_DAYS_AGO)
        sets = parse_sets(f"60kg x {first_slot.low} x {first_slot.sets}")
        training.log_sets(session, first_slot.exercise, sets, performed_at=moment, new_workout=True)

    page = client.get("/plan")
    text = html.unescape(page.text)
    assert "<summary>Follow a programme</summary>" in text and "Next session" not in text
    for p in programmes.values():
        assert f'<option value="{p.slug}">{p.name} · {p.days_per_week} days a week · {p.level}</option>' in text
    followed = client.post("/plan/programme/start", data={"programme": full_body.slug}, follow_redirects=False)
    assert followed.status_code == 303 and followed.headers["location"] == "/plan?programme=next"

    shown = client.get(followed.headers["location"])
    assert shown.status_code == 200
    text = html.unescape(shown.text)
    plan = carried_plan(shown.text)
    assert plan == client.get("/api/v1/programmes/next").json()  # the page shows the API's next session
    assert [item["slug"] for item in plan["exercises"]] == [slot.exercise for slot in day.slots]
    first = plan["exercises"][0]
    assert first["slug"] == first_slot.exercise and first["load_kg"], "the history gives the first lift a load"
    assert f'<a class="plan-name" href="/exercises/{first["slug"]}">' in shown.text
    assert f"{full_body.name}</h2>" in text
    assert words_of(text, "programme-due") == f"Week 1 · {day.name}, day 1 of {len(full_body.days)}"
    assert 'formaction="/plan/swap"' not in shown.text and "Remake the rest" not in text  # the programme decides
    assert '<a class="button-link" href="/plan">Generated plan</a>' in shown.text
    assert 'name="programme" value="next"' in shown.text  # the inputs keep planning the programme's session
    plain = client.get("/plan")
    assert '<a class="button-link" href="/plan?programme=next">Next session</a>' in plain.text
    assert "Follow a programme" not in plain.text and 'formaction="/plan/swap"' in plain.text

    started = client.post("/plan/start", data={"plan": json.dumps(plan), "programme": "next"}, follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"] == f"/log?exercise={first['slug']}"
    assert db.run(routines.started_plan, datetime.now(UTC) - timedelta(minutes=5)) == PlanOut.model_validate(plan)
    log = client.get(started.headers["location"])
    assert input_value(log.text, "weight") == f"{first['load_kg']:g}"
    assert input_value(log.text, "reps") == str(first["reps"])
    target = f"{first['sets']} × {first['reps']} @ {first['load_kg']:g} kg"
    assert f"From your plan: {target}" in html.unescape(log.text)


def test_leave_a_programme_and_the_page_offers_them_all_again(db: Database) -> None:
    client = client_for(db)
    client.post("/plan/programme/start", data={"programme": "upper-lower-4-day"})
    assert db.run(routines.enrolment) is not None
    left = client.post("/plan/programme/leave", data={"profile": "", "seed": "5"}, follow_redirects=False)
    assert left.status_code == 303 and left.headers["location"] == "/plan"
    assert db.run(routines.enrolment) is None
    page = client.get("/plan")
    assert "Follow a programme" in page.text and "Leave programme" not in page.text
    again = client.post("/plan/programme/leave")
    assert again.status_code == 404 and "you follow no programme" in again.text


def test_a_programme_refused_is_said_on_the_page(db: Database) -> None:
    client = client_for(db)
    nothing = client.get("/plan", params={"programme": "next"})
    assert nothing.status_code == 400
    assert "programme: you follow no programme" in html.unescape(nothing.text)
    assert "Follow a programme" in nothing.text and 'name="plan"' not in nothing.text
    odd = client.get("/plan", params={"programme": "someday"})
    assert odd.status_code == 400 and "is not a programme view" in odd.text
    unknown = client.post("/plan/programme/start", data={"programme": "full-body-3-dya"}, follow_redirects=False)
    assert unknown.status_code == 404 and "no programme 'full-body-3-dya'" in html.unescape(unknown.text)
    assert '<option value="full-body-3-day">' in unknown.text  # the form is still there to choose again
    assert db.run(routines.enrolment) is None


def test_minutes_that_are_not_a_whole_number_are_named_not_a_crash(db: Database) -> None:
    client = client_for(db)
    plan = carried_plan(client.get("/plan").text)
    for typed in ("²", "٣٠", "4.5", "ten"):  # '²' and Arabic-Indic digits pass str.isdigit(), not int()
        shown = client.get("/plan", params={"minutes": typed})
        assert shown.status_code == 400, typed
        assert f"minutes: minutes are a whole number of minutes, not '{typed}'" in html.unescape(shown.text)
        posted = client.post("/plan/regenerate", data={"plan": json.dumps(plan), "minutes": typed})
        assert posted.status_code == 400 and "minutes: minutes are a whole number" in html.unescape(posted.text)
    negative = client.get("/plan", params={"minutes": "-5"})
    assert negative.status_code == 400
    assert "minutes: a session is 10 to 240 minutes, not -5" in html.unescape(negative.text)


def test_a_carried_plan_with_a_number_out_of_range_is_refused_naming_it(db: Database) -> None:
    client = client_for(db)
    plan = carried_plan(client.get("/plan").text)
    for change, where in (
        ({"sets": -3}, "exercises.0.sets"),
        ({"load_kg": float("nan")}, "exercises.0.load_kg"),
        ({"rest_s": 10**9}, "exercises.0.rest_s"),
    ):
        wrong = plan | {"exercises": [plan["exercises"][0] | change, *plan["exercises"][1:]]}
        for action in ("/plan/start", "/plan/regenerate", "/plan/routine"):
            sent = {"plan": json.dumps(wrong), "name": "Broken"}
            refused = client.post(action, data=sent, follow_redirects=False)
            assert refused.status_code == 400, (action, change)
            assert f"plan: the plan sent with the form cannot be read ({where}: " in html.unescape(refused.text)
    assert db.run(routines.routines) == []
    assert db.run(routines.started_plan, datetime.now(UTC) - timedelta(days=1)) is None


def test_repeat_last_workout_never_writes_over_a_routine(db: Database) -> None:
    client = client_for(db)
    client.post("/log", data={"exercise": "goblet-squat", "weight": "24", "reps": "8"})
    first = client.post("/plan/repeat-last")
    assert first.status_code == 200
    (kept,) = db.run(routines.routines)
    client.post("/log", data={"exercise": "push-up", "bodyweight": "yes", "reps": "12"})  # the workout grew
    second = client.post("/plan/repeat-last")
    assert second.status_code == 200
    again = f"{kept.name} (2)"
    assert f"Saved your last workout as the routine “{again}”." in html.unescape(second.text)
    third = client.post("/plan/repeat-last")
    assert f"Saved your last workout as the routine “{kept.name} (3)”." in html.unescape(third.text)
    by_name = {r.name: r for r in db.run(routines.routines)}
    assert set(by_name) == {kept.name, again, f"{kept.name} (3)"}
    assert by_name[kept.name] == kept  # the first is as it was
    assert [e.slug for e in by_name[again].exercises] == ["goblet-squat", "push-up"]
