"""Build the model from validated spec files: merge files, check ids, resolve references.

Each file has already been validated against :mod:`vpcdocs.spec.schema`; what is left are
the facts that span fields and files: ids must be unique per kind (route targets share one
namespace, security-group rule peers another), every reference must name something that
exists — with a ``did you mean …?`` hint when it nearly does — and the AWS rules that tie
fields together (addresses inside their subnet, one network ACL per subnet, route targets
that carry the destination's address family, …). Every problem is reported; none stops the
build.

One module per resource family; :class:`~.context.Builder` holds what they share, including
the one reference resolver (:meth:`~.context.Builder.resolve`).
"""

from __future__ import annotations

from ...diagnostics import Diagnostic
from ...model import Topology
from .collect import check_expectation_refs, collect
from .context import Builder, FileSpec
from .endpoints import build_endpoint_services, build_endpoints, build_load_balancers
from .hybrid import (
    build_direct_connect_gateways,
    build_external_networks,
    build_vpn_connections,
    build_vpn_gateways,
)
from .network import build_gateways, build_route_tables, build_subnets, build_vpcs
from .security import build_network_acls, build_prefix_lists, build_security_groups
from .transit import build_peerings, build_transit_gateways
from .workloads import build_instances, build_network_interfaces

__all__ = ["FileSpec", "build_topology"]

STEPS = (
    build_vpcs, build_subnets, build_route_tables, build_gateways, build_endpoints, build_load_balancers,
    build_security_groups, build_network_acls, build_prefix_lists, build_instances, build_network_interfaces,
    build_peerings, build_endpoint_services, build_transit_gateways, build_external_networks, build_vpn_gateways,
    build_vpn_connections, build_direct_connect_gateways,
)


def build_topology(files: list[FileSpec]) -> tuple[Topology, list[Diagnostic]]:
    builder = Builder(files)
    collect(builder)
    for step in STEPS:
        step(builder)
    check_expectation_refs(builder)
    return builder.topology(), builder.diags
