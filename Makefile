# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := contract/pyproject.toml services/extractor/pyproject.toml services/timeline/pyproject.toml

.PHONY: venv run test system-deps bench bench-timex bench-extract bench-merge bench-timeline

$(STAMP): $(PACKAGES) requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# compat mode puts the package folders on sys.path, so the repo's top-level contract/ folder
	# cannot shadow the installed contract package when Python runs from the repo root.
	$(BIN)/pip install -q --config-settings editable_mode=compat \
		-e contract -e services/extractor -e services/timeline -r requirements-dev.txt
	touch $@

venv: $(STAMP)

run: venv
	$(BIN)/python scripts/run_stack.py

# Debian packages the tests drive for real: the compose parser and the browser.
system-deps:
	@command -v docker-compose >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose; }

test: venv system-deps
	$(BIN)/python -m pytest
