"""VPC endpoints (gateway GWE-*, interface IFE-*) and PrivateLink endpoint services (EPS-*)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ..naming import common, finish, is_placeholder, service_short, state_of
from .context import Context, Entry


def build_endpoints(ctx: Context, vpc_id: str, endpoints: list[tuple[str, Entry]]) -> dict[str, dict[str, Any]]:
    out = {}
    svc_by_name = {s.get("ServiceName"): sid for sid, (_, s) in ctx.store["service"].items() if s.get("ServiceName")}
    region = ctx.region(ctx.store["vpc"][vpc_id][0])
    for eid, (snap, e) in endpoints:
        kind = Context.endpoint_type(e)
        spec_id = ctx.target_id(eid)
        doc = common(e, eid, spec_id)
        service_name = str(e.get("ServiceName") or "")
        if kind == "gateway":
            doc["type"] = "gateway"
            doc["service"] = service_short(service_name, region)
            tables = set(ctx.gw_routes.get(eid, ()))
            for rt in e.get("RouteTableIds") or []:
                if rt in ctx.store["route-table"]:
                    tables.add(rt)
                else:
                    ctx.skip("endpoint-route-table", f"{eid} {rt}", "route table not in the import", snap)
            names = sorted(ctx.names.get("route-table", rt) or rt for rt in tables
                           if ctx.get("route-table", rt).get("VpcId") == vpc_id)
            if names:
                doc["route_tables"] = names
            pl = ctx.gw_prefix.get(eid) or ctx.pl_by_name.get(service_name) or e.get("_prefix_list_id")
            if isinstance(pl, str) and pl and not is_placeholder(pl):
                doc["prefix_list_id"] = pl
                ctx.pl_ref(pl)  # its CIDRs are what the derived route matches (PL-3)
        elif kind == "interface":
            doc["type"] = "interface"
            if service_name in svc_by_name and service_emitted(ctx, svc_by_name[service_name]):
                doc["endpoint_service"] = ctx.names.get("endpoint-service", svc_by_name[service_name])
            elif service_name:
                doc["service"] = service_short(service_name, region)
            else:
                ctx.skip("endpoint", eid, "interface endpoint without a service name", snap)
                continue
            subs = [s for s in e.get("SubnetIds") or [] if s in ctx.subnet_docs]
            for s in e.get("SubnetIds") or []:
                if s not in ctx.subnet_docs:
                    ctx.skip("endpoint-subnet", f"{eid} {s}", "subnet not in the import", snap)
            if subs:
                doc["subnets"] = sorted(ctx.names.get("subnet", s) for s in subs)
            groups = [g.get("GroupId") for g in e.get("Groups") or [] if isinstance(g.get("GroupId"), str)]
            refs = sorted({r for g in groups if (r := ctx.sg_ref(g, None, ctx.account(snap, e)))})
            if refs:
                doc["security_groups"] = refs
            if e.get("PrivateDnsEnabled"):
                doc["private_dns"] = True
        else:
            ctx.skip("endpoint", eid, f"{e.get('VpcEndpointType')} endpoints are not modelled", snap)
            continue
        state = state_of(e, "available")
        if state != "available":
            doc["state"] = state
        if kind == "gateway":
            ctx.emitted.add(eid)
        out[spec_id] = finish(doc, e)
    return dict(sorted(out.items()))  # type: ignore[arg-type]


def service_emitted(ctx: Context, sid: str) -> bool:
    s = ctx.get("service", sid)
    arns = (s.get("NetworkLoadBalancerArns") or []) + (s.get("GatewayLoadBalancerArns") or [])
    return any(arn in ctx.store["lb"] and ctx.get("lb", arn).get("VpcId") in ctx.vpc_docs for arn in arns)


def build_services(ctx: Context) -> dict[str, dict[str, Any]]:
    out = {}
    perms: dict[str, list[str]] = defaultdict(list)
    for snap in ctx.snaps:
        for entry in snap.items("ServicePermissions"):
            perms[str(entry.get("ServiceId"))].extend(
                a["Principal"] for a in entry.get("AllowedPrincipals") or [] if isinstance(a.get("Principal"), str))
    for sid, (snap, s) in sorted(ctx.store["service"].items()):
        spec_id = ctx.names.get("endpoint-service", sid)
        doc = common(s, sid, spec_id)
        lbs = []
        for arn in (s.get("NetworkLoadBalancerArns") or []) + (s.get("GatewayLoadBalancerArns") or []):
            name = ctx.names.get("load-balancer", arn)
            if name and ctx.get("lb", arn).get("VpcId") in ctx.vpc_docs:
                lbs.append(name)
            else:
                ctx.skip("endpoint-service-load-balancer", f"{sid} {arn}", "load balancer not in the import", snap)
        if not lbs:
            ctx.skip("endpoint-service", sid, "none of its load balancers is in the import", snap)
            continue
        doc["load_balancers"] = sorted(lbs)
        doc["acceptance_required"] = bool(s.get("AcceptanceRequired", True))
        principals = sorted(set(perms.get(sid, [])) | set(s.get("_allowed_principals") or []))
        if principals:
            doc["allowed_principals"] = principals
        name = s.get("ServiceName")
        if isinstance(name, str) and re.fullmatch(r"com\.amazonaws\.vpce\.[a-z0-9-]+\.vpce-svc-[0-9a-z]+", name):
            doc["service_name"] = name
        if s.get("PrivateDnsName"):
            doc["private_dns_name"] = s["PrivateDnsName"]
        assert spec_id is not None
        ctx.owner[("endpoint_services", spec_id)] = ctx.account(snap, s)
        out[spec_id] = finish(doc, s)
    return dict(sorted(out.items()))
