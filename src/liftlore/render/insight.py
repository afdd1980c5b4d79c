"""The insight reports in the terminal (Rich): weekly volume, recovery, symmetry and e1RM history, weights in the
person's unit. Each table shows the figures behind its answer (the sets a muscle's volume or fatigue comes from,
each session's symmetry index), so a figure can be checked by hand; `--json` gives the same figures in full."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from uuid import UUID

from rich.console import Console
from rich.table import Table
from rich.text import Text

from liftlore.domain.log_grammar import format_set
from liftlore.domain.training import SetEntry, Side
from liftlore.domain.units import WeightUnit, format_weight, plain_number
from liftlore.science.strength import FORMULA_NAMES
from liftlore.science.training_load import FLAG_NEEDED, FLAG_SESSIONS, TEN_SET_BAND
from liftlore.services.training import E1rmHistory, E1rmPoint
from liftlore.shapes.insight import (
    ExerciseSymmetryOut,
    FatigueSourceOut,
    MuscleVolumeOut,
    RecoveryOut,
    SymmetryOut,
    VolumeOut,
    VolumeSourceOut,
)

SOURCES_SHOWN = 5  # sets listed under one muscle's recovery; the JSON lists them all
BAR_CELLS = int(TEN_SET_BAND)  # one cell a set, up to the 10-set band


def _sets(value: float) -> str:
    return plain_number(value)


def _side_note(side: Side) -> str:
    return "" if side is Side.BOTH else f" ({side.value})"


# -- weekly volume ---------------------------------------------------------------------------------------------------


def print_volume(console: Console, volume: VolumeOut, unit: WeightUnit) -> None:
    console.print(
        Text(f"Week {volume.week}: {volume.starts:%a %Y-%m-%d} to {volume.ends:%a %Y-%m-%d} ({volume.time_zone})"),
        style="bold",
    )
    console.print(
        Text(
            f"Hard sets: not warm-ups, and RPE {plain_number(volume.hard_set_rpe)} or more ("
            f"{plain_number(10 - volume.hard_set_rpe)} reps in reserve or fewer) where effort was logged. A set gives"
            " 1 to each primary muscle and 0.5 to each secondary one, half of that when done on one side; Left and"
            " Right count one-sided sets whole. Volume load: weight x reps, credited the same way.",
            style="dim",
        )
    )
    trained = [muscle for muscle in volume.muscles if muscle.hard_sets > 0]
    if not trained:
        console.print(f"no hard sets in {volume.week}")
        return
    table = Table(header_style="bold")
    table.add_column("Muscle", no_wrap=True)
    table.add_column("Hard sets", justify="right", no_wrap=True)
    table.add_column(f"Of {BAR_CELLS} sets", no_wrap=True)
    table.add_column("Band", no_wrap=True)
    table.add_column("Volume load", justify="right", no_wrap=True)
    table.add_column("Left", justify="right", no_wrap=True)
    table.add_column("Right", justify="right", no_wrap=True)
    table.add_column("From")
    for muscle in trained:
        one_sided = muscle.left_sets > 0 or muscle.right_sets > 0
        table.add_row(
            Text(muscle.name),
            Text(_sets(muscle.hard_sets)),
            Text(_bar(muscle.hard_sets)),
            Text(muscle.band),
            Text(format_weight(muscle.volume_load_kg, unit)),
            Text(_sets(muscle.left_sets) if one_sided else ""),
            Text(_sets(muscle.right_sets) if one_sided else ""),
            Text("\n".join(_volume_source(source) for source in muscle.exercises)),
        )
    console.print(table)
    resting = _resting(volume.muscles)
    if resting:
        console.print(Text(f"No hard sets: {resting}", style="dim"))


def _bar(sets: float) -> str:
    filled = min(BAR_CELLS, round(sets))
    return "#" * filled + "." * (BAR_CELLS - filled)


def _volume_source(source: VolumeSourceOut) -> str:
    """'Barbell Hip Thrust: 2 sets x 1 = 2', the per-set credit shown so the sum can be checked."""
    each = source.credit / source.sets if source.sets else 0.0
    return (
        f"{source.name}{_side_note(source.side)}, {source.role}: {source.sets} x {plain_number(each, 3)}"
        f" = {_sets(source.credit)}"
    )


def _resting(muscles: Sequence[MuscleVolumeOut]) -> str:
    return ", ".join(muscle.name for muscle in muscles if muscle.hard_sets == 0)


# -- recovery --------------------------------------------------------------------------------------------------------


def print_recovery(console: Console, recovery: RecoveryOut) -> None:
    console.print(Text(f"Recovery at {recovery.at:%a %Y-%m-%d %H:%M} (UTC{recovery.at:%z})", style="bold"))
    console.print(
        Text(
            "Fatigue F = the sum of each hard set's credit x e^(-age in days / tau), over the last"
            f" {recovery.window_days} days. Recovered = 100 x max(0, 1 - F / capacity). Our own model, made to be"
            " checked, not a validated one.",
            style="dim",
        )
    )
    tired = [muscle for muscle in recovery.muscles if muscle.recovery_pct < 100]
    if not tired:
        trained = any(muscle.sets for muscle in recovery.muscles)
        why = "what is left of the last hard sets rounds to nothing" if trained else "no hard sets"
        console.print(f"every muscle group is fully recovered: {why} in the {recovery.window_days} days before")
        return
    table = Table(header_style="bold")
    table.add_column("Muscle", no_wrap=True)
    table.add_column("Recovered", justify="right", no_wrap=True)
    table.add_column("Fatigue", justify="right", no_wrap=True)
    table.add_column("Tau (days)", justify="right", no_wrap=True)
    table.add_column("Capacity", justify="right", no_wrap=True)
    table.add_column("Sets behind it (credit, what is left of it now)")
    for muscle in tired:
        table.add_row(
            Text(muscle.name),
            Text(f"{plain_number(muscle.recovery_pct, 1)} %"),
            Text(plain_number(muscle.fatigue, 3)),
            Text(plain_number(muscle.tau_days, 3)),
            Text(plain_number(muscle.capacity)),
            Text(_fatigue_sources(muscle.sets)),
        )
    console.print(table)
    rested = len(recovery.muscles) - len(tired)
    if rested:
        console.print(Text(f"{rested} other muscle groups are fully recovered (100 %)", style="dim"))


def _fatigue_sources(sources: Sequence[FatigueSourceOut]) -> str:
    lines = [_fatigue_source(source) for source in sources[:SOURCES_SHOWN]]
    if len(sources) > SOURCES_SHOWN:
        lines.append(f"and {len(sources) - SOURCES_SHOWN} more (--json lists them all)")
    return "\n".join(lines)


def _fatigue_source(source: FatigueSourceOut) -> str:
    """'Mon 2026-11-16 18:00 Barbell Hip Thrust, primary: 3 sets = 3, 0.542 left'."""
    sets = f"{source.sets} set{'s' if source.sets != 1 else ''}"
    return (
        f"{source.started_at:%a %Y-%m-%d %H:%M} {source.exercise_name}{_side_note(source.side)}, {source.role}:"
        f" {sets} = {_sets(source.credit)}, {plain_number(source.remaining, 3)} left"
    )


# -- symmetry --------------------------------------------------------------------------------------------------------


def print_symmetry(console: Console, symmetry: SymmetryOut, unit: WeightUnit) -> None:
    threshold = plain_number(symmetry.threshold)
    console.print(
        Text(
            "Limb symmetry index (LSI) = 100 x weaker / stronger side, by each side's best e1RM in a workout and by"
            f" its volume load. An exercise is flagged when the asymmetry (100 - LSI) is over {threshold} % in at"
            f" least {FLAG_NEEDED} of its last {FLAG_SESSIONS} workouts with both sides: one test alone varies too"
            " much to judge by.",
            style="dim",
        )
    )
    if not symmetry.exercises:
        console.print("no workout has sets of one exercise on both the left and the right side yet")
        return
    for exercise in symmetry.exercises:
        console.print()
        _print_exercise_symmetry(console, exercise, symmetry.threshold, unit)


def _print_exercise_symmetry(
    console: Console, exercise: ExerciseSymmetryOut, threshold: float, unit: WeightUnit
) -> None:
    recent = [s.lsi_e1rm for s in exercise.sessions if s.lsi_e1rm is not None][-FLAG_SESSIONS:]
    over = sum(1 for lsi in recent if 100 - lsi > threshold)
    verdict = "FLAGGED" if exercise.flagged else "not flagged"
    console.print(
        Text(
            f"{exercise.name}: {verdict}, over {plain_number(threshold)} % in {over} of the last {len(recent)}"
            f" compared workout{'s' if len(recent) != 1 else ''}",
            style="bold red" if exercise.flagged else "bold",
        )
    )
    table = Table(header_style="bold")
    for column in ("Date", "Left e1RM", "Right e1RM", "LSI e1RM", "Asymmetry", "Left volume", "Right volume"):
        table.add_column(column, justify="left" if column == "Date" else "right", no_wrap=True)
    table.add_column("LSI volume", justify="right", no_wrap=True)
    table.add_column("Weaker", no_wrap=True)
    for found in exercise.sessions:
        gap = "" if found.lsi_e1rm is None else f"{plain_number(100 - found.lsi_e1rm, 1)} %"
        if found.lsi_e1rm is not None and 100 - found.lsi_e1rm > threshold:
            gap += " over"
        table.add_row(
            Text(f"{found.date:%Y-%m-%d}"),
            Text(_weight_or_blank(found.left_e1rm_kg, unit)),
            Text(_weight_or_blank(found.right_e1rm_kg, unit)),
            Text(_lsi(found.lsi_e1rm)),
            Text(gap),
            Text(format_weight(found.left_volume_kg, unit)),
            Text(format_weight(found.right_volume_kg, unit)),
            Text(_lsi(found.lsi_volume)),
            Text(found.weaker.value if found.weaker is not None else "even"),
        )
    console.print(table)
    advice = exercise.recommendation
    if advice is None:
        return
    console.print(Text(f"The {advice.weaker.value} side is weaker. Two ways to bring it up:", style="bold"))
    for number, strategy in enumerate(advice.strategies, start=1):
        console.print(Text(f"{number}. {strategy.name} ({strategy.basis}): {strategy.advice}"))
        console.print(Text(f"   Why: {strategy.why}", style="dim"))


def _lsi(value: float | None) -> str:
    return "" if value is None else plain_number(value, 1)


def _weight_or_blank(kg: float | None, unit: WeightUnit) -> str:
    return "" if kg is None else format_weight(kg, unit)


# -- e1RM history ----------------------------------------------------------------------------------------------------


def print_e1rm_history(console: Console, strength: E1rmHistory, unit: WeightUnit, tz: tzinfo) -> None:
    """One row per workout, a column per side it was done on: each side's best e1RM and the set it came from.
    Read from the service's own figures, not the JSON's (rounded to 0.01 kg), so pounds are converted exactly."""
    method = strength.method
    formula = FORMULA_NAMES[method.formula]
    how = f"the RPE chart where effort is logged, else {formula}" if method.from_effort else formula
    console.print(Text(f"{strength.name}: best estimated 1RM per workout", style="bold"))
    console.print(Text(f"e1RM by {how}, from loaded sets of up to {method.rep_cap} reps", style="dim"))
    if not strength.e1rm:
        console.print(f"no loaded sets of {method.rep_cap} reps or fewer yet")
        return
    sides = [side for side in (Side.BOTH, Side.LEFT, Side.RIGHT) if any(p.side is side for p in strength.e1rm)]
    workouts: dict[UUID, dict[Side, E1rmPoint]] = {}
    for point in strength.e1rm:
        workouts.setdefault(point.workout_id, {})[point.side] = point
    table = Table(header_style="bold")
    table.add_column("When", no_wrap=True)
    for side in sides:
        table.add_column("e1RM" if side is Side.BOTH else side.value.capitalize(), justify="right", no_wrap=True)
    for by_side in workouts.values():
        started = next(iter(by_side.values())).performed_on
        cells = [Text(f"{started.astimezone(tz):%Y-%m-%d %H:%M}")]
        cells += [Text(_e1rm_cell(by_side.get(side), unit)) for side in sides]
        table.add_row(*cells)
    console.print(table)


def _e1rm_cell(point: E1rmPoint | None, unit: WeightUnit) -> str:
    if point is None:
        return ""
    done = format_set(SetEntry(reps=point.reps, weight_kg=point.weight_kg), unit)
    return f"{format_weight(point.e1rm_kg, unit)} ({done})"
