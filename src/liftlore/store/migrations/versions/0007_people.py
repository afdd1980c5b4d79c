"""people: accounts, login sessions, API tokens, coaches, invitations, log-in attempts; every log row has a person

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

Everything logged so far belongs to the local person this revision creates (a fixed id, no password). In
multi-user mode the first account adopts that person, so nothing logged in single-user mode is lost. Training
settings move from the shared settings table to the person's. Exercises made from a log import become the local
person's own; pages and datasets stay in the shared library. The strength points are derived from the sets: the
table is made again with the person in its key and filled on the first overview (stamp "stale").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

LOCAL = "00000000-0000-4000-8000-000000000001"
IN_PROGRESS = "source = 'log' AND ended_at IS NULL"


def _uuid_literal() -> str:
    # SQLite stores sa.Uuid as 32 hex digits without dashes; PostgreSQL has a uuid type.
    return f"'{LOCAL.replace('-', '')}'" if op.get_bind().dialect.name == "sqlite" else f"'{LOCAL}'"


def _people_fk(table: str, column: str, ondelete: str = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], ["people.id"], name=op.f(f"fk_{table}_{column}_people"), ondelete=ondelete)


def upgrade() -> None:
    local = _uuid_literal()
    op.create_table(
        "people",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("name_key", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=True),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.CheckConstraint("role IN ('admin', 'member')", name=op.f("ck_people_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("name_key", name=op.f("uq_people_name_key")),
    )
    op.execute(
        "INSERT INTO people (id, created_at, updated_at, name, name_key, password_hash, role)"
        f" VALUES ({local}, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'me', 'me', NULL, 'admin')"
    )
    op.create_table(
        "person_settings",
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        _people_fk("person_settings", "person_id"),
        sa.PrimaryKeyConstraint("person_id", "key", name=op.f("pk_person_settings")),
    )
    op.execute(
        "INSERT INTO person_settings (person_id, key, value)"
        f" SELECT {local}, key, value FROM settings WHERE key LIKE 'training.%'"
    )
    # Points to rebuild only if there are sets; a log without sets gets its stamp from its first sets.
    op.execute(
        "INSERT INTO person_settings (person_id, key, value)"
        f" SELECT {local}, 'strength-points-method', 'stale' WHERE EXISTS (SELECT 1 FROM workout_sets)"
    )
    op.execute("DELETE FROM settings WHERE key LIKE 'training.%' OR key = 'strength-points-method'")

    op.create_table(
        "login_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        _people_fk("login_sessions", "person_id"),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_login_sessions")),
    )
    op.create_index("ix_login_sessions_person_id", "login_sessions", ["person_id"])
    op.create_index("ix_login_sessions_expires_at", "login_sessions", ["expires_at"])
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("person_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        _people_fk("api_tokens", "person_id"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    op.create_index("ix_api_tokens_person_id", "api_tokens", ["person_id"])
    op.create_table(
        "coach_grants",
        sa.Column("athlete_id", sa.Uuid(), nullable=False),
        sa.Column("coach_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("athlete_id <> coach_id", name=op.f("ck_coach_grants_not_self")),
        _people_fk("coach_grants", "athlete_id"),
        _people_fk("coach_grants", "coach_id"),
        sa.PrimaryKeyConstraint("athlete_id", "coach_id", name=op.f("pk_coach_grants")),
    )
    op.create_index("ix_coach_grants_coach_id", "coach_grants", ["coach_id"])
    op.create_table(
        "invitations",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_by", sa.Uuid(), nullable=True),
        _people_fk("invitations", "created_by", "SET NULL"),
        _people_fk("invitations", "used_by", "SET NULL"),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_invitations")),
    )
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("bucket", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    op.create_index("ix_login_attempts_bucket_at", "login_attempts", ["bucket", "at"])
    op.create_index("ix_login_attempts_at", "login_attempts", ["at"])

    # Workouts: the person, their own import keys, their own one workout in progress.
    op.drop_index("uq_workouts_in_progress", table_name="workouts")
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_id", sa.Uuid(), nullable=True))
    op.execute(f"UPDATE workouts SET person_id = {local}")
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.alter_column("person_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_foreign_key(
            op.f("fk_workouts_person_id_people"), "people", ["person_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.drop_constraint("uq_workouts_import_key", type_="unique")
        batch_op.create_unique_constraint("uq_workouts_person_import_key", ["person_id", "import_key"])
        batch_op.create_index("ix_workouts_person_started", ["person_id", "started_at"])
    op.create_index(
        "uq_workouts_in_progress",
        "workouts",
        ["person_id", "source"],
        unique=True,
        sqlite_where=sa.text(IN_PROGRESS),
        postgresql_where=sa.text(IN_PROGRESS),
    )

    # Exercises: an owner (NULL: the shared library) and whether the owner shares it.
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("shared", sa.Boolean(), server_default=sa.text("false"), nullable=False))
        batch_op.create_foreign_key(
            op.f("fk_exercises_owner_id_people"), "people", ["owner_id"], ["id"], ondelete="CASCADE"
        )
        batch_op.create_index("ix_exercises_owner_id", ["owner_id"])
    op.execute(f"UPDATE exercises SET owner_id = {local} WHERE origin = 'log'")

    # Strength points: derived, made again with the person first in the key.
    op.drop_index("ix_strength_points_workout_id", table_name="strength_points")
    op.drop_table("strength_points")
    _create_strength_points(with_person=True)

    # Idempotency keys: per person. Kept (a retry that comes after the upgrade still finds its answer).
    kept = _read_keys("")
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    _create_idempotency_keys(with_person=True)
    _write_keys(kept, person=local)


def _create_strength_points(*, with_person: bool) -> None:
    person = [sa.Column("person_id", sa.Uuid(), nullable=False)] if with_person else []
    key = ["person_id"] if with_person else []
    foreign = [_people_fk("strength_points", "person_id")] if with_person else []
    op.create_table(
        "strength_points",
        *person,
        sa.Column("exercise_id", sa.Uuid(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("workout_id", sa.Uuid(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("heaviest_kg", sa.Float(), nullable=True),
        sa.Column("e1rm_kg", sa.Float(), nullable=True),
        sa.Column("volume_kg", sa.Float(), nullable=True),
        *foreign,
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercises.id"], name=op.f("fk_strength_points_exercise_id_exercises"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"], ["workouts.id"], name=op.f("fk_strength_points_workout_id_workouts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint(
            *key, "exercise_id", "started_at", "workout_id", "side", name=op.f("pk_strength_points")
        ),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_strength_points_workout_id", "strength_points", ["workout_id"], unique=False)


def _read_keys(where: str) -> list[dict[str, object]]:
    # Raw values, written back raw: the stored text of a time on SQLite, a datetime on PostgreSQL.
    columns = '"key", request_hash, status, response, created_at'
    rows = op.get_bind().execute(sa.text(f"SELECT {columns} FROM idempotency_keys{where}"))
    return [dict(row._mapping) for row in rows]


def _write_keys(rows: list[dict[str, object]], *, person: str | None) -> None:
    if not rows:
        return
    columns = '"key", request_hash, status, response, created_at'
    values = ":key, :request_hash, :status, :response, :created_at"
    if person is not None:
        columns, values = f"person_id, {columns}", f"{person}, {values}"
    op.get_bind().execute(sa.text(f"INSERT INTO idempotency_keys ({columns}) VALUES ({values})"), rows)


def _create_idempotency_keys(*, with_person: bool) -> sa.Table:
    person = [sa.Column("person_id", sa.Uuid(), nullable=False)] if with_person else []
    key = ["person_id"] if with_person else []
    foreign = [_people_fk("idempotency_keys", "person_id")] if with_person else []
    table = op.create_table(
        "idempotency_keys",
        *person,
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        *foreign,
        sa.PrimaryKeyConstraint(*key, "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"], unique=False)
    assert table is not None
    return table


def downgrade() -> None:
    # Back to one log: only the local person's (the first account's) workouts, settings and keys are kept; other
    # people's are deleted, as a single-user database cannot tell them apart. Their own exercises stay, in the
    # one library (nothing in the kept log points at them, and a library exercise is never lost by accident).
    local = _uuid_literal()
    kept = _read_keys(f" WHERE person_id = {local}")
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
    _create_idempotency_keys(with_person=False)
    _write_keys(kept, person=None)

    op.drop_index("ix_strength_points_workout_id", table_name="strength_points")
    op.drop_table("strength_points")
    _create_strength_points(with_person=False)

    # Foreign keys are off while SQLite migrates, so the children go first, by hand.
    others = f"SELECT id FROM workouts WHERE person_id <> {local}"
    op.execute(
        f"DELETE FROM workout_sets WHERE entry_id IN (SELECT id FROM exercise_entries WHERE workout_id IN ({others}))"
    )
    op.execute(f"DELETE FROM exercise_entries WHERE workout_id IN ({others})")
    op.execute(f"DELETE FROM workouts WHERE person_id <> {local}")
    op.drop_index("uq_workouts_in_progress", table_name="workouts")
    with op.batch_alter_table("workouts", schema=None) as batch_op:
        batch_op.drop_index("ix_workouts_person_started")
        batch_op.drop_constraint("uq_workouts_person_import_key", type_="unique")
        batch_op.drop_constraint(op.f("fk_workouts_person_id_people"), type_="foreignkey")
        batch_op.drop_column("person_id")
        batch_op.create_unique_constraint("uq_workouts_import_key", ["import_key"])
    op.create_index(
        "uq_workouts_in_progress",
        "workouts",
        ["source"],
        unique=True,
        sqlite_where=sa.text(IN_PROGRESS),
        postgresql_where=sa.text(IN_PROGRESS),
    )
    with op.batch_alter_table("exercises", schema=None) as batch_op:
        batch_op.drop_index("ix_exercises_owner_id")
        batch_op.drop_constraint(op.f("fk_exercises_owner_id_people"), type_="foreignkey")
        batch_op.drop_column("shared")
        batch_op.drop_column("owner_id")

    op.execute(
        "INSERT INTO settings (key, value)"
        f" SELECT key, value FROM person_settings WHERE person_id = {local} AND key LIKE 'training.%'"
    )
    op.execute("INSERT INTO settings (key, value) VALUES ('strength-points-method', 'stale')")
    for table_name in ("login_attempts", "invitations", "coach_grants", "api_tokens", "login_sessions"):
        op.drop_table(table_name)
    op.drop_table("person_settings")
    op.drop_table("people")
