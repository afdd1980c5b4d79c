"""/plan in a real Chromium on a phone: the plan shows its loads and reasons, Start opens the log with the first
exercise's target in the inputs, and that set logs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from liftlore.store.db import Database
from tests.e2e.conftest import screenshot
from tests.web.test_plan_pages import train


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
