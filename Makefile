# botu — two commands on a fresh machine with Python 3.11+ and make:
#   make run    record the BoTu example history into botu.db, print its state, serve it at http://127.0.0.1:8000/
#   make show   the same without the web server (record and print only)
#   make test   run every test (PostgreSQL tests need the server at 127.0.0.1:5432) and build the docs
#   make docs   the documentation and the API reference, into site/

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= botu.db

.PHONY: run show test install typecheck clean bench bench-pb load crash schema docs wheel-test

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8000

run: show
	$(BIN)/botu --db $(DB) serve --host $(HOST) --port $(PORT)

show: $(STAMP)
	$(BIN)/python examples/botu_2021.py $(DB)

test: $(STAMP)
	$(BIN)/python -m mypy
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory docs SITE=$(VENV)/site
	$(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)
	$(MAKE) --no-print-directory wheel-test

# make wheel-test: build the wheel, install it into a fresh virtualenv, run the README's example twice
wheel-test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider -m wheel tests/test_packaging.py

# make docs: the documentation with the API reference of botu_core into site/ (any warning fails it)
SITE ?= site
docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m mkdocs build --strict --quiet --site-dir $(SITE)

# make schema: write the JSON Schema of agreement files anew (docs/agreement.schema.json)
schema: $(STAMP)
	$(BIN)/python -c "import json, botu_core; print(json.dumps(botu_core.terms_json_schema(), ensure_ascii=False, indent=2))" > docs/agreement.schema.json

typecheck: $(STAMP)
	$(BIN)/python -m mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis botu.db botu.db-* botu.db.key site

# make bench [EVENTS=1000000]: the performance benchmark, writes bench-results.json
EVENTS ?= 1000000
bench: $(STAMP)
	$(BIN)/python tests/benchmarks/run.py --events $(EVENTS) $(BENCH_ARGS)

# make bench-pb [PB_LIMIT=60]: equal shares on the pabulib files, botu beside pabutools (skipped over PB_LIMIT s), into bench-results.json
PB_LIMIT ?= 60
bench-pb: $(STAMP)
	$(BIN)/python tests/benchmarks/pabulib_bench.py --limit $(PB_LIMIT) $(BENCH_PB_ARGS)

# make load [CLIENTS=50] [LOAD_SECONDS=60]: the web app under many clients, into bench-results.json
CLIENTS ?= 50
LOAD_SECONDS ?= 60
load: $(STAMP)
	$(BIN)/python tests/benchmarks/load.py --clients $(CLIENTS) --seconds $(LOAD_SECONDS)

# make crash [KILLS=200]: the full crash loop (the test run kills the writer 20 times per store)
KILLS ?= 200
crash: $(STAMP)
	BOTU_CRASH_KILLS=$(KILLS) $(BIN)/python -m pytest -q -p no:cacheprovider tests/reliability/test_crash.py
