"""The planner in the terminal (Rich): today's plan with the reason for each choice, a saved routine, the planning
profiles and the bundled programmes. Loads are shown in the person's unit; `--json` gives the same in kg."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from liftlore.domain.training import Side
from liftlore.domain.units import WeightUnit, format_weight, plain_number
from liftlore.render.training import short_id, when
from liftlore.shapes.planning import (
    DrillStepOut,
    PlanExerciseOut,
    PlanOut,
    ProfileOut,
    ProgrammeOut,
    RampSetOut,
    RoutineOut,
)

NAMES_IN_LIST = 4  # exercises named in a routine list's row before "..."


# -- one exercise of a plan or a routine ---------------------------------------------------------------------------


def load_text(load_kg: float | None, unit: WeightUnit) -> str | None:
    """The load as a lifter reads it: '60 kg', 'assisted by 20 kg' (a negative load), None when the plan sets none."""
    if load_kg is None:
        return None
    if load_kg < 0:
        return f"assisted by {format_weight(-load_kg, unit)}"
    return format_weight(load_kg, unit)


def dose_text(item: PlanExerciseOut) -> str:
    """'3 x 8 reps (6-10)', '3 x 30 s': the sets and the target of each, with the range it sits in."""
    what = "s" if item.unit == "seconds" else ("rep" if item.reps == 1 else "reps")
    low, high = item.rep_range
    span = f" ({low}-{high})" if low and high and (low, high) != (item.reps, item.reps) else ""
    return f"{item.sets} x {item.reps} {what}{span}"


def sides_text(sides: Sequence[Side]) -> str:
    """The order of the sides, or '' for a two-sided exercise."""
    if list(sides) == [Side.BOTH] or not sides:
        return ""
    if len(sides) == 1:
        return f"{sides[0].value} side only"
    return f"{sides[0].value} side first, then " + ", then ".join(side.value for side in sides[1:])


def extra_text(extra: Mapping[Side, int]) -> str:
    return ", ".join(
        f"+{count} set{'s' if count != 1 else ''} for the {side.value} side" for side, count in extra.items()
    )


def ramp_text(ramp: Sequence[RampSetOut], unit: WeightUnit) -> str:
    return ", ".join(f"{format_weight(step.weight_kg, unit)} x {step.reps}" for step in ramp)


def _headline(item: PlanExerciseOut, unit: WeightUnit) -> str:
    parts = [dose_text(item)]
    load = load_text(item.load_kg, unit)
    if load is not None:
        parts[0] += f" at {load}"
    if item.rpe is not None:
        parts.append(f"RPE {plain_number(item.rpe)}")
    parts.append(f"rest {item.rest_s} s")
    sides = sides_text(item.sides)
    if sides:
        parts.append(sides)
    parts.append(f"{plain_number(item.minutes, 1)} min")
    return " · ".join(parts)


def _details(rows: Sequence[tuple[str, str]]) -> Padding:
    """Labelled lines under an exercise, each wrapping inside its own column so the indent holds."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column()
    for label, text in rows:
        grid.add_row(Text(f"{label}:"), Text(text))
    return Padding(grid, (0, 0, 0, 3))


def print_exercises(console: Console, exercises: Sequence[PlanExerciseOut], unit: WeightUnit) -> None:
    """Each exercise in order: what to do on one line, then its ramp-up and extra sets, then why."""
    for number, item in enumerate(exercises, start=1):
        locked = ("  locked", "yellow") if item.locked else ""
        console.print(Text.assemble(f"{number}. ", (item.name, "bold cyan"), (f"  {item.slug}", "dim"), locked))
        rows = [("Do", _headline(item, unit))]
        if item.ramp_up:
            rows.append(("Ramp-up first", ramp_text(item.ramp_up, unit)))
        if item.extra_sets:
            rows.append(("Extra", extra_text(item.extra_sets)))
        rows += [("Why", item.reason), ("Sets", item.dose_reason), ("Load", item.load_reason)]
        console.print(_details(rows))


def _drill_table(title: str, steps: Sequence[DrillStepOut]) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", header_style="bold")
    table.add_column("Drill", no_wrap=True)
    table.add_column("Dose", no_wrap=True)
    table.add_column("For")
    for step in steps:
        table.add_row(Text(step.name), Text(step.dose), Text(step.reason))
    return table


# -- a plan ----------------------------------------------------------------------------------------------------------


def print_plan(console: Console, plan: PlanOut, unit: WeightUnit) -> None:
    """Warm-up, exercises, cool-down, the time it takes against the budget, the plan's notes, and its seed."""
    profile = f" · profile {plan.profile}" if plan.profile else ""
    console.print(Text(f"Today's plan{profile}", style="bold"))
    console.print(
        Text(f"about {plain_number(plan.estimated_minutes, 1)} of {plan.minutes} minutes, drills and rests included")
    )
    if plan.warm_up:
        console.print(_drill_table("Warm-up", plan.warm_up))
    console.print(Text("Exercises", style="bold"))
    if plan.exercises:
        print_exercises(console, plan.exercises, unit)
    else:
        console.print(Text("   nothing fits today: see the notes"))
    if plan.cool_down:
        console.print(_drill_table("Cool-down", plan.cool_down))
    if plan.notes:
        console.print(Text("Notes", style="bold"))
        for note in plan.notes:
            console.print(Text(f" - {note}"))
    console.print(Text(f"seed {plan.seed}: --seed to see another", style="dim"))


# -- routines --------------------------------------------------------------------------------------------------------


def print_routine(console: Console, routine: RoutineOut, unit: WeightUnit) -> None:
    console.print(Text(routine.name, style="bold"))
    console.print(
        Text(f"from a {routine.origin}, saved {when(routine.created_at)} · {short_id(routine.id)}", style="dim")
    )
    print_exercises(console, routine.exercises, unit)


def print_routines(console: Console, routines: Sequence[RoutineOut]) -> None:
    if not routines:
        console.print("no routines saved yet: liftlore plan --save-routine NAME, or liftlore routine save NAME --last")
        return
    table = Table(header_style="bold")
    table.add_column("Name", no_wrap=True)
    table.add_column("From", no_wrap=True)
    table.add_column("Exercises")
    table.add_column("Saved", no_wrap=True)
    table.add_column("Id", no_wrap=True)
    for routine in routines:
        names = [item.name for item in routine.exercises]
        shown = ", ".join(names[:NAMES_IN_LIST]) + (" ..." if len(names) > NAMES_IN_LIST else "")
        table.add_row(
            Text(routine.name),
            Text(routine.origin),
            Text(shown),
            Text(when(routine.created_at)),
            Text(short_id(routine.id), style="dim"),
        )
    console.print(table)


# -- profiles --------------------------------------------------------------------------------------------------------


def equipment_text(equipment: Sequence[str] | None) -> str:
    if equipment is None:
        return "everything"
    return ", ".join(equipment) if equipment else "body weight only"


def _words(values: Sequence[str]) -> str:
    return ", ".join(values) if values else "-"


def print_profiles(console: Console, profiles: Sequence[ProfileOut], default: str | None) -> None:
    """The person's profiles; the default one marked (without one, plans use the built-in profile)."""
    if not profiles:
        console.print("no profiles saved yet: plans use the built-in one (everything, hypertrophy, 60 minutes)")
        return
    table = Table(header_style="bold")
    for column in ("Name", "Equipment", "Goal", "Level", "Minutes", "Days", "Split"):
        table.add_column(column, no_wrap=column != "Equipment")
    for found in profiles:
        mark = " (default)" if found.name == default else ""
        table.add_row(
            Text(found.name + mark),
            Text(equipment_text(found.equipment)),
            Text(found.goal),
            Text(found.experience),
            Text(str(found.minutes)),
            Text(str(found.days_per_week)),
            Text(found.split),
        )
    console.print(table)


def print_profile(console: Console, found: ProfileOut, *, is_default: bool) -> None:
    console.print(Text(found.name + (" (default)" if is_default else ""), style="bold"))
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="dim", no_wrap=True)
    table.add_column()
    rows = (
        ("equipment", equipment_text(found.equipment)),
        ("goal", found.goal),
        ("experience", found.experience),
        ("minutes", str(found.minutes)),
        ("days a week", str(found.days_per_week)),
        ("split", found.split),
        ("emphasise", _words(found.emphasise)),
        ("avoid muscles", _words(found.avoid_muscles)),
        ("avoid patterns", _words(found.avoid_patterns)),
    )
    for label, value in rows:
        table.add_row(Text(label), Text(value))
    console.print(table)


# -- programmes ------------------------------------------------------------------------------------------------------


def print_programmes(console: Console, programmes: Sequence[ProgrammeOut]) -> None:
    table = Table(header_style="bold")
    table.add_column("Slug", no_wrap=True)
    table.add_column("Name")
    table.add_column("Goal", no_wrap=True)
    table.add_column("Level", no_wrap=True)
    table.add_column("Days", no_wrap=True, justify="right")
    for found in programmes:
        table.add_row(
            Text(found.slug),
            Text(found.name),
            Text(found.goal),
            Text(found.level),
            Text(str(found.days_per_week)),
        )
    console.print(table)


def print_programme(console: Console, found: ProgrammeOut, names: Mapping[str, str]) -> None:
    """A programme's days (each exercise by name, from `names`), its rules and deload in words, and its source."""
    console.print(Text(found.name, style="bold"))
    console.print(Text(f"{found.slug} · {found.goal} · {found.level} · {found.days_per_week} days a week", style="dim"))
    console.print(Text(found.summary))
    for day in found.days:
        table = Table(title=day.name, title_justify="left", title_style="bold", header_style="bold")
        table.add_column("Exercise")
        table.add_column("Sets x reps", no_wrap=True)
        table.add_column("Rule", no_wrap=True)
        table.add_column("Rest", no_wrap=True)
        for slot in day.slots:
            reps = str(slot.low) if slot.low == slot.high else f"{slot.low}-{slot.high}"
            rest = f"{slot.rest_seconds} s" if slot.rest_seconds is not None else "its own"
            table.add_row(
                Text(names.get(slot.exercise, slot.exercise)),
                Text(f"{slot.sets} x {reps}"),
                Text(slot.rule),
                Text(rest),
            )
        console.print(table)
    console.print(Text("Rules", style="bold"))
    for name, words in found.rules.items():
        console.print(Text.assemble(" - ", (name, "bold"), f": {words}"))
    if found.deload is not None:
        console.print(Text.assemble(("Deload", "bold"), f": {found.deload}"))
    if found.source:
        console.print(Text(f"Source: {found.source}", style="dim"))
