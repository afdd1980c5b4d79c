"""/insight in a real Chromium, on a 390 px phone and a 1280 px screen, light and dark: the charts show, fit the
screen, and their text stands out from the background. Screenshots land in artifacts/screenshots/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from liftlore.store.db import Database
from tests.e2e.conftest import SCREENSHOTS, screenshot
from tests.web.test_insight_pages import log_history

SIZES = {"phone": (390, 844), "wide": (1280, 900)}


@pytest.fixture(scope="module")
def history_url(live_db: Database, server_url: str) -> str:
    log_history(live_db)
    return f"{server_url}/insight?week=2025-W10"


def _rgb(text: str) -> tuple[float, ...]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", text)[:3]]
    assert len(numbers) == 3, text
    return tuple(numbers)


def _contrast(one: str, two: str) -> float:
    """The WCAG contrast ratio of two computed colours ('rgb(r, g, b)')."""

    def luminance(colour: str) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in _rgb(colour)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _open(browser: Browser, size: str, scheme: str) -> Page:
    width, height = SIZES[size]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        color_scheme="dark" if scheme == "dark" else "light",
        is_mobile=size == "phone",
        has_touch=size == "phone",
    )
    return context.new_page()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["phone", "wide"])
def test_charts_show_fit_and_read_in_both_schemes(browser: Browser, history_url: str, size: str, scheme: str) -> None:
    page = _open(browser, size, scheme)
    try:
        page.goto(history_url)
        expect(page.locator("h1")).to_have_text("Your training, shown back")
        charts = page.locator("figure.chart-figure svg.chart")
        expect(charts).to_have_count(4)  # weekly volume, one symmetry chart, two e1RM histories
        width = SIZES[size][0]
        for chart in charts.all():
            chart.scroll_into_view_if_needed()
            expect(chart).to_be_visible()
            box = chart.bounding_box()
            assert box is not None and box["height"] > 80 and box["x"] >= 0 and box["x"] + box["width"] <= width
        expect(page.locator(".recovery-map svg.body-map-svg")).to_have_count(2)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] == width, widths

        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        colours = page.evaluate(
            """() => {
                const fill = (selector) => getComputedStyle(document.querySelector(selector)).fill;
                return {
                    heading: getComputedStyle(document.querySelector('h1')).color,
                    caption: getComputedStyle(document.querySelector('figcaption')).color,
                    label: fill('#volume-chart .chart-bar-label'),
                    tick: fill('#volume-chart .chart-tick'),
                    band: fill('#volume-chart .chart-band-text'),
                    line: getComputedStyle(document.querySelector('.chart-series .chart-line')).stroke,
                };
            }"""
        )
        dark = sum(_rgb(background)) < 3 * 128
        assert dark == (scheme == "dark"), background
        for name, colour in colours.items():
            needed = 4.5 if name in ("heading", "caption", "label") else 3.0
            assert _contrast(colour, background) >= needed, (name, colour, background)
        assert screenshot(page, f"insight-{size}-{scheme}").stat().st_size > 10_000
        if size == "phone":  # each section on its own as well, to look at at the phone's own scale
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            for section in ("volume", "recovery", "symmetry", "records"):
                page.locator(f"#{section}").screenshot(path=str(SCREENSHOTS / f"insight-phone-{scheme}-{section}.png"))
    finally:
        page.context.close()


def test_a_muscles_reasons_open_beside_the_map(browser: Browser, history_url: str) -> None:
    page = _open(browser, "phone", "light")
    try:
        page.goto(history_url)
        glutes = page.locator(".recovery-list li[data-muscle=glutes]")
        expect(glutes.locator(".recovery-pct")).to_have_text("70 %")
        expect(glutes.locator(".source-list")).to_be_hidden()
        glutes.locator("summary").click()
        expect(glutes.locator(".source-list li")).to_have_count(1)
        expect(glutes.locator(".source-list li")).to_contain_text("Barbell Hip Thrust (primary, both sides)")
        expect(page.locator('.recovery-map path[data-muscle="glutes"].recovery-1').first).to_be_visible()
    finally:
        page.context.close()
