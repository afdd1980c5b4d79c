"""Many clients logging sets at once: do concurrent writes hold, and how fast are they?

Starts `liftlore serve` processes on loopback, all on one database (brought to head first with `liftlore db
upgrade`, as a deployment does), and has N clients post sets to `POST /api/v1/log` until the time is up, each
request with an `Idempotency-Key`; a request that meets a connection error or a timeout is sent again, same body
and same key. Optionally one server is killed (SIGKILL) mid-run and started again on its port. Then the servers are
stopped, `liftlore export log --format json` is read, and every acknowledged set must be in it exactly once, all in
one workout, the one in progress.

With `--people N` the servers run in multi-user mode: N accounts with an API token each are made before they
start, and client i logs as person i % N (with as many clients as people, each client is one person). Each
person's log is then exported on its own, and every set that person got acknowledged must be in it exactly once,
in one workout in progress of their own, while no set sent by one person may show in anybody else's log.

Run: `python bench/load.py [--clients 50] [--people 0] [--seconds 60] [--servers 1] [--database URL] [--kill-at S]
[--json]` (default database: a fresh SQLite file in a temp dir; a `postgresql+psycopg://` URL gets a fresh database
made on that server for the run and dropped after). Prints its figures; exit code 1 when a response was >= 500, a
request got no answer after every retry, a set was lost, stored twice or visible to the wrong person, or a
person's sets are not in exactly one workout in progress (2 when the run could not be made). `--logs DIR` keeps the
servers' logs and the exports. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import ctypes
import itertools
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx2
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from liftlore.domain.people import Person, Viewer
from liftlore.errors import LiftloreError
from liftlore.services import accounts, log_import
from liftlore.services.training import SESSION_GAP  # a run shorter than this logs a single workout
from liftlore.store.db import Database

HOST = "127.0.0.1"  # loopback only, always
READY_PATH = "/api/v1/exercises?per_page=1"
READY_SECONDS = 90.0  # the first server loads the catalog before it answers
STOP_SECONDS = 10.0
EXPORT_SECONDS = 300.0
UPGRADE_SECONDS = 300.0
REQUEST_TIMEOUT = httpx2.Timeout(30.0, connect=5.0)
RETRIES = 10  # per request, after connection errors and timeouts: ~6 s of backoff, enough for a restart
RETRY_GRACE = 30.0  # seconds after the end of the run a request may still be retried
MAX_REQUESTS_PER_CLIENT = 1_000_000  # the time ends the loop long before; this only bounds it in count too
REPLAYS = 3  # acknowledged requests sent again at the end, to another server, with their key
LIFTS = ("barbell-back-squat", "barbell-hip-thrust", "single-leg-hip-thrust", "bulgarian-split-squat")
# Every request's sets carry their own (reps, weight, rpe), so a set in the export names the request that sent it
# and a request stored twice shows, whatever ids the second copy got. With people, the code of a person's request
# is their index modulo the number of people, so a set in somebody else's log names its owner even when there are
# too many requests to trace each set to its request.
REPS, WEIGHTS, RPES = 30, 561, 9
FINGERPRINTS = REPS * WEIGHTS * RPES
ACCOUNT_PREFIX = "load-"


class LoadError(Exception):
    """The run could not be made (a server that never answers, a database that is not empty, ...)."""


@dataclass(frozen=True)
class LoadConfig:
    clients: int = 50
    seconds: float = 60.0
    servers: int = 1
    database: str | None = None  # None: a fresh SQLite file in a temp dir
    fresh_postgres: bool = True  # for a PostgreSQL URL: make a new database on its server (False: use it as is)
    kill_at: float | None = None
    logs: Path | None = None  # keep the servers' logs and the exports here (default: a temp dir, deleted)
    people: int = 0  # 0: one single-user log; N: multi-user servers, N accounts, client i logs as person i % N


@dataclass
class LoadReport:
    clients: int
    servers: int
    seconds: float
    database: str
    people: int = 0
    elapsed_s: float = 0.0
    requests: int = 0  # HTTP responses received, whatever their status
    requests_per_s: float = 0.0
    latency_ms: dict[str, float] = field(default_factory=dict)  # p50, p99, max
    status_2xx: int = 0
    status_4xx: int = 0
    status_5xx: int = 0
    connection_errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    transport_errors: dict[str, int] = field(default_factory=dict)
    retries: int = 0
    given_up: int = 0  # requests whose every try met a connection error: their outcome is unknown to the client
    acknowledged_requests: int = 0
    acknowledged_sets: int = 0
    exported_sets: int = 0
    lost_sets: int = 0
    duplicated_sets: int = 0
    requests_stored_twice: int = 0
    unacknowledged_stored: int = 0
    stored_although_refused: int = 0  # sets of a request answered 4xx or >= 500
    unknown_sets: int = 0  # sets in the export no request of the run sent
    wrong_person_sets: int = 0  # sets one person sent that show in another person's log
    people_not_in_one_workout: int = 0  # logs whose sets are not all in one workout in progress
    short_acknowledgements: int = 0  # 201s whose "added" lists fewer sets than were sent
    fingerprints_checked: bool = True
    workouts: int = 0  # in all logs together
    workouts_in_progress: int = 0
    response_shape: str = ""  # "added" (the sets of this request listed), or the old shape, read by a fallback
    replays: int = 0
    replay_mismatches: int = 0
    kill_requested_at_s: float | None = None
    killed_at_s: float | None = None
    restarted_after_s: float | None = None
    error_bodies: dict[str, int] = field(default_factory=dict)  # of responses >= 500
    server_log_errors: dict[str, int] = field(default_factory=dict)  # exception lines in the servers' logs
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


# -- servers -------------------------------------------------------------------------------------------------------


def _liftlore() -> Path:
    beside = Path(sys.executable).with_name("liftlore")
    return beside if beside.exists() else Path(__file__).resolve().parent.parent / ".venv" / "bin" / "liftlore"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _die_with_parent() -> None:
    """Runs in the child before exec: a server gets SIGTERM when the run dies, so none outlives it (Linux)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1: PR_SET_PDEATHSIG


class Server:
    def __init__(self, index: int, env: dict[str, str], logs: Path) -> None:
        self.index = index
        self.port = _free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.env = env
        self.log = logs / f"server-{index}.log"
        self.log.unlink(missing_ok=True)  # a kept folder holds this run's log only
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        with self.log.open("ab") as log:
            log.write(f"--- start {self.starts} of server {self.index} on port {self.port}\n".encode())
            log.flush()
            command = [str(_liftlore()), "serve", "--host", HOST, "--port", str(self.port)]
            self.process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=log, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent
            )

    def tail(self, lines: int = 40) -> str:
        if not self.log.exists():
            return "(no log)"
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    async def ready(self) -> None:
        """Wait until the server answers READY_PATH with 200; a clear error with its log if it never does."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + READY_SECONDS
        last = "no answer"
        async with httpx2.AsyncClient(base_url=self.base, timeout=2.0) as http:
            while loop.time() < deadline:
                assert self.process is not None
                code = self.process.poll()
                if code is not None:
                    raise LoadError(
                        f"server {self.index} ({self.base}) exited with code {code}; its log:\n{self.tail()}"
                    )
                try:
                    response = await http.get(READY_PATH)
                    if response.status_code == 200:
                        return
                    if 400 <= response.status_code < 500:  # refused, not starting: waiting will not change it
                        raise LoadError(
                            f"server {self.index} ({self.base}) answered {READY_PATH} with {response.status_code}:"
                            f" {response.text[:300]}"
                        )
                    last = f"status {response.status_code}: {response.text[:200]}"
                except httpx2.TransportError as error:
                    last = type(error).__name__
                await asyncio.sleep(0.1)
        raise LoadError(
            f"server {self.index} ({self.base}) did not answer {READY_PATH} with 200 within {READY_SECONDS:.0f} s"
            f" (last: {last}); its log:\n{self.tail()}"
        )

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=STOP_SECONDS)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_SECONDS)


# Exception lines of tracebacks ("sqlalchemy.exc.IntegrityError: ..."), and uvicorn's own error lines.
_EXCEPTION = re.compile(r"^(?:[A-Za-z_][\w.]*(?:Error|Exception|Exit)\b.*|ERROR:.*)$")


def _log_errors(servers: list[Server]) -> Counter[str]:
    found: Counter[str] = Counter()
    for server in servers:
        if server.log.exists():
            for line in server.log.read_text(errors="replace").splitlines():
                if _EXCEPTION.match(line):
                    found[line[:240]] += 1
    return found


# -- the database --------------------------------------------------------------------------------------------------


class RunDatabase:
    """The run's database: the given one, a fresh SQLite file, or a fresh PostgreSQL database dropped after."""

    def __init__(self, config: LoadConfig, folder: Path) -> None:
        self.given = config.database
        self.url = config.database or f"sqlite:///{folder / 'load.db'}"
        self.kind = make_url(self.url).get_backend_name()
        self.created: str | None = None
        if self.given and self.kind == "postgresql" and config.fresh_postgres:
            name = f"liftlore_load_{uuid.uuid4().hex[:12]}"
            self._admin(f'CREATE DATABASE "{name}"')
            self.created = name
            self.url = make_url(self.given).set(database=name).render_as_string(hide_password=False)

    def _admin(self, *statements: str) -> None:
        """Statements on the given URL's own database, outside a transaction (CREATE and DROP DATABASE)."""
        assert self.given is not None
        engine = create_engine(self.given, isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as connection:
                for statement in statements:
                    connection.execute(text(statement))
        except SQLAlchemyError as error:
            raise LoadError(f"on {make_url(self.given)!r}: {str(error).splitlines()[0]}") from error
        finally:
            engine.dispose()

    def drop(self) -> None:
        """Drop the database made for the run (the servers are stopped; a connection left over is ours to end)."""
        if self.created is None:
            return
        name, self.created = self.created, None
        self._admin(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            f" WHERE datname = '{name}' AND usename = current_user AND pid <> pg_backend_pid()",
            f'DROP DATABASE IF EXISTS "{name}"',
        )


@dataclass(frozen=True)
class Account:
    """A simulated person of a multi-user run: their account and the API token their clients send."""

    person: Person
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def _make_accounts(url: str, people: int) -> list[Account]:
    """`people` accounts with a token each, made through the services before any server starts. The first adopts
    the database's local person, whose log is empty (checked before the run)."""
    password = secrets.token_urlsafe(24)  # never sent: the clients sign in with their tokens
    db = Database(url)
    made = []
    try:
        for index in range(people):
            person = db.run(accounts.create_account, f"{ACCOUNT_PREFIX}{index:03d}", password)
            made.append(Account(person, db.run(accounts.create_token, person, "load").secret))
    except LiftloreError as error:  # a name taken: the database is not a fresh one
        raise LoadError(f"making the run's accounts: {error}") from error
    finally:
        db.dispose()
    return made


def _export_people(url: str, people: list[Account], folder: Path) -> dict[int, dict[str, Any]]:
    """Each person's log as that person sees it (the export reads through the same scope as the API), kept as
    export-NAME.json beside the servers' logs."""
    db = Database(url)
    documents = {}
    try:
        for index, account in enumerate(people):
            # A reading unit of work for the person: the servers are stopped, and an export writes nothing.
            with db.session(viewer=Viewer(account.person)) as session:
                text = log_import.export_json(session)
            (folder / f"export-{account.person.name}.json").write_text(text)
            documents[index] = json.loads(text)
    finally:
        db.dispose()
    return documents


# -- the clients ---------------------------------------------------------------------------------------------------

Fingerprint = tuple[str, int, float, float | None]


@dataclass(frozen=True)
class Lift:
    slug: str
    unilateral: bool


@dataclass
class Sent:
    """One request to log sets: its body and key stay the same through every retry."""

    person: int  # the index of the account it is sent as (0 in a single-user run)
    server: int
    key: str
    lift: Lift
    body: dict[str, Any]
    fingerprint: Fingerprint
    sets: int
    status: int | None = None  # the answer's status; None: no answer, whatever was tried
    added: tuple[str, ...] = ()  # the ids of the sets a 201 acknowledged


@dataclass
class Tally:
    sent: list[Sent] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    transport_errors: Counter[str] = field(default_factory=Counter)
    retries: int = 0
    shapes: Counter[str] = field(default_factory=Counter)
    error_bodies: Counter[str] = field(default_factory=Counter)
    numbers: defaultdict[int, itertools.count[int]] = field(default_factory=lambda: defaultdict(itertools.count))
    elapsed: float = 0.0
    killed_at: float | None = None
    restarted_after: float | None = None
    replays: int = 0
    replay_mismatches: int = 0


def _request(person: int, number: int, people: int, lifts: list[Lift], server: int) -> Sent:
    """The `number`th request of `person` (of `people`; 0 and 0 for a single-user run)."""
    slots = max(1, people)
    lift = lifts[number % len(lifts)]
    code = person + slots * (number % (FINGERPRINTS // slots))  # code % slots == person, whatever the number
    reps = 1 + code % REPS
    weight = 20.0 + 0.5 * (code // REPS % WEIGHTS)
    rpe = 6.0 + 0.5 * (code // (REPS * WEIGHTS) % RPES)
    per_side = 1 + number // len(lifts) % 2
    one = {"reps": reps, "weight": weight, "unit": "kg", "rpe": rpe}
    sets = (
        [{**one, "side": side} for side in ("left", "right") for _ in range(per_side)]
        if lift.unilateral
        else [dict(one) for _ in range(per_side)]
    )
    return Sent(
        person=person,
        server=server,
        key=str(uuid.uuid4()),
        lift=lift,
        body={"exercise": lift.slug, "sets": sets},
        fingerprint=(lift.slug, reps, weight, rpe),
        sets=len(sets),
    )


def _fingerprint(slug: str, record: dict[str, Any]) -> Fingerprint:
    rpe = record["rpe"]
    return (slug, int(record["reps"]), float(record["weight_kg"]), None if rpe is None else float(rpe))


def _owner(fingerprint: Fingerprint, people: int) -> int | None:
    """The person whose request a set's numbers encode (`_request` read backwards); None for numbers no request
    of a run sends."""
    _, reps, weight, rpe = fingerprint
    if rpe is None:
        return None
    steps, efforts = (weight - 20.0) / 0.5, (rpe - 6.0) / 0.5
    if not (steps.is_integer() and efforts.is_integer()):
        return None
    if not (1 <= reps <= REPS and 0 <= steps < WEIGHTS and 0 <= efforts < RPES):
        return None
    code = reps - 1 + REPS * int(steps) + REPS * WEIGHTS * int(efforts)
    return code % max(1, people)


def _added_ids(body: dict[str, Any], sent: Sent, shapes: Counter[str]) -> tuple[str, ...]:
    if "added" in body:
        shapes['{"workout", "added"}'] += 1
        return tuple(str(s["id"]) for s in body["added"])
    # Fallback for the old answer, the workout itself: this request's sets are the ones of its exercise that carry
    # its fingerprint. Delete once every server answers with "added".
    shapes["the workout (old shape, read by a fallback)"] += 1
    return tuple(
        str(s["id"])
        for entry in body["entries"]
        if entry["exercise"] == sent.lift.slug
        for s in entry["sets"]
        if _fingerprint(entry["exercise"], s) == sent.fingerprint
    )


async def _post(http: httpx2.AsyncClient, sent: Sent) -> httpx2.Response:
    return await http.post("/api/v1/log", json=sent.body, headers={"Idempotency-Key": sent.key})


async def _send(http: httpx2.AsyncClient, sent: Sent, tally: Tally, give_up_at: float) -> None:
    """Send `sent` until it gets an answer: after a connection error or a timeout the same request again, with the
    same key, a few times with a growing pause."""
    loop = asyncio.get_running_loop()
    for attempt in range(1 + RETRIES):
        if attempt:
            if loop.time() >= give_up_at:
                return
            tally.retries += 1
            await asyncio.sleep(min(0.05 * 2 ** (attempt - 1), 1.0))
        started = time.perf_counter()
        try:
            response = await _post(http, sent)
        except httpx2.TransportError as error:  # refused, reset, timed out, cut off mid-answer
            tally.transport_errors[type(error).__name__] += 1
            continue
        tally.latencies.append(time.perf_counter() - started)
        tally.statuses[response.status_code] += 1
        sent.status = response.status_code
        if response.status_code == 201:
            sent.added = _added_ids(response.json(), sent, tally.shapes)
        elif response.status_code >= 500:
            tally.error_bodies[response.text[:200]] += 1
        return


async def _client(
    servers: list[Server], index: int, people: list[Account], lifts: list[Lift], tally: Tally, deadline: float
) -> None:
    loop = asyncio.get_running_loop()
    server = index % len(servers)
    person = index % len(people) if people else 0
    headers = people[person].headers if people else {}
    async with httpx2.AsyncClient(base_url=servers[server].base, headers=headers, timeout=REQUEST_TIMEOUT) as http:
        for _ in range(MAX_REQUESTS_PER_CLIENT):
            if loop.time() >= deadline:
                return
            sent = _request(person, next(tally.numbers[person]), len(people), lifts, server)
            tally.sent.append(sent)
            await _send(http, sent, tally, deadline + RETRY_GRACE)


async def _kill_and_restart(server: Server, at: float, started: float, deadline: float, tally: Tally) -> None:
    loop = asyncio.get_running_loop()
    await asyncio.sleep(max(0.0, started + at - loop.time()))
    if loop.time() >= deadline:
        return
    server.kill()
    killed = loop.time()
    server.start()
    await server.ready()
    tally.killed_at, tally.restarted_after = killed - started, loop.time() - killed


async def _prepare(server: Server, people: list[Account]) -> list[Lift]:
    """The lifts the clients log, checked to exist; and a database whose training logs are empty, so the exports
    hold the run's sets and nothing else. With people, the server must be in multi-user mode (a log read without a
    token is refused) and each token must sign its person in."""
    lifts = []
    async with httpx2.AsyncClient(base_url=server.base, timeout=10.0) as http:
        if people:
            anonymous = await http.get("/api/v1/workouts", params={"limit": 1})
            if anonymous.status_code != 401:
                raise LoadError(
                    f"the servers are not in multi-user mode: GET /api/v1/workouts without a token answered"
                    f" {anonymous.status_code}, not 401"
                )
        logs = [(f" of {a.person.name}", a.headers) for a in people] if people else [("", {})]
        for whose, headers in logs:
            found = await http.get("/api/v1/workouts", params={"limit": 1}, headers=headers)
            if found.status_code != 200 or found.json():
                raise LoadError(
                    f"the log{whose} must hold no workouts; GET /api/v1/workouts: {found.status_code}"
                    f" {found.text[:300]}"
                )
        for slug in LIFTS:
            response = await http.get(f"/api/v1/exercises/{slug}")
            if response.status_code != 200:
                raise LoadError(f"GET /api/v1/exercises/{slug}: {response.status_code} {response.text[:300]}")
            lifts.append(Lift(slug, response.json()["laterality"] == "unilateral"))
    return lifts


async def _replay(servers: list[Server], people: list[Account], tally: Tally) -> None:
    """Send a few acknowledged requests again, to another server, with their key (and their person's token): the
    same sets must come back."""
    acked = [s for s in tally.sent if s.status == 201 and s.added]
    for sent in acked[:: max(1, len(acked) // REPLAYS)][:REPLAYS]:
        server = servers[(sent.server + 1) % len(servers)]
        headers = people[sent.person].headers if people else {}
        async with httpx2.AsyncClient(base_url=server.base, headers=headers, timeout=REQUEST_TIMEOUT) as http:
            try:
                response = await _post(http, sent)
            except httpx2.TransportError as error:  # a server that does not answer fails the run already
                tally.transport_errors[f"{type(error).__name__} (replay)"] += 1
                continue
        tally.replays += 1
        if response.status_code != 201 or _added_ids(response.json(), sent, Counter()) != sent.added:
            tally.replay_mismatches += 1


async def _drive(config: LoadConfig, servers: list[Server], people: list[Account]) -> Tally:
    first, *others = servers
    first.start()
    await first.ready()  # it loaded the catalog; the others find it done
    for server in others:
        server.start()
    await asyncio.gather(*(server.ready() for server in others))
    lifts = await _prepare(first, people)
    tally = Tally()
    loop = asyncio.get_running_loop()
    started = loop.time()
    deadline = started + config.seconds
    jobs = [_client(servers, index, people, lifts, tally, deadline) for index in range(config.clients)]
    if config.kill_at is not None:
        jobs.append(_kill_and_restart(first, config.kill_at, started, deadline, tally))
    await asyncio.gather(*jobs)
    tally.elapsed = loop.time() - started
    if set(tally.shapes) == {'{"workout", "added"}'}:  # the old server ignores the key: a replay would log again
        await _replay(servers, people, tally)
    return tally


# -- the run -------------------------------------------------------------------------------------------------------


def _upgrade(env: dict[str, str]) -> None:
    """Bring the database to this liftlore's revision before any server starts, as a deployment does: the servers
    refuse a PostgreSQL database that is not at head (a SQLite file they would migrate themselves)."""
    command = [str(_liftlore()), "db", "upgrade"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=UPGRADE_SECONDS, check=False)
    if done.returncode != 0:
        raise LoadError(f"liftlore db upgrade failed with code {done.returncode}:\n{done.stderr[-3000:]}")


def _export(env: dict[str, str], folder: Path) -> dict[str, Any]:
    target = folder / "export.json"
    command = [str(_liftlore()), "export", "log", "--format", "json", "--output", str(target)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=EXPORT_SECONDS, check=False)
    if done.returncode != 0:
        raise LoadError(f"liftlore export log failed with code {done.returncode}:\n{done.stderr[-3000:]}")
    document: dict[str, Any] = json.loads(target.read_text())
    return document


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def _count(report: LoadReport, tally: Tally) -> None:
    report.elapsed_s = round(tally.elapsed, 2)
    report.requests = len(tally.latencies)
    report.requests_per_s = round(report.requests / tally.elapsed, 1) if tally.elapsed else 0.0
    ordered = sorted(tally.latencies)
    report.latency_ms = {
        "p50": round(_percentile(ordered, 0.50) * 1000, 1),
        "p99": round(_percentile(ordered, 0.99) * 1000, 1),
        "max": round(_percentile(ordered, 1.0) * 1000, 1),
    }
    report.statuses = {str(code): n for code, n in sorted(tally.statuses.items())}
    report.status_2xx = sum(n for code, n in tally.statuses.items() if 200 <= code < 300)
    report.status_4xx = sum(n for code, n in tally.statuses.items() if 400 <= code < 500)
    report.status_5xx = sum(n for code, n in tally.statuses.items() if code >= 500)
    report.connection_errors = sum(tally.transport_errors.values())
    report.transport_errors = dict(tally.transport_errors.most_common())
    report.retries = tally.retries
    report.given_up = sum(1 for s in tally.sent if s.status is None)
    report.acknowledged_requests = sum(1 for s in tally.sent if s.status == 201)
    report.response_shape = ", ".join(tally.shapes) or "none (no 201)"
    report.replays, report.replay_mismatches = tally.replays, tally.replay_mismatches
    report.killed_at_s = None if tally.killed_at is None else round(tally.killed_at, 2)
    report.restarted_after_s = None if tally.restarted_after is None else round(tally.restarted_after, 2)
    report.error_bodies = dict(tally.error_bodies.most_common(5))


def _check(report: LoadReport, tally: Tally, documents: dict[int, dict[str, Any]]) -> None:
    """Hold the exports against what the servers acknowledged: `documents` is each person's log by their index
    (a single-user run has one, person 0's)."""
    people = max(1, report.people)
    acked_by: dict[str, int] = {}  # set id -> the person it was acknowledged to
    acked: list[str] = []
    for request in tally.sent:
        for set_id in request.added:
            acked.append(set_id)
            acked_by[set_id] = request.person
    ids: Counter[str] = Counter()  # over every log: an id seen twice is a set stored twice
    exported: dict[str, Fingerprint] = {}
    placed: set[tuple[int, str]] = set()  # (whose log, set id)
    report.workouts = report.workouts_in_progress = 0
    wrong_person = not_in_one = 0
    with_client = {index % people for index in range(report.clients)}
    short_run = report.seconds < SESSION_GAP.total_seconds()
    for person, document in documents.items():
        workouts = document["workouts"]
        in_progress = sum(1 for w in workouts if w["source"] == "log" and w["ended_at"] is None)
        report.workouts += len(workouts)
        report.workouts_in_progress += in_progress
        if (person in with_client or workouts) and (in_progress != 1 or (len(workouts) > 1 and short_run)):
            not_in_one += 1
        for workout in workouts:
            for entry in workout["entries"]:
                for record in entry["sets"]:
                    set_id = record["id"]
                    fingerprint = _fingerprint(entry["exercise"], record)
                    ids[set_id] += 1
                    exported[set_id] = fingerprint
                    placed.add((person, set_id))
                    owner = _owner(fingerprint, people)
                    if (owner is not None and owner != person) or acked_by.get(set_id, person) != person:
                        wrong_person += 1
    acked_ids = set(acked)
    report.acknowledged_sets = len(acked_ids)
    report.exported_sets = sum(ids.values())
    report.lost_sets = sum(1 for set_id, person in acked_by.items() if (person, set_id) not in placed)
    report.wrong_person_sets = wrong_person
    report.people_not_in_one_workout = not_in_one
    report.short_acknowledgements = sum(1 for s in tally.sent if s.status == 201 and len(s.added) != s.sets)
    duplicated = sum(n - 1 for n in ids.values() if n > 1)
    unacknowledged = {set_id: fp for set_id, fp in exported.items() if set_id not in acked_ids}
    sent_per_person = Counter(sent.person for sent in tally.sent)
    report.fingerprints_checked = max(sent_per_person.values(), default=0) <= FINGERPRINTS // people
    if report.fingerprints_checked:
        # Each stored set back to the request that sent it: more copies than it sent is a request stored twice.
        by_fingerprint = {sent.fingerprint: sent for sent in tally.sent}
        for fingerprint, stored in Counter(exported.values()).items():
            sent = by_fingerprint.get(fingerprint)
            if sent is None:
                report.unknown_sets += stored
                continue
            if stored > sent.sets:
                duplicated += stored - sent.sets
                report.requests_stored_twice += 1
            if sent.status is not None and sent.status != 201:
                report.stored_although_refused += stored
        report.unacknowledged_stored = sum(
            1 for fp in unacknowledged.values() if fp in by_fingerprint and by_fingerprint[fp].status is None
        )
    else:
        report.unacknowledged_stored = len(unacknowledged)
    report.duplicated_sets = duplicated

    failures = report.failures
    if report.status_5xx:
        failures.append(f"{report.status_5xx} responses >= 500")
    if report.given_up:
        failures.append(f"{report.given_up} requests got no answer after {RETRIES} retries")
    if report.lost_sets:
        failures.append(f"{report.lost_sets} acknowledged sets not in the export")
    if report.duplicated_sets:
        failures.append(f"{report.duplicated_sets} sets stored twice ({report.requests_stored_twice} requests)")
    if report.wrong_person_sets:
        failures.append(f"{report.wrong_person_sets} sets visible to the wrong person")
    if len(acked) != len(acked_ids):
        failures.append(f"{len(acked) - len(acked_ids)} set ids acknowledged to two requests")
    if report.short_acknowledgements:
        failures.append(f"{report.short_acknowledgements} acknowledgements list fewer sets than were sent")
    if report.stored_although_refused:
        failures.append(f"{report.stored_although_refused} sets stored of requests answered with an error")
    if report.unknown_sets:
        failures.append(f"{report.unknown_sets} sets in the export that no request sent")
    if report.replay_mismatches:
        failures.append(f"{report.replay_mismatches} of {report.replays} replays with the same key answered otherwise")
    if not report.acknowledged_sets:
        failures.append("no set was acknowledged")
    if report.people:
        if report.people_not_in_one_workout:
            failures.append(
                f"{report.people_not_in_one_workout} of {report.people} people do not have their sets in one"
                " workout in progress of their own"
            )
    else:
        if report.workouts_in_progress != 1:
            failures.append(f"{report.workouts_in_progress} workouts in progress, not 1")
        if report.workouts > 1 and short_run:
            failures.append(
                f"the sets went to {report.workouts} workouts, not 1: the run is shorter than a session gap"
            )


def run_load(config: LoadConfig) -> LoadReport:
    """Serve, load, stop, export, check: the figures and what failed (`report.failures`). Raises LoadError when the
    run cannot be made at all."""
    if config.clients < 1 or config.servers < 1 or config.seconds <= 0:
        raise LoadError("clients, servers and seconds must be positive")
    if config.people < 0:
        raise LoadError("people must be 0 (a single-user run) or more")
    with tempfile.TemporaryDirectory(prefix="liftlore-load-") as name:
        folder = Path(name)
        database = RunDatabase(config, folder)
        try:
            env = {
                **os.environ,
                "LIFTLORE_DATABASE_URL": database.url,
                "HOME": str(folder / "home"),
                "XDG_DATA_HOME": str(folder / "data"),
                "XDG_CONFIG_HOME": str(folder / "config"),
                "XDG_CACHE_HOME": str(folder / "cache"),
                # Said either way, so a LIFTLORE_MULTI_USER of the calling shell cannot change the run.
                "LIFTLORE_MULTI_USER": "1" if config.people else "0",
            }
            if config.people:
                env["LIFTLORE_SECRET_KEY"] = secrets.token_urlsafe(48)
            report = LoadReport(config.clients, config.servers, config.seconds, database.kind, config.people)
            report.kill_requested_at_s = config.kill_at
            logs = config.logs or folder
            logs.mkdir(parents=True, exist_ok=True)
            _upgrade(env)
            people = _make_accounts(database.url, config.people)
            servers = [Server(index, env, logs) for index in range(config.servers)]
            try:
                tally = _run_in_own_thread(lambda: asyncio.run(_drive(config, servers, people)))
            finally:
                for server in servers:
                    server.stop()
            report.server_log_errors = dict(_log_errors(servers).most_common(8))
            _count(report, tally)
            documents = _export_people(database.url, people, logs) if people else {0: _export(env, logs)}
            _check(report, tally, documents)
            return report
        finally:
            database.drop()


def show(report: LoadReport) -> str:
    ms = report.latency_ms
    statuses = ", ".join(f"{code}: {n}" for code, n in report.statuses.items())
    kill = "not asked"
    if report.kill_requested_at_s is not None:
        kill = (
            f"server 0 killed at {report.killed_at_s:.1f} s, answering again {report.restarted_after_s:.1f} s later"
            if report.killed_at_s is not None and report.restarted_after_s is not None
            else f"not done (asked at {report.kill_requested_at_s:g} s, after the end of the run)"
        )
    who = f", {report.people} people (multi-user)" if report.people else ""
    lines = [
        f"load: {report.clients} clients{who}, {report.servers} server(s), {report.seconds:g} s"
        f" ({report.elapsed_s:.1f} s with the last answers) on {report.database}",
        f"answers        {report.response_shape}",
        f"requests       {report.requests}   {report.requests_per_s:.1f}/s"
        f"   acknowledged {report.acknowledged_requests}",
        f"latency ms     p50 {ms['p50']:.1f}   p99 {ms['p99']:.1f}   max {ms['max']:.1f}",
        f"statuses       2xx {report.status_2xx}   4xx {report.status_4xx}   >=500 {report.status_5xx}"
        f"   connection errors {report.connection_errors}   ({statuses})",
        f"retries        {report.retries} (given up: {report.given_up} requests)"
        + (f"   {report.transport_errors}" if report.transport_errors else ""),
        f"sets           acknowledged {report.acknowledged_sets}   exported {report.exported_sets}"
        f"   lost {report.lost_sets}   duplicated {report.duplicated_sets}"
        f"   unacknowledged but stored {report.unacknowledged_stored}",
        f"workouts       in progress {report.workouts_in_progress} (of {report.workouts})"
        + (
            f"   people not in one workout in progress of their own {report.people_not_in_one_workout}"
            if report.people
            else ""
        ),
        f"idempotency    {report.replays} replays, {report.replay_mismatches} answered otherwise"
        + ("" if report.fingerprints_checked else "   (too many requests to trace each set to its request)"),
        f"kill/restart   {kill}",
    ]
    if report.people:
        lines.insert(
            8,
            f"isolation      sets visible to the wrong person {report.wrong_person_sets}"
            f"   (client i logs as person i % {report.people})",
        )
    lines += [f"error answer   {n} x {body}" for body, n in report.error_bodies.items()]
    lines += [f"server log     {n} x {line}" for line, n in report.server_log_errors.items()]
    lines.append("result         " + ("ok" if report.ok else "FAIL: " + "; ".join(report.failures)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument(
        "--people", type=int, default=0, help="multi-user servers with this many accounts (0: single-user)"
    )
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--servers", type=int, default=1, help="app processes on the one database")
    parser.add_argument("--database", help="a database URL; default: a fresh SQLite file (PostgreSQL: a fresh db)")
    parser.add_argument("--kill-at", type=float, help="SIGKILL server 0 this many seconds in, and restart it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--logs", type=Path, help="keep the servers' logs and the export here")
    args = parser.parse_args(argv)
    config = LoadConfig(
        args.clients,
        args.seconds,
        args.servers,
        args.database,
        kill_at=args.kill_at,
        logs=args.logs,
        people=args.people,
    )
    try:
        report = run_load(config)
    except LoadError as error:
        print(f"load: {error}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({**asdict(report), "ok": report.ok}, indent=2))
    else:
        print(show(report))
    return 0 if report.ok else 1


T = TypeVar("T")


def _run_in_own_thread(work: Callable[[], T]) -> T:
    """Run `work` on a thread of its own: asyncio.run refuses a thread whose event loop is already running (a
    test process where Playwright's sync API left one in the main thread)."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


if __name__ == "__main__":
    sys.exit(main())
