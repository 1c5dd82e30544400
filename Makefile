# The two commands of README: `make run` and `make test`. Everything they need is
# installed from this folder's own files.
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/luhe-old-area-plan.txt

.PHONY: run test install setup system lint typecheck bench eval wheel wheelhouse

# Loads the sample into the embedded store and serves it: http://127.0.0.1:8000/
run: install
	$(BIN)/dutygraph serve $(SAMPLE)

test: setup system
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/typecheck.py
	$(BIN)/pytest

# What running needs: the package and its dependencies, and the built explorer.
install: $(VENV)/.installed web/dist/.built

# What developing needs on top: the test tools (pytest, playwright, ruff …) and the
# GraphQL-over-HTTP audit.
setup: install $(VENV)/.test-installed tests/api/audit/node_modules/.installed

$(VENV)/.installed: pyproject.toml setup.py
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
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

# mypy over the package (scripts/typecheck.py gives it the installed package's shape).
typecheck: setup
	$(BIN)/python scripts/typecheck.py

# Benchmarks are scripts that print figures (README quotes them), not tests.
bench: setup
	$(BIN)/python benchmarks/parse_bench.py

# How well the parser reads the real plans of tests/data/corpus, and the team-written
# genre set of tests/data/genre, against their gold
# (per document and micro figures; docs/parsing.md quotes them).
eval: setup
	$(BIN)/python benchmarks/corpus_eval.py
	$(BIN)/python benchmarks/corpus_eval.py --genre

# The wheel, with the built explorer and GraphQL IDE inside (no Node.js needed to serve).
wheel: install
	rm -rf dist
	$(BIN)/pip wheel --quiet --no-deps . -w dist

# The wheel and every dependency in one folder, for a machine with no internet (same
# Python version and platform as this one): pip install --no-index --find-links wheelhouse dutygraph
wheelhouse: install
	rm -rf wheelhouse
	$(BIN)/pip wheel --quiet . -w wheelhouse
