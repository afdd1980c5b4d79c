# Two entry points: `make serve` and `make test`. Both create .venv with the interpreter in $(PYTHON).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: serve test lint typecheck pytest pytest-postgres bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(APP_STAMP)

serve: $(APP_STAMP)
	$(BIN)/liftlore serve

test: lint typecheck pytest pytest-postgres

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

pytest: $(TEST_STAMP)
	env -u LIFTLORE_TEST_DATABASE_URL $(BIN)/pytest

pytest-postgres: $(TEST_STAMP)
	./scripts/pytest-postgres $(BIN)/pytest

bench: $(TEST_STAMP)
	@for script in bench/*.py; do $(BIN)/python $$script; done

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
