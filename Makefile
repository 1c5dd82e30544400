# The two commands of README: `make run` and `make test`. Everything they need is
# installed from this folder's own files.
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/luhe-old-area-plan.txt

.PHONY: run test setup system lint bench eval

# Loads the sample into the embedded store and serves it: http://127.0.0.1:8000/
run: setup
	$(BIN)/dutygraph serve $(SAMPLE)

test: setup system
	$(BIN)/ruff check .
	$(BIN)/pytest

setup: $(VENV)/.installed web/dist/.built tests/api/audit/node_modules/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The browser explorer (web/): npm ci when the lockfile changes, a Vite build into
# web/dist when its sources do; the API serves web/dist.
WEB_SOURCES := web/index.html web/graphiql.html web/vite.config.js $(wildcard web/src/*)

web/node_modules/.installed: web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund
	touch $@

web/dist/.built: web/node_modules/.installed $(WEB_SOURCES)
	npm run build --prefix web
	touch $@

# graphql-http's server audit, run by tests/api/test_clients.py against the live server.
tests/api/audit/node_modules/.installed: tests/api/audit/package.json tests/api/audit/package-lock.json
	npm ci --prefix tests/api/audit --no-audit --no-fund
	touch $@

# Debian packages the tests use (chromium for the browser tests, docker-compose to
# validate the compose file); installed only when missing, and only as root.
system:
	./scripts/install-system-deps

lint: setup
	$(BIN)/ruff check .

# Benchmarks are scripts that print figures (README quotes them), not tests.
bench: setup
	$(BIN)/python benchmarks/parse_bench.py

# How well the parser reads the real plans of tests/data/corpus against their gold
# (per document and micro figures; docs/parsing.md quotes them).
eval: setup
	$(BIN)/python benchmarks/corpus_eval.py
