"""`liftlore serve` refuses the setups that would expose a log, and says why, before it starts anything."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.cli.serve import check_mode
from liftlore.errors import LiftloreError
from liftlore.store.db import Database

runner = CliRunner()
STRONG_KEY = "k3Vq9ZpX1mB7tR2wL8yN4cD6fH0jG5sA-uE_oI"


def test_single_user_mode_stays_on_loopback_unless_told(cli_env: Database) -> None:
    result = runner.invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "no login" in result.stderr and "--multi-user" in result.stderr


def test_single_user_mode_on_the_network_warns_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LIFTLORE_ALLOWED_HOSTS", raising=False)
    warning = check_mode("192.168.1.20", multi_user=False, on_network=True)
    assert warning is not None and "anyone who can reach this address" in warning
    assert "LIFTLORE_ALLOWED_HOSTS" in warning
    assert check_mode("127.0.0.1", multi_user=False, on_network=False) is None
    assert check_mode("::1", multi_user=False, on_network=False) is None


@pytest.mark.parametrize(
    ("key", "says"),
    [(None, "needs LIFTLORE_SECRET_KEY"), ("changeme", "too weak"), ("a" * 64, "too weak")],
)
def test_multi_user_mode_refuses_to_start_without_a_strong_secret_key(
    cli_env: Database, monkeypatch: pytest.MonkeyPatch, key: str | None, says: str
) -> None:
    monkeypatch.setenv("LIFTLORE_MULTI_USER", "1")
    if key is None:
        monkeypatch.delenv("LIFTLORE_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("LIFTLORE_SECRET_KEY", key)
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2
    assert says in result.stderr and "secrets.token_urlsafe" in result.stderr


def test_multi_user_mode_with_a_strong_key_passes_the_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LIFTLORE_SECRET_KEY", STRONG_KEY)
    monkeypatch.setenv("LIFTLORE_ALLOWED_HOSTS", "gym.example.org")
    assert check_mode("0.0.0.0", multi_user=True, on_network=False) is None
    monkeypatch.setenv("LIFTLORE_REGISTRATION", "sometimes")
    with pytest.raises(LiftloreError, match="invite, open"):
        check_mode("127.0.0.1", multi_user=True, on_network=False)
