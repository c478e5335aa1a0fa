"""Printers of effective route tables: ``text`` (terminal), ``markdown`` and ``json``."""

from .json import render_json  # noqa: F401
from .markdown import render_markdown, route_table_markdown  # noqa: F401
from .text import render_text  # noqa: F401

FORMATS = {"table": render_text, "markdown": render_markdown, "json": render_json}
