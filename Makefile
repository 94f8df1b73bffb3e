# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGES := contract/pyproject.toml services/extractor/pyproject.toml services/timeline/pyproject.toml

.PHONY: venv web run test system-deps screenshot trigger-model noun-senses bench bench-timex bench-extract bench-merge bench-timeline
WEB := services/timeline/web

# compat mode puts the package folders on sys.path, so the repo's top-level contract/ folder
# cannot shadow the installed contract package when Python runs from the repo root.
$(STAMP): $(PACKAGES) requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --config-settings editable_mode=compat \
		-e contract -e services/extractor -e services/timeline -r requirements-dev.txt
	touch $@

venv: $(STAMP)

# The page's vis-timeline comes from npm at build time; the service serves it itself.
$(WEB)/node_modules/.package-lock.json: $(WEB)/package.json $(WEB)/package-lock.json
	npm ci --prefix $(WEB) --no-audit --no-fund
web: $(WEB)/node_modules/.package-lock.json

run: venv web
	$(BIN)/python scripts/run_stack.py

# Debian packages the tests drive for real: the compose parser and the browser.
system-deps:
	@missing=""; command -v docker-compose >/dev/null || missing="docker-compose"; \
	test -x /usr/bin/chromium || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

test: venv web system-deps
	$(BIN)/python -m pytest

# Benchmarks read the annotated corpora in ../shared/data (not in a fresh clone); each writes its
# figures to docs/performance.md or prints them. Peers of the temporal tagger are an extra.
bench: bench-timex bench-extract bench-merge bench-timeline

bench-timex: venv
	@command -v javac >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless; }
	$(BIN)/pip install -q --config-settings editable_mode=compat -e 'services/extractor[bench]'
	$(BIN)/python benchmarks/timex/run.py

bench-extract: venv
	$(BIN)/python benchmarks/events/timebank.py --json benchmarks/out/events/timebank.json
	$(BIN)/python benchmarks/extract/run.py --mentions system
	$(BIN)/python benchmarks/extract/run.py --mentions gold
	$(BIN)/python benchmarks/speed/extractor.py

bench-merge: venv
	$(BIN)/python benchmarks/merge/run.py --json benchmarks/out/merge/figures.json

EVENTS ?= 1000000
bench-timeline: venv
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	cd benchmarks/timeline && ../../$(BIN)/python run.py --events $(EVENTS) --json ../out/timeline/results.json

# The README's picture of the page, taken by the browser test.
screenshot: venv web system-deps
	TIMELINE_SCREENSHOT=docs/screenshot.png $(BIN)/python -m pytest tests/browser/test_timeline_page.py -q

# Shipped artefacts, rebuilt on demand: the event-trigger model (trained on TimeBank, reported by
# cross-validation in bench-extract) and the table of WordNet noun classes it reads.
trigger-model: venv
	$(BIN)/python benchmarks/events/timebank.py --save

noun-senses: venv
	@test -d /usr/share/wordnet || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wordnet-base; }
	$(BIN)/python benchmarks/events/noun_senses.py
