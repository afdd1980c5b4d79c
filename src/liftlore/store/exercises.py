"""Storing exercises and the shared entities they point at, and reading them back as domain objects."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session, selectinload

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
    Source,
    TargetUnit,
)
from liftlore.domain.names import normalise_name
from liftlore.domain.taxonomy import Taxonomy
from liftlore.store.scope import visible_exercises
from liftlore.store.tables import (
    DrillRow,
    EquipmentRow,
    ExerciseAliasRow,
    ExerciseDrillRow,
    ExerciseEquipmentRow,
    ExerciseMuscleRow,
    ExerciseRow,
    MuscleGroupRow,
    VariationRow,
)

# -- rows to domain objects ---------------------------------------------------------------------------------------


def muscle_from_row(row: MuscleGroupRow) -> MuscleGroup:
    return MuscleGroup(
        slug=row.slug,
        name=row.name,
        description=row.description,
        side=row.side,
        aliases=tuple(row.aliases or ()),
    )


def equipment_from_row(row: EquipmentRow) -> EquipmentType:
    return EquipmentType(
        slug=row.slug,
        name=row.name,
        description=row.description,
        adds_load=row.adds_load,
        aliases=tuple(row.aliases or ()),
    )


def drill_from_row(row: DrillRow) -> Drill:
    seconds = (row.dose_seconds_min, row.dose_seconds_max)
    return Drill(
        slug=row.slug,
        name=row.name,
        intro=row.intro,
        steps=tuple(row.steps),
        dose=Dose(
            text=row.dose_text,
            reps=row.dose_reps,
            seconds=(seconds[0], seconds[1]) if seconds[0] is not None and seconds[1] is not None else None,
            per_side=row.dose_per_side,
        ),
        kind=DrillKind(row.kind) if row.kind else None,
    )


# -- a page's own wording, kept on the link rows --------------------------------------------------------------------


def drill_json(drill: Drill) -> dict[str, Any]:
    """What a page says of a drill, as stored on its link row: the name, the lines, and the dose read from them.
    A storage format of its own, apart from the API's record, so reshaping that JSON never changes stored rows."""
    dose = drill.dose
    return {
        "name": drill.name,
        "intro": drill.intro,
        "steps": list(drill.steps),
        "dose": {
            "text": dose.text,
            "reps": dose.reps,
            "seconds": list(dose.seconds) if dose.seconds else None,
            "per_side": dose.per_side,
        },
    }


def _linked_muscle(link: ExerciseMuscleRow) -> MuscleGroup:
    muscle = muscle_from_row(link.muscle)
    return muscle if link.page_description is None else replace(muscle, description=link.page_description)


def _linked_equipment(link: ExerciseEquipmentRow) -> EquipmentUse:
    equipment = equipment_from_row(link.equipment)
    if link.page_description is not None:
        equipment = replace(equipment, description=link.page_description)
    return EquipmentUse(equipment=equipment, optional=link.optional)


def _linked_drill(link: ExerciseDrillRow) -> Drill:
    """The shared drill, or this exercise's own version of it; the slug and kind stay the shared drill's."""
    shared = drill_from_row(link.drill)
    own = link.page_drill
    if own is None:
        return shared
    dose, seconds = own["dose"], own["dose"]["seconds"]
    return replace(
        shared,
        name=own["name"],
        intro=own["intro"],
        steps=tuple(own["steps"]),
        dose=Dose(
            text=dose["text"],
            reps=dose["reps"],
            seconds=(seconds[0], seconds[1]) if seconds else None,
            per_side=dose["per_side"],
        ),
    )


# -- rows to exercises -----------------------------------------------------------------------------------------------


def exercise_from_row(row: ExerciseRow) -> Exercise:
    loading = tuple(
        value for value, on in ((Loading.BODYWEIGHT, row.loads_bodyweight), (Loading.LOADED, row.loads_external)) if on
    )
    return Exercise(
        slug=row.slug,
        name=row.name,
        summary=tuple(row.summary),
        steps=tuple(row.steps),
        laterality=Laterality(row.laterality),
        mechanic=Mechanic(row.mechanic) if row.mechanic else None,
        movement_pattern=row.movement_pattern,
        loading=loading,
        primary_muscles=tuple(_linked_muscle(link) for link in row.muscles if link.role == "primary"),
        secondary_muscles=tuple(_linked_muscle(link) for link in row.muscles if link.role == "secondary"),
        tips=tuple(row.tips),
        equipment=tuple(_linked_equipment(link) for link in row.equipment),
        benefits=tuple(row.benefits),
        references=tuple(Reference(title=r["title"], doi=r.get("doi")) for r in row.references),
        warm_up=tuple(_linked_drill(link) for link in row.drills if link.phase == "warm_up"),
        cool_down=tuple(_linked_drill(link) for link in row.drills if link.phase == "cool_down"),
        faq=tuple(Faq(question=f.get("question"), answer=f["answer"]) for f in row.faq),
        level=Level(row.level) if row.level else None,
        aliases=tuple(alias.alias for alias in row.aliases),
        easier=tuple(v.variant.slug for v in row.variations if v.direction == "easier"),
        harder=tuple(v.variant.slug for v in row.variations if v.direction == "harder"),
        source=Source(name=row.source_name, source_id=row.source_id, licence=row.licence, author=row.author)
        if row.source_name
        else None,
        planner=_planner_from(row.planner),
    )


def _planner_from(value: dict[str, Any] | None) -> PlannerDefaults | None:
    if not value:
        return None
    step = value.get("load_step_kg")
    return PlannerDefaults(
        low=int(value["low"]),
        high=int(value["high"]),
        unit=TargetUnit(value["unit"]),
        rest_seconds=int(value["rest_seconds"]),
        load_step_kg=None if step is None else float(step),
        ramp_up=bool(value.get("ramp_up")),
    )


def _planner_to(planner: PlannerDefaults | None) -> dict[str, Any] | None:
    if planner is None:
        return None
    return {
        "low": planner.low,
        "high": planner.high,
        "unit": planner.unit.value,
        "rest_seconds": planner.rest_seconds,
        "load_step_kg": planner.load_step_kg,
        "ramp_up": planner.ramp_up,
    }


def _with_links(statement: Select[Any]) -> Select[Any]:
    return statement.options(
        selectinload(ExerciseRow.aliases),
        selectinload(ExerciseRow.muscles),
        selectinload(ExerciseRow.equipment),
        selectinload(ExerciseRow.drills),
        selectinload(ExerciseRow.variations),
    )


# -- reading -------------------------------------------------------------------------------------------------------


def load_taxonomy(session: Session) -> Taxonomy:
    return Taxonomy(
        muscles={row.slug: muscle_from_row(row) for row in session.scalars(select(MuscleGroupRow))},
        equipment={row.slug: equipment_from_row(row) for row in session.scalars(select(EquipmentRow))},
    )


def _visible(session: Session) -> ColumnElement[bool]:
    """The exercises this unit of work may see (store/scope.py): a person's own are not shown to anyone else."""
    return visible_exercises(session)


def get_exercise(session: Session, slug: str) -> Exercise | None:
    statement = select(ExerciseRow).where(ExerciseRow.slug == slug, _visible(session))
    row = session.scalars(_with_links(statement)).first()
    return exercise_from_row(row) if row else None


def public_exercises(session: Session) -> list[Exercise]:
    """Every exercise anyone may see (the shared library and what people shared), in name order, with everything
    its page shows; whoever the unit of work is for."""
    public = ExerciseRow.owner_id.is_(None) | ExerciseRow.shared.is_(True)
    statement = select(ExerciseRow).where(public).order_by(ExerciseRow.name)
    return [exercise_from_row(row) for row in session.scalars(_with_links(statement))]


def own_private_exercises(session: Session, owner: uuid.UUID) -> list[Exercise]:
    """A person's own exercises that they have not shared, in name order."""
    statement = select(ExerciseRow).where(ExerciseRow.owner_id == owner, ExerciseRow.shared.is_(False))
    return [exercise_from_row(row) for row in session.scalars(_with_links(statement.order_by(ExerciseRow.name)))]


def own_log_slugs(session: Session, owner: uuid.UUID) -> set[str]:
    """The slugs of a person's "from your log" exercises (names an import could not match) not shared."""
    return set(
        session.scalars(
            select(ExerciseRow.slug).where(
                ExerciseRow.owner_id == owner, ExerciseRow.shared.is_(False), ExerciseRow.origin == "log"
            )
        )
    )


def own_log_row(session: Session, owner: uuid.UUID, slug_or_name: str) -> ExerciseRow | None:
    """One of a person's "from your log" exercises, by slug or name."""
    mine = (ExerciseRow.owner_id == owner) & (ExerciseRow.origin == "log")
    by_slug = session.scalars(select(ExerciseRow).where(mine, ExerciseRow.slug == slug_or_name)).first()
    if by_slug is not None:
        return by_slug
    key = normalise_name(slug_or_name)
    return session.scalars(select(ExerciseRow).where(mine, ExerciseRow.name_key == key)).first()


def delete_exercise_row(session: Session, row: ExerciseRow) -> None:
    session.delete(row)
    session.flush()


def find_by_name(session: Session, name: str) -> Exercise | None:
    """The exercise whose name or alias means `name` ('pull up', 'Pull-ups' and 'pullup' all find the pull-up)."""
    key = normalise_name(name)
    # Several exercises may share a key (a dataset's copy beside the catalog's page): the catalog's comes first.
    catalog_first = case((ExerciseRow.origin == "catalog", 0), else_=1)
    visible = _visible(session)
    by_name = select(ExerciseRow).where(ExerciseRow.name_key == key, visible).order_by(catalog_first, ExerciseRow.name)
    row = session.scalars(_with_links(by_name)).first()
    if row is None:
        by_alias = (
            select(ExerciseRow)
            .join(ExerciseAliasRow, ExerciseAliasRow.exercise_id == ExerciseRow.id)
            .where(ExerciseAliasRow.alias_key == key, visible)
            .order_by(catalog_first, ExerciseRow.name)
        )
        row = session.scalars(_with_links(by_alias)).first()
    return exercise_from_row(row) if row else None


def load_drills(session: Session) -> dict[str, Drill]:
    return {row.slug: drill_from_row(row) for row in session.scalars(select(DrillRow).order_by(DrillRow.name))}


def private_drill_slugs(session: Session) -> set[str]:
    """Drills only people's unshared exercises use (a member's page brought them): not part of the public
    library until one of those exercises is shared."""
    public = case((ExerciseRow.owner_id.is_(None) | ExerciseRow.shared.is_(True), 1), else_=0)
    rows = session.execute(
        select(DrillRow.slug)
        .join(ExerciseDrillRow, ExerciseDrillRow.drill_id == DrillRow.id)
        .join(ExerciseRow, ExerciseRow.id == ExerciseDrillRow.exercise_id)
        .group_by(DrillRow.slug)
        .having(func.sum(public) == 0)
    )
    return {slug for (slug,) in rows}


def slugs_by_origin(session: Session, origin: str) -> list[str]:
    return list(session.scalars(select(ExerciseRow.slug).where(ExerciseRow.origin == origin)))


def exercise_rows(session: Session, slugs: Iterable[str]) -> dict[str, ExerciseRow]:
    wanted = list(slugs)
    return {row.slug: row for row in session.scalars(select(ExerciseRow).where(ExerciseRow.slug.in_(wanted)))}


def exercise_names(session: Session) -> list[tuple[str, str]]:
    """(slug, name) of every exercise, for suggestions when a slug is not found."""
    rows = session.execute(select(ExerciseRow.slug, ExerciseRow.name).where(_visible(session)))
    return [(slug, name) for slug, name in rows]


def owner_of(session: Session, slug: str) -> uuid.UUID | None:
    return session.scalar(select(ExerciseRow.owner_id).where(ExerciseRow.slug == slug))


def set_shared(session: Session, slug: str, owner: uuid.UUID, shared: bool) -> bool:
    row = session.scalars(select(ExerciseRow).where(ExerciseRow.slug == slug, ExerciseRow.owner_id == owner)).first()
    if row is None:
        return False
    row.shared = shared
    return True


def lock_library_load(session: Session) -> None:
    """Hold the catalog load until the transaction ends, so two processes never load it at once (PostgreSQL: an
    advisory lock; SQLite: a writing unit of work already holds the database's one write lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(func.hashtextextended("liftlore catalog load", 0))))


def taken_slugs(session: Session) -> set[str]:
    """Every slug in use, seen or not: slugs are unique across everyone's exercises."""
    return set(session.scalars(select(ExerciseRow.slug)))


# -- writing -------------------------------------------------------------------------------------------------------


@dataclass
class SharedRows:
    """The muscle, equipment and drill rows of one transaction, looked up once and reused."""

    session: Session
    replace: bool  # the catalog owns its shared entities; an imported page never rewrites them
    muscles: dict[str, MuscleGroupRow] = field(default_factory=dict)
    equipment: dict[str, EquipmentRow] = field(default_factory=dict)
    drills: dict[str, DrillRow] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.muscles = {row.slug: row for row in self.session.scalars(select(MuscleGroupRow))}
        self.equipment = {row.slug: row for row in self.session.scalars(select(EquipmentRow))}
        self.drills = {row.slug: row for row in self.session.scalars(select(DrillRow))}

    def muscle(self, muscle: MuscleGroup) -> MuscleGroupRow:
        row = self.muscles.get(muscle.slug)
        if row is None:
            row = self.muscles[muscle.slug] = MuscleGroupRow(slug=muscle.slug, aliases=[])
            self.session.add(row)
        elif not self.replace:
            return row
        row.name, row.description, row.side = muscle.name, muscle.description, muscle.side
        row.aliases = list(muscle.aliases)
        return row

    def equipment_type(self, equipment: EquipmentType) -> EquipmentRow:
        row = self.equipment.get(equipment.slug)
        if row is None:
            row = self.equipment[equipment.slug] = EquipmentRow(slug=equipment.slug, aliases=[])
            self.session.add(row)
        elif not self.replace:
            return row
        row.name, row.description, row.adds_load = equipment.name, equipment.description, equipment.adds_load
        row.aliases = list(equipment.aliases)
        return row

    def drill(self, drill: Drill, phase: str) -> DrillRow:
        row = self.drills.get(drill.slug)
        if row is None:
            row = self.drills[drill.slug] = DrillRow(slug=drill.slug)
            self.session.add(row)
        elif not self.replace:
            return row  # a page's own version of a known drill is kept on its link row (save_exercise)
        row.name, row.intro, row.steps = drill.name, drill.intro, list(drill.steps)
        row.kind = drill.kind.value if drill.kind else ("warm-up" if phase == "warm_up" else "cool-down")
        row.dose_text, row.dose_reps, row.dose_per_side = (
            drill.dose.text,
            drill.dose.reps,
            drill.dose.per_side,
        )
        low_high = drill.dose.seconds or (None, None)
        row.dose_seconds_min, row.dose_seconds_max = low_high
        return row


def save_exercise(
    session: Session,
    exercise: Exercise,
    shared: SharedRows,
    *,
    origin: str,
    own_wording: bool = False,
    owner: uuid.UUID | None = None,
) -> ExerciseRow:
    """Insert or update the exercise with this slug, replacing its links; never duplicates it.

    `own_wording` keeps the exercise's own lines about its muscles and equipment and its own drills on the link
    rows (an imported page: its export must read as it was written, whatever the shared text says or later
    becomes); without it the exercise shows the shared descriptions and drills (the catalog, datasets).

    `owner`: a new exercise is this person's own (None: the shared library). An existing one keeps its owner."""
    row = session.scalars(select(ExerciseRow).where(ExerciseRow.slug == exercise.slug)).first()
    if row is None:
        row = ExerciseRow(slug=exercise.slug, owner_id=owner, shared=False)
        session.add(row)
    else:
        # Drop the old links first: new link rows share their primary keys, and the flush must not see both.
        row.aliases.clear()
        row.muscles.clear()
        row.equipment.clear()
        row.drills.clear()
        session.flush()
    row.name, row.name_key = exercise.name, normalise_name(exercise.name)
    row.summary, row.steps = list(exercise.summary), list(exercise.steps)
    row.laterality = exercise.laterality.value
    row.mechanic = exercise.mechanic.value if exercise.mechanic else None
    row.movement_pattern, row.level = (
        exercise.movement_pattern,
        exercise.level.value if exercise.level else None,
    )
    row.loads_bodyweight = Loading.BODYWEIGHT in exercise.loading
    row.loads_external = Loading.LOADED in exercise.loading
    row.tips, row.benefits = list(exercise.tips), list(exercise.benefits)
    row.references = [{"title": r.title, "doi": r.doi} for r in exercise.references]
    row.faq = [{"question": f.question, "answer": f.answer} for f in exercise.faq]
    row.planner = _planner_to(exercise.planner)
    row.origin = origin
    source = exercise.source
    row.source_name = source.name if source else None
    row.source_id, row.licence = (source.source_id, source.licence) if source else (None, None)
    row.author = source.author if source else None
    row.aliases = [ExerciseAliasRow(alias=a, alias_key=normalise_name(a)) for a in dict.fromkeys(exercise.aliases)]
    row.muscles = [
        ExerciseMuscleRow(
            muscle=shared.muscle(m),
            role=role,
            position=i,
            page_description=m.description if own_wording else None,
        )
        for i, (m, role) in enumerate(_roles(exercise))
    ]
    row.equipment = [
        ExerciseEquipmentRow(
            equipment=shared.equipment_type(use.equipment),
            optional=use.optional,
            position=i,
            page_description=use.equipment.description if own_wording else None,
        )
        for i, use in enumerate(exercise.equipment)
    ]
    row.drills = [
        ExerciseDrillRow(
            drill=shared.drill(d, phase), phase=phase, position=i, page_drill=drill_json(d) if own_wording else None
        )
        for i, (d, phase) in enumerate(
            [(d, "warm_up") for d in exercise.warm_up] + [(d, "cool_down") for d in exercise.cool_down]
        )
    ]
    return row


def _roles(exercise: Exercise) -> Iterable[tuple[MuscleGroup, str]]:
    yield from ((m, "primary") for m in exercise.primary_muscles)
    yield from ((m, "secondary") for m in exercise.secondary_muscles)


def save_variations(session: Session, rows: dict[str, ExerciseRow], exercises: Iterable[Exercise]) -> None:
    """Link each exercise to its easier and harder variations (all must be saved first)."""
    for exercise in exercises:
        row = rows[exercise.slug]
        links = [
            (direction, target)
            for direction, targets in (("easier", exercise.easier), ("harder", exercise.harder))
            for target in targets
            if target in rows
        ]
        row.variations = [
            VariationRow(variant=rows[target], direction=direction, position=i)
            for i, (direction, target) in enumerate(links)
        ]
