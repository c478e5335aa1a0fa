"""Build the model from validated spec files: merge files, check ids, resolve references.

Each file has already been validated against :mod:`vpcdocs.spec.schema`; what is left are
the facts that span files: ids must be unique per kind (and route targets share one
namespace), and every reference must name something that exists — with a
``did you mean …?`` hint when it nearly does.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Location, did_you_mean, error
from ..model import (
    EXTERNAL_TARGET_PREFIXES,
    EndpointService,
    Expectation,
    ExternalVpc,
    GatewayEndpoint,
    InterfaceEndpoint,
    InternetGateway,
    Listener,
    LoadBalancer,
    NatGateway,
    Peering,
    Route,
    RouteTable,
    SecurityGroup,
    SecurityGroupRule,
    Subnet,
    Suppression,
    TargetGroup,
    TgwAttachment,
    TgwRoute,
    TgwRouteTable,
    Topology,
    TransitGateway,
    Vpc,
    normalise_protocol,
)
from .types import Rec, parse_cidr

# Kinds whose ids a route's ``target`` can name: they share one namespace.
TARGET_KINDS = {
    "internet-gateway": "internet-gateway",
    "nat-gateway": "nat-gateway",
    "peering": "vpc-peering",
    "transit-gateway": "transit-gateway",
    "gateway-endpoint": "gateway-endpoint",
    "interface-endpoint": "unknown",  # not a valid route target; reported by the validator
}

# AWS id prefixes of modelled kinds: a route naming such an id that is not in the spec is a
# route to something deleted — AWS shows it as blackhole (RT-BH-1).
AWS_ID_KINDS = {
    "igw-": "internet-gateway",
    "nat-": "nat-gateway",
    "pcx-": "vpc-peering",
    "tgw-": "transit-gateway",
    "vpce-": "gateway-endpoint",
}
AWS_ID_RE = re.compile(r"^(?:igw|nat|pcx|tgw|vpce|eni|i|vgw|eigw|cagw|lgw)-[0-9a-f]{8,17}$")

GATEWAY_SERVICES = ("s3", "dynamodb", "s3express")
SERVICE_NAME_RE = re.compile(r"^com\.amazonaws\.(?P<region>[a-z0-9-]+)\.(?P<service>[a-z0-9.-]+)$")


@dataclass
class FileSpec:
    path: str  # as shown in messages (relative to the working directory when possible)
    rec: Rec


class _Builder:
    def __init__(self, files: list[FileSpec]):
        self.files = files
        self.diags: list[Diagnostic] = []
        self.first_seen: dict[tuple[str, str], Location] = {}
        self.target_ns: dict[str, tuple[str, Location]] = {}
        self.out: dict[str, list] = {k: [] for k in (
            "vpcs", "external_vpcs", "subnets", "route_tables", "internet_gateways", "nat_gateways",
            "gateway_endpoints", "interface_endpoints", "endpoint_services", "load_balancers",
            "security_groups", "peerings", "transit_gateways", "tgw_attachments", "tgw_route_tables",
            "expectations")}
        # raw records kept for the reference pass: (kind, id) -> (rec, context)
        self.raw: dict[str, dict[str, tuple[Rec, dict]]] = {}

    # ------------------------------------------------------------------ helpers

    def err(self, code: str, message: str, loc: Location, **kw) -> None:
        self.diags.append(error(code, message, loc, **kw))

    def register(self, kind: str, id_: str, rec: Rec, **context) -> bool:
        key = (kind, id_)
        loc = rec.key_loc
        if key in self.first_seen:
            self.err("S-DUP-ID", f"duplicate {kind} id '{id_}'", loc, related=(self.first_seen[key],),
                     hint="ids must be unique per kind across all spec files")
            return False
        self.first_seen[key] = loc
        if kind in TARGET_KINDS:
            if id_ in self.target_ns:
                other_kind, other_loc = self.target_ns[id_]
                self.err("S-DUP-ID", f"id '{id_}' is used by a {other_kind} and a {kind}; route targets share "
                         "one namespace", loc, related=(other_loc,))
                return False
            self.target_ns[id_] = (kind, loc)
        self.raw.setdefault(kind, {})[id_] = (rec, context)
        return True

    def ids(self, kind: str) -> dict[str, tuple[Rec, dict]]:
        return self.raw.get(kind, {})

    def ref(self, kind: str, id_: str, loc: Location, what: str, vpc: str | None = None,
            same_vpc_label: str = "") -> bool:
        """Check that ``id_`` names a ``kind`` (in ``vpc`` when given); report if not."""
        known = self.ids(kind)
        if id_ in known:
            if vpc is not None and known[id_][1].get("vpc") != vpc:
                self.err("S-REF", f"{what} '{id_}' belongs to {known[id_][1].get('vpc')}, not {vpc}"
                         f"{same_vpc_label}", loc)
                return False
            return True
        candidates = [k for k, (_, ctx) in known.items() if vpc is None or ctx.get("vpc") == vpc]
        self.err("S-REF", f"unknown {what} '{id_}'" + (f" in {vpc}" if vpc else ""), loc,
                 hint=did_you_mean(id_, candidates))
        return False

    @staticmethod
    def common(rec: Rec, id_: str) -> dict:
        tags = rec.get("tags") or {}
        return {
            "id": id_,
            "loc": rec.key_loc,
            "name": rec.get("name"),
            "description": rec.get("description"),
            "aws_id": rec.get("aws_id"),
            "tags": tuple(sorted((str(k), str(v)) for k, v in tags.items())),
            "suppress": tuple(
                Suppression(s["code"], s["reason"], s.loc) for s in rec.get("suppress") or () if s.complete
            ),
        }

    # ------------------------------------------------------------------ pass 1: collect ids

    def collect(self) -> None:
        for f in self.files:
            rec = f.rec
            file_region = rec.get("region")
            file_account = rec.get("account")
            for vpc_id, vpc in (rec.get("vpcs") or {}).items():
                region = vpc.get("region") or file_region
                self.register("vpc", vpc_id, vpc, region=region, account=vpc.get("account") or file_account)
                igw = vpc.get("internet_gateway")
                if igw and "id" in igw:  # without an id S-REQUIRED was reported already
                    igw.key_loc = vpc.at("internet_gateway")
                    self.register("internet-gateway", igw["id"], igw, vpc=vpc_id)
                for kind, key in (("subnet", "subnets"), ("route-table", "route_tables"),
                                  ("nat-gateway", "nat_gateways"), ("load-balancer", "load_balancers"),
                                  ("security-group", "security_groups")):
                    for child_id, child in (vpc.get(key) or {}).items():
                        self.register(kind, child_id, child, vpc=vpc_id)
                for ep_id, ep in (vpc.get("endpoints") or {}).items():
                    kind = "gateway-endpoint" if ep.get("type") == "gateway" else "interface-endpoint"
                    self.register(kind, ep_id, ep, vpc=vpc_id)
            for pcx_id, pcx in (rec.get("peerings") or {}).items():
                self.register("peering", pcx_id, pcx)
            for svc_id, svc in (rec.get("endpoint_services") or {}).items():
                self.register("endpoint-service", svc_id, svc)
            for tgw_id, tgw in (rec.get("transit_gateways") or {}).items():
                self.register("transit-gateway", tgw_id, tgw, region=tgw.get("region") or file_region,
                              account=tgw.get("account") or file_account)
                for att_id, att in (tgw.get("attachments") or {}).items():
                    self.register("tgw-attachment", att_id, att, tgw=tgw_id)
                for rt_id, rt in (tgw.get("route_tables") or {}).items():
                    self.register("tgw-route-table", rt_id, rt, tgw=tgw_id)
            for exp in rec.get("expect") or ():
                if not exp.complete:
                    continue
                self.out["expectations"].append(
                    Expectation(exp["from"], exp["to"], exp.get("reachable", True), exp.get("via"),
                                exp.get("port"), loc=exp.loc, description=exp.get("description"))
                )

    # ------------------------------------------------------------------ pass 2: build objects

    @property
    def target_aws_ids(self) -> dict[str, tuple[str, str]]:
        """AWS id -> (kind, spec id) of every route-target object that has one."""
        if not hasattr(self, "_target_aws_ids"):
            self._target_aws_ids = {
                rec["aws_id"]: (kind, id_)
                for kind in TARGET_KINDS if kind != "interface-endpoint"
                for id_, (rec, _) in sorted(self.ids(kind).items()) if rec.get("aws_id")
            }
        return self._target_aws_ids

    def build(self) -> Topology:
        self.collect()
        self.build_vpcs()
        self.build_subnets_and_tables()
        self.build_gateways()
        self.build_endpoints()
        self.build_load_balancers()
        self.build_security_groups()
        self.build_peerings()
        self.build_endpoint_services()
        self.build_transit_gateways()
        self.check_expectation_refs()
        kw = {k: tuple(sorted(v, key=lambda o: o.id)) for k, v in self.out.items() if k != "expectations"}
        return Topology(**kw, expectations=tuple(self.out["expectations"]),
                        files=tuple(f.path for f in self.files))

    def build_vpcs(self) -> None:
        for vpc_id, (rec, ctx) in self.ids("vpc").items():
            if not ctx.get("region"):
                self.err("S-REGION", f"VPC '{vpc_id}' has no region", rec.key_loc,
                         hint="set 'region:' at the top of the file or on the VPC")
            igw = rec.get("internet_gateway")
            self.out["vpcs"].append(Vpc(
                **self.common(rec, vpc_id),
                region=ctx.get("region") or "",
                account=ctx.get("account"),
                cidrs=(rec["cidr"], *rec.get("secondary_cidrs", ())) if "cidr" in rec else (),
                ipv6_cidrs=(rec["ipv6_cidr"],) if rec.get("ipv6_cidr") else (),
                dns_support=rec.get("dns_support", True),
                dns_hostnames=rec.get("dns_hostnames", True),
                internet_gateway=igw.get("id") if igw else None,
            ))

    def build_subnets_and_tables(self) -> None:
        listed_by: dict[str, list[str]] = {}
        for rt_id, (rec, ctx) in self.ids("route-table").items():
            for subnet_id in rec.get("subnets") or ():
                if self.ref("subnet", subnet_id, rec.at("subnets", subnet_id), "subnet", ctx["vpc"]):
                    listed_by.setdefault(subnet_id, []).append(rt_id)
        for subnet_id, (rec, ctx) in self.ids("subnet").items():
            table = rec.get("route_table")
            if table is not None:
                self.ref("route-table", table, rec.at("route_table"), "route table", ctx["vpc"])
            elif len(listed_by.get(subnet_id, ())) == 1:
                table = listed_by[subnet_id][0]
            self.out["subnets"].append(Subnet(
                **self.common(rec, subnet_id), vpc=ctx["vpc"], cidr=rec.get("cidr"),
                ipv6_cidr=rec.get("ipv6_cidr"), az=rec.get("az", ""), az_id=rec.get("az_id"), route_table=table,
            ))
        for rt_id, (rec, ctx) in self.ids("route-table").items():
            routes = tuple(r for r in (self.route(ctx["vpc"], route) for route in rec.get("routes") or ()) if r)
            self.out["route_tables"].append(RouteTable(
                **self.common(rec, rt_id), vpc=ctx["vpc"], main=rec.get("main", False), routes=routes,
                subnets=tuple(rec.get("subnets") or ()), propagating_vgws=tuple(rec.get("propagating_vgws") or ()),
            ))

    def route(self, vpc_id: str, rec: Rec) -> Route | None:
        if not rec.complete:
            return None
        dest_text = rec["destination"]
        dest_loc = rec.at("destination")
        network = None
        if re.fullmatch(r"pl-[0-9a-z]+", dest_text) or SERVICE_NAME_RE.match(dest_text):
            dest_type = "prefix-list"
        else:
            before = len(self.diags)
            network = parse_cidr(dest_text, dest_loc, self.diags)
            if len(self.diags) > before:
                return None
            dest_type = "cidr" if network.version == 4 else "ipv6-cidr"
        target = rec["target"]
        target_loc = rec.at("target")
        kind, resolved_id, resolved = self.resolve_target(target, target_loc, dest_type == "prefix-list")
        if kind is None:
            return None
        return Route(destination=str(network) if network is not None else dest_text, target=resolved_id,
                     destination_type=dest_type, network=network, target_kind=kind, target_resolved=resolved,
                     description=rec.get("description"), loc=rec.loc)

    def resolve_target(self, target: str, loc: Location, prefix_list_destination: bool = False):
        if target == "local":
            self.err("S-VALUE", "local routes are derived from the VPC CIDRs; do not write them (CIDR-4)", loc)
            return None, target, False
        if target in self.target_ns:
            kind = self.target_ns[target][0]
            if kind == "interface-endpoint":
                self.err("S-REF", f"'{target}' is an interface endpoint, which cannot be a route target", loc,
                         hint="interface endpoints are reached through the local route")
                return None, target, False
            return TARGET_KINDS[kind], target, True
        if target in self.target_aws_ids:  # the real AWS id of a spec object
            kind, id_ = self.target_aws_ids[target]
            return TARGET_KINDS[kind], id_, True
        for prefix, kind in EXTERNAL_TARGET_PREFIXES.items():
            # an AWS id (eni-0abc…) or ARN: a spec id that merely starts like one ("i-gw") is a typo
            if target.startswith(prefix) and (prefix.endswith(":") or AWS_ID_RE.match(target)):
                return kind, target, False
        if AWS_ID_RE.match(target):
            prefix = target.split("-", 1)[0] + "-"
            if prefix == "vpce-" and not prefix_list_destination:
                # a CIDR route to a vpce- id is a Gateway Load Balancer endpoint (middlebox
                # routing, RT-LOCAL-2): not modelled, so shown as written and active
                return "gwlb-endpoint", target, False
            return AWS_ID_KINDS.get(prefix, "unknown"), target, False
        self.err("S-REF", f"unknown route target '{target}'", loc, hint=did_you_mean(target, self.target_ns)
                 or "a target is the id of an internet/NAT gateway, peering, transit gateway or gateway "
                    "endpoint in the spec, or an AWS id such as eni-0123456789abcdef0")
        return None, target, False

    def build_gateways(self) -> None:
        for igw_id, (rec, ctx) in self.ids("internet-gateway").items():
            self.out["internet_gateways"].append(InternetGateway(**self.common(rec, igw_id), vpc=ctx["vpc"]))
        for nat_id, (rec, ctx) in self.ids("nat-gateway").items():
            if "subnet" in rec:
                self.ref("subnet", rec["subnet"], rec.at("subnet"), "subnet", ctx["vpc"])
            self.out["nat_gateways"].append(NatGateway(
                **self.common(rec, nat_id), vpc=ctx["vpc"], subnet=rec.get("subnet", ""),
                connectivity=rec.get("connectivity", "public"), state=rec.get("state", "available"),
            ))

    def build_endpoints(self) -> None:
        for ep_id, (rec, ctx) in self.ids("gateway-endpoint").items():
            vpc = ctx["vpc"]
            for key in ("subnets", "security_groups", "endpoint_service", "private_dns"):
                if key in rec:
                    self.err("S-UNKNOWN-KEY", f"'{key}' applies to interface endpoints, not gateway endpoints",
                             rec.at(key))
            service, region = self.gateway_service(rec)
            for rt in rec.get("route_tables") or ():
                self.ref("route-table", rt, rec.at("route_tables", rt), "route table", vpc)
            self.out["gateway_endpoints"].append(GatewayEndpoint(
                **self.common(rec, ep_id), vpc=vpc, service=service, service_region=region,
                route_tables=tuple(rec.get("route_tables") or ()), prefix_list_id=rec.get("prefix_list_id"),
                state=rec.get("state", "available"),
            ))
        for ep_id, (rec, ctx) in self.ids("interface-endpoint").items():
            vpc = ctx["vpc"]
            for key in ("route_tables", "prefix_list_id"):
                if key in rec:
                    self.err("S-UNKNOWN-KEY", f"'{key}' applies to gateway endpoints, not interface endpoints",
                             rec.at(key))
            svc = rec.get("endpoint_service")
            if svc is not None:
                self.ref("endpoint-service", svc, rec.at("endpoint_service"), "endpoint service")
            elif not rec.get("service"):
                self.err("S-REQUIRED", "interface endpoint needs 'service' (an AWS service) or 'endpoint_service'",
                         rec.loc)
            for subnet in rec.get("subnets") or ():
                self.ref("subnet", subnet, rec.at("subnets", subnet), "subnet", vpc)
            self.check_security_groups(rec, vpc)
            self.out["interface_endpoints"].append(InterfaceEndpoint(
                **self.common(rec, ep_id), vpc=vpc, service=rec.get("service", ""), endpoint_service=svc,
                subnets=tuple(rec.get("subnets") or ()), security_groups=tuple(rec.get("security_groups") or ()),
                private_dns=rec.get("private_dns", False), state=rec.get("state", "available"),
            ))

    def gateway_service(self, rec: Rec) -> tuple[str, str | None]:
        service = rec.get("service")
        if not service:
            self.err("S-REQUIRED", "gateway endpoint needs 'service' (s3 or dynamodb)", rec.loc)
            return "s3", None
        match = SERVICE_NAME_RE.match(service)
        if match:  # com.amazonaws.<region>.s3
            return match["service"], match["region"]
        return service, None

    def check_security_groups(self, rec: Rec, vpc: str) -> None:
        for sg in rec.get("security_groups") or ():
            if sg in self.ids("security-group") or re.fullmatch(r"sg-[0-9a-f]{8,17}", sg):
                if sg in self.ids("security-group"):
                    self.ref("security-group", sg, rec.at("security_groups", sg), "security group", vpc)
                continue
            self.ref("security-group", sg, rec.at("security_groups", sg), "security group", vpc)

    def build_load_balancers(self) -> None:
        for lb_id, (rec, ctx) in self.ids("load-balancer").items():
            vpc = ctx["vpc"]
            for subnet in rec.get("subnets") or ():
                self.ref("subnet", subnet, rec.at("subnets", subnet), "subnet", vpc)
            self.check_security_groups(rec, vpc)
            groups = []
            for tg_id, tg in (rec.get("target_groups") or {}).items():
                ttype = tg.get("target_type", "instance")
                if ttype == "alb":
                    for target in tg.get("targets") or ():
                        self.ref("load-balancer", target, tg.at("targets", target), "load balancer")
                groups.append(TargetGroup(id=tg_id, target_type=ttype, protocol=tg.get("protocol", "TCP"),
                                          port=tg.get("port"), targets=tuple(tg.get("targets") or ()),
                                          loc=tg.key_loc))
            tg_ids = {g.id for g in groups}
            listeners = []
            for lst in rec.get("listeners") or ():
                if not lst.complete:
                    continue
                tg = lst.get("target_group")
                if tg is not None and tg not in tg_ids:
                    self.err("S-REF", f"unknown target group '{tg}' in load balancer '{lb_id}'",
                             lst.at("target_group"), hint=did_you_mean(tg, tg_ids))
                listeners.append(Listener(port=lst["port"], protocol=lst["protocol"], target_group=tg, loc=lst.loc))
            self.out["load_balancers"].append(LoadBalancer(
                **self.common(rec, lb_id), vpc=vpc, type=rec.get("type", "application"), scheme=rec.get("scheme", "internal"),
                subnets=tuple(rec.get("subnets") or ()), listeners=tuple(listeners),
                target_groups=tuple(sorted(groups, key=lambda g: g.id)),
                security_groups=tuple(rec.get("security_groups") or ()), cross_zone=rec.get("cross_zone"),
            ))

    def build_security_groups(self) -> None:
        for sg_id, (rec, ctx) in self.ids("security-group").items():
            def rules(key: str, rec: Rec = rec) -> tuple[SecurityGroupRule, ...]:
                out = []
                for r in rec.get(key) or ():
                    if not r.complete:
                        continue
                    lo = hi = r.get("port")
                    if "ports" in r:
                        parts = r["ports"].split("-")
                        lo, hi = int(parts[0]), int(parts[-1])
                        if lo > hi or hi > 65535:
                            self.err("S-VALUE", f"port range {r['ports']!r} is not low-high within 0..65535",
                                     r.at("ports"))
                    peer = r["source"]
                    peer_kind = ("security-group" if peer.startswith("sg-") or peer in self.ids("security-group")
                                 else "prefix-list" if peer.startswith("pl-") else "cidr")
                    network = None
                    if peer_kind == "cidr":
                        try:
                            network = ipaddress.ip_network(peer, strict=False)
                        except ValueError:
                            network = None
                    out.append(SecurityGroupRule(protocol=normalise_protocol(r["protocol"]), from_port=lo, to_port=hi,
                                                 peer=peer, peer_kind=peer_kind, network=network,
                                                 description=r.get("description"), loc=r.loc))
                return tuple(out)

            self.out["security_groups"].append(SecurityGroup(
                **self.common(rec, sg_id), vpc=ctx["vpc"], ingress=rules("ingress"), egress=rules("egress")))

    def peering_side(self, pcx_id: str, rec: Rec, side: str) -> str:
        value = rec.get(side)
        if value is None:
            return ""
        if isinstance(value, Rec):  # a VPC outside the spec (PEER-8)
            if "vpc" not in value:  # S-REQUIRED was reported by the validator
                return ""
            ext_id = value["vpc"]
            if ext_id in self.ids("vpc"):
                self.err("S-VALUE", f"'{ext_id}' is a VPC of the spec; write just its id", value.loc)
                return ext_id
            if ("external-vpc", ext_id) not in self.first_seen:
                self.first_seen[("external-vpc", ext_id)] = value.loc
                self.out["external_vpcs"].append(ExternalVpc(
                    **{**self.common(value, ext_id), "loc": value.loc}, cidrs=tuple(value.get("cidrs") or ()),
                    account=value.get("account"), region=value.get("region"),
                ))
            return ext_id
        self.ref("vpc", value, rec.at(side), "VPC")
        return value

    def build_peerings(self) -> None:
        for pcx_id, (rec, _) in self.ids("peering").items():
            requester = self.peering_side(pcx_id, rec, "requester")
            accepter = self.peering_side(pcx_id, rec, "accepter")
            if requester and requester == accepter:
                self.err("S-VALUE", f"peering '{pcx_id}' connects {requester} with itself", rec.key_loc)
            self.out["peerings"].append(Peering(
                **self.common(rec, pcx_id), requester=requester, accepter=accepter,
                status=rec.get("status", "active"), allow_dns_resolution=rec.get("allow_dns_resolution", False),
            ))

    def build_endpoint_services(self) -> None:
        for svc_id, (rec, _) in self.ids("endpoint-service").items():
            vpc = ""
            for lb in rec.get("load_balancers") or ():
                if self.ref("load-balancer", lb, rec.at("load_balancers", lb), "load balancer"):
                    vpc = vpc or self.ids("load-balancer")[lb][1]["vpc"]
            self.out["endpoint_services"].append(EndpointService(
                **self.common(rec, svc_id), vpc=vpc, load_balancers=tuple(rec.get("load_balancers") or ()),
                acceptance_required=rec.get("acceptance_required", True),
                allowed_principals=tuple(rec.get("allowed_principals") or ()), service_name=rec.get("service_name"),
                private_dns_name=rec.get("private_dns_name"), supported_regions=tuple(rec.get("supported_regions") or ()),
            ))

    def build_transit_gateways(self) -> None:
        for tgw_id, (rec, ctx) in self.ids("transit-gateway").items():
            if not ctx.get("region"):
                self.err("S-REGION", f"transit gateway '{tgw_id}' has no region", rec.key_loc,
                         hint="set 'region:' at the top of the file or on the transit gateway")
            for key in ("default_association_route_table", "default_propagation_route_table"):
                if rec.get(key):
                    self.ref("tgw-route-table", rec[key], rec.at(key), "transit gateway route table")
            self.out["transit_gateways"].append(TransitGateway(
                **self.common(rec, tgw_id), region=ctx.get("region") or "", account=ctx.get("account"),
                asn=rec.get("asn"), default_association_route_table=rec.get("default_association_route_table"),
                default_propagation_route_table=rec.get("default_propagation_route_table"),
            ))
        atts = self.ids("tgw-attachment")
        for att_id, (rec, ctx) in atts.items():
            att_type = rec.get("type", "vpc")
            vpc = rec.get("vpc")
            if att_type == "vpc":
                if vpc is None:
                    self.err("S-REQUIRED", f"VPC attachment '{att_id}' needs 'vpc'", rec.loc)
                elif self.ref("vpc", vpc, rec.at("vpc"), "VPC"):
                    for subnet in rec.get("subnets") or ():
                        self.ref("subnet", subnet, rec.at("subnets", subnet), "subnet", vpc)
            elif att_type == "peering":
                if rec.get("peer") is None:
                    self.err("S-REQUIRED", f"peering attachment '{att_id}' needs 'peer' (a transit gateway)",
                             rec.loc)
                else:
                    self.ref("transit-gateway", rec["peer"], rec.at("peer"), "transit gateway")
            self.out["tgw_attachments"].append(TgwAttachment(
                **self.common(rec, att_id), transit_gateway=ctx["tgw"], type=att_type, vpc=vpc,
                subnets=tuple(rec.get("subnets") or ()), peer_transit_gateway=rec.get("peer"),
                cidrs=tuple(rec.get("cidrs") or ()), appliance_mode=rec.get("appliance_mode", False),
                state=rec.get("state", "available"),
            ))
        for rt_id, (rec, ctx) in self.ids("tgw-route-table").items():
            tgw = ctx["tgw"]

            def att_ref(att: str, loc: Location, tgw: str = tgw) -> None:
                if att not in atts:
                    self.err("S-REF", f"unknown attachment '{att}' of transit gateway '{tgw}'", loc,
                             hint=did_you_mean(att, [a for a, (_, c) in atts.items() if c["tgw"] == tgw]))
                elif atts[att][1]["tgw"] != tgw:
                    self.err("S-REF", f"attachment '{att}' belongs to transit gateway '{atts[att][1]['tgw']}', "
                             f"not '{tgw}'", loc)

            for key in ("associations", "propagations"):
                for att in rec.get(key) or ():
                    att_ref(att, rec.at(key, att))
            routes = []
            for r in rec.get("routes") or ():
                if not r.complete:
                    continue
                blackhole = r.get("blackhole", False)
                att = r.get("attachment")
                if blackhole and att:
                    self.err("S-VALUE", "a route is either blackhole or has an attachment, not both", r.loc)
                elif not blackhole and not att:
                    self.err("S-REQUIRED", "transit gateway route needs 'attachment' or 'blackhole: true'", r.loc)
                if att:
                    att_ref(att, r.at("attachment"))
                routes.append(TgwRoute(destination=str(r["destination"]), network=r["destination"], attachment=att,
                                       blackhole=blackhole, loc=r.loc))
            self.out["tgw_route_tables"].append(TgwRouteTable(
                **self.common(rec, rt_id), transit_gateway=tgw, associations=tuple(rec.get("associations") or ()),
                propagations=tuple(rec.get("propagations") or ()), routes=tuple(routes),
            ))

    def check_expectation_refs(self) -> None:
        for exp in self.out["expectations"]:
            if exp.via is not None and not any(exp.via in ids for ids in self.raw.values()):
                self.err("S-REF", f"unknown 'via' object '{exp.via}'", exp.loc,
                         hint=did_you_mean(exp.via, [i for ids in self.raw.values() for i in ids]))


def build_topology(files: list[FileSpec]) -> tuple[Topology, list[Diagnostic]]:
    builder = _Builder(files)
    topology = builder.build()
    return topology, builder.diags
