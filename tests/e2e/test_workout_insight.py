"""One workout on a 390 px phone (issue 10): a one-sided exercise's left and right sets side by side, set by set,
within the screen's width, with each exercise's best e1RM; a set opened to fix it takes the whole row. Screenshots
land in artifacts/screenshots/."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot

PHONE_WIDTH = 390


def _no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == PHONE_WIDTH, widths


def test_left_and_right_sit_side_by_side_within_a_phone_width(phone: Page, server_url: str) -> None:
    sets = "L warm-up 20kg x 12, L 42.5kg x 10 @8.5, R 42.5kg x 9 @9, L 45kg x 8, R 42.5kg x 8"
    answer = phone.request.post(
        f"{server_url}/api/v1/log",
        data={"exercise": "single-leg-hip-thrust", "sets": sets, "new_workout": True},
    )
    assert answer.status == 201, answer.text()
    workout_id = answer.json()["workout"]["id"]
    phone.goto(f"{server_url}/workouts/{workout_id}")

    entry = phone.locator("section.entry").first
    expect(entry.locator(".entry-e1rm")).to_contain_text("left 57 kg, right 55.2 kg (right 3% lower)")
    rows = entry.locator(".side-pair")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("L 20 kg × 12 (warm-up)")  # a warm-up on one side only has no match
    expect(rows.first).to_contain_text("no right set")
    left, right = rows.nth(1).locator(".set-item").all()
    expect(left).to_contain_text("L 42.5 kg × 10 @ RPE 8.5")
    expect(right).to_contain_text("R 42.5 kg × 9 @ RPE 9")
    left_box, right_box = left.bounding_box(), right.bounding_box()
    assert left_box is not None and right_box is not None
    # One row, two columns, both within the screen.
    assert abs(left_box["y"] - right_box["y"]) < 1 and right_box["x"] >= left_box["x"] + left_box["width"]
    assert right_box["x"] + right_box["width"] <= PHONE_WIDTH
    _no_sideways_scroll(phone)
    assert screenshot(phone, "workout-sides-phone").stat().st_size > 10_000

    # Opened to fix it, a set's form spans both columns; the right set moves below it, still in its column.
    left.locator("summary").click()
    form_box = left.locator("form.set-form").bounding_box()
    moved = right.bounding_box()
    assert form_box is not None and moved is not None
    assert form_box["width"] > PHONE_WIDTH * 0.75 and moved["y"] > form_box["y"] + form_box["height"]
    assert moved["x"] > PHONE_WIDTH / 3
    _no_sideways_scroll(phone)
