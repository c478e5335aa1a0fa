"""Findings (loader diagnostics, lint and expectation results) as text, JSON or SARIF.

``format_findings(diags, fmt)`` is what ``vpcdocs check --format`` calls.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...diagnostics import Diagnostic
from . import json as json_format
from . import sarif as sarif_format
from . import text as text_format

FORMATS = ("text", "json", "sarif")


def format_findings(diags: Iterable[Diagnostic], fmt: str = "text", *, base_dir: str | None = None) -> str:
    """Render ``diags`` as ``text``, ``json`` or ``sarif``.

    ``base_dir``: spec file paths in JSON/SARIF are made relative to it (default: the
    working directory), with forward slashes — GitHub code scanning wants repo-relative URIs.
    """
    diags = list(diags)
    if fmt == "text":
        return text_format.render(diags)
    if fmt == "json":
        return json_format.render(diags, base_dir=base_dir)
    if fmt == "sarif":
        return sarif_format.render(diags, base_dir=base_dir)
    raise ValueError(f"unknown findings format {fmt!r}; expected one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "format_findings"]
