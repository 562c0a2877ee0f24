# The two commands a new user runs: `make run` and `make test`.
# Each creates its own virtual environment (.venv) and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install bench mutate clean serve crawl-samples

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make run: crawl the bundled sample sources into SQLite (once) and serve the page and API
run: $(STAMP)
	$(PY) -m ops.cli demo --host $(HOST) --port $(PORT)

## make lint: ruff (lint and format check) over everything, mypy over the core (config in pyproject.toml)
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

## make test: make lint, then the whole test suite
test: lint
	$(PY) -m pytest -q

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
	rm -rf $(VENV) data .pytest_cache test-artifacts
