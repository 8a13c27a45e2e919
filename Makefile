# The two commands for a fresh machine:
#   make run    set up (virtualenv, install, migrate, load rule sets, demo admin) and serve on http://127.0.0.1:8000
#   make test   install the test dependencies and run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run setup test lint typecheck smoke bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@

setup: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py compile_translations
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_rulesets
	DEBUG=1 $(BIN)/python manage.py ensure_demo_admin

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: export SECRET_KEY ?= test-only-not-secret
test: export HTTPS ?= 0
test: $(VENV)/.installed
	$(BIN)/python manage.py compile_translations
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .

typecheck: $(VENV)/.installed
	SECRET_KEY=typecheck-only $(BIN)/mypy

# The production recipe against PostgreSQL and Redis on 127.0.0.1 (see deploy/smoke_test.py).
smoke: $(VENV)/.installed
	$(BIN)/python deploy/smoke_test.py

bench: $(VENV)/.installed
	$(BIN)/python bench/engine.py
