# The two commands a fresh machine needs: `make run` and `make test`.
# Everything is installed into .venv here; nothing is installed system-wide by pip.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo test lint bench bundle bundle-test clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev,bundle]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/contactcentre

demo: $(STAMP)
	$(BIN)/contactcentre demo

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/pytest tests/perf -p no:randomly -s -q --override-ini="addopts="

bundle: $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN build.spec
	@du -sh dist/ContactCentre

bundle-test: bundle
	QT_QPA_PLATFORM=offscreen dist/ContactCentre/ContactCentre --self-check

clean:
	rm -rf $(VENV) build dist .pytest_cache
