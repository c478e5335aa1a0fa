"""One page per VPC: its own facts first — diagram, subnets (class and network ACL), route
tables (the console's view, derived rows included), gateways, endpoints, load balancers,
peerings, TGW attachments, security groups, network ACLs, instances — then a bounded
reachability summary (:mod:`.vpc_reach`) and the findings about its objects."""

from __future__ import annotations

from ...render.route_tables.labels import origin_label
from ...sorting import natural_key
from .. import paths
from ..context import SiteData, codes, source, source_line, target
from ..doc import Code, Doc, H, Img, Inline, Link, P, Raw, Strong, Table, join, seq
from . import vpc_reach, vpc_security

DEFINED_IN = vpc_security.DEFINED_IN
CLASS_ORDER = {"public": 0, "private": 1, "isolated": 2}
FINDINGS_SHOWN = 30


def _facts(vpc) -> P:
    facts: list[Inline] = [seq("Id: ", Code(vpc.id)), seq("Region: ", Code(vpc.region))]
    if vpc.account:
        facts.append(seq("Account: ", Code(vpc.account)))
    facts.append(seq("CIDRs: ", codes(vpc.cidrs)))
    if vpc.ipv6_cidrs:
        facts.append(seq("IPv6: ", codes(vpc.ipv6_cidrs)))
    if vpc.aws_id:
        facts.append(seq("AWS id: ", Code(vpc.aws_id)))
    facts.append(f"DNS support: {'yes' if vpc.dns_support else 'no'}, hostnames: {'yes' if vpc.dns_hostnames else 'no'}")
    return P(join(" · ", facts), cls="vpcdocs-ids")


def _glance(data: SiteData, vpc_id: str) -> P:
    topo = data.topology
    subnets = topo.subnets_of(vpc_id)
    classes = [data.subnet_class(s.id) for s in subnets]
    by = ", ".join(f"{classes.count(c)} {c}" for c in CLASS_ORDER if classes.count(c))
    parts: list[Inline] = [f"{len(subnets)} subnet{'s' if len(subnets) != 1 else ''}" + (f" ({by})" if by else ""),
                           f"{len(data.route_tables.get(vpc_id, ()))} route tables"]
    peerings = topo.peerings_of(vpc_id)
    if peerings:
        parts.append(f"{len(peerings)} peering{'s' if len(peerings) != 1 else ''}")
    tgws = sorted({a.transit_gateway for a in topo.attachments_of_vpc(vpc_id)}, key=natural_key)
    if tgws:
        parts.append(seq("attached to ", join(", ", (data.link("transit-gateway", t) for t in tgws))))
    return P(seq("At a glance: ", join(" · ", parts), "."))


def _subnets(data: SiteData, vpc_id: str) -> list:
    subnets = data.topology.subnets_of(vpc_id)
    out: list = [H(2, "Subnets")]
    if not subnets:
        return out + [P("No subnets.")]
    named = any(s.name for s in subnets)
    rows = []
    for s in sorted(subnets, key=lambda s: (CLASS_ORDER.get(data.subnet_class(s.id), 9), natural_key(s.id))):
        table = data.subnet_table(s.id)
        rt: Inline = (seq(data.link("route-table", table.id), " (main, implicit)" if not s.route_table else "")
                      if table else "none")
        acl = data.dp.subnet_nacl(s.id)
        acl_text: Inline = "none" if acl is None else seq(
            data.link("network-acl", acl.id), " (default)" if acl.acl.default or acl.derived else "")
        az = s.az + (f" ({s.az_id})" if s.az_id else "")
        row: list[Inline] = [seq(target("subnet", s.id), Code(s.id))]
        if named:
            row.append(s.name or "")
        row += [az, codes(c for c in (s.cidr, s.ipv6_cidr) if c is not None), data.subnet_class(s.id), rt, acl_text,
                source(s.loc)]
        rows.append(row)
    columns = ("Subnet", *(("Name",) if named else ()), "AZ", "CIDR", "Class", "Route table", "Network ACL", DEFINED_IN)
    return out + [P("Public: an active route to an internet gateway (SUB-2); private: active routes out of the VPC, "
                    "none to an internet gateway; isolated: only local and gateway endpoint routes."),
                  Table(columns, rows)]


def _route_target(data: SiteData, route) -> Inline:
    """A route's target, linked to where the target is documented (plain text for ``local``)."""
    if route.target_type == "local":
        return route.target
    return data.link_any(route.target)


def _route_tables(data: SiteData, vpc_id: str) -> list:
    out: list = [H(2, "Route tables"),
                 P("As the AWS console shows them: the local route of every VPC CIDR and the prefix list → gateway "
                   "endpoint row of each associated gateway endpoint are added by AWS (marked derived); blackhole "
                   "routes say why.")]
    for t in sorted(data.route_tables.get(vpc_id, ()), key=lambda t: natural_key(t.id)):
        out.append(H(3, seq(target("route-table", t.id), t.id, " (main)" if t.main else "")))
        subnets = join(", ", (seq(Code(s), " (implicit)" if s in t.implicit_subnets else "") for s in t.subnets))
        facts: list[Inline] = [seq("Subnets: ", subnets or "none")]
        if t.aws_id:
            facts.append(seq("AWS id: ", Code(t.aws_id)))
        out.append(P(join(" · ", facts)))
        if t.description:
            out.append(P(t.description))
        rows = []
        for r in t.routes:
            state: Inline = r.state if r.state == "active" else seq(Strong(r.state), f" — {r.reason}" if r.reason else "")
            rows.append([r.destination, _route_target(data, r), origin_label(r), state])
        out += [Table(("Destination", "Target", "Origin", "State"), rows), source_line(t.loc)]
    return out


def _gateways(data: SiteData, vpc_id: str) -> list:
    topo = data.topology
    igws = topo.in_vpc(vpc_id, "internet-gateway")
    nats = sorted(topo.in_vpc(vpc_id, "nat-gateway"), key=lambda n: natural_key(n.id))
    if not igws and not nats:
        return []
    rows: list[list[Inline]] = [[seq(target("internet-gateway", g.id), Code(g.id)), "internet gateway", "", "attached",
                                 g.description or "", source(g.loc)] for g in igws]
    rows += [[seq(target("nat-gateway", n.id), Code(n.id)), f"NAT gateway ({n.connectivity})", data.link("subnet", n.subnet),
              n.state, n.description or "", source(n.loc)] for n in nats]
    return [H(2, "Internet and NAT gateways"),
            Table(("Gateway", "Type", "Subnet", "State", "Description", DEFINED_IN), rows)]


def _endpoints(data: SiteData, vpc_id: str) -> list:
    topo = data.topology
    gwes = sorted(topo.in_vpc(vpc_id, "gateway-endpoint"), key=lambda e: natural_key(e.id))
    ifes = sorted(topo.in_vpc(vpc_id, "interface-endpoint"), key=lambda e: natural_key(e.id))
    if not gwes and not ifes:
        return []
    out: list = [H(2, "VPC endpoints")]
    if gwes:
        rows = []
        for e in gwes:
            tables = [data.table_by_id[t] for t in e.route_tables if t in data.table_by_id]
            using = sorted({s for t in tables for s in t.subnets}, key=natural_key)
            rows.append([seq(target("gateway-endpoint", e.id), Code(e.id)), Code(e.service),
                         join(", ", (data.link("route-table", t) for t in e.route_tables)), codes(using),
                         Code(e.prefix_list_id) if e.prefix_list_id else "", e.state, source(e.loc)])
        out += [H(3, "Gateway endpoints"),
                P("Each adds a prefix list → endpoint route to the route tables it is associated with."),
                Table(("Endpoint", "Service", "Route tables", "Subnets using it", "Prefix list", "State", DEFINED_IN),
                      rows)]
    if ifes:
        rows = []
        for e in ifes:
            svc = data.link("endpoint-service", e.endpoint_service) if e.endpoint_service else Code(e.service)
            rows.append([seq(target("interface-endpoint", e.id), Code(e.id)), svc,
                         join(", ", (data.link("subnet", s) for s in e.subnets)),
                         join(", ", (data.link("security-group", g) for g in e.security_groups)),
                         "yes" if e.private_dns else "no", e.state, source(e.loc)])
        out += [H(3, "Interface endpoints"),
                Table(("Endpoint", "Service", "Subnets", "Security groups", "Private DNS", "State", DEFINED_IN), rows)]
    return out


def _load_balancers(data: SiteData, vpc_id: str) -> list:
    lbs = sorted(data.topology.in_vpc(vpc_id, "load-balancer"), key=lambda b: natural_key(b.id))
    if not lbs:
        return []
    rows = []
    for lb in lbs:
        listeners = join(", ", (seq(f"{x.protocol} {x.port}", seq(" → ", Code(x.target_group)) if x.target_group else "")
                                for x in lb.listeners))
        rows.append([seq(target("load-balancer", lb.id), Code(lb.id)), lb.type, lb.scheme,
                     join(", ", (data.link("subnet", s) for s in lb.subnets)), listeners, source(lb.loc)])
    return [H(2, "Load balancers"), Table(("Load balancer", "Type", "Scheme", "Subnets", "Listeners", DEFINED_IN), rows)]


def _peerings(data: SiteData, vpc_id: str) -> list:
    topo = data.topology
    peerings = sorted(topo.peerings_of(vpc_id), key=lambda p: natural_key(p.id))
    if not peerings:
        return []
    rows = []
    for p in peerings:
        other = p.other_side(vpc_id) or ""
        rows.append([seq(target("peering", p.id), Code(p.id)), data.vpc_link(other), codes(topo.peer_cidrs(other)),
                     "requester" if p.requester == vpc_id else "accepter", p.status, source(p.loc)])
    return [H(2, "Peerings"), Table(("Peering", "Peer VPC", "Peer CIDRs", "This VPC is", "Status", DEFINED_IN), rows)]


def _attachments(data: SiteData, vpc_id: str) -> list:
    atts = sorted(data.topology.attachments_of_vpc(vpc_id), key=lambda a: natural_key(a.id))
    if not atts:
        return []
    rows = []
    for a in atts:
        assoc = data.dp.association(a.id)
        props = [t.id for t in data.dp.tgw_route_tables if a.id in t.propagations]
        rows.append([data.link("tgw-attachment", a.id), data.link("transit-gateway", a.transit_gateway),
                     join(", ", (data.link("subnet", s) for s in a.subnets)),
                     data.link("tgw-route-table", assoc) if assoc else "none",
                     join(", ", (data.link("tgw-route-table", t) for t in props)) or "none", source(a.loc)])
    return [H(2, "Transit gateway attachments"),
            Table(("Attachment", "Transit gateway", "Subnets", "Associated route table", "Propagates to", DEFINED_IN), rows)]


def _findings(data: SiteData, page: str) -> list:
    mine = data.findings_by_page.get(page, [])
    if not mine:
        return []
    rows = [[d.severity.value, Code(d.code), d.message, data.link_any(d.resource) if d.resource else ""]
            for d in mine[:FINDINGS_SHOWN]]
    more = f" The first {FINDINGS_SHOWN} of {len(mine)} are listed." if len(mine) > FINDINGS_SHOWN else ""
    return [H(2, "Findings"),
            P(seq(f"Findings about this VPC's objects.{more} All of them: ", Link(paths.FINDINGS, None, "Findings"), ".")),
            Table(("Severity", "Code", "Finding", "About"), rows)]


def render(data: SiteData, vpc_id: str) -> Doc:
    vpc = data.topology.vpc(vpc_id)
    page = paths.vpc_page(vpc_id)
    doc = Doc(vpc.label)
    doc.add(H(1, seq(target("vpc", vpc.id), vpc.label)), _facts(vpc), _glance(data, vpc_id), source_line(vpc.loc))
    if vpc.description:
        doc.add(P(vpc.description))
    if vpc.tags:
        doc.add(P(seq("Tags: ", join(", ", (seq(Code(k), " = ", Code(v)) for k, v in vpc.tags)))))
    image = paths.vpc_image(vpc_id)
    if image in data.images:
        doc.add(Img(image, f"Diagram of {vpc.label}"))
    for part in (_subnets(data, vpc_id), _route_tables(data, vpc_id), _gateways(data, vpc_id),
                 _endpoints(data, vpc_id), _load_balancers(data, vpc_id), _peerings(data, vpc_id),
                 _attachments(data, vpc_id), vpc_security.security_groups(data, vpc_id),
                 vpc_security.network_acls(data, vpc_id), vpc_security.workloads(data, vpc_id),
                 vpc_reach.section(data, vpc_id), _findings(data, page)):
        doc.add(*part)
    return doc


__all__ = ["render", "Raw"]
