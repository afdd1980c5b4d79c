"""planner defaults: each exercise says its target per set, its rest, its load step and whether ramp-up sets lead in

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26

The bundled pages carry these values; an imported page may not, so the column is nullable. The catalog's stored
fingerprint is cleared, so the next start loads the bundled pages again and fills the column for them (a person's
own pages, which shadow bundled ones, are left as they are).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

FORGET_CATALOG = "DELETE FROM settings WHERE key = 'catalog_fingerprint'"


def upgrade() -> None:
    op.add_column("exercises", sa.Column("planner", sa.JSON(), nullable=True))
    op.execute(FORGET_CATALOG)


def downgrade() -> None:
    with op.batch_alter_table("exercises", recreate="never") as batch:
        batch.drop_column("planner")
    op.execute(FORGET_CATALOG)
