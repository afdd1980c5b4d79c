"""The bundled programmes (catalog/programmes/*.toml): listed, looked up by slug, and their rules in words.

The files are read once per process; every exercise a programme names is checked against the library the unit of
work's viewer sees, so a programme never hands the planner a slug it cannot find."""

from __future__ import annotations

from functools import cache

from sqlalchemy.orm import Session

from liftlore.catalog.programme_files import read_programmes
from liftlore.domain.planning import Deload, Programme, ProgressionRule, RpeStep, RuleKind
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.services.library import closest_names
from liftlore.services.snapshot import library_view
from liftlore.shapes.planning import ProgrammeDayOut, ProgrammeOut, SlotOut

HALF = 0.5  # RPE is logged in halves, so a step's range ends half a point below the next step


@cache
def bundled_programmes() -> tuple[Programme, ...]:
    """The programmes shipped with liftlore, read from their files once."""
    return tuple(read_programmes())


def programmes(session: Session) -> list[ProgrammeOut]:
    """Every bundled programme, as handed out."""
    return [programme_out(p) for p in _in_library(session)]


def programme(session: Session, slug: str) -> Programme:
    """The programme `slug` names, or a NotFoundError suggesting the closest ones."""
    known = _in_library(session)
    for found in known:
        if found.slug == slug:
            return found
    names = [(p.slug, p.name) for p in known]
    raise NotFoundError(f"no programme '{slug}'", suggestions=closest_names(slug, names))


def _in_library(session: Session) -> tuple[Programme, ...]:
    exercises = library_view(session).exercises
    bundled = bundled_programmes()
    for found in bundled:
        missing = sorted({slot.exercise for day in found.days for slot in day.slots} - exercises.keys())
        if missing:
            raise LiftloreError(
                f"the programme '{found.slug}' names exercises the library does not have: {', '.join(missing)}; "
                "load the bundled catalog",
                field="programme",
            )
    return bundled


def programme_out(p: Programme) -> ProgrammeOut:
    return ProgrammeOut(
        slug=p.slug,
        name=p.name,
        summary=p.summary,
        goal=p.goal.value,
        level=p.level.value,
        days_per_week=p.days_per_week,
        days=[
            ProgrammeDayOut(
                name=day.name,
                slots=[
                    SlotOut(
                        exercise=slot.exercise,
                        sets=slot.sets,
                        low=slot.low,
                        high=slot.high,
                        rule=slot.rule,
                        rest_seconds=slot.rest_seconds,
                    )
                    for slot in day.slots
                ],
            )
            for day in p.days
        ],
        rules={name: describe_rule(rule) for name, rule in p.rules.items()},
        deload=describe_deload(p.deload) if p.deload is not None else None,
        source=p.source,
    )


def describe_rule(rule: ProgressionRule) -> str:
    """What the rule does, in a sentence a lifter understands."""
    if rule.kind is RuleKind.DOUBLE_PROGRESSION:
        return (
            "Double progression: keep the load until every set reaches the top of the rep range, then add the "
            "exercise's load step and start again at the bottom of the range (with no load to add, one more rep)."
        )
    if rule.kind is RuleKind.RPE:
        target = f"RPE {rule.target_rpe:g}" if rule.target_rpe is not None else "the target RPE"
        steps = "; ".join(_step_words(rule.rpe_steps, index) for index in range(len(rule.rpe_steps)))
        return f"RPE: the top set aims at {target}, and the next load follows how hard it felt ({steps})."
    weeks = ", ".join(
        f"week {number}: {week.sets} x {week.reps}{'+' if week.amrap else ''} at {week.percent:g} %"
        for number, week in enumerate(rule.wave, 1)
    )
    amrap = "; + means the last set is taken for as many reps as you can" if any(w.amrap for w in rule.wave) else ""
    return f"Percentage wave of a training max ({rule.training_max_pct:g} % of your e1RM), repeating: {weeks}{amrap}."


def _step_words(steps: tuple[RpeStep, ...], index: int) -> str:
    step = steps[index]
    if index + 1 < len(steps):
        top = steps[index + 1].from_rpe - HALF
        felt = f"RPE {top:g} or easier" if index == 0 else _span(step.from_rpe, top)
    else:
        felt = _span(step.from_rpe, 10.0)
    if step.change_kg > 0:
        change = f"add {step.change_kg:g} kg"
    elif step.change_kg < 0:
        change = f"take off {-step.change_kg:g} kg"
    else:
        change = "keep the load"
    return f"{felt}: {change}"


def _span(low: float, high: float) -> str:
    return f"RPE {low:g}" if high <= low else f"RPE {low:g}-{high:g}"


def describe_deload(deload: Deload) -> str:
    """The planned deload, in a sentence."""
    return (
        f"Every {deload.every_weeks} weeks, a deload week: {deload.sets_factor * 100:g} % of the sets (at least "
        f"one), {deload.load_factor * 100:g} % of the load and no set past RPE {deload.max_rpe:g}, with the same "
        "exercises and days."
    )
