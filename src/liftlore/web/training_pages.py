"""The training pages: log a workout while training, the history, one workout and the fixes made on it.

Every change is an ordinary form post answered with a redirect (post/redirect/get), so the pages work without
JavaScript and a reload never repeats a change. What the next page should say about the change travels in the
redirect's query: the ids of the sets just logged (to offer Undo and announce records), or a short word naming
what was done (`done=`), never free text."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from liftlore.domain.exercise import Exercise, Laterality
from liftlore.domain.limits import MAX_OFFSET, MAX_SETS_PER_LOG
from liftlore.domain.log_grammar import format_set, parse_sets
from liftlore.domain.training import ExerciseEntry, SetEntry, SetType, Side, Workout
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services import browse, idempotency, log_edits, planner, routines, training, training_settings
from liftlore.services.snapshot import library_view
from liftlore.shapes.planning import PlanExerciseOut, PlanOut
from liftlore.web.auth import auth_of, signed_in
from liftlore.web.deps import LogReadDep, SessionDep, athlete_read
from liftlore.web.history_calendar import counted, month_calendar
from liftlore.web.plan_pages import plan_line, total_sets
from liftlore.web.set_fields import BODY_WEIGHT, page_changes, page_set
from liftlore.web.training_views import (
    UNSIDED,
    SidePair,
    all_unsided,
    broken,
    duration_text,
    e1rm_text,
    first_working_set,
    form_from_set,
    record_news,
    set_text,
    side_pairs,
    volume_text,
    weight_field,
    without_side,
    working_volume,
    workout_record_lines,
    workout_volume,
)

REST_CHOICES = (60, 90, 120, 180)
DEFAULT_REST = 90  # seconds; what the rest dropdown offers until the person picks another
PER_PAGE = 25

# What a redirect after a change asks the next page to say (`?done=...`).
DONE_MESSAGES = {
    "set-saved": "Set saved.",
    "set-deleted": "Set deleted.",
    "set-moved": "Set moved.",
    "renamed": "Workout renamed.",
    "finished": "Workout finished.",
    "workout-deleted": "Workout deleted.",
    "undone": "Set taken back: it is no longer in the log.",
}


@dataclass(frozen=True)
class JustLogged:
    """The sets the previous request logged, as the page after it reads them back: Undo takes them away again."""

    sets: tuple[SetEntry, ...]
    records: tuple[str, ...]  # the records they broke, as sentences


@dataclass(frozen=True)
class PlanRow:
    """An exercise of the plan started today, as the log page lists it: its target, and how many of its working
    sets today's workout holds."""

    slug: str
    name: str
    target: str  # '3 × 8 @ 60 kg, left first'
    done: int
    total: int


def create_router(templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

    def log_page(
        request: Request,
        session: Session,
        chosen: Exercise | None,
        unit: WeightUnit,
        *,
        problem: LiftloreError | None = None,
        typed: str = "",
        form: dict[str, str] | None = None,
        timer: int | None = None,
        rest: int = DEFAULT_REST,
        logged: Sequence[uuid.UUID] = (),
        notice: str = "",
    ) -> Response:
        """The log page for `chosen`; `timer` starts the rest countdown (after a set), `rest` is the rest chosen.
        Without `form` (a refused post's fields) the inputs start from the set the person will most likely do
        next: the other side of today's last set, else today's last set again, else last time's first."""
        current = training.workout_in_progress(session)
        unilateral = chosen is not None and chosen.laterality is Laterality.UNILATERAL
        previous = (
            training.previous_performance(session, chosen.slug, exclude_workout_id=current.id if current else None)
            if chosen
            else None
        )
        strength = training.exercise_strength(session, chosen.slug) if chosen else None
        today = _today_entry(current, chosen.slug) if chosen else None
        started = _started_today(session)
        planned = _planned(started, chosen.slug) if started and chosen else None
        prefill = ""
        if form is None and chosen is not None:
            form, prefill = _starting_values(today, previous, unit, unilateral)
            if planned is not None and today is None:  # the plan's target, until the first set of it is logged
                form, prefill = _plan_values(planned, form, unit, unilateral, _needs_nothing(chosen))
        just = _just_logged(today, logged, strength.history if strength else (), unit)
        names = [e.name for e in browse.all_matching(library_view(session), browse.ExerciseQuery(from_log=True))]
        one_sided = _one_sided(session, [e.exercise_slug for e in current.entries] if current else [])
        return templates.TemplateResponse(
            request,
            "log.html",
            {
                "exercise": chosen,
                "typed": typed,
                "unilateral": unilateral,
                "unit": unit,
                "workout": current,
                "previous": previous,
                "records": strength.records if strength else (),
                "names": names,
                "error": str(problem) if problem else None,
                "error_field": problem.field if problem else None,
                "suggestions": problem.suggestions if isinstance(problem, NotFoundError) else [],
                "form": form or {},
                "prefill": prefill,
                "timer": timer,
                "timer_key": ",".join(str(i) for i in logged),
                "rest": rest,
                "rest_choices": REST_CHOICES,
                "just": just,
                "notice": notice,
                "one_sided": one_sided,
                "previous_unsided": all_unsided(previous.sets if previous else (), unilateral),
                "form_key": str(uuid.uuid4()),
                "owner": _owner(request, session),
                "plan_rows": _plan_rows(started, current, unit) if started else [],
            },
            status_code=_status(problem),
        )

    @router.get("/log")
    def show_log(
        request: Request,
        session: SessionDep,
        exercise: str = "",
        rest: int | None = None,
        logged: str = "",
        done: str = "",
    ) -> Response:
        athlete = athlete_read(request, session)
        if athlete is not None:  # a coach writes only in their own log: say so instead of offering the form
            return templates.TemplateResponse(request, "log.html", {"athlete": athlete, "rest_choices": ()})
        unit = training_settings.training_settings(session).unit
        try:
            chosen = training.resolve_exercise(session, exercise) if exercise.strip() else None
        except NotFoundError as missing:
            return log_page(request, session, None, unit, problem=missing, typed=exercise)
        return log_page(
            request,
            session,
            chosen,
            unit,
            timer=rest if logged else None,
            rest=rest if rest in REST_CHOICES else DEFAULT_REST,
            logged=_ids(logged),
            notice=DONE_MESSAGES.get(done, ""),
        )

    @router.post("/log")
    def submit_log(
        request: Request,
        session: SessionDep,
        exercise: Annotated[str, Form()],
        quick: Annotated[str, Form()] = "",
        side: Annotated[str, Form()] = "",
        weight: Annotated[str, Form()] = "",
        bodyweight: Annotated[str, Form()] = "",
        reps: Annotated[str, Form()] = "",
        set_type: Annotated[str, Form()] = "normal",
        rpe: Annotated[str, Form()] = "",
        rest: Annotated[int, Form()] = DEFAULT_REST,
        key: Annotated[str, Form()] = "",
        who: Annotated[str, Form()] = "",
    ) -> Response:
        form = {
            "quick": quick,
            "side": side,
            "weight": weight,
            "bodyweight": bodyweight,
            "reps": reps,
            "set_type": set_type,
            "rpe": rpe,
        }
        found = None
        settings = training_settings.training_settings(session)
        unit = settings.unit
        # The form's key (a new one on every page shown) makes a second post of the same form (a double tap, a
        # retry after a lost answer, the service worker's queued copy of it) a replay: it writes nothing.
        sent = {**form, "exercise": exercise, "rest": str(rest), "who": who}
        fingerprint = idempotency.request_hash("POST", "/log", urlencode(sorted(sent.items())).encode())
        try:
            found = training.resolve_exercise(session, exercise)
            if key.strip():
                answered = idempotency.replay(session, key, fingerprint)
                if answered is not None:
                    return _see(answered.body)
            sets = parse_sets(quick, unit=unit) if quick.strip() else (page_set(form, unit),)
            logged = training.log_sets(session, found.slug, sets, settings=settings)
            ids = ",".join(str(s.id) for s in logged.added)
            url = f"/log?{urlencode({'exercise': found.slug, 'rest': rest, 'logged': ids}, safe=',')}"
            if key.strip():
                idempotency.remember(session, key, fingerprint, 303, url)
        except LiftloreError as exc:
            session.rollback()  # the page shows the problem; nothing of the refused set may be kept
            if exc.field == idempotency.FIELD:  # a page kept from before, whose form already logged another set
                exc = LiftloreError(
                    "this form was already used for another set (a page kept from earlier): check the values and "
                    "press Log set again",
                    field="key",
                )
            return log_page(request, session, found, unit, problem=exc, typed=exercise, form=form, rest=rest)
        return _see(url)

    @router.post("/log/undo")
    def undo_log(
        request: Request,
        session: SessionDep,
        exercise: Annotated[str, Form()],
        sets: Annotated[list[str], Form(alias="set")],
        rest: Annotated[int, Form()] = DEFAULT_REST,
    ) -> Response:
        """Take back the sets just logged (a mistyped weight, a tap on the wrong exercise). Only what the page after
        a set offers: whole ids of sets of this exercise in the workout in progress. Older sets are fixed on their
        workout's page, where the person sees which set they delete."""
        unit = training_settings.training_settings(session).unit
        chosen = training.resolve_exercise(session, exercise)
        try:
            for set_id in _undoable(session, chosen, sets[:MAX_SETS_PER_LOG]):
                log_edits.delete_set(session, set_id)
        except LiftloreError as exc:
            session.rollback()  # all of them or none: a half-undone log would be a new mistake
            return log_page(request, session, chosen, unit, problem=exc, rest=rest)
        return _see(f"/log?{urlencode({'exercise': chosen.slug, 'rest': rest, 'done': 'undone'})}")

    @router.get("/history")
    def history(
        request: Request,
        session: LogReadDep,
        page: Annotated[int, Query(ge=1, le=MAX_OFFSET // PER_PAGE)] = 1,
        exercise: str = "",
        done: str = "",
        month: str = "",
    ) -> Response:
        athlete = athlete_read(request, session)
        unit = training.unit_preference(session)
        context: dict[str, Any] = {
            "page": page,
            "athlete": athlete,
            "unit": unit,
            "notice": DONE_MESSAGES.get(done, ""),
            "exercise": None,
            "typed": exercise,
            "calendar": None,
        }
        offset = (page - 1) * PER_PAGE
        if exercise.strip():
            try:
                chosen = training.resolve_exercise(session, exercise)
            except NotFoundError as missing:
                context.update(error=str(missing), suggestions=missing.suggestions, lines=[], more=False)
                return templates.TemplateResponse(request, "history.html", context, status_code=404)
            done_times = training.exercise_history(session, chosen.slug, limit=PER_PAGE + 1, offset=offset)
            records = broken(training.exercise_strength(session, chosen.slug).history)
            one_sided = chosen.laterality is Laterality.UNILATERAL
            lines = [_exercise_line(time, records, unit, one_sided) for time in done_times[:PER_PAGE]]
            context.update(exercise=chosen, lines=lines, more=len(done_times) > PER_PAGE)
        else:
            found = training.list_workouts(session, limit=PER_PAGE + 1, offset=offset)
            shown = found[:PER_PAGE]
            broke = training.workout_records(session, [summary.id for summary in shown])
            lines = [_workout_line(summary, broke.get(summary.id, ()), unit) for summary in shown]
            context.update(lines=lines, more=len(found) > PER_PAGE, calendar=month_calendar(session, month))
        return templates.TemplateResponse(request, "history.html", context)

    def workout_page(
        request: Request,
        session: Session,
        workout: Workout,
        *,
        problem: LiftloreError | None = None,
        editing: str = "",
        form: dict[str, str] | None = None,
        notice: str = "",
        confirm_delete: bool = False,
    ) -> Response:
        athlete = athlete_read(request, session)
        unit = training.unit_preference(session)
        names = [e.name for e in browse.all_matching(library_view(session), browse.ExerciseQuery(from_log=True))]
        return templates.TemplateResponse(
            request,
            "workout.html",
            {
                "workout": workout,
                "views": _entry_views(session, workout, unit),
                "unit": unit,
                "athlete": athlete,
                "editable": athlete is None,
                "duration": duration_text(workout.started_at, workout.ended_at),
                "volume": volume_text(workout_volume(workout), unit),
                "names": names if athlete is None else [],
                "error": str(problem) if problem else None,
                "editing": editing,
                "form": form or {},
                "notice": notice,
                "confirm_delete": confirm_delete,
                "weight_field": weight_field,
            },
            status_code=_status(problem),
        )

    @router.get("/workouts/{workout_id}")
    def show_workout(
        request: Request, session: LogReadDep, workout_id: str, done: str = "", confirm: str = ""
    ) -> Response:
        workout = training.get_workout(session, log_edits.resolve_workout_id(session, workout_id))
        return workout_page(
            request,
            session,
            workout,
            notice=DONE_MESSAGES.get(done, ""),
            confirm_delete=confirm == "delete" and athlete_read(request, session) is None,
        )

    @router.post("/workouts/{workout_id}")
    def change_workout(
        request: Request,
        session: SessionDep,
        workout_id: str,
        action: Annotated[str, Form()],
        name: Annotated[str, Form()] = "",
        confirm: Annotated[str, Form()] = "",
    ) -> Response:
        """Rename, finish or delete a workout (delete only from the confirmation the page asks for first: a delete
        without its `confirm=yes` shows that confirmation instead)."""
        found = log_edits.resolve_workout_id(session, workout_id)
        if action == "delete" and confirm != "yes":
            return workout_page(request, session, training.get_workout(session, found), confirm_delete=True)
        try:
            if action == "rename":
                log_edits.rename_workout(session, found, name)
            elif action == "finish":
                training.finish_workout(session, found)
            elif action == "delete":
                training.delete_workout(session, found)
                return _see("/history?done=workout-deleted")
            else:
                raise LiftloreError("unknown action; known: rename, finish, delete", field="action")
        except LiftloreError as exc:
            session.rollback()
            workout = training.get_workout(session, found)
            return workout_page(request, session, workout, problem=exc, form={"name": name})
        return _see(f"/workouts/{found}?done={'renamed' if action == 'rename' else 'finished'}")

    @router.post("/workouts/{workout_id}/sets/{set_id}")
    def change_set(
        request: Request,
        session: SessionDep,
        workout_id: str,
        set_id: str,
        action: Annotated[str, Form()],
        side: Annotated[str, Form()] = "",
        weight: Annotated[str, Form()] = "",
        bodyweight: Annotated[str, Form()] = "",
        reps: Annotated[str, Form()] = "",
        rpe: Annotated[str, Form()] = "",
        set_type: Annotated[str, Form()] = "",
        exercise: Annotated[str, Form()] = "",
    ) -> Response:
        """Save, delete or move one set of a workout; a refused change shows the page again with the set's form
        open, what was typed still in it, and the field to correct named."""
        found = log_edits.resolve_workout_id(session, workout_id)
        unit = training.unit_preference(session)
        form = {
            "side": side,
            "weight": weight,
            "bodyweight": bodyweight,
            "reps": reps,
            "rpe": rpe,
            "set_type": set_type,
            "exercise": exercise,
        }
        target: uuid.UUID | None = None
        try:
            target = log_edits.resolve_set_id(session, set_id)
            if action == "save":
                shown = _stored_weight(training.get_workout(session, found), target)
                edited = log_edits.edit_set(session, target, page_changes(form, unit, shown_kg=shown))
            elif action == "delete":
                edited = log_edits.delete_set(session, target)
            elif action == "move":
                if not exercise.strip():
                    raise LiftloreError("name the exercise to move the set to", field="exercise")
                edited = log_edits.move_set(session, target, exercise)
            else:
                raise LiftloreError("unknown action; known: save, delete, move", field="action")
            if edited.workout_id != found:  # a set of another of the person's workouts: this page cannot change it
                raise NotFoundError(f"no set {set_id} in this workout")
        except LiftloreError as exc:
            session.rollback()  # nothing of a refused change is kept
            workout = training.get_workout(session, found)
            editing = str(target) if target else set_id
            return workout_page(request, session, workout, problem=exc, editing=editing, form=form)
        if edited.workout is None:  # its last set went, and the workout with it
            return _see("/history?done=workout-deleted")
        word = {"save": "set-saved", "delete": "set-deleted", "move": "set-moved"}[action]
        return _see(f"/workouts/{found}?done={word}#set-{target}")

    return router


def _see(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


def _status(problem: LiftloreError | None) -> int:
    if problem is None:
        return 200
    return 404 if isinstance(problem, NotFoundError) else 400


def _ids(text: str) -> list[uuid.UUID]:
    """The set ids a redirect carries (`logged=ID,ID`); anything else in it is ignored: it is only a hint."""
    found = []
    for part in text.split(",")[:MAX_SETS_PER_LOG]:
        try:
            found.append(uuid.UUID(part.strip()))
        except ValueError:
            continue
    return found


def _owner(request: Request, session: Session) -> str:
    """Whose log the form writes in, as the page header names them ("" on a one-person server): sets the phone
    keeps while offline are sent only while that person is signed in."""
    if not auth_of(request).multi_user:
        return ""
    person = signed_in(request, session)
    return person.name if person else ""


def _undoable(session: Session, chosen: Exercise, refs: Sequence[str]) -> list[uuid.UUID]:
    """The sets Undo may take back: each named by its whole id, and a set of `chosen` in the workout in progress.
    Anything else is refused before a set is touched."""
    current = training.workout_in_progress(session)
    today = {s.id for e in current.entries if e.exercise_slug == chosen.slug for s in e.sets} if current else set()
    found = []
    for ref in refs:
        try:
            set_id = uuid.UUID(ref.strip())
        except ValueError:
            raise LiftloreError(
                f"'{ref[:40]}' is not a whole set id: Undo takes back only the sets just logged", field="set"
            ) from None
        if set_id not in today:
            raise NotFoundError(
                f"set {set_id} is not one of today's {chosen.name} sets: Undo takes back only the sets just logged; "
                "fix an older set on its workout's page"
            )
        found.append(set_id)
    if not found:
        raise LiftloreError("name the sets to take back", field="set")
    return found


def _stored_weight(workout: Workout, set_id: uuid.UUID) -> float | None:
    """The weight a set of this workout has now (None: body weight, or not one of its sets)."""
    return next((s.weight_kg for e in workout.entries for s in e.sets if s.id == set_id), None)


def _today_entry(current: Workout | None, slug: str) -> ExerciseEntry | None:
    """The exercise's sets in the workout in progress (the latest entry of it, if it was done twice)."""
    if current is None:
        return None
    return next((e for e in reversed(current.entries) if e.exercise_slug == slug and e.sets), None)


def _starting_values(
    today: ExerciseEntry | None, previous: training.PreviousPerformance | None, unit: WeightUnit, unilateral: bool
) -> tuple[dict[str, str], str]:
    """The log form's first values and the line saying where they come from."""
    if today is not None:
        last = today.sets[-1]
        form = form_from_set(last, unit, unilateral=unilateral, next_side=True, effort=True)
        return form, f"From your last set: {set_text(without_side(last), unit)}"
    first = first_working_set(previous.sets) if previous else None
    if first is None:
        return {"side": "left"} if unilateral else {}, ""
    form = form_from_set(first, unit, unilateral=unilateral, next_side=False, effort=False)
    return form, f"From last time: {set_text(without_side(first), unit)}"


def _started_today(session: Session) -> PlanOut | None:
    """The plan the person started today (in their zone), the latest if several, or None."""
    settings = training_settings.training_settings(session)
    today = datetime.now(training_settings.settings_zone(settings)).date()
    return routines.started_plan(session, planner.today_start(settings, today))


def _planned(plan: PlanOut, slug: str) -> PlanExerciseOut | None:
    return next((item for item in plan.exercises if item.slug == slug), None)


def _needs_nothing(exercise: Exercise) -> bool:
    """Whether the exercise needs no equipment: a plan without a load then means body weight."""
    return all(use.optional for use in exercise.equipment)


def _plan_values(
    item: PlanExerciseOut, form: dict[str, str], unit: WeightUnit, unilateral: bool, bodyweight: bool
) -> tuple[dict[str, str], str]:
    """The log form started from the plan's target: its load (else last time's, or body weight for an exercise
    that needs no equipment), its reps, and the side the plan puts first (the weaker).

    The form's fields hold reps, not seconds: a timed target (a plank's 32 s) is filled into the typed-sets field
    instead, in the set grammar ('L 32s', '20kg x 32s'), which Log set sends in place of the fields."""
    values = {**form, "set_type": SetType.NORMAL.value, "rpe": ""}
    if item.load_kg is not None:
        values.update(weight=weight_field(item.load_kg, unit), bodyweight="")
    elif bodyweight and not values.get("weight"):
        values.update(weight="", bodyweight=BODY_WEIGHT)
    side = Side.BOTH
    if unilateral:
        sides = [side for side in item.sides if side in (Side.LEFT, Side.RIGHT)]
        side = sides[0] if sides else Side.LEFT
        values["side"] = side.value
    if item.unit == "seconds":
        timed = SetEntry(weight_kg=item.load_kg, duration_s=float(item.reps), side=side)
        values.update(reps="", quick=format_set(timed, unit))
    else:
        values["reps"] = str(item.reps)
    return values, f"From your plan: {plan_line(item, unit)}"


def _plan_rows(plan: PlanOut, current: Workout | None, unit: WeightUnit) -> list[PlanRow]:
    done: dict[str, int] = {}
    for entry in current.entries if current else ():
        if entry.exercise_slug:
            work = sum(1 for s in entry.sets if s.set_type is not SetType.WARM_UP)
            done[entry.exercise_slug] = done.get(entry.exercise_slug, 0) + work
    return [
        PlanRow(item.slug, item.name, plan_line(item, unit), done.get(item.slug, 0), total_sets(item))
        for item in plan.exercises
    ]


def _just_logged(
    today: ExerciseEntry | None,
    ids: Sequence[uuid.UUID],
    history: Sequence[training.PersonalRecord],
    unit: WeightUnit,
) -> JustLogged | None:
    """The sets named by the redirect that are still in today's entry (an undone set is not offered again)."""
    if not ids or today is None:
        return None
    wanted = set(ids)
    sets = tuple(s for s in today.sets if s.id in wanted)
    if not sets:
        return None
    news = tuple(record_news(r, unit) for r in broken(r for r in history if r.set_id in wanted))
    return JustLogged(sets, news)


@dataclass(frozen=True)
class HistoryLine:
    """One line of the history: a workout, or (filtered by exercise) what was done of it that day."""

    href: str
    title: str
    when: str
    facts: tuple[str, ...]
    detail: str = ""  # the exercise's sets, when filtered
    records: tuple[str, ...] = ()


def _workout_line(
    summary: training.WorkoutSummary, records: Sequence[training.WorkoutRecord], unit: WeightUnit
) -> HistoryLine:
    duration = duration_text(summary.started_at, summary.ended_at)
    facts = [
        duration or ("in progress" if summary.source == "log" and summary.ended_at is None else ""),
        counted(summary.set_count, "set"),
        f"{volume_text(summary.volume_kg, unit)} volume" if summary.volume_kg else "",
        counted(len(records), "record") if records else "",
        f"from {summary.source}" if summary.source != "log" else "",
    ]
    return HistoryLine(
        href=f"/workouts/{summary.id}",
        title=summary.title,
        when=summary.started_at.strftime("%a %d %b %Y, %H:%M"),
        facts=tuple(f for f in facts if f),
        detail=", ".join(summary.exercises),
        records=workout_record_lines(records, unit, summary.exercises),
    )


def _exercise_line(
    time: training.PreviousPerformance,
    records: Sequence[training.PersonalRecord],
    unit: WeightUnit,
    one_sided: bool,
) -> HistoryLine:
    volume = working_volume(time.sets)
    unsided = all_unsided(time.sets, one_sided)
    facts = [counted(len(time.sets), "set"), f"{volume_text(volume, unit)} volume" if volume else ""]
    facts.append(UNSIDED if unsided else "")
    return HistoryLine(
        href=f"/workouts/{time.workout_id}",
        title=time.performed_on.strftime("%a %d %b %Y"),
        when=time.performed_on.strftime("%H:%M"),
        facts=tuple(f for f in facts if f),
        detail=" · ".join(set_text(s, unit, one_sided=one_sided and not unsided) for s in time.sets),
        records=tuple(record_news(r, unit) for r in records if r.workout_id == time.workout_id),
    )


def _one_sided(session: Session, slugs: Iterable[str | None]) -> frozenset[str]:
    """Which of these exercises are done one side at a time, by the library (one it no longer has counts as
    two-sided: nothing then says its sets lack a side)."""
    known = library_view(session).exercises
    return frozenset(
        slug for slug in slugs if slug and slug in known and known[slug].laterality is Laterality.UNILATERAL
    )


@dataclass(frozen=True)
class EntryView:
    """An exercise of the workout page: its sets left beside right when they have sides, the others one under
    another, and the best estimated 1RM it reached that day."""

    entry: ExerciseEntry
    one_sided: bool
    pairs: list[SidePair]
    plain: list[SetEntry]
    e1rm: str


def _entry_views(session: Session, workout: Workout, unit: WeightUnit) -> list[EntryView]:
    one_sided = _one_sided(session, (entry.exercise_slug for entry in workout.entries))
    e1rm: dict[str, list[training.E1rmPoint]] = {}
    views = []
    for entry in workout.entries:
        slug = entry.exercise_slug
        if slug and slug not in e1rm:
            try:
                points = training.exercise_strength(session, slug).e1rm
            except NotFoundError:  # deleted since the workout was read: its sets still show
                points = ()
            e1rm[slug] = [point for point in points if point.workout_id == workout.id]
        sided = slug in one_sided or any(s.side in (Side.LEFT, Side.RIGHT) for s in entry.sets)
        pairs, plain = side_pairs(entry.sets) if sided else ([], list(entry.sets))
        shown = e1rm_text(e1rm.get(slug, []) if slug else [], unit, one_sided=slug in one_sided)
        views.append(EntryView(entry, slug in one_sided, pairs, plain, shown))
    return views
