"""The gym without a signal, in a real browser: the app installs, pages opened before open offline, and sets
logged offline wait on the phone and reach the log once each when the connection is back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from liftlore.store.db import Database
from liftlore.web.app import create_app
from tests.e2e.conftest import SCREENSHOTS
from tests.live_server import free_port, serving

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


def server_on(db: Database, port: int) -> AbstractContextManager[str]:
    """A server on a given port, so that it can be stopped and started again at the same address (origin)."""
    return serving(create_app(db), port)


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
        log_set(page, "Left", "42.5", "6")  # logged: the page after it offers to undo it
        expect(page.locator(".undo")).to_contain_text("Logged L 42.5 kg × 6")
        before = logged_sets(page, url)
    assert page.evaluate("navigator.onLine")
    key = page.locator("form.log-set input[name=key]").input_value()
    log_set(page, "Right", "45", "6")  # the server is gone
    expect(page.locator("#waiting-sets li")).to_have_text(["Single-Leg Hip Thrust: R 45 kg × 6"])
    # The form the person is back on offers no Undo: the set it would name is not the one just tapped.
    expect(page.locator(".undo")).to_have_count(0)
    assert page.locator("form.log-set input[name=key]").input_value() != key  # a new form, a new key
    [kept] = page.evaluate("liftloreQueue.all()")
    assert (kept["key"], kept["who"]) == (key, "")  # the post's own key, and whose set it is
    with server_on(live_db, port) as url:
        page.reload()
        expect(page.locator("#waiting-sets")).to_have_count(0)
        assert logged_sets(page, url) == [*before, ("right", 45.0, 6)]


def test_a_posted_set_whose_answer_was_lost_is_not_stored_again(phone_context: BrowserContext, server_url: str) -> None:
    """The form's post reached the server, the answer did not reach the phone, so the service worker kept the set
    under the post's key: sending it to the API later stores nothing more."""
    page = phone_context.new_page()
    page.goto(f"{server_url}/log?exercise={EXERCISE}")
    before = logged_sets(page, server_url)
    key = page.locator("form.log-set input[name=key]").input_value()
    fields: dict[str, str | float | bool] = {
        "exercise": EXERCISE,
        "side": "left",
        "weight": "37.5",
        "reps": "11",
        "key": key,
        "who": "",
    }
    assert page.request.post(f"{server_url}/log", form=fields, max_redirects=0).status == 303  # stored
    page.evaluate(
        "fields => liftloreQueue.add(liftloreQueue.fromForm(fields, null, fields.who, null, fields.key))", fields
    )
    page.reload()
    expect(page.locator("section.today")).to_contain_text("L 37.5 kg × 11")
    expect(page.locator("#waiting-sets")).to_have_count(0)
    assert page.evaluate("liftloreQueue.all()") == []
    assert logged_sets(page, server_url) == [*before, ("left", 37.5, 11)]


def test_sets_kept_for_someone_else_or_nobody_known_are_shown_and_never_sent(
    phone_context: BrowserContext, server_url: str
) -> None:
    page = phone_context.new_page()
    page.goto(f"{server_url}/log?exercise={EXERCISE}")
    before = logged_sets(page, server_url)
    fields = {"exercise": EXERCISE, "side": "left", "weight": "30", "reps": "9"}
    page.evaluate(
        """fields => Promise.all([
            liftloreQueue.add(liftloreQueue.fromForm(fields, "kg", "someone else", null)),
            liftloreQueue.add(liftloreQueue.fromForm(fields, "kg", null, null)),
        ])""",
        fields,
    )
    page.reload()
    waiting = page.locator("#waiting-sets")
    expect(waiting.locator("li")).to_have_count(2)
    expect(waiting.locator("h2")).to_have_text("Waiting to send (0)")
    expect(waiting).to_contain_text("waiting for someone else to sign in")
    unknown = waiting.locator("li").filter(has_text="does not know whose log")
    page.evaluate("liftloreQueue.all()")  # a round of sending has had its chance
    assert logged_sets(page, server_url) == before
    unknown.get_by_role("button", name="Discard").click()
    expect(waiting.locator("li")).to_have_count(1)
    assert logged_sets(page, server_url) == before
