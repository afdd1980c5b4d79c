"""`liftlore login URL` and the log's commands run against a real liftlore server (uvicorn on a loopback port,
in server mode), checked in the server's database: whose log the sets went to, and that a retried request after
a lost answer logs once."""

from __future__ import annotations

import http.server
import json
import secrets
import socket
import stat
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from liftlore import __version__
from liftlore.cli import app
from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import Person, Viewer
from liftlore.services import accounts, training
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.live_server import free_port, serving

runner = CliRunner()
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Live:
    db: Database  # the server's database
    url: str
    anna: Person
    bob: Person


@pytest.fixture
def server_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where login keeps the server; this computer's database is a file that must never be made while signed in."""
    path = tmp_path / "config" / "server.json"
    monkeypatch.setenv("LIFTLORE_SERVER_FILE", str(path))
    monkeypatch.setenv("LIFTLORE_DATABASE_URL", f"sqlite:///{tmp_path / 'local.db'}")
    return path


@pytest.fixture
def live(db: Database, server_file: Path) -> Iterator[Live]:
    """A server-mode liftlore on loopback with two accounts; Bob has logged a deadlift already."""
    anna = db.run(accounts.create_account, "Anna", PASSWORD)
    bob = db.run(accounts.create_account, "Bob", PASSWORD)
    with db.session(write=True, viewer=Viewer(bob)) as session:
        training.log_sets(session, "deadlift", parse_sets("140kg x 3"))
    auth = AuthConfig.for_server(secrets.token_urlsafe(32), open_registration=False)
    with serving(create_app(db, auth=auth)) as url:
        yield Live(db, url, anna, bob)


def token_for(live: Live, person: Person) -> str:
    return live.db.run(accounts.create_token, person, "cli").secret


def login(url: str, token: str) -> Result:
    return runner.invoke(app, ["login", url], input=token + "\n")


def sets_of(live: Live, person: Person) -> list[tuple[str, str]]:
    """(exercise, set) of every set in `person`'s log on the server, read from its database."""
    with live.db.session(viewer=Viewer(person)) as session:
        found = []
        for summary in training.list_workouts(session, limit=100):
            workout = training.get_workout(session, summary.id)
            for entry in workout.entries:
                found += [(entry.exercise_slug or "", f"{s.weight_kg:g}kg x {s.reps}") for s in entry.sets]
        return found


def test_signed_in_the_log_commands_run_against_the_server(live: Live, server_file: Path, tmp_path: Path) -> None:
    # The operator makes Anna's token on the server with the CLI, as docs/deploy.md has it.
    made = runner.invoke(
        app, ["tokens", "create", "Anna", "--label", "laptop"], env={"LIFTLORE_DATABASE_URL": live.db.url}
    )
    assert made.exit_code == 0, made.output
    token = made.stdout.strip().splitlines()[-1]

    signed = login(live.url, token)
    assert signed.exit_code == 0, signed.output
    assert signed.stdout.strip() == (
        f"Signed in to {live.url} as Anna. Commands now run against that server; "
        "liftlore logout goes back to this computer's database."
    )
    assert json.loads(server_file.read_text()) == {"url": live.url, "token": token}
    assert stat.S_IMODE(server_file.stat().st_mode) == 0o600

    logged = runner.invoke(app, ["log", "back", "squat", "100kg", "x", "5"])
    assert logged.exit_code == 0, logged.output
    assert "logged 1 set(s) of" in logged.stdout
    assert "today: 100kg x 5" in logged.stdout
    assert sets_of(live, live.anna) == [("barbell-back-squat", "100kg x 5")]
    assert sets_of(live, live.bob) == [("barbell-deadlift", "140kg x 3")]  # Bob's log is untouched, and not Anna's

    quoted = runner.invoke(app, ["log", "back squat", "105kg", "x", "3", "--json"])
    assert quoted.exit_code == 0, quoted.output
    answer = json.loads(quoted.stdout)
    assert [(s["weight_kg"], s["reps"]) for s in answer["added"]] == [(105.0, 3)]

    history = runner.invoke(app, ["history", "--json"])
    assert history.exit_code == 0, history.output
    workouts = json.loads(history.stdout)
    assert [w["set_count"] for w in workouts] == [2]
    assert workouts[0]["id"] == answer["workout"]["id"]
    assert workouts[0]["id"][:8] in runner.invoke(app, ["history"]).stdout

    shown = runner.invoke(app, ["workout", "show"])
    assert shown.exit_code == 0, shown.output
    assert "100kg x 5, 105kg x 3" in shown.stdout
    by_id = runner.invoke(app, ["workout", "show", workouts[0]["id"], "--json"])
    assert json.loads(by_id.stdout)["entries"][0]["exercise"] == "barbell-back-squat"

    # Bob's workout is not Anna's to see, even by its id.
    with live.db.session(viewer=Viewer(live.bob)) as session:
        bobs = str(training.list_workouts(session)[0].id)
    hidden = runner.invoke(app, ["workout", "show", bobs])
    assert hidden.exit_code == 2
    assert "no workout" in hidden.stderr
    assert not (tmp_path / "local.db").exists()  # this computer's database was never opened


def test_errors_from_the_server_exit_2_with_its_message(live: Live, server_file: Path) -> None:
    assert login(live.url, token_for(live, live.anna)).exit_code == 0
    unknown = runner.invoke(app, ["log", "zzqqxx", "100kg", "x", "5"])
    assert unknown.exit_code == 2
    assert "no exercise 'zzqqxx'" in unknown.stderr
    mistyped = runner.invoke(app, ["log", "back", "squat", "100kg", "x"])
    assert mistyped.exit_code == 2
    assert "'x' needs reps" in mistyped.stderr
    at = runner.invoke(app, ["log", "back", "squat", "100kg", "x", "5", "--at", "2025-01-01 10:00"])
    assert at.exit_code == 2
    assert "--at works on this computer's database only" in at.stderr
    assert sets_of(live, live.anna) == []
    assert "Traceback" not in unknown.output + mistyped.output + at.output


def test_commands_without_an_api_refuse_while_signed_in(live: Live, server_file: Path, tmp_path: Path) -> None:
    assert login(live.url, token_for(live, live.anna)).exit_code == 0
    for command in (["prs", "squat"], ["strength"], ["settings"], ["export", "log"], ["history", "squat"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, command
        assert "works on this computer's database only; run liftlore logout first" in result.stderr, command
    assert not (tmp_path / "local.db").exists()
    library = runner.invoke(app, ["show", "back-squat"])  # the library is still this computer's
    assert library.exit_code == 0, library.output
    assert (tmp_path / "local.db").exists()


def test_a_wrong_or_revoked_token_exits_2_with_a_message(live: Live, server_file: Path) -> None:
    wrong = login(live.url, "ll_" + secrets.token_urlsafe(32))
    assert wrong.exit_code == 2
    assert f"{live.url} refused this token: it is mistyped or revoked" in wrong.stderr
    assert not server_file.exists()
    password = login(live.url, PASSWORD)
    assert password.exit_code == 2
    assert "not a liftlore API token" in password.stderr

    made = live.db.run(accounts.create_token, live.anna, "cli")
    assert login(live.url, made.secret).exit_code == 0
    live.db.run(accounts.revoke_token, live.anna, made.token.id)
    refused = runner.invoke(app, ["history"])
    assert refused.exit_code == 2
    assert "refused the stored token (revoked?)" in refused.stderr


def test_an_unreachable_address_or_another_kind_of_server_exits_2(server_file: Path) -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    unreachable = login(closed, "ll_" + secrets.token_urlsafe(32))
    assert unreachable.exit_code == 2
    assert f"cannot reach {closed}" in unreachable.stderr

    class Other(http.server.BaseHTTPRequestHandler):
        """A web server that is not liftlore: a page at /api/v1/me, and a redirect (as to https) under /moved."""

        def do_GET(self) -> None:
            if self.path.startswith("/moved"):
                self.send_response(301)
                self.send_header("Location", "https://gym.example.org/api/v1/me")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<h1>hello</h1>")

        def log_message(self, *args: object) -> None:
            pass

    other = http.server.HTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    try:
        answer = login(f"http://127.0.0.1:{other.server_port}", "ll_" + secrets.token_urlsafe(32))
        moved = login(f"http://127.0.0.1:{other.server_port}/moved", "ll_" + secrets.token_urlsafe(32))
    finally:
        other.shutdown()
        other.server_close()
    assert answer.exit_code == 2
    assert "not as a liftlore server does" in answer.stderr
    assert moved.exit_code == 2  # the token is not sent on to the address named
    assert "sends requests on to https://gym.example.org/api/v1/me" in moved.stderr
    bad = login("gym.example.org", "ll_x")
    assert bad.exit_code == 2
    assert "is not a server address like https://gym.example.org" in bad.stderr
    assert not server_file.exists()


def test_logout_removes_the_file_and_commands_use_this_computer_again(live: Live, server_file: Path) -> None:
    assert login(live.url, token_for(live, live.anna)).exit_code == 0
    assert runner.invoke(app, ["log", "back", "squat", "100kg", "x", "5"]).exit_code == 0
    out = runner.invoke(app, ["logout"])
    assert out.exit_code == 0, out.output
    assert f"Signed out of {live.url}." in out.stdout
    assert not server_file.exists()
    local = runner.invoke(app, ["history"])
    assert local.exit_code == 0, local.output
    assert "no workouts logged yet" in local.stdout  # this computer's log, not Anna's on the server
    again = runner.invoke(app, ["logout"])
    assert again.exit_code == 0
    assert "Not signed in to a server" in again.stdout


def test_login_keeps_the_file_in_the_config_directory(
    live: Live, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LIFTLORE_SERVER_FILE")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert login(live.url, token_for(live, live.bob)).exit_code == 0
    stored = tmp_path / "xdg" / "liftlore" / "server.json"
    assert json.loads(stored.read_text())["url"] == live.url
    assert runner.invoke(app, ["logout"]).exit_code == 0
    assert not stored.exists()


# -- a retry never logs twice --------------------------------------------------------------------------------------


class FlakyRelay:
    """A loopback relay in front of the server that spoils the first `spoil` requests: with `after_arrival` it
    passes the request on and drops the server's answer (the network failed on the way back), otherwise it
    answers 502 itself (a proxy in front of a server that is down). It notes each request's Idempotency-Key."""

    def __init__(self, upstream: str, *, spoil: int, after_arrival: bool) -> None:
        self.upstream_port = int(upstream.rsplit(":", 1)[1])
        self.spoil = spoil
        self.after_arrival = after_arrival
        self.keys: list[str] = []
        self.heads: list[str] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            with client:
                self._relay(client)

    def _relay(self, client: socket.socket) -> None:
        request = _read_request(client)
        head = request.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        self.heads.append(head)
        key = next(
            (
                line.split(":", 1)[1].strip()
                for line in head.splitlines()
                if line.lower().startswith("idempotency-key:")
            ),
            None,
        )
        if key is not None:
            self.keys.append(key)
        spoilt = key is not None and len(self.keys) <= self.spoil
        if spoilt and not self.after_arrival:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            return
        with socket.create_connection(("127.0.0.1", self.upstream_port)) as upstream:
            upstream.sendall(request)
            answer = b""
            while chunk := upstream.recv(65536):  # the client asked for Connection: close: read to the end
                answer += chunk
        if not spoilt:
            client.sendall(answer)

    def close(self) -> None:
        self.listener.close()


def _read_request(client: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += client.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    length = next(
        (int(line.split(b":", 1)[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")),
        0,
    )
    while len(body) < length:
        body += client.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.mark.parametrize("after_arrival", [True, False], ids=["answer lost", "server down"])
def test_a_failed_log_request_is_sent_once_more_and_logs_once(live: Live, after_arrival: bool) -> None:
    relay = FlakyRelay(live.url, spoil=1, after_arrival=after_arrival)
    try:
        assert login(relay.url, token_for(live, live.anna)).exit_code == 0
        logged = runner.invoke(app, ["log", "back", "squat", "100kg", "x", "5"])
    finally:
        relay.close()
    assert logged.exit_code == 0, logged.output
    assert "logged 1 set(s) of" in logged.stdout
    assert len(relay.keys) == 2 and relay.keys[0] == relay.keys[1]  # the same key both times
    assert all(f"User-Agent: liftlore-cli/{__version__}" in head for head in relay.heads)
    assert sets_of(live, live.anna) == [("barbell-back-squat", "100kg x 5")]


def test_two_failures_say_the_sets_may_have_been_logged(live: Live) -> None:
    relay = FlakyRelay(live.url, spoil=2, after_arrival=True)
    try:
        assert login(relay.url, token_for(live, live.anna)).exit_code == 0
        failed = runner.invoke(app, ["log", "back", "squat", "100kg", "x", "5"])
    finally:
        relay.close()
    assert failed.exit_code == 2
    assert "twice. The sets may have been logged: liftlore history shows whether" in failed.stderr
    assert sets_of(live, live.anna) == [("barbell-back-squat", "100kg x 5")]  # it had arrived: logged once, not twice
