# The two commands of README: `make run` and `make test`. Everything they need is
# installed from this folder's own files.
VENV := .venv
BIN := $(VENV)/bin
SAMPLE := samples/luhe-old-area-plan.txt

.PHONY: run test setup system lint bench

run: setup
	$(BIN)/dutygraph parse $(SAMPLE)

test: setup system
	$(BIN)/ruff check .
	$(BIN)/pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian packages the tests use (chromium for the browser tests, docker-compose to
# validate the compose file); installed only when missing, and only as root.
system:
	./scripts/install-system-deps

lint: setup
	$(BIN)/ruff check .
