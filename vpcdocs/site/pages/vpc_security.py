"""The security part of a VPC page: security groups and network ACLs as tables, and the
instances and network interfaces the spec declares."""

from __future__ import annotations

from ...model.security import NaclRule
from ...sorting import natural_key
from ..context import SiteData, codes, source, target
from ..doc import Code, H, Inline, P, Strong, Table, join, seq

DEFINED_IN = "Defined in"


def _ports(from_port: int | None, to_port: int | None) -> str:
    if from_port is None:
        return "all"
    return str(from_port) if to_port in (None, from_port) else f"{from_port}–{to_port}"


def security_groups(data: SiteData, vpc_id: str) -> list:
    groups = sorted(data.topology.in_vpc(vpc_id, "security-group"), key=lambda g: natural_key(g.id))
    if not groups:
        return []
    rows: list[list[Inline]] = []
    for g in groups:
        first = seq(target("security-group", g.id), Code(g.id), " (default)" if g.default else "")
        rules = [("inbound", r) for r in g.ingress] + [("outbound", r) for r in g.egress]
        if not rules:
            rows.append([first, "no rules", "", "", "", g.description or "", source(g.loc)])
        for i, (direction, r) in enumerate(rules):
            peer = data.link("security-group", r.peer) if r.peer_kind == "security-group" else Code(r.peer)
            desc = r.description or (g.description if i == 0 else "") or ""
            rows.append([first if i == 0 else "", direction, r.protocol, _ports(r.from_port, r.to_port), peer, desc,
                         source(r.loc)])
    return [H(2, "Security groups"),
            P("Stateful, allow-only rules (SG-1..3): replies to allowed traffic are always let back."),
            Table(("Security group", "Direction", "Protocol", "Ports", "Peer", "Description", DEFINED_IN), rows)]


def network_acls(data: SiteData, vpc_id: str) -> list:
    acls = sorted(data.dp.nacls_of(vpc_id), key=lambda n: natural_key(n.id))
    if not acls:
        return []
    rows: list[list[Inline]] = []
    for n in acls:
        acl = n.acl
        name = seq(target("network-acl", acl.id), Code(acl.id), " (default)" if acl.default else "",
                   " (derived: AWS's default, allows all)" if n.derived else "")
        subnets = sorted((s.id for s in data.topology.subnets_of(vpc_id)
                          if (x := data.dp.subnet_nacl(s.id)) is not None and x.id == acl.id), key=natural_key)
        lines: list[tuple[str, NaclRule | None]] = [("inbound", r) for r in n.ingress]
        lines += [("outbound", r) for r in n.egress]
        lines += [("inbound", None), ("outbound", None)]  # the implicit final deny (NACL-3)
        for i, (direction, r) in enumerate(lines):
            head: Inline = name if i == 0 else (seq("subnets: ", codes(subnets) or "none") if i == 1 else "")
            if r is None:
                rows.append([head, direction, "*", Strong("deny"), "all", "all", Code("0.0.0.0/0"), "implicit (NACL-3)"])
                continue
            ports = _ports(r.from_port, r.to_port) if r.protocol in ("tcp", "udp") else ""
            action: Inline = Strong("deny") if r.action == "deny" else "allow"
            rows.append([head, direction, str(r.number), action, r.protocol, ports, Code(str(r.network)),
                         "derived" if n.derived else source(r.loc)])
    return [H(2, "Network ACLs"),
            P("Stateless, evaluated by rule number, first match wins (NACL-1, NACL-2); the final * rule denies "
              "(NACL-3). Subnets without an explicit association use the default ACL (NACL-5)."),
            Table(("Network ACL", "Direction", "Rule", "Action", "Protocol", "Ports", "CIDR", DEFINED_IN), rows)]


def workloads(data: SiteData, vpc_id: str) -> list:
    topo = data.topology
    instances = sorted(topo.in_vpc(vpc_id, "instance"), key=lambda i: natural_key(i.id))
    enis = sorted(topo.in_vpc(vpc_id, "network-interface"), key=lambda i: natural_key(i.id))
    if not instances and not enis:
        return []
    default_sg = data.dp.default_security_group(vpc_id)
    rows: list[list[Inline]] = []
    for kind, items in (("instance", instances), ("network-interface", enis)):
        for x in items:
            sgs = x.security_groups or ((default_sg,) if default_sg else ())
            what = "instance" if kind == "instance" else f"interface ({x.interface_type})"
            rows.append([seq(target(kind, x.id), Code(x.id)), what, data.link("subnet", x.subnet),
                         codes((*x.private_ips, *x.ipv6_addresses)), Code(x.public_ip) if x.public_ip else "",
                         join(", ", (data.link("security-group", g) for g in sgs)), x.state, source(x.loc)])
    return [H(2, "Instances and network interfaces"),
            Table(("Id", "Kind", "Subnet", "Private IPs", "Public IP", "Security groups", "State", DEFINED_IN), rows)]
