"""Isolation on a server several people share, route by route.

Every route of the app is in one of two tables below: PUBLIC (anyone may call it, signed in or not: the library,
the ways in) or PERSONAL (it reads or writes somebody's own things). The routes are walked from the app itself, so
a route added without a line here fails `test_every_route_is_covered`, naming it.

Each personal route is called the way its owner (Anna, unless said otherwise) would call it, on her things, and
then by everyone else on exactly the same things:
- nobody signed in: 401 (JSON with WWW-Authenticate for the API, the login form for pages);
- another person: 404 when the call names something of Anna's (never 403: nobody learns what exists), or it acts
  on their own things when it names nothing; either way Anna's log, tokens, coaches and exercises are unchanged
  and the answer holds nothing of hers;
- her coach Bob: the same, except that read routes taking `?person=anna` answer him with her data; a coach never
  writes into her log, `?person=` or not; Cleo, whom she did not invite, is refused (404) with `?person=anna`;
- Anna herself: 2xx (or a redirect for a form).

The people, their tokens, Anna's private exercise and her workouts are made once per backend and copied for
each test, because making four accounts costs seconds of password hashing.
"""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from httpx2 import Response
from starlette.routing import Mount, Route

from liftlore.domain.people import ANONYMOUS, Person, Viewer
from liftlore.services import accounts, library, log_import, profiles, routines
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.conftest import Backend
from tests.web.client import BASE_URL

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
SECRET = "isolation-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz"
PASSWORD = "correct horse battery staple"
# Everything of Anna's carries this word: an answer to anyone else that holds it (and did not just echo the
# request) has leaked something of hers.
MARK = "zorblax"

ZORBLAX_PAGE = """\
The zorblax thrust is a unilateral exercise where you drive one hip up with your upper back on a bench. This \
isolation exercise targets the glutes. It works as a hip extension exercise. You can do it with resistance or just \
your body weight.
Sit with your upper back on a bench and one foot on the floor.
Drive the hip up until your thigh is level, then lower it slowly.
Muscle Worked
Primary Muscle Groups
Glutes
The glutes drive the hip up.
Secondary Muscle Groups
Hamstrings
The hamstrings help extend the hip.
Pro Tips
Keep the weight on your heel.
Equipments
Bench
A bench to rest your upper back on.
Benefits
It trains each glute on its own.
"""

STRONG_HEADER = (
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight (kg),Reps,Distance,Seconds,Notes,Workout Notes\n"
)


def strong_csv(date: str, workout: str) -> str:
    return (
        STRONG_HEADER
        + f"{date},{workout},1h,Zorblax Curl,1,20,10,0,0,zorblax curl note,zorblax workout note\n"
        + f"{date},{workout},1h,Goblet Squat,1,24,8,0,0,,zorblax workout note\n"
    )


@dataclass(frozen=True)
class World:
    """Who is who in the copied database: Root (the admin), Anna, Bob (her coach), Cleo (a stranger) and Dora
    (whom the tests invite as a coach)."""

    url: str
    people: dict[str, Person]
    secrets: dict[str, str]  # each person's API token
    anna_exercise: str  # the slug of her private exercise (a page she imported)
    anna_workout: str  # a workout of hers holding sets of it, in progress
    anna_workouts: tuple[str, ...]  # every workout of hers
    anna_set: str  # a set of hers in that workout
    anna_token: str  # the id of a second token of hers, to revoke


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    json: Any = None
    data: dict[str, str] | None = None
    content: str | None = None

    def as_coach_of(self, athlete: str) -> Call:
        return replace(self, params={**self.params, "person": athlete})

    def said(self) -> str:
        """All the request says, lower case: what an answer may echo back without leaking anything."""
        return " ".join(
            str(part) for part in (self.path, self.params, self.json, self.data, self.content) if part
        ).lower()


Build = Callable[[World], Call]


def anna_page(world: World) -> str:
    return f"/workouts/{world.anna_workout}"


# -- the tables ----------------------------------------------------------------------------------------------------

# Anyone may call these, signed in or not: the library and the ways in. (method, path) -> (call, status for nobody)
PUBLIC: dict[tuple[str, str], tuple[Build, int]] = {
    ("GET", "/api/v1/exercises"): (lambda w: Call("GET", "/api/v1/exercises", {"q": "hip thrust"}), 200),
    ("GET", "/api/v1/exercises/{slug}"): (lambda w: Call("GET", "/api/v1/exercises/goblet-squat"), 200),
    ("GET", "/api/v1/exercises/{slug}/alternatives"): (
        lambda w: Call("GET", "/api/v1/exercises/barbell-hip-thrust/alternatives"),
        200,
    ),
    ("GET", "/api/v1/exercises/{slug}/variations"): (
        lambda w: Call("GET", "/api/v1/exercises/goblet-squat/variations"),
        200,
    ),
    ("GET", "/api/v1/muscles"): (lambda w: Call("GET", "/api/v1/muscles"), 200),
    ("GET", "/api/v1/muscles/{slug}"): (lambda w: Call("GET", "/api/v1/muscles/glutes"), 200),
    ("GET", "/api/v1/equipment"): (lambda w: Call("GET", "/api/v1/equipment"), 200),
    ("GET", "/api/v1/equipment/{slug}"): (lambda w: Call("GET", "/api/v1/equipment/bench"), 200),
    ("GET", "/api/v1/drills"): (lambda w: Call("GET", "/api/v1/drills"), 200),
    ("GET", "/api/v1/drills/{slug}"): (lambda w: Call("GET", "/api/v1/drills/figure-4-stretch"), 200),
    ("GET", "/"): (lambda w: Call("GET", "/", {"q": "hip thrust"}), 200),
    ("GET", "/exercises/{slug}"): (lambda w: Call("GET", "/exercises/goblet-squat"), 200),
    ("GET", "/muscles"): (lambda w: Call("GET", "/muscles"), 200),
    ("GET", "/muscles/{slug}"): (lambda w: Call("GET", "/muscles/glutes"), 200),
    ("GET", "/equipment"): (lambda w: Call("GET", "/equipment"), 200),
    ("GET", "/equipment/{slug}"): (lambda w: Call("GET", "/equipment/bench"), 200),
    ("GET", "/login"): (lambda w: Call("GET", "/login"), 200),
    ("POST", "/login"): (lambda w: Call("POST", "/login", data={"name": "anna", "password": PASSWORD}), 303),
    ("GET", "/register"): (lambda w: Call("GET", "/register"), 200),
    # Registration is by invitation on this server: without a code the form says so.
    ("POST", "/register"): (lambda w: Call("POST", "/register", data={"name": "erin", "password": PASSWORD}), 400),
    ("POST", "/logout"): (lambda w: Call("POST", "/logout"), 303),
    ("GET", "/docs"): (lambda w: Call("GET", "/docs"), 200),
    ("GET", "/docs/oauth2-redirect"): (lambda w: Call("GET", "/docs/oauth2-redirect"), 200),
    ("GET", "/openapi.json"): (lambda w: Call("GET", "/openapi.json"), 200),
    # The installable app's manifest and service worker: the same files for everyone.
    ("GET", "/manifest.webmanifest"): (lambda w: Call("GET", "/manifest.webmanifest"), 200),
    ("GET", "/sw.js"): (lambda w: Call("GET", "/sw.js"), 200),
}
PUBLIC_MOUNTS = frozenset({"/static", "/static/offline-docs"})  # files: styles, scripts, Swagger UI's


@dataclass(frozen=True)
class Personal:
    """A route of somebody's own things. `call` is how its owner calls it on their things. `others` is what anyone
    else gets making exactly that call: 404 when it names something of the owner's, None when it names nothing
    and so acts on the caller's own things (2xx or a redirect), or another status the route answers them with.
    `coach`: what the route does with `?person=NAME` from a coach the person invited: READS (it reads their log:
    2xx, and the answer is theirs) or TOLD (2xx: the page tells the coach whose log it is, and offers nothing to
    write); None: the route takes no `?person=` and acts on the caller's own things."""

    call: Build
    others: int | None
    owner: str = "anna"
    coach: str | None = None


READS = "reads"
TOLD = "told"


def log_in_anna_workout(w: World) -> Call:
    body = {"exercise": "goblet-squat", "sets": "20kg x 8", "workout_id": w.anna_workout}
    return Call("POST", "/api/v1/log", json=body)


# A plan of one exercise, as the planner's edits and the plan page take one back.
GOBLET_PLAN = {
    "minutes": 30,
    "estimated_minutes": 6.0,
    "seed": 0,
    "warm_up": [],
    "exercises": [
        {
            "slug": "goblet-squat",
            "name": "Goblet Squat",
            "sets": 3,
            "reps": 10,
            "rep_range": [8, 12],
            "load_kg": 20.0,
            "rest_s": 90,
            "sides": ["both"],
            "reason": "For the quads.",
            "dose_reason": "3 x 10.",
            "load_reason": "From last time.",
            "minutes": 6.0,
        }
    ],
    "cool_down": [],
}


def plan_form(**more: str) -> dict[str, str]:
    return {"plan": json.dumps(GOBLET_PLAN), **more}


PERSONAL: dict[tuple[str, str], Personal] = {
    # the training log, as JSON
    ("POST", "/api/v1/log"): Personal(log_in_anna_workout, others=404),
    ("GET", "/api/v1/workouts"): Personal(lambda w: Call("GET", "/api/v1/workouts"), None, coach=READS),
    ("GET", "/api/v1/workouts/{workout_id}"): Personal(
        lambda w: Call("GET", f"/api/v1/workouts/{w.anna_workout}"), 404, coach=READS
    ),
    # Her coach reads these for her private exercise too (her log names it); nobody else learns it exists.
    ("GET", "/api/v1/exercises/{slug}/previous"): Personal(
        lambda w: Call("GET", f"/api/v1/exercises/{w.anna_exercise}/previous"), 404, coach=READS
    ),
    ("GET", "/api/v1/exercises/{slug}/records"): Personal(
        lambda w: Call("GET", f"/api/v1/exercises/{w.anna_exercise}/records"), 404, coach=READS
    ),
    ("PATCH", "/api/v1/sets/{set_id}"): Personal(
        lambda w: Call("PATCH", f"/api/v1/sets/{w.anna_set}", json={"reps": 11}), 404
    ),
    # A short id is found among the caller's own sets only.
    ("DELETE", "/api/v1/sets/{set_id}"): Personal(lambda w: Call("DELETE", f"/api/v1/sets/{w.anna_set[:8]}"), 404),
    ("PATCH", "/api/v1/workouts/{workout_id}"): Personal(
        lambda w: Call("PATCH", f"/api/v1/workouts/{w.anna_workout}", json={"name": "Zorblax day"}), 404
    ),
    ("DELETE", "/api/v1/workouts/{workout_id}"): Personal(
        lambda w: Call("DELETE", f"/api/v1/workouts/{w.anna_workout[:8]}"), 404
    ),
    ("GET", "/api/v1/log/export"): Personal(lambda w: Call("GET", "/api/v1/log/export"), None, coach=READS),
    # the insight reports, as JSON
    ("GET", "/api/v1/insight/volume"): Personal(lambda w: Call("GET", "/api/v1/insight/volume"), None, coach=READS),
    ("GET", "/api/v1/insight/recovery"): Personal(lambda w: Call("GET", "/api/v1/insight/recovery"), None, coach=READS),
    ("GET", "/api/v1/insight/symmetry"): Personal(lambda w: Call("GET", "/api/v1/insight/symmetry"), None, coach=READS),
    ("GET", "/api/v1/insight/e1rm/{slug}"): Personal(
        lambda w: Call("GET", f"/api/v1/insight/e1rm/{w.anna_exercise}"), 404, coach=READS
    ),
    # The days of her Strong import: the answer names her workouts.
    ("GET", "/api/v1/insight/days"): Personal(
        lambda w: Call("GET", "/api/v1/insight/days", {"from": "2024-11-01", "to": "2024-11-30"}), None, coach=READS
    ),
    # uploads
    ("POST", "/api/v1/imports/page"): Personal(
        lambda w: Call("POST", "/api/v1/imports/page", {"replace": "true"}, content=ZORBLAX_PAGE), None
    ),
    ("POST", "/api/v1/imports/log"): Personal(
        lambda w: Call(
            "POST", "/api/v1/imports/log", {"app": "strong"}, content=strong_csv("2025-03-01 07:00:00", "Zorblax Dawn")
        ),
        None,
    ),
    # the account, as JSON
    ("GET", "/api/v1/me"): Personal(lambda w: Call("GET", "/api/v1/me"), None),
    ("GET", "/api/v1/tokens"): Personal(lambda w: Call("GET", "/api/v1/tokens"), None),
    ("POST", "/api/v1/tokens"): Personal(lambda w: Call("POST", "/api/v1/tokens", json={"label": "watch"}), None),
    ("DELETE", "/api/v1/tokens/{token_id}"): Personal(lambda w: Call("DELETE", f"/api/v1/tokens/{w.anna_token}"), 404),
    ("POST", "/api/v1/coaches"): Personal(lambda w: Call("POST", "/api/v1/coaches", json={"coach": "dora"}), None),
    ("DELETE", "/api/v1/coaches/{name}"): Personal(lambda w: Call("DELETE", "/api/v1/coaches/bob"), 404),
    ("DELETE", "/api/v1/athletes/{name}"): Personal(
        lambda w: Call("DELETE", "/api/v1/athletes/anna"), 404, owner="bob"
    ),
    ("POST", "/api/v1/invitations"): Personal(lambda w: Call("POST", "/api/v1/invitations"), 400, owner="root"),
    ("PUT", "/api/v1/exercises/{slug}/shared"): Personal(
        lambda w: Call("PUT", f"/api/v1/exercises/{w.anna_exercise}/shared", json={"shared": True}), 404
    ),
    # the training pages
    ("GET", "/log"): Personal(lambda w: Call("GET", "/log"), None, coach=TOLD),
    ("POST", "/log"): Personal(
        lambda w: Call("POST", "/log", data={"exercise": w.anna_exercise, "side": "left", "weight": "40", "reps": "9"}),
        404,
    ),
    ("POST", "/log/undo"): Personal(
        lambda w: Call("POST", "/log/undo", data={"exercise": w.anna_exercise, "set": w.anna_set}), 404
    ),
    ("GET", "/history"): Personal(lambda w: Call("GET", "/history"), None, coach=READS),
    ("GET", "/insight"): Personal(lambda w: Call("GET", "/insight"), None, coach=READS),
    ("GET", "/log/names"): Personal(lambda w: Call("GET", "/log/names"), None),
    # "Zorblax Curl" came from her Strong import: a name from her log, which nobody else has.
    ("POST", "/log/names"): Personal(
        lambda w: Call("POST", "/log/names", data={"name": "Zorblax Curl", "exercise": "barbell curl"}), 404
    ),
    ("GET", "/workouts/{workout_id}"): Personal(lambda w: Call("GET", anna_page(w)), 404, coach=READS),
    ("POST", "/workouts/{workout_id}"): Personal(
        lambda w: Call("POST", anna_page(w), data={"action": "rename", "name": "Renamed"}), 404
    ),
    ("POST", "/workouts/{workout_id}/sets/{set_id}"): Personal(
        lambda w: Call(
            "POST",
            f"{anna_page(w)}/sets/{w.anna_set}",
            data={"action": "save", "side": "left", "weight": "41", "reps": "9"},
        ),
        404,
    ),
    # the planner, as JSON: "zorblax-gym" and "zorblax-day" are Anna's profile and routine. Writes name things
    # anew each time (replace), so each person's second call succeeds as the first did.
    ("GET", "/api/v1/plan"): Personal(lambda w: Call("GET", "/api/v1/plan", {"minutes": "30"}), None),
    ("POST", "/api/v1/plan/edit"): Personal(
        lambda w: Call("POST", "/api/v1/plan/edit", json={"plan": GOBLET_PLAN, "lock": ["goblet-squat"]}), None
    ),
    ("GET", "/api/v1/plan/alternatives"): Personal(lambda w: Call("GET", "/api/v1/plan/alternatives"), None),
    ("GET", "/api/v1/profiles"): Personal(lambda w: Call("GET", "/api/v1/profiles"), None),
    ("GET", "/api/v1/profiles/{name}"): Personal(lambda w: Call("GET", "/api/v1/profiles/zorblax-gym"), 404),
    ("PUT", "/api/v1/profiles/{name}"): Personal(
        lambda w: Call("PUT", "/api/v1/profiles/zorblax-gym", {"replace": "true"}, json={"minutes": 35}), None
    ),
    ("DELETE", "/api/v1/profiles/{name}"): Personal(lambda w: Call("DELETE", "/api/v1/profiles/zorblax-gym"), 404),
    ("GET", "/api/v1/routines"): Personal(lambda w: Call("GET", "/api/v1/routines"), None),
    ("GET", "/api/v1/routines/{ref}"): Personal(lambda w: Call("GET", "/api/v1/routines/zorblax-day"), 404),
    ("POST", "/api/v1/routines"): Personal(
        lambda w: Call(
            "POST",
            "/api/v1/routines",
            json={"name": "zorblax-day", "exercises": GOBLET_PLAN["exercises"], "replace": True},
        ),
        None,
    ),
    ("POST", "/api/v1/routines/repeat-last"): Personal(
        lambda w: Call("POST", "/api/v1/routines/repeat-last", json={"name": "zorblax-again", "replace": True}), None
    ),
    ("DELETE", "/api/v1/routines/{ref}"): Personal(lambda w: Call("DELETE", "/api/v1/routines/zorblax-day"), 404),
    ("GET", "/api/v1/programmes"): Personal(lambda w: Call("GET", "/api/v1/programmes"), None),
    # Anna follows a programme; nobody else does, so theirs is none (404, 400 for its next session) until they
    # follow one of their own, which leaves hers as it was.
    ("GET", "/api/v1/programmes/enrolment"): Personal(lambda w: Call("GET", "/api/v1/programmes/enrolment"), 404),
    ("PUT", "/api/v1/programmes/enrolment"): Personal(
        lambda w: Call("PUT", "/api/v1/programmes/enrolment", json={"programme": "push-pull-legs-6-day"}), None
    ),
    ("DELETE", "/api/v1/programmes/enrolment"): Personal(lambda w: Call("DELETE", "/api/v1/programmes/enrolment"), 404),
    ("GET", "/api/v1/programmes/next"): Personal(lambda w: Call("GET", "/api/v1/programmes/next"), 400),
    # the plan page
    ("GET", "/plan"): Personal(lambda w: Call("GET", "/plan", {"minutes": "30"}), None),
    ("POST", "/plan/swap"): Personal(lambda w: Call("POST", "/plan/swap", data=plan_form(swap="goblet-squat")), None),
    ("POST", "/plan/regenerate"): Personal(
        lambda w: Call("POST", "/plan/regenerate", data=plan_form(keep="goblet-squat")), None
    ),
    ("POST", "/plan/start"): Personal(lambda w: Call("POST", "/plan/start", data=plan_form()), None),
    ("POST", "/plan/routine"): Personal(
        lambda w: Call("POST", "/plan/routine", data=plan_form(name="zorblax-saved", replace="yes")), None
    ),
    ("POST", "/plan/repeat-last"): Personal(lambda w: Call("POST", "/plan/repeat-last"), None),
    ("POST", "/plan/programme/start"): Personal(
        lambda w: Call("POST", "/plan/programme/start", data={"programme": "push-pull-legs-6-day"}), None
    ),
    ("POST", "/plan/programme/leave"): Personal(lambda w: Call("POST", "/plan/programme/leave"), 404),
    # the account pages
    ("GET", "/account"): Personal(lambda w: Call("GET", "/account"), None),
    # The same password again (allowed), so that each person's call succeeds however often it is made.
    ("POST", "/account/password"): Personal(
        lambda w: Call("POST", "/account/password", data={"current_password": PASSWORD, "new_password": PASSWORD}),
        None,
    ),
    ("POST", "/account/tokens"): Personal(lambda w: Call("POST", "/account/tokens", data={"label": "watch"}), None),
    ("POST", "/account/tokens/{token_id}/revoke"): Personal(
        lambda w: Call("POST", f"/account/tokens/{w.anna_token}/revoke"), 404
    ),
    ("POST", "/account/coaches"): Personal(lambda w: Call("POST", "/account/coaches", data={"coach": "dora"}), None),
    ("POST", "/account/coaches/{name}/remove"): Personal(lambda w: Call("POST", "/account/coaches/bob/remove"), 404),
    ("POST", "/account/athletes/{name}/leave"): Personal(
        lambda w: Call("POST", "/account/athletes/anna/leave"), 404, owner="bob"
    ),
    ("POST", "/account/invitations"): Personal(lambda w: Call("POST", "/account/invitations"), 403, owner="root"),
}


# -- the app's routes ----------------------------------------------------------------------------------------------


def app_for(db: Database) -> FastAPI:
    return create_app(db, auth=AuthConfig.for_server(SECRET, open_registration=False))


def _walk(app: FastAPI) -> list[Any]:
    """Every route, with included routers walked into (FastAPI now keeps them whole in app.routes)."""
    walk = getattr(fastapi.routing, "iter_route_contexts", None)
    return [c.original_route for c in walk(app.routes)] if walk is not None else list(app.routes)


def routes_of(app: FastAPI) -> tuple[set[tuple[str, str]], set[str]]:
    """(method, path) of every route, from the routes themselves and from the OpenAPI document, and the mounts."""
    found: set[tuple[str, str]] = set()
    mounts: set[str] = set()
    for route in _walk(app):
        if isinstance(route, Mount):
            mounts.add(route.path)
        elif isinstance(route, Route | APIRoute):
            found |= {(method, route.path) for method in route.methods or () if method != "HEAD"}
        else:
            found.add(("?", str(getattr(route, "path", route))))
    for path, operations in app.openapi()["paths"].items():
        found |= {(method.upper(), path) for method in operations}
    return found, mounts


def takes_person(app: FastAPI, method: str, path: str) -> bool:
    """Whether the route declares a `?person=` parameter (the dependency of a log a coach may read)."""
    for route in _walk(app):
        if isinstance(route, APIRoute) and route.path == path and method in (route.methods or ()):
            return any(param.name == "person" for param in get_flat_params(route.dependant))
    return False


def test_every_route_is_covered(db: Database) -> None:
    app = app_for(db)
    routes, mounts = routes_of(app)
    tables = PUBLIC.keys() | PERSONAL.keys()
    assert not PUBLIC.keys() & PERSONAL.keys(), "a route is in both tables"
    missing = sorted(routes - tables)
    assert not missing, "\n".join(f"new route without isolation coverage: {method} {path}" for method, path in missing)
    assert mounts <= PUBLIC_MOUNTS, f"new mount without isolation coverage: {sorted(mounts - PUBLIC_MOUNTS)}"
    assert not tables - routes, f"the tables name routes that are gone: {sorted(tables - routes)}"
    # A route that reads a log for a coach must be checked as one.
    for (method, path), case in PERSONAL.items():
        if takes_person(app, method, path):
            assert case.coach == READS, f"{method} {path} takes ?person= but its table line does not say READS"


# -- the world -----------------------------------------------------------------------------------------------------


def client(app: FastAPI, secret: str | None = None) -> TestClient:
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return TestClient(app, base_url=BASE_URL, headers=headers)


def _build_world(db: Database) -> World:
    names = ("root", "anna", "bob", "cleo", "dora")  # Dora is only ever invited as a coach
    people = {name: db.run(accounts.create_account, name.title(), PASSWORD) for name in names}
    assert people["root"].is_admin and not people["anna"].is_admin
    secrets = {name: db.run(accounts.create_token, person, "tests").secret for name, person in people.items()}
    anna_token = str(db.run(accounts.create_token, people["anna"], "phone").token.id)
    app = app_for(db)
    anna = client(app, secrets["anna"])
    page = anna.post("/api/v1/imports/page", content=ZORBLAX_PAGE)
    assert page.status_code == 201, page.text
    exercise = page.json()["slug"]
    logged = anna.post("/api/v1/log", json={"exercise": exercise, "sets": "L 40kg x 10, R 40kg x 8"})
    assert logged.status_code == 201, logged.text
    imported = anna.post(
        "/api/v1/imports/log", params={"app": "strong"}, content=strong_csv("2024-11-28 17:36:08", "Zorblax Session")
    )
    assert imported.status_code == 201, imported.text
    assert anna.post("/api/v1/coaches", json={"coach": "bob"}).status_code == 201
    for name in ("bob", "cleo", "root"):  # their own logs, so "their own" is never simply empty (repeat-last)
        own = client(app, secrets[name]).post("/api/v1/log", json={"exercise": "back squat", "sets": "60kg x 5"})
        assert own.status_code == 201, own.text
    assert anna.put("/api/v1/profiles/zorblax-gym", json={"minutes": 40}).status_code == 200
    routine = anna.post("/api/v1/routines/repeat-last", json={"name": "zorblax-day"})
    assert routine.status_code == 201, routine.text
    following = anna.put(
        "/api/v1/programmes/enrolment", json={"programme": "full-body-3-day", "started_on": "2024-11-25"}
    )
    assert following.status_code == 200, following.text
    workouts = tuple(w["id"] for w in anna.get("/api/v1/workouts").json())
    assert len(workouts) == 2
    return World(
        url=db.url,
        people=people,
        secrets=secrets,
        anna_exercise=exercise,
        anna_workout=logged.json()["workout"]["id"],
        anna_workouts=workouts,
        anna_set=logged.json()["added"][0]["id"],
        anna_token=anna_token,
    )


@pytest.fixture(scope="module")
def world_template(backend: Backend) -> Iterator[World]:
    db = backend.fresh(with_catalog=True)
    world = _build_world(db)
    db.dispose()  # a template is copied with no connection open to it
    yield world
    backend.release(Database(world.url))


_copies = itertools.count()


@pytest.fixture
def world(backend: Backend, world_template: World) -> Iterator[tuple[World, Database]]:
    """A database of its own holding the world, copied from the template as the `db` fixture copies its own."""
    db = Database(backend._copy(world_template.url, f"isolation_{next(_copies)}_{uuid.uuid4().hex[:6]}"))
    yield replace(world_template, url=db.url), db
    backend.release(db)


# -- what a person's things are ------------------------------------------------------------------------------------


def state_of(db: Database, world: World) -> tuple[Any, ...]:
    """Everything of Anna's another person's request could change: her log and settings (the JSON export), her
    tokens, coaches and athletes, her private exercise's page and whether it is shared, her planning profiles,
    routines, the plan she started and the programme she follows."""
    anna = world.people["anna"]
    with db.session(viewer=Viewer(anna)) as session:
        export = log_import.export_json(session)
        tokens = [(t.id, t.label, t.revoked_at) for t in accounts.tokens(session, anna)]
        coaches = [p.name for p in accounts.coaches(session, anna)]
        athletes = [p.name for p in accounts.athletes(session, anna)]
        page = library.export_page(session, world.anna_exercise)
        planning = (
            profiles.profiles(session),
            routines.routines(session),
            routines.started_plan(session, EPOCH),
            routines.enrolment(session),
        )
    with db.session(viewer=ANONYMOUS) as session:
        shared = any(name.slug == world.anna_exercise for name in library.library_names(session))
    return export, tokens, coaches, athletes, page, shared, planning


def send(app: FastAPI, world: World, who: str | None, call: Call) -> Response:
    person = client(app, world.secrets[who] if who else None)
    return person.request(
        call.method,
        call.path,
        params=call.params,
        json=call.json,
        data=call.data,
        content=call.content,
        follow_redirects=False,
    )


def assert_signs_in_first(response: Response, call: Call) -> None:
    where = f"{call.method} {call.path}"
    assert response.status_code == 401, f"{where} answered nobody {response.status_code}: {response.text[:300]}"
    if call.path.startswith("/api/"):
        assert response.json()["message"] == "sign in first", where
        assert response.headers["www-authenticate"].startswith("Bearer"), where
    else:
        assert 'action="/login"' in response.text and 'name="password"' in response.text, where


def assert_holds_nothing_of_annas(response: Response, call: Call, world: World, who: str) -> None:
    """Nothing of Anna's in the answer beyond what the request itself said (a 404 repeats the id it was asked)."""
    said = call.said()
    body = response.text.lower()
    for secret in (MARK, *world.anna_workouts, world.anna_token, world.secrets["anna"].lower()):
        if secret.lower() not in said:
            assert secret.lower() not in body, f"{call.method} {call.path} shows {who} '{secret}' of Anna's"


def holds_something_of_annas(response: Response, world: World) -> bool:
    body = response.text.lower()
    return MARK in body or any(workout in body for workout in world.anna_workouts)


def is_success(response: Response) -> bool:
    return 200 <= response.status_code < 400


# -- the checks ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("route", sorted(PUBLIC), ids=lambda route: " ".join(route))
def test_public_route_answers_anyone(route: tuple[str, str], world: tuple[World, Database]) -> None:
    the_world, db = world
    build, status = PUBLIC[route]
    call = build(the_world)
    response = send(app_for(db), the_world, None, call)
    assert response.status_code == status, f"{call.method} {call.path}: {response.status_code} {response.text[:300]}"
    assert_holds_nothing_of_annas(response, call, the_world, "nobody")


@pytest.mark.parametrize("route", sorted(PERSONAL), ids=lambda route: " ".join(route))
def test_personal_route_is_its_owners_alone(route: tuple[str, str], world: tuple[World, Database]) -> None:
    the_world, db = world
    case = PERSONAL[route]
    app = app_for(db)
    call = case.call(the_world)
    where = f"{call.method} {call.path}"
    before = state_of(db, the_world)

    assert_signs_in_first(send(app, the_world, None, call), call)
    assert_signs_in_first(send(app, the_world, None, call.as_coach_of("anna")), call)

    for who in sorted({"anna", "bob", "cleo", "root"} - {case.owner}):
        for as_coach in (False, True):
            asked = call.as_coach_of("anna") if as_coach else call
            response = send(app, the_world, who, asked)
            answer = (
                f"{where} by {who}{' ?person=anna' if as_coach else ''}: {response.status_code} {response.text[:300]}"
            )
            assert response.status_code < 500, answer
            if as_coach and case.coach and who == "bob":
                assert is_success(response), answer  # her coach reads her log
                if case.coach == READS:
                    assert holds_something_of_annas(response, the_world), f"{answer}\nis not Anna's"
            elif as_coach and case.coach:
                assert response.status_code == 404, answer  # she invited no such coach
            elif case.others is None:
                assert is_success(response), answer  # on their own things
            else:
                assert response.status_code == case.others, answer
            if who != "anna" and not (as_coach and case.coach and who == "bob"):
                assert_holds_nothing_of_annas(response, asked, the_world, who)
            assert state_of(db, the_world) == before, f"{answer}\nchanged Anna's things"

    own = send(app, the_world, case.owner, call)
    assert is_success(own), f"{where} by its owner {case.owner}: {own.status_code} {own.text[:300]}"


def test_a_coach_reads_the_athletes_own_things_with_person(world: tuple[World, Database]) -> None:
    """What Bob reads with ?person=anna is Anna's, not his own, and it ends when she removes him."""
    the_world, db = world
    app = app_for(db)
    bob = client(app, the_world.secrets["bob"])
    listed = bob.get("/api/v1/workouts", params={"person": "anna"}).json()
    assert {w["id"] for w in listed} == set(the_world.anna_workouts)
    assert {w["id"] for w in bob.get("/api/v1/workouts").json()}.isdisjoint(the_world.anna_workouts)
    one = bob.get(f"/api/v1/workouts/{the_world.anna_workout}", params={"person": "anna"})
    assert one.status_code == 200 and one.json()["id"] == the_world.anna_workout
    history = bob.get("/history", params={"person": "anna"})
    assert history.status_code == 200 and "Zorblax Session" in history.text
    page = bob.get(anna_page(the_world), params={"person": "anna"})
    assert page.status_code == 200 and "Zorblax Thrust" in page.text

    anna = client(app, the_world.secrets["anna"])
    assert anna.delete("/api/v1/coaches/bob").status_code == 204
    assert bob.get("/api/v1/workouts", params={"person": "anna"}).status_code == 404
    assert bob.get(anna_page(the_world), params={"person": "anna"}).status_code == 404


# -- a private exercise --------------------------------------------------------------------------------------------


def sightings(app: FastAPI, world: World, who: str | None) -> dict[str, bool]:
    """Where `who` comes across Anna's exercise, place by place: its slug (a link, a record) in a 200 answer, or
    its name in the log page's suggestions. Queries are by name, so an answer echoing one shows no slug."""
    person = client(app, world.secrets[who] if who else None)
    slug = world.anna_exercise

    def shows(path: str, needle: str = slug, **params: Any) -> bool:
        response = person.get(path, params=params)
        assert response.status_code in (200, 404), f"{path}: {response.status_code}"
        return response.status_code == 200 and needle in response.text

    places = {
        "search": shows("/api/v1/exercises", q="zorblax thrust"),
        "list by muscle": shows("/api/v1/exercises", muscle="glutes", per_page=100, q="thrust"),
        "record": shows(f"/api/v1/exercises/{slug}"),
        "variations": shows(f"/api/v1/exercises/{slug}/variations"),
        "its alternatives": shows(f"/api/v1/exercises/{slug}/alternatives"),
        "alternatives of another": shows("/api/v1/exercises/barbell-hip-thrust/alternatives"),
        "muscle": shows("/api/v1/muscles/glutes"),
        "equipment": shows("/api/v1/equipment/bench"),
        "search page": shows("/", q="zorblax thrust"),
        "exercise page": shows(f"/exercises/{slug}"),
        "muscle page": shows("/muscles/glutes"),
        "equipment page": shows("/equipment/bench"),
    }
    if who is not None:
        places["log suggestions"] = shows("/log", needle="Zorblax Thrust")
        places["log page"] = shows("/log", exercise=slug)
    return places


def test_a_private_exercise_is_seen_by_its_owner_alone_until_shared(world: tuple[World, Database]) -> None:
    the_world, db = world
    app = app_for(db)
    assert all(sightings(app, the_world, "anna").values()), sightings(app, the_world, "anna")
    for who in ("bob", "cleo", "root", None):
        seen = [place for place, found in sightings(app, the_world, who).items() if found]
        assert not seen, f"{who or 'nobody'} sees Anna's private exercise in: {seen}"
    for who in ("bob", None):
        person = client(app, the_world.secrets[who] if who else None)
        assert person.get(f"/api/v1/exercises/{the_world.anna_exercise}").status_code == 404
        assert person.get(f"/exercises/{the_world.anna_exercise}").status_code == 404

    anna = client(app, the_world.secrets["anna"])
    shared = anna.put(f"/api/v1/exercises/{the_world.anna_exercise}/shared", json={"shared": True})
    assert shared.status_code == 200, shared.text
    for who in ("bob", "cleo", None):
        missing = [place for place, found in sightings(app, the_world, who).items() if not found]
        assert not missing, f"{who or 'nobody'} does not see Anna's shared exercise in: {missing}"

    assert anna.put(f"/api/v1/exercises/{the_world.anna_exercise}/shared", json={"shared": False}).status_code == 200
    assert not any(sightings(app, the_world, "bob").values())


def test_a_page_over_someone_elses_exercise_becomes_ones_own_copy(world: tuple[World, Database]) -> None:
    """Bob imports a page of the same name as Anna's private exercise: he gets his own, hers stays as it was."""
    the_world, db = world
    app = app_for(db)
    before = state_of(db, the_world)
    bob = client(app, the_world.secrets["bob"])
    imported = bob.post("/api/v1/imports/page", content=ZORBLAX_PAGE.replace("Keep the weight", "Bob says keep it"))
    assert imported.status_code == 201, imported.text
    copy = imported.json()
    assert copy["slug"] != the_world.anna_exercise and copy["tips"] == ["Bob says keep it on your heel."]
    assert state_of(db, the_world) == before
    assert bob.get(f"/api/v1/exercises/{copy['slug']}").status_code == 200
    assert client(app, the_world.secrets["cleo"]).get(f"/api/v1/exercises/{copy['slug']}").status_code == 404
    anna = client(app, the_world.secrets["anna"])
    assert anna.get(f"/api/v1/exercises/{the_world.anna_exercise}").json()["tips"] == ["Keep the weight on your heel."]


def test_a_members_private_page_adds_nothing_to_the_shared_muscle_groups_or_equipment(
    world: tuple[World, Database],
) -> None:
    """A page may name a muscle group or equipment the library does not know. From a member's private page it must
    not become a muscle group or equipment type everyone is shown, with the page's own words about it. (Fails
    today: store_page creates them in the shared taxonomy, so /muscles and /equipment show them to anybody.)"""
    the_world, db = world
    app = app_for(db)
    page = ZORBLAX_PAGE.replace(
        "Hamstrings\nThe hamstrings help extend the hip.", "Zorblax Muscle\nA muscle only this page names."
    ).replace("Bench\nA bench to rest your upper back on.", "Zorblax Sled\nA sled only this page names.")
    imported = client(app, the_world.secrets["anna"]).post(
        "/api/v1/imports/page", params={"replace": "true"}, content=page
    )
    assert imported.status_code in (200, 201, 400), imported.text  # stored without them, or refused: either is fine
    for who in (None, "bob", "cleo"):
        person = client(app, the_world.secrets[who] if who else None)
        for path in ("/api/v1/muscles", "/api/v1/equipment", "/muscles", "/equipment"):
            listed = person.get(path)
            assert listed.status_code == 200
            assert MARK not in listed.text.lower(), (
                f"{who or 'nobody'} is shown {path} with Anna's private page's names"
            )
