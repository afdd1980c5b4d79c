"""/api/v1: the library as JSON. Every route calls the same service function as its HTML twin in pages.py."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, cast

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from liftlore.domain.exercise import Drill, Exercise
from liftlore.page.record import drill_json, exercise_record
from liftlore.services import browse
from liftlore.store.db import Database
from liftlore.web import schemas

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorOut, "description": "A filter value that does not exist (the known ones are listed)"},
    404: {"model": schemas.ErrorOut, "description": "No such exercise, muscle group, equipment or drill"},
    422: {"model": schemas.ErrorOut, "description": "A parameter of the wrong type or out of range"},
}


def item(exercise: Exercise) -> dict[str, Any]:
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "url": f"/exercises/{exercise.slug}",
        "laterality": exercise.laterality.value,
        "mechanic": exercise.mechanic.value if exercise.mechanic else None,
        "level": exercise.level.value if exercise.level else None,
        "movement_pattern": exercise.movement_pattern,
        "primary_muscles": [{"slug": m.slug, "name": m.name} for m in exercise.primary_muscles],
        "equipment": [
            {"slug": u.equipment.slug, "name": u.equipment.name, "optional": u.optional} for u in exercise.equipment
        ],
        "source": exercise.source.name if exercise.source else None,
    }


def drill_summary(drill: Drill) -> dict[str, Any]:
    return {"slug": drill.slug, "kind": drill.kind.value if drill.kind else None, **drill_json(drill)}


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


def as_json(handler: Handler) -> Handler:
    """Send the handler's plain dicts as JSON straight away. The response models still document every route in
    /docs, but validating our own output on each request would cost more than the rest of the request."""

    @functools.wraps(handler)
    async def send(*args: Any, **kwargs: Any) -> JSONResponse:
        return JSONResponse(await handler(*args, **kwargs))

    return cast(Handler, send)


def create_router(db: Database) -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["library"])

    @router.get("/exercises", response_model=schemas.ExerciseList, summary="List, search and filter exercises")
    @as_json
    async def list_exercises(
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
    ) -> dict[str, Any]:
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
        results = browse.search_exercises(db, query, facets=facets)
        return {
            "items": [item(e) for e in results.items],
            "total": results.total,
            "page": query.page,
            "per_page": query.per_page,
            "pages": results.pages,
            "facets": {name: [vars(v) for v in values] for name, values in results.facets.items()} if facets else None,
        }

    @router.get("/exercises/{slug}", response_model=schemas.ExerciseRecord, summary="One exercise's whole page")
    @as_json
    async def get_exercise(slug: str) -> dict[str, Any]:
        return exercise_record(browse.exercise_detail(db, slug).exercise)

    @router.get(
        "/exercises/{slug}/alternatives",
        response_model=schemas.Alternatives,
        summary="Exercises for the same muscles with a similar movement",
    )
    @as_json
    async def get_alternatives(
        slug: str,
        have: Annotated[list[str], Query(description="Equipment at hand; bodyweight exercises always fit")] = [],  # noqa: B006
    ) -> dict[str, Any]:
        found = browse.alternatives(db, slug, have=have)
        return {"exercise": slug, "have": have, "items": [{**item(a.exercise), "reason": a.reason} for a in found]}

    @router.get(
        "/exercises/{slug}/variations", response_model=schemas.Variations, summary="Easier and harder variations"
    )
    @as_json
    async def get_variations(slug: str) -> dict[str, Any]:
        detail = browse.exercise_detail(db, slug)
        return {
            "exercise": slug,
            "easier": [item(e) for e in detail.easier],
            "harder": [item(e) for e in detail.harder],
        }

    @router.get("/muscles", response_model=list[schemas.MuscleOut], summary="Muscle groups")
    @as_json
    async def list_muscles() -> list[dict[str, Any]]:
        return [
            {"slug": m.slug, "name": m.name, "description": m.description, "side": m.side, "exercises": count}
            for m, count in browse.muscles(db)
        ]

    @router.get("/muscles/{slug}", response_model=schemas.MuscleDetail, summary="A muscle group and its exercises")
    @as_json
    async def get_muscle(slug: str) -> dict[str, Any]:
        found = browse.muscle_page(db, slug)
        m = found.muscle
        return {
            "muscle": {
                "slug": m.slug,
                "name": m.name,
                "description": m.description,
                "side": m.side,
                "exercises": len(found.primary),
            },
            "primary": [item(e) for e in found.primary],
            "secondary": [item(e) for e in found.secondary],
        }

    @router.get("/equipment", response_model=list[schemas.EquipmentTypeOut], summary="Equipment types")
    @as_json
    async def list_equipment() -> list[dict[str, Any]]:
        return [
            {"slug": e.slug, "name": e.name, "description": e.description, "exercises": count}
            for e, count in browse.equipment_list(db)
        ]

    @router.get(
        "/equipment/{slug}",
        response_model=schemas.EquipmentDetail,
        summary="An equipment type and the exercises that use it",
    )
    @as_json
    async def get_equipment(slug: str) -> dict[str, Any]:
        found = browse.equipment_page(db, slug)
        e = found.equipment
        return {
            "equipment": {
                "slug": e.slug,
                "name": e.name,
                "description": e.description,
                "exercises": len(found.required) + len(found.optional),
            },
            "required": [item(x) for x in found.required],
            "optional": [item(x) for x in found.optional],
        }

    @router.get("/drills", response_model=list[schemas.DrillSummary], summary="Warm-up and cool-down drills")
    @as_json
    async def list_drills() -> list[dict[str, Any]]:
        return [drill_summary(d) for d in browse.drills(db)]

    @router.get("/drills/{slug}", response_model=schemas.DrillDetail, summary="A drill and the exercises using it")
    @as_json
    async def get_drill(slug: str) -> dict[str, Any]:
        found, users = browse.drill(db, slug)
        return {"drill": drill_summary(found), "exercises": [item(e) for e in users]}

    return router
