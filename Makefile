# fr-extract: two commands for a fresh machine with Python 3.11 and pip.
#   make run    set up .venv, extract seeds/ to out/extractions.jsonl, write the evaluation report
#   make test   set up .venv, run the tests

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint bench gold figures clean

# setuptools' notice on editable installs of a mapped folder (patterns/ as pipeline.patterns) is information
# only, ten lines on every install: silenced.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e ".[dev,dask]"
	touch $(STAMP)

setup: $(STAMP)

# The seeds and the two written splits, with their money facts; the report shows seeds, dev and
# test side by side (facts scored against gold/facts); the seeds' facts consolidated in out/facts.csv.
run: $(STAMP)
	$(BIN)/fr-extract run seeds/ -o out/extractions.jsonl --facts
	$(BIN)/fr-extract run gold/dev/pages -o out/dev.jsonl --facts
	$(BIN)/fr-extract run gold/test/pages -o out/test.jsonl --facts
	$(BIN)/fr-extract evaluate --gold seeds=gold/gold.jsonl dev=gold/dev test=gold/test \
		--pred out/extractions.jsonl out/dev.jsonl out/test.jsonl -o out/report
	$(BIN)/fr-extract facts out/extractions.jsonl -o out/facts.csv

# Bytecode caches written (gitignored __pycache__/), even where PYTHONDONTWRITEBYTECODE is set: the package's
# modules and pytest's rewritten test modules are compiled once, not on every run.
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline tests scripts

# Copy the headline figures of out/report.json into README.md (never typed by hand).
figures: run
	$(BIN)/python scripts/readme_figures.py

gold: $(STAMP)
	$(BIN)/python scripts/gold.py compile

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf out .pytest_cache
