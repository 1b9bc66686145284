# The two commands a newcomer needs: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run test lint bench train tune-encoder browser pdftools axe clean

$(STAMP): pyproject.toml Makefile
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/nearer serve --demo-if-new

browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q chromium; }

# pdftotext (Debian's poppler-utils) reads the report PDFs back in the tests.
pdftools:
	@command -v pdftotext >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && $$SUDO apt-get install -y -q poppler-utils; }

# axe-core (pinned in package.json / package-lock.json) is run inside each page by the browser tests.
axe: node_modules/axe-core/axe.min.js

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: $(STAMP) browser pdftools axe lint
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy src

bench: $(STAMP)
	$(PY) -m pip install -q -e '.[test,bench]'
	$(PY) benchmarks/run_all.py $(if $(BEFORE),--before $(BEFORE))

# Rebuild every learned head (safety, coach, emotions) from data/train/ and the GoEmotions train
# split (fixed seeds, same result every run; embeddings cached under .cache/train/).
train: $(STAMP)
	$(PY) -m pip install -q -e '.[train]'
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_safety.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_safety_wording.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_safety_who.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_safety_neighbours.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_coach.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_emotions.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/train_emotions_wording.py
	OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 $(PY) training/tune_emotions_combined.py

# Tune the encoder's biases and layer norms (about 15 minutes on two cores), then run `make train`:
# every head reads the encoder's rows. Needs PyTorch (the `tune` extra), never used at run time.
tune-encoder: $(STAMP)
	$(PY) -m pip install -q -e '.[tune]'
	$(PY) training/tune_encoder.py

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache node_modules
