"""Workloads: instances and network interfaces placed in subnets (issue 12).

Security groups attach to network interfaces (SG-6). Load balancers, interface endpoints,
NAT gateways and transit gateway attachments have ENIs of their own; the data plane derives
them (:mod:`vpcdocs.routing.interfaces`), they are not written here.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from .base import VpcResource


@dataclass(frozen=True)
class Instance(VpcResource):
    """An EC2 instance (its primary network interface is the instance itself). Without
    security groups it has the VPC's default group (SG-16)."""

    subnet: str = ""
    private_ips: tuple[ipaddress.IPv4Address, ...] = ()  # primary first
    ipv6_addresses: tuple[ipaddress.IPv6Address, ...] = ()
    security_groups: tuple[str, ...] = ()
    public_ip: str | None = None  # public IPv4 / Elastic IP ("auto": assigned, address unknown)
    state: str = "running"
    source_dest_check: bool = True
    ephemeral_ports: tuple[int, int] | None = None  # client port range for replies (NACL-10)


@dataclass(frozen=True)
class NetworkInterface(VpcResource):
    """An elastic network interface. ``instance``: the instance it is attached to (then it is
    one of that instance's interfaces); ``interface_type`` as AWS reports it (``interface``,
    ``lambda``, …)."""

    subnet: str = ""
    private_ips: tuple[ipaddress.IPv4Address, ...] = ()
    ipv6_addresses: tuple[ipaddress.IPv6Address, ...] = ()
    security_groups: tuple[str, ...] = ()
    public_ip: str | None = None
    instance: str | None = None
    interface_type: str = "interface"
    source_dest_check: bool = True
    state: str = "in-use"
