"""Spec loader and validator: YAML topology specs → located problems and a typed model.

The names below are imported on first use (PEP 562), so that importing a light submodule
(:mod:`.files`, to read spec files) does not import the parser, validator and model.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .loader import LoadResult, find_spec_files, load_sources, load_spec_text, load_specs
    from .schema import json_schema

__all__ = ["LoadResult", "find_spec_files", "json_schema", "load_sources", "load_spec_text", "load_specs"]

_HOME = {"json_schema": ".schema"}  # the others are in .loader


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOME.get(name, ".loader"), __name__), name)
    globals()[name] = value
    return value
