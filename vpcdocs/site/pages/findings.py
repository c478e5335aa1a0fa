"""Findings: what ``vpcdocs check`` reports (lint, expectations, suppressions applied — the one
pipeline, :func:`vpcdocs.analysis.findings.collect_findings`), by severity and then by code,
each linked to the object it is about. Bounded: a code with hundreds of findings lists the
first ones and says how many more ``vpcdocs check`` prints."""

from __future__ import annotations

from collections import Counter

from ...diagnostics import Diagnostic, Severity
from ...sorting import natural_key
from .. import paths
from ..context import SiteData, source
from ..doc import Code, Doc, H, P, Strong, Table, join, seq

PAGE = paths.FINDINGS
PER_CODE = 100  # findings listed per code

_TITLES = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Information"}


def render(data: SiteData) -> Doc:
    doc = Doc("Findings")
    doc.add(H(1, "Findings"),
            P(seq("What ", Code("vpcdocs check"), " reports about the specs — lint rules and the flows declared under ",
                  Code("expect:"), ", with suppressions applied — by severity and code. Each finding links to the "
                  "object it is about.")))
    if not data.findings:
        doc.add(P("No findings: the specs are clean."))
        return doc
    by = Counter(d.severity for d in data.findings)
    doc.add(P(seq("Total: ", join(", ", (seq(Strong(str(by[s])), f" {_TITLES[s].lower()}") for s in Severity)), ".")))
    for severity in Severity:
        items = [d for d in data.findings if d.severity is severity]
        if not items:
            continue
        doc.add(H(2, _TITLES[severity]))
        by_code: dict[str, list[Diagnostic]] = {}
        for d in items:
            by_code.setdefault(d.code, []).append(d)
        for code_, found in sorted(by_code.items(), key=lambda kv: (-len(kv[1]), natural_key(kv[0]))):
            doc.add(H(3, f"{code_} ({len(found)})"))
            hints = {d.hint for d in found if d.hint}
            if len(hints) == 1:
                doc.add(P(f"Hint: {hints.pop()}"))
            if len(found) > PER_CODE:
                doc.add(P(seq(f"The first {PER_CODE} of {len(found)}; ", Code("vpcdocs check"), " lists them all.")))
            rows = [[d.message + (f" ({d.rule})" if d.rule and d.rule not in d.message else ""),
                     data.link_any(d.resource) if d.resource else "", source(d.location)] for d in found[:PER_CODE]]
            doc.add(Table(("Finding", "About", "Defined in"), rows))
    return doc
