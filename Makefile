# MIP CMS: the two quick-start commands are `make run` and `make test`.
# Everything installs into .venv from pyproject.toml; nothing needs to be installed by hand.

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve install install-test browser-deps bench-deps test test-fast test-nightly lint format check bench clean

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

## make run: install, migrate, load demo content, ensure an admin login and a demo editor and
## moderator (to try the review workflow), then serve on :8000
## with the scheduler (scheduled publishing) and the task worker (cache purges, search index,
## webhooks) running beside the web server; Ctrl-C stops all three.
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_site
	$(PY) manage.py load_demo
	$(PY) manage.py ensure_admin
	$(PY) manage.py ensure_demo_staff
	@echo "Site: http://$(HOST):$(PORT)/   Admin: http://$(HOST):$(PORT)/admin/"
	@$(PY) manage.py run_scheduler --reload & scheduler=$$!; \
	$(PY) manage.py run_worker --reload & worker=$$!; \
	trap 'kill $$scheduler $$worker 2>/dev/null; wait $$scheduler $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## make serve: the production server (gunicorn, mipcms/gunicorn_conf.py) on :8000 with the
## current settings: DJANGO_SETTINGS_MODULE, or mipcms.settings.dev when unset. Run `make run`
## once first (or migrate) so the database exists.
serve: install
	@settings=$${DJANGO_SETTINGS_MODULE:-mipcms.settings.dev}; \
	echo "gunicorn with $$settings on http://$(HOST):$(PORT)/"; \
	DJANGO_SETTINGS_MODULE=$$settings $(PY) manage.py collectstatic --noinput -v0 && \
	DJANGO_SETTINGS_MODULE=$$settings exec $(VENV)/bin/gunicorn mipcms.wsgi \
		--config python:mipcms.gunicorn_conf --bind $(HOST):$(PORT)

## Debian's Chromium for the browser tests (Playwright's own browser download cannot work here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	}

## make test: install what the tests need and run the whole suite (DATABASE_URL picks the DB)
## on every core. Browser and multi-process tests run on PostgreSQL only. The suite checks
## that no migration is missing (tests/test_migrations.py).
## Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: every pytest worker would
## otherwise rewrite and compile all the test modules afresh on every run (about 4 s each).
test: install browser-deps
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n auto --dist loadgroup

## The whole suite with the generated-input tests (hypothesis) at full strength: ten times the
## examples of the default profile. For a nightly job, and after touching input handling.
test-nightly: install browser-deps
	PYTHONDONTWRITEBYTECODE= HYPOTHESIS_PROFILE=nightly $(PY) -m pytest -n auto --dist loadgroup

## Everything but the browser and multi-process tests, on every core.
test-fast: install
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n auto --dist loadgroup -m "not browser and not subprocess"

lint: install
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/djhtml --check templates
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/djhtml templates

## Deployment checks against the production settings (with throwaway values).
check: install
	DJANGO_SECRET_KEY=check-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	DJANGO_ALLOWED_HOSTS=cms.example.org DATABASE_URL=sqlite:///tmp/check.sqlite3 \
	PUBLIC_BASE_URL=https://cms.example.org \
	$(PY) manage.py check --deploy --fail-level WARNING --settings=mipcms.settings.production

## make bench: req/s, latency, queries and the share of a hello-world view of the main pages
## and API calls, served by gunicorn with the production settings on PostgreSQL and Redis,
## with the caches on and off (tests/bench/run.py). BENCH_SCALE=50000 adds the 1,000 and
## 50,000 article sites; BENCH_BASELINE=DIR serves another checkout beside this one.
bench: install bench-deps
	$(PY) -m tests.bench.run

## wrk, the load generator make bench drives (Debian's package).
bench-deps:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for make bench..."; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get install -y -qq wrk >/dev/null 2>&1 || { $$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }; \
	}

clean:
	rm -rf $(VENV) db.sqlite3 media static_collected .pytest_cache .ruff_cache
