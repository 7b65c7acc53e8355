# Two commands: `make serve` sets everything up and serves the site on http://127.0.0.1:8000;
# `make test` sets everything up and runs every test. Both start from a fresh clone.
# ENGINE=properdocs runs every target on ProperDocs (the maintained continuation of MkDocs 1.x)
# in its own venv from its own lock, so neither engine's lock changes the other.
ENGINE ?= mkdocs
ifeq ($(ENGINE),mkdocs)
VENV ?= .venv
LOCK := requirements.lock
LOCK_FLAGS :=
else ifeq ($(ENGINE),properdocs)
VENV ?= .venv-properdocs
LOCK := requirements-properdocs.lock
# The lock is complete; --no-deps because Material declares mkdocs, which ProperDocs stands in for.
LOCK_FLAGS := --no-deps
else
$(error ENGINE must be mkdocs or properdocs, not "$(ENGINE)")
endif
export ENGINE
# The engine tests build with both engines, so `make test` sets up the other one's venv as well.
OTHER_ENGINE := $(if $(filter mkdocs,$(ENGINE)),properdocs,mkdocs)
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: setup other-engine serve build validate test lint browser bench clean

setup: $(STAMP) node_modules/.installed

$(STAMP): $(LOCK) pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $(LOCK_FLAGS) -r $(LOCK)
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# axe-core, injected into pages by the accessibility tests; ESLint for `make lint`.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (install Node.js)"; fi

serve: $(STAMP)
	$(VENV)/bin/$(ENGINE) serve -f mkdocs.yml --dev-addr 127.0.0.1:8000

# Into a temporary folder, swapped in only on success: a failed build keeps the last good site/.
build: $(STAMP)
	$(PY) -m academy.safe_build

validate: $(STAMP)
	$(VENV)/bin/academy validate

browser:
	@scripts/ensure-chromium

lint: setup node_modules/.installed
	$(VENV)/bin/ruff check plugins tests bench
	npx --no-install eslint plugins
	$(VENV)/bin/mypy  # strict on core/ and credentials/: [tool.mypy] in pyproject.toml

# Its own venv and lock (VENV is the default of that engine, not this one's).
other-engine:
	@env -u VENV $(MAKE) --no-print-directory ENGINE=$(OTHER_ENGINE) setup

test: setup other-engine browser lint
	$(PY) -m pytest

bench: setup
	$(PY) bench/build.py
	$(PY) bench/certificates.py
	$(PY) bench/page_weight.py
	$(PY) bench/report.py

clean:
	rm -rf site .site.building-* .site.old-* .venv .venv-properdocs node_modules
