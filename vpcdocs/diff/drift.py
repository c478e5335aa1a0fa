"""Drift: what exists (an import) against what the specs say, at network level.

The imported topology gets the spec's ids (:mod:`.align`), then the two are compared with
the diff machinery (:func:`.report.diff_topologies`, specs as *base*, what exists as
*head*): effective route rows, reachability (with service paths and security-rule flows),
lint and ``expect:`` findings (the specs' expectations are checked against what exists).
Resources are compared on their network fields only: a name, description or tag that differs
is no drift. So, in a drift report, *added* means "exists, not in the specs" and *removed*
"in the specs, does not exist".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ..diagnostics import Diagnostic
from ..model import Topology
from .align import PERSON_FIELDS, align
from .report import DiffReport, diff_topologies
from .resources import ResourceChange

PREFACE = ("Compared with the specs: **added** exists but is not in the specs, **removed** is in the "
           "specs but does not exist, **changed** differs.")


def network_resources(changes: tuple[ResourceChange, ...]) -> tuple[ResourceChange, ...]:
    """The resource changes without the fields that only describe an object for people."""
    out = []
    for r in changes:
        if r.change != "changed":
            out.append(r)
            continue
        fields = tuple(f for f in r.fields if f.field not in PERSON_FIELDS)
        if fields:
            out.append(dataclasses.replace(r, fields=fields))
    return tuple(out)


def drift_topologies(spec: Topology, actual: Topology, spec_label: str = "specs", actual_label: str = "aws",
                     spec_diagnostics: Iterable[Diagnostic] = (),
                     actual_diagnostics: Iterable[Diagnostic] = ()) -> DiffReport:
    """The drift of ``actual`` (an imported topology) from ``spec``."""
    aligned = align(spec, actual)
    report = diff_topologies(spec, aligned.topology, spec_label, actual_label, spec_diagnostics,
                             actual_diagnostics)
    return dataclasses.replace(report, resources=network_resources(report.resources), expectations_added=(),
                               expectations_removed=(), notes=report.notes + (aligned.note(),))


def has_drift(report: DiffReport) -> bool:
    """Anything at network level differs (notes do not count)."""
    return not report.empty
