"""safe concurrent writes: at most one workout in progress, and idempotency keys for retried requests

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Before this revision two concurrent requests could each start a "workout in progress". Of the unfinished typed-in
workouts an older database holds, the newest stays in progress and the others are finished at their last set (or
their start, if they have no set), which is what the app already took them to be; then a partial unique index
lets the database itself refuse a second one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

IN_PROGRESS = "source = 'log' AND ended_at IS NULL"


def upgrade() -> None:
    op.execute(
        "UPDATE workouts SET ended_at = COALESCE("
        " (SELECT MAX(s.performed_at) FROM workout_sets s JOIN exercise_entries e ON e.id = s.entry_id"
        "  WHERE e.workout_id = workouts.id), started_at)"
        f" WHERE {IN_PROGRESS} AND id NOT IN ("
        f"  SELECT w.id FROM workouts w WHERE w.source = 'log' AND w.ended_at IS NULL"
        "   ORDER BY w.started_at DESC, w.id DESC LIMIT 1)"
    )
    op.create_index(
        "uq_workouts_in_progress",
        "workouts",
        ["source"],
        unique=True,
        sqlite_where=sa.text(IN_PROGRESS),
        postgresql_where=sa.text(IN_PROGRESS),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    op.drop_index("uq_workouts_in_progress", table_name="workouts")
