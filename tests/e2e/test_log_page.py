"""Logging a workout in a real browser, on a phone-sized screen: each side on its own, the rest timer."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot


def test_log_both_sides_on_a_phone_and_the_rest_timer_runs(phone: Page, server_url: str) -> None:
    phone.goto(f"{server_url}/log")
    phone.get_by_label("Exercise").fill("Single-Leg Hip Thrust")
    phone.get_by_role("button", name="Choose").click()
    expect(phone.get_by_role("heading", name="Single-Leg Hip Thrust")).to_be_visible()
    for side, weight, reps in (("Left", "40", "10"), ("Right", "40", "8")):
        phone.get_by_label(side, exact=True).check()
        phone.get_by_label("Weight (kg)").fill(weight)
        phone.get_by_label("Reps").fill(reps)
        phone.get_by_role("button", name="Log set").click()
    today = phone.locator("section.today")
    expect(today).to_contain_text("L 40 kg × 10")
    expect(today).to_contain_text("R 40 kg × 8")
    timer = phone.locator("#rest-timer")
    expect(timer).to_be_visible()
    first = phone.locator("#timer-left").inner_text()
    phone.wait_for_timeout(1500)
    assert phone.locator("#timer-left").inner_text() != first  # counting down
    box = phone.get_by_role("button", name="Log set").bounding_box()
    assert box is not None and box["height"] >= 48  # a target a sweaty thumb can hit
    assert screenshot(phone, "log-phone").stat().st_size > 10_000


def test_the_rest_timer_waits_for_a_set_and_a_double_tap_logs_once(phone: Page, server_url: str) -> None:
    phone.goto(f"{server_url}/log?exercise=goblet-squat")
    expect(phone.get_by_role("heading", name="Goblet Squat", level=1)).to_be_visible()
    expect(phone.locator("#rest-timer")).to_be_hidden()  # no rest yet: no bar
    phone.get_by_label("Weight (kg)").fill("24")
    phone.get_by_label("Reps").fill("8")
    # Two taps before the page changes: the form is sent once (the posts that go out are the submits not held).
    sent = phone.evaluate(
        """() => {
            const form = document.querySelector("form.log-set");
            const button = form.querySelector("button.log-button");
            const posts = [];
            form.addEventListener("submit", (event) => posts.push(!event.defaultPrevented));
            button.click();
            button.click();
            return posts.filter(Boolean).length;
        }"""
    )
    assert sent == 1
    expect(phone.locator(".undo")).to_contain_text("Logged 24 kg × 8")
    expect(phone.locator("#rest-timer")).to_be_visible()  # the rest runs now
    newest = phone.request.get(f"{server_url}/api/v1/workouts").json()[0]["id"]
    workout = phone.request.get(f"{server_url}/api/v1/workouts/{newest}").json()
    assert [len(e["sets"]) for e in workout["entries"] if e["exercise"] == "goblet-squat"] == [1]
