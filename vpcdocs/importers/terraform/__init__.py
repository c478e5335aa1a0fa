"""Import Terraform: ``terraform show -json`` (plan or state, any format_version) and raw
``.tfstate`` v4 files, nested modules and mixed providers included.

Terraform resources are converted to the same describe-* shapes the AWS importers produce
and translated by :func:`vpcdocs.importers.describe.translate`, so every rule there (derived
routes, naming, external peers, skip reasons …) applies unchanged. One converter per resource
family: :mod:`.network`, :mod:`.security`, :mod:`.endpoints`, :mod:`.transit`,
:mod:`.workloads`; :mod:`.parse` reads the file and :mod:`.base` resolves references that are
unknown before ``terraform apply`` (see there).

Resources of other providers (``azurerm_…``), data sources and AWS types vpcdocs does not
model are listed as skipped with the reason.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..aws_json import read_json
from ..describe import translate
from ..model import AwsSnapshot, ImportFailure, ImportResult
from .endpoints import EndpointConverter
from .network import NetworkConverter
from .parse import parse
from .security import SecurityConverter
from .transit import TransitConverter
from .workloads import WorkloadConverter

__all__ = ["import_terraform"]


class Converter(NetworkConverter, SecurityConverter, EndpointConverter, TransitConverter, WorkloadConverter):
    """Every Terraform resource family into one describe-shaped snapshot."""

    def convert(self) -> AwsSnapshot:
        d: dict[str, list[Any]] = defaultdict(list)
        vpcs = self.convert_vpcs(d)
        self.convert_route_tables(d, vpcs)
        self.convert_gateways(d)
        self.convert_prefix_lists(d)
        self.convert_security_groups(d)
        self.convert_network_acls(d)
        self.convert_peerings(d, vpcs)
        self.convert_endpoints(d)
        self.convert_lbs(d)
        self.convert_tgws(d)
        self.convert_vgws(d)
        self.convert_dx(d)
        self.convert_prefix_list_references(d)
        self.convert_instances(d)
        self.convert_interfaces(d)
        return AwsSnapshot(region=None, account=self.account(), data=dict(d), source=self.source,
                           extra={"VpcAttributes": self.vpc_attrs, "default_region": self.region()})

    def run(self) -> ImportResult:
        result = translate([self.convert()])
        result.skipped = self.result.skipped + result.skipped
        result.notes = self.result.notes + result.notes
        return result


def import_terraform(path: str | os.PathLike[str], region: str | None = None) -> ImportResult:
    """Spec files and skip report for a Terraform plan/state file; raises :class:`ImportFailure`."""
    p = Path(path)
    display = str(path)
    if not p.exists():
        raise ImportFailure(display, "I-IO", "no such file")
    if p.is_dir():
        raise ImportFailure(display, "I-IO", "is a folder; give the plan/state JSON file")
    doc = read_json(p, display)
    resources, configuration, kind = parse(doc, display)
    result = Converter(resources, configuration, p.name, region).run()
    result.notes.insert(0, f"{display}: Terraform {kind}, {len(resources)} resources")
    return result
