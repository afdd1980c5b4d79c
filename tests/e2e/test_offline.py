"""The gym without a signal, in a real browser: the app installs, pages opened before open offline, and sets
logged offline wait on the phone and reach the log once each when the connection is back."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, expect

from liftlore.store.db import Database
from liftlore.web.app import create_app
from tests.e2e.conftest import SCREENSHOTS
from tests.live_server import START_SECONDS, free_port

EXERCISE = "single-leg-hip-thrust"


@pytest.fixture(params=["light", "dark"])
def gym_phone(request: pytest.FixtureRequest, browser: Browser) -> Iterator[tuple[BrowserContext, Page, str]]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme=request.param,
    )
    yield context, context.new_page(), request.param
    context.close()


@pytest.fixture
def phone_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context
    context.close()


def worker_ready(page: Page) -> None:
    """Waits until the service worker is installed, active and controls the page (its files are stored)."""
    assert page.evaluate("navigator.serviceWorker.ready.then(r => r.active !== null)")
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def logged_sets(page: Page, server_url: str) -> list[tuple[str, float | None, int | None]]:
    """The sets of EXERCISE in the workout in progress, as the server stored them."""
    workouts = page.request.get(f"{server_url}/api/v1/workouts").json()
    if not workouts:
        return []
    workout: dict[str, Any] = page.request.get(f"{server_url}/api/v1/workouts/{workouts[0]['id']}").json()
    return [
        (s["side"], s["weight_kg"], s["reps"])
        for entry in workout["entries"]
        if entry["exercise"] == EXERCISE
        for s in entry["sets"]
    ]


def log_set(page: Page, side: str, weight: str, reps: str) -> None:
    page.get_by_label(side, exact=True).check()
    page.get_by_label("Weight (kg)").fill(weight)
    page.get_by_label("Reps").fill(reps)
    page.get_by_role("button", name="Log set").click()


def test_the_app_installs_and_library_pages_opened_before_work_offline(page: Page, server_url: str) -> None:
    page.goto(f"{server_url}/exercises/goblet-squat")
    worker_ready(page)
    # Chromium's own installability check. Playwright's contexts are incognito profiles, where Chromium offers no
    # install at all; every other reason (manifest, icons, worker, secure context) must be absent.
    devtools = page.context.new_cdp_session(page)
    errors = devtools.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert [e["errorId"] for e in errors if e["errorId"] != "in-incognito"] == [], errors
    manifest = devtools.send("Page.getAppManifest")
    assert manifest["errors"] == [] and manifest["url"] == f"{server_url}/manifest.webmanifest", manifest
    page.goto(f"{server_url}/muscles/glutes")  # opened once the worker is there: kept for later
    page.goto(f"{server_url}/exercises/goblet-squat")

    page.context.set_offline(True)
    page.goto(f"{server_url}/muscles/glutes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Glutes")
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")  # its styles too
    page.goto(f"{server_url}/exercises/goblet-squat")
    expect(page.get_by_role("heading", level=1)).to_have_text("Goblet Squat")
    page.goto(f"{server_url}/exercises/barbell-hip-thrust")  # never opened here
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    page.context.set_offline(False)


def test_sets_logged_offline_wait_on_the_phone_and_are_stored_once_when_back(
    gym_phone: tuple[BrowserContext, Page, str], server_url: str
) -> None:
    context, page, scheme = gym_phone
    page.goto(f"{server_url}/log?exercise={EXERCISE}")
    worker_ready(page)
    page.goto(f"{server_url}/log?exercise={EXERCISE}")  # kept now, for opening it offline
    before = logged_sets(page, server_url)

    context.set_offline(True)
    log_set(page, "Left", "40", "10")
    waiting = page.locator("#waiting-sets")
    expect(waiting).to_contain_text("Waiting to send (1)")
    expect(waiting).to_contain_text("Single-Leg Hip Thrust: L 40 kg × 10")
    # The next side, with the same weight and reps, as after a set logged online.
    expect(page.get_by_label("Right", exact=True)).to_be_checked()
    expect(page.get_by_label("Weight (kg)")).to_have_value("40")
    page.get_by_label("Reps").fill("8")
    page.get_by_role("button", name="Log set").click()
    expect(waiting).to_contain_text("Waiting to send (2)")
    expect(waiting.locator("li")).to_have_text(
        ["Single-Leg Hip Thrust: L 40 kg × 10", "Single-Leg Hip Thrust: R 40 kg × 8"]
    )
    expect(waiting).to_contain_text("No connection")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    waiting.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / f"offline-waiting-phone-{scheme}.png"))
    assert logged_sets(page, server_url) == before  # nothing reached the server

    # Still there after the page is opened again without a connection: they are kept on the phone.
    page.goto(f"{server_url}/log?exercise={EXERCISE}")
    expect(page.locator("#waiting-sets li")).to_have_count(2)

    context.set_offline(False)
    expect(page.locator("#waiting-sets")).to_have_count(0)
    today = page.locator("section.today")
    expect(today).to_contain_text("L 40 kg × 10")
    expect(today).to_contain_text("R 40 kg × 8")
    assert logged_sets(page, server_url) == [*before, ("left", 40.0, 10), ("right", 40.0, 8)]


def test_a_set_sent_again_after_a_lost_answer_is_not_stored_twice(
    phone_context: BrowserContext, server_url: str
) -> None:
    page = phone_context.new_page()
    page.goto(f"{server_url}/log?exercise={EXERCISE}")
    phone_context.set_offline(True)
    log_set(page, "Left", "32.5", "12")
    expect(page.locator("#waiting-sets li")).to_have_count(1)
    kept = page.evaluate("liftloreQueue.all()")
    before = logged_sets(page, server_url)

    phone_context.set_offline(False)
    expect(page.locator("#waiting-sets")).to_have_count(0)
    assert logged_sets(page, server_url) == [*before, ("left", 32.5, 12)]

    # The server stored it but the phone never heard: the same set, with its key, is sent again.
    page.evaluate("items => liftloreQueue.put(items[0])", kept)
    page.reload()
    expect(page.locator("section.today")).to_contain_text("L 32.5 kg × 12")
    expect(page.locator("#waiting-sets")).to_have_count(0)
    assert page.evaluate("liftloreQueue.all()") == []
    assert logged_sets(page, server_url) == [*before, ("left", 32.5, 12)]


def test_a_set_the_server_refuses_is_shown_as_not_logged_and_can_be_discarded(
    phone_context: BrowserContext, server_url: str
) -> None:
    page = phone_context.new_page()
    page.goto(f"{server_url}/log?exercise={EXERCISE}")
    before = logged_sets(page, server_url)
    phone_context.set_offline(True)
    page.get_by_text("Or type the sets").click()
    page.get_by_label("Sets, e.g.").fill("40kg x ten")
    page.get_by_role("button", name="Log set").click()
    expect(page.locator("#waiting-sets li")).to_have_count(1)
    phone_context.set_offline(False)
    refused = page.locator("#waiting-sets li")
    expect(refused).to_contain_text("not logged:")
    expect(page.locator("#waiting-sets h2")).to_have_text("Waiting to send (0)")
    refused.get_by_role("button", name="Discard").click()
    expect(page.locator("#waiting-sets")).to_have_count(0)
    assert logged_sets(page, server_url) == before


@contextmanager
def server_on(db: Database, port: int) -> Iterator[str]:
    """A server on a given port, so that it can be stopped and started again at the same address (origin)."""
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_a_set_whose_post_gets_no_answer_is_kept_although_the_phone_says_online(
    phone_context: BrowserContext, live_db: Database
) -> None:
    """A basement: the phone believes it is online, but nothing reaches the server. The service worker keeps the
    posted set and shows the form again; it is sent once the server answers."""
    port = free_port()
    page = phone_context.new_page()
    with server_on(live_db, port) as url:
        page.goto(f"{url}/log?exercise={EXERCISE}")
        worker_ready(page)
        page.goto(f"{url}/log?exercise={EXERCISE}")
        before = logged_sets(page, url)
    assert page.evaluate("navigator.onLine")
    log_set(page, "Left", "45", "6")  # the server is gone
    expect(page.locator("#waiting-sets li")).to_have_text(["Single-Leg Hip Thrust: L 45 kg × 6"])
    with server_on(live_db, port) as url:
        page.reload()
        expect(page.locator("#waiting-sets")).to_have_count(0)
        assert logged_sets(page, url) == [*before, ("left", 45.0, 6)]
