# The two commands a new user runs: `make run` and `make test`.
# Each creates its own virtual environment (.venv) and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run demo test install bench clean serve crawl-samples

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## make run: crawl the shipped IPEDS snapshot (datasets/ipeds, real NCES data) into the default
## SQLite store (once) and serve the page and API
run: $(STAMP)
	$(PY) -m ops.cli run --host $(HOST) --port $(PORT)

## make demo: the three spiders on the fictional sample sources, into data/demo.db, then serve
demo: $(STAMP)
	$(PY) -m ops.cli demo --host $(HOST) --port $(PORT)

## make test: the whole test suite
test: $(STAMP)
	$(PY) -m pytest -q

## make bench: the benchmarks in bench/, quick sizes (BENCH_ARGS=--full for the sizes in BENCHMARKS.md;
## the search benchmark needs wrk: apt-get install -y wrk). Results are printed as Markdown tables.
BENCH_ARGS ?=
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run_all.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) data .pytest_cache test-artifacts
