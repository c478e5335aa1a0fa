"""Pure read-only helpers over the model that the diagrams need (no drawing here)."""

from __future__ import annotations

from collections import defaultdict

from ...model import LoadBalancer, RouteTable, Subnet, Topology
from ...routing import dataplane


def is_public(topology: Topology, subnet_id: str) -> bool:
    """SUB-2, as the data plane defines it (an active route to an internet gateway)."""
    return dataplane(topology).is_public(subnet_id)


def route_table_of(topology: Topology, subnet_id: str) -> RouteTable | None:
    """The table a subnet uses (explicit or main), as the data plane associates it."""
    table = dataplane(topology).subnet_table(subnet_id)
    return topology.get("route-table", table) if table else None


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
    """Per route table: (label, subnet ids it serves, ``dest -> target`` lines, local omitted):
    the effective rows of the data plane (derived gateway endpoint and propagated routes
    included, blackholes marked), so the legend shows exactly the table's rows."""
    dp = dataplane(topology)
    rows = []
    for eff in dp.tables_of(vpc_id):
        rt = topology.get("route-table", eff.id)
        lines = []
        for r in eff.routes:
            if r.origin == "local":
                continue
            dest = f"pl ({r.service})" if r.origin == "gateway-endpoint" and r.service else r.destination
            lines.append(f"{dest} \u2192 {r.target}" + ("" if r.active else " (blackhole)"))
        label = (rt.label if rt else eff.id) + (" (main)" if eff.main else "")
        rows.append((label, list(eff.subnets), lines))
    return rows
