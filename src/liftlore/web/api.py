"""/api/v1: the library as JSON. Every route calls the same service function as its HTML twin in pages.py."""

from __future__ import annotations

import functools
import typing
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel, Field, TypeAdapter, ValidationError

from liftlore.services import browse
from liftlore.shapes import library as shapes
from liftlore.shapes.errors import ErrorOut
from liftlore.web.deps import LibraryDep, library_of

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorOut,
        "description": "A value that is not allowed (an unknown filter value lists the known ones)",
    },
    404: {"model": ErrorOut, "description": "No such exercise, muscle group, equipment, drill or workout"},
    422: {"model": ErrorOut, "description": "A parameter of the wrong type or out of range"},
    500: {"model": ErrorOut, "description": "An unexpected error; its `error_id` is in the server's log"},
}


class ExerciseListParams(BaseModel):
    """The query parameters of `GET /api/v1/exercises`."""

    q: str = Field("", description="Free text; typo tolerant, matches names and aliases")
    muscle: list[str] = Field([], description="Muscle group slug; repeat for any of several")
    muscle_role: str = Field("primary", description="primary (default) or any (primary or secondary)")
    equipment: list[str] = Field([], description="Equipment slug (required or optional); 'bodyweight' = none required")
    equipment_match: str = Field("any", description="any (default) or all of the equipment values")
    have: list[str] = Field([], description="Only exercises whose required equipment is all among these")
    laterality: str | None = Field(None, description="unilateral or bilateral")
    mechanic: str | None = Field(None, description="isolation or compound")
    level: str | None = Field(None, description="beginner, intermediate or advanced")
    pattern: str | None = Field(None, description="Movement pattern, e.g. 'hip extension'")
    from_log: bool = Field(
        False, description="Include your exercises made for names a log import could not match (hidden otherwise)"
    )
    page: int = Field(1, ge=1)
    per_page: int = Field(20, ge=1, le=browse.MAX_PER_PAGE)
    facets: bool = Field(False, description="Include facet counts")

    def query(self) -> browse.ExerciseQuery:
        return browse.ExerciseQuery(
            q=self.q,
            muscle=tuple(self.muscle),
            muscle_role=self.muscle_role,
            equipment=tuple(self.equipment),
            equipment_match=self.equipment_match,
            have=tuple(self.have),
            laterality=self.laterality,
            mechanic=self.mechanic,
            level=self.level,
            pattern=self.pattern,
            from_log=self.from_log,
            page=self.page,
            per_page=self.per_page,
        )


# The list's parameters are read by `read_params` rather than declared one by one on the handler: FastAPI's own
# reading inspects each declared parameter's type on every request, which measured ~140 µs for these 13, more
# than the rest of the request's work together. Here a request costs one validation of the model (the same Pydantic
# rules, so the same values pass and the same messages come back), and `documented_params` lists them in the
# OpenAPI document as FastAPI would.
ParamsT = TypeVar("ParamsT", bound=BaseModel)


@functools.cache
def _repeated(model: type[BaseModel]) -> frozenset[str]:
    """The fields of `model` that take every value given for their name (`muscle=glutes&muscle=hamstrings`)."""
    return frozenset(name for name, field in model.model_fields.items() if typing.get_origin(field.annotation) is list)


def read_params(model: type[ParamsT], request: Request) -> ParamsT:
    """The request's query parameters validated by `model`, as FastAPI reads declared ones: a list field takes
    every value of its name, any other field the last one, an absent or empty list leaves the default, and a wrong
    value is a 422 naming the parameter."""
    given = request.query_params
    repeated = _repeated(model)
    values: dict[str, Any] = {}
    for name, value in given.multi_items():  # only the parameters given: most requests set two or three
        if name in repeated:
            values.setdefault(name, []).append(value)
        else:
            values[name] = value  # the last one, as FastAPI reads a parameter given twice
    try:
        return model.model_validate(values)
    except ValidationError as error:
        raise RequestValidationError([{**e, "loc": ("query", *e["loc"])} for e in error.errors()]) from None


def documented_params(model: type[BaseModel]) -> list[dict[str, Any]]:
    """OpenAPI's description of `model`'s fields as optional query parameters, as FastAPI writes declared ones."""
    schema = model.model_json_schema()["properties"]
    found = []
    for name in model.model_fields:
        field = {key: value for key, value in schema[name].items() if not (key == "default" and value is None)}
        parameter = {"name": name, "in": "query", "required": False, "schema": field}
        if "description" in field:
            parameter["description"] = field["description"]
        found.append(parameter)
    return found


Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Any]])


def fast_get(
    router: APIRouter, path: str, model: Any, summary: str, *, params: type[BaseModel] | None = None
) -> Callable[[Handler], Handler]:
    """Register a GET route whose handler returns `model` (a shape, or a list of them), declared as the route's
    response model, and send it as JSON straight away. FastAPI would dump the model, validate the dump against the
    same model and encode it again; the shapes are validated once when built (shapes/), so that second pass is
    skipped: measured, it cost more than the rest of a library request. A handler may also return the model's
    JSON already written (bytes), as the exercise list does from its items' JSON kept ready in the snapshot.
    `params` documents query parameters that the handler reads itself (`read_params`)."""
    extra = {"parameters": documented_params(params)} if params is not None else None
    adapter: TypeAdapter[Any] = TypeAdapter(model)

    def register(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def send(*args: Any, **kwargs: Any) -> Response:
            answer = await handler(*args, **kwargs)
            body = answer if isinstance(answer, bytes) else adapter.dump_json(answer)
            return Response(body, media_type="application/json")

        router.get(path, response_model=model, summary=summary, openapi_extra=extra)(send)
        return handler

    return register


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["library"])

    @fast_get(router, "/exercises", shapes.ExerciseList, "List, search and filter exercises", params=ExerciseListParams)
    async def list_exercises(request: Request) -> bytes:  # shapes.ExerciseList's JSON
        # The busiest route reads its library and its parameters itself: as a dependency, FastAPI's resolving
        # of `LibraryDep` alone measured more than the route's own work.
        library = await library_of(request)
        params = read_params(ExerciseListParams, request)
        query = params.query()
        results = browse.search_exercises(library, query, facets=params.facets)
        return shapes.exercise_list_json(
            results.items_json,
            total=results.total,
            page=query.page,
            per_page=query.per_page,
            pages=results.pages,
            facets=results.facets if params.facets else None,
        )

    @fast_get(router, "/exercises/{slug}", shapes.ExerciseRecord, "One exercise's whole page")
    async def get_exercise(library: LibraryDep, slug: str) -> shapes.ExerciseRecord:
        return shapes.stored_record(browse.exercise_detail(library, slug).exercise)

    @fast_get(
        router,
        "/exercises/{slug}/alternatives",
        shapes.Alternatives,
        "Exercises for the same muscles with a similar movement",
    )
    async def get_alternatives(
        library: LibraryDep,
        slug: str,
        have: Annotated[list[str], Query(description="Equipment at hand; bodyweight exercises always fit")] = [],  # noqa: B006
    ) -> shapes.Alternatives:
        found = browse.alternatives(library, slug, have=have)
        items = [shapes.AlternativeItem.alternative(a.exercise, a.reason) for a in found]
        return shapes.Alternatives(exercise=slug, have=have, items=items)

    @fast_get(router, "/exercises/{slug}/variations", shapes.Variations, "Easier and harder variations")
    async def get_variations(library: LibraryDep, slug: str) -> shapes.Variations:
        detail = browse.exercise_detail(library, slug)
        return shapes.Variations(
            exercise=slug, easier=shapes.exercise_items(detail.easier), harder=shapes.exercise_items(detail.harder)
        )

    @fast_get(router, "/muscles", list[shapes.MuscleSummary], "Muscle groups")
    async def list_muscles(library: LibraryDep) -> list[shapes.MuscleSummary]:
        return [shapes.MuscleSummary.counted(m, count) for m, count in browse.muscles(library)]

    @fast_get(router, "/muscles/{slug}", shapes.MuscleDetail, "A muscle group and its exercises")
    async def get_muscle(library: LibraryDep, slug: str) -> shapes.MuscleDetail:
        found = browse.muscle_page(library, slug)
        return shapes.MuscleDetail(
            muscle=shapes.MuscleSummary.counted(found.muscle, len(found.primary)),
            primary=shapes.exercise_items(found.primary),
            secondary=shapes.exercise_items(found.secondary),
        )

    @fast_get(router, "/equipment", list[shapes.EquipmentSummary], "Equipment types")
    async def list_equipment(library: LibraryDep) -> list[shapes.EquipmentSummary]:
        return [shapes.EquipmentSummary.counted(e, count) for e, count in browse.equipment_list(library)]

    @fast_get(router, "/equipment/{slug}", shapes.EquipmentDetail, "An equipment type and the exercises that use it")
    async def get_equipment(library: LibraryDep, slug: str) -> shapes.EquipmentDetail:
        found = browse.equipment_page(library, slug)
        return shapes.EquipmentDetail(
            equipment=shapes.EquipmentSummary.counted(found.equipment, len(found.required) + len(found.optional)),
            required=shapes.exercise_items(found.required),
            optional=shapes.exercise_items(found.optional),
        )

    @fast_get(router, "/drills", list[shapes.DrillSummary], "Warm-up and cool-down drills")
    async def list_drills(library: LibraryDep) -> list[shapes.DrillSummary]:
        return [shapes.DrillSummary.from_domain(d) for d in browse.drills(library)]

    @fast_get(router, "/drills/{slug}", shapes.DrillDetail, "A drill and the exercises using it")
    async def get_drill(library: LibraryDep, slug: str) -> shapes.DrillDetail:
        found, users = browse.drill(library, slug)
        return shapes.DrillDetail(drill=shapes.DrillSummary.from_domain(found), exercises=shapes.exercise_items(users))

    return router
