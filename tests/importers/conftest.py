from __future__ import annotations

from pathlib import Path

import pytest
from importer_helpers import FIXTURES


@pytest.fixture
def fixtures() -> Path:
    """tests/fixtures/importers: the project's copies of the public inputs (see its README)."""
    return FIXTURES
