# The two commands of the contract: `make run` and `make test` (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= var/store
SAMPLES := $(wildcard data/samples/*.txt data/samples/*.pdf data/samples/*.html)

.PHONY: setup run graph serve test lint docs notebooks bench bench-quick clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) assets

# Front-end assets of the query page come from npm (package.json + lock), served locally.
assets: $(STAMP)
	@if [ -f package.json ]; then \
	  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then npm ci --no-audit --no-fund --loglevel=error; fi; \
	  $(BIN)/python -m queryapi.assets; \
	fi

# The graph is rebuilt when the samples or the code change; a second `make run` reuses it.
$(STORE)/CURRENT: $(STAMP) $(SAMPLES)
	$(BIN)/remit ingest data/samples --store $(STORE)
	touch $(STORE)/CURRENT

graph: $(STORE)/CURRENT

run: setup graph
	$(BIN)/remit serve --store $(STORE)

test: setup
	$(BIN)/ruff check .
	$(BIN)/python -m pytest
	$(BIN)/python -m pytest -p no:cacheprovider --nbmake --nbmake-timeout=300 notebooks

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

docs: setup
	$(BIN)/python -m ontology.docs docs/ontology

# Start Jupyter on the project's environment (installs Jupyter into .venv the first time).
notebooks: setup
	$(BIN)/python -m jupyter lab --version >/dev/null 2>&1 || $(BIN)/python -m pip install -q jupyterlab
	$(BIN)/python -m jupyter lab notebooks/

bench: setup
	$(BIN)/python bench/run.py

bench-quick: setup
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf var .pytest_cache
