"""The plan page, /plan: today's plan with the reason for every choice, and the ways to change it. Without a seed
the plan is seeded by today's date (the same plan all day); "Another plan" asks for the next seed; "Swap" puts the
closest alternative in an exercise's place; "Keep" and "Remake the rest" make everything else again; "Start" keeps
the plan and opens the log at its first exercise, where the log form starts from the plan's targets
(training_pages.py).

A short "Programme" block under the inputs follows one of the bundled programmes, says the week and the day due,
and leaves it. /plan?programme=next shows the programme's next session in the plan's place, to Start like any
plan; Swap, Keep and "Remake the rest" are not offered there, since the programme fixes the exercises and their
targets.

The page carries the plan it shows in a hidden field, so an edit works on what the person sees. What comes back is
read as the plan's shape and its exercises checked against the library; beyond that it only says which exercises
to keep, and the services make the rest. Every change is a plain form post: the page works without JavaScript."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy.orm import Session

from liftlore.domain.planning import Goal, Profile
from liftlore.domain.training import Side
from liftlore.domain.units import WeightUnit, format_duration, format_weight, plain_number
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import planner, profiles, programme_sessions, programmes, routines, training_settings
from liftlore.services.snapshot import library_view
from liftlore.shapes.planning import EnrolmentOut, PlanExerciseOut, PlanOut
from liftlore.web.deps import SessionDep
from liftlore.web.plan_api import (
    SwapIn,
    check_in_library,
    edited_plan,
    enrolment_of,
    follow,
    named_profile,
    profile_for,
    repeat_last,
)

NEXT = "next"  # ?programme=next: the programme's next session in the plan's place
MAX_PLAN_TEXT = 200_000  # a plan's JSON as the page carries it: a few kilobytes; anything near this is not one
SIDE_NAMES = {Side.LEFT: "left", Side.RIGHT: "right", Side.BOTH: "both sides"}


# -- a plan in words -----------------------------------------------------------------------------------------------


def amount_text(item: PlanExerciseOut) -> str:
    """'8' reps, or '30 s' for a timed exercise."""
    return f"{item.reps} s" if item.unit == "seconds" else str(item.reps)


def target_text(item: PlanExerciseOut, unit: WeightUnit) -> str:
    """'3 × 8 @ 60 kg': the sets (per side), the reps or seconds of each, and the load when there is one."""
    text = f"{item.sets} × {amount_text(item)}"
    if item.load_kg is not None and item.load_kg > 0:
        text += f" @ {format_weight(item.load_kg, unit)}"
    elif item.load_kg is not None and item.load_kg < 0:
        text += f" @ {format_weight(-item.load_kg, unit)} assisted"
    return text


def sides_text(item: PlanExerciseOut) -> str:
    """'left first' for a one-sided exercise (the weaker side leads); '' for a two-sided one."""
    sides = [side for side in item.sides if side is not Side.BOTH]
    if not sides:
        return ""
    if len(sides) == 1:
        return f"{SIDE_NAMES[sides[0]]} side only"
    return f"{SIDE_NAMES[sides[0]]} first"


def plan_line(item: PlanExerciseOut, unit: WeightUnit) -> str:
    """'3 × 8 @ 60 kg, left first': an exercise's target in one line (the log page's plan list)."""
    sides = sides_text(item)
    return f"{target_text(item, unit)}, {sides}" if sides else target_text(item, unit)


def total_sets(item: PlanExerciseOut) -> int:
    """Working sets to log: each side's sets, and the extra sets one side gets."""
    sides = max(1, len([side for side in item.sides if side is not Side.BOTH]))
    return item.sets * sides + sum(item.extra_sets.values())


def rest_text(seconds: int) -> str:
    return f"rest {format_duration(seconds)}" if seconds >= 60 else f"rest {seconds} s"


@dataclass(frozen=True)
class ExerciseView:
    """An exercise of the plan as the page lays it out: the line a lifter reads between sets, then the details."""

    item: PlanExerciseOut
    target: str
    facts: list[str]  # rest, effort, sides in order, the extra sets
    ramp_up: str  # 'Ramp-up: 20 kg × 5, 40 kg × 3', or ''


def exercise_view(item: PlanExerciseOut, unit: WeightUnit) -> ExerciseView:
    facts = [rest_text(item.rest_s)]
    if item.rpe is not None:
        facts.append(f"RPE {plain_number(item.rpe, 1)}")
    sides = [side for side in item.sides if side is not Side.BOTH]
    if len(sides) > 1:
        facts.append(f"{SIDE_NAMES[sides[0]].capitalize()} side first, then {SIDE_NAMES[sides[1]]}")
    elif sides:
        facts.append(f"{SIDE_NAMES[sides[0]].capitalize()} side only")
    for side, count in item.extra_sets.items():
        facts.append(f"+{count} set{'s' if count != 1 else ''} on the {SIDE_NAMES[side]}")
    ramp = ", ".join(f"{format_weight(r.weight_kg, unit)} × {r.reps}" for r in item.ramp_up)
    return ExerciseView(item, target_text(item, unit), facts, f"Ramp-up: {ramp}" if ramp else "")


# -- the form's inputs ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """Today's inputs as the form sends them: a profile's name ('' for the default), the minutes and goal ('' for
    the profile's), the equipment ticked (None when the form did not say), the seed, and whether the plan is the
    next session of the person's programme."""

    profile: str = ""
    minutes: str = ""
    goal: str = ""
    equipment: tuple[str, ...] | None = None
    seed: int = 0
    programme: bool = False

    def chosen(self, session: Session) -> Profile:
        return profile_for(
            session,
            self.profile or None,
            equipment=list(self.equipment) if self.equipment is not None else None,
            minutes=minutes_of(self.minutes),
            goal=self.goal.strip() or None,
        )

    def hidden(self) -> list[tuple[str, str]]:
        """The inputs as hidden fields of the page's post forms, so an edit plans with what the plan was made with."""
        pairs = [("profile", self.profile), ("minutes", self.minutes), ("goal", self.goal), ("seed", str(self.seed))]
        if self.equipment is not None:
            pairs.append(("equipment_given", "yes"))
            pairs.extend(("equipment", slug) for slug in self.equipment)
        if self.programme:
            pairs.append(("programme", NEXT))
        return pairs

    def link(self, *, programme: bool, seed: int | None = None) -> str:
        """/plan with these inputs, the programme's next session or a generated plan; the seed only when given (the
        page's own default is today's)."""
        given = [(name, value) for name, value in self.hidden() if name not in ("seed", "programme") and value]
        if programme:
            given.append(("programme", NEXT))
        if seed is not None:
            given.append(("seed", str(seed)))
        return f"/plan?{urlencode(given)}" if given else "/plan"


# ASCII digits only: str.isdigit() also takes '²' and other digits int() cannot read.
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


def minutes_of(text: str) -> int | None:
    """The minutes typed ('' for the profile's), as a whole number; the planner holds it to its range, so '-5'
    is refused there in the same words as '500'."""
    typed = text.strip()
    if not typed:
        return None
    if WHOLE_NUMBER.fullmatch(typed) is None:
        raise LiftloreError(f"minutes are a whole number of minutes, not '{typed[:20]}'", field="minutes")
    return int(typed)


def inputs_of(
    profile: str,
    minutes: str,
    goal: str,
    equipment: list[str],
    equipment_given: str,
    seed: int,
    programme: str = "",
) -> Inputs:
    return Inputs(
        profile=profile.strip(),
        minutes=minutes.strip(),
        goal=goal.strip(),
        equipment=tuple(equipment) if equipment_given else None,
        seed=seed,
        programme=programme.strip().lower() == NEXT,
    )


def programme_session(session: Session, inputs: Inputs) -> PlanOut:
    """The next session of the person's programme, with today's inputs (equipment it lacks brings stand-ins)."""
    if routines.enrolment(session) is None:
        raise LiftloreError(
            "you follow no programme: choose one under “Follow a programme” and press Follow", field="programme"
        )
    return programme_sessions.next_session(session, inputs.chosen(session), seed=inputs.seed)


def programme_block(session: Session) -> tuple[EnrolmentOut | None, list[tuple[str, str]]]:
    """The programme the person follows, or else the bundled programmes to choose from as (slug, words). A
    programme the catalog no longer has reads as none followed: following another replaces it."""
    try:
        following = enrolment_of(session)
    except LiftloreError:
        following = None
    if following is not None:
        return following, []
    try:
        bundled = programmes.programmes(session)
    except LiftloreError:  # the library lacks a programme's exercises: nothing to offer until the catalog is loaded
        return None, []
    return None, [(p.slug, f"{p.name} · {p.days_per_week} days a week · {p.level}") for p in bundled]


def posted_plan(session: Session, text: str) -> PlanOut:
    """The plan the page carried, read as the plan's shape; its exercises must be in the library the person sees."""
    if len(text) > MAX_PLAN_TEXT:
        raise LiftloreError("the plan sent with the form is too long to be one; make a new plan", field="plan")
    try:
        plan = PlanOut.model_validate_json(text)
    except ValidationError as exc:
        raise LiftloreError(
            f"the plan sent with the form cannot be read ({_first_problem(exc)}); make a new plan", field="plan"
        ) from None
    return check_in_library(session, plan)


def _first_problem(exc: ValidationError) -> str:
    """Where the first wrong value of a plan is, and what is wrong with it: 'exercises.0.sets: Input should be
    greater than or equal to 1'. The value itself is left out, as in every error (it may be anything)."""
    first = exc.errors(include_url=False, include_input=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


@dataclass
class PageState:
    inputs: Inputs
    plan: PlanOut | None = None
    notice: str = ""
    problem: LiftloreError | None = None
    routine_name: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# -- the page ------------------------------------------------------------------------------------------------------


def page_context(session: Session, state: PageState) -> dict[str, Any]:
    """Everything /plan shows; the template only lays it out."""
    unit = training_settings.unit_preference(session)
    try:
        base = named_profile(session, state.inputs.profile)
        shown = state.inputs.chosen(session)
    except LiftloreError:  # the form still shows, from the default profile; the problem is said above it
        base = shown = profiles.profile(session, None)
    taxonomy = library_view(session).taxonomy
    ticked = shown.equipment if shown.equipment is not None else frozenset(taxonomy.equipment)
    plan = state.plan
    following, offered = programme_block(session)
    return {
        "inputs": state.inputs,
        "hidden": state.inputs.hidden(),
        "profile_names": [p.name for p in profiles.profiles(session)],
        "base": base,
        "goals": [goal.value for goal in Goal],
        "equipment": sorted(((slug, e.name) for slug, e in taxonomy.equipment.items()), key=lambda pair: pair[1]),
        "ticked": ticked,
        "plan": plan,
        "plan_json": plan.model_dump_json() if plan is not None else "",
        "views": [exercise_view(item, unit) for item in plan.exercises] if plan is not None else [],
        "another": state.inputs.link(programme=False, seed=(plan.seed if plan else state.inputs.seed) + 1),
        "following": following,
        "programmes": offered,
        "next_session": state.inputs.link(programme=True),
        "generated": state.inputs.link(programme=False),
        "unit": unit,
        "notice": state.notice,
        "error": str(state.problem) if state.problem else None,
        "routine_name": state.routine_name,
        **state.extra,
    }


def _status(problem: LiftloreError | None) -> int:
    if problem is None:
        return 200
    return 404 if isinstance(problem, NotFoundError) else 400


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def show(request: Request, session: Session, state: PageState) -> Response:
        return templates.TemplateResponse(
            request, "plan.html", page_context(session, state), status_code=_status(state.problem)
        )

    def refused(request: Request, session: Session, state: PageState, exc: LiftloreError) -> Response:
        session.rollback()  # nothing of a refused change is kept
        state.problem = exc
        return show(request, session, state)

    @router.get("/plan")
    def plan_page(
        request: Request,
        session: SessionDep,
        profile: Annotated[str, Query(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Query(max_length=10)] = "",
        goal: Annotated[str, Query(max_length=20)] = "",
        equipment: Annotated[list[str], Query(max_length=200)] = [],  # noqa: B006  # FastAPI copies it
        equipment_given: str = "",
        drawn_for: Annotated[str | None, Query(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = None,
        seed: Annotated[int | None, Query(ge=0, le=planner.MAX_SEED)] = None,
        programme: Annotated[str, Query(max_length=20)] = "",
    ) -> Response:
        if drawn_for is not None and drawn_for.strip() != profile.strip():
            equipment_given = ""  # the ticks were the other profile's: the chosen profile's equipment counts
        today = planner.day_seed(session) if seed is None else seed
        inputs = inputs_of(profile, minutes, goal, equipment, equipment_given, today, programme)
        state = PageState(inputs)
        try:
            if programme.strip() and not inputs.programme:
                raise LiftloreError(
                    f"'{programme.strip()[:20]}' is not a programme view; programme=next shows the next session",
                    field="programme",
                )
            if inputs.programme:
                state.plan = programme_session(session, inputs)
            else:
                state.plan = planner.make_plan(session, inputs.chosen(session), seed=today)
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        return show(request, session, state)

    def edit(
        request: Request, session: Session, inputs: Inputs, plan_text: str, keep: list[str], swap: str | None
    ) -> Response:
        state = PageState(inputs)
        try:
            plan = posted_plan(session, plan_text)
            # Only what the person ticked is kept: a swapped-in exercise comes ticked, and unticking lets it go.
            marked = plan.model_copy(
                update={"exercises": [e.model_copy(update={"locked": e.slug in keep}) for e in plan.exercises]}
            )
            lock = [e.slug for e in marked.exercises if e.locked]
            seed = plan.seed if swap is not None else min(plan.seed + 1, planner.MAX_SEED)
            swapping = SwapIn(slug=swap, to=None) if swap is not None else None
            state.plan = edited_plan(session, inputs.chosen(session), marked, lock, swapping, seed)
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        if swap is not None:
            old = next((e.name for e in plan.exercises if e.slug == swap), swap)
            before = {e.slug for e in plan.exercises}
            new = next((e.name for e in state.plan.exercises if e.locked and e.slug not in before), "")
            state.notice = f"Swapped {old} for {new}." if new else f"Swapped {old}."
        return show(request, session, state)

    @router.post("/plan/swap")
    def swap_exercise(
        request: Request,
        session: SessionDep,
        plan: Annotated[str, Form()],
        swap: Annotated[str, Form(max_length=200)],
        keep: Annotated[list[str], Form()] = [],  # noqa: B006
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
    ) -> Response:
        inputs = inputs_of(profile, minutes, goal, equipment, equipment_given, seed)
        return edit(request, session, inputs, plan, keep, swap)

    @router.post("/plan/regenerate")
    def regenerate(
        request: Request,
        session: SessionDep,
        plan: Annotated[str, Form()],
        keep: Annotated[list[str], Form()] = [],  # noqa: B006
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
    ) -> Response:
        inputs = inputs_of(profile, minutes, goal, equipment, equipment_given, seed)
        return edit(request, session, inputs, plan, keep, None)

    @router.post("/plan/start")
    def start(
        request: Request,
        session: SessionDep,
        plan: Annotated[str, Form()],
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
        programme: Annotated[str, Form(max_length=20)] = "",
    ) -> Response:
        """Keep the plan as today's, and open the log at its first exercise, its target filled in."""
        state = PageState(inputs_of(profile, minutes, goal, equipment, equipment_given, seed, programme))
        try:
            found = posted_plan(session, plan)
            state.plan = found
            if not found.exercises:
                raise LiftloreError("this plan has no exercises to start; make another", field="plan")
            routines.start_plan(session, found)
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        return RedirectResponse(f"/log?{urlencode({'exercise': found.exercises[0].slug})}", status_code=303)

    @router.post("/plan/routine")
    def save_routine(
        request: Request,
        session: SessionDep,
        plan: Annotated[str, Form()],
        name: Annotated[str, Form(max_length=200)] = "",
        replace: Annotated[str, Form()] = "",
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
        programme: Annotated[str, Form(max_length=20)] = "",
    ) -> Response:
        inputs = inputs_of(profile, minutes, goal, equipment, equipment_given, seed, programme)
        state = PageState(inputs, routine_name=name)
        try:
            state.plan = posted_plan(session, plan)
            saved = routines.save_routine(session, name, state.plan.exercises, "plan", replace=replace == "yes")
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        state.notice = f"Saved as the routine “{saved.name}”."
        return show(request, session, state)

    @router.post("/plan/repeat-last")
    def repeat_last_workout(
        request: Request,
        session: SessionDep,
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
    ) -> Response:
        """The last workout, kept as a routine and shown as today's plan, ready to Start."""
        state = PageState(inputs_of(profile, minutes, goal, equipment, equipment_given, seed))
        try:
            saved = repeat_last(session, None, new_name=True)  # never over a routine kept before
            budget = state.inputs.chosen(session).minutes
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        state.plan = PlanOut(
            minutes=budget,
            estimated_minutes=round(sum(e.minutes for e in saved.exercises), 1),
            seed=seed,
            profile=None,
            warm_up=[],
            exercises=saved.exercises,
            cool_down=[],
            notes=[f"Your last workout again, as it was done; kept as the routine “{saved.name}”."],
        )
        state.notice = f"Saved your last workout as the routine “{saved.name}”. Start it below."
        return show(request, session, state)

    @router.post("/plan/programme/start")
    def follow_programme(
        request: Request,
        session: SessionDep,
        programme: Annotated[str, Form(max_length=120)],
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
    ) -> Response:
        """Follow the chosen programme from today, and show its first session."""
        state = PageState(inputs_of(profile, minutes, goal, equipment, equipment_given, seed))
        try:
            follow(session, programme)
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        return RedirectResponse(state.inputs.link(programme=True), status_code=303)

    @router.post("/plan/programme/leave")
    def leave_programme(
        request: Request,
        session: SessionDep,
        profile: Annotated[str, Form(max_length=profiles.MAX_PLAN_NAME_LENGTH)] = "",
        minutes: Annotated[str, Form(max_length=10)] = "",
        goal: Annotated[str, Form(max_length=20)] = "",
        equipment: Annotated[list[str], Form()] = [],  # noqa: B006
        equipment_given: Annotated[str, Form()] = "",
        seed: Annotated[int, Form(ge=0, le=planner.MAX_SEED)] = 0,
    ) -> Response:
        """Stop following the programme (the log stays as it is), and go back to a generated plan."""
        state = PageState(inputs_of(profile, minutes, goal, equipment, equipment_given, seed))
        try:
            routines.leave_programme(session)
        except LiftloreError as exc:
            return refused(request, session, state, exc)
        return RedirectResponse(state.inputs.link(programme=False), status_code=303)

    return router
