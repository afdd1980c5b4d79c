"""Persistence: SQLAlchemy 2 tables, the engine and its pragmas, Alembic migrations, repositories."""
