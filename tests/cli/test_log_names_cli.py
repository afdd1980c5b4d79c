"""`liftlore names` and `import log --map`: names from an imported log that the library did not know, listed and
mapped from the terminal."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from liftlore.cli import app
from liftlore.store.db import Database
from tests.training.test_log_names import strong_file

runner = CliRunner()


def ok(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "120"})
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def test_names_are_listed_and_mapped_and_an_import_takes_a_map(cli_env: Database, tmp_path: Path) -> None:
    first = strong_file(tmp_path, "2025-03-01", [("Aztec Cable Curl", 15, 12), ("Zorp Row Thing", 40, 10)])
    ok("import", "log", "strong", str(first), "--map", "Zorp Row Thing=seated cable row")
    listed = json.loads(ok("names", "--json"))
    assert [(n["name"], n["sets"], n["guessed_from"]) for n in listed] == [("Aztec Cable Curl", 1, "Cable Curl")]
    assert "Aztec Cable Curl" in ok("names")
    said = ok("names", "map", "Aztec Cable Curl", "cable", "curl")
    assert "Aztec Cable Curl -> Cable Curl (cable-curl): 1 set in 1 workout moved" in said
    assert json.loads(ok("names", "--json")) == []
    wrong = runner.invoke(app, ["names", "map", "Nothing Like It", "cable curl"])
    assert wrong.exit_code == 2 and "no exercise from your log called 'Nothing Like It'" in wrong.stderr
    bad = runner.invoke(app, ["import", "log", "strong", str(first), "--map", "no equals sign"])
    assert bad.exit_code == 2 and "--map takes NAME=EXERCISE" in bad.stderr
