"""The engine: SQLite pragmas for the embedded file, a configured pool for a server, migrations and the revision
a database is at."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from liftlore import __version__, settings
from liftlore.domain.people import LOCAL_VIEWER, Viewer
from liftlore.errors import LiftloreError
from liftlore.store import versions  # noqa: F401  (registers the listeners that renew the library version)
from liftlore.store.scope import set_viewer

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_SECONDS = 30  # how long a writer waits for another process's write to end before giving up
WRITE = "liftlore_write"  # execution option: this transaction will write (SQLite then begins it IMMEDIATE)
# PostgreSQL: the advisory lock held while migrating (Database.upgrade)
_MIGRATION_LOCK = 0x6C6C6D69  # "llmi"

P = ParamSpec("P")
R = TypeVar("R")


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # A server database: each process keeps a pool of connections (LIFTLORE_DB_POOL_*). A process runs at
        # most 3 x web/deps.py's UNITS_OF_WORK_AT_ONCE (6) units of work at once, each holding one connection
        # until it commits, plus the library's reads on the event loop: 19; the defaults (10 + 10) cover them
        # (docs/deploy.md, "Connections"). Connections are checked before use
        # (a restarted server or a dropped idle connection costs a reconnect, not an error) and renewed after
        # `pool_recycle` seconds, before a firewall or proxy drops them quietly.
        return create_engine(
            url,
            pool_size=settings.db_pool_size(),
            max_overflow=settings.db_max_overflow(),
            pool_timeout=settings.db_pool_timeout(),
            pool_recycle=settings.db_pool_recycle(),
            pool_pre_ping=True,
        )
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


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS_DIR))


def head_revision() -> str:
    """The revision this liftlore's migrations end at: what its tables and queries expect."""
    head = _scripts().get_current_head()
    if head is None:
        raise RuntimeError("the migrations have no head")  # a broken install, not the user's doing
    return head


def known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _newer_message(revision: str) -> str:
    return (
        f"the database is at revision {revision}, which liftlore {__version__} does not know (its newest is "
        f"{head_revision()}): it was written by a newer liftlore. Run that newer liftlore, or restore a backup "
        "taken before it was upgraded"
    )


class Database:
    """An engine and its session factory; one per process, created by the adapter that needs it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def embedded(self) -> bool:
        """A SQLite file (or memory): one person's database, which liftlore migrates by itself when it opens it."""
        return self.engine.dialect.name == "sqlite"

    def shown_url(self) -> str:
        """The URL without its password, for messages."""
        return self.engine.url.render_as_string(hide_password=True)

    def revision(self) -> str | None:
        """The revision the database is at: None when it has no liftlore schema yet (a new, empty database)."""
        with self.engine.connect() as connection:
            return _current_revision(connection)

    def require_head(self) -> str:
        """The revision, when it is the one this liftlore expects; otherwise a LiftloreError saying what to do."""
        current, head = self.revision(), head_revision()
        if current == head:
            return current
        if current is None:
            raise LiftloreError(
                f"the database has no liftlore tables yet (this liftlore needs revision {head}): "
                "run `liftlore db upgrade`"
            )
        if current not in known_revisions():
            raise LiftloreError(_newer_message(current))
        raise LiftloreError(
            f"the database is at revision {current} but this liftlore needs {head}: run `liftlore db upgrade`"
        )

    def upgrade(self) -> tuple[str | None, str]:
        """Migrate to head; returns the revisions before and after. A database written by a newer liftlore is
        refused (LiftloreError), never touched."""
        with self._migration_lock():
            before, head = self.revision(), head_revision()
            if before is not None and before not in known_revisions():
                raise LiftloreError(_newer_message(before))
            if before != head:
                upgrade(self.engine)
            return before, head

    @contextmanager
    def _migration_lock(self) -> Iterator[None]:
        """PostgreSQL: a session-level advisory lock held while migrating, so two upgrades at once (two operators,
        two hosts' deploy scripts) take turns and the later one finds the database at head. SQLite: the migration
        takes the file's write lock itself."""
        if self.engine.dialect.name != "postgresql":
            yield
            return
        with self.engine.connect() as connection:
            connection.execute(select(func.pg_advisory_lock(_MIGRATION_LOCK)))
            connection.commit()
            try:
                yield
            finally:
                connection.execute(select(func.pg_advisory_unlock(_MIGRATION_LOCK)))
                connection.commit()

    @contextmanager
    def session(
        self, *, rollback: bool = False, write: bool = False, viewer: Viewer = LOCAL_VIEWER
    ) -> Iterator[Session]:
        """One unit of work, one transaction: committed when the block ends (rolled back instead with `rollback`,
        for dry runs), and rolled back whole if it raises. Adapters open it, one per request or command, and hand
        it to the services; services never open their own.

        `write` says the unit will write: on SQLite it then begins by taking the write lock, so concurrent
        writers queue instead of failing; on PostgreSQL the store's own row and advisory locks do that.

        `viewer` is whose log it reads and writes: the local person unless the adapter says otherwise (the web app
        in multi-user mode always does, from the login)."""
        with self._sessions() as session:
            set_viewer(session, viewer)
            transaction = session.begin()
            try:
                if write:
                    session.connection(execution_options={WRITE: True})
                yield session
            except BaseException:
                if transaction.is_active:  # the adapter may have rolled it back itself before it raised
                    transaction.rollback()
                raise
            if not transaction.is_active:
                return  # the adapter rolled it back itself (a refused form still renders its page)
            if rollback:
                transaction.rollback()
            else:
                transaction.commit()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work that only reads and may not touch the database at all (the library's web routes, which
        answer from the in-memory snapshot): its transaction begins only if it runs a query, and is rolled back
        when the block ends. Half the cost of `session()` for the common request that runs none."""
        with self._sessions() as session:
            set_viewer(session, LOCAL_VIEWER)
            yield session  # closing the session rolls back whatever it began

    def run(self, work: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs) -> R:
        """`work(session, ...)` as one writing unit of work: for scripts, benchmarks and tests that call a
        service directly."""
        with self.session(write=True) as session:
            return work(session, *args, **kwargs)

    def run_as(
        self, viewer: Viewer, work: Callable[Concatenate[Session, P], R], *args: P.args, **kwargs: P.kwargs
    ) -> R:
        """`work(session, ...)` as one writing unit of work opened for `viewer` (as the web app opens one for the
        person signed in): for tests, benchmarks and the CLI's account commands."""
        with self.session(write=True, viewer=viewer) as session:
            return work(session, *args, **kwargs)

    def dispose(self) -> None:
        self.engine.dispose()
