# Tanggap: the one entry point. `make run` serves the demo; `make test` runs what CI runs per database.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for `make pytest`/`make test`: auto = one per core; 0 runs in one process.
PYTEST_WORKERS ?= auto
# The SQLite demo database `make run` uses when neither DATABASE_URL nor TANGGAP_VAR_DIR is set.
DEMO_DB := var/tanggap.sqlite3
MIGRATED := var/.migrated
MIGRATIONS := $(wildcard tanggap/*/migrations/*.py)
# Static files are collected (hashed, compressed: a minute on two cores) only when one changed.
COLLECTED := var/.collected
STATIC_SOURCES := $(shell find tanggap -path '*/static/*' -type f 2>/dev/null)
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--no-strip-extras --no-emit-index-url --no-emit-find-links

.PHONY: run install lock test pytest lint fmt typecheck migrations-check e2e bench messages check \
	deploy-check demo clean audit fuzz FORCE

# Production pins (requirements.lock) and development pins (requirements-dev.lock, the same versions plus the
# dev extras), both with hashes; `make lock` regenerates them from pyproject.toml.
$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# Keeps the pins already in the lock files unless pyproject.toml needs others; to move one on, pass e.g.
# `make lock LOCK_ARGS="--upgrade-package django"`.
lock: $(STAMP)
	$(PIP_COMPILE) $(LOCK_ARGS) --output-file=requirements.lock pyproject.toml
	$(PIP_COMPILE) $(LOCK_ARGS) --allow-unsafe --extra dev -c requirements.lock \
		--output-file=requirements-dev.lock pyproject.toml

# Migrate the demo database only when a migration file or the install changed, or the file is missing;
# with DATABASE_URL or TANGGAP_VAR_DIR set, always. `rm var/.migrated` forces it.
$(MIGRATED): $(STAMP) $(MIGRATIONS) $(if $(DATABASE_URL)$(TANGGAP_VAR_DIR)$(if $(wildcard $(DEMO_DB)),,missing),FORCE)
	DJANGO_DEBUG=1 $(MANAGE) migrate --noinput
	$(if $(DATABASE_URL)$(TANGGAP_VAR_DIR),,touch $(MIGRATED))

FORCE:

$(COLLECTED): $(STAMP) $(STATIC_SOURCES) tanggap/config/settings.py $(if $(TANGGAP_VAR_DIR),FORCE)
	@mkdir -p var
	DJANGO_DEBUG=1 $(MANAGE) collectstatic --noinput -v 0
	$(if $(TANGGAP_VAR_DIR),,touch $(COLLECTED))

# load_demo only tops up what is missing (and prints the accounts); the 13 weeks of queue history are
# generated once, when the database has none.
demo: $(MIGRATED)
	DJANGO_DEBUG=1 $(MANAGE) load_demo
	DJANGO_DEBUG=1 $(MANAGE) generate_queue_history --weeks 13 --if-missing

# Serve the demo on SQLite with the background-task consumer; Ctrl-C stops both. Static files are served
# as in production: collected with hashed names, compressed, cached for a year by the browser (WhiteNoise),
# so restart `make run` after editing a stylesheet or script (it collects them again), or set
# TANGGAP_STATIC_FROM_SOURCE=1 to serve them from the source folders while you work on them.
run: demo $(COLLECTED)
	@mkdir -p var
	@DJANGO_DEBUG=1 $(MANAGE) run_huey --quiet & HUEY_PID=$$!; \
	trap 'kill $$HUEY_PID 2>/dev/null' EXIT INT TERM; \
	echo "Tanggap: http://$(HOST):$(PORT)/  (task consumer pid $$HUEY_PID)"; \
	DJANGO_DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

# What CI runs against each database: lint, migrations check, the whole suite.
test: $(STAMP) lint migrations-check pytest

# In parallel, one worker per core (pytest-xdist); each worker has its own test database. Tests marked
# with one xdist_group (a module that loads the demo once) stay on one worker.
pytest: $(STAMP)
	$(BIN)/pytest -q -n $(PYTEST_WORKERS) --dist loadgroup --ds=tanggap.config.testing $(PYTEST_ARGS)

# Style, then the layer contracts between the apps (.importlinter).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

fmt: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

typecheck: $(STAMP)
	$(BIN)/mypy

migrations-check: $(STAMP)
	DJANGO_SETTINGS_MODULE=tanggap.config.testing $(MANAGE) makemigrations --check --dry-run

deploy-check: $(STAMP)
	DJANGO_SECRET_KEY=check-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=tanggap.example.go.id $(MANAGE) check --deploy --fail-level WARNING

# One process: the journeys also pass with -n 2, but Chromium and the live server already keep both cores
# busy, so two workers were slower (164 s against 126 s for the 7 journeys).
e2e: $(STAMP)
	$(BIN)/pytest -q --ds=tanggap.config.testing e2e $(PYTEST_ARGS)

# Known vulnerabilities in the production lock (.ci/audit.py; exceptions with reasons in
# .ci/audit-exceptions.txt).
audit: $(STAMP)
	$(BIN)/python .ci/audit.py

# Schemathesis over the whole OpenAPI, anonymous and as staff, against gunicorn and the demo on PostgreSQL
# (.ci/fuzz.py: DATABASE_URL or a scratch database; FUZZ_MAX_EXAMPLES, FUZZ_SEED).
fuzz: $(STAMP)
	$(BIN)/python .ci/fuzz.py

bench: $(STAMP)
	@for b in bench/*.py; do [ -e "$$b" ] || continue; [ "$$b" = bench/harness.py ] && continue; \
	  echo "== $$b"; DJANGO_SETTINGS_MODULE=tanggap.config.testing $(BIN)/python $$b || exit 1; done

messages: $(STAMP)
	@for app in core accounts org catalog queueing complaints surveys attendance innovation performance; do \
	  (cd tanggap/$$app && mkdir -p locale && DJANGO_SETTINGS_MODULE=tanggap.config.testing ../../$(BIN)/django-admin makemessages -l en --no-obsolete \
	   && DJANGO_SETTINGS_MODULE=tanggap.config.testing ../../$(BIN)/django-admin compilemessages -l en) || exit 1; \
	done

# Everything CI runs (.ci/run), on the database the environment selects.
check: test typecheck deploy-check e2e

clean:
	rm -rf $(VENV) var/static var/bundles $(MIGRATED) $(COLLECTED)
