"""The library's JSON: exercises (a list item and the whole page record), muscle groups, equipment and drills,
and the envelopes the API wraps them in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol, Self

from pydantic import Field, TypeAdapter

from liftlore.domain.exercise import (
    Dose,
    Drill,
    DrillKind,
    EquipmentType,
    EquipmentUse,
    Exercise,
    Faq,
    Laterality,
    Level,
    Loading,
    Mechanic,
    MuscleGroup,
    PlannerDefaults,
    Reference,
    TargetUnit,
)
from liftlore.shapes.base import PerObject, Shape

# -- references inside a list item ---------------------------------------------------------------------------------


class MuscleRef(Shape):
    slug: str
    name: str

    @classmethod
    def from_domain(cls, muscle: MuscleGroup) -> Self:
        return cls(slug=muscle.slug, name=muscle.name)


class EquipmentRef(Shape):
    slug: str
    name: str
    optional: bool

    @classmethod
    def from_domain(cls, use: EquipmentUse) -> Self:
        return cls(slug=use.equipment.slug, name=use.equipment.name, optional=use.optional)


# -- exercises -----------------------------------------------------------------------------------------------------


class ExerciseBrief(Shape):
    """An exercise named: enough to recognise it, or to recreate it where a library lacks it (the export)."""

    slug: str
    name: str
    laterality: Laterality

    @classmethod
    def from_domain(cls, exercise: Exercise) -> Self:
        return cls(slug=exercise.slug, name=exercise.name, laterality=exercise.laterality)


class ExerciseItem(ExerciseBrief):
    """An exercise in a list: `GET /api/v1/exercises` and its kin, `liftlore list --json`."""

    url: str = Field(description="Its page in the web app")
    mechanic: Mechanic | None
    level: Level | None
    movement_pattern: str | None
    primary_muscles: list[MuscleRef]
    equipment: list[EquipmentRef] = Field(description="Required and optional equipment")
    source: str | None = Field(description="The dataset it was imported from; null for the bundled catalog")

    @classmethod
    def from_domain(cls, exercise: Exercise) -> Self:
        return cls(
            slug=exercise.slug,
            name=exercise.name,
            url=f"/exercises/{exercise.slug}",
            laterality=exercise.laterality,
            mechanic=exercise.mechanic,
            level=exercise.level,
            movement_pattern=exercise.movement_pattern,
            primary_muscles=[MuscleRef.from_domain(m) for m in exercise.primary_muscles],
            equipment=[EquipmentRef.from_domain(u) for u in exercise.equipment],
            source=exercise.source.name if exercise.source else None,
        )


# An exercise's item is the same every time its (frozen) exercise is: a muscle group's page lists hundreds.
exercise_item: PerObject[Exercise, ExerciseItem] = PerObject(ExerciseItem.from_domain, size=20_000)


def exercise_items(exercises: Iterable[Exercise]) -> list[ExerciseItem]:
    return [exercise_item(e) for e in exercises]


def exercise_item_json(exercise: Exercise) -> bytes:
    """An exercise's list item as JSON, for the library snapshot to keep ready (see `exercise_list_json`)."""
    item = exercise_item(exercise)
    return item.__pydantic_serializer__.to_json(item)


class AlternativeItem(ExerciseItem):
    reason: str = Field(description="Why it is an alternative: the muscles and movement it shares")

    @classmethod
    def alternative(cls, exercise: Exercise, reason: str) -> Self:
        # dict() of a model is its fields, with the nested shapes as they are: those are not built again.
        return cls(**dict(exercise_item(exercise)), reason=reason)


# -- the whole page ------------------------------------------------------------------------------------------------


class MuscleOut(Shape):
    """A muscle group as an exercise's record lists it."""

    slug: str
    name: str
    description: str

    @classmethod
    def from_domain(cls, muscle: MuscleGroup) -> Self:
        return cls(slug=muscle.slug, name=muscle.name, description=muscle.description)


class EquipmentOut(Shape):
    """An equipment type."""

    slug: str
    name: str
    description: str

    @classmethod
    def from_domain(cls, equipment: EquipmentType) -> Self:
        return cls(slug=equipment.slug, name=equipment.name, description=equipment.description)


class EquipmentUseOut(EquipmentOut):
    """Equipment as an exercise's record lists it: the type, and whether the exercise can do without it."""

    optional: bool

    @classmethod
    def use(cls, use: EquipmentUse) -> Self:
        kit = use.equipment
        return cls(slug=kit.slug, name=kit.name, description=kit.description, optional=use.optional)


class DoseOut(Shape):
    text: str | None = Field(description="The step that states the dose, e.g. 'Repeat for 12 reps.'")
    reps: int | None
    seconds: list[int] | None = Field(description="A hold: [least, most] seconds")
    per_side: bool

    @classmethod
    def from_domain(cls, dose: Dose) -> Self:
        seconds = list(dose.seconds) if dose.seconds else None
        return cls(text=dose.text, reps=dose.reps, seconds=seconds, per_side=dose.per_side)


class DrillOut(Shape):
    """A warm-up or cool-down drill as an exercise's record lists it."""

    name: str
    intro: str
    steps: list[str]
    dose: DoseOut

    @classmethod
    def from_domain(cls, drill: Drill) -> Self:
        return cls(name=drill.name, intro=drill.intro, steps=list(drill.steps), dose=DoseOut.from_domain(drill.dose))


class DrillSummary(DrillOut):
    """A drill on its own (`/api/v1/drills`): the record's drill with its slug and kind."""

    slug: str
    kind: DrillKind | None

    @classmethod
    def from_domain(cls, drill: Drill) -> Self:
        return cls(
            slug=drill.slug,
            kind=drill.kind,
            name=drill.name,
            intro=drill.intro,
            steps=list(drill.steps),
            dose=DoseOut.from_domain(drill.dose),
        )


class ReferenceOut(Shape):
    title: str
    doi: str | None

    @classmethod
    def from_domain(cls, reference: Reference) -> Self:
        return cls(title=reference.title, doi=reference.doi)


class PlannerOut(Shape):
    """How a plan prescribes the exercise by default: the target per work set, the rest, the load step."""

    low: int
    high: int
    unit: TargetUnit = Field(description="reps, or seconds for a hold, a carry or a sled push")
    rest_seconds: int
    load_step_kg: float | None = Field(description="Load added at the top of the range; null: progress by reps")
    ramp_up: bool = Field(description="Ramp-up sets lead to the first work set")

    @classmethod
    def from_domain(cls, planner: PlannerDefaults) -> Self:
        return cls(
            low=planner.low,
            high=planner.high,
            unit=planner.unit,
            rest_seconds=planner.rest_seconds,
            load_step_kg=planner.load_step_kg,
            ramp_up=planner.ramp_up,
        )


class FaqOut(Shape):
    question: str | None
    answer: str

    @classmethod
    def from_domain(cls, entry: Faq) -> Self:
        return cls(question=entry.question, answer=entry.answer)


class ExerciseRecord(Shape):
    """An exercise's whole page: `GET /api/v1/exercises/SLUG` and `liftlore import page --json`."""

    slug: str
    name: str
    summary: list[str]
    steps: list[str]
    laterality: Laterality
    mechanic: Mechanic | None
    movement_pattern: str | None
    loading: list[Loading]
    primary_muscles: list[MuscleOut]
    secondary_muscles: list[MuscleOut]
    tips: list[str]
    equipment: list[EquipmentUseOut]
    benefits: list[str]
    references: list[ReferenceOut]
    warm_up: list[DrillOut]
    cool_down: list[DrillOut]
    faq: list[FaqOut]
    planner: PlannerOut | None = Field(description="The planner's defaults; null when the page does not give them")
    warnings: list[str] = Field(description="What the importer noticed about the page; empty for a stored one")

    @classmethod
    def from_domain(cls, exercise: Exercise, warnings: Sequence[str] = ()) -> Self:
        return cls(
            slug=exercise.slug,
            name=exercise.name,
            summary=list(exercise.summary),
            steps=list(exercise.steps),
            laterality=exercise.laterality,
            mechanic=exercise.mechanic,
            movement_pattern=exercise.movement_pattern,
            loading=list(exercise.loading),
            primary_muscles=[MuscleOut.from_domain(m) for m in exercise.primary_muscles],
            secondary_muscles=[MuscleOut.from_domain(m) for m in exercise.secondary_muscles],
            tips=list(exercise.tips),
            equipment=[EquipmentUseOut.use(u) for u in exercise.equipment],
            benefits=list(exercise.benefits),
            references=[ReferenceOut.from_domain(r) for r in exercise.references],
            warm_up=[DrillOut.from_domain(d) for d in exercise.warm_up],
            cool_down=[DrillOut.from_domain(d) for d in exercise.cool_down],
            faq=[FaqOut.from_domain(f) for f in exercise.faq],
            planner=PlannerOut.from_domain(exercise.planner) if exercise.planner else None,
            warnings=list(warnings),
        )


# A stored exercise's record (it has no warnings), for the API: the same every time, as an item is.
stored_record: PerObject[Exercise, ExerciseRecord] = PerObject(ExerciseRecord.from_domain, size=20_000)


# -- the API's envelopes -------------------------------------------------------------------------------------------


class FacetSource(Protocol):
    """A facet value as the browse service counts it (services/browse.py's FacetValue)."""

    @property
    def value(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def count(self) -> int: ...
    @property
    def selected(self) -> bool: ...


class FacetValueOut(Shape):
    value: str
    label: str
    count: int
    selected: bool

    @classmethod
    def from_domain(cls, facet: FacetSource) -> Self:
        return cls(value=facet.value, label=facet.label, count=facet.count, selected=facet.selected)


class ExerciseList(Shape):
    items: list[ExerciseItem]
    total: int
    page: int
    per_page: int
    pages: int
    facets: dict[str, list[FacetValueOut]] | None = Field(
        default=None, description="Counts per facet value, with `facets=true`"
    )

    @classmethod
    def page_of(
        cls,
        items: Iterable[Exercise],
        *,
        total: int,
        page: int,
        per_page: int,
        pages: int,
        facets: Mapping[str, Sequence[FacetSource]] | None,
    ) -> Self:
        counted = (
            {name: [FacetValueOut.from_domain(v) for v in values] for name, values in facets.items()}
            if facets is not None
            else None
        )
        return cls(items=exercise_items(items), total=total, page=page, per_page=per_page, pages=pages, facets=counted)


_FACETS_JSON: TypeAdapter[dict[str, list[FacetValueOut]]] = TypeAdapter(dict[str, list[FacetValueOut]])


def exercise_list_json(
    items: Sequence[bytes],
    *,
    total: int,
    page: int,
    per_page: int,
    pages: int,
    facets: Mapping[str, Sequence[FacetSource]] | None,
) -> bytes:
    """`ExerciseList`'s JSON around items whose JSON is ready (`exercise_item_json`): byte for byte what dumping
    the model writes (tests/services/test_browse_index.py compares them), without building and validating the
    page's items again on every request. Only the envelope's numbers and the facets are written here."""
    counted = b"null"
    if facets is not None:
        counted = _FACETS_JSON.dump_json(
            {facet: [FacetValueOut.from_domain(value) for value in values] for facet, values in facets.items()}
        )
    numbers = f'"total":{total},"page":{page},"per_page":{per_page},"pages":{pages}'.encode()
    return b'{"items":[' + b",".join(items) + b"]," + numbers + b',"facets":' + counted + b"}"


class Alternatives(Shape):
    exercise: str
    have: list[str]
    items: list[AlternativeItem]


class Variations(Shape):
    exercise: str
    easier: list[ExerciseItem]
    harder: list[ExerciseItem]


class MuscleSummary(MuscleOut):
    """A muscle group in `/api/v1/muscles`: where the body map draws it, and how many exercises train it."""

    side: str | None = Field(description="front, back or both")
    exercises: int = Field(description="Exercises that train it as a primary muscle")

    @classmethod
    def counted(cls, muscle: MuscleGroup, exercises: int) -> Self:
        return cls(
            slug=muscle.slug, name=muscle.name, description=muscle.description, side=muscle.side, exercises=exercises
        )


class MuscleDetail(Shape):
    muscle: MuscleSummary
    primary: list[ExerciseItem]
    secondary: list[ExerciseItem]


class EquipmentSummary(EquipmentOut):
    """An equipment type in `/api/v1/equipment`, with how many exercises use it."""

    exercises: int

    @classmethod
    def counted(cls, equipment: EquipmentType, exercises: int) -> Self:
        return cls(slug=equipment.slug, name=equipment.name, description=equipment.description, exercises=exercises)


class EquipmentDetail(Shape):
    equipment: EquipmentSummary
    required: list[ExerciseItem]
    optional: list[ExerciseItem]


class DrillDetail(Shape):
    drill: DrillSummary
    exercises: list[ExerciseItem]
