"""Hostile input on a shared server, in a real Chromium: what one person writes is shown to another as text.

Anna uploads an exercise page with a script tag and an image with an onerror handler in every text the page layout
has, shares it, and uploads a Strong export with the same in its exercise names, workout name and notes; she
invites Bob as her coach. Bob signs in through the login form and reads all of it: the library, the exercise page,
her history and workout, his log page. Nothing may run (no `window.__pwned`, no dialog), no element may be made of
it, and the payload must be there to read, as text. The Content-Security-Policy would stop an inline script anyway;
these checks look at the page itself, so they hold without it.
"""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from liftlore.services import accounts
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.e2e.conftest import screenshot
from tests.live_server import serving

SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = '<img src=x onerror="window.__pwned=1">'
PAYLOAD = SCRIPT + IMAGE
# The name as the page reader makes it from the first sentence: in title case, so the tag's words are capitalised.
HOSTILE_NAME = 'Zorblax <script>window.__pwned=1</script><img Src=x Onerror="window.__pwned=1"> Thrust'
PASSWORD = "correct horse battery staple"
JSON = "application/json"
SECRET = "hostile-input-test-secret-0123456789-abcdefghijklmnop"

# Every text of the page layout carries the payload: the name (read from the first sentence), the summary, the
# steps, each muscle's and each piece of equipment's line, tips, benefits, a drill's intro and steps, and a
# question and its answer.
HOSTILE_PAGE = f"""\
The zorblax {PAYLOAD} thrust is a unilateral exercise where you drive one hip up from a bench {PAYLOAD}. This \
isolation exercise targets the glutes. It works as a hip extension exercise. You can do it with resistance or just \
your body weight.
Sit with your upper back on a bench {PAYLOAD}.
Drive the hip up, then lower it slowly {PAYLOAD}.
Muscle Worked
Primary Muscle Groups
Glutes
The glutes drive the hip up {PAYLOAD}.
Secondary Muscle Groups
Hamstrings
The hamstrings help extend the hip {PAYLOAD}.
Pro Tips
Keep the weight on your heel {PAYLOAD}.
Equipments
Bench
A bench to rest your upper back on {PAYLOAD}
Benefits
It trains each glute on its own {PAYLOAD}.
Warm Up & Cool Down
Warm Up
Try forward leg swings to warm up the hips {PAYLOAD}. To perform this warm-up:
Swing your free leg back and forth {PAYLOAD}.
Continue for at least 10 swings, then switch legs.
Cool Down
Use a figure 4 stretch to stretch the glutes after your thrusts {PAYLOAD}.
Stand on one leg and fold the other ankle over your knee {PAYLOAD}.
Hold for 10-30 seconds.
FAQ
Is it safe for the knees {PAYLOAD}?
Yes, when the knee stays over the foot {PAYLOAD}.
"""


def hostile_export() -> str:
    """A Strong export whose exercise names, workout name and notes carry the payload (quoted as CSV quotes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["Date", "Workout Name", "Duration", "Exercise Name", "Set Order", "Weight (kg)", "Reps", "Distance",
         "Seconds", "Notes", "Workout Notes"]
    )  # fmt: skip
    for exercise, weight in ((f"Zorblax Curl {PAYLOAD}", 20), ("Goblet Squat", 24)):
        writer.writerow(
            ["2024-11-28 17:36:08", f"Zorblax Session {PAYLOAD}", "1h", exercise, "1", weight, "8", "0", "0",
             f"exercise note {PAYLOAD}", f"workout note {PAYLOAD}"]
        )  # fmt: skip
    return out.getvalue()


@dataclass(frozen=True)
class Shared:
    url: str
    exercise: str  # the slug of Anna's shared page
    workout: str  # the id of her imported workout


@pytest.fixture(scope="module")
def shared_server(live_db: Database) -> Iterator[Shared]:
    """A multi-user server on loopback (accounts by invitation) where Anna has uploaded and shared it all."""
    live_db.run(accounts.create_account, "Root", PASSWORD)  # the first account is the admin; Anna is a member
    anna = live_db.run(accounts.create_account, "Anna", PASSWORD)
    live_db.run(accounts.create_account, "Bob", PASSWORD)
    token = live_db.run(accounts.create_token, anna, "uploads").secret
    app = create_app(live_db, auth=AuthConfig.for_server(SECRET, open_registration=False))
    with serving(app) as url:
        yield Shared(url, *_anna_uploads(url, token))


def _api(url: str, token: str, method: str, path: str, body: str | bytes, kind: str) -> Any:
    """One call to the live server, as any API client makes it: over HTTP, with Anna's token."""
    data = body.encode() if isinstance(body, str) else body
    headers = {"Authorization": f"Bearer {token}", "Content-Type": kind}
    with urllib.request.urlopen(urllib.request.Request(url + path, data=data, headers=headers, method=method)) as got:
        return json.loads(got.read() or b"null")


def _anna_uploads(url: str, token: str) -> tuple[str, str]:
    page = _api(url, token, "POST", "/api/v1/imports/page", HOSTILE_PAGE, "text/plain")
    slug = page["slug"]
    assert _api(url, token, "PUT", f"/api/v1/exercises/{slug}/shared", '{"shared": true}', JSON)["slug"] == slug
    report = _api(url, token, "POST", "/api/v1/imports/log?app=strong", hostile_export(), "text/csv")
    assert report["added_workouts"] == 1
    assert _api(url, token, "POST", "/api/v1/coaches", '{"coach": "bob"}', JSON)["name"] == "Bob"
    with urllib.request.urlopen(
        urllib.request.Request(url + "/api/v1/workouts", headers={"Authorization": f"Bearer {token}"})
    ) as listed:
        [workout] = json.loads(listed.read())
    return slug, workout["id"]


# The elements whose content (a word too long to break) runs out of their box, to name in a failure.
OVERFLOWING = """() => [...document.querySelectorAll("main *")]
    .filter(e => e.scrollWidth > e.clientWidth + 1 && e.children.length === 0)
    .map(e => `${e.tagName.toLowerCase()} ${e.scrollWidth}px in ${e.clientWidth}px`)
    .slice(0, 5)"""


class Watch:
    """A page that records every dialog it opens (and dismisses it, so nothing waits on it)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str, *texts: str) -> None:
        """Open `url` and check that nothing ran and that each of `texts` is shown, as text."""
        response = self.page.goto(url)
        assert response is not None and response.status == 200, f"{url}: {response.status if response else None}"
        self.page.wait_for_load_state("load")  # images (and their onerror) have been tried by now
        assert self.page.evaluate("typeof window.__pwned") == "undefined", f"{url}: the payload ran"
        assert self.dialogs == [], f"{url}: a dialog opened: {self.dialogs}"
        # Nothing of the payload became an element: no <img src=x>, no script of ours holding it.
        assert self.page.locator('img[src="x"]').count() == 0, f"{url}: the payload made an <img>"
        assert self.page.locator("script:not([src])").count() == 0, f"{url}: an inline <script> is on the page"
        body = self.page.locator("body")
        for text in texts:
            expect(body).to_contain_text(text)


def log_in(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(f"{url}/login")


def test_a_coach_reads_hostile_text_as_text(page: Page, shared_server: Shared) -> None:
    url, slug = shared_server.url, shared_server.exercise
    log_in(page, url, "bob")
    watch = Watch(page)

    # The search, typed into the form. The hostile name itself is the query (one word does not find a name this
    # long: search charges for every extra word), so the page echoes it back as well.
    page.goto(f"{url}/")
    page.get_by_label("Search exercises").fill(HOSTILE_NAME)
    page.get_by_role("button", name="Search").click()
    watch.open(page.url, HOSTILE_NAME)
    expect(page.locator(".results .result-name").first).to_have_text(HOSTILE_NAME)
    expect(page.get_by_label("Search exercises")).to_have_value(HOSTILE_NAME)
    watch.open(f"{url}/?muscle=glutes&equipment=bench&laterality=unilateral", HOSTILE_NAME)  # a filtered list
    expect(page.locator(".results .result-name", has_text="Zorblax")).to_have_text(HOSTILE_NAME)

    watch.open(
        f"{url}/exercises/{slug}",
        f"The zorblax {PAYLOAD} thrust is a unilateral exercise where you drive one hip up from a bench {PAYLOAD}.",
        f"Drive the hip up, then lower it slowly {PAYLOAD}.",
        f"The glutes drive the hip up {PAYLOAD}.",
        f"The hamstrings help extend the hip {PAYLOAD}.",
        f"Keep the weight on your heel {PAYLOAD}.",
        f"A bench to rest your upper back on {PAYLOAD}",
        f"It trains each glute on its own {PAYLOAD}.",
        f"Try forward leg swings to warm up the hips {PAYLOAD}.",
        f"Swing your free leg back and forth {PAYLOAD}.",
        f"Stand on one leg and fold the other ankle over your knee {PAYLOAD}.",
        f"Is it safe for the knees {PAYLOAD}?",
        f"Yes, when the knee stays over the foot {PAYLOAD}.",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(HOSTILE_NAME)

    watch.open(f"{url}/history?person=anna", f"Zorblax Session {PAYLOAD}", f"Zorblax Curl {PAYLOAD}")
    watch.open(
        f"{url}/workouts/{shared_server.workout}?person=anna",
        f"Zorblax Session {PAYLOAD}",
        f"Zorblax Curl {PAYLOAD}",
        f"workout note {PAYLOAD}",
        f"exercise note {PAYLOAD}",
    )
    watch.open(f"{url}/log?exercise={slug}", HOSTILE_NAME)  # his own log, the shared exercise chosen
    watch.open(f"{url}/log")  # his own log: the shared exercise is among the suggestions, as an option's value
    options = page.locator("datalist option").evaluate_all("options => options.map(o => o.value)")
    assert HOSTILE_NAME in options

    # The API hands the same text out as data, exactly as written.
    record = page.request.get(f"{url}/api/v1/exercises/{slug}")
    assert record.ok and record.headers["content-type"] == "application/json"
    data = record.json()
    assert data["name"] == HOSTILE_NAME and data["tips"] == [f"Keep the weight on your heel {PAYLOAD}."]
    assert data["faq"] == [
        {
            "question": f"Is it safe for the knees {PAYLOAD}?",
            "answer": f"Yes, when the knee stays over the foot {PAYLOAD}.",
        }
    ]
    workout = page.request.get(f"{url}/api/v1/workouts/{shared_server.workout}?person=anna").json()
    assert workout["name"] == f"Zorblax Session {PAYLOAD}" and workout["notes"] == f"workout note {PAYLOAD}"
    entries = {entry["exercise_name"]: entry["notes"] for entry in workout["entries"]}
    assert entries[f"Zorblax Curl {PAYLOAD}"] == f"exercise note {PAYLOAD}"


def test_the_hostile_exercise_page_on_a_phone_and_a_desktop(browser: Browser, shared_server: Shared) -> None:
    """Screenshots to look at (artifacts/screenshots/hostile-exercise-*.png), and the page must fit the screen: a
    long word with no break in it (the payload's `<script>window.__pwned=1</script><img`, or any long URL in a
    tip) must wrap instead of pushing the page sideways. (Fails today on the phone: the name heading and the
    steps overflow; `overflow-wrap: anywhere` on headings, paragraphs and list items in liftlore.css fixes it.)"""
    too_wide: dict[str, str] = {}
    for name, options in (
        ("phone", {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}),
        ("desktop", {"viewport": {"width": 1280, "height": 900}}),
    ):
        context = browser.new_context(**options)
        page = context.new_page()
        log_in(page, shared_server.url, "bob")
        Watch(page).open(f"{shared_server.url}/exercises/{shared_server.exercise}", HOSTILE_NAME)
        assert screenshot(page, f"hostile-exercise-{name}").stat().st_size > 10_000
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            too_wide[name] = f"{overflow}px wider than the screen: {page.evaluate(OVERFLOWING)}"
        context.close()
    assert too_wide == {}
