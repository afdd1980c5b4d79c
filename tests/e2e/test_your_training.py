"""Your training shown back, in a real Chromium on a 390 x 844 phone and a 1280 x 900 screen, light and dark: the
exercise page's "Your training" (sessions, records per side, the e1RM chart with a line per side) and the
calendar of training days on /history, each within the screen's width and readable in both palettes.
Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from liftlore.domain.log_grammar import parse_sets
from liftlore.services import training, training_settings
from liftlore.store.db import Database
from tests.e2e.conftest import SCREENSHOTS, screenshot

BSS = "bulgarian-split-squat"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
# Days back from today of each Bulgarian split squat session, and its sets: a weaker right side catching up.
SESSIONS = {
    20: "L 20kg x 10, R 20kg x 8, L 20kg x 10, R 20kg x 9",
    13: "L 22kg x 10, R 22kg x 8, L 22kg x 9, R 22kg x 8",
    6: "L 24kg x 8, R 22kg x 10, L 24kg x 8, R 22kg x 9",
    1: "L warm-up 10kg x 10, L 24kg x 10, R 24kg x 9, L 24kg x 9, R 24kg x 9",
}


@pytest.fixture(scope="module")
def history(live_db: Database) -> list[date]:
    """The sessions above, at noon UTC; the days trained, oldest first."""
    live_db.run(training_settings.change_setting, "timezone", "UTC")
    today = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    days = []
    for back, sets in sorted(SESSIONS.items(), reverse=True):
        when = today - timedelta(days=back)
        live_db.run(training.log_sets, BSS, parse_sets(sets), performed_at=when, new_workout=True)
        days.append(when.date())
    return days


@pytest.fixture(params=[(size, scheme) for size in SIZES for scheme in ("light", "dark")], ids=lambda p: "-".join(p))
def screen(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[Page, str]]:
    size, scheme = request.param
    width, height = SIZES[size]
    phone = size == "phone"
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        color_scheme=scheme,
    )
    yield context.new_page(), f"{size}-{scheme}"
    context.close()


def _no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths


def _within_width(page: Page, selector: str) -> None:
    box = page.locator(selector).first.bounding_box()
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (selector, box)


def _rgb(text: str) -> tuple[float, ...]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)[:3]]
    assert len(numbers) == 3, text
    return tuple(numbers)


def _contrast(one: str, other: str) -> float:
    """WCAG's contrast ratio of two CSS colours (rgb(...))."""

    def luminance(colour: tuple[float, ...]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(_rgb(one)), luminance(_rgb(other))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _style(page: Page, selector: str, prop: str) -> str:
    value: str = page.locator(selector).first.evaluate(f"e => getComputedStyle(e).{prop}")
    return value


def test_your_training_shows_on_the_exercise_page_within_the_screen(
    screen: tuple[Page, str], server_url: str, history: list[date]
) -> None:
    page, name = screen
    page.goto(f"{server_url}/exercises/{BSS}")
    mine = page.locator("#your-training")
    expect(mine.get_by_role("heading", name="Your training")).to_be_visible()
    expect(mine.locator(".training-sessions > li")).to_have_count(len(SESSIONS))
    expect(mine.locator(".training-sessions > li").first).to_contain_text("L 24 kg × 10")
    expect(mine.locator(".records-table").first.locator("thead th")).to_have_text(["Record", "Left", "Right"])

    chart = mine.locator("figure.chart-figure svg")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    expect(mine.locator(".chart-series")).to_have_count(2)
    # Each side's line is drawn in a colour that stands out from the page, in either palette.
    background = _style(page, "body", "backgroundColor")
    for tone in ("series-0", "series-1"):
        stroke = _style(page, f"#your-training .{tone} .chart-line", "stroke")
        assert stroke != "none" and _contrast(stroke, background) >= 3, (tone, stroke, background)
    ink = _style(page, "#your-training .chart text", "fill")
    assert _contrast(ink, background) >= 4.5, (ink, background)
    expect(mine.locator("figcaption")).to_contain_text(f"over {len(SESSIONS)} sessions")
    expect(mine.get_by_role("link", name="Log Bulgarian Split Squat")).to_have_attribute("href", f"/log?exercise={BSS}")

    for selector in ("#your-training", "#your-training svg", "#your-training .records-table"):
        _within_width(page, selector)
    _no_sideways_scroll(page)
    assert screenshot(page, f"your-training-{name}").stat().st_size > 10_000
    mine.screenshot(path=str(SCREENSHOTS / f"your-training-{name}-section.png"))


def test_the_history_calendar_marks_the_days_trained(
    screen: tuple[Page, str], server_url: str, history: list[date]
) -> None:
    page, name = screen
    today = datetime.now(UTC).date()
    page.goto(f"{server_url}/history")
    calendar = page.locator("table.calendar")
    expect(calendar).to_be_visible()
    expect(page.get_by_role("heading", name=f"{today:%B %Y}")).to_be_visible()
    marked = calendar.locator("td.trained")
    expected = [d.day for d in history if (d.year, d.month) == (today.year, today.month)]
    expect(marked).to_have_text([str(day) for day in expected])
    expect(calendar.locator("td.today")).to_have_text(str(today.day))
    # A trained day stands out from a rest day, and its number stays readable on it.
    trained_bg = _style(page, "table.calendar td.trained", "backgroundColor")
    rest_bg = _style(page, "table.calendar td.rest", "backgroundColor")
    assert trained_bg != rest_bg
    assert _contrast(_style(page, "table.calendar td.trained a", "color"), trained_bg) >= 4.5
    expect(page.locator(".calendar-alt")).to_contain_text(f"in {today:%B %Y}")

    if expected:
        marked.first.locator("a").click()
        expect(page).to_have_url(re.compile(r"/workouts/[0-9a-f-]+$"))
        page.go_back()

    _within_width(page, "table.calendar")
    _no_sideways_scroll(page)
    assert screenshot(page, f"history-{name}").stat().st_size > 10_000
    page.locator(".training-calendar").screenshot(path=str(SCREENSHOTS / f"history-calendar-{name}.png"))
