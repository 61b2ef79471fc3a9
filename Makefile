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

# Build, then run the frozen app's headless self-check (CI runs this after `make test`).
bundle-test: bundle
	QT_QPA_PLATFORM=offscreen dist/ContactCentre/ContactCentre --self-check \
	  || { echo "bundle-test: FAILED: the frozen app's self-check did not pass" >&2; exit 1; }

clean:
	rm -rf $(VENV) build dist .pytest_cache
