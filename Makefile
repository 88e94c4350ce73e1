# newsevents — two commands on a fresh machine: `make run` and `make test`.
PYTHON      ?= python3.11
VENV        := .venv
PY          := $(VENV)/bin/python
STAMP       := $(VENV)/.installed
RUN_DATE    ?= 2017-04-12
DATA_DIR    ?= $(CURDIR)/data
LANDING     ?= $(CURDIR)/samples/landing

export AIRFLOW_HOME                       := $(CURDIR)/.airflow
export AIRFLOW__CORE__DAGS_FOLDER         := $(CURDIR)/dags
export AIRFLOW__CORE__LOAD_EXAMPLES       := False
export AIRFLOW__CORE__UNIT_TEST_MODE      := False
export AIRFLOW__LOGGING__LOGGING_LEVEL    := WARNING
export GX_ANALYTICS_ENABLED               := false
export NEWSEVENTS_DATA_DIR                := $(DATA_DIR)
export NEWSEVENTS_LANDING                 := $(LANDING)

.PHONY: venv run airflow-init test lint eval bench summary clean

$(STAMP): requirements.lock.txt requirements.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock.txt
	$(PY) -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

airflow-init: venv
	@mkdir -p $(AIRFLOW_HOME)
	@$(VENV)/bin/airflow db migrate > $(AIRFLOW_HOME)/db-migrate.log 2>&1 || (cat $(AIRFLOW_HOME)/db-migrate.log; exit 1)

## Run the nightly DAG once, end to end, on the bundled sample, into ./data
run: airflow-init
	@mkdir -p $(DATA_DIR)
	$(VENV)/bin/airflow dags test news_events_nightly $(RUN_DATE) > $(AIRFLOW_HOME)/last-run.log 2>&1 \
		|| (tail -n 60 $(AIRFLOW_HOME)/last-run.log; echo "DAG run failed; full log: $(AIRFLOW_HOME)/last-run.log"; exit 1)
	@$(VENV)/bin/newsevents summary --data-dir $(DATA_DIR)

summary: venv
	@$(VENV)/bin/newsevents summary --data-dir $(DATA_DIR)

## The whole test suite (CI runs exactly this)
test: venv
	$(PY) -m pytest -q -n 2 --dist loadfile

lint: venv
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(DATA_DIR) $(AIRFLOW_HOME)

## Score the NLP stage against the gold data in NEWSEVENTS_EVAL_DIR (default ../shared/eval); skips if absent
eval: venv
	$(PY) -m eval --out $(DATA_DIR)/eval/latest.json

## Benchmarks: throughput (end to end vs raw spaCy nlp.pipe, 1 and 2 processes), history, and a night on
## 1 and 2 Celery workers vs newsevents run (skips if no eval data)
bench: venv
	$(PY) -m bench --out $(DATA_DIR)/bench/latest.json
