"""The HTML pages. Each calls the same service function as its JSON twin in api.py."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from liftlore.services import browse, studies
from liftlore.web.deps import LibraryDep, ReaderDep
from liftlore.web.your_training import your_training

FACET_TITLES = {
    "muscle": "Muscle group",
    "equipment": "Equipment",
    "laterality": "Laterality",
    "mechanic": "Mechanic",
    "level": "Level",
    "pattern": "Movement pattern",
}


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    @router.get("/")
    async def library_page(
        request: Request,
        library: LibraryDep,
        q: str = "",
        muscle: Annotated[list[str], Query()] = [],  # noqa: B006
        equipment: Annotated[list[str], Query()] = [],  # noqa: B006
        have: Annotated[list[str], Query()] = [],  # noqa: B006
        laterality: str | None = None,
        mechanic: str | None = None,
        level: str | None = None,
        pattern: str | None = None,
        from_log: bool = False,
        page: int = 1,
    ) -> Response:
        query = browse.ExerciseQuery(
            q=q,
            muscle=tuple(muscle),
            equipment=tuple(equipment),
            have=tuple(have),
            laterality=laterality or None,
            mechanic=mechanic or None,
            level=level or None,
            pattern=pattern or None,
            from_log=from_log,
            page=max(page, 1),
            per_page=30,
        )
        results = browse.search_exercises(library, query, facets=True)
        return templates.TemplateResponse(
            request,
            "library.html",
            {
                "results": results,
                "query": query,
                "facet_titles": FACET_TITLES,
                "from_log_count": len(library.from_log),
            },
        )

    @router.get("/exercises/{slug}")
    async def exercise_page(
        request: Request,
        library: LibraryDep,
        reader: ReaderDep,
        slug: str,
        have: Annotated[list[str], Query()] = [],  # noqa: B006
    ) -> Response:
        """The library's page, answered from the snapshot, and beside it the reader's own training with this
        exercise, read in a unit of work of its own (in the thread pool: it waits on the database) and only when
        someone is reading: an anonymous visitor to a server gets the page without it."""
        detail = browse.exercise_detail(library, slug, have=have)
        equipment = [e for e, _ in browse.equipment_list(library)]
        mine = await run_in_threadpool(your_training, reader, detail.exercise) if reader is not None else None
        return templates.TemplateResponse(
            request,
            "exercise.html",
            {
                "detail": detail,
                "exercise": detail.exercise,
                "citations": studies.citations(detail.exercise),
                "all_equipment": equipment,
                "mine": mine,
            },
        )

    @router.get("/muscles")
    async def muscles_page(request: Request, library: LibraryDep) -> Response:
        return templates.TemplateResponse(request, "muscles.html", {"muscles": browse.muscles(library)})

    @router.get("/muscles/{slug}")
    async def muscle_page(request: Request, library: LibraryDep, slug: str) -> Response:
        return templates.TemplateResponse(request, "muscle.html", {"page": browse.muscle_page(library, slug)})

    @router.get("/equipment")
    async def equipment_index(request: Request, library: LibraryDep) -> Response:
        return templates.TemplateResponse(request, "equipment_list.html", {"equipment": browse.equipment_list(library)})

    @router.get("/equipment/{slug}")
    async def equipment_page(request: Request, library: LibraryDep, slug: str) -> Response:
        return templates.TemplateResponse(request, "equipment.html", {"page": browse.equipment_page(library, slug)})

    return router
