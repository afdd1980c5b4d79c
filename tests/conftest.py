"""Shared fixtures: real databases (a SQLite file, or PostgreSQL when LIFTLORE_TEST_DATABASE_URL is set), the
bundled catalog, and the paths of ../shared, which tests skip without."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from liftlore.catalog.loader import Catalog, read_catalog
from liftlore.services import library
from liftlore.store.db import Database

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
SEED_PAGE = SHARED / "seed" / "single-leg-hip-thrust.txt"
POSTGRES_URL = os.environ.get("LIFTLORE_TEST_DATABASE_URL", "").strip()


def shared_file(path: Path) -> Path:
    """A file from ../shared, or a skip that says why the test cannot run here."""
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the project's shared test inputs beside the clone")
    return path


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return read_catalog()


class Backend:
    """Hands each test a database of its own, copied from templates built once per session."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.counter = itertools.count()
        self.templates: dict[str, str] = {}

    def template(self, with_catalog: bool) -> str:
        key = "catalog" if with_catalog else "empty"
        if key not in self.templates:
            self.templates[key] = self._build(key, with_catalog)
        return self.templates[key]

    def _build(self, key: str, with_catalog: bool) -> str:
        url = self._new_url(f"template_{key}")
        db = Database(url)
        db.upgrade()
        if with_catalog:
            db.run(library.load_bundled_catalog)
        db.dispose()
        return url

    def fresh(self, with_catalog: bool) -> Database:
        return Database(self._copy(self.template(with_catalog), f"t{next(self.counter)}"))

    def _new_url(self, name: str) -> str:
        raise NotImplementedError

    def _copy(self, template_url: str, name: str) -> str:
        raise NotImplementedError

    def release(self, db: Database) -> None:
        db.dispose()


class SqliteBackend(Backend):
    def _new_url(self, name: str) -> str:
        return f"sqlite:///{self.workdir / name}.db"

    def _copy(self, template_url: str, name: str) -> str:
        source = Path(str(make_url(template_url).database))
        target = self.workdir / f"{name}.db"
        shutil.copyfile(source, target)
        return f"sqlite:///{target}"


class PostgresBackend(Backend):
    def __init__(self, workdir: Path, url: str) -> None:
        super().__init__(workdir)
        self.base = make_url(url)
        self.admin = create_engine(url, isolation_level="AUTOCOMMIT")
        self.created: list[str] = []

    def _name(self, name: str) -> str:
        return f"{self.base.database}_{name}"

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql))

    def _drop(self, database: str) -> None:
        # Connections a test left open are ours to end (same role). Then a plain DROP, which stops an autovacuum
        # worker busy in the database by itself; WITH (FORCE) would signal that worker as well, which a role
        # without pg_signal_backend may not do.
        with self.admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = :name AND usename = current_user AND pid <> pg_backend_pid()"
                ),
                {"name": database},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))

    def _new_url(self, name: str) -> str:
        database = self._name(name)
        self._drop(database)
        self._execute(f'CREATE DATABASE "{database}"')
        self.created.append(database)
        return self.base.set(database=database).render_as_string(hide_password=False)

    def _copy(self, template_url: str, name: str) -> str:
        database = self._name(name)
        template = make_url(template_url).database
        self._drop(database)
        self._execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        return self.base.set(database=database).render_as_string(hide_password=False)

    def release(self, db: Database) -> None:
        db.dispose()
        self._drop(str(make_url(db.url).database))

    def close(self) -> None:
        for database in self.created:
            self._drop(database)
        self.admin.dispose()


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    workdir = tmp_path_factory.mktemp("databases")
    if POSTGRES_URL:
        postgres = PostgresBackend(workdir, POSTGRES_URL)
        yield postgres
        postgres.close()
    else:
        yield SqliteBackend(workdir)


@pytest.fixture
def empty_db(backend: Backend) -> Iterator[Database]:
    """A migrated database with nothing in it."""
    db = backend.fresh(with_catalog=False)
    yield db
    backend.release(db)


@pytest.fixture
def db(backend: Backend) -> Iterator[Database]:
    """A migrated database holding the bundled catalog."""
    db = backend.fresh(with_catalog=True)
    yield db
    backend.release(db)


@pytest.fixture
def cli_env(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Database:
    """Point the CLI at the test's database (and never at a server the developer is signed in to)."""
    monkeypatch.setenv("LIFTLORE_DATABASE_URL", db.url)
    monkeypatch.setenv("LIFTLORE_SERVER_FILE", str(tmp_path / "server.json"))
    return db


def pytest_report_header() -> str:
    return f"liftlore database backend: {'PostgreSQL' if POSTGRES_URL else 'SQLite'}"
