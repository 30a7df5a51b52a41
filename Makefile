# crm-privacy: the two commands are `make demo` (install + run the sweep on the demo CRM) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO_CONTACTS ?= 5000
DEMO_DATE ?= 2025-06-30
# The demo CRM is deliberately full of expired data: allow the sweep to touch up to 80% of a table
# (the policy's guard refuses more than 50% by default).
DEMO_CONF ?= {"max_share": 0.8}
ENV := . scripts/env.sh &&

.PHONY: demo install demo-data test test-fast lint airflow lock clean

## demo: install everything, generate the demo CRM, run the retention sweep and the PII discovery
##       once each with `airflow dags test`
demo: install demo-data
	@$(ENV) airflow db migrate > .demo/airflow-db-migrate.log 2>&1 || (cat .demo/airflow-db-migrate.log; exit 1)
	@echo "Running the DAG crm_retention_sweep on the demo CRM (run date $(DEMO_DATE))..."
	@$(ENV) CRM_PRIVACY_TASK_RETRIES=0 airflow dags test crm_retention_sweep $(DEMO_DATE) -c '$(DEMO_CONF)' > .demo/last-run.log 2>&1 \
		|| (tail -n 60 .demo/last-run.log; echo "The sweep failed: full log in .demo/last-run.log"; exit 1)
	@echo "Running the DAG crm_pii_discovery on the demo CRM..."
	@# The demo CRM holds personal data in a column its policy does not declare, on purpose: the run's
	@# compliance task fails, naming it (docs/sweep.md). Any other failure stops the demo.
	@$(ENV) CRM_PRIVACY_TASK_RETRIES=0 airflow dags test crm_pii_discovery $(DEMO_DATE) > .demo/last-discovery.log 2>&1; \
		if grep -q "NOT compliant" .demo/last-discovery.log; then \
			echo "  (its compliance task fails, as it must: the demo CRM holds undeclared personal data)"; \
		elif ! grep -q "state=success" .demo/last-discovery.log; then \
			tail -n 60 .demo/last-discovery.log; echo "Discovery failed: full log in .demo/last-discovery.log"; exit 1; \
		fi
	@$(ENV) $(BIN)/python scripts/demo_summary.py

## install: the virtualenv from the pinned locks (requirements.txt: runtime; requirements-dev.txt: test
##          and lint tools), and our package (editable)
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install --disable-pip-version-check -q --no-deps -e .
	@touch $@

## demo-data: (re)generate the demo CRM in SQLite under .demo/
demo-data: install
	@mkdir -p .demo
	@rm -rf .demo/ledger.db .demo/reports
	$(BIN)/crm-privacy demo-db --url sqlite:///.demo/crm.db --contacts $(DEMO_CONTACTS) --seed 42 --as-of $(DEMO_DATE) --replace

## test: the whole suite (unit, integration on SQLite/PostgreSQL/MariaDB when configured, DAG runs)
test: install
	$(ENV) $(BIN)/python -m pytest -p no:cacheprovider $(PYTEST_ARGS)

## test-fast: skip the slow tiers (whole DAG runs, browser)
test-fast: install
	$(ENV) $(BIN)/python -m pytest -m "not e2e and not slow" $(PYTEST_ARGS)

## lint: ruff (with Airflow's AIR rules and the ban on heavy imports in dags/) and mypy on the package
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## airflow: the Airflow UI (airflow standalone) with our DAGs, on http://localhost:8080
airflow: install
	@echo "Starting Airflow on http://localhost:8080 ; the admin password is printed below"
	@echo "(and kept in .airflow/simple_auth_manager_passwords.json.generated). Ctrl-C stops it."
	@$(ENV) airflow standalone

## lock: regenerate the fully pinned locks from their .in files: requirements.txt (runtime, the only one
##       the docker image installs), then requirements-dev.txt and docker/requirements-celery.txt, both
##       constrained by requirements.txt
lock:
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11
	$(BIN)/uv pip compile requirements-dev.in -o requirements-dev.txt --python-version 3.11
	$(BIN)/uv pip compile docker/requirements-celery.in -c requirements.txt --python-version 3.11 \
		-o docker/requirements-celery.txt

clean:
	rm -rf .demo .airflow
