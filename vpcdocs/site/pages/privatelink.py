"""PrivateLink: endpoint services with their load balancers and consumers, and the
interface endpoints to AWS services."""

from __future__ import annotations

from ...sorting import natural_key
from .. import paths
from ..context import SiteData, codes, source, source_line, target
from ..doc import Code, Doc, H, Inline, P, Table, join, seq

PAGE = paths.PRIVATELINK


def render(data: SiteData) -> Doc:
    topo = data.topology
    doc = Doc("PrivateLink")
    doc.add(H(1, "PrivateLink"),
            P("Endpoint services offered from one VPC and the interface endpoints that consume them. Connections are "
              "one-way: consumers reach the service, never the other way round (IFE-5)."))
    if not topo.endpoint_services:
        doc.add(P("The specs define no endpoint services."))
    for svc in sorted(topo.endpoint_services, key=lambda s: natural_key(s.id)):
        facts: list[Inline] = [seq("Id: ", Code(svc.id))]
        if svc.vpc:
            facts.append(seq("Provider VPC: ", data.vpc_link(svc.vpc)))
        if svc.service_name:
            facts.append(seq("Service name: ", Code(svc.service_name)))
        if svc.private_dns_name:
            facts.append(seq("Private DNS name: ", Code(svc.private_dns_name)))
        facts.append(f"Acceptance required: {'yes' if svc.acceptance_required else 'no'}")
        doc.add(H(2, seq(target("endpoint-service", svc.id), svc.label)), P(join(" · ", facts)), source_line(svc.loc))
        if svc.description:
            doc.add(P(svc.description))
        if svc.allowed_principals:
            doc.add(P(seq("Allowed principals: ", codes(svc.allowed_principals))))
        if svc.supported_regions:
            doc.add(P(seq("Supported regions: ", codes(svc.supported_regions))))
        doc.add(H(3, "Load balancers"))
        if svc.load_balancers:
            rows: list[list[Inline]] = []
            for lb_id in svc.load_balancers:
                lb = topo.get("load-balancer", lb_id)
                if lb is None:
                    rows.append([Code(lb_id), "not in the specs", "", "", "", ""])
                    continue
                targets = join(", ", (seq(Code(tg.id), f" ({tg.target_type}",
                                          seq(": ", join(", ", (data.link_any(t) for t in tg.targets)))
                                          if tg.targets else "", ")") for tg in lb.target_groups))
                cz = "" if lb.cross_zone is None else ("yes" if lb.cross_zone else "no")
                rows.append([data.link("load-balancer", lb.id), lb.type, lb.scheme,
                             ", ".join(f"{x.protocol} {x.port}" for x in lb.listeners), targets, cz])
            doc.add(Table(("Load balancer", "Type", "Scheme", "Listeners", "Targets", "Cross-zone"), rows))
        else:
            doc.add(P("None."))
        consumers = sorted((e for e in topo.interface_endpoints if e.endpoint_service == svc.id),
                           key=lambda e: natural_key(e.id))
        doc.add(H(3, "Consumers"))
        if consumers:
            doc.add(Table(("Interface endpoint", "Consumer VPC", "Subnets", "State", "Defined in"),
                          [[data.link("interface-endpoint", e.id), data.vpc_link(e.vpc),
                            join(", ", (data.link("subnet", s) for s in e.subnets)), e.state, source(e.loc)]
                           for e in consumers]))
        else:
            doc.add(P("No interface endpoint in the specs consumes this service."))
    aws = sorted((e for e in topo.interface_endpoints if not e.endpoint_service), key=lambda e: natural_key(e.id))
    if aws:
        doc.add(H(2, "Interface endpoints to AWS services"),
                Table(("Interface endpoint", "Service", "VPC", "Subnets", "Private DNS", "Defined in"),
                      [[data.link("interface-endpoint", e.id), Code(e.service), data.vpc_link(e.vpc),
                        join(", ", (data.link("subnet", s) for s in e.subnets)), "yes" if e.private_dns else "no",
                        source(e.loc)] for e in aws]))
    return doc
