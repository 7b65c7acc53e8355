# Two commands: `make serve` sets everything up and serves the site on http://127.0.0.1:8000;
# `make test` sets everything up and runs every test. Both start from a fresh clone.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup serve build validate test lint browser bench clean

setup: $(STAMP) node_modules/.installed

$(STAMP): requirements.lock pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# axe-core, injected into pages by the accessibility tests.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (install Node.js)"; fi

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

# Into a temporary folder, swapped in only on success: a failed build keeps the last good site/.
build: $(STAMP)
	$(PY) -m academy.safe_build

validate: $(STAMP)
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
	$(PY) bench/page_weight.py
	$(PY) bench/report.py

clean:
	rm -rf site .site.building-* .site.old-* $(VENV) node_modules
