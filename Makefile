# The two commands a new user runs: `make run` and `make test`.
# Each creates its own virtual environment (.venv) and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run demo test lint install bench mutate clean serve crawl-samples axe screenshots

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m programs.geo_data
	touch $(STAMP)

install: $(STAMP)

## make run: crawl the shipped IPEDS snapshot (ops/snapshot/ipeds, real NCES data) into the default
## SQLite store (once) and serve the page and API
run: $(STAMP)
	$(PY) -m ops.cli run --host $(HOST) --port $(PORT)

## make demo: the three spiders on the fictional sample sources, into data/demo.db, then serve
demo: $(STAMP)
	$(PY) -m ops.cli demo --host $(HOST) --port $(PORT)

## make lint: ruff (lint and format check) over everything, mypy over the core (config in pyproject.toml)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## make test: make lint, then the whole test suite (the browser tests also need /usr/bin/chromium,
## and npm for axe-core)
test: lint axe
	$(PY) -m pytest -q

## axe-core (the accessibility checker the browser tests inject) from npm, into .test-deps/ (gitignored)
AXE_VERSION ?= 4.14.1
AXE_JS := .test-deps/node_modules/axe-core/axe.min.js
axe: $(AXE_JS)
$(AXE_JS):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix .test-deps --no-audit --no-fund --no-package-lock axe-core@$(AXE_VERSION); \
	else echo "npm not found: the accessibility (axe) tests will be skipped (apt-get install npm)"; fi

## make screenshots: docs/screenshots/*.png of the page, a program page and the admin page, taken with
## headless Chromium from a temporary store of fictional programs
screenshots: $(STAMP)
	$(PY) scripts/screenshots.py docs/screenshots

## make bench: the benchmarks in bench/, quick sizes (BENCH_ARGS=--full for the sizes in BENCHMARKS.md;
## the search benchmark needs wrk: apt-get install -y wrk). Results are printed as Markdown tables.
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run_all.py $(BENCH_ARGS)

## make mutate: mutation testing with mutmut 3, one module at a time, each with its focused tests
## ([tool.mutate.tests] in pyproject.toml); not part of make test. Scores: TESTING.md.
## One module: make mutate MUTATE_PATHS=programs/geo.py; with the message-only mutants counted:
## MUTATE_ARGS=--raw.
MUTATE_PATHS ?=
MUTATE_ARGS ?=
mutate: $(STAMP)
	$(PY) -m pip install --quiet -e '.[mutate]'
	nice -n 10 $(PY) devtools/mutate.py $(MUTATE_ARGS) $(MUTATE_PATHS)

clean:
	rm -rf $(VENV) data .pytest_cache test-artifacts .test-deps
