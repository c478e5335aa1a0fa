"""Service paths: how a subnet's traffic to AWS services leaves, and what a change does to it.

For S3 and DynamoDB the reachability engine answers ``subnet → s3`` itself: through the
gateway endpoint on the subnet's route table (GWE-2, GWE-7), else through a NAT or internet
gateway to the public endpoint, else not at all. For an AWS service with an interface
endpoint the way is a DNS fact: with private DNS on (IFE-3) the service's public name
resolves to the endpoint in every subnet of the VPC, so the flow is ``subnet → endpoint``
(tcp/443, security groups included); without one, it is ``subnet → internet`` (tcp/443).

A subnet whose way changes with an endpoint on either side is reported with what follows
from it: ``aws:SourceVpce`` conditions in bucket, table and endpoint policies (GWE-9) start or
stop matching; NAT gateway (and transit gateway) data-processing charges start or stop;
interface endpoints are billed per hour and GB (IFE-7). Subnets of one VPC with the same
change are one row.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..analysis.reach import Answer, Endpoint, traffic_for
from ..model import Topology
from ..sorting import natural_key, natural_sorted
from .flows import Reader
from .reachability import Side
from .scope import FULL, Scope

GATEWAY_SERVICES = ("s3", "dynamodb")
HTTPS = traffic_for("tcp", 443)
SEVERITIES = ("error", "warning", "info")
WayKey = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class ServiceWay:
    """How the traffic leaves: ``kind`` is gateway-endpoint, interface-endpoint, nat,
    transit-gateway, internet-gateway or blocked."""

    kind: str
    via: tuple[str, ...] = ()
    endpoint: str = ""
    disposition: str = "accepted"
    reason: str = ""
    through_nat: bool = False  # a NAT gateway is on the way

    def text(self) -> str:
        if self.kind == "gateway-endpoint":
            return f"gateway endpoint {self.endpoint}"
        if self.kind == "interface-endpoint":
            return f"interface endpoint {self.endpoint}"
        if self.kind == "blocked":
            return f"blocked ({self.disposition})" + (f": {self.reason}" if self.reason else "")
        return "public endpoint via " + " → ".join(self.via)

    def key(self) -> WayKey:
        return (self.kind, self.endpoint, self.via)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"way": self.kind, "via": list(self.via), "disposition": self.disposition}
        if self.endpoint:
            out["endpoint"] = self.endpoint
        if self.reason:
            out["reason"] = self.reason
        return out


def way_of(answer: Answer, reader: Reader, endpoint: str = "") -> ServiceWay:
    if not answer.reachable:
        return ServiceWay("blocked", disposition=answer.disposition.value, reason=answer.reason)
    state = reader.state(answer)
    kinds = [reader.kind(v) for v in state.via]
    nat = "nat-gateway" in kinds
    if endpoint:
        return ServiceWay("interface-endpoint", state.via, endpoint, through_nat=nat)
    for v, kind in zip(state.via, kinds):
        if kind == "gateway-endpoint":
            return ServiceWay("gateway-endpoint", state.via, v, through_nat=nat)
    way = "transit-gateway" if "transit-gateway" in kinds else "nat" if nat else "internet-gateway"
    return ServiceWay(way, state.via, through_nat=nat)


def consequences(service: str, before: ServiceWay, after: ServiceWay) -> tuple[str, tuple[str, ...]]:
    """(severity, sentences) of a service-path change."""
    said: list[str] = []
    endpoint_kinds = ("gateway-endpoint", "interface-endpoint")
    was_ep, is_ep = before.kind in endpoint_kinds, after.kind in endpoint_kinds
    if after.kind == "blocked":
        said.append(f"{service} requests from these subnets fail")
    elif before.kind == "blocked":
        said.append(f"{service} becomes reachable")
    if was_ep and not is_ep:
        said.append(f"policies that require aws:SourceVpce {before.endpoint} (bucket, table or endpoint "
                    f"policies, GWE-9) no longer match these requests")
    elif is_ep and not was_ep:
        said.append(f"requests now carry aws:SourceVpce {after.endpoint}; policies that allow only the public "
                    f"source addresses (aws:SourceIp) no longer match them")
    elif was_ep and is_ep and before.endpoint != after.endpoint:
        said.append(f"aws:SourceVpce changes from {before.endpoint} to {after.endpoint}")
    if after.through_nat and not before.through_nat:
        said.append("NAT gateway data-processing charges (per GB) start for this traffic")
    elif before.through_nat and not after.through_nat:
        said.append("NAT gateway data-processing charges for this traffic stop")
    if after.kind == "transit-gateway" and before.kind != "transit-gateway":
        said.append("transit gateway data-processing charges apply (centralised egress)")
    if after.kind == "interface-endpoint" and before.kind != "interface-endpoint":
        said.append("the interface endpoint is billed per hour and per GB (IFE-7)")
    severity = "error" if after.kind == "blocked" else "warning" if (was_ep and not is_ep) else "info"
    return severity, tuple(said)


@dataclass(frozen=True)
class ServiceChange:
    """Subnets of one VPC whose traffic to ``service`` leaves another way."""

    vpc: str
    subnets: tuple[str, ...]
    service: str
    before: ServiceWay
    after: ServiceWay
    severity: str
    consequences: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        return {"vpc": self.vpc, "subnets": list(self.subnets), "service": self.service,
                "before": self.before.to_json(), "after": self.after.to_json(), "severity": self.severity,
                "consequences": list(self.consequences)}


def _interface_services(t: Topology, vpc: str) -> dict[str, str]:
    """AWS service → the active interface endpoint with private DNS that serves it in ``vpc``."""
    out: dict[str, str] = {}
    for e in sorted(t.in_vpc(vpc, "interface-endpoint"), key=lambda e: natural_key(e.id)):
        if e.service and not e.endpoint_service and e.private_dns and e.active:
            out.setdefault(e.service, e.id)
    return out


def _ways(side: Side, subnet: str, services: list[tuple[str, str]]) -> dict[tuple[str, str], ServiceWay]:
    """(family, service) → way, for ``family`` gateway (s3, dynamodb) or interface."""
    out: dict[tuple[str, str], ServiceWay] = {}
    src = Endpoint("subnet", subnet, id=subnet)
    vpc = side.subnets[subnet].vpc
    endpoints = _interface_services(side.topology, vpc)
    for family, service in services:
        if family == "gateway":
            answer = side.engine.flow(src, Endpoint("service", service, service=service))
            out[(family, service)] = way_of(answer, side.read)
        elif service in endpoints:
            ep = endpoints[service]
            answer = side.engine.flow(src, Endpoint("interface-endpoint", ep, id=ep), HTTPS)
            out[(family, service)] = way_of(answer, side.read, ep)
        else:
            answer = side.engine.flow(src, Endpoint("internet", "internet"), HTTPS)
            out[(family, service)] = way_of(answer, side.read)
    return out


def _services_of(b: Side, h: Side, vpc: str) -> list[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for side in (b, h):
        for g in side.topology.in_vpc(vpc, "gateway-endpoint"):
            if g.service in GATEWAY_SERVICES:
                found.add(("gateway", g.service))
        for e in side.topology.in_vpc(vpc, "interface-endpoint"):
            if e.service and not e.endpoint_service:
                found.add(("interface", e.service))
    return sorted(found)


def diff_services(base: Topology, head: Topology, scope: Scope = FULL) -> tuple[ServiceChange, ...]:
    """Service-path changes of the subnets present on both sides, by VPC, service, subnets."""
    b, h = Side(base), Side(head)
    rows: dict[tuple[str, str, WayKey, WayKey], list[str]] = {}
    ways: dict[tuple[str, str, WayKey, WayKey], tuple[ServiceWay, ServiceWay]] = {}
    common = natural_sorted(s for s in b.subnets.keys() & h.subnets.keys()
                            if b.subnets[s].vpc == h.subnets[s].vpc and scope.dirty(h.subnets[s].vpc))
    services_by_vpc: dict[str, list[tuple[str, str]]] = {}
    for s in common:
        vpc = h.subnets[s].vpc
        if vpc not in services_by_vpc:
            services_by_vpc[vpc] = _services_of(b, h, vpc)
        services = services_by_vpc[vpc]
        if not services:
            continue
        wb, wh = _ways(b, s, services), _ways(h, s, services)
        for key in services:
            before, after = wb[key], wh[key]
            endpoint = {"gateway-endpoint", "interface-endpoint"} & {before.kind, after.kind}
            if before.key() == after.key() or not endpoint:
                continue
            k = (vpc, key[1], before.key(), after.key())
            rows.setdefault(k, []).append(s)
            ways[k] = (before, after)
    out = []
    for k, subnets in rows.items():
        before, after = ways[k]
        severity, said = consequences(k[1], before, after)
        out.append(ServiceChange(k[0], tuple(subnets), k[1], before, after, severity, said))
    return tuple(sorted(out, key=lambda c: (SEVERITIES.index(c.severity), natural_key(c.vpc), c.service,
                                            natural_key(c.subnets[0]))))
