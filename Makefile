# Two commands on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Django 6 needs Python >= 3.12; pyenv's shims may point at 3.11, so look by full path too.
PYTHON ?= $(shell for p in python3.13 python3.12 $$HOME/.pyenv/versions/3.13.*/bin/python3.13 \
	$$HOME/.pyenv/versions/3.12.*/bin/python3.12 /usr/bin/python3.13 /usr/bin/python3.12 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { command -v $$p; break; }; done)
UV := $(shell command -v uv 2>/dev/null)

.PHONY: run test test-fast test-postgres lint messages bootstrap clean load bench

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "No Python >= 3.12 found (see README)"; exit 1; }
	@echo "Creating $(VENV) with $(PYTHON)"
ifdef UV
	UV_PYTHON_DOWNLOADS=never $(UV) venv --python $(PYTHON) $(VENV)
else
	$(PYTHON) -m venv $(VENV)
endif

# Reinstall only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
ifdef UV
	UV_PYTHON_DOWNLOADS=never $(UV) pip install --python $(BIN)/python -q -e ".[dev]"
else
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
endif
	touch $@

bootstrap: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput -v 0

run: bootstrap
	./.ci/system-packages
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  STAGE is running at http://127.0.0.1:$(PORT)/"
	@echo "  Log in as demo / demo"
	@echo ""
	@# The task worker makes long shows' PDFs; it stops with the server.
	$(BIN)/python manage.py db_worker -v 0 & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	./.ci/system-packages
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run -v 0
	$(BIN)/pytest -q

# The whole suite again on a throw-away PostgreSQL cluster.
test-postgres: $(VENV)/.installed
	./.ci/system-packages
	./.ci/with-postgres $(BIN)/pytest -q

test-fast: $(VENV)/.installed
	$(BIN)/pytest -q -m "not e2e"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Refresh the catalogue after changing UI strings; then translate the new entries.
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l zh_Hans --no-obsolete --no-location
	$(BIN)/python manage.py compilemessages -v 0

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles

# 50 simulated team members for 60 s: gunicorn + throw-away PostgreSQL on 127.0.0.1 (load/run).
load: $(VENV)/.installed
	./load/run

# Measurement only: synthetic shows of 10 to 1,000 segments on a throw-away SQLite file and
# gunicorn; prints the table and writes bench/results.json, in under 5 minutes (bench/run.py).
bench: $(VENV)/.installed
	./.ci/system-packages
	$(BIN)/python -m bench.run
