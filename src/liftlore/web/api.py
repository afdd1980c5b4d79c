"""/api/v1: the library as JSON. Every route calls the same service function as its HTML twin in pages.py."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import TypeAdapter

from liftlore.services import browse
from liftlore.shapes import library as shapes
from liftlore.shapes.errors import ErrorOut
from liftlore.web.deps import LibrarySessionDep

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": ErrorOut,
        "description": "A value that is not allowed (an unknown filter value lists the known ones)",
    },
    404: {"model": ErrorOut, "description": "No such exercise, muscle group, equipment, drill or workout"},
    422: {"model": ErrorOut, "description": "A parameter of the wrong type or out of range"},
    500: {"model": ErrorOut, "description": "An unexpected error; its `error_id` is in the server's log"},
}


def query_from(
    q: str,
    muscle: list[str],
    muscle_role: str,
    equipment: list[str],
    equipment_match: str,
    have: list[str],
    laterality: str | None,
    mechanic: str | None,
    level: str | None,
    pattern: str | None,
    page: int,
    per_page: int,
) -> browse.ExerciseQuery:
    return browse.ExerciseQuery(
        q=q,
        muscle=tuple(muscle),
        muscle_role=muscle_role,
        equipment=tuple(equipment),
        equipment_match=equipment_match,
        have=tuple(have),
        laterality=laterality,
        mechanic=mechanic,
        level=level,
        pattern=pattern,
        page=page,
        per_page=per_page,
    )


Handler = TypeVar("Handler", bound=Callable[..., Awaitable[Any]])


def fast_get(router: APIRouter, path: str, model: Any, summary: str) -> Callable[[Handler], Handler]:
    """Register a GET route whose handler returns `model` (a shape, or a list of them), declared as the route's
    response model, and send it as JSON straight away. FastAPI would dump the model, validate the dump against the
    same model and encode it again; the shapes are validated once when built (shapes/), so that second pass is
    skipped: measured, it cost more than the rest of a library request."""
    adapter: TypeAdapter[Any] = TypeAdapter(model)

    def register(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def send(*args: Any, **kwargs: Any) -> Response:
            return Response(adapter.dump_json(await handler(*args, **kwargs)), media_type="application/json")

        router.get(path, response_model=model, summary=summary)(send)
        return handler

    return register


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["library"])

    @fast_get(router, "/exercises", shapes.ExerciseList, "List, search and filter exercises")
    async def list_exercises(
        session: LibrarySessionDep,
        q: Annotated[str, Query(description="Free text; typo tolerant, matches names and aliases")] = "",
        muscle: Annotated[list[str], Query(description="Muscle group slug; repeat for any of several")] = [],  # noqa: B006
        muscle_role: Annotated[str, Query(description="primary (default) or any (primary or secondary)")] = "primary",
        equipment: Annotated[
            list[str], Query(description="Equipment slug (required or optional); 'bodyweight' = none required")
        ] = [],  # noqa: B006
        equipment_match: Annotated[str, Query(description="any (default) or all of the equipment values")] = "any",
        have: Annotated[
            list[str], Query(description="Only exercises whose required equipment is all among these")
        ] = [],  # noqa: B006
        laterality: Annotated[str | None, Query(description="unilateral or bilateral")] = None,
        mechanic: Annotated[str | None, Query(description="isolation or compound")] = None,
        level: Annotated[str | None, Query(description="beginner, intermediate or advanced")] = None,
        pattern: Annotated[str | None, Query(description="Movement pattern, e.g. 'hip extension'")] = None,
        page: Annotated[int, Query(ge=1)] = 1,
        per_page: Annotated[int, Query(ge=1, le=browse.MAX_PER_PAGE)] = 20,
        facets: Annotated[bool, Query(description="Include facet counts")] = False,
    ) -> shapes.ExerciseList:
        query = query_from(
            q,
            muscle,
            muscle_role,
            equipment,
            equipment_match,
            have,
            laterality,
            mechanic,
            level,
            pattern,
            page,
            per_page,
        )
        results = browse.search_exercises(session, query, facets=facets)
        return shapes.ExerciseList.page_of(
            results.items,
            total=results.total,
            page=query.page,
            per_page=query.per_page,
            pages=results.pages,
            facets=results.facets if facets else None,
        )

    @fast_get(router, "/exercises/{slug}", shapes.ExerciseRecord, "One exercise's whole page")
    async def get_exercise(session: LibrarySessionDep, slug: str) -> shapes.ExerciseRecord:
        return shapes.stored_record(browse.exercise_detail(session, slug).exercise)

    @fast_get(
        router,
        "/exercises/{slug}/alternatives",
        shapes.Alternatives,
        "Exercises for the same muscles with a similar movement",
    )
    async def get_alternatives(
        session: LibrarySessionDep,
        slug: str,
        have: Annotated[list[str], Query(description="Equipment at hand; bodyweight exercises always fit")] = [],  # noqa: B006
    ) -> shapes.Alternatives:
        found = browse.alternatives(session, slug, have=have)
        items = [shapes.AlternativeItem.alternative(a.exercise, a.reason) for a in found]
        return shapes.Alternatives(exercise=slug, have=have, items=items)

    @fast_get(router, "/exercises/{slug}/variations", shapes.Variations, "Easier and harder variations")
    async def get_variations(session: LibrarySessionDep, slug: str) -> shapes.Variations:
        detail = browse.exercise_detail(session, slug)
        return shapes.Variations(
            exercise=slug, easier=shapes.exercise_items(detail.easier), harder=shapes.exercise_items(detail.harder)
        )

    @fast_get(router, "/muscles", list[shapes.MuscleSummary], "Muscle groups")
    async def list_muscles(session: LibrarySessionDep) -> list[shapes.MuscleSummary]:
        return [shapes.MuscleSummary.counted(m, count) for m, count in browse.muscles(session)]

    @fast_get(router, "/muscles/{slug}", shapes.MuscleDetail, "A muscle group and its exercises")
    async def get_muscle(session: LibrarySessionDep, slug: str) -> shapes.MuscleDetail:
        found = browse.muscle_page(session, slug)
        return shapes.MuscleDetail(
            muscle=shapes.MuscleSummary.counted(found.muscle, len(found.primary)),
            primary=shapes.exercise_items(found.primary),
            secondary=shapes.exercise_items(found.secondary),
        )

    @fast_get(router, "/equipment", list[shapes.EquipmentSummary], "Equipment types")
    async def list_equipment(session: LibrarySessionDep) -> list[shapes.EquipmentSummary]:
        return [shapes.EquipmentSummary.counted(e, count) for e, count in browse.equipment_list(session)]

    @fast_get(router, "/equipment/{slug}", shapes.EquipmentDetail, "An equipment type and the exercises that use it")
    async def get_equipment(session: LibrarySessionDep, slug: str) -> shapes.EquipmentDetail:
        found = browse.equipment_page(session, slug)
        return shapes.EquipmentDetail(
            equipment=shapes.EquipmentSummary.counted(found.equipment, len(found.required) + len(found.optional)),
            required=shapes.exercise_items(found.required),
            optional=shapes.exercise_items(found.optional),
        )

    @fast_get(router, "/drills", list[shapes.DrillSummary], "Warm-up and cool-down drills")
    async def list_drills(session: LibrarySessionDep) -> list[shapes.DrillSummary]:
        return [shapes.DrillSummary.from_domain(d) for d in browse.drills(session)]

    @fast_get(router, "/drills/{slug}", shapes.DrillDetail, "A drill and the exercises using it")
    async def get_drill(session: LibrarySessionDep, slug: str) -> shapes.DrillDetail:
        found, users = browse.drill(session, slug)
        return shapes.DrillDetail(drill=shapes.DrillSummary.from_domain(found), exercises=shapes.exercise_items(users))

    return router
