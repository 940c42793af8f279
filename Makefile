# Presswatch. `make run` serves the dashboard, `make test` runs every test; both set up .venv.
# DB=path/to/file.duckdb points either at another database (default: data/media.duckdb).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= data/media.duckdb
PORT   ?= 8501

run demo: export PRESSWATCH_DB := $(abspath $(DB))

.PHONY: run test lint bench demo clean

# Reinstall only when a requirements file changed (the stamps are newer than their inputs).
$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The project itself is installed editable, so `data`, `queries` and `dashboard` import from
# anywhere (streamlit, subprocesses, tests) without a path set by hand.
$(VENV)/.runtime-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@ $(VENV)/.runtime-installed

run: $(VENV)/.runtime-installed
	@if test -f "$(PRESSWATCH_DB)"; then $(BIN)/python -m data.store migrate --db "$(PRESSWATCH_DB)"; \
	else $(BIN)/python -m data.demo --db "$(PRESSWATCH_DB)"; fi
	$(BIN)/streamlit run dashboard/app.py --server.port $(PORT) --browser.gatherUsageStats false

demo: $(VENV)/.runtime-installed
	$(BIN)/python -m data.demo --db "$(PRESSWATCH_DB)" --force

test: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

bench: $(VENV)/.dev-installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
