# Ankomst: two commands.
#   make run   installs what is missing, migrates, loads content and demo data, trains the bot
#              if its data changed, and starts everything on embedded defaults.
#   make test  runs lint and the whole suite on SQLite and on PostgreSQL.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
# Unset, ANKOMST_ENV means production (which refuses the public development secrets): the
# targets here run the laptop setup, so they say development unless told otherwise.
FLASK := ANKOMST_ENV=$${ANKOMST_ENV:-development} $(VENV)/bin/flask --app portal
STAMP := $(VENV)/.installed-$(shell sha256sum pyproject.toml | cut -c1-12)
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: help run test lint install system-deps services locales db bot bot-train bench clean

help:
	@echo "make run    start Ankomst on http://127.0.0.1:5000 (installs and seeds on first run)"
	@echo "make test   lint and run the whole test suite (SQLite and PostgreSQL)"
	@echo "make bench  run the benchmarks; figures go to bench/results/"

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

# Debian packages the project needs: Chromium for the browser tests.
system-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# PostgreSQL and Redis normally run already; start them if one has stopped.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start && sleep 2; }
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log

locales: install
	@$(FLASK) translate compile >/dev/null

db: install locales
	$(FLASK) db upgrade
	$(FLASK) content sync
	$(FLASK) seed-demo --if-empty

# Rasa 3.6 lives in its own Python 3.10 venv; training runs only when the bot's data changed.
bot:
	bash bot/scripts/setup_venv.sh

bot-train: bot locales
	bash bot/scripts/train_if_changed.sh

run: install system-deps locales db bot-train
	@scripts/run_all.sh

lint: install
	$(VENV)/bin/ruff check portal tests bench testkit
	$(VENV)/bin/ruff format --check portal tests bench testkit
	$(VENV)/bin/lint-imports --no-cache  # the layer contracts in .importlinter
	cd bot && ../$(VENV)/bin/ruff check actions pipeline && ../$(VENV)/bin/ruff format --check actions pipeline

test: install system-deps services locales lint bot-train
	PG_URL=$(PG_URL) scripts/test_all.sh

bench: install services locales bot-train
	@mkdir -p bench/results
	@export ANKOMST_ENV=$${ANKOMST_ENV:-development}; \
	for b in bench/*; do [ -x "$$b" ] && [ -f "$$b" ] && { echo "== $$b"; "$$b"; } || true; done

clean:
	rm -rf $(VENV) instance/*.sqlite
