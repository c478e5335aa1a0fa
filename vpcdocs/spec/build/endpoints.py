"""VPC endpoints, load balancers and PrivateLink endpoint services."""

from __future__ import annotations

from ...diagnostics import did_you_mean
from ...model import EndpointService, GatewayEndpoint, InterfaceEndpoint, Listener, LoadBalancer, TargetGroup
from ..types import Rec
from .context import SERVICE_NAME_RE, Builder


def build_endpoints(b: Builder) -> None:
    for ep_id, entry in b.ids("gateway-endpoint").items():
        rec, vpc = entry.rec, entry.vpc
        for key in ("subnets", "security_groups", "endpoint_service", "private_dns"):
            if key in rec:
                b.err("S-UNKNOWN-KEY", f"'{key}' applies to interface endpoints, not gateway endpoints", rec.at(key))
        service, region = _gateway_service(b, rec)
        b.add("gateway-endpoint", GatewayEndpoint(
            **b.common(rec, ep_id), vpc=vpc, service=service, service_region=region,
            route_tables=b.refs(rec, "route_tables", "route-table", "route table", vpc),
            prefix_list_id=rec.get("prefix_list_id"), state=rec.get("state", "available"),
        ))
    for ep_id, entry in b.ids("interface-endpoint").items():
        rec, vpc = entry.rec, entry.vpc
        for key in ("route_tables", "prefix_list_id"):
            if key in rec:
                b.err("S-UNKNOWN-KEY", f"'{key}' applies to gateway endpoints, not interface endpoints", rec.at(key))
        svc = rec.get("endpoint_service")
        if svc is not None:
            svc = b.ref("endpoint-service", svc, rec.at("endpoint_service"), "endpoint service") or svc
        elif not rec.get("service"):
            b.err("S-REQUIRED", "interface endpoint needs 'service' (an AWS service) or 'endpoint_service'", rec.loc)
        b.add("interface-endpoint", InterfaceEndpoint(
            **b.common(rec, ep_id), vpc=vpc, service=rec.get("service", ""), endpoint_service=svc,
            subnets=b.refs(rec, "subnets", "subnet", "subnet", vpc), security_groups=b.security_groups(rec, vpc),
            private_dns=rec.get("private_dns", False), state=rec.get("state", "available"),
        ))


def _gateway_service(b: Builder, rec: Rec) -> tuple[str, str | None]:
    service = rec.get("service")
    if not service:
        b.err("S-REQUIRED", "gateway endpoint needs 'service' (s3 or dynamodb)", rec.loc)
        return "s3", None
    match = SERVICE_NAME_RE.match(service)
    if match:  # com.amazonaws.<region>.s3
        return match["service"], match["region"]
    return service, None


def build_load_balancers(b: Builder) -> None:
    for lb_id, entry in b.ids("load-balancer").items():
        rec, vpc = entry.rec, entry.vpc
        subnets = b.refs(rec, "subnets", "subnet", "subnet", vpc)
        security_groups = b.security_groups(rec, vpc)
        groups = []
        for tg_id, tg in (rec.get("target_groups") or {}).items():
            ttype = tg.get("target_type", "instance")
            targets = tuple(tg.get("targets") or ())
            if ttype == "alb":
                targets = b.refs(tg, "targets", "load-balancer", "load balancer")
            groups.append(TargetGroup(id=tg_id, target_type=ttype, protocol=tg.get("protocol", "TCP"),
                                      port=tg.get("port"), targets=targets, loc=tg.key_loc))
        tg_ids = {g.id for g in groups}
        listeners = []
        for lst in rec.get("listeners") or ():
            if not lst.complete:
                continue
            tg_ref = lst.get("target_group")
            if tg_ref is not None and tg_ref not in tg_ids:
                b.err("S-REF", f"unknown target group '{tg_ref}' in load balancer '{lb_id}'", lst.at("target_group"),
                      hint=did_you_mean(tg_ref, tg_ids))
            listeners.append(Listener(port=lst["port"], protocol=lst["protocol"], target_group=tg_ref, loc=lst.loc))
        b.add("load-balancer", LoadBalancer(
            **b.common(rec, lb_id), vpc=vpc, type=rec.get("type", "application"), scheme=rec.get("scheme", "internal"),
            subnets=subnets, listeners=tuple(listeners), target_groups=tuple(sorted(groups, key=lambda g: g.id)),
            security_groups=security_groups, cross_zone=rec.get("cross_zone"),
        ))


def build_endpoint_services(b: Builder) -> None:
    for svc_id, entry in b.ids("endpoint-service").items():
        rec = entry.rec
        vpc = ""
        load_balancers = b.refs(rec, "load_balancers", "load-balancer", "load balancer")
        for lb in load_balancers:
            vpc = vpc or b.ids("load-balancer")[lb].vpc
        b.add("endpoint-service", EndpointService(
            **b.common(rec, svc_id), vpc=vpc, load_balancers=load_balancers,
            acceptance_required=rec.get("acceptance_required", True),
            allowed_principals=tuple(rec.get("allowed_principals") or ()), service_name=rec.get("service_name"),
            private_dns_name=rec.get("private_dns_name"), supported_regions=tuple(rec.get("supported_regions") or ()),
        ))
