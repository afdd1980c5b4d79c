"""planning: a person's planning profiles, routines, programme enrolment and the plans they started

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27

New tables only, every row a person's (deleted with them). The CHECK constraints are written out here as they are
on this day, not read from the tables module, so a later change there needs a migration of its own. Going down
drops them with what they hold: an older liftlore has nowhere to keep profiles or routines.
"""

from __future__ import annotations

import uuid
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

NAME_LENGTH = "length(name) BETWEEN 1 AND 40"
DEFAULT_PROFILE = "is_default"
PERSON = "person_id"


def _person_key(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [PERSON], ["people.id"], name=op.f(f"fk_{table}_person_id_people"), ondelete="CASCADE"
    )


def _person() -> sa.Column[uuid.UUID]:
    return sa.Column(PERSON, sa.Uuid(), nullable=False)


def _stamps() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "planning_profiles",
        *_stamps(),
        _person(),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.Column("goal", sa.String(length=16), nullable=False),
        sa.Column("experience", sa.String(length=16), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("days_per_week", sa.Integer(), nullable=False),
        sa.Column("split", sa.String(length=16), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.CheckConstraint("goal IN ('strength', 'hypertrophy', 'general')", name=op.f("ck_planning_profiles_goal")),
        sa.CheckConstraint(
            "experience IN ('beginner', 'intermediate', 'advanced')", name=op.f("ck_planning_profiles_experience")
        ),
        sa.CheckConstraint(
            "split IN ('full-body', 'upper-lower', 'push-pull-legs', 'none')", name=op.f("ck_planning_profiles_split")
        ),
        sa.CheckConstraint("minutes BETWEEN 10 AND 240", name=op.f("ck_planning_profiles_minutes")),
        sa.CheckConstraint("days_per_week BETWEEN 1 AND 7", name=op.f("ck_planning_profiles_days_per_week")),
        sa.CheckConstraint(NAME_LENGTH, name=op.f("ck_planning_profiles_name")),
        _person_key("planning_profiles"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_profiles")),
        sa.UniqueConstraint("person_id", "name_key", name="uq_planning_profiles_person_name"),
    )
    op.create_index(
        "uq_planning_profiles_default",
        "planning_profiles",
        ["person_id"],
        unique=True,
        sqlite_where=sa.text(DEFAULT_PROFILE),
        postgresql_where=sa.text(DEFAULT_PROFILE),
    )

    op.create_table(
        "routines",
        *_stamps(),
        _person(),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.CheckConstraint("origin IN ('plan', 'workout', 'hand')", name=op.f("ck_routines_origin")),
        sa.CheckConstraint(NAME_LENGTH, name=op.f("ck_routines_name")),
        _person_key("routines"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routines")),
        sa.UniqueConstraint("person_id", "name_key", name="uq_routines_person_name"),
    )

    op.create_table(
        "programme_enrolments",
        _person(),
        sa.Column("programme", sa.String(length=120), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _person_key("programme_enrolments"),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_programme_enrolments")),
    )

    op.create_table(
        "started_plans",
        sa.Column("id", sa.Uuid(), nullable=False),
        _person(),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        _person_key("started_plans"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_started_plans")),
    )
    op.create_index("ix_started_plans_person_created", "started_plans", ["person_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_started_plans_person_created", table_name="started_plans")
    op.drop_table("started_plans")
    op.drop_table("programme_enrolments")
    op.drop_table("routines")
    op.drop_index("uq_planning_profiles_default", table_name="planning_profiles")
    op.drop_table("planning_profiles")
