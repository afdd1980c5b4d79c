"""Personal records, detected as they happen: a set is a PR when it beats everything logged before it.

Kinds: the heaviest weight, the best estimated 1RM, the best set volume (weight x reps) and the most reps at a
weight. Each side of a unilateral exercise keeps its own records (left, right, and "both" for sets done on both);
a side's first mark of a kind is the one that exercise's sets without a side hold (imported history), if any.

Rules (docs/training-log.md explains why):
- warm-up sets and sets without reps never count;
- a PR must be strictly better (a tie is not a record);
- heaviest weight counts any recorded load other than zero, so less assistance (-20 kg after -30 kg) is heavier;
  e1RM and volume need a load above zero;
- the first value of a kind is a record (there was nothing to beat), except for reps at a weight: the first set at
  a new weight sets the mark silently, and only a later set with more reps at that weight is a rep PR.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from liftlore.domain.training import SetType, Side


class RecordKind(StrEnum):
    HEAVIEST = "heaviest-weight"
    E1RM = "best-e1rm"
    VOLUME = "best-set-volume"
    REPS = "most-reps"  # at one weight


RECORD_LABELS = {
    RecordKind.HEAVIEST: "heaviest weight",
    RecordKind.E1RM: "best estimated 1RM",
    RecordKind.VOLUME: "best set volume",
    RecordKind.REPS: "most reps at a weight",
}


def weight_key(weight_kg: float | None) -> float:
    """Sets 'at the same weight' agree to the hundredth of a kilo (pounds converted to kilos differ in the last
    digits); body weight (no load) is weight 0."""
    return round(weight_kg or 0.0, 2)


@dataclass(frozen=True)
class Lift:
    """What record keeping needs to know about a set. `ref` identifies the set for the caller (its id, or
    whatever it wants back); `e1rm` is computed by the caller's chosen method (None when it does not apply)."""

    ref: Hashable
    side: Side
    set_type: SetType
    weight_kg: float | None
    reps: int | None
    e1rm: float | None = None


@dataclass(frozen=True)
class Record:
    """A PR: `value` beat `previous` (None when it was the first of its kind). For REPS, `value` is the reps and
    `weight_kg` the weight they were done at."""

    kind: RecordKind
    side: Side
    value: float
    previous: float | None
    ref: Hashable
    weight_kg: float | None
    reps: int


@dataclass
class _SideBook:
    best: dict[RecordKind, Record] = field(default_factory=dict)
    reps_at: dict[float, Record] = field(default_factory=dict)  # weight key -> the set holding the most reps


class RecordBook:
    """Running records for one exercise. Feed it sets in the order they were done; each call says which records
    the set broke, against everything fed before it."""

    def __init__(self, *, one_sided: bool = False) -> None:
        """`one_sided`: the exercise is done one side at a time, so a side's first mark of a kind is the mark its
        sets without a side set (history imported from apps that log no side): the first left or right set is a
        record only if it beats that history, not "the first" after years of it."""
        self._sides: dict[Side, _SideBook] = {}
        self._one_sided = one_sided

    def seed(self, side: Side, kind: RecordKind, value: float) -> None:
        """Start from a mark held before the sets to be observed (summed up elsewhere, as the strength points keep
        them): a later set must beat it to be a record. Not for REPS: see seed_reps."""
        if kind is RecordKind.REPS:
            raise ValueError("the most reps are held per weight: seed_reps")
        self._sides.setdefault(side, _SideBook()).best[kind] = Record(kind, side, value, None, None, None, 0)

    def seed_reps(self, side: Side, weight_kg: float, reps: int) -> None:
        """Start from the most reps done at a weight before the sets to be observed."""
        key = weight_key(weight_kg)
        self._sides.setdefault(side, _SideBook()).reps_at[key] = Record(
            RecordKind.REPS, side, float(reps), None, None, weight_kg, reps
        )

    def observe(self, lift: Lift) -> list[Record]:
        if lift.set_type is SetType.WARM_UP or not lift.reps or lift.reps < 1:
            return []
        book = self._sides.setdefault(lift.side, _SideBook())
        broken: list[Record] = []
        weight = lift.weight_kg
        candidates: list[tuple[RecordKind, float | None]] = [
            (RecordKind.HEAVIEST, weight if weight else None),
            (RecordKind.E1RM, lift.e1rm),
            (RecordKind.VOLUME, weight * lift.reps if weight is not None and weight > 0 else None),
        ]
        for kind, value in candidates:
            if value is None:
                continue
            held = book.best.get(kind)
            if held is None and self._one_sided and lift.side is not Side.BOTH:
                unsided = self._sides.get(Side.BOTH)
                seed = unsided.best.get(kind) if unsided is not None else None
                if seed is not None:
                    held = book.best[kind] = replace(seed, side=lift.side)
            if held is None or value > held.value:
                record = Record(kind, lift.side, value, held.value if held else None, lift.ref, weight, lift.reps)
                book.best[kind] = record
                broken.append(record)
        key = weight_key(weight)
        held_reps = book.reps_at.get(key)
        if held_reps is None or lift.reps > held_reps.value:
            record = Record(
                RecordKind.REPS,
                lift.side,
                float(lift.reps),
                held_reps.value if held_reps else None,
                lift.ref,
                weight,
                lift.reps,
            )
            book.reps_at[key] = record
            if held_reps is not None:
                broken.append(record)
        return broken

    def current(self) -> list[Record]:
        """The records held now: per side, each kind's holder, then the most reps at each weight (heaviest
        weight first). A rep mark with nothing beaten yet is listed too: it is still the most reps at that
        weight."""
        held: list[Record] = []
        for side in sorted(self._sides, key=list(Side).index):
            book = self._sides[side]
            held.extend(book.best[kind] for kind in RecordKind if kind in book.best)
            held.extend(book.reps_at[key] for key in sorted(book.reps_at, reverse=True))
        return held
