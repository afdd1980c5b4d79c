"""Server mode in a real browser: signing in through the form, an API token seen once and revoked, a coach
reading an athlete's log, signing out; and the pages on a phone and at a desk, light and dark (screenshots in
artifacts/screenshots/)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest
from playwright.sync_api import Browser, Page, expect

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import Viewer
from liftlore.services import accounts, training
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.conftest import Backend
from tests.e2e.conftest import screenshot
from tests.live_server import serving

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def server_db(backend: Backend) -> Iterator[Database]:
    """Anna (the admin) logs; Bob coaches her and invited her as his own coach; Cara coaches nobody."""
    db = backend.fresh(with_catalog=True)
    anna = db.run(accounts.create_account, "Anna", PASSWORD)
    bob = db.run(accounts.create_account, "Bob", PASSWORD)
    db.run(accounts.create_account, "Cara", PASSWORD)
    db.run(accounts.invite_coach, anna, "Bob")
    db.run(accounts.invite_coach, bob, "Anna")
    start = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    with db.session(write=True, viewer=Viewer(anna)) as session:
        for week in range(3):
            at = start + timedelta(days=7 * week)
            training.log_sets(
                session, "back squat", parse_sets(f"{100 + 5 * week}kg x 5 x 3"), performed_at=at, new_workout=True
            )
            training.log_sets(
                session, "bench press", parse_sets("70kg x 8 x 3"), performed_at=at + timedelta(minutes=25)
            )
    yield db
    backend.release(db)


@pytest.fixture(scope="module")
def server(server_db: Database) -> Iterator[str]:
    """The app in multi-user mode, served on loopback."""
    auth = AuthConfig.for_server(secrets.token_urlsafe(32), open_registration=False)
    with serving(create_app(server_db, auth=auth)) as url:
        yield url


def sign_in(page: Page, server: str, name: str, path: str = "/account") -> None:
    """Open a page that needs a login, sign in on the form it shows, and land back on it."""
    page.goto(server + path)
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(re.escape(server + path) + "$"))


def test_sign_in_make_a_token_see_it_once_and_revoke_it(phone: Page, server: str) -> None:
    sign_in(phone, server, "Anna")
    expect(phone.get_by_role("link", name="Your account: Anna")).to_be_visible()
    phone.get_by_label("New token, named for where it is used").fill("gym tablet")
    phone.get_by_role("button", name="Create token").click()
    shown = phone.get_by_label("The new token")
    expect(shown).to_have_value(re.compile(r"^ll_"))
    secret = shown.input_value()
    phone.get_by_role("button", name="Copy").click()
    expect(phone.get_by_role("button", name="Copied")).to_be_visible()
    assert phone.request.get(server + "/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).ok

    phone.goto(server + "/account")  # the same page again: the secret is gone for good
    expect(phone.get_by_label("The new token")).to_have_count(0)
    assert secret not in phone.content()
    phone.get_by_role("button", name="Revoke token gym tablet").click()
    expect(phone.get_by_role("button", name="Revoke token gym tablet")).to_have_count(0)
    expect(phone.locator("details.revoked")).to_contain_text("Revoked tokens")
    refused = phone.request.get(server + "/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert refused.status == 401


def test_a_coach_sees_the_read_only_banner_and_links_keep_the_athlete(page: Page, server: str) -> None:
    sign_in(page, server, "Bob")
    page.get_by_role("link", name="Anna’s history").click()
    expect(page).to_have_url(re.compile(r"/history\?person=Anna$"))
    expect(page.get_by_text("Anna’s log — read only.")).to_be_visible()
    expect(page.get_by_role("heading", name="Anna’s history")).to_be_visible()
    expect(page.get_by_role("link", name="Log a workout")).to_have_count(0)
    workouts = page.locator("ol.history a")
    expect(workouts).to_have_count(3)
    for href in workouts.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert href.endswith("?person=Anna")

    workouts.first.click()
    expect(page).to_have_url(re.compile(r"/workouts/[^?]+\?person=Anna$"))
    expect(page.get_by_text("Anna’s log — read only.")).to_be_visible()
    expect(page.locator("ol.set-list").first).to_contain_text("110 kg × 5")
    page.get_by_role("link", name="All Anna’s workouts").click()
    expect(page).to_have_url(re.compile(r"/history\?person=Anna$"))

    page.goto(server + "/log?person=Anna")
    expect(page.get_by_text("Anna’s log — read only.")).to_be_visible()
    expect(page.get_by_role("button", name="Log set")).to_have_count(0)
    page.get_by_role("link", name="Log in your own log").click()
    expect(page.get_by_role("heading", name="Log a workout")).to_be_visible()


def test_sign_out_ends_the_login_for_the_old_cookie_too(browser: Browser, page: Page, server: str) -> None:
    sign_in(page, server, "Cara")
    login = [cookie["value"] for cookie in page.context.cookies() if cookie["name"] == "liftlore_session"]
    assert len(login) == 1
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

    # Someone who copied the cookie before the sign-out gets nothing with it.
    other = browser.new_context()
    try:
        other.add_cookies([{"name": "liftlore_session", "value": login[0], "url": server}])
        stale = other.new_page()
        answer = stale.goto(server + "/account")
        assert answer is not None and answer.status == 401
        expect(stale.get_by_role("heading", name="Sign in")).to_be_visible()
    finally:
        other.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_server_pages_fit_a_phone_and_a_desk(
    browser: Browser, server: str, width: int, scheme: Literal["light", "dark"]
) -> None:
    phone = width < 800
    context = browser.new_context(
        viewport={"width": width, "height": 844 if phone else 900},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        color_scheme=scheme,
    )
    tag = f"{'phone' if phone else 'desktop'}-{scheme}"
    try:
        page = context.new_page()

        def fits(name: str) -> None:
            """Nothing runs off the side of the screen; on a phone every button is big enough for a thumb."""
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
            if phone:
                for button in page.get_by_role("button").all():
                    box = button.bounding_box()
                    if box is not None:
                        assert box["height"] >= 44, f"{name}: a button {box['height']}px tall"
            screenshot(page, f"{name}-{tag}")

        page.goto(server + "/register")
        expect(page.get_by_text("You need an invitation")).to_be_visible()
        fits("register")

        page.goto(server + "/login?next=/history%3Fperson%3DAnna")
        page.get_by_label("Name").fill("Bob")
        page.get_by_label("Password").fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("alert")).to_have_text("Wrong name or password.")
        fits("login-error")

        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Anna’s log — read only.")).to_be_visible()
        fits("history-coach")

        page.goto(server + "/account")
        page.get_by_label("New token, named for where it is used").fill("phone")
        page.get_by_role("button", name="Create token").click()
        expect(page.get_by_label("The new token")).to_be_visible()
        expect(page.get_by_role("link", name="Anna’s history")).to_be_visible()  # an athlete
        expect(page.get_by_role("button", name="Remove coach Anna")).to_be_visible()  # and a coach
        fits("account")
        page.get_by_role("button", name="Revoke token phone").first.click()  # tidy for the next screen size
    finally:
        context.close()
