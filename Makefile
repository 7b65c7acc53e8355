# Two commands: `make serve` sets everything up and serves the site on http://127.0.0.1:8000;
# `make test` sets everything up and runs every test. Both start from a fresh clone.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup serve build validate test lint browser bench clean

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

validate: setup
	$(VENV)/bin/academy validate

browser:
	@scripts/ensure-chromium

lint: setup
	$(VENV)/bin/ruff check plugins tests bench

test: setup browser lint
	$(PY) -m pytest

bench: setup
	$(PY) bench/build.py
	$(PY) bench/certificates.py

clean:
	rm -rf site $(VENV)
