"""exercise library

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "drills",
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("dose_text", sa.Text(), nullable=True),
        sa.Column("dose_reps", sa.Integer(), nullable=True),
        sa.Column("dose_seconds_min", sa.Integer(), nullable=True),
        sa.Column("dose_seconds_max", sa.Integer(), nullable=True),
        sa.Column("dose_per_side", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drills")),
        sa.UniqueConstraint("slug", name=op.f("uq_drills_slug")),
    )
    op.create_table(
        "equipment_types",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("adds_load", sa.Boolean(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_equipment_types")),
        sa.UniqueConstraint("slug", name=op.f("uq_equipment_types_slug")),
    )
    op.create_table(
        "exercises",
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("steps", sa.JSON(), nullable=False),
        sa.Column("laterality", sa.String(length=16), nullable=False),
        sa.Column("mechanic", sa.String(length=16), nullable=True),
        sa.Column("movement_pattern", sa.String(length=40), nullable=True),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("loads_bodyweight", sa.Boolean(), nullable=False),
        sa.Column("loads_external", sa.Boolean(), nullable=False),
        sa.Column("tips", sa.JSON(), nullable=False),
        sa.Column("benefits", sa.JSON(), nullable=False),
        sa.Column("references", sa.JSON(), nullable=False),
        sa.Column("faq", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("source_name", sa.String(length=80), nullable=True),
        sa.Column("source_id", sa.String(length=200), nullable=True),
        sa.Column("licence", sa.String(length=200), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercises")),
        sa.UniqueConstraint("slug", name=op.f("uq_exercises_slug")),
    )
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercises_laterality"), ["laterality"], unique=False)
        batch_op.create_index(batch_op.f("ix_exercises_name_key"), ["name_key"], unique=False)

    op.create_table(
        "muscle_groups",
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_muscle_groups")),
        sa.UniqueConstraint("slug", name=op.f("uq_muscle_groups_slug")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "exercise_aliases",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("alias", sa.String(length=200), nullable=False),
        sa.Column("alias_key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_aliases_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("exercise_id", "alias", name=op.f("pk_exercise_aliases")),
    )
    with op.batch_alter_table("exercise_aliases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_aliases_alias_key"), ["alias_key"], unique=False)

    op.create_table(
        "exercise_drills",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("drill_id", sa.Uuid(), nullable=False),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["drill_id"], ["drills.id"], name=op.f("fk_exercise_drills_drill_id_drills"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercises.id"], name=op.f("fk_exercise_drills_exercise_id_exercises"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("exercise_id", "drill_id", "phase", name=op.f("pk_exercise_drills")),
    )
    op.create_table(
        "exercise_equipment",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("equipment_id", sa.Uuid(), nullable=False),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["equipment_id"],
            ["equipment_types.id"],
            name=op.f("fk_exercise_equipment_equipment_id_equipment_types"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_equipment_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("exercise_id", "equipment_id", name=op.f("pk_exercise_equipment")),
    )
    with op.batch_alter_table("exercise_equipment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_equipment_equipment_id"), ["equipment_id"], unique=False)

    op.create_table(
        "exercise_muscles",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("muscle_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_muscles_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["muscle_id"],
            ["muscle_groups.id"],
            name=op.f("fk_exercise_muscles_muscle_id_muscle_groups"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("exercise_id", "muscle_id", name=op.f("pk_exercise_muscles")),
    )
    with op.batch_alter_table("exercise_muscles", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_muscles_muscle_id"), ["muscle_id"], unique=False)

    op.create_table(
        "exercise_sources",
        sa.Column("exercise_id", sa.Uuid(), nullable=True),
        sa.Column("source", sa.String(length=80), nullable=False),
        sa.Column("source_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("licence", sa.String(length=200), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_sources_exercise_id_exercises"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exercise_sources")),
        sa.UniqueConstraint("source", "source_id", name=op.f("uq_exercise_sources_source")),
    )
    with op.batch_alter_table("exercise_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exercise_sources_exercise_id"), ["exercise_id"], unique=False)

    op.create_table(
        "exercise_variations",
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("variant_id", sa.Uuid(), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["exercise_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_variations_exercise_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["exercises.id"],
            name=op.f("fk_exercise_variations_variant_id_exercises"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("exercise_id", "variant_id", name=op.f("pk_exercise_variations")),
    )


def downgrade() -> None:
    op.drop_table("exercise_variations")
    with op.batch_alter_table("exercise_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_sources_exercise_id"))

    op.drop_table("exercise_sources")
    with op.batch_alter_table("exercise_muscles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_muscles_muscle_id"))

    op.drop_table("exercise_muscles")
    with op.batch_alter_table("exercise_equipment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_equipment_equipment_id"))

    op.drop_table("exercise_equipment")
    op.drop_table("exercise_drills")
    with op.batch_alter_table("exercise_aliases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercise_aliases_alias_key"))

    op.drop_table("exercise_aliases")
    op.drop_table("settings")
    op.drop_table("muscle_groups")
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercises_name_key"))
        batch_op.drop_index(batch_op.f("ix_exercises_laterality"))

    op.drop_table("exercises")
    op.drop_table("equipment_types")
    op.drop_table("drills")
