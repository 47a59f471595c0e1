# Two commands on a fresh machine:  `make run` (digest the bundled example)  and  `make test`.
VENV   ?= .venv
PYTHON ?= python3
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
EXTRAS := neural,postgres,spark,dev

.PHONY: run test lint system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[$(EXTRAS)]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsdigest digest examples/sochi-2019

system-deps:
	bash scripts/install-system-deps.sh

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

test: $(STAMP) system-deps lint
	$(VENV)/bin/pytest -q --timeout=600

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build *.egg-info
