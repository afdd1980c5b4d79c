"""/api/v1 for the planner: today's plan and its edits (swap, lock and remake), planning profiles, routines, the
bundled programmes and the one the person follows (its next session is a plan like any other). Every route calls
the same service functions as `liftlore plan`, `liftlore programme` and the /plan page. Without a seed, a plan is
seeded by today's date in the person's zone, as the CLI's is: the same plan all day.

A plan sent back for editing is read as the plan's shape (`PlanOut`), so a field nobody declared, or a number out
of its range, is refused with its name (422); an exercise the library lacks is a 404, as on the /plan page.
Writes take an `Idempotency-Key` as `POST /api/v1/log` does: a retry gets the first answer. A name already in use
is a 409 carrying the service's own words, so a client can offer to overwrite."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from liftlore.domain.limits import check_moment
from liftlore.domain.planning import Profile
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import (
    idempotency,
    planner,
    profiles,
    programme_sessions,
    programmes,
    routines,
    training,
    training_settings,
)
from liftlore.services.snapshot import library_view
from liftlore.shapes.errors import ErrorOut
from liftlore.shapes.library import ExerciseItem, exercise_items
from liftlore.shapes.planning import EnrolmentOut, PlanExerciseOut, PlanOut, ProfileOut, ProgrammeOut, RoutineOut
from liftlore.web.api import ERRORS
from liftlore.web.deps import SessionDep

CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"model": ErrorOut, "description": "A name you already use: send it again with replace to overwrite it"}
}
IdempotencyKey = Annotated[
    str | None,
    Header(
        description="Any unique text (a UUID): sending the same request again with the same key returns the first "
        "response and writes nothing, so a retry after a timeout is safe"
    ),
]


# -- requests ------------------------------------------------------------------------------------------------------


class SwapIn(BaseModel):
    slug: str = Field(description="The plan's exercise to replace")
    to: str | None = Field(None, description="The exercise to put in its place; default: the closest alternative")


class PlanEditIn(BaseModel):
    """A plan made again: `swap` one exercise for an alternative, or (without `swap`) everything but the exercises
    in `lock` made again. Exercises marked `locked` in the plan stay either way. `profile`, `equipment`, `minutes`
    and `goal` are today's inputs, as for `GET /api/v1/plan`."""

    plan: PlanOut
    lock: list[str] = Field(default_factory=list, description="Slugs of the plan's exercises to keep as they are")
    swap: SwapIn | None = None
    seed: int = Field(0, description="The seed of the remade part; the same seed and history give the same plan")
    profile: str | None = Field(None, description="A profile's name; default: your default profile")
    equipment: list[str] | None = Field(
        None, description="Today's equipment (slugs or names; 'everything'); default: the profile's"
    )
    minutes: int | None = Field(None, description="Today's time budget; default: the profile's")
    goal: str | None = Field(None, description="strength, hypertrophy or general; default: the profile's")


class ProfileIn(BaseModel):
    """A planning profile's settings (its name is in the address)."""

    equipment: list[str] | None = Field(
        None, description="Equipment at hand (slugs or names); null: everything the library knows; []: body weight"
    )
    goal: str = "hypertrophy"
    experience: str = "beginner"
    minutes: int = 60
    days_per_week: int = 3
    emphasise: list[str] = Field(default_factory=list, description="Muscle groups to train more")
    avoid_muscles: list[str] = Field(default_factory=list, description="Muscle groups never to load (an injury)")
    avoid_patterns: list[str] = Field(default_factory=list, description="Movement patterns to leave out")
    split: str = "none"
    default: bool = Field(False, description="Make it the profile used when none is named")


class RoutineIn(BaseModel):
    name: str
    exercises: list[PlanExerciseOut] = Field(description="The exercises, as a plan's (`PlanOut.exercises`)")
    origin: str = Field("plan", description="plan (a generated plan) or hand (written by hand)")
    replace: bool = Field(False, description="Overwrite a routine of the same name")


class RepeatLastIn(BaseModel):
    name: str | None = Field(None, description="Default: 'Last workout YYYY-MM-DD'")
    replace: bool = Field(False, description="Overwrite a routine of the same name")


class EnrolmentIn(BaseModel):
    programme: str = Field(description="A programme's slug (GET /api/v1/programmes)")
    started_on: date | None = Field(None, description="The day it starts, YYYY-MM-DD; default: today, in your zone")


# -- shared with the /plan page ------------------------------------------------------------------------------------


def profile_for(
    session: Session,
    name: str | None,
    *,
    equipment: list[str] | None = None,
    minutes: int | None = None,
    goal: str | None = None,
) -> Profile:
    """The named profile (default: the person's default) with today's changes; `equipment` None leaves the
    profile's, a list of words is read as `liftlore plan --equipment` reads them."""
    found = named_profile(session, name)
    words = profiles.read_equipment(session, equipment) if equipment is not None else False
    return planner.with_overrides(found, equipment=words, minutes=minutes, goal=goal or None)


def named_profile(session: Session, name: str | None) -> Profile:
    """The profile named `name`. None, '' and "default" are the person's default profile, the one used when none
    is named (the built-in one when they chose none), unless they saved a profile named "default" themselves."""
    wanted = name.strip() if name is not None else ""
    if not wanted:
        return profiles.profile(session, None)
    if wanted.lower() == profiles.BUILT_IN and all(
        p.name.strip().lower() != profiles.BUILT_IN for p in profiles.profiles(session)
    ):
        return profiles.profile(session, None)
    return profiles.profile(session, wanted)


def check_in_library(session: Session, plan: PlanOut) -> PlanOut:
    """`plan` when every exercise it names is in the library the person sees; a plan sent back naming another (a
    slug made up, or an exercise since deleted) is refused, by the API as by the /plan page, not quietly cut."""
    known = library_view(session).exercises
    for item in plan.exercises:
        if item.slug not in known:
            raise NotFoundError(f"the plan names an exercise the library does not have: '{item.slug[:60]}'")
    return plan


def edited_plan(
    session: Session, profile: Profile, plan: PlanOut, lock: list[str], swap: SwapIn | None, seed: int
) -> PlanOut:
    """The plan swapped or remade. The locks hold through a swap: they are marked on the plan first."""
    check_in_library(session, plan)
    if swap is None:
        return planner.regenerate(session, profile, plan, lock, seed=seed)
    unknown = [slug for slug in lock if slug not in {e.slug for e in plan.exercises}]
    if unknown:
        raise LiftloreError(f"'{unknown[0]}' is not in this plan, so it cannot be locked", field="lock")
    marked = plan.model_copy(
        update={"exercises": [e.model_copy(update={"locked": e.locked or e.slug in lock}) for e in plan.exercises]}
    )
    return planner.swap(session, profile, marked, swap.slug, swap.to, seed=seed)


def repeat_last(session: Session, name: str | None, *, replace: bool = False, new_name: bool = False) -> RoutineOut:
    """The last workout saved as a routine, named `name` or 'Last workout <its day>'. A name in use is written
    over with `replace`; with `new_name` the routine takes the first free name of 'NAME (2)', 'NAME (3)', ...
    instead; without either it is refused."""
    exercises = routines.last_workout_routine(session)
    if name is None or not name.strip():
        started = training.get_workout(session).started_at
        day = started.astimezone(training_settings.home_zone(session)) if started.tzinfo else started
        name = f"Last workout {day.date().isoformat()}"
    if new_name and not replace:
        name = free_routine_name(session, name)
    return routines.save_routine(session, name, exercises, "workout", replace=replace)


def free_routine_name(session: Session, name: str) -> str:
    """`name` when no routine of the person's has it (in any case), else the first of 'NAME (2)', 'NAME (3)', ...
    that none has."""
    taken = {routine.name.strip().lower() for routine in routines.routines(session)}
    wanted = name.strip()
    number = 1
    candidate = wanted
    while candidate.lower() in taken:  # ends: each pass skips one taken name
        number += 1
        candidate = f"{wanted} ({number})"
    return candidate


def seed_or_today(session: Session, seed: int | None) -> int:
    """The seed asked for, or today's date (YYYYMMDD in the person's zone): the same plan all day."""
    return planner.day_seed(session) if seed is None else seed


def enrolment_of(session: Session) -> EnrolmentOut | None:
    """The programme the person follows, their week in it and the day due next; None when they follow none."""
    if routines.enrolment(session) is None:
        return None
    where = programme_sessions.position(session)
    return EnrolmentOut(
        programme=where.programme.slug,
        name=where.programme.name,
        started_on=where.started_on,
        week=where.week,
        next_day=where.day.name,
        day_number=where.day_index + 1,
        days=len(where.programme.days),
    )


def follow(session: Session, slug: str, started_on: date | None = None) -> EnrolmentOut:
    """Follow programme `slug` from `started_on` (today by default), in place of any programme followed before."""
    if started_on is not None:
        check_moment(datetime.combine(started_on, time()), "started_on")  # year 1 is a slip, and overflows
    programme_sessions.start(session, slug.strip().lower(), started_on)
    found = enrolment_of(session)
    assert found is not None  # just started
    return found


def next_programme_session(session: Session, profile: Profile, seed: int) -> PlanOut:
    """The next session of the programme the person follows, refused (naming "programme") when they follow none."""
    if routines.enrolment(session) is None:
        raise LiftloreError(
            "you follow no programme: choose one of GET /api/v1/programmes and follow it with "
            "PUT /api/v1/programmes/enrolment",
            field="programme",
        )
    return programme_sessions.next_session(session, profile, seed=seed)


def _idempotent(
    session: Session, key: str | None, method: str, path: str, sent: Any, status: int, work: Callable[[], str]
) -> Response:
    """`work`'s JSON answer (or none for 204), remembered under `key` so a retry gets it again and writes nothing.
    A name already in use (the services refuse it with field "name") is a 409, remembered too: nothing was written."""
    body_text = json.dumps(sent, sort_keys=True)
    fingerprint = idempotency.request_hash(method, path, body_text.encode())
    if key is not None:
        replay = idempotency.replay(session, key, fingerprint)
        if replay is not None:
            return _answer(replay.status, replay.body)
    try:
        body = work()
    except LiftloreError as exc:
        if exc.field != "name" or "already have" not in exc.message:
            raise
        status, body = 409, json.dumps(ErrorOut.from_error(exc).body())
    if key is not None:
        idempotency.remember(session, key, fingerprint, status, body)
    return _answer(status, body)


def _answer(status: int, body: str) -> Response:
    if status == 204:
        return Response(status_code=204)
    if status >= 400:
        return JSONResponse(json.loads(body), status_code=status)
    return Response(body, status_code=status, media_type="application/json")


# -- routes --------------------------------------------------------------------------------------------------------


def create_router() -> APIRouter:
    router = APIRouter(prefix="/api/v1", responses=ERRORS, tags=["planner"])

    @router.get("/plan", summary="Today's plan, with the reason for every exercise, set count and load")
    def plan(
        session: SessionDep,
        profile: Annotated[str | None, Query(description="A profile's name; default: your default profile")] = None,
        equipment: Annotated[
            str | None,
            Query(description="Today's equipment, comma separated (slugs or names; 'everything'); empty: body weight"),
        ] = None,
        minutes: Annotated[int | None, Query(description="Today's time budget in minutes")] = None,
        goal: Annotated[str | None, Query(description="strength, hypertrophy or general")] = None,
        seed: Annotated[
            int | None,
            Query(
                description="Another seed, another plan; the same seed, the same plan (default: today as YYYYMMDD, "
                "in your zone: the same plan all day)"
            ),
        ] = None,
    ) -> PlanOut:
        chosen = profile_for(
            session, profile, equipment=[equipment] if equipment is not None else None, minutes=minutes, goal=goal
        )
        return planner.make_plan(session, chosen, seed=seed_or_today(session, seed))

    @router.post("/plan/edit", summary="Swap an exercise, or lock some and make the rest again")
    def edit(session: SessionDep, request: PlanEditIn) -> PlanOut:
        chosen = profile_for(
            session, request.profile, equipment=request.equipment, minutes=request.minutes, goal=request.goal
        )
        return edited_plan(session, chosen, request.plan, request.lock, request.swap, request.seed)

    @router.get("/plan/alternatives", summary="What an exercise of today's plan can be swapped for, closest first")
    def alternatives(
        session: SessionDep,
        slug: Annotated[str | None, Query(description="The plan's exercise; default: its first")] = None,
        profile: Annotated[str | None, Query(description="As for GET /api/v1/plan")] = None,
        equipment: Annotated[str | None, Query(description="As for GET /api/v1/plan")] = None,
        minutes: Annotated[int | None, Query(description="As for GET /api/v1/plan")] = None,
        goal: Annotated[str | None, Query(description="As for GET /api/v1/plan")] = None,
        seed: Annotated[int | None, Query(description="As for GET /api/v1/plan")] = None,
    ) -> list[ExerciseItem]:
        chosen = profile_for(
            session, profile, equipment=[equipment] if equipment is not None else None, minutes=minutes, goal=goal
        )
        made = planner.make_plan(session, chosen, seed=seed_or_today(session, seed))
        if slug is None:
            if not made.exercises:
                return []
            slug = made.exercises[0].slug
        known = library_view(session).exercises
        return exercise_items(known[found] for found in planner.alternatives(session, chosen, made, slug))

    # -- profiles

    @router.get("/profiles", summary="Your planning profiles")
    def list_profiles(session: SessionDep) -> list[ProfileOut]:
        return profiles.profiles(session)

    @router.get("/profiles/{name}", summary="One planning profile ('default': the one used when none is named)")
    def get_profile(session: SessionDep, name: str) -> ProfileOut:
        return profiles.profile_out(named_profile(session, name))

    @router.put(
        "/profiles/{name}",
        response_model=ProfileOut,
        responses=CONFLICT,
        summary="Keep a planning profile under a name (a name in use only with ?replace=true)",
    )
    def put_profile(
        session: SessionDep,
        name: str,
        body: ProfileIn,
        replace: Annotated[bool, Query(description="Overwrite a profile of the same name")] = False,
        idempotency_key: IdempotencyKey = None,
    ) -> Response:
        def work() -> str:
            equipment = profiles.read_equipment(session, body.equipment) if body.equipment is not None else None
            wanted = Profile(
                name=name,
                equipment=equipment,
                goal=body.goal,  # type: ignore[arg-type]  # checked by save_profile, which names a wrong one
                experience=body.experience,  # type: ignore[arg-type]
                minutes=body.minutes,
                days_per_week=body.days_per_week,
                emphasise=tuple(body.emphasise),
                avoid_muscles=tuple(body.avoid_muscles),
                avoid_patterns=tuple(body.avoid_patterns),
                split=body.split,  # type: ignore[arg-type]
            )
            saved = profiles.save_profile(session, wanted, default=body.default, replace=replace)
            return saved.model_dump_json()

        sent = {"name": name, "replace": replace, **body.model_dump(mode="json")}
        return _idempotent(session, idempotency_key, "PUT", "/api/v1/profiles", sent, 200, work)

    @router.delete("/profiles/{name}", status_code=204, summary="Delete a planning profile")
    def delete_profile(session: SessionDep, name: str, idempotency_key: IdempotencyKey = None) -> Response:
        def work() -> str:
            profiles.delete_profile(session, name)
            return ""

        return _idempotent(session, idempotency_key, "DELETE", "/api/v1/profiles", {"name": name}, 204, work)

    # -- routines

    @router.get("/routines", summary="Your routines (saved workouts)")
    def list_routines(session: SessionDep) -> list[RoutineOut]:
        return routines.routines(session)

    @router.get("/routines/{ref}", summary="One routine, by name or id (or the start of its id)")
    def get_routine(session: SessionDep, ref: str) -> RoutineOut:
        return routines.routine(session, ref)

    @router.post(
        "/routines",
        status_code=201,
        response_model=RoutineOut,
        responses=CONFLICT,
        summary="Save a workout (a plan's exercises) as a routine",
    )
    def post_routine(session: SessionDep, body: RoutineIn, idempotency_key: IdempotencyKey = None) -> Response:
        def work() -> str:
            saved = routines.save_routine(session, body.name, body.exercises, body.origin, replace=body.replace)
            return saved.model_dump_json()

        sent = body.model_dump(mode="json")
        return _idempotent(session, idempotency_key, "POST", "/api/v1/routines", sent, 201, work)

    @router.post(
        "/routines/repeat-last",
        status_code=201,
        response_model=RoutineOut,
        responses=CONFLICT,
        summary="Save your last workout as a routine, to do it again",
    )
    def post_repeat_last(
        session: SessionDep, body: RepeatLastIn | None = None, idempotency_key: IdempotencyKey = None
    ) -> Response:
        given = body or RepeatLastIn(name=None, replace=False)

        def work() -> str:
            return repeat_last(session, given.name, replace=given.replace).model_dump_json()

        sent = given.model_dump(mode="json")
        return _idempotent(session, idempotency_key, "POST", "/api/v1/routines/repeat-last", sent, 201, work)

    @router.delete("/routines/{ref}", status_code=204, summary="Delete a routine, by name or id")
    def delete_routine(session: SessionDep, ref: str, idempotency_key: IdempotencyKey = None) -> Response:
        def work() -> str:
            routines.delete_routine(session, ref)
            return ""

        return _idempotent(session, idempotency_key, "DELETE", "/api/v1/routines", {"ref": ref}, 204, work)

    # -- programmes

    @router.get("/programmes", summary="The bundled programmes, their days and their progression rules in words")
    def list_programmes(session: SessionDep) -> list[ProgrammeOut]:
        return programmes.programmes(session)

    @router.get("/programmes/enrolment", summary="The programme you follow, your week in it and the day due next")
    def get_enrolment(session: SessionDep) -> EnrolmentOut:
        found = enrolment_of(session)
        if found is None:
            raise NotFoundError("you follow no programme")
        return found

    @router.put(
        "/programmes/enrolment",
        response_model=EnrolmentOut,
        summary="Follow a programme, from today or a given day, in place of any programme you followed before",
    )
    def put_enrolment(session: SessionDep, body: EnrolmentIn, idempotency_key: IdempotencyKey = None) -> Response:
        def work() -> str:
            return follow(session, body.programme, body.started_on).model_dump_json()

        sent = body.model_dump(mode="json")
        return _idempotent(session, idempotency_key, "PUT", "/api/v1/programmes/enrolment", sent, 200, work)

    @router.delete(
        "/programmes/enrolment", status_code=204, summary="Stop following your programme (your log stays as it is)"
    )
    def delete_enrolment(session: SessionDep, idempotency_key: IdempotencyKey = None) -> Response:
        def work() -> str:
            routines.leave_programme(session)
            return ""

        return _idempotent(session, idempotency_key, "DELETE", "/api/v1/programmes/enrolment", {}, 204, work)

    @router.get(
        "/programmes/next",
        summary="The next session of the programme you follow, as a plan: each target from your last session, with "
        "its reason",
    )
    def next_session(
        session: SessionDep,
        profile: Annotated[
            str | None, Query(description="A profile's name (its equipment and time); default: your default profile")
        ] = None,
    ) -> PlanOut:
        chosen = profile_for(session, profile)
        return next_programme_session(session, chosen, planner.day_seed(session))

    return router
