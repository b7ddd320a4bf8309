# Every target bootstraps .venv from the lock files itself.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsevents.duckdb

.PHONY: demo test eval bench fuzz lint clean lock help browser-deps

help:
	@echo "make demo   - create .venv, install from requirements.lock, ingest the sample corpus"
	@echo "make test   - install test tools (requirements-dev.lock) and run the whole test suite"
	@echo "make eval   - score every stage against the gold data in eval/"
	@echo "make bench  - throughput and memory benchmarks (benchmarks/)"
	@echo "make fuzz   - 10,000 hostile inputs through ingest, and the bombs' peak memory (benchmarks/fuzz_ingest.py)"
	@echo "make lint   - ruff"

$(BIN)/python:
	$(PY) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.runtime-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

demo: $(VENV)/.runtime-installed
	$(BIN)/newsevents demo --db $(DB)

# Debian's Chromium for the dashboard's browser tests (Playwright drives the
# system browser; it never downloads its own).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is missing: install Debian's chromium package (sudo apt-get install chromium) for the browser tests"; fi; }

test: $(VENV)/.dev-installed browser-deps
	$(BIN)/python -m pytest

eval: $(VENV)/.dev-installed
	$(BIN)/python eval/evaluate.py

bench: $(VENV)/.dev-installed
	@set -e; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done

# Hostile inputs of every class (issue 19); prints crashes, hangs, balance, neighbours.
fuzz: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/fuzz_ingest.py --inputs $${FUZZ_INPUTS:-10000} --bombs

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check newsevents tests eval benchmarks scripts

# Re-resolve the lock files after changing dependencies in pyproject.toml.
lock:
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	$(PY) -m uv pip compile pyproject.toml --python-version 3.11 --extra dev --extra spark \
		--generate-hashes -c requirements.lock -o requirements-dev.lock

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
