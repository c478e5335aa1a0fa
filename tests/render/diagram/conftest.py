from __future__ import annotations

import pytest
from diagram_specs import SPECS

from vpcdocs.spec import load_specs


@pytest.fixture(scope="session")
def shipped():
    """The example specs shipped in specs/ (what users see first)."""
    result = load_specs(SPECS)
    assert not [d.format() for d in result.diagnostics if d.severity.value == "error"]
    assert result.topology.vpcs, "no shipped examples"
    return result.topology
