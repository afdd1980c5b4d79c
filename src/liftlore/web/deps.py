"""The unit of work of a request: one session, opened here and handed to the service functions, committed after
the handler returns and before the response is sent (so a 201 means stored), rolled back if the handler raises."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from liftlore.store.db import Database

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _unit_of_work(request: Request) -> Iterator[Session]:
    # A sync dependency: FastAPI runs it, like the plain `def` handlers that wait on the database, in its thread
    # pool, so the commit does not stall the event loop.
    with database(request).session(write=request.method not in _READS) as session:
        yield session


async def _library_read(request: Request) -> AsyncIterator[Session]:
    # The library's handlers are async and answer from the in-memory snapshot; their session touches the
    # database at most once a second (the version stamp), so it is opened on the event loop, without a thread hop.
    with database(request).session() as session:
        yield session


# At most this many units of work of the training log at once in a process; the others wait without holding a
# thread. The dependency and its handler run in two hops of the thread pool (40 threads): with no limit, a burst of
# writers could fill every thread waiting for SQLite's write lock (or a pooled connection, 15) while the writer
# holding it waits for a thread to commit. Writes are serialised by the database anyway.
UNITS_OF_WORK_AT_ONCE = 10

# scope="function": the exit code (the commit) runs before the response is sent, never after.
SessionDep = Annotated[Session, Depends(_unit_of_work, scope="function", max_concurrency=UNITS_OF_WORK_AT_ONCE)]
LibrarySessionDep = Annotated[Session, Depends(_library_read, scope="function")]
