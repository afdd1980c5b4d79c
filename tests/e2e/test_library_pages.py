"""The web app in a real browser: search, facets, an exercise page with its body map, alternatives."""

from __future__ import annotations

import itertools
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot


def test_search_with_a_typo_and_open_the_result(page: Page, server_url: str) -> None:
    page.goto(server_url)
    page.get_by_label("Search exercises").fill("bulgarain squat")
    page.get_by_role("button", name="Search").click()
    first = page.locator(".results .result-name").first
    expect(first).to_have_text("Bulgarian Split Squat")
    first.click()
    expect(page).to_have_url(f"{server_url}/exercises/bulgarian-split-squat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bulgarian Split Squat")


def test_two_facets_combine_and_stay_in_the_url(page: Page, server_url: str) -> None:
    page.goto(server_url)
    page.locator('a.facet-value[data-facet="muscle"][data-value="glutes"]').click()
    page.locator('a.facet-value[data-facet="equipment"][data-value="barbell"]').click()
    params = parse_qs(urlparse(page.url).query)
    assert params == {"muscle": ["glutes"], "equipment": ["barbell"]}
    names = page.locator(".results .result-name").all_inner_texts()
    assert "Barbell Hip Thrust" in names and "Glute Bridge" not in names
    for meta in page.locator(".results .result .meta").all_inner_texts():
        assert "Glutes" in meta and "Barbell" in meta
    expect(page.locator('a.facet-value.selected[data-value="glutes"]')).to_have_attribute("aria-current", "true")
    # The same URL, opened fresh, shows the same results: a search can be bookmarked.
    page.goto(page.url)
    assert page.locator(".results .result-name").all_inner_texts() == names


def test_exercise_page_body_map_highlights_the_right_muscles(page: Page, server_url: str) -> None:
    record = page.request.get(f"{server_url}/api/v1/exercises/single-leg-hip-thrust").json()
    page.goto(f"{server_url}/exercises/single-leg-hip-thrust")
    body_map = page.locator("figure.body-map")
    expect(body_map).to_be_visible()
    primary = set(body_map.locator(".muscle.primary").evaluate_all("els => els.map(e => e.dataset.muscle)"))
    secondary = set(body_map.locator(".muscle.secondary").evaluate_all("els => els.map(e => e.dataset.muscle)"))
    assert primary == {m["slug"] for m in record["primary_muscles"]} == {"glutes", "hamstrings"}
    assert secondary == {m["slug"] for m in record["secondary_muscles"]}
    assert body_map.locator(".muscle:not(.primary):not(.secondary)").count() > 0  # the rest stays unshaded
    expect(body_map.locator("figcaption")).to_contain_text("Primary: Glutes, Hamstrings")
    # Every section of the page, in the seed page's order.
    sections = ("summary", "steps", "muscles", "tips", "equipment", "benefits", "drills", "faq")
    tops = [page.locator(f"#{section}").evaluate("e => e.getBoundingClientRect().top") for section in sections]
    assert tops == sorted(tops)


def test_alternatives_filtered_by_the_equipment_at_hand(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/exercises/barbell-hip-thrust")
    everything = page.locator("#alternatives .result-name").all_inner_texts()
    assert everything
    page.locator('#alternatives input[name="have"][value="dumbbell"]').check()
    page.locator("#alternatives").get_by_role("button", name="Show alternatives").click()
    assert parse_qs(urlparse(page.url).query) == {"have": ["dumbbell"]}
    expect(page.locator('#alternatives input[value="dumbbell"]')).to_be_checked()
    shown = page.locator("#alternatives .result-name").all_inner_texts()
    api = page.request.get(f"{server_url}/api/v1/exercises/barbell-hip-thrust/alternatives?have=dumbbell").json()
    assert shown == [item["name"] for item in api["items"]]
    assert shown and set(shown) != set(everything)
    for item in api["items"]:
        assert {e["slug"] for e in item["equipment"] if not e["optional"]} <= {"dumbbell"}
    for reason in page.locator("#alternatives .result .reason").all_inner_texts():
        assert "glutes" in reason


def test_screenshots_at_phone_and_desktop_widths(page: Page, phone: Page, server_url: str) -> None:
    for device, name in ((page, "desktop"), (phone, "phone")):
        device.goto(f"{server_url}/?muscle=glutes")
        expect(device.locator(".results .result").first).to_be_visible()
        assert screenshot(device, f"library-{name}").stat().st_size > 10_000
        device.goto(f"{server_url}/exercises/single-leg-hip-thrust")
        expect(device.locator("figure.body-map")).to_be_visible()
        assert screenshot(device, f"exercise-{name}").stat().st_size > 10_000
    # On a phone nothing is wider than the screen.
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_keyboard_reaches_the_search_box_and_skip_link(page: Page, server_url: str) -> None:
    page.goto(server_url)
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_attribute("id", "q")


def test_headings_in_order_and_every_control_labelled(page: Page, server_url: str) -> None:
    for path in (
        "/",
        "/?q=glute&muscle=glutes",
        "/exercises/single-leg-hip-thrust",
        "/muscles/glutes",
        "/equipment/bench",
    ):
        page.goto(server_url + path)
        levels = page.locator("h1, h2, h3, h4, h5, h6").evaluate_all("els => els.map(e => Number(e.tagName[1]))")
        assert levels.count(1) == 1 and levels[0] == 1, path
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{path}: h{before} followed by h{after}"
        unlabelled = page.locator("input:not([type=hidden]), select, textarea").evaluate_all(
            "els => els.filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).length"
        )
        assert unlabelled == 0, path
        images = page.locator("svg[role=img]").evaluate_all(
            "els => els.filter(e => !e.querySelector('title') || !e.querySelector('desc')).length"
        )
        assert images == 0, path
