"""One page per VPC: diagram, subnets, route tables (the console's view, derived rows
included), gateways, endpoints, load balancers, peerings, TGW attachments, reachability."""

from __future__ import annotations

import json

from ...render.escape import html_text, md_cell, md_text
from ...render.route_tables.markdown import route_table_markdown
from .. import paths
from ..context import SiteData, cidrs_text, code, ids_text, img, net_key, source, source_line, target


def _facts(data: SiteData, vpc) -> list[str]:
    facts = [f"Id: {code(vpc.id)}", f"Region: {code(vpc.region)}"]
    if vpc.account:
        facts.append(f"Account: {code(vpc.account)}")
    facts.append(f"CIDRs: {cidrs_text(vpc.cidrs)}")
    if vpc.ipv6_cidrs:
        facts.append(f"IPv6: {cidrs_text(vpc.ipv6_cidrs)}")
    if vpc.aws_id:
        facts.append(f"AWS id: {code(vpc.aws_id)}")
    facts.append(f"DNS support: {'yes' if vpc.dns_support else 'no'}, hostnames: {'yes' if vpc.dns_hostnames else 'no'}")
    return facts


def _route_target(data: SiteData, page: str, route) -> str:
    """A route's target, linked to where the target is documented (plain text for ``local``)."""
    if route.target_type == "local":
        return md_cell(route.target)
    return data.link_any(page, route.target)


def _tags(item) -> list[str]:
    if not item.tags:
        return []
    return ["Tags: " + ", ".join(f"{code(k)} = {code(v)}" for k, v in item.tags), ""]


def render(data: SiteData, vpc_id: str) -> str:  # noqa: C901  (one section after another)
    topo = data.topology
    vpc = topo.vpc(vpc_id)
    page = paths.vpc_page(vpc_id)
    # The title as front matter, HTML-escaped: Material prints page.meta.title as HTML in
    # <title> and the header, where the title taken from the heading would be unescaped.
    L = ["---", f"title: {json.dumps(html_text(vpc.label))}", "---", "",
         f"# {md_text(vpc.label)}", "", target("vpc", vpc.id), "", " · ".join(_facts(data, vpc)), "",
         source_line(vpc.loc), ""]
    if vpc.description:
        L += [md_text(vpc.description), ""]
    L += _tags(vpc)
    image = paths.vpc_image(vpc_id)
    if image in data.images:
        L += [img(page, image, f"Diagram of {vpc.label}"), ""]

    # ---------------------------------------------------------------- subnets
    subnets = topo.subnets_of(vpc_id)
    L += ["## Subnets", ""]
    if subnets:
        L += ["Public: the subnet's route table has an active route to an internet gateway (SUB-2); private: "
              "active routes out of the VPC, none to an internet gateway; isolated: only local and gateway "
              "endpoint routes.", "",
              "| Subnet | Name | AZ | CIDR | Type | Route table | Source |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
        for s in sorted(subnets, key=lambda s: (s.az, net_key(s.cidr) if s.cidr else (9, 0, 0), s.id)):
            table = data.subnet_table(s.id)
            rt = (data.link(page, "route-table", table.id) + (" (main, implicit)" if not s.route_table else "")
                  if table else "none")
            cidr = cidrs_text([c for c in (s.cidr, s.ipv6_cidr) if c is not None])
            az = md_cell(s.az) + (f" ({md_text(s.az_id)})" if s.az_id else "")
            L.append(f"| {target('subnet', s.id)}{code(s.id)} | {md_cell(s.name or '')} | {az} | {cidr} "
                     f"| {data.subnet_class(s.id)} | {rt} | {source(s.loc)} |")
        L.append("")
    else:
        L += ["No subnets.", ""]

    # ---------------------------------------------------------------- route tables
    L += ["## Route tables", "",
          "As the AWS console shows them: the local route of every VPC CIDR and the "
          "prefix list → gateway endpoint row of each associated gateway endpoint are added by AWS "
          "(marked *derived*); blackhole routes say why.", ""]
    for table in data.route_tables.get(vpc_id, ()):
        md = route_table_markdown(table, heading_level=3, target_cell=lambda r: _route_target(data, page, r))
        L += [target("route-table", table.id), "", md.rstrip("\n"), "",
              source_line(table.loc), ""]

    # ---------------------------------------------------------------- gateways
    igws = topo.in_vpc(vpc_id, "internet-gateway")
    nats = topo.in_vpc(vpc_id, "nat-gateway")
    if igws or nats:
        L += ["## Internet and NAT gateways", "",
              "| Gateway | Type | Subnet | State | Description | Source |", "| --- | --- | --- | --- | --- | --- |"]
        for g in igws:
            L.append(f"| {target('internet-gateway', g.id)}{code(g.id)} | internet gateway |   | attached "
                     f"| {md_cell(g.description or '')} | {source(g.loc)} |")
        for n in nats:
            L.append(f"| {target('nat-gateway', n.id)}{code(n.id)} | NAT gateway ({md_text(n.connectivity)}) "
                     f"| {data.link(page, 'subnet', n.subnet)} | {md_cell(n.state)} "
                     f"| {md_cell(n.description or '')} | {source(n.loc)} |")
        L.append("")

    # ---------------------------------------------------------------- endpoints
    gwes = topo.in_vpc(vpc_id, "gateway-endpoint")
    ifes = topo.in_vpc(vpc_id, "interface-endpoint")
    if gwes or ifes:
        L += ["## VPC endpoints", ""]
    if gwes:
        L += ["### Gateway endpoints", "",
              "Each adds a prefix list → endpoint route to the route tables it is associated with.", "",
              "| Endpoint | Service | Route tables | Subnets using it | Prefix list | State | Source |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
        for e in gwes:
            tables = [data.table_by_id[t] for t in e.route_tables if t in data.table_by_id]
            subnets_using = sorted({s for t in tables for s in t.subnets})
            L.append(f"| {target('gateway-endpoint', e.id)}{code(e.id)} | {code(e.service)} "
                     f"| {', '.join(data.link(page, 'route-table', t) for t in e.route_tables) or ' '} "
                     f"| {ids_text(subnets_using)} | {code(e.prefix_list_id) if e.prefix_list_id else ' '} "
                     f"| {md_cell(e.state)} | {source(e.loc)} |")
        L.append("")
    if ifes:
        L += ["### Interface endpoints", "",
              "| Endpoint | Service | Subnets | Security groups | Private DNS | State | Source |",
              "| --- | --- | --- | --- | --- | --- | --- |"]
        for e in ifes:
            svc = data.link(page, "endpoint-service", e.endpoint_service) if e.endpoint_service else code(e.service)
            L.append(f"| {target('interface-endpoint', e.id)}{code(e.id)} | {svc} "
                     f"| {', '.join(data.link(page, 'subnet', s) for s in e.subnets) or ' '} "
                     f"| {', '.join(data.link(page, 'security-group', g) for g in e.security_groups) or ' '} "
                     f"| {'yes' if e.private_dns else 'no'} | {md_cell(e.state)} | {source(e.loc)} |")
        L.append("")

    # ---------------------------------------------------------------- load balancers
    lbs = topo.in_vpc(vpc_id, "load-balancer")
    if lbs:
        L += ["## Load balancers", "",
              "| Load balancer | Type | Scheme | Subnets | Listeners | Source |", "| --- | --- | --- | --- | --- | --- |"]
        for lb in lbs:
            listeners = ", ".join(f"{md_text(x.protocol)} {x.port}" + (f" → {code(x.target_group)}" if x.target_group else "")
                                  for x in lb.listeners) or " "
            L.append(f"| {target('load-balancer', lb.id)}{code(lb.id)} | {md_cell(lb.type)} | {md_cell(lb.scheme)} "
                     f"| {', '.join(data.link(page, 'subnet', s) for s in lb.subnets) or ' '} | {listeners} "
                     f"| {source(lb.loc)} |")
        L.append("")

    # ---------------------------------------------------------------- security groups
    sgs = topo.in_vpc(vpc_id, "security-group")
    if sgs:
        L += ["## Security groups", "",
              "| Security group | Direction | Protocol | Ports | Source / destination | Source |",
              "| --- | --- | --- | --- | --- | --- |"]
        for g in sgs:
            first = f"{target('security-group', g.id)}{code(g.id)}"
            rules = [("inbound", r) for r in g.ingress] + [("outbound", r) for r in g.egress]
            if not rules:
                L.append(f"| {first} | no rules |   |   |   | {source(g.loc)} |")
            for i, (direction, r) in enumerate(rules):
                ports = "all" if r.from_port is None else (
                    str(r.from_port) if r.to_port in (None, r.from_port) else f"{r.from_port}–{r.to_port}")
                L.append(f"| {first if i == 0 else ' '} | {direction} | {md_cell(r.protocol)} | {ports} "
                         f"| {code(r.peer)} | {source(r.loc)} |")
        L.append("")

    # ---------------------------------------------------------------- peerings
    peerings = topo.peerings_of(vpc_id)
    if peerings:
        L += ["## Peerings", "", "| Peering | Peer VPC | Peer CIDRs | This VPC is | Status | Source |",
              "| --- | --- | --- | --- | --- | --- |"]
        for p in peerings:
            other = p.other_side(vpc_id)
            role = "requester" if p.requester == vpc_id else "accepter"
            L.append(f"| {target('peering', p.id)}{code(p.id)} | {data.vpc_link(page, other)} "
                     f"| {cidrs_text(topo.peer_cidrs(other))} | {role} | {md_cell(p.status)} | {source(p.loc)} |")
        L.append("")

    # ---------------------------------------------------------------- transit gateways
    atts = topo.attachments_of_vpc(vpc_id)
    if atts:
        L += ["## Transit gateway attachments", "",
              "| Attachment | Transit gateway | Subnets | Associated route table | Propagates to | Source |",
              "| --- | --- | --- | --- | --- | --- |"]
        for a in atts:
            assoc = data.dp.association(a.id)
            props = [t.id for t in data.dp.tgw_route_tables if a.id in t.propagations]
            L.append(f"| {data.link(page, 'tgw-attachment', a.id)} | {data.link(page, 'transit-gateway', a.transit_gateway)} "
                     f"| {', '.join(data.link(page, 'subnet', s) for s in a.subnets) or ' '} "
                     f"| {data.link(page, 'tgw-route-table', assoc) if assoc else 'none'} "
                     f"| {', '.join(data.link(page, 'tgw-route-table', t) for t in props) or ' '} | {source(a.loc)} |")
        L.append("")

    # ---------------------------------------------------------------- reachability
    if data.reach is not None:
        from .reachability import subnet_matrix_markdown

        matrix = subnet_matrix_markdown(data, vpc_id, page)
        if matrix:
            L += ["## Reachability between subnets", "", matrix, ""]

    # ---------------------------------------------------------------- findings
    mine = [d for d in data.findings if d.resource and data.page_of_resource(d.resource) == page]
    if mine:
        L += ["## Findings", "", f"Lint findings about this VPC's objects (all: [Findings]({paths.rel(page, paths.FINDINGS)})).", ""]
        for d in mine:
            L.append(f"- **{d.severity.value}** {code(d.code)} {md_text(d.message)} — {data.link_any(page, d.resource)}")
        L.append("")
    return "\n".join(L)
