"""Fixtures of the lint tests."""

from __future__ import annotations

import copy

import pytest
import yaml
from lint_helpers import BASE_YAML, SHOP_YAML

_BASE = yaml.safe_load(BASE_YAML)
_SHOP = yaml.safe_load(SHOP_YAML)


@pytest.fixture
def base():
    """A fresh copy of the lint-clean spec (a dict) to mutate."""
    return copy.deepcopy(_BASE)


@pytest.fixture
def shop():
    """A fresh copy of the lint-clean shop spec (workloads, security groups, NACLs)."""
    return copy.deepcopy(_SHOP)
