"""The server-mode pages as a browser posts them: signing in (wrong password, too many attempts, where it lands),
the header's sign-in state, registering, the account page, and a coach reading an athlete's log."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import Person, Viewer
from liftlore.services import accounts, training
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.web.client import BASE_URL, client_for

PASSWORD = "correct horse battery"


def server_client(db: Database, *, open_registration: bool = False) -> TestClient:
    auth = AuthConfig.for_server(secrets.token_urlsafe(32), open_registration=open_registration)
    return TestClient(create_app(db, auth=auth), base_url=BASE_URL)


def signed_in(db: Database, name: str) -> TestClient:
    client = server_client(db)
    answer = client.post("/login", data={"name": name, "password": PASSWORD}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return client


def log_workouts(db: Database, person: Person, count: int) -> None:
    start = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)
    with db.session(write=True, viewer=Viewer(person)) as session:
        for day in range(count):
            training.log_sets(
                session,
                "back squat",
                parse_sets("100kg x 5"),
                performed_at=start + timedelta(days=day),
                new_workout=True,
            )


@pytest.fixture
def anna(db: Database) -> Person:
    return db.run(accounts.create_account, "Anna", PASSWORD)


def test_a_wrong_password_says_so_with_401_and_keeps_the_name(db: Database, anna: Person) -> None:
    client = server_client(db)
    answer = client.post("/login", data={"name": "Anna", "password": "not her password", "next": "/history"})
    assert answer.status_code == 401
    assert "Wrong name or password." in answer.text
    assert 'value="Anna"' in answer.text  # only the password is typed again
    assert 'value="/history"' in answer.text  # and it still goes on to where the person was going
    assert 'autocomplete="current-password"' in answer.text
    assert client.get("/account").status_code == 401  # not signed in


def test_too_many_attempts_say_when_to_try_again(db: Database, anna: Person) -> None:
    client = server_client(db)
    for _ in range(accounts.FAILURES_PER_ACCOUNT):
        assert client.post("/login", data={"name": "Anna", "password": "guess guess"}).status_code == 401
    answer = client.post("/login", data={"name": "Anna", "password": PASSWORD})  # right, but too late
    assert answer.status_code == 429
    wait = int(answer.headers["Retry-After"])
    minutes = -(-wait // 60)
    assert f"Too many failed attempts. Try again in {minutes} minute" in answer.text
    assert client.get("/account").status_code == 401


@pytest.mark.parametrize(
    ("target", "lands_on"),
    [
        ("/history?page=2", "/history?page=2"),
        ("https://evil.example", "/"),
        ("//evil.example/path", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_signing_in_goes_on_to_a_page_of_this_site_only(db: Database, anna: Person, target: str, lands_on: str) -> None:
    client = server_client(db)
    answer = client.post("/login", data={"name": "anna", "password": PASSWORD, "next": target}, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == lands_on
    # The form shown for a next= that points elsewhere already carries "/" instead.
    form = client.get("/login", params={"next": target}).text
    assert f'name="next" value="{lands_on.replace("&", "&amp;")}"' in form


def test_a_page_that_needs_a_login_shows_the_form_and_comes_back_to_it(db: Database, anna: Person) -> None:
    client = server_client(db)
    answer = client.get("/history", params={"page": "1"})
    assert answer.status_code == 401
    assert 'name="next" value="/history?page=1"' in answer.text
    back = client.post(
        "/login", data={"name": "Anna", "password": PASSWORD, "next": "/history?page=1"}, follow_redirects=False
    )
    assert back.headers["location"] == "/history?page=1"


def test_the_header_says_who_is_signed_in_and_signs_out_with_a_post(db: Database, anna: Person) -> None:
    client = server_client(db)
    nobody = client.get("/muscles").text
    assert ">Sign in</a>" in nobody
    assert "Sign out" not in nobody
    client.post("/login", data={"name": "anna", "password": PASSWORD})
    page = client.get("/muscles").text
    assert re.search(r'<a href="/account" class="who-name">.*Anna</a>', page)
    assert '<form method="post" action="/logout">' in page
    assert 'href="/logout"' not in page  # never a link: a GET must not sign anyone out
    assert ">Sign in</a>" not in page
    client.post("/logout")
    assert ">Sign in</a>" in client.get("/muscles").text


def test_single_user_mode_shows_no_sign_in_or_out(db: Database) -> None:
    page = client_for(db).get("/muscles").text
    assert "Sign in" not in page
    assert "Sign out" not in page
    assert 'href="/account"' not in page


def test_the_sign_in_link_comes_back_to_the_page_it_was_on(db: Database) -> None:
    page = server_client(db).get("/muscles/glutes").text
    assert 'href="/login?next=/muscles/glutes"' in page


def test_register_says_whether_an_invitation_is_needed(db: Database) -> None:
    closed = server_client(db).get("/register").text
    assert "You need an invitation to create an account here" in closed
    assert re.search(r'id="reg-invitation"[^>]*required', closed)
    invited = server_client(db).get("/register", params={"invitation": "abc"}).text
    assert "Your invitation is filled in below" in invited
    assert 'value="abc"' in invited
    opened = server_client(db, open_registration=True).get("/register").text
    assert "Anyone can create an account here" in opened
    assert "(optional)" in opened
    for page in (closed, opened):
        assert 'autocomplete="new-password"' in page
        assert 'autocomplete="username"' in page


def test_a_refused_registration_says_why_and_keeps_what_was_typed(db: Database, anna: Person) -> None:
    answer = server_client(db).post(
        "/register", data={"name": "Bea", "password": PASSWORD, "invitation": "made-up"}, follow_redirects=False
    )
    assert answer.status_code == 400
    assert "this invitation code is unknown, used or expired" in answer.text
    assert 'value="Bea"' in answer.text


def test_a_new_token_is_shown_once_and_the_page_is_not_cached(db: Database, anna: Person) -> None:
    client = signed_in(db, "Anna")
    made = client.post("/account/tokens", data={"label": "phone"})
    assert made.status_code == 200
    assert made.headers["Cache-Control"] == "no-store"
    secret = re.search(r'id="new-secret"[^>]*>(ll_[^<]+)</textarea>', made.text)
    assert secret is not None
    assert "New token for “phone”" in made.text
    again = client.get("/account")
    assert secret.group(1) not in again.text
    assert "phone" in again.text
    me = server_client(db).get("/api/v1/me", headers={"Authorization": f"Bearer {secret.group(1)}"})
    assert me.json()["person"]["name"] == "Anna"  # the secret shown is the one that works


def test_an_admin_gets_an_invitation_link_that_opens_the_register_form(db: Database, anna: Person) -> None:
    client = signed_in(db, "Anna")
    made = client.post("/account/invitations")
    link = re.search(r'id="invitation-link"[^>]*>([^<]+)</textarea>', made.text)
    assert link is not None
    assert f"expires in {accounts.INVITATION_DAYS} days" in made.text
    form = server_client(db).get(link.group(1).replace("&amp;", "&"))
    assert "Your invitation is filled in below" in form.text


def test_the_account_page_lists_coaches_and_athletes_with_explicit_buttons(db: Database, anna: Person) -> None:
    bob = db.run(accounts.create_account, "Bob", PASSWORD)
    db.run(accounts.invite_coach, anna, "Bob")
    db.run(accounts.invite_coach, bob, "Anna")
    page = signed_in(db, "Anna").get("/account").text
    assert 'href="/history?person=Bob">Bob’s history</a>' in page
    assert re.search(r"Stop coaching<span class=\"visually-hidden\"> Bob</span>", page)
    assert re.search(r"Remove coach<span class=\"visually-hidden\"> Bob</span>", page)


def test_a_coach_reads_an_athletes_history_read_only_and_every_link_keeps_the_name(db: Database, anna: Person) -> None:
    log_workouts(db, anna, 27)  # two pages
    db.run(accounts.create_account, "Bob", PASSWORD)
    db.run(accounts.invite_coach, anna, "Bob")
    bob = signed_in(db, "Bob")
    page = bob.get("/history", params={"person": "anna"}).text
    assert "Anna’s log — read only." in page
    assert "Log a workout" not in page
    workouts = re.findall(r'href="(/workouts/[^"]+)"', page)
    assert len(workouts) == 25
    assert all(link.endswith("?person=Anna") for link in workouts)
    assert 'href="?page=2&amp;person=Anna"' in page
    older = bob.get("/history", params={"page": "2", "person": "Anna"}).text
    assert 'href="?page=1&amp;person=Anna"' in older
    workout = bob.get(workouts[0]).text
    assert "Anna’s log — read only." in workout
    assert 'href="/history?person=Anna">All Anna’s workouts</a>' in workout


def test_the_log_form_is_not_offered_in_someone_elses_log(db: Database, anna: Person) -> None:
    db.run(accounts.create_account, "Bob", PASSWORD)
    db.run(accounts.invite_coach, anna, "Bob")
    bob = signed_in(db, "Bob")
    page = bob.get("/log", params={"person": "Anna", "exercise": "back squat"})
    assert page.status_code == 200
    assert "Anna’s log — read only." in page.text
    assert "Log set" not in page.text
    assert 'action="/log"' not in page.text
    assert bob.get("/log", params={"person": "Cara"}).status_code == 404  # nobody who invited Bob
    own = bob.get("/log", params={"exercise": "back squat"}).text
    assert "Log set" in own
    assert "read only" not in own


def test_own_history_shows_no_coach_banner(db: Database, anna: Person) -> None:
    log_workouts(db, anna, 1)
    client = signed_in(db, "Anna")
    for params in ({}, {"person": "anna"}):
        page = client.get("/history", params=params).text
        assert "read only" not in page
        assert "Log a workout" in page
