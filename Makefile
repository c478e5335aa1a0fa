SPECS ?= specs
SITE_DIR ?= site

.PHONY: site test fuzz

# Build the documentation site from the shipped specs (sets everything up first).
site:
	@scripts/bootstrap.sh
	.venv/bin/vpcdocs build $(SPECS) --site-dir $(SITE_DIR)

# Run the checks and the test suite (sets up the test extras and Chromium first): lint (ruff),
# types (mypy, settings in pyproject.toml), then pytest (which also checks the import layers).
test:
	@scripts/bootstrap.sh --test
	.venv/bin/ruff check vpcdocs tests scripts benchmarks fuzz
	.venv/bin/python -m mypy
	.venv/bin/python -m pytest

# Fuzz the command line (specs, special files, imports, builds): `make fuzz N=10000 SEED=1`.
# Runs at low priority; the summary table is appended to fuzz/RESULTS.md, failing cases go to fuzz/findings/.
N ?= 1000
SEED ?= 1
fuzz:
	@scripts/bootstrap.sh --test
	nice -n 19 .venv/bin/python fuzz/fuzz.py --n $(N) --seed $(SEED) --results fuzz/RESULTS.md --keep fuzz/findings
