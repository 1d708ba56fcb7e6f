# make run: the bot in a local console (no tokens needed). make test: lint and the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: `make run` installs what the bot needs, `make test` adds the test tools.
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run demo test lint typecheck bench clean docs catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependency list changes.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(RUN_STAMP) $(TEST_STAMP)

run: $(RUN_STAMP)
	$(BIN)/picketbot run

demo: $(RUN_STAMP)
	$(BIN)/picketbot demo

test: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(TEST_STAMP)
	$(BIN)/mypy

bench: $(RUN_STAMP)
	$(BIN)/picketbot bench

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

docs: $(RUN_STAMP)
	$(BIN)/picketbot docs --update README.md --settings docs/configuration.md

# Translations: merge new messages into commands/locale/*/LC_MESSAGES/*.po, then compile the .mo files.
catalogs: $(RUN_STAMP)
	$(BIN)/picketbot catalogs update
	$(BIN)/picketbot catalogs compile
	$(BIN)/picketbot catalogs check
