"""Places where a flow starts or ends, resolved from what the user names.

A place is an interface (an instance, an ENI, a load balancer's or endpoint's interface in
one subnet) or, where the spec declares no workloads, a subnet standing for "a host in it":
then security groups are not evaluated there and network ACL rules are matched for the most
favourable address of the subnet (an assumption the answer states).

In a VPC whose workloads the spec declares (instances or ENIs), a subnet or VPC named as an
end means its declared workloads; elsewhere it means its subnets.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ...model import IPNetwork
from ...routing import DEFAULT_EPHEMERAL, DataPlane, Dest, Interface
from .endpoints import Endpoint


@dataclass(frozen=True)
class Place:
    label: str  # what the answer shows: the interface / subnet / address
    vpc: str
    subnet: str
    network: IPNetwork  # the addresses rules are matched against
    interface: Interface | None = None
    ephemeral: tuple[int, int] = DEFAULT_EPHEMERAL

    @property
    def groups(self) -> tuple[str, ...] | None:
        """The interface's security groups; None: none apply (or no interface is known)."""
        return self.interface.security_groups if self.interface is not None else None

    @property
    def group_set(self) -> frozenset[str]:
        return frozenset(self.groups or ())

    def dest(self) -> Dest:
        """The place as a routing destination (made once per place)."""
        found: Dest | None = self.__dict__.get("_dest")
        if found is None:
            iface = self.interface.id if self.interface is not None else None
            found = Dest("net", self.network, vpc=self.vpc, subnet=self.subnet, eni=iface)
            object.__setattr__(self, "_dest", found)
        return found


def interface_place(dp: DataPlane, iface: Interface, address: ipaddress.IPv4Address | ipaddress.IPv6Address |
                    None = None) -> Place:
    addr = address or next((a for a in iface.addresses if a.version == 4), None) or (
        iface.addresses[0] if iface.addresses else None)
    if addr is not None:
        net: IPNetwork = ipaddress.ip_network(addr)
    else:
        s = dp.topology.get("subnet", iface.subnet)
        assert s is not None and s.networks
        net = s.networks[0]
    return Place(iface.id, iface.vpc, iface.subnet, net, iface, iface.ephemeral)


def subnet_place(dp: DataPlane, subnet_id: str, version: int = 4, label: str | None = None,
                 network: IPNetwork | None = None) -> Place | None:
    s = dp.topology.get("subnet", subnet_id)
    if s is None:
        return None
    net = network or next((n for n in s.networks if n.version == version), None)
    if net is None:
        return None
    return Place(label or s.id, s.vpc, s.id, net)


class Places:
    """Resolves endpoints to the places they stand for (sources or destinations)."""

    def __init__(self, dp: DataPlane):
        self.dp = dp

    def _workloads(self, subnet_id: str, role: str) -> list[Interface]:
        return [i for i in self.dp.interfaces_in(subnet_id)
                if i.declared and (i.initiates if role == "source" else i.accepts)]

    def of_subnet(self, subnet_id: str, role: str, version: int = 4) -> list[Place]:
        """In a VPC whose workloads the spec declares: the subnet's workloads (none: nothing
        there starts or accepts connections). Elsewhere: the subnet itself, for its hosts."""
        s = self.dp.topology.get("subnet", subnet_id)
        if s is not None and s.vpc in self.dp.workload_vpcs:
            return [interface_place(self.dp, i) for i in self._workloads(subnet_id, role)]
        place = subnet_place(self.dp, subnet_id, version)
        return [place] if place is not None else []

    def of_vpc(self, vpc_id: str, role: str, version: int = 4) -> list[Place]:
        subnets = sorted(self.dp.topology.subnets_of(vpc_id), key=lambda s: s.id)
        if vpc_id in self.dp.workload_vpcs:
            return [interface_place(self.dp, i) for s in subnets for i in self._workloads(s.id, role)]
        return [p for s in subnets if (p := subnet_place(self.dp, s.id, version)) is not None]

    def of_address(self, endpoint: Endpoint) -> list[Place]:
        net = endpoint.network
        assert net is not None
        if net.prefixlen == net.max_prefixlen:
            iface = self.dp.interface_at(net.network_address)
            if iface is not None:
                return [interface_place(self.dp, iface, net.network_address)]
        sid = self.dp.subnet_of_address(net)
        if sid is None:
            return []
        place = subnet_place(self.dp, sid, net.version, label=f"{endpoint.label} ({sid})", network=net)
        return [place] if place is not None else []

    def of_owner(self, owner: str, role: str) -> list[Place]:
        """Interfaces of a load balancer, interface endpoint, instance or ENI (as a source: all
        of them — traffic from the owner's subnets)."""
        ifaces = [i for i in self.dp.interfaces_of(owner) if role == "source" or i.accepts]
        return [interface_place(self.dp, i) for i in ifaces]

    def resolve(self, endpoint: Endpoint, role: str) -> list[Place]:
        """The places an endpoint stands for (may be empty)."""
        kind = endpoint.kind
        if kind in ("ip", "cidr"):
            return self.of_address(endpoint)
        if kind == "subnet" and endpoint.id:
            return self.of_subnet(endpoint.id, role)
        if kind == "vpc" and endpoint.id:
            return self.of_vpc(endpoint.id, role)
        if kind in ("instance", "network-interface") and endpoint.id:
            found = [i for i in self.dp.interfaces if i.owner == endpoint.id or i.id == endpoint.id]
            return [interface_place(self.dp, i) for i in found]
        if kind in ("load-balancer", "interface-endpoint") and endpoint.id:
            return self.of_owner(endpoint.id, role)
        if kind == "endpoint-service" and endpoint.id:
            svc = self.dp.topology.get("endpoint-service", endpoint.id)
            return [p for lb in (svc.load_balancers if svc else ()) for p in self.of_owner(lb, role)]
        return []
