"""Findings: the lint results grouped by severity, each linked to the object it is about."""

from __future__ import annotations

from ...diagnostics import Severity
from ...render.escape import md_text
from .. import paths
from ..context import SiteData, code, source

PAGE = paths.FINDINGS

_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}


def render(data: SiteData) -> str:
    L = ["# Findings", "",
         "What `vpcdocs check` and the lint rules report about the specs, by severity. "
         "Each finding links to the object it is about.", ""]
    if not data.findings:
        L += ["No findings: the specs are clean.", ""]
        return "\n".join(L)
    counts = ", ".join(f"{sum(1 for d in data.findings if d.severity is s)} {_TITLES[s].lower()}" for s in Severity)
    L += [f"Total: {counts}.", ""]
    for severity in Severity:
        items = [d for d in data.findings if d.severity is severity]
        if not items:
            continue
        L += [f"## {_TITLES[severity]}", ""]
        for d in items:
            line = f"- {code(d.code)}"
            if d.rule:
                line += f" ({md_text(d.rule)})"
            line += f": {md_text(d.message)}"
            if d.resource:
                line += f" — {data.link_any(PAGE, d.resource)}"
            line += f" — {source(d.location)}"
            L.append(line)
            if d.hint:
                L.append(f"    - Hint: {md_text(d.hint)}")
        L.append("")
    return "\n".join(L)
