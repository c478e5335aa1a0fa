SPECS ?= specs
SITE_DIR ?= site

.PHONY: site test

# Build the documentation site from the shipped specs (sets everything up first).
site:
	@scripts/bootstrap.sh
	.venv/bin/vpcdocs build $(SPECS) --site-dir $(SITE_DIR)

# Run the test suite (sets up the test extras and Chromium first).
test:
	@scripts/bootstrap.sh --test
	.venv/bin/python -m pytest
