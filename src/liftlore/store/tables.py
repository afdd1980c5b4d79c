"""The database tables. Lists that are only ever read whole (steps, tips, FAQ) are JSON columns; the shared
entities an exercise points at (muscle groups, equipment, drills) are rows of their own, so they can be
filtered on and described once."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Stamped:
    """A stable id and timestamps on every stored record."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class MuscleGroupRow(Stamped, Base):
    __tablename__ = "muscle_groups"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    side: Mapped[str | None] = mapped_column(String(8))
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class EquipmentRow(Stamped, Base):
    __tablename__ = "equipment_types"

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    adds_load: Mapped[bool] = mapped_column(Boolean, default=False)
    aliases: Mapped[list[Any]] = mapped_column(default=list)


class DrillRow(Stamped, Base):
    __tablename__ = "drills"

    slug: Mapped[str] = mapped_column(String(120), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str | None] = mapped_column(String(16))
    intro: Mapped[str] = mapped_column(Text)
    steps: Mapped[list[Any]] = mapped_column(default=list)
    dose_text: Mapped[str | None] = mapped_column(Text)
    dose_reps: Mapped[int | None] = mapped_column(Integer)
    dose_seconds_min: Mapped[int | None] = mapped_column(Integer)
    dose_seconds_max: Mapped[int | None] = mapped_column(Integer)
    dose_per_side: Mapped[bool] = mapped_column(Boolean, default=False)


class ExerciseRow(Stamped, Base):
    __tablename__ = "exercises"

    slug: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), index=True)  # normalise_name(name), for matching
    summary: Mapped[list[Any]] = mapped_column(default=list)
    steps: Mapped[list[Any]] = mapped_column(default=list)
    laterality: Mapped[str] = mapped_column(String(16), index=True)
    mechanic: Mapped[str | None] = mapped_column(String(16))
    movement_pattern: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[str | None] = mapped_column(String(16))
    loads_bodyweight: Mapped[bool] = mapped_column(Boolean, default=False)
    loads_external: Mapped[bool] = mapped_column(Boolean, default=False)
    tips: Mapped[list[Any]] = mapped_column(default=list)
    benefits: Mapped[list[Any]] = mapped_column(default=list)
    references: Mapped[list[Any]] = mapped_column(default=list)  # [{title, doi}]
    faq: Mapped[list[Any]] = mapped_column(default=list)  # [{question, answer}]
    # {low, high, unit, rest_seconds, load_step_kg, ramp_up}; NULL when the page does not say (an imported page)
    planner: Mapped[dict[str, Any] | None] = mapped_column(nullable=True)
    origin: Mapped[str] = mapped_column(String(16), default="page")  # catalog, page or dataset
    source_name: Mapped[str | None] = mapped_column(String(80))
    source_id: Mapped[str | None] = mapped_column(String(200))
    licence: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(Text)
    # NULL: the shared library, which admins edit. Otherwise a person's own exercise, seen by them alone unless
    # they share it (then everyone sees it; only they edit it).
    owner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))

    aliases: Mapped[list[ExerciseAliasRow]] = relationship(
        cascade="all, delete-orphan", order_by="ExerciseAliasRow.alias"
    )
    muscles: Mapped[list[ExerciseMuscleRow]] = relationship(
        cascade="all, delete-orphan", order_by="ExerciseMuscleRow.position"
    )
    equipment: Mapped[list[ExerciseEquipmentRow]] = relationship(
        cascade="all, delete-orphan", order_by="ExerciseEquipmentRow.position"
    )
    drills: Mapped[list[ExerciseDrillRow]] = relationship(
        cascade="all, delete-orphan", order_by="ExerciseDrillRow.position"
    )
    variations: Mapped[list[VariationRow]] = relationship(
        cascade="all, delete-orphan", foreign_keys="VariationRow.exercise_id", order_by="VariationRow.position"
    )


class ExerciseAliasRow(Base):
    __tablename__ = "exercise_aliases"

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True)
    alias: Mapped[str] = mapped_column(String(200), primary_key=True)
    alias_key: Mapped[str] = mapped_column(String(200), index=True)


class ExerciseMuscleRow(Base):
    __tablename__ = "exercise_muscles"

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True)
    muscle_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("muscle_groups.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(String(16))  # primary or secondary
    position: Mapped[int] = mapped_column(Integer)
    # An imported page's own line about the muscle, so its export reads as written; NULL: the group's shared one.
    page_description: Mapped[str | None] = mapped_column(Text)
    muscle: Mapped[MuscleGroupRow] = relationship(lazy="joined")


class ExerciseEquipmentRow(Base):
    __tablename__ = "exercise_equipment"

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True)
    equipment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("equipment_types.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer)
    # An imported page's own line about the equipment; NULL: the equipment type's shared description.
    page_description: Mapped[str | None] = mapped_column(Text)
    equipment: Mapped[EquipmentRow] = relationship(lazy="joined")


class ExerciseDrillRow(Base):
    __tablename__ = "exercise_drills"

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True)
    drill_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("drills.id", ondelete="RESTRICT"), primary_key=True)
    phase: Mapped[str] = mapped_column(String(16), primary_key=True)  # warm_up or cool_down
    position: Mapped[int] = mapped_column(Integer)
    # An imported page's own version of the drill ({name, intro, steps, dose}), for this exercise alone: the shared
    # drill other exercises link to is left as it is. NULL (never JSON null): the shared drill.
    page_drill: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    drill: Mapped[DrillRow] = relationship(lazy="joined")


class VariationRow(Base):
    """A link from an exercise to an easier or a harder one."""

    __tablename__ = "exercise_variations"

    exercise_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True)
    variant_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True)
    direction: Mapped[str] = mapped_column(String(8))  # easier or harder
    position: Mapped[int] = mapped_column(Integer, default=0)
    variant: Mapped[ExerciseRow] = relationship(foreign_keys=[variant_id], lazy="joined")


class ExerciseSourceRow(Stamped, Base):
    """A record of an outside dataset and the library exercise it became, was linked to or merged into.

    (source, source_id) is unique: importing the same dataset again finds every record here and changes nothing.
    """

    __tablename__ = "exercise_sources"
    __table_args__ = (UniqueConstraint("source", "source_id"),)

    exercise_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("exercises.id", ondelete="SET NULL"), index=True)
    source: Mapped[str] = mapped_column(String(80))
    source_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    relation: Mapped[str] = mapped_column(String(16))  # added, linked or merged
    licence: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(Text)


class SettingRow(Base):
    """Small key/value state, such as the fingerprint of the catalog last loaded."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


# -- people ----------------------------------------------------------------------------------------------------------
# A single-user database has one person, the local one (no password: nobody logs in). In multi-user mode the first
# account adopts that person, so everything logged before is theirs.


class PersonRow(Stamped, Base):
    __tablename__ = "people"
    __table_args__ = (CheckConstraint("role IN ('admin', 'member')", name="role"),)

    name: Mapped[str] = mapped_column(String(80))
    name_key: Mapped[str] = mapped_column(String(80), unique=True)  # lower-cased: "Anna" and "anna" are one name
    password_hash: Mapped[str | None] = mapped_column(Text)  # NULL: cannot log in (the local person)
    role: Mapped[str] = mapped_column(String(16), default="member")


class PersonSettingRow(Base):
    """A person's own settings (units, time zone, e1RM method, plates) and the stamp of their strength points."""

    __tablename__ = "person_settings"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class LoginSessionRow(Base):
    """A browser's login. The cookie holds a random token, signed; only its SHA-256 is stored, so a copy of the
    database logs nobody in. Logging out deletes the row, and every server sees it at once."""

    __tablename__ = "login_sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ApiTokenRow(Stamped, Base):
    """A token for the JSON API and the CLI, stored as its SHA-256 only; revoked_at set: refused from then on."""

    __tablename__ = "api_tokens"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CoachGrantRow(Base):
    """`athlete` invited `coach` to read their log; either of them ends it by deleting the row."""

    __tablename__ = "coach_grants"
    __table_args__ = (CheckConstraint("athlete_id <> coach_id", name="not_self"),)

    athlete_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    coach_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class InvitationRow(Base):
    """An invitation to register, when registration is by invitation: the code is shown once, stored hashed."""

    __tablename__ = "invitations"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))


class LoginAttemptRow(Base):
    """A failed log-in, counted per account name and per address ("name:anna", "addr:10.0.0.7") over a window.
    In the database, so every app server counts the same attempts."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_bucket_at", "bucket", "at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    bucket: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


# -- the training log ----------------------------------------------------------------------------------------------
# Weights in kilograms (negative: assisted), distances in metres, times in seconds; instants in UTC with the zone
# the workout happened in beside them. Entries keep the exercise's name, and their link to the exercise is SET NULL
# when it is deleted, so deleting an exercise never deletes the sets logged against it.


WORKOUT_IN_PROGRESS = "source = 'log' AND ended_at IS NULL"


class WorkoutRow(Stamped, Base):
    __tablename__ = "workouts"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    time_zone: Mapped[str] = mapped_column(String(64))  # IANA name ('Europe/Berlin'), 'UTC' or '+02:00'
    name: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # log, strong, hevy or json
    # Identifies an imported workout (source, local start, name): importing the same file twice adds nothing.
    import_key: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        UniqueConstraint("person_id", "import_key", name="uq_workouts_person_import_key"),
        Index("ix_workouts_person_started", "person_id", "started_at"),
        # At most one typed-in workout in progress per person: two requests that both start one cannot both succeed.
        Index(
            "uq_workouts_in_progress",
            "person_id",
            "source",
            unique=True,
            sqlite_where=text(WORKOUT_IN_PROGRESS),
            postgresql_where=text(WORKOUT_IN_PROGRESS),
        ),
    )


class ExerciseEntryRow(Stamped, Base):
    __tablename__ = "exercise_entries"
    __table_args__ = (UniqueConstraint("workout_id", "position"),)

    workout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"))
    exercise_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("exercises.id", ondelete="SET NULL"), index=True)
    exercise_name: Mapped[str] = mapped_column(String(300))  # kept when the exercise is deleted
    position: Mapped[int] = mapped_column(Integer)
    superset_group: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class SetRow(Base):
    """A set: a stable id like every record, but no created/updated times of its own. A set is part of its
    workout, whose updated_at moves whenever one of its sets changes; at a million sets the two timestamps would
    add some 50 MB and a tenth of an import's time."""

    __tablename__ = "workout_sets"
    __table_args__ = (
        UniqueConstraint("entry_id", "position"),
        CheckConstraint("side IN ('left', 'right', 'both')", name="side"),
        CheckConstraint("set_type IN ('normal', 'warm-up', 'drop', 'failure')", name="set_type"),
        CheckConstraint("reps IS NULL OR reps >= 0", name="reps"),
        # Covers the strength overview's scan: every set's side, type, reps, load and effort, grouped by entry,
        # read from the index alone (three times faster on SQLite than visiting the table).
        Index("ix_workout_sets_strength", "entry_id", "side", "set_type", "reps", "weight_kg", "rpe", "rir"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    entry_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("exercise_entries.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    set_type: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    weight_kg: Mapped[float | None] = mapped_column(Float)
    reps: Mapped[int | None] = mapped_column(Integer)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    performed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # when logged live


class StrengthPointRow(Base):
    """The best of one exercise on one side in one workout: heaviest load, best e1RM and best set volume of its
    working sets, and what its hard sets add up to (their count and volume load, for the insight reports). Derived
    from the sets and kept in step with them on every write (store/strength_points.py), so the strength overview
    reads a quarter of a million of these instead of grouping a million sets. The e1RM depends on the method in the
    settings and the hard sets on a cut-off there; the rules they were computed by are stored beside them.

    The key puts an exercise's points in time order (the workout's start is copied here: a workout's start is never
    changed once written); on SQLite the table is stored in key order (WITHOUT ROWID), so reading it in that order
    is one sequential pass."""

    __tablename__ = "strength_points"
    __table_args__ = (
        Index("ix_strength_points_workout_id", "workout_id"),
        # A week's volume and the recovery model read one person's points in a span of time, across exercises.
        Index("ix_strength_points_person_started", "person_id", "started_at"),
        {"sqlite_with_rowid": False},
    )

    # The workout's person, copied here like its start: one person's overview reads one range of the key.
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    exercise_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("exercises.id", ondelete="CASCADE"), primary_key=True
    )  # a deleted exercise has no overview
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    workout_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"), primary_key=True)
    side: Mapped[str] = mapped_column(String(8), primary_key=True)
    heaviest_kg: Mapped[float | None] = mapped_column(Float)
    e1rm_kg: Mapped[float | None] = mapped_column(Float)
    volume_kg: Mapped[float | None] = mapped_column(Float)
    # Hard sets (science/training_load.HardSetRule, by the cut-off stamped with the method) and their volume load:
    # weight x reps of those with a load (body weight and assisted sets add nothing).
    hard_sets: Mapped[int] = mapped_column(Integer, server_default="0")
    load_kg: Mapped[float] = mapped_column(Float, server_default="0")
    # The set behind `e1rm_kg` (the first of equal ones), so an e1RM history needs no set read. No foreign key:
    # the point is recomputed whenever its sets change, and a key would make every set delete search this table.
    e1rm_set_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    e1rm_weight_kg: Mapped[float | None] = mapped_column(Float)
    e1rm_reps: Mapped[int | None] = mapped_column(Integer)


class IdempotencyKeyRow(Base):
    """The response a write request with an `Idempotency-Key` got, so a retry of it gets the same one and writes
    nothing; `request_hash` refuses the same key reused for a different request. Kept a day."""

    __tablename__ = "idempotency_keys"

    # Per person: one person's key can neither replay nor block another's request.
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer)
    response: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


# -- planning ------------------------------------------------------------------------------------------------------
# A person's planning profiles and routines are found by name: `name_key` is the name trimmed and lower-cased, so
# "Home" and "home " are one name. The enumerations are held here as well as in the services, so nothing that
# reaches the tables another way (a script, a restored dump) can store a goal the planner does not know.

PROFILE_GOALS = "goal IN ('strength', 'hypertrophy', 'general')"
PROFILE_LEVELS = "experience IN ('beginner', 'intermediate', 'advanced')"
PROFILE_SPLITS = "split IN ('full-body', 'upper-lower', 'push-pull-legs', 'none')"
ROUTINE_ORIGINS = "origin IN ('plan', 'workout', 'hand')"
PLAN_NAME_LENGTH = "length(name) BETWEEN 1 AND 40"
DEFAULT_PROFILE = "is_default"


class PlanningProfileRow(Stamped, Base):
    """A planning profile ("home", "gym"). The scalar inputs are columns, so the database checks their values and
    ranges; the lists (equipment, muscles to emphasise or avoid, patterns to avoid) are the JSON `body`, where
    `equipment` null means everything the library knows and [] body weight only."""

    __tablename__ = "planning_profiles"
    __table_args__ = (
        UniqueConstraint("person_id", "name_key", name="uq_planning_profiles_person_name"),
        CheckConstraint(PROFILE_GOALS, name="goal"),
        CheckConstraint(PROFILE_LEVELS, name="experience"),
        CheckConstraint(PROFILE_SPLITS, name="split"),
        CheckConstraint("minutes BETWEEN 10 AND 240", name="minutes"),
        CheckConstraint("days_per_week BETWEEN 1 AND 7", name="days_per_week"),
        CheckConstraint(PLAN_NAME_LENGTH, name="name"),
        # At most one default profile per person.
        Index(
            "uq_planning_profiles_default",
            "person_id",
            unique=True,
            sqlite_where=text(DEFAULT_PROFILE),
            postgresql_where=text(DEFAULT_PROFILE),
        ),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(80))  # lower-casing may lengthen a name ("İ")
    goal: Mapped[str] = mapped_column(String(16))
    experience: Mapped[str] = mapped_column(String(16))
    minutes: Mapped[int] = mapped_column(Integer)
    days_per_week: Mapped[int] = mapped_column(Integer)
    split: Mapped[str] = mapped_column(String(16))
    body: Mapped[dict[str, Any]] = mapped_column()  # {equipment, emphasise, avoid_muscles, avoid_patterns}
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)


class RoutineRow(Stamped, Base):
    """A saved workout: its exercises as a plan lists them (the JSON of shapes.planning.PlanExerciseOut), and where
    it came from: a generated plan, a logged workout, or written by hand."""

    __tablename__ = "routines"
    __table_args__ = (
        UniqueConstraint("person_id", "name_key", name="uq_routines_person_name"),
        CheckConstraint(ROUTINE_ORIGINS, name="origin"),
        CheckConstraint(PLAN_NAME_LENGTH, name="name"),
    )

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    name_key: Mapped[str] = mapped_column(String(80))  # lower-casing may lengthen a name ("İ")
    origin: Mapped[str] = mapped_column(String(16))
    body: Mapped[list[Any]] = mapped_column()


class ProgrammeEnrolmentRow(Base):
    """The programme a person follows and the day they started it; one at a time, so the person is the key."""

    __tablename__ = "programme_enrolments"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    programme: Mapped[str] = mapped_column(String(120))  # the programme's slug (programmes are catalog data)
    started_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StartedPlanRow(Base):
    """A plan the person pressed "Start" on (the JSON of shapes.planning.PlanOut), for the log page to fill in its
    targets. Written once and never changed, hence no updated_at."""

    __tablename__ = "started_plans"
    __table_args__ = (Index("ix_started_plans_person_created", "person_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    body: Mapped[dict[str, Any]] = mapped_column()
