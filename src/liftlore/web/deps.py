"""The unit of work of a request: one session, opened here and handed to the service functions, committed after
the handler returns and before the response is sent (so a 201 means stored), rolled back if the handler raises.

Each unit of work is opened for a viewer (web/auth.py): in single-user mode always the local person; in
multi-user mode the person the request signs in as, or nobody. Routes of a person's log require somebody
(`LogSessionDep`: 401 otherwise); a coach reads an athlete's log with `?person=NAME`, and only if invited."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from liftlore.domain.people import Person, Viewer
from liftlore.services import accounts
from liftlore.services.snapshot import Snapshot, library_view, ready_view
from liftlore.store.db import Database
from liftlore.web.auth import NotSignedInError, auth_of, signed_in, viewer_without_lookup

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _signed_in_viewer(request: Request, session: Session, athlete: str | None) -> Viewer:
    """The viewer of a route of a person's log: the person signed in, or the athlete they coach (reads only)."""
    person = signed_in(request, session)
    if person is None:
        raise NotSignedInError
    if athlete is None or accounts.name_key(athlete) == accounts.name_key(person.name):
        return Viewer(person)
    if request.method not in _READS:
        return Viewer(person)  # a coach writes nothing in an athlete's log; writes go to their own
    return Viewer(accounts.athlete_for(session, person, athlete), actor=person)


def _log_unit(request: Request, athlete: str | None) -> Iterator[Session]:
    # A sync dependency: FastAPI runs it, like the plain `def` handlers that wait on the database, in its thread
    # pool, so the commit does not stall the event loop.
    with database(request).session(write=request.method not in _READS) as session:
        accounts.act_as(session, _signed_in_viewer(request, session, athlete))
        yield session


def _own_log(request: Request) -> Iterator[Session]:
    yield from _log_unit(request, None)


def _readable_log(
    request: Request,
    person: Annotated[
        str | None,
        Query(max_length=accounts.MAX_NAME, description="Read the log of an athlete who invited you as their coach"),
    ] = None,
) -> Iterator[Session]:
    yield from _log_unit(request, person)


async def library_of(request: Request) -> Snapshot:
    """The library as the request's viewer sees it. The library's handlers are async and answer from the in-memory
    snapshot: the reading unit of work here touches the database at most once a second (the version stamp), and
    once to see who signed in when the request carries credentials (to show them their own exercises), so it runs
    on the event loop without a thread hop. A plain dependency, not a generator: FastAPI's machinery for those
    (an exit stack per request) measured more than the list's own work."""
    db = database(request)
    known = viewer_without_lookup(request)
    ready = ready_view(db.engine, known) if known is not None else None
    if ready is not None:
        return ready
    with db.reading() as session:
        accounts.act_as(session, Viewer(signed_in(request, session)))
        return library_view(session)


async def _reader_unit(request: Request) -> AsyncIterator[Session | None]:
    """A reading unit of work on the log of whoever reads a public page (the exercise page's "Your training"), or
    None when nobody is known: an anonymous visitor to a server gets the library alone, with no 401 and no unit of
    work at all, so the library's fast path holds for them. Async (no thread hop for that visitor): the session
    begins a transaction only when the handler runs a query, and the handler runs its queries in the thread pool.
    Who signed in is looked up at most once per request (`signed_in` keeps it; `library_of` may already have)."""
    known = viewer_without_lookup(request)
    if known is not None and known.person is None:
        yield None
        return
    with database(request).reading() as session:
        person = known.person if known is not None else signed_in(request, session)
        if person is None:  # a stale login cookie: signed out
            yield None
            return
        accounts.act_as(session, Viewer(person))
        yield session


def athlete_read(request: Request, session: Session) -> Person | None:
    """The athlete whose log a coach is reading on a page (`?person=NAME`), or None when it is the reader's own log.
    The page's dependency (LogReadDep) has already refused a name that did not invite this coach."""
    name = request.query_params.get("person", "")
    reader = signed_in(request, session)
    if not name.strip() or reader is None or accounts.name_key(name) == accounts.name_key(reader.name):
        return None
    return accounts.athlete_for(session, reader, name)


def _account_unit(request: Request) -> Iterator[Session]:
    """Account routes (log in, register, tokens): a writing unit of work whoever is signed in, if anyone."""
    with database(request).session(write=request.method not in _READS) as session:
        accounts.act_as(session, Viewer(signed_in(request, session)))
        yield session


def current_person(request: Request, session: Session) -> Person:
    """The person signed in, for account routes that need one (401 otherwise)."""
    person = signed_in(request, session)
    if person is None:
        raise NotSignedInError
    return person


# At most this many units of work of each limited kind (own log, a log read, accounts) at once in a process; the
# others wait without holding a thread. The dependency and its handler run in two hops of the thread pool (40
# threads): with no limit, a burst of writers could fill every thread waiting for SQLite's write lock (or a pooled
# connection) while the writer holding it waits for a thread to commit. Writes are serialised by the database
# anyway. The three limits add up to 18 connections, plus one for the library's reads on the event loop: the
# connection pool's default (LIFTLORE_DB_POOL_SIZE + LIFTLORE_DB_MAX_OVERFLOW = 20) covers them.
UNITS_OF_WORK_AT_ONCE = 6

# scope="function": the exit code (the commit) runs before the response is sent, never after.
SessionDep = Annotated[Session, Depends(_own_log, scope="function", max_concurrency=UNITS_OF_WORK_AT_ONCE)]
LogReadDep = Annotated[Session, Depends(_readable_log, scope="function", max_concurrency=UNITS_OF_WORK_AT_ONCE)]
LibraryDep = Annotated[Snapshot, Depends(library_of)]
AccountSessionDep = Annotated[Session, Depends(_account_unit, scope="function", max_concurrency=UNITS_OF_WORK_AT_ONCE)]
# The reader's own training beside the library (a few reads, no writes) has its own limit. With it the limited units
# may hold 24 connections, past the pool's default 20: a reader then waits for a connection in a thread of the pool,
# but at most these few do, so the writers' commits still find threads. An anonymous visitor takes a place too (the
# limit is on the dependency), for the instant its page renders: it waits only while that many reads are under way.
ReaderDep = Annotated[Session | None, Depends(_reader_unit, scope="function", max_concurrency=UNITS_OF_WORK_AT_ONCE)]

__all__ = [
    "AccountSessionDep",
    "LibraryDep",
    "LogReadDep",
    "ReaderDep",
    "SessionDep",
    "athlete_read",
    "auth_of",
    "current_person",
    "library_of",
]
