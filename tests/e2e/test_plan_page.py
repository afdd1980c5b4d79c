"""/plan in a real Chromium on a phone: the plan shows its loads and reasons, Start opens the log with the first
exercise's target in the inputs, and that set logs; a programme followed from the page shows its next session,
which starts the same way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from tests.e2e.conftest import screenshot
from tests.web.test_plan_pages import TRAINED_DAYS_AGO, train


def test_start_a_plan_and_log_its_first_set(phone: Page, live_db: Database, server_url: str) -> None:
    train(live_db)
    plan = phone.request.get(f"{server_url}/api/v1/plan").json()
    first = plan["exercises"][0]
    assert first["load_kg"], "the trained history gives the first exercise a load"

    phone.goto(f"{server_url}/plan")
    expect(phone.get_by_role("heading", name="Today’s plan", level=1)).to_be_visible()
    exercise = phone.locator(f"#plan-{first['slug']}")
    expect(exercise.locator(".plan-target")).to_have_text(
        f"{first['sets']} × {first['reps']} @ {first['load_kg']:g} kg"
    )
    expect(exercise.locator(".plan-why")).to_contain_text(first["load_reason"])
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the plan is {width} px wide on a 390 px phone"
    screenshot(phone, "plan-phone")

    phone.get_by_role("button", name="Start").first.click()
    expect(phone).to_have_url(f"{server_url}/log?exercise={first['slug']}")
    expect(phone.get_by_label("Weight (kg)")).to_have_value(f"{first['load_kg']:g}")
    expect(phone.get_by_label("Reps")).to_have_value(str(first["reps"]))
    if "left" in first["sides"]:
        expect(phone.get_by_label(first["sides"][0].title(), exact=True)).to_be_checked()
    expect(phone.locator(".prefill")).to_contain_text("From your plan:")
    row = phone.locator(".today-plan li").first
    expect(row).to_contain_text("0/")

    phone.get_by_role("button", name="Log set").click()
    expect(phone.locator(".undo")).to_contain_text(f"{first['load_kg']:g} kg × {first['reps']}")
    expect(phone.locator(".today-plan li").first).to_contain_text("1/")
    screenshot(phone, "log-plan-phone")


def test_follow_a_programme_and_start_its_next_session(phone: Page, live_db: Database, server_url: str) -> None:
    listed = {p["slug"]: p for p in phone.request.get(f"{server_url}/api/v1/programmes").json()}
    chosen = listed["upper-lower-4-day"]
    day = chosen["days"][0]
    slot = day["slots"][0]
    with live_db.session(write=True) as session:  # a history, so the session's first lift has a load
        training_settings.change_setting(session, "timezone", "UTC")
        moment = datetime.now(UTC) - timedelta(days=TRAINED_DAYS_AGO)
        sets = parse_sets(f"50kg x {slot['low']} x {slot['sets']}")
        training.log_sets(session, slot["exercise"], sets, performed_at=moment, new_workout=True)

    phone.goto(f"{server_url}/plan")
    phone.get_by_text("Follow a programme").click()
    phone.get_by_label("Programme").select_option(chosen["slug"])
    phone.get_by_role("button", name="Follow").click()
    expect(phone).to_have_url(f"{server_url}/plan?programme=next")
    expect(phone.locator(".programme-due")).to_have_text(f"Week 1 · {day['name']}, day 1 of {len(chosen['days'])}")
    session_plan = phone.request.get(f"{server_url}/api/v1/programmes/next").json()
    first = session_plan["exercises"][0]
    assert first["slug"] == slot["exercise"] and first["load_kg"], "the history gives the first lift a load"
    expect(phone.locator(f"#plan-{first['slug']}").locator(".plan-target")).to_have_text(
        f"{first['sets']} × {first['reps']} @ {first['load_kg']:g} kg"
    )
    expect(phone.get_by_role("button", name=f"Swap {first['name']}")).to_have_count(0)
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the programme's session is {width} px wide on a 390 px phone"
    screenshot(phone, "plan-programme-phone")

    phone.get_by_role("button", name="Start").first.click()
    expect(phone).to_have_url(f"{server_url}/log?exercise={first['slug']}")
    expect(phone.get_by_label("Weight (kg)")).to_have_value(f"{first['load_kg']:g}")
    expect(phone.get_by_label("Reps")).to_have_value(str(first["reps"]))
    expect(phone.locator(".prefill")).to_contain_text("From your plan:")
