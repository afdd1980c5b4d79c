"""page wording: an imported page keeps its own lines about its muscles and equipment and its own drills

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02

A page describes each muscle and piece of equipment in a line of its own and writes out its drills; the library
kept only its shared descriptions and drills, so an imported page exported differently from how it was written.
The link rows now carry the page's own wording (NULL: the shared one, as for every exercise before this revision
and every bundled one after it).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exercise_muscles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("page_description", sa.Text(), nullable=True))
    with op.batch_alter_table("exercise_equipment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("page_description", sa.Text(), nullable=True))
    with op.batch_alter_table("exercise_drills", schema=None) as batch_op:
        batch_op.add_column(sa.Column("page_drill", sa.JSON(none_as_null=True), nullable=True))


def downgrade() -> None:
    # The pages' own wording is lost: their exercises show the shared descriptions and drills again.
    with op.batch_alter_table("exercise_drills", schema=None) as batch_op:
        batch_op.drop_column("page_drill")
    with op.batch_alter_table("exercise_equipment", schema=None) as batch_op:
        batch_op.drop_column("page_description")
    with op.batch_alter_table("exercise_muscles", schema=None) as batch_op:
        batch_op.drop_column("page_description")
