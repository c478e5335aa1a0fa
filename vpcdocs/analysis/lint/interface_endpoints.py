"""Interface endpoint checks (IFE-1, IFE-2, IFE-3, IFE-7).

L-IFE-SG asks the reachability engine: can the endpoint's clients (its own VPC, its peers
and the VPCs sharing a transit gateway with it) reach the endpoint's interfaces on the
service port? It fires when none can and the endpoint's own VPC is stopped by the
endpoint's security groups — exactly what ``vpcdocs reach <vpc> <endpoint> --port N`` says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ...diagnostics import Diagnostic
from ...model import InterfaceEndpoint, Subnet
from .registry import LintContext, lint_check

VPC_QUOTA = 50
AWS_SERVICE_PORT = 443
SG_CAUSES = ("sg-ingress", "sg-empty")


def az_key(subnet: Subnet) -> str:
    """Within one account the AZ name identifies an AZ; the AZ id when no name is written."""
    return subnet.az or subnet.az_id or ""


@lint_check
def endpoint_azs(ctx: LintContext) -> Iterator[Diagnostic]:
    for ife in ctx.topology.interface_endpoints:
        seen: dict[str, str] = {}
        for subnet_id in ife.subnets:
            subnet = ctx.topology.get("subnet", subnet_id)
            if subnet is None or not az_key(subnet):
                continue
            key = az_key(subnet)
            if key in seen and seen[key] != subnet_id:
                yield ctx.finding("L-IFE-AZ-DUP", f"interface endpoint '{ife.id}' has two subnets in {key} "
                                  f"('{seen[key]}' and '{subnet_id}'); choose one subnet per AZ", ife.loc, ife.id)
            seen.setdefault(key, subnet_id)


@lint_check
def endpoint_dns(ctx: LintContext) -> Iterator[Diagnostic]:
    for ife in ctx.topology.interface_endpoints:
        vpc = ctx.topology.get("vpc", ife.vpc)
        if not ife.private_dns or vpc is None:
            continue
        off = [name for name, on in (("dns_support", vpc.dns_support), ("dns_hostnames", vpc.dns_hostnames))
               if not on]
        if off:
            yield ctx.finding("L-IFE-DNS", f"interface endpoint '{ife.id}' has private DNS on but VPC '{vpc.id}' "
                              f"has {' and '.join(off)} off; the service name will not resolve to the endpoint",
                              ife.loc, ife.id, related=(vpc.loc,))


def _service_ports(ctx: LintContext, ife: InterfaceEndpoint) -> list[int]:
    if not ife.endpoint_service:
        return [AWS_SERVICE_PORT]
    svc = ctx.topology.get("endpoint-service", ife.endpoint_service)
    if svc is None:
        return []
    ports: set[int] = set()
    for lb_id in svc.load_balancers:
        lb = ctx.topology.get("load-balancer", lb_id)
        if lb is not None:
            ports.update(lst.port for lst in lb.listeners if lst.protocol.upper() in ("TCP", "TLS", "TCP_UDP"))
    return sorted(ports)


@lint_check
def endpoint_security_groups(ctx: LintContext) -> Iterator[Diagnostic]:
    from ..reach import Endpoint  # reach imports the catalogue: import it when first asked

    topo = ctx.topology
    for ife in topo.interface_endpoints:
        interfaces = ctx.interfaces_of(ife.id)
        if not ife.active or not interfaces or not all(
                (s := topo.get("subnet", i.subnet)) is not None and s.networks for i in interfaces):
            continue  # nothing to ask: no interface, or one in a subnet without an address range
        groups = interfaces[0].security_groups or ()
        target = Endpoint("interface-endpoint", ife.id, id=ife.id)
        clients: list[str] | None = None  # the other VPCs that could be clients, when first needed
        for port in _service_ports(ctx, ife):
            own = ctx.reach.answer(Endpoint("vpc", ife.vpc, id=ife.vpc), target, port, "tcp")
            blocker = own.blocker
            if own.reachable or blocker is None or blocker.cause not in SG_CAUSES or \
                    blocker.get("interface") not in {i.id for i in interfaces}:
                continue
            if clients is None:
                clients = [v for v in ctx.dp.neighbours.neighbourhood(ife.vpc) if v != ife.vpc]
            if any(ctx.reach.answer(Endpoint("vpc", v, id=v), target, port, "tcp").reachable for v in clients):
                continue
            yield ctx.finding("L-IFE-SG", f"interface endpoint '{ife.id}': its security groups "
                              f"({', '.join(groups)}) do not allow inbound TCP {port} from clients: {own.reason}",
                              ife.loc, ife.id,
                              related=[g.loc for g in (topo.get("security-group", x) for x in groups) if g])


@lint_check
def endpoint_quota(ctx: LintContext) -> Iterator[Diagnostic]:
    per_vpc: dict[str, list[InterfaceEndpoint]] = defaultdict(list)
    for ife in ctx.topology.interface_endpoints:
        per_vpc[ife.vpc].append(ife)
    for vpc_id, ifes in sorted(per_vpc.items()):
        vpc = ctx.topology.get("vpc", vpc_id)
        if vpc is not None and len(ifes) > VPC_QUOTA:
            yield ctx.finding("L-IFE-QUOTA", f"VPC '{vpc_id}' has {len(ifes)} interface endpoints; the default "
                              f"quota is {VPC_QUOTA} interface and GWLB endpoints per VPC", vpc.loc, vpc_id)
