# Two commands do all set-up on a fresh machine with Python 3.11 and pip:
#   make run    - virtualenv, install, run the pipeline on seeds/ into out/, show the summary and a SQL query
#   make test   - same install, then pytest
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: install run test bench bench-pipeline audit lock dictionary clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsbeam run --input 'seeds/*' --output $(OUT)
	$(BIN)/newsbeam sql --output $(OUT) \
	  "SELECT date, category, title, len(entities) AS entities, left(text, 40) AS text FROM articles ORDER BY date NULLS LAST"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/dates.py
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/dedupe.py
	$(BIN)/python bench/ner.py

# The locked set of what `make install` resolved (refresh with `make lock` after changing pyproject.toml).
lock: $(STAMP)
	$(BIN)/pip freeze --exclude-editable | grep -v '^pip-audit==' > .ci/requirements.lock

# Audits the locked dependencies against PyPI's advisory data (needs access to pypi.org's JSON API).
# Whole-pipeline benchmark (#8): generated corpora of 1k/10k/100k documents; 100k needs ~10-20 GB and a quiet machine.
bench-pipeline: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/pipeline.py --sizes 1000,10000,100000

audit: $(STAMP)
	$(BIN)/pip install -q pip-audit
	$(BIN)/pip-audit --requirement .ci/requirements.lock --no-deps --disable-pip --progress-spinner off

dictionary: $(STAMP)
	$(BIN)/python -m tools.dictionary_build --gazetteers ../shared/gazetteers --out transforms/data

clean:
	rm -rf $(OUT) build dist *.egg-info
