"""How the training log reads on a page: a set and a record as text, the values a set form starts from, a
workout's totals. (As JSON they take the export's shape: `ingest/logs/backup.py`.)"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from liftlore.domain.training import SetEntry, SetType, Side, Workout
from liftlore.domain.units import WeightUnit, format_distance, format_duration, format_weight, from_kg, plain_number
from liftlore.domain.units import distance_unit_for as _distance_unit
from liftlore.render.training import record_line
from liftlore.science.records import RECORD_LABELS, RecordKind
from liftlore.services.training import E1rmPoint, PersonalRecord, WorkoutRecord
from liftlore.web.set_fields import BODY_WEIGHT

_SIDE_MARK = {Side.LEFT: "L", Side.RIGHT: "R", Side.BOTH: ""}
_TYPE_MARK = {SetType.WARM_UP: "warm-up", SetType.DROP: "drop", SetType.FAILURE: "to failure", SetType.NORMAL: ""}
UNSIDED = "side not recorded"


def set_text(entry: SetEntry, unit: WeightUnit, *, one_sided: bool = False) -> str:
    """'L 40 kg × 10 @ RPE 8', 'body weight × 12', '20 kg assisted × 8', '40 kg × 0.05 km', '1:30 (warm-up)'.

    `one_sided` says the exercise is done one side at a time: a set of it without a side (history from an app that
    logs none) then says so, '40 kg × 10 (side not recorded)', instead of reading like a two-sided set."""
    parts: list[str] = []
    if entry.side is not None and _SIDE_MARK[entry.side]:
        parts.append(_SIDE_MARK[entry.side])
    parts.extend(_load_and_amounts(entry, unit))
    if entry.rpe is not None:
        parts.append(f"@ RPE {plain_number(entry.rpe, 1)}")
    elif entry.rir is not None:
        parts.append(f"{plain_number(entry.rir, 1)} RIR")
    notes = [_TYPE_MARK[entry.set_type]] if _TYPE_MARK[entry.set_type] else []
    if one_sided and entry.side is Side.BOTH:
        notes.append(UNSIDED)
    if notes:
        parts.append(f"({', '.join(notes)})")
    return " ".join(parts)


def _load_and_amounts(entry: SetEntry, unit: WeightUnit) -> list[str]:
    """The load times the first amount (reps, else time, else distance), then the others: '40 kg × 10 1:00'."""
    amounts = [str(entry.reps)] if entry.reps is not None else []
    if entry.duration_s is not None:
        amounts.append(format_duration(entry.duration_s))
    if entry.distance_m is not None:
        amounts.append(format_distance(entry.distance_m, _distance_unit(unit)))
    # Body weight is worth saying beside reps; a timed or distance set with no load (a plank, a run) is just its
    # amount. SetEntry refuses a set with no amount at all, so amounts[0] exists.
    if entry.weight_kg is None and entry.reps is None:
        return amounts
    return [f"{_load(entry.weight_kg, unit)} × {amounts[0]}", *amounts[1:]]


def _load(weight_kg: float | None, unit: WeightUnit) -> str:
    if weight_kg is None:
        return "body weight"
    if weight_kg < 0:
        return f"{format_weight(-weight_kg, unit)} assisted"
    return format_weight(weight_kg, unit)


def record_text(record: PersonalRecord, unit: WeightUnit) -> str:
    """'Left: heaviest weight 60 kg', 'best estimated 1RM 82.5 kg (70 kg × 5)'."""
    side = "" if record.side is Side.BOTH else f"{record.side.value.capitalize()}: "
    label = RECORD_LABELS[record.kind]
    if record.kind is RecordKind.REPS:
        weight = format_weight(record.weight_kg, unit) if record.weight_kg is not None else "body weight"
        return f"{side}{label} at {weight}: {plain_number(record.value)}"
    shown = format_weight(record.value, unit)
    if record.kind is RecordKind.E1RM and record.weight_kg is not None:
        shown += f" ({format_weight(record.weight_kg, unit)} × {record.reps})"
    return f"{side}{label} {shown}"


def record_news(record: PersonalRecord, unit: WeightUnit) -> str:
    """A record a set just broke, worded as the CLI's "PR!" line: 'heaviest weight (left): 45 kg, beating 40 kg'."""
    return record_line(record, unit)


def broken(records: Iterable[PersonalRecord]) -> list[PersonalRecord]:
    """The records worth announcing: those that beat an earlier mark. The first sets of an exercise are "records"
    only because nothing came before; saying "PR!" for them would teach a lifter to ignore the announcement."""
    return [record for record in records if record.previous is not None]


# -- the values a set form starts from -------------------------------------------------------------------------------


def form_from_set(
    entry: SetEntry, unit: WeightUnit, *, unilateral: bool, next_side: bool, effort: bool
) -> dict[str, str]:
    """The log form filled in from a set: its weight (or Body weight) and reps, its type and RPE when `effort`.
    With `next_side` a unilateral set's other side is chosen, so "left, then right" is two taps on Log set."""
    form = {"weight": "", "bodyweight": "", "reps": "", "rpe": "", "set_type": SetType.NORMAL.value, "side": ""}
    if entry.weight_kg is None:
        form["bodyweight"] = BODY_WEIGHT if entry.reps is not None else ""
    else:
        form["weight"] = weight_field(entry.weight_kg, unit)
    form["reps"] = str(entry.reps) if entry.reps is not None else ""
    if effort:
        form["set_type"] = entry.set_type.value
        form["rpe"] = plain_number(entry.rpe, 1) if entry.rpe is not None else ""
    if unilateral:
        side = entry.side if entry.side in (Side.LEFT, Side.RIGHT) else Side.LEFT
        if next_side:
            side = Side.RIGHT if side is Side.LEFT else Side.LEFT
        form["side"] = side.value
    return form


def weight_field(weight_kg: float, unit: WeightUnit) -> str:
    """A weight as it goes back into a field: in the person's unit, without float noise ('88.18', '40')."""
    return plain_number(from_kg(weight_kg, unit))


def first_working_set(sets: Iterable[SetEntry]) -> SetEntry | None:
    """Where last time's work began: its first set that was not a warm-up (else its first set)."""
    found = list(sets)
    return next((s for s in found if s.set_type is not SetType.WARM_UP), found[0] if found else None)


def all_unsided(sets: Iterable[SetEntry], one_sided: bool) -> bool:
    """Whether a one-sided exercise's sets all lack a side (one day of history from an app that logs none): a line
    of them then says so once, instead of after every set."""
    found = list(sets)
    return one_sided and bool(found) and all(s.side is Side.BOTH for s in found)


def without_side(entry: SetEntry) -> SetEntry:
    """The set to quote beside the form, where the side is chosen separately."""
    return replace(entry, side=None) if entry.side is not None else entry


# -- a workout's totals ---------------------------------------------------------------------------------------------


def duration_text(started_at: datetime, ended_at: datetime | None) -> str:
    """'1 h 05 min', '48 min'; '' when it has no end (in progress, or an import that kept none)."""
    if ended_at is None:
        return ""
    minutes = max(0, round((ended_at - started_at).total_seconds() / 60))
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def working_volume(sets: Iterable[SetEntry]) -> float:
    """Weight x reps over loaded working sets, in kg: what the history calls a workout's volume (warm-ups left
    out, body weight and assistance count nothing)."""
    return sum(
        s.weight_kg * s.reps
        for s in sets
        if s.weight_kg is not None and s.weight_kg > 0 and s.reps is not None and s.set_type is not SetType.WARM_UP
    )


def volume_text(volume_kg: float, unit: WeightUnit) -> str:
    """'4,250 kg': whole units, with thousands marked, as a total reads best."""
    return f"{round(from_kg(volume_kg, unit)):,} {unit.value}"


def workout_volume(workout: Workout) -> float:
    return working_volume(s for entry in workout.entries for s in entry.sets)


# -- one workout, exercise by exercise -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SidePair:
    """A left set and the right set done as its match (either may be missing: an odd set on one side)."""

    left: SetEntry | None = None
    right: SetEntry | None = None


def side_pairs(sets: Iterable[SetEntry]) -> tuple[list[SidePair], list[SetEntry]]:
    """A one-sided exercise's sets as left/right pairs, in the order done, and the sets that have no side.

    Each left or right set joins the first earlier pair that still lacks its side and is of the same kind (warm-up
    or work), else starts a pair: "L, R, L, R", "L, L, R, R" and "L warm-up, L, R" all line up as they were meant."""
    pairs: list[dict[Side, SetEntry]] = []
    unsided: list[SetEntry] = []
    for entry in sets:
        if entry.side not in (Side.LEFT, Side.RIGHT):
            unsided.append(entry)
            continue
        warm_up = entry.set_type is SetType.WARM_UP
        home = next(
            (
                pair
                for pair in pairs
                if entry.side not in pair and all((s.set_type is SetType.WARM_UP) == warm_up for s in pair.values())
            ),
            None,
        )
        if home is None:
            pairs.append({entry.side: entry})
        else:
            home[entry.side] = entry
    return [SidePair(pair.get(Side.LEFT), pair.get(Side.RIGHT)) for pair in pairs], unsided


def e1rm_text(points: Sequence[E1rmPoint], unit: WeightUnit, *, one_sided: bool) -> str:
    """A workout's best estimated 1RM of one exercise: '82.5 kg (from 70 kg × 5)', or per side,
    'left 53.3 kg, right 50.7 kg (right 5% lower)'. '' when no set gives one (body weight, warm-ups only)."""
    by_side = {point.side: point for point in points}
    if not by_side:
        return ""
    if set(by_side) == {Side.BOTH}:
        only = by_side[Side.BOTH]
        note = f", {UNSIDED}" if one_sided else ""
        return f"{_estimate(only.e1rm_kg, unit)} (from {format_weight(only.weight_kg, unit)} × {only.reps}{note})"
    labels = {Side.LEFT: "left", Side.RIGHT: "right", Side.BOTH: UNSIDED if one_sided else "both sides"}
    shown = ", ".join(f"{labels[side]} {_estimate(by_side[side].e1rm_kg, unit)}" for side in Side if side in by_side)
    left, right = by_side.get(Side.LEFT), by_side.get(Side.RIGHT)
    if left is None or right is None:
        return shown
    weaker, stronger = ("right", left) if right.e1rm_kg < left.e1rm_kg else ("left", right)
    gap = round(abs(left.e1rm_kg - right.e1rm_kg) / stronger.e1rm_kg * 100)
    return f"{shown} ({weaker} {gap}% lower)" if gap else f"{shown} (even)"


def _estimate(kg: float, unit: WeightUnit) -> str:
    """An estimate to a tenth: its second decimal would claim a precision no formula has."""
    return f"{plain_number(from_kg(kg, unit), 1)} {unit.value}"


# -- a workout's records, in the history ----------------------------------------------------------------------------

_SIDE_WORD = {Side.LEFT: "left", Side.RIGHT: "right", Side.BOTH: ""}


def workout_record_lines(
    records: Iterable[WorkoutRecord], unit: WeightUnit, order: Sequence[str] = ()
) -> tuple[str, ...]:
    """One line per exercise and side, its records in the order broken: 'Single-Leg Hip Thrust (left): heaviest
    weight 45 kg, best estimated 1RM 60 kg, best set volume 450 kg' (a volume in whole units, as totals). The
    exercises come in `order` (the workout's, by name), left before right; any other after them."""
    names: dict[str, str] = {}  # slug -> name
    grouped: dict[tuple[str, Side], list[str]] = {}
    for record in records:
        if record.kind is RecordKind.E1RM:
            value = _estimate(record.value, unit)
        elif record.kind is RecordKind.VOLUME:
            value = volume_text(record.value, unit)
        else:
            value = format_weight(record.value, unit)
        names[record.exercise_slug] = record.exercise_name
        grouped.setdefault((record.exercise_slug, record.side), []).append(f"{RECORD_LABELS[record.kind]} {value}")
    sides = list(Side)

    def place(key: tuple[str, Side]) -> tuple[int, int]:
        name = names[key[0]]
        return (order.index(name) if name in order else len(order), sides.index(key[1]))

    lines = []
    for slug, side in sorted(grouped, key=place):
        title = f"{names[slug]} ({_SIDE_WORD[side]})" if _SIDE_WORD[side] else names[slug]
        lines.append(f"{title}: {', '.join(grouped[(slug, side)])}")
    return tuple(lines)
