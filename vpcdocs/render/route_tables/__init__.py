"""Printers of effective route tables: ``text`` (terminal), ``markdown`` and ``json``."""

from .json import render_json
from .markdown import render_markdown, route_table_markdown
from .text import render_text

FORMATS = {"table": render_text, "markdown": render_markdown, "json": render_json}

__all__ = ["FORMATS", "render_json", "render_markdown", "render_text", "route_table_markdown"]
