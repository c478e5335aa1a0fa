"""Fixtures of the site tests: the shipped specs built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from site_helpers import REPO, SPECS

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The shipped specs + the project's mkdocs.yml and docs/, built with --strict."""
    from vpcdocs.site.build import build_site

    out = tmp_path_factory.mktemp("shipped") / "site"
    build_site(SPECS, out, config_file=REPO / "mkdocs.yml", strict=True,
               cache_dir=tmp_path_factory.mktemp("cache"))
    return out
