# Erfarenhetsbanken. `make help` lists the targets.
PY := .venv/bin/python
PIP_STAMP := .venv/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5433/erfarenhetsbanken
OS_URL ?= opensearch://127.0.0.1:9200
ES_URL ?= elasticsearch://127.0.0.1:9201
export DJANGO_SETTINGS_MODULE ?= portal.settings.dev

.PHONY: help run test lint format check test-sqlite test-postgres test-opensearch test-elasticsearch test-browser test-production serve services stop-services lock messages bench bench-search audit

help: ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

$(PIP_STAMP): requirements.lock
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	touch $@

install: $(PIP_STAMP) ## Create .venv and install the pinned dependencies

run: $(PIP_STAMP) ## Fresh machine -> portal with demo content at http://127.0.0.1:8000 (PORT=...)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py rebuild_modelsearch_index -v0
	BASE_URL="$${BASE_URL:-http://127.0.0.1:$${PORT:-8000}}" $(PY) manage.py ensure_admin
	BASE_URL="$${BASE_URL:-http://127.0.0.1:$${PORT:-8000}}" \
		$(PY) manage.py runserver 127.0.0.1:$${PORT:-8000}

test: $(PIP_STAMP) services lint check test-sqlite test-postgres test-opensearch test-elasticsearch test-browser test-production ## The whole suite: lint, checks, SQLite, PostgreSQL, OpenSearch, Elasticsearch, browser, production

TEMPLATE_DIRS := templates $(wildcard */templates)

lint: $(PIP_STAMP) ## ruff (rules, formatting), djhtml (template indentation), import contracts
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/djhtml --check --tabwidth 2 $(TEMPLATE_DIRS)
	.venv/bin/lint-imports

format: $(PIP_STAMP) ## Format the Python code (ruff) and indent the templates (djhtml)
	.venv/bin/ruff format .
	.venv/bin/djhtml --tabwidth 2 $(TEMPLATE_DIRS)

check: $(PIP_STAMP) ## Django checks, migrations current, deploy check with production settings
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.base SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
		$(PY) manage.py check --deploy --fail-level WARNING

test-sqlite: $(PIP_STAMP) ## Tests on SQLite with the database search backend
	DATABASE_URL= SEARCH_URL= TASK_BACKEND=immediate .venv/bin/pytest --ds=portal.settings.test -m "not browser and not opensearch and not postgres and not production" -p no:cacheprovider

test-postgres: $(PIP_STAMP) services ## Tests on PostgreSQL with its Swedish full-text search
	DATABASE_URL=$(PG_URL) SEARCH_URL= TASK_BACKEND=immediate .venv/bin/pytest --ds=portal.settings.test -m "not browser and not opensearch and not production and not sqlite" -p no:cacheprovider

test-opensearch: $(PIP_STAMP) services ## Search tests against the real OpenSearch node
	DATABASE_URL=$(PG_URL) SEARCH_URL=$(OS_URL) TASK_BACKEND=immediate .venv/bin/pytest --ds=portal.settings.test -m "search or opensearch" -p no:cacheprovider

test-elasticsearch: $(PIP_STAMP) services ## Search tests against the real Elasticsearch 7.10 node
	DATABASE_URL=$(PG_URL) SEARCH_URL=$(ES_URL) TASK_BACKEND=immediate .venv/bin/pytest --ds=portal.settings.test -m "search or opensearch" -p no:cacheprovider

test-production: $(PIP_STAMP) services ## The production recipe and its faults: nginx, two gunicorns, Redis, the worker
	PG_URL=$(PG_URL) OS_URL=$(OS_URL) .venv/bin/pytest --ds=portal.settings.test -m production -p no:cacheprovider

test-browser: $(PIP_STAMP) ## Headless Chromium: pages, keyboard, axe-core
	DATABASE_URL= SEARCH_URL= TASK_BACKEND=immediate .venv/bin/pytest --ds=portal.settings.test -m browser -p no:cacheprovider

services: ## Start PostgreSQL (5433), OpenSearch (9200) and Elasticsearch (9201) on 127.0.0.1
	scripts/postgres.sh start
	scripts/opensearch.sh start
	scripts/elasticsearch.sh start

stop-services: ## Stop them
	-scripts/elasticsearch.sh stop
	-scripts/opensearch.sh stop
	-scripts/postgres.sh stop

serve: $(PIP_STAMP) ## Production-like: gunicorn, DEBUG off, WhiteNoise static files, plain HTTP on 127.0.0.1
	@test -s .secret-key || (umask 077 && head -c 48 /dev/urandom | base64 > .secret-key)
	export DJANGO_SETTINGS_MODULE=portal.settings.base SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" \
		HTTPS="$${HTTPS:-false}" SERVE_MEDIA="$${SERVE_MEDIA:-true}" \
		BASE_URL="$${BASE_URL:-http://127.0.0.1:$${PORT:-8000}}"; \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py migrate --noinput -v0 && \
	exec .venv/bin/gunicorn portal.wsgi --bind 127.0.0.1:$${PORT:-8000} \
		--workers $${WORKERS:-4} --access-logfile $${ACCESS_LOG:--}

bench-search: $(PIP_STAMP) services ## Search benchmark (N=1000 and 10000; BENCH_N="100000" for more)
	$(PY) bench/run.py $(BENCH_N)

bench: $(PIP_STAMP) services ## Page benchmark with wrk on PostgreSQL (N=10000; BENCH_N="1000 10000 100000")
	$(PY) bench/pages.py $(BENCH_N)

audit: $(PIP_STAMP) ## Lighthouse scores of the home, listing, case and search pages -> bench/results/
	scripts/audit.sh

lock: ## Regenerate requirements.lock from pyproject.toml (uv writes no index address by default)
	$(PY) -m pip install -q uv
	.venv/bin/uv pip compile pyproject.toml --extra dev -q -o requirements.lock

messages: ## Update and compile the translation catalogues
	$(PY) manage.py makemessages -l sv -l en --no-obsolete -v0 --ignore=.venv --ignore=activities --ignore=contributions --ignore=search --ignore=tests
	for app in search activities contributions; do (cd $$app && ../$(PY) ../manage.py makemessages -l sv -l en --no-obsolete -v0); done
	$(PY) manage.py compilemessages -v0 --ignore=.venv
