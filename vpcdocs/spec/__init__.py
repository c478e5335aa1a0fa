"""Spec loader and validator: YAML topology specs → located problems and a typed model."""

from .loader import LoadResult, find_spec_files, load_sources, load_spec_text, load_specs  # noqa: F401
from .schema import json_schema  # noqa: F401
