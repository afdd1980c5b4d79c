"""The engine: SQLite pragmas for the embedded file, migrations to bring any database up to date."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from liftlore.store import versions  # noqa: F401  (registers the listeners that renew the library version)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 30  # how long a writer waits for another process's write to end before giving up
WRITE = "liftlore_write"  # execution option: this transaction will write (SQLite then begins it IMMEDIATE)

P = ParamSpec("P")
R = TypeVar("R")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the web app read while an import writes; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # FULL: a commit is on disk before the client is told "saved", even if the machine loses power right after
    # (NORMAL in WAL mode survives a killed process but may lose the last commits to a power cut).
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
    # The driver's own BEGIN is deferred and sent lazily; we send BEGIN ourselves (below) to choose its kind.
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    """A writing transaction starts IMMEDIATE: it takes SQLite's write lock first, waiting for another writer
    (thread or process) to finish, so it never reads, decides and then fails to upgrade its lock. Readers stay
    deferred and never wait (WAL)."""
    immediate = connection.get_execution_options().get(WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database's schema up to `revision` (creating it when the database is empty)."""
    command.upgrade(alembic_config(engine), revision)


class Database:
    """An engine and its session factory; one per process, created by the adapter that needs it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def upgrade(self) -> None:
        upgrade(self.engine)

    @contextmanager
    def session(self, *, rollback: bool = False, write: bool = False) -> Iterator[Session]:
        """One unit of work, one transaction: committed when the block ends (rolled back instead with `rollback`,
        for dry runs), and rolled back whole if it raises. Adapters open it, one per request or command, and hand
        it to the services; services never open their own.

        `write` says the unit will write: on SQLite it then begins by taking the write lock, so concurrent
        writers queue instead of failing; on PostgreSQL the store's own row and advisory locks do that."""
        with self._sessions() as session:
            transaction = session.begin()
            try:
                if write:
                    session.connection(execution_options={WRITE: True})
                yield session
            except BaseException:
                transaction.rollback()
                raise
            if not transaction.is_active:
                return  # the adapter rolled it back itself (a refused form still renders its page)
            if rollback:
                transaction.rollback()
            else:
                transaction.commit()

    def run(self, work: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """`work(session, ...)` as one writing unit of work: for scripts, benchmarks and tests that call a
        service directly."""
        with self.session(write=True) as session:
            return work(session, *args, **kwargs)

    def dispose(self) -> None:
        self.engine.dispose()
