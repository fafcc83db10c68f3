# Quick start: `make demo` (review report of the example article) and `make test` (the whole suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXAMPLE := examples/ceasefire-call.txt

.PHONY: demo test lint typecheck pytest eval bench bench-micro bench-serve clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The distribution was called "factcheck" before it was renamed newsroom-factcheck (that name on
# PyPI is an unrelated package); a venv made before the rename holds both, so the old one goes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip uninstall --quiet --yes factcheck 2>/dev/null || true; rm -rf factcheck.egg-info
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip uninstall --quiet --yes factcheck 2>/dev/null || true; rm -rf factcheck.egg-info
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/factcheck check $(EXAMPLE) --date 2025-03-19 --fail-on never

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check factcheck plugins tests eval benchmarks
	$(BIN)/ruff format --check factcheck plugins tests eval benchmarks
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q

test: lint typecheck pytest

eval: $(VENV)/.installed-dev
	$(BIN)/python -m eval --write docs/evaluation.md

# The peer linter is timed on the same files in the same run (benchmarks/throughput.py).
# Sources are byte-compiled first, as a wheel install does (proselint's are, by pip): an editable
# install under PYTHONDONTWRITEBYTECODE would otherwise compile every module on every start.
bench: $(VENV)/.installed-dev
	$(BIN)/python -m pip install --quiet 'proselint>=0.16,<0.17'
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q factcheck plugins rules >/dev/null
	$(BIN)/python -m benchmarks.throughput --limit 500 --peer proselint --linear --big

# Start-up, the plain loader, check-worthiness and the HTML report: figures tests no longer time.
bench-micro: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.micro

# Load benchmark of `factcheck serve` (1, 8, 32 clients); writes its section of docs/evaluation.md.
bench-serve: $(VENV)/.installed-dev
	$(BIN)/python -m benchmarks.serve

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
