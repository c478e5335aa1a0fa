"""Spec loader and validator: YAML topology specs → located problems and a typed model."""

from .loader import LoadResult, find_spec_files, load_sources, load_spec_text, load_specs
from .schema import json_schema

__all__ = ["LoadResult", "find_spec_files", "json_schema", "load_sources", "load_spec_text", "load_specs"]
