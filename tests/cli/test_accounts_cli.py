"""`liftlore users` and `liftlore tokens` as a server's operator types them, on a real database; the tokens they
print are tried against the web app in server mode."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner, Result

from liftlore.cli import app
from liftlore.domain.log_grammar import parse_sets
from liftlore.domain.people import Viewer
from liftlore.errors import LiftloreError
from liftlore.services import accounts, training
from liftlore.shapes.accounts import PersonOut, TokenOut
from liftlore.store.db import Database
from liftlore.web.app import create_app
from liftlore.web.auth import AuthConfig
from tests.web.client import BASE_URL

runner = CliRunner()
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def no_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the developer's own `liftlore login`: commands use the test's database."""
    monkeypatch.setenv("LIFTLORE_SERVER_FILE", str(tmp_path / "server.json"))


def add(name: str, *options: str, password: str = PASSWORD) -> Result:
    return runner.invoke(app, ["users", "add", name, *options], input=password + "\n")


def last_line(result: Result) -> str:
    return result.stdout.strip().splitlines()[-1]


def api(db: Database) -> TestClient:
    auth = AuthConfig.for_server(secrets.token_urlsafe(32), open_registration=False)
    return TestClient(create_app(db, auth=auth), base_url=BASE_URL)


def test_the_first_account_is_an_admin_and_takes_over_the_log_kept_before(cli_env: Database) -> None:
    assert runner.invoke(app, ["log", "back squat", "100kg", "x", "5"]).exit_code == 0  # single-user mode
    first = add("Anna")
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == (
        "Added Anna (admin). Anna now holds the log this database had before accounts (1 workout)."
    )
    second = add("Bob")
    assert second.exit_code == 0, second.output
    assert second.stdout.strip() == "Added Bob (member)."
    assert add("Cleo", "--admin").stdout.strip() == "Added Cleo (admin)."
    anna = cli_env.run(accounts.person_named, "Anna")
    bob = cli_env.run(accounts.person_named, "bob")
    with cli_env.session(viewer=Viewer(anna)) as session:
        assert [w.set_count for w in training.list_workouts(session)] == [1]
    with cli_env.session(viewer=Viewer(bob)) as session:
        assert training.list_workouts(session) == []


def test_the_first_account_of_an_empty_log_only_says_it_was_added(cli_env: Database) -> None:
    result = add("Anna")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Added Anna (admin)."


def test_a_taken_name_or_a_short_or_missing_password_exits_2_and_adds_nobody(cli_env: Database) -> None:
    assert add("Anna").exit_code == 0
    taken = add("anna")
    assert taken.exit_code == 2
    assert "the name 'anna' is taken" in taken.stderr
    short = add("Bob", password="short")
    assert short.exit_code == 2
    assert "a password needs at least 10 characters" in short.stderr
    nothing = runner.invoke(app, ["users", "add", "Bob"], input="")
    assert nothing.exit_code == 2
    assert "no password was given on standard input" in nothing.stderr
    bad_name = add("Bob/../x")
    assert bad_name.exit_code == 2
    assert "letters, digits, spaces and . _ - only" in bad_name.stderr
    assert [p.name for p in cli_env.run(accounts.accounts)] == ["Anna"]


def test_users_list_as_text_and_json(cli_env: Database) -> None:
    empty = runner.invoke(app, ["users", "list"])
    assert "no accounts yet; add the first with liftlore users add NAME" in empty.stdout
    add("Anna")
    add("Bob")
    text = runner.invoke(app, ["users", "list"])
    assert text.exit_code == 0, text.output
    lines = [line for line in text.stdout.splitlines() if "Anna" in line or "Bob" in line]
    assert "admin" in lines[0] and "member" in lines[1]
    shown = runner.invoke(app, ["users", "list", "--json"])
    data = json.loads(shown.stdout)
    assert data == [{"name": "Anna", "role": "admin"}, {"name": "Bob", "role": "member"}]
    assert [PersonOut.model_validate(item).name for item in data] == ["Anna", "Bob"]


def test_an_invitation_needs_an_admin_and_registers_one_account(cli_env: Database) -> None:
    refused = runner.invoke(app, ["users", "invite"])
    assert refused.exit_code == 2
    assert "add the first account with liftlore users add NAME" in refused.stderr
    add("Anna")
    made = runner.invoke(app, ["users", "invite"])
    assert made.exit_code == 0, made.output
    code = last_line(made)
    dana = cli_env.run(accounts.register, "Dana", PASSWORD, invitation=code, open_registration=False)
    assert dana.name == "Dana"
    with pytest.raises(LiftloreError, match="unknown, used or expired"):
        cli_env.run(accounts.register, "Emil", PASSWORD, invitation=code, open_registration=False)


def test_a_token_made_here_signs_in_to_the_api_until_revoked(cli_env: Database) -> None:
    add("Anna")
    with cli_env.session(write=True, viewer=Viewer(cli_env.run(accounts.person_named, "Anna"))) as session:
        training.log_sets(session, "deadlift", parse_sets("140kg x 3"))
    made = runner.invoke(app, ["tokens", "create", "anna", "--label", "laptop CLI"])
    assert made.exit_code == 0, made.output
    assert "Send it as Authorization: Bearer ..., or run liftlore login URL and paste it." in made.stdout
    token = last_line(made)
    assert token.startswith("ll_")
    client = api(cli_env)
    headers = {"Authorization": f"Bearer {token}"}
    me = client.get("/api/v1/me", headers=headers)
    assert me.status_code == 200, me.text
    assert me.json()["person"] == {"name": "Anna", "role": "admin"}
    assert client.get("/api/v1/workouts", headers=headers).json()[0]["set_count"] == 1

    listed = runner.invoke(app, ["tokens", "list", "Anna", "--json"])
    tokens = [TokenOut.model_validate(item) for item in json.loads(listed.stdout)]
    assert [(t.label, t.revoked_at) for t in tokens] == [("laptop CLI", None)]
    assert str(tokens[0].id) in runner.invoke(app, ["tokens", "list", "Anna"]).stdout

    revoked = runner.invoke(app, ["tokens", "revoke", "Anna", str(tokens[0].id)])
    assert revoked.exit_code == 0, revoked.output
    assert "Revoked Anna's token 'laptop CLI'" in revoked.stdout
    refused = client.get("/api/v1/me", headers=headers)
    assert refused.status_code == 401
    after = json.loads(runner.invoke(app, ["tokens", "list", "Anna", "--json"]).stdout)
    assert after[0]["revoked_at"] is not None
    again = runner.invoke(app, ["tokens", "revoke", "Anna", str(tokens[0].id)])
    assert again.exit_code == 2
    assert "no live token" in again.stderr


def test_token_commands_refuse_unknown_accounts_ids_and_other_peoples_tokens(cli_env: Database) -> None:
    add("Anna")
    add("Bob")
    unknown = runner.invoke(app, ["tokens", "create", "Zed", "--label", "phone"])
    assert unknown.exit_code == 2
    assert "no account 'Zed'" in unknown.stderr
    no_label = runner.invoke(app, ["tokens", "create", "Anna", "--label", "  "])
    assert no_label.exit_code == 2
    assert "a token needs a label" in no_label.stderr
    assert runner.invoke(app, ["tokens", "create", "Anna", "--label", "phone"]).exit_code == 0
    annas = json.loads(runner.invoke(app, ["tokens", "list", "Anna", "--json"]).stdout)[0]["id"]
    not_bobs = runner.invoke(app, ["tokens", "revoke", "Bob", annas])
    assert not_bobs.exit_code == 2
    assert "no live token" in not_bobs.stderr
    not_an_id = runner.invoke(app, ["tokens", "revoke", "Anna", "phone"])
    assert not_an_id.exit_code == 2
    assert "'phone' is not a token id" in not_an_id.stderr
    assert json.loads(runner.invoke(app, ["tokens", "list", "Anna", "--json"]).stdout)[0]["revoked_at"] is None
    assert runner.invoke(app, ["tokens", "list", "Bob"]).stdout.strip() == "Bob has no API tokens"
