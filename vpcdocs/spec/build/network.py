"""VPCs, subnets, route tables and the gateways at a VPC's edge (internet, egress-only, NAT)."""

from __future__ import annotations

from ...model import EgressOnlyInternetGateway, InternetGateway, NatGateway, RouteTable, Subnet, Vpc
from .context import VGW_AWS_ID, Builder
from .routes import build_route
from .security import subnet_nacls
from .workloads import check_addresses


def build_vpcs(b: Builder) -> None:
    for vpc_id, entry in b.ids("vpc").items():
        rec = entry.rec
        if not entry.region:
            b.err("S-REGION", f"VPC '{vpc_id}' has no region", rec.key_loc,
                  hint="set 'region:' at the top of the file or on the VPC")
        ipv6 = [rec["ipv6_cidr"]] if rec.get("ipv6_cidr") else []
        ipv6 += [c for c in rec.get("ipv6_cidrs") or () if c not in ipv6]
        b.add("vpc", Vpc(
            **b.common(rec, vpc_id),
            region=entry.region or "",
            account=entry.account,
            cidrs=(rec["cidr"], *rec.get("secondary_cidrs", ())) if "cidr" in rec else (),
            ipv6_cidrs=tuple(ipv6),
            dns_support=rec.get("dns_support", True),
            dns_hostnames=rec.get("dns_hostnames", True),
            internet_gateway=_gateway_id(rec, "internet_gateway"),
            egress_only_internet_gateway=_gateway_id(rec, "egress_only_internet_gateway"),
            vpn_gateway=_gateway_id(rec, "vpn_gateway"),
        ))


def _gateway_id(vpc: dict, key: str) -> str | None:
    gateway = vpc.get(key)
    return gateway.get("id") if gateway else None


def build_subnets(b: Builder) -> None:
    listed_by: dict[str, list[str]] = {}
    for rt_id, entry in b.ids("route-table").items():
        for subnet_id in entry.rec.get("subnets") or ():
            if b.ref("subnet", subnet_id, entry.rec.at("subnets", subnet_id), "subnet", entry.vpc):
                listed_by.setdefault(subnet_id, []).append(rt_id)
    nacls = subnet_nacls(b)
    for subnet_id, entry in b.ids("subnet").items():
        rec = entry.rec
        table = rec.get("route_table")
        if table is not None:
            table = b.ref("route-table", table, rec.at("route_table"), "route table", entry.vpc)
        elif len(listed_by.get(subnet_id, ())) == 1:
            table = listed_by[subnet_id][0]
        b.add("subnet", Subnet(
            **b.common(rec, subnet_id), vpc=entry.vpc, cidr=rec.get("cidr"), ipv6_cidr=rec.get("ipv6_cidr"),
            az=rec.get("az", ""), az_id=rec.get("az_id"), route_table=table, network_acl=nacls.get(subnet_id),
            map_public_ip=rec.get("map_public_ip", False),
        ))


def build_route_tables(b: Builder) -> None:
    for rt_id, entry in b.ids("route-table").items():
        rec = entry.rec
        routes = tuple(r for r in (build_route(b, entry.vpc, route) for route in rec.get("routes") or ()) if r)
        vgws = b.refs(rec, "propagating_vgws", "vpn-gateway", "virtual private gateway", entry.vpc, VGW_AWS_ID)
        b.add("route-table", RouteTable(
            **b.common(rec, rt_id), vpc=entry.vpc, main=rec.get("main", False), routes=routes,
            subnets=tuple(rec.get("subnets") or ()), propagating_vgws=vgws,
        ))


def build_gateways(b: Builder) -> None:
    for igw_id, entry in b.ids("internet-gateway").items():
        b.add("internet-gateway", InternetGateway(**b.common(entry.rec, igw_id), vpc=entry.vpc))
    for eigw_id, entry in b.ids("egress-only-internet-gateway").items():
        b.add("egress-only-internet-gateway", EgressOnlyInternetGateway(
            **b.common(entry.rec, eigw_id), vpc=entry.vpc, state=entry.rec.get("state", "attached")))
    for nat_id, entry in b.ids("nat-gateway").items():
        rec = entry.rec
        subnet = None
        if "subnet" in rec:
            subnet = b.ref("subnet", rec["subnet"], rec.at("subnet"), "subnet", entry.vpc)
        connectivity = rec.get("connectivity", "public")
        private_ip = rec.get("private_ip")
        if private_ip is not None and subnet is not None:
            check_addresses(b, entry.vpc, subnet, f"NAT gateway '{nat_id}'", [(private_ip, rec.at("private_ip"))])
        if "public_ip" in rec and connectivity == "private":
            b.err("S-VALUE", "a private NAT gateway has no Elastic IP address (NAT-1)", rec.at("public_ip"))
        b.add("nat-gateway", NatGateway(
            **b.common(rec, nat_id), vpc=entry.vpc, subnet=subnet or rec.get("subnet", ""),
            connectivity=connectivity, state=rec.get("state", "available"), private_ip=private_ip,
            public_ip=str(rec["public_ip"]) if "public_ip" in rec else None,
        ))
