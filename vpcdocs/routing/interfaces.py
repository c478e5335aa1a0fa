"""Network interfaces: where packets start and end, and what security groups apply there.

Declared workloads are instances (the primary interface is the instance itself) and
network interfaces. The other interfaces AWS creates are derived, one per subnet of their
owner: load balancers (ALB: its groups; NLB: its groups or none; GWLB: none — SG-20),
interface endpoints (their groups, else the VPC's default group — IFE-2), NAT gateways and
transit gateway attachments (no groups — SG-20). ``security_groups`` is None where no
security group applies.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ..model import IPAddress, Topology, usable
from .ports import DEFAULT_EPHEMERAL

# kinds of interface, in the order they are listed
INTERFACE_KINDS = ("instance", "network-interface", "load-balancer", "interface-endpoint", "nat-gateway",
                   "tgw-attachment")


@dataclass(frozen=True)
class Interface:
    id: str  # the spec id (instance, ENI), or "<owner>@<subnet>" for derived interfaces
    kind: str  # see INTERFACE_KINDS
    owner: str  # the object the interface belongs to (itself for declared ones)
    subnet: str
    vpc: str
    az: str
    addresses: tuple[IPAddress, ...]  # known private addresses; empty: somewhere in the subnet
    security_groups: tuple[str, ...] | None  # None: no security group filters this interface
    public_ip: str | None = None
    usable: bool = True
    initiates: bool = True  # starts connections (workloads; an ALB towards its targets)
    accepts: bool = True  # accepts connections (workloads, load balancers, endpoints)
    ephemeral: tuple[int, int] = DEFAULT_EPHEMERAL  # client ports of its connections (NACL-10)
    declared: bool = False  # an instance or ENI of the spec (not derived)

    @property
    def network(self) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
        """The primary address as a /32 (or /128), or None when unknown."""
        return ipaddress.ip_network(self.addresses[0]) if self.addresses else None


def derive_interfaces(topology: Topology, default_group: dict[str, str]) -> tuple[Interface, ...]:
    """Every interface of the topology, declared and derived, sorted by (vpc, kind, id).
    ``default_group``: VPC id -> id of its default security group (SG-16)."""
    t = topology
    subnets = {s.id: s for s in t.subnets}
    out: list[Interface] = []

    def add(id_: str, kind: str, owner: str, subnet_id: str, addresses: tuple[IPAddress, ...],
            groups: tuple[str, ...] | None, **kw: object) -> None:
        s = subnets.get(subnet_id)
        if s is None:
            return
        out.append(Interface(id_, kind, owner, s.id, s.vpc, s.az, addresses, groups, **kw))  # type: ignore[arg-type]

    groups: tuple[str, ...] | None
    for inst in t.instances:
        groups = inst.security_groups or (default_group.get(inst.vpc, ""),)
        subnet = subnets.get(inst.subnet)
        auto = "auto" if subnet is not None and subnet.map_public_ip else None
        add(inst.id, "instance", inst.id, inst.subnet, (*inst.private_ips, *inst.ipv6_addresses), groups,
            public_ip=inst.public_ip or auto, usable=usable("instance", inst.state),
            ephemeral=inst.ephemeral_ports or DEFAULT_EPHEMERAL, declared=True)
    for eni in t.network_interfaces:
        owner = t.get("instance", eni.instance) if eni.instance else None
        groups = eni.security_groups or (default_group.get(eni.vpc, ""),)
        add(eni.id, "network-interface", eni.instance or eni.id, eni.subnet,
            (*eni.private_ips, *eni.ipv6_addresses), groups, public_ip=eni.public_ip,
            usable=usable("network-interface", eni.state) and (owner is None or usable("instance", owner.state)),
            ephemeral=(owner.ephemeral_ports or DEFAULT_EPHEMERAL) if owner else DEFAULT_EPHEMERAL, declared=True)
    for lb in t.load_balancers:
        if lb.type == "gateway":
            groups = None
        elif lb.type == "network":
            groups = lb.security_groups or None
        else:
            groups = lb.security_groups or (default_group.get(lb.vpc, ""),)
        for sid in lb.subnets:
            add(f"{lb.id}@{sid}", "load-balancer", lb.id, sid, (), groups,
                public_ip="auto" if lb.scheme == "internet-facing" else None,
                initiates=lb.type == "application")
    for ep in t.interface_endpoints:
        groups = ep.security_groups or (default_group.get(ep.vpc, ""),)
        for sid in ep.subnets:
            add(f"{ep.id}@{sid}", "interface-endpoint", ep.id, sid, (), groups, usable=ep.active, initiates=False)
    for nat in t.nat_gateways:
        add(nat.id, "nat-gateway", nat.id, nat.subnet, (nat.private_ip,) if nat.private_ip else (), None,
            public_ip=nat.public_ip, usable=nat.usable, initiates=False, accepts=False)
    for att in t.tgw_attachments:
        for sid in att.subnets:
            add(f"{att.id}@{sid}", "tgw-attachment", att.id, sid, (), None, usable=att.usable,
                initiates=False, accepts=False)
    order = {k: i for i, k in enumerate(INTERFACE_KINDS)}
    return tuple(sorted(out, key=lambda i: (i.vpc, order[i.kind], i.id)))
