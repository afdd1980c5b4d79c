"""The JSON shapes of /api/v1, as Pydantic models so /docs documents them."""

from __future__ import annotations

from pydantic import BaseModel


class Ref(BaseModel):
    slug: str
    name: str


class EquipmentRef(Ref):
    optional: bool


class ExerciseItem(BaseModel):
    slug: str
    name: str
    url: str
    laterality: str
    mechanic: str | None
    level: str | None
    movement_pattern: str | None
    primary_muscles: list[Ref]
    equipment: list[EquipmentRef]
    source: str | None


class FacetValueOut(BaseModel):
    value: str
    label: str
    count: int
    selected: bool


class ExerciseList(BaseModel):
    items: list[ExerciseItem]
    total: int
    page: int
    per_page: int
    pages: int
    facets: dict[str, list[FacetValueOut]] | None = None


class Described(BaseModel):
    slug: str
    name: str
    description: str


class DoseOut(BaseModel):
    text: str | None
    reps: int | None
    seconds: list[int] | None
    per_side: bool


class DrillOut(BaseModel):
    name: str
    intro: str
    steps: list[str]
    dose: DoseOut


class EquipmentOut(Described):
    optional: bool


class ReferenceOut(BaseModel):
    title: str
    doi: str | None


class FaqOut(BaseModel):
    question: str | None
    answer: str


class ExerciseRecord(BaseModel):
    """The same shape as `liftlore import page --json`."""

    slug: str
    name: str
    summary: list[str]
    steps: list[str]
    laterality: str
    mechanic: str | None
    movement_pattern: str | None
    loading: list[str]
    primary_muscles: list[Described]
    secondary_muscles: list[Described]
    tips: list[str]
    equipment: list[EquipmentOut]
    benefits: list[str]
    references: list[ReferenceOut]
    warm_up: list[DrillOut]
    cool_down: list[DrillOut]
    faq: list[FaqOut]
    warnings: list[str]


class AlternativeItem(ExerciseItem):
    reason: str


class Alternatives(BaseModel):
    exercise: str
    have: list[str]
    items: list[AlternativeItem]


class Variations(BaseModel):
    exercise: str
    easier: list[ExerciseItem]
    harder: list[ExerciseItem]


class MuscleOut(Described):
    side: str | None
    exercises: int


class MuscleDetail(BaseModel):
    muscle: MuscleOut
    primary: list[ExerciseItem]
    secondary: list[ExerciseItem]


class EquipmentTypeOut(Described):
    exercises: int


class EquipmentDetail(BaseModel):
    equipment: EquipmentTypeOut
    required: list[ExerciseItem]
    optional: list[ExerciseItem]


class DrillSummary(DrillOut):
    slug: str
    kind: str | None


class DrillDetail(BaseModel):
    drill: DrillSummary
    exercises: list[ExerciseItem]


class ErrorOut(BaseModel):
    message: str
    field: str | None = None
    allowed: list[str] | None = None
