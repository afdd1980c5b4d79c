"""The training log on a liftlore server: `liftlore login URL` keeps the server's address and an API token in a
file of the user's config directory, and while it is there `log`, `history` and `workout show` go through the
server's JSON API instead of this computer's database; the log's other commands refuse rather than quietly work
on the wrong log. `liftlore logout` deletes the file. HTTP is the standard library's (urllib): no new dependency."""

from __future__ import annotations

import http.client
import ipaddress
import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import platformdirs
import typer
from pydantic import ValidationError

from liftlore import __version__
from liftlore.cli.accounts import read_secret
from liftlore.cli.common import app, err, out, print_json, user_errors
from liftlore.domain.limits import check_page
from liftlore.domain.log_grammar import format_sets, parse_log_line, split_exercise
from liftlore.domain.training import ExerciseEntry, SetEntry, Workout, zone
from liftlore.domain.units import WeightUnit
from liftlore.errors import LiftloreError, NotFoundError
from liftlore.render import training as view
from liftlore.services.accounts import TOKEN_PREFIX
from liftlore.services.training import WorkoutSummary
from liftlore.shapes.accounts import MeOut
from liftlore.shapes.base import Shape
from liftlore.shapes.errors import ErrorOut
from liftlore.shapes.training import LogOut, SetOut, WorkoutOut, WorkoutSummaryOut

SERVER_FILE_VARIABLE = "LIFTLORE_SERVER_FILE"
TIMEOUT_S = 30
MAX_ANSWER_BYTES = 32 * 1024 * 1024  # far above any answer of the routes used; a runaway answer stops here
USER_AGENT = f"liftlore-cli/{__version__}"
S = TypeVar("S", bound=Shape)


@dataclass(frozen=True)
class Server:
    url: str  # the base address, without a trailing slash
    token: str


def server_file() -> Path:
    """Where `liftlore login` keeps the server: LIFTLORE_SERVER_FILE, or server.json in the user's config
    directory (platformdirs, which honours XDG_CONFIG_HOME)."""
    given = os.environ.get(SERVER_FILE_VARIABLE, "").strip()
    return Path(given) if given else Path(platformdirs.user_config_dir("liftlore")) / "server.json"


def signed_in() -> Server | None:
    """The server commands run against, or None: they use this computer's database."""
    path = server_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise LiftloreError(f"cannot read {path} ({exc}); liftlore logout removes it") from None
    try:
        data = json.loads(text)
        url, token = data["url"], data["token"]
    except (ValueError, TypeError, KeyError):
        url = token = None
    if not isinstance(url, str) or not isinstance(token, str):
        raise LiftloreError(f"{path} is not a file liftlore login wrote; liftlore logout removes it")
    return Server(url, token)


def local_only() -> None:
    """Refuse a command that reads or writes the personal log while commands go to a server: run here, it would
    quietly work on this computer's log instead of the one on the server."""
    server = signed_in()
    if server is not None:
        raise LiftloreError(
            "this command works on this computer's database only; run liftlore logout first "
            f"(you are signed in to {server.url})"
        )


# -- HTTP ----------------------------------------------------------------------------------------------------------


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is reported, not followed: urllib would resend the token to wherever it points, and turn a
    POST into a GET."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_opener = urllib.request.build_opener(_NoRedirects)


class _UnreachableError(Exception):
    """No answer: the connection failed, broke or timed out. The request may or may not have arrived."""


@dataclass(frozen=True)
class _Answer:
    status: int
    body: bytes
    location: str | None = None


def _read(response: Any) -> bytes:
    body: bytes = response.read(MAX_ANSWER_BYTES + 1)
    if len(body) > MAX_ANSWER_BYTES:
        raise LiftloreError(f"the server's answer is larger than {MAX_ANSWER_BYTES // 2**20} MiB; nothing was read")
    return body


def _send(server: Server, method: str, path: str, body: bytes | None = None, key: str | None = None) -> _Answer:
    request = urllib.request.Request(
        server.url + path,
        data=body,
        method=method,
        headers={
            "Authorization": f"Bearer {server.token}",
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
            **({"Content-Type": "application/json"} if body is not None else {}),
            **({"Idempotency-Key": key} if key is not None else {}),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_S) as response:
            return _Answer(response.status, _read(response))
    except urllib.error.HTTPError as exc:  # an answer all the same: 3xx, 4xx or 5xx
        with exc:
            return _Answer(exc.code, _read(exc), exc.headers.get("Location"))
    except TimeoutError:
        raise _UnreachableError(f"no answer within {TIMEOUT_S} s") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        said = f"no answer within {TIMEOUT_S} s" if isinstance(reason, TimeoutError) else str(reason)
        raise _UnreachableError(said) from None
    except (OSError, http.client.HTTPException) as exc:  # a connection reset, an answer that is not HTTP
        raise _UnreachableError(str(exc) or type(exc).__name__) from None


def _not_liftlore(server: Server, status: int) -> LiftloreError:
    return LiftloreError(
        f"{server.url} answered (HTTP {status}) but not as a liftlore server does: is it the right address?"
    )


def _answer_data(server: Server, answer: _Answer, refused: str) -> Any:
    """The JSON of a successful answer, or the server's error as ours (exit 2, its message and field)."""
    if 200 <= answer.status < 300:
        try:
            return json.loads(answer.body)
        except ValueError:
            raise _not_liftlore(server, answer.status) from None
    if answer.status == 401:
        raise LiftloreError(refused)
    if 300 <= answer.status < 400:
        raise LiftloreError(
            f"{server.url} sends requests on to {answer.location or 'another address'}; "
            "run liftlore login with the address it names"
        )
    try:
        problem = ErrorOut.model_validate_json(answer.body)
    except ValidationError:
        if answer.status >= 500:
            raise LiftloreError(f"the server at {server.url} failed (HTTP {answer.status}); try again later") from None
        raise _not_liftlore(server, answer.status) from None
    if problem.suggestions:
        raise NotFoundError(problem.message, problem.suggestions)
    # Validation messages already start with their field ("limit: ..."); ours adds it in front otherwise.
    named = problem.field is not None and not problem.message.startswith(f"{problem.field}:")
    raise LiftloreError(problem.message, field=problem.field if named else None)


def _refused(server: Server) -> str:
    return (
        f"{server.url} refused the stored token (revoked?): make a new one and run liftlore login {server.url}, "
        "or liftlore logout to use this computer's database"
    )


def _get(server: Server, path: str) -> Any:
    try:
        answer = _send(server, "GET", path)
    except _UnreachableError as exc:
        raise LiftloreError(f"cannot reach {server.url}: {exc}") from None
    return _answer_data(server, answer, _refused(server))


def _post_safely(server: Server, path: str, body: dict[str, Any]) -> Any:
    """POST with an Idempotency-Key, sent once more with the same key when no answer came or the server failed:
    the server stores the key with the sets, so a request that did arrive is answered again, not repeated."""
    payload = json.dumps(body).encode()
    key = str(uuid.uuid4())
    problem = ""
    for _attempt in range(2):
        try:
            answer = _send(server, "POST", path, payload, key)
        except _UnreachableError as exc:
            problem = f"cannot reach {server.url}: {exc}"
            continue
        if answer.status >= 500:
            problem = f"the server at {server.url} failed (HTTP {answer.status})"
            continue
        return _answer_data(server, answer, _refused(server))
    raise LiftloreError(f"{problem}, twice. The sets may have been logged: liftlore history shows whether")


def _shape(server: Server, kind: type[S], data: Any) -> S:
    """The answer read as the shape it must have; anything else did not come from a liftlore server."""
    try:
        return kind.model_validate(data)
    except ValidationError:
        raise _not_liftlore(server, 200) from None


# -- signing in and out --------------------------------------------------------------------------------------------


def _base_url(text: str) -> str:
    url = text.strip().rstrip("/")
    wrong = LiftloreError(f"'{text[:200]}' is not a server address like https://gym.example.org", field="URL")
    parts = urllib.parse.urlsplit(url)
    try:
        parts.port  # noqa: B018  (reading it checks it: 'https://gym:http' raises)
    except ValueError:
        raise wrong from None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise wrong
    return url


def _on_this_computer(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _store(server: Server) -> Path:
    """Write the server file whole or not at all, readable by its owner only (it holds a secret)."""
    path = server_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".server-", suffix=".json")  # mode 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump({"url": server.url, "token": server.token}, file)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise LiftloreError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


@app.command("login")
@user_errors
def login(url: Annotated[str, typer.Argument(help="The server's address: https://gym.example.org")]) -> None:
    """Run the training log's commands against a liftlore server, with an API token read from standard input."""
    base = _base_url(url)
    token = read_secret(
        f"Paste an API token (make one on {base}/account or with liftlore tokens create): ", field="token"
    ).strip()
    if not token.startswith(TOKEN_PREFIX):
        raise LiftloreError(f"that is not a liftlore API token (they start with {TOKEN_PREFIX})", field="token")
    server = Server(base, token)
    if not _on_this_computer(base) and urllib.parse.urlsplit(base).scheme == "http":
        err.print(f"warning: {base} is plain http: the token crosses the network readable on the way", markup=False)
    try:
        answer = _send(server, "GET", "/api/v1/me")
    except _UnreachableError as exc:
        raise LiftloreError(f"cannot reach {base}: {exc}") from None
    refused = f"{base} refused this token: it is mistyped or revoked (nothing was stored)"
    me = _shape(server, MeOut, _answer_data(server, answer, refused))
    before = signed_in()
    _store(server)
    if before is not None and before.url != base:
        err.print(f"(no longer signed in to {before.url})", markup=False)
    out.print(
        f"Signed in to {base} as {me.person.name}. Commands now run against that server; "
        "liftlore logout goes back to this computer's database.",
        markup=False,
        soft_wrap=True,
    )


@app.command("logout")
@user_errors
def logout() -> None:
    """Forget the server: commands use this computer's database again."""
    path = server_file()
    try:
        server = signed_in()
    except LiftloreError:
        server = None  # an unreadable file is removed all the same
    try:
        path.unlink()
    except FileNotFoundError:
        out.print("Not signed in to a server; commands already use this computer's database.", markup=False)
        return
    except OSError as exc:
        raise LiftloreError(f"cannot remove {path}: {exc.strerror or exc}") from None
    where = f" of {server.url}" if server is not None else ""
    out.print(f"Signed out{where}. Commands use this computer's database again.", markup=False, soft_wrap=True)
    if server is not None:
        out.print(
            f"The token still works until it is revoked (on {server.url}/account or with liftlore tokens revoke).",
            markup=False,
            soft_wrap=True,
        )


# -- the log's commands, against the server ------------------------------------------------------------------------


def _unit(server: Server) -> WeightUnit:
    """The person's own unit (their setting on the server): the API speaks kg, the person reads theirs."""
    me = _shape(server, MeOut, _get(server, "/api/v1/me"))
    return WeightUnit(me.unit)


def _set(shape: SetOut) -> SetEntry:
    return SetEntry(
        reps=shape.reps,
        weight_kg=shape.weight_kg,
        set_type=shape.set_type,
        side=shape.side,
        rpe=shape.rpe,
        rir=shape.rir,
        duration_s=shape.duration_s,
        distance_m=shape.distance_m,
        performed_at=shape.performed_at,
        id=shape.id,
    )


def _workout(shape: WorkoutOut) -> Workout:
    """The server's workout as the terminal view reads it, its times in its own zone when that has a name."""
    try:
        where = zone(shape.time_zone)
    except LiftloreError:
        where = shape.started_at.tzinfo or zone("UTC")
    return Workout(
        started_at=shape.started_at.astimezone(where),
        ended_at=shape.ended_at.astimezone(where) if shape.ended_at else None,
        entries=tuple(
            ExerciseEntry(
                exercise_name=entry.exercise_name,
                sets=tuple(_set(s) for s in entry.sets),
                exercise_slug=entry.exercise,
                superset_group=entry.superset_group,
                notes=entry.notes,
                id=entry.id,
            )
            for entry in shape.entries
        ),
        name=shape.name,
        notes=shape.notes,
        source=shape.source,
        id=shape.id,
    )


def _summary(shape: WorkoutSummaryOut) -> WorkoutSummary:
    # The answer carries the title, not the name; as the name it reads back as the same title.
    return WorkoutSummary(
        id=shape.id,
        started_at=shape.started_at,
        ended_at=shape.ended_at,
        name=shape.title,
        source=shape.source,
        exercises=tuple(shape.exercises),
        set_count=shape.set_count,
        volume_kg=shape.volume_kg,
    )


def log(
    server: Server,
    words: list[str],
    *,
    workout: str | None,
    new: bool,
    unsupported: Mapping[str, object],
    as_json: bool,
) -> None:
    """`liftlore log` against the server. `unsupported`: options the API has no field for, by name."""
    for option, value in unsupported.items():
        if value is not None:
            raise LiftloreError(f"{option} works on this computer's database only; run liftlore logout first")
    from liftlore.web.training_api import LogIn  # here: the web modules load FastAPI, which nothing else needs

    first, rest = words[0], " ".join(words[1:])
    # Split as the local command does (a quoted first word is the whole name). The sets go as typed, for the
    # server to read in the person's unit; parsed here first so a mistyped line fails before the network. Pounds
    # for bare numbers: they make the smaller weights, so the check here is never stricter than the server's.
    exercise, text = (first, rest) if " " in first.strip() else split_exercise(" ".join(words))
    line = parse_log_line(text, unit=WeightUnit.LB, exercise=exercise)
    request = LogIn(exercise=line.exercise, sets=text, workout_id=workout, new_workout=new)
    data = _post_safely(server, "/api/v1/log", request.model_dump(mode="json"))
    logged = _shape(server, LogOut, data)
    if as_json:
        print_json(data)
        return
    done = _workout(logged.workout)
    added = {s.id for s in logged.added}
    entry = next((e for e in reversed(done.entries) if any(s.id in added for s in e.sets)), None)
    name = entry.exercise_name if entry is not None else line.exercise
    out.print(
        f"logged {len(added)} set(s) of {name} in {done.title} ({str(done.id)[:8]}) on {server.url}",
        markup=False,
        soft_wrap=True,
    )
    if entry is not None:
        out.print(f"  {name} today: {format_sets(entry.sets, _unit(server))}", markup=False)


def history(server: Server, exercise: str | None, *, limit: int, offset: int, as_json: bool) -> None:
    """`liftlore history` against the server: its workouts, newest first."""
    if exercise is not None:
        raise LiftloreError(
            "history of one exercise works on this computer's database only; run liftlore logout first, "
            "or liftlore history for the server's workouts"
        )
    check_page(limit, offset)
    data = _get(server, f"/api/v1/workouts?limit={limit}&offset={offset}")
    if not isinstance(data, list):
        raise _not_liftlore(server, 200)
    try:
        workouts = [WorkoutSummaryOut.model_validate(item) for item in data]
    except ValidationError:
        raise _not_liftlore(server, 200) from None
    if as_json:
        print_json(data)
        return
    view.print_workout_list(out, [_summary(w) for w in workouts], _unit(server))
    if len(workouts) == limit:
        out.print(f"workouts {offset + 1}-{offset + limit} (--offset {offset + limit} for older ones)", markup=False)


def workout_show(server: Server, workout_id: str | None, *, as_json: bool) -> None:
    """`liftlore workout show` against the server: one workout, the latest by default."""
    if workout_id is None:
        latest = _get(server, "/api/v1/workouts?limit=1")
        if not isinstance(latest, list):
            raise _not_liftlore(server, 200)
        if not latest:
            raise NotFoundError("no workouts logged yet")
        workout_id = str(_shape(server, WorkoutSummaryOut, latest[0]).id)
    data = _get(server, "/api/v1/workouts/" + urllib.parse.quote(workout_id.strip(), safe=""))
    found = _shape(server, WorkoutOut, data)
    if as_json:
        print_json(data)
    else:
        view.print_workout(out, _workout(found), _unit(server))
