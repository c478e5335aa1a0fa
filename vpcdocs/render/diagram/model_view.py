"""Pure read-only helpers over the model that the diagrams need (no drawing here)."""

from __future__ import annotations

from collections import defaultdict

from ...model import Topology
from ...model.resources import LoadBalancer, Subnet


def is_public(topology: Topology, subnet_id: str) -> bool:
    """SUB-2: a subnet is public when its route table has a route to an internet gateway."""
    rt = topology.route_table_of_subnet(subnet_id)
    return rt is not None and any(r.target_kind == "internet-gateway" for r in rt.routes)


def subnets_by_az(topology: Topology, vpc_id: str) -> list[tuple[str, list[Subnet]]]:
    """AZs in name order; in each, public subnets first (they face the IGW), then by id."""
    groups: dict[str, list[Subnet]] = defaultdict(list)
    for s in topology.subnets_of(vpc_id):
        groups[s.az].append(s)
    return [
        (az, sorted(subs, key=lambda s: (not is_public(topology, s.id), s.id)))
        for az, subs in sorted(groups.items())
    ]


def lb_kind(lb: LoadBalancer) -> str:
    return {"application": "alb", "network": "nlb"}.get(lb.type, "gwlb")


def lb_short(lb: LoadBalancer) -> str:
    return {"application": "ALB", "network": "NLB"}.get(lb.type, "GWLB")


def alb_targets(topology: Topology, lb: LoadBalancer) -> list[str]:
    """ALB ids an NLB forwards to through ``alb`` target groups (EPS-5)."""
    out = set()
    for tg in lb.target_groups:
        if tg.target_type == "alb":
            out.update(t for t in tg.targets if topology.get("load-balancer", t) is not None)
    return sorted(out)


def peer_summary(topology: Topology, peer_id: str) -> tuple[str, str]:
    """(display name, CIDR text) for a VPC or external VPC at the other end of a peering."""
    item = topology.get("vpc", peer_id) or topology.get("external-vpc", peer_id)
    if item is None:
        return peer_id, ""
    cidrs = ", ".join(str(c) for c in item.cidrs[:2])
    return item.label, cidrs


def route_rows(topology: Topology, vpc_id: str) -> list[tuple[str, list[str], list[str]]]:
    """Per route table: (label, subnet ids it serves, ``dest -> target`` lines, local omitted).

    Gateway endpoint routes are derived (GWE-2), so they are listed from the endpoints.
    """
    served: dict[str, list[str]] = defaultdict(list)
    for s in topology.subnets_of(vpc_id):
        rt = topology.route_table_of_subnet(s.id)
        if rt is not None:
            served[rt.id].append(s.id)
    rows = []
    for rt in topology.route_tables_of(vpc_id):
        lines = [f"{r.destination} \u2192 {r.target}" for r in rt.routes if r.target_kind != "local"]
        for gwe in topology.in_vpc(vpc_id, "gateway-endpoint"):
            if rt.id in gwe.route_tables:
                lines.append(f"pl ({gwe.service}) \u2192 {gwe.id}")
        label = rt.label + (" (main)" if rt.main else "")
        rows.append((label, served.get(rt.id, []), lines))
    return rows
