# `make run` and `make test` bootstrap .venv from nothing, then run the bot / the tests.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run chat test lint judge bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/briefbot run

chat: $(STAMP)
	$(BIN)/briefbot chat

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Retrain the meeting judge (bot/briefing/data/judge.json) from the labelled corpus beside the
# repository (../shared/corpus/news); the trained model is committed, so nothing else needs this.
judge: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python benchmarks/train_judge.py

# ruff over everything; mypy, strict, over bot/store, bot/core and bot/follow (pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache
