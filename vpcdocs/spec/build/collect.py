"""Pass 1: every resource of every file, registered by kind and id (S-DUP-ID), and the
declared expectations."""

from __future__ import annotations

from ...diagnostics import did_you_mean
from ...model import Expectation, has_ports
from ..types import Rec
from .context import SERVICE_NAME_RE, Builder

# VPC key -> kind of the resources declared under it as a mapping of ids
VPC_CHILDREN = {
    "subnets": "subnet",
    "route_tables": "route-table",
    "nat_gateways": "nat-gateway",
    "load_balancers": "load-balancer",
    "security_groups": "security-group",
    "network_acls": "network-acl",
    "instances": "instance",
    "network_interfaces": "network-interface",
}
# VPC key -> kind of the one gateway it names (an id, or a mapping with ``id``)
VPC_GATEWAYS = {
    "internet_gateway": "internet-gateway",
    "egress_only_internet_gateway": "egress-only-internet-gateway",
    "vpn_gateway": "vpn-gateway",
}


def collect(b: Builder) -> None:
    for f in b.files:
        rec = f.rec
        file_region = rec.get("region")
        file_account = rec.get("account")
        for vpc_id, vpc in (rec.get("vpcs") or {}).items():
            collect_vpc(b, vpc_id, vpc, vpc.get("region") or file_region, vpc.get("account") or file_account)
        for pcx_id, pcx in (rec.get("peerings") or {}).items():
            b.register("peering", pcx_id, pcx)
        for svc_id, svc in (rec.get("endpoint_services") or {}).items():
            b.register("endpoint-service", svc_id, svc)
        for tgw_id, tgw in (rec.get("transit_gateways") or {}).items():
            b.register("transit-gateway", tgw_id, tgw, region=tgw.get("region") or file_region,
                       account=tgw.get("account") or file_account)
            for att_id, att in (tgw.get("attachments") or {}).items():
                b.register("tgw-attachment", att_id, att, tgw=tgw_id)
            for rt_id, rt in (tgw.get("route_tables") or {}).items():
                b.register("tgw-route-table", rt_id, rt, tgw=tgw_id)
        for pl_id, pl in (rec.get("prefix_lists") or {}).items():
            name_match = SERVICE_NAME_RE.match(pl.get("prefix_list_name") or "")
            region = pl.get("region") or file_region or (name_match["region"] if name_match else None)
            b.register("prefix-list", pl_id, pl, region=region, account=pl.get("account") or file_account)
        for net_id, net in (rec.get("external_networks") or {}).items():
            b.register("external-network", net_id, net)
        for vpn_id, vpn in (rec.get("vpn_connections") or {}).items():
            b.register("vpn-connection", vpn_id, vpn, region=vpn.get("region") or file_region,
                       account=vpn.get("account") or file_account)
        for dx_id, dx in (rec.get("direct_connect_gateways") or {}).items():
            b.register("direct-connect-gateway", dx_id, dx, account=dx.get("account") or file_account)
        for exp in rec.get("expect") or ():
            expectation(b, exp)


def collect_vpc(b: Builder, vpc_id: str, vpc: Rec, region: str | None, account: str | None) -> None:
    b.register("vpc", vpc_id, vpc, region=region, account=account)
    for key, kind in VPC_GATEWAYS.items():
        gateway = vpc.get(key)
        if gateway and "id" in gateway:  # without an id S-REQUIRED was reported already
            gateway.key_loc = vpc.at(key)
            dup = None
            if kind == "vpn-gateway" and (kind, gateway["id"]) in b.first_seen:
                other = b.ids(kind).get(gateway["id"])
                dup = (f"virtual private gateway '{gateway['id']}' is attached to {other.vpc if other else 'a VPC'} "
                       "already; a VGW attaches to one VPC at a time (VGW-1)")
            b.register(kind, gateway["id"], gateway, dup_message=dup, vpc=vpc_id, region=region, account=account)
    for key, kind in VPC_CHILDREN.items():
        for child_id, child in (vpc.get(key) or {}).items():
            b.register(kind, child_id, child, vpc=vpc_id, region=region, account=account)
    for ep_id, ep in (vpc.get("endpoints") or {}).items():
        kind = "gateway-endpoint" if ep.get("type") == "gateway" else "interface-endpoint"
        b.register(kind, ep_id, ep, vpc=vpc_id, region=region, account=account)


def expectation(b: Builder, exp: Rec) -> None:
    if not exp.complete:
        return
    protocol = exp.get("protocol")
    if "port" in exp and protocol is not None and not has_ports(protocol):
        b.err("S-VALUE", f"a port applies to tcp and udp flows, not {protocol}", exp.at("port"))
    b.expectations.append(
        Expectation(exp["from"], exp["to"], exp.get("reachable", True), exp.get("via"), exp.get("port"),
                    loc=exp.loc, description=exp.get("description"), protocol=protocol)
    )


def check_expectation_refs(b: Builder) -> None:
    for exp in b.expectations:
        if exp.via is not None and not any(exp.via in ids for ids in b.raw.values()):
            b.err("S-REF", f"unknown 'via' object '{exp.via}'", exp.loc,
                  hint=did_you_mean(exp.via, [i for ids in b.raw.values() for i in ids]))
