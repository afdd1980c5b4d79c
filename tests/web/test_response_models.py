"""Every /api/v1 route declares its response model, and what every GET route really sends validates against it
(the shapes refuse unknown fields, so a field added by hand anywhere, or one that went missing, fails here).

The routes are walked from the app itself, so a new route is covered, or refused for having no model, without
anyone remembering this test. Path parameters get real values from a database holding the catalog and a few sets
logged through the API."""

from __future__ import annotations

import re
import uuid
from typing import Any, get_args, get_origin

import fastapi.routing
import pytest
from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter, ValidationError

from liftlore.shapes.base import Shape
from liftlore.shapes.errors import ErrorOut
from liftlore.shapes.training import LogOut
from liftlore.store.db import Database
from liftlore.web.app import create_app
from tests.web.client import BASE_URL

# A value for each path parameter, by the collection it sits in ("{slug}" of /muscles/{slug} is a muscle group).
SLUGS = {
    "exercises": "single-leg-hip-thrust",
    "muscles": "glutes",
    "equipment": "barbell",
    "drills": "figure-4-stretch",
    "insight": "single-leg-hip-thrust",  # /insight/e1rm/{slug}
}
# Extra calls that reach the branches a bare call leaves out (facets, a previous performance that is null).
VARIANTS: dict[str, list[dict[str, Any]]] = {
    "/api/v1/exercises": [{"q": "hip thrust", "facets": "true", "muscle": "glutes", "per_page": 100}],
    "/api/v1/exercises/{slug}/alternatives": [{"have": ["dumbbell", "bench"]}],
    "/api/v1/exercises/{slug}/previous": [{"slug": "goblet-squat"}],  # never logged: previous is null
    "/api/v1/workouts": [{"limit": 1, "offset": 1}],
}


def api_routes(client: TestClient) -> list[APIRoute]:
    """The app's /api/v1 routes. FastAPI now keeps included routers as they are (app.routes holds the routers, not
    their routes); `iter_route_contexts` walks into them. Before that, app.routes was already flat."""
    app = client.app
    assert isinstance(app, FastAPI)
    walk = getattr(fastapi.routing, "iter_route_contexts", None)
    routes = [c.original_route for c in walk(app.routes)] if walk is not None else list(app.routes)
    return [r for r in routes if isinstance(r, APIRoute) and r.path.startswith("/api/v1/")]


def strict(model: Any, value: Any) -> None:
    """Validate JSON against a response model, naming the route's model in the failure."""
    try:
        TypeAdapter(model).validate_python(value)
    except ValidationError as exc:
        pytest.fail(f"the response does not match {model}: {exc}")


@pytest.fixture
def logged(db: Database) -> tuple[TestClient, str]:
    """A client, and the id of a workout holding sets logged through the API."""
    client = TestClient(create_app(db), base_url=BASE_URL)
    first = client.post("/api/v1/log", json={"exercise": "single-leg-hip-thrust", "sets": "L 40kg x 10, R 40kg x 8"})
    assert first.status_code == 201, first.text
    strict(LogOut, first.json())
    more = client.post(
        "/api/v1/log",
        json={
            "exercise": "back squat",
            "sets": [{"weight": 100, "reps": 5, "rpe": 8}, {"reps": 12, "set_type": "warm-up"}],
        },
    )
    assert more.status_code == 201, more.text
    strict(LogOut, more.json())
    again = client.post("/api/v1/log", json={"exercise": "back squat", "sets": "105kg x 3", "new_workout": True})
    assert again.status_code == 201, again.text
    assert client.post("/api/v1/routines/repeat-last", json={"name": "Repeat"}).status_code == 201
    # A programme followed, so its enrolment and its next session answer (with none, they are refusals).
    assert client.put("/api/v1/programmes/enrolment", json={"programme": "full-body-3-day"}).status_code == 200
    return client, first.json()["workout"]["id"]


def path_for(route: APIRoute, workout_id: str, given: dict[str, Any]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in given:
            return str(given.pop(name))
        if name == "workout_id":
            return workout_id
        if name == "slug":
            return SLUGS[route.path.split("/")[3]]
        if name == "name":  # a planning profile: the built-in one is always there
            return "default"
        if name == "ref":  # a routine, saved in the fixture
            return "Repeat"
        pytest.fail(f"{route.path}: teach this test a value for {{{name}}}")

    return re.sub(r"\{(\w+)\}", value, route.path)


def is_shape(model: Any) -> bool:
    """A shape from liftlore.shapes, or a list of them: `dict[str, Any]` is a model to FastAPI but says nothing."""
    if get_origin(model) is list:
        (model,) = get_args(model)
    return isinstance(model, type) and issubclass(model, Shape)


def without_model(client: TestClient) -> list[str]:
    """Routes that send a body without declaring its shape (204 No Content sends none)."""
    return [
        f"{sorted(r.methods or ())} {r.path}"
        for r in api_routes(client)
        if not is_shape(r.response_model) and r.status_code != 204
    ]


def test_every_api_route_declares_a_response_model(logged: tuple[TestClient, str]) -> None:
    client, _ = logged
    assert len(api_routes(client)) >= 15  # 14 GETs and POST /log: the walk found them
    assert without_model(client) == [], "routes without a response model (response_model= or a return annotation)"


def test_a_route_added_without_a_model_is_noticed(db: Database) -> None:
    app = create_app(db)
    router = APIRouter(prefix="/api/v1")

    @router.get("/bare")
    def bare():  # type: ignore[no-untyped-def]  # no annotation, no response_model=
        return {}

    @router.get("/dict")
    def loose() -> dict[str, Any]:  # a model to FastAPI, but no shape
        return {}

    app.include_router(router)
    assert without_model(TestClient(app, base_url=BASE_URL)) == ["['GET'] /api/v1/bare", "['GET'] /api/v1/dict"]


def test_every_get_route_sends_what_its_model_declares(logged: tuple[TestClient, str]) -> None:
    client, workout_id = logged
    gets = [route for route in api_routes(client) if "GET" in (route.methods or ())]
    assert set(VARIANTS) <= {route.path for route in gets}, "a variant names a route that is gone"
    checked = 0
    for route in gets:
        for params in [{}, *VARIANTS.get(route.path, [])]:
            given = dict(params)
            path = path_for(route, workout_id, given)
            response = client.get(path, params=given)
            assert response.status_code == 200, f"{path}: {response.status_code} {response.text[:300]}"
            strict(route.response_model, response.json())
            checked += 1
    assert len(gets) >= 14 and checked == len(gets) + sum(len(v) for v in VARIANTS.values())


def test_the_models_refuse_a_field_nobody_declared(logged: tuple[TestClient, str]) -> None:
    client, workout_id = logged
    workout = client.get(f"/api/v1/workouts/{workout_id}").json()
    route = next(r for r in api_routes(client) if r.path == "/api/v1/workouts/{workout_id}")
    with pytest.raises(ValidationError, match="extra"):
        TypeAdapter(route.response_model).validate_python({**workout, "import_key": None})
    del workout["time_zone"]
    with pytest.raises(ValidationError, match="time_zone"):
        TypeAdapter(route.response_model).validate_python(workout)


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/exercises/glute-brige", {}, 404),  # suggestions
        ("/api/v1/exercises", {"laterality": "sideways"}, 400),  # allowed
        ("/api/v1/exercises", {"per_page": 1000}, 422),
        (f"/api/v1/workouts/{uuid.UUID(int=0)}", {}, 404),
        ("/api/v1/workouts/not-an-id", {}, 400),
        ("/api/v1/no-such-route", {}, 404),
    ],
)
def test_errors_are_error_out(db: Database, path: str, params: dict[str, Any], status: int) -> None:
    response = TestClient(create_app(db), base_url=BASE_URL).get(path, params=params)
    assert response.status_code == status
    strict(ErrorOut, response.json())
    assert set(response.json()) >= {"message", "field"}
