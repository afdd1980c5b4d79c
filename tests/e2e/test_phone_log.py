"""The log on a 390 x 844 phone, as a lifter uses it between sets (issue 10): everything needed within the first
screen, the next set filled in, records announced, mistakes taken back or fixed, a rest timer that beeps and
survives a locked screen. Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot

HIP = "single-leg-hip-thrust"
SCREEN_HEIGHT = 844

# Stands in for the speaker and the vibration motor: counts the beeps and buzzes the page asks for.
FAKE_SOUND = """
window.__beeps = 0; window.__buzzes = 0;
class FakeAudioContext {
  constructor() { this.state = "running"; this.currentTime = 0; this.destination = {}; }
  resume() { return Promise.resolve(); }
  createGain() { return { gain: { setValueAtTime() {}, linearRampToValueAtTime() {} }, connect() {} }; }
  createOscillator() {
    return { frequency: {}, connect() {}, start() { window.__beeps += 1; }, stop() {} };
  }
}
window.AudioContext = FakeAudioContext;
navigator.vibrate = function () { window.__buzzes += 1; return true; };
"""


def _log_via_api(page: Page, url: str, exercise: str, sets: str, *, new_workout: bool = True) -> dict[str, Any]:
    answer = page.request.post(
        f"{url}/api/v1/log", data={"exercise": exercise, "sets": sets, "new_workout": new_workout}
    )
    assert answer.status == 201, answer.text()
    body: dict[str, Any] = answer.json()
    return body


def _within_first_screen(page: Page, name: str) -> None:
    box = page.get_by_role("button", name=name).bounding_box()
    assert box is not None and box["y"] + box["height"] <= SCREEN_HEIGHT, box


def test_the_log_form_fits_the_first_screen_and_fills_in_the_next_set(phone: Page, server_url: str) -> None:
    _log_via_api(phone, server_url, HIP, "L 40kg x 10, R 40kg x 10, L 40kg x 9, R 40kg x 9")
    _log_via_api(phone, server_url, "goblet-squat", "20kg x 8")  # today's workout begins
    phone.goto(f"{server_url}/log?exercise={HIP}")
    expect(phone.get_by_role("heading", name="Single-Leg Hip Thrust", level=1)).to_be_in_viewport()
    expect(phone.locator(".previous li")).to_have_text(["L 40 kg × 10", "R 40 kg × 10", "L 40 kg × 9", "R 40 kg × 9"])
    # Inputs start from last time's first set, and say so.
    expect(phone.get_by_label("Weight (kg)")).to_have_value("40")
    expect(phone.get_by_label("Reps")).to_have_value("10")
    expect(phone.get_by_label("Left", exact=True)).to_be_checked()
    expect(phone.get_by_text("From last time: 40 kg × 10")).to_be_visible()
    _within_first_screen(phone, "Log set")

    phone.get_by_role("button", name="Log set").click()
    # The other side comes next, with the same weight and reps; the rest timer runs in its bar.
    expect(phone.get_by_label("Right", exact=True)).to_be_checked()
    expect(phone.get_by_label("Weight (kg)")).to_have_value("40")
    expect(phone.get_by_label("Reps")).to_have_value("10")
    expect(phone.locator(".undo")).to_contain_text("Logged L 40 kg × 10")
    expect(phone.locator("#rest-timer")).to_be_in_viewport()
    _within_first_screen(phone, "Log set")
    assert screenshot(phone, "log-phone-after-left").stat().st_size > 10_000

    # A heavier right side breaks the record, and the page says so at once.
    phone.get_by_label("Weight (kg)").fill("45")
    phone.get_by_label("Reps").fill("8")
    phone.get_by_role("button", name="Log set").click()
    expect(phone.locator(".record-news")).to_contain_text("New record!")
    expect(phone.locator(".record-news")).to_contain_text("heaviest weight (right): 45 kg, beating 40 kg")
    expect(phone.get_by_label("Left", exact=True)).to_be_checked()  # and round again
    _within_first_screen(phone, "Log set")
    assert screenshot(phone, "log-phone-record").stat().st_size > 10_000

    # Undo right after logging takes it back.
    phone.get_by_role("button", name="Undo").click()
    expect(phone.get_by_role("status").filter(has_text="Set taken back")).to_be_visible()
    expect(phone.locator("section.today")).not_to_contain_text("R 45 kg × 8")
    expect(phone.locator("section.today")).to_contain_text("L 40 kg × 10")

    # Today's exercises lead back to their form.
    phone.locator("section.today").get_by_role("link", name="Goblet Squat").click()
    expect(phone).to_have_url(re.compile(r"/log\?exercise=goblet-squat$"))
    expect(phone.get_by_label("Weight (kg)")).to_have_value("20")  # a bilateral lift keeps its values
    expect(phone.get_by_label("Reps")).to_have_value("8")


def test_body_weight_is_chosen_not_left_blank(phone: Page, server_url: str) -> None:
    phone.goto(f"{server_url}/log?exercise=push-up")
    weight = phone.get_by_label("Weight (kg)")
    expect(weight).to_have_value("")
    assert weight.get_attribute("placeholder") is None  # nothing that looks filled in
    phone.get_by_label("Reps").fill("12")
    phone.get_by_role("button", name="Log set").click()
    expect(phone.get_by_role("alert")).to_contain_text("weight: enter the weight in kg, or tick Body weight")
    expect(phone.get_by_label("Weight (kg)")).to_have_attribute("aria-invalid", "true")
    phone.get_by_label("Body weight").check()
    expect(phone.get_by_label("Weight (kg)")).to_be_disabled()
    phone.get_by_role("button", name="Log set").click()
    expect(phone.locator("section.today")).to_contain_text("body weight × 12")
    expect(phone.get_by_label("Body weight")).to_be_checked()  # the next set is body weight too


def test_the_rest_timer_beeps_buzzes_mutes_and_survives_a_locked_screen(browser: Any, server_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script(FAKE_SOUND)
    phone = context.new_page()
    phone.clock.install()
    phone.goto(f"{server_url}/log?exercise=goblet-squat")
    phone.get_by_label("Weight (kg)").fill("22")
    phone.get_by_label("Reps").fill("8")
    phone.locator("form.log-set select[name=rest]").select_option("60")
    phone.get_by_role("button", name="Log set").click()
    clock = phone.locator("#timer-left")
    expect(clock).to_have_text(re.compile(r"^(1:00|0:5\d)$"))
    # The screen locks for 45 s: no timer runs, then the page comes back and counts from the end time.
    phone.clock.fast_forward(45_000)
    phone.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    expect(clock).to_have_text(re.compile(r"^0:1[0-5]$"))
    phone.reload()  # a reload keeps the same rest, rather than starting it again
    expect(clock).to_have_text(re.compile(r"^0:1[0-5]$"))
    assert phone.evaluate("window.__beeps") == 0
    phone.locator("body").click()  # a tap lets the page make sound
    phone.clock.fast_forward(20_000)
    expect(phone.locator("#rest-timer")).to_have_class(re.compile(r"\bdone\b"))
    expect(clock).to_have_text("0:00")
    assert phone.evaluate("window.__beeps") > 0 and phone.evaluate("window.__buzzes") == 1

    # Muted, the next rest ends with a buzz and no beep; the choice outlives a reload.
    sound = phone.locator("#timer-sound")
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "false")
    phone.reload()
    expect(sound).to_have_attribute("aria-pressed", "false")
    beeps = phone.evaluate("window.__beeps")
    phone.get_by_role("button", name="Start").click()
    phone.clock.fast_forward(100_000)
    expect(phone.locator("#rest-timer")).to_have_class(re.compile(r"\bdone\b"))
    assert phone.evaluate("window.__beeps") == beeps and phone.evaluate("window.__buzzes") >= 1
    context.close()


def test_a_workout_is_fixed_on_its_page(phone: Page, server_url: str) -> None:
    logged = _log_via_api(phone, server_url, "bulgarian-split-squat", "L 20kg x 8, R 20kg x 8, L 20kg x 7")
    workout_id = logged["workout"]["id"]
    phone.goto(f"{server_url}/workouts/{workout_id[:8]}")  # the short id `history` prints
    first = phone.locator("details.set-edit").first
    first.locator("summary").click()
    first.get_by_label("Weight (kg)").fill("22.5")
    first.get_by_label("Reps").fill("9")
    first.get_by_role("button", name="Save set").click()
    expect(phone.get_by_role("status")).to_have_text("Set saved.")
    expect(phone.locator(".set-text").first).to_have_text("L 22.5 kg × 9")
    assert screenshot(phone, "workout-phone").stat().st_size > 10_000

    # A mistake in the form is named, and nothing changes.
    first = phone.locator("details.set-edit").first
    first.locator("summary").click()
    first.get_by_label("Reps").fill("nine")
    first.get_by_role("button", name="Save set").click()
    expect(phone.get_by_role("alert")).to_contain_text("reps: 'nine' is not a number")
    expect(phone.locator("details.set-edit[open]").get_by_label("Reps")).to_have_value("nine")

    # Move the last set to another exercise, delete the second.
    last = phone.locator("details.set-edit").nth(2)
    last.locator("summary").click()
    last.get_by_label("Move to another exercise").fill("Single-Leg Hip Thrust")
    last.get_by_role("button", name="Move").click()
    expect(phone.get_by_role("status")).to_have_text("Set moved.")
    expect(phone.locator("section.entry").nth(1)).to_contain_text("L 20 kg × 7")
    second = phone.locator("details.set-edit").nth(1)
    second.locator("summary").click()
    second.get_by_role("button", name="Delete set").click()
    expect(phone.get_by_role("status")).to_have_text("Set deleted.")
    expect(phone.locator("section.entry").first).not_to_contain_text("R 20 kg × 8")

    # Rename, finish, then delete after confirming.
    phone.get_by_label("Name").fill("Split squat day")
    phone.get_by_role("button", name="Rename").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Split squat day")
    phone.get_by_role("button", name="Finish workout").click()
    expect(phone.get_by_role("status")).to_have_text("Workout finished.")
    expect(phone.get_by_role("button", name="Finish workout")).to_have_count(0)
    phone.get_by_role("link", name="Delete this workout…").click()
    expect(phone.get_by_role("alertdialog")).to_contain_text("Delete this workout and its 2 sets?")
    phone.get_by_role("button", name="Yes, delete the workout").click()
    expect(phone).to_have_url(re.compile(r"/history\?done=workout-deleted$"))
    expect(phone.get_by_role("status")).to_have_text("Workout deleted.")
    expect(phone.locator("ol.history")).not_to_contain_text("Split squat day")


def test_history_filters_by_exercise_on_a_phone(phone: Page, server_url: str) -> None:
    _log_via_api(phone, server_url, "barbell-back-squat", "100kg x 5")
    _log_via_api(phone, server_url, "barbell-back-squat", "105kg x 5")
    phone.goto(f"{server_url}/history")
    expect(phone.locator("ol.history li").first).to_contain_text("1 set · ")
    phone.get_by_label("Only one exercise").fill("back squat")
    phone.get_by_role("button", name="Show").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("History: Barbell Back Squat")
    lines = phone.locator("ol.history > li")
    expect(lines).to_have_count(2)
    expect(lines.first).to_contain_text("105 kg × 5")
    expect(lines.first).to_contain_text("PR heaviest weight: 105 kg, beating 100 kg")
    assert screenshot(phone, "history-phone-filtered").stat().st_size > 10_000
