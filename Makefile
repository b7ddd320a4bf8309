# Every target bootstraps .venv from the lock files itself.
# PY picks the interpreter (3.11, 3.12 or 3.13): `make demo PY=python3.13`.
PY ?= $(shell command -v python3.11 || command -v python3)
PYVER := $(shell $(PY) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
SUPPORTED := 3.11 3.12 3.13
VENV := .venv
BIN := $(VENV)/bin
DB ?= newsevents.duckdb
# The installer is pinned too: pip's own behaviour (how it reads extras such as
# lxml[html_clean] under --require-hashes) must not depend on the pip that the
# system Python happens to bundle.
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet

.PHONY: demo test eval bench fuzz lint clean lock help browser-deps check-install train train-ledger train-links clusters

help:
	@echo "make demo   - create .venv, install from requirements.lock, ingest the sample corpus"
	@echo "make test   - install test tools (requirements-dev.lock) and run the whole test suite"
	@echo "make eval   - score every stage against the gold data in eval/"
	@echo "make bench  - throughput and memory benchmarks (benchmarks/)"
	@echo "make fuzz   - 10,000 hostile inputs through ingest, and the bombs' peak memory (benchmarks/fuzz_ingest.py)"
	@echo "make train  - train the learned event coder and the claims ledger from eval/annotated"
	@echo "make lint   - ruff"
	@echo "make train-ledger - retrain the claims ledger models (needs scikit-learn, the train extra)"
	@echo "make train-links - retrain the ledger's cross-article link model (links.json)"
	@echo "make clusters - rebuild the word clusters the event coder reads (clusters.tsv.gz, ~2 min)"

# One venv per interpreter version: asking for another PY rebuilds .venv.
$(VENV)/.python-$(PYVER):
	@case " $(SUPPORTED) " in *" $(PYVER) "*) ;; *) \
		echo "Error: $(if $(PYVER),$(PY) is Python $(PYVER),cannot run $(PY)); newsevents supports Python $(SUPPORTED). Install one and run e.g. 'make demo PY=python3.12' (a full path works too)." >&2; exit 1;; esac
	rm -rf $(VENV)
	$(PY) -m venv $(VENV)
	$(PIP) install --require-hashes --no-deps -r requirements-bootstrap.lock
	touch $@

$(VENV)/.runtime-installed: requirements.lock requirements-bootstrap.lock pyproject.toml $(VENV)/.python-$(PYVER)
	$(PIP) install --require-hashes -r requirements.lock
	$(PIP) install --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.runtime-installed
	$(PIP) install --require-hashes -r requirements-dev.lock
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

# The learned models, from the committed annotations (eval/annotated/):
# rebuild gold.jsonl from the markup, then fit the event coder
# (newsevents/data/models/events/) and the claims ledger
# (newsevents/data/models/ledger/). Deterministic. scikit-learn comes with the
# dev lock (the train extra); the product scores the weights without it.
# The ledger first: the event coder's status step reads the ledger's claims, and the
# link model reads both; the ledger reads no event model.
train: $(VENV)/.dev-installed
	$(BIN)/python eval/annotated/gold.py
	$(BIN)/python scripts/train_ledger.py
	$(BIN)/python scripts/train_events.py --curve
	$(BIN)/python scripts/train_links.py

# The distributional word clusters the event coder reads (newsevents/data/events/
# clusters.tsv.gz), from the Wikipedia Current Events summaries less the held-out
# evaluation texts. Deterministic, ~2 min on 2 cores; committed, so `make train`
# does not rebuild them (a rebuild changes the features: retrain after it).
clusters: $(VENV)/.dev-installed
	$(BIN)/python scripts/build_clusters.py

# The ledger's cross-article link model (links.json; its threshold is kept:
# it is chosen on the tuning half of eval/crosslinks, see the script).
train-links: $(VENV)/.dev-installed
	$(BIN)/python scripts/train_links.py

train-ledger: $(VENV)/.dev-installed
	$(BIN)/python scripts/train_ledger.py

bench: $(VENV)/.dev-installed
	@set -e; for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done

# Hostile inputs of every class (issue 19); prints crashes, hangs, balance, neighbours.
fuzz: $(VENV)/.dev-installed
	$(BIN)/python benchmarks/fuzz_ingest.py --inputs $${FUZZ_INPUTS:-10000} --bombs

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check newsevents tests eval benchmarks scripts

# Re-resolve the lock files after changing dependencies in pyproject.toml. The
# locks are universal (markers for 3.11-3.13 and every platform); the installer
# pins live in requirements-bootstrap.in.
lock:
	$(PY) -m pip install --quiet uv
	$(PY) -m uv pip compile requirements-bootstrap.in --universal --python-version 3.11 \
		--generate-hashes -o requirements-bootstrap.lock
	$(PY) -m uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements.lock
	$(PY) -m uv pip compile pyproject.toml --universal --python-version 3.11 --extra dev --extra spark \
		--generate-hashes -c requirements.lock -o requirements-dev.lock

# A fresh clone, an empty venv per interpreter, pip's cache off: what a new user gets.
check-install:
	scripts/check_install.sh $(or $(PYTHONS),python3.11 python3.12 python3.13)

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
