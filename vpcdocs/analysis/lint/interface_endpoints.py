"""Interface endpoint checks (IFE-1, IFE-2, IFE-3, IFE-7)."""

from __future__ import annotations

import ipaddress
from collections import defaultdict

from .registry import LintContext, lint_check, overlaps

VPC_QUOTA = 50
AWS_SERVICE_PORT = 443


def az_key(subnet) -> str:
    """Within one account the AZ name identifies an AZ; the AZ id when no name is written."""
    return subnet.az or subnet.az_id or ""


@lint_check
def endpoint_azs(ctx: LintContext):
    for ife in ctx.topology.interface_endpoints:
        seen = {}
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
def endpoint_dns(ctx: LintContext):
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


def _service_ports(ctx: LintContext, ife) -> list[int]:
    if not ife.endpoint_service:
        return [AWS_SERVICE_PORT]
    svc = ctx.topology.get("endpoint-service", ife.endpoint_service)
    if svc is None:
        return []
    ports = set()
    for lb_id in svc.load_balancers:
        lb = ctx.topology.get("load-balancer", lb_id)
        if lb is not None:
            ports.update(lst.port for lst in lb.listeners if lst.protocol.upper() in ("TCP", "TLS", "TCP_UDP"))
    return sorted(ports)


def _client_source(ctx: LintContext, source: str) -> bool:
    """Whether an ingress rule's source can be a client: a group, a prefix list, or a CIDR of a VPC."""
    if not source or source.startswith(("sg-", "pl-")) or ctx.topology.get("security-group", source):
        return True
    try:
        net = ipaddress.ip_network(source, strict=False)
    except ValueError:
        return True
    cidrs = [c for v in ctx.topology.vpcs for c in v.all_cidrs]
    cidrs += [c for v in ctx.topology.external_vpcs for c in v.cidrs]
    return any(overlaps(net, c) for c in cidrs)


@lint_check
def endpoint_security_groups(ctx: LintContext):
    for ife in ctx.topology.interface_endpoints:
        groups = [ctx.topology.get("security-group", sg) for sg in ife.security_groups]
        if not groups or any(g is None for g in groups):
            continue  # the VPC's default group, or a group the spec does not describe
        for port in _service_ports(ctx, ife):
            if not any(_allows_tcp(rule, port) and _client_source(ctx, rule.peer)
                       for g in groups for rule in g.ingress):
                yield ctx.finding("L-IFE-SG", f"interface endpoint '{ife.id}': its security groups "
                                  f"({', '.join(ife.security_groups)}) do not allow inbound TCP {port} from clients",
                                  ife.loc, ife.id, related=[g.loc for g in groups])


@lint_check
def endpoint_quota(ctx: LintContext):
    per_vpc = defaultdict(list)
    for ife in ctx.topology.interface_endpoints:
        per_vpc[ife.vpc].append(ife)
    for vpc_id, ifes in sorted(per_vpc.items()):
        vpc = ctx.topology.get("vpc", vpc_id)
        if vpc is not None and len(ifes) > VPC_QUOTA:
            yield ctx.finding("L-IFE-QUOTA", f"VPC '{vpc_id}' has {len(ifes)} interface endpoints; the default "
                              f"quota is {VPC_QUOTA} interface and GWLB endpoints per VPC", vpc.loc, vpc_id)


def _allows_tcp(rule, port: int) -> bool:
    if rule.protocol not in ("all", "tcp"):
        return False
    if rule.protocol == "all" or rule.from_port is None:
        return True
    return rule.from_port <= port <= (rule.to_port if rule.to_port is not None else rule.from_port)
