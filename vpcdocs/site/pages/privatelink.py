"""PrivateLink: endpoint services with their load balancers and consumers, and the
interface endpoints to AWS services."""

from __future__ import annotations

from ...render.escape import md_cell, md_text
from .. import paths
from ..context import SiteData, code, ids_text, source, source_line, target

PAGE = paths.PRIVATELINK


def render(data: SiteData) -> str:
    topo = data.topology
    L = ["# PrivateLink", "",
         "Endpoint services offered from one VPC and the interface endpoints that consume them. "
         "Connections are one-way: consumers reach the service, never the other way round (IFE-5).", ""]
    if not topo.endpoint_services:
        L += ["The specs define no endpoint services.", ""]
    for svc in topo.endpoint_services:
        L += [target("endpoint-service", svc.id), "", f"## {md_text(svc.label)}", ""]
        facts = [f"Id: {code(svc.id)}"]
        if svc.vpc:
            facts.append(f"Provider VPC: {data.vpc_link(PAGE, svc.vpc)}")
        if svc.service_name:
            facts.append(f"Service name: {code(svc.service_name)}")
        if svc.private_dns_name:
            facts.append(f"Private DNS name: {code(svc.private_dns_name)}")
        facts.append(f"Acceptance required: {'yes' if svc.acceptance_required else 'no'}")
        L += [" · ".join(facts), "", source_line(svc.loc), ""]
        if svc.description:
            L += [md_text(svc.description), ""]
        if svc.allowed_principals:
            L += [f"Allowed principals: {ids_text(svc.allowed_principals)}", ""]
        if svc.supported_regions:
            L += [f"Supported regions: {ids_text(svc.supported_regions)}", ""]

        L += ["### Load balancers", ""]
        if svc.load_balancers:
            L += ["| Load balancer | Type | Scheme | Listeners | Targets | Cross-zone |", "| --- | --- | --- | --- | --- | --- |"]
            for lb_id in svc.load_balancers:
                lb = topo.get("load-balancer", lb_id)
                if lb is None:
                    L.append(f"| {code(lb_id)} | not in the specs |   |   |   |   |")
                    continue
                listeners = ", ".join(f"{md_text(x.protocol)} {x.port}" for x in lb.listeners) or " "
                targets = ", ".join(
                    f"{code(tg.id)} ({md_text(tg.target_type)}"
                    + (": " + ", ".join(data.link_any(PAGE, t) for t in tg.targets) if tg.targets else "") + ")"
                    for tg in lb.target_groups) or " "
                cz = " " if lb.cross_zone is None else ("yes" if lb.cross_zone else "no")
                L.append(f"| {data.link(PAGE, 'load-balancer', lb.id)} | {md_cell(lb.type)} | {md_cell(lb.scheme)} "
                         f"| {listeners} | {targets} | {cz} |")
            L.append("")
        else:
            L += ["None.", ""]

        consumers = [e for e in topo.interface_endpoints if e.endpoint_service == svc.id]
        L += ["### Consumers", ""]
        if consumers:
            L += ["| Interface endpoint | Consumer VPC | Subnets | State | Source |", "| --- | --- | --- | --- | --- |"]
            for e in consumers:
                L.append(f"| {data.link(PAGE, 'interface-endpoint', e.id)} | {data.vpc_link(PAGE, e.vpc)} "
                         f"| {', '.join(data.link(PAGE, 'subnet', s) for s in e.subnets) or ' '} "
                         f"| {md_cell(e.state)} | {source(e.loc)} |")
            L.append("")
        else:
            L += ["No interface endpoint in the specs consumes this service.", ""]

    aws = [e for e in topo.interface_endpoints if not e.endpoint_service]
    if aws:
        L += ["## Interface endpoints to AWS services", "",
              "| Interface endpoint | Service | VPC | Subnets | Private DNS | Source |", "| --- | --- | --- | --- | --- | --- |"]
        for e in aws:
            L.append(f"| {data.link(PAGE, 'interface-endpoint', e.id)} | {code(e.service)} | {data.vpc_link(PAGE, e.vpc)} "
                     f"| {', '.join(data.link(PAGE, 'subnet', s) for s in e.subnets) or ' '} "
                     f"| {'yes' if e.private_dns else 'no'} | {source(e.loc)} |")
        L.append("")
    return "\n".join(L)
