"""Instances and network interfaces, and the addresses they (and NAT gateways) take in a subnet.

An address lies inside its subnet's CIDR, is not one of the subnet's five reserved IPv4
addresses (SUB-1), and is used once per VPC.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from ...diagnostics import Location
from ...model import Instance, IPAddress, NetworkInterface
from ..types import Rec
from .context import Builder

Addresses = Iterable[tuple[IPAddress, Location]]


def _reserved(address: ipaddress.IPv4Address, subnet: ipaddress.IPv4Network) -> str | None:
    """Why AWS reserves ``address`` in ``subnet`` (SUB-1), or None."""
    offset = int(address) - int(subnet.network_address)
    names = {0: "the network address", 1: "the VPC router", 2: "the Amazon DNS server", 3: "reserved by AWS"}
    if offset in names:
        return names[offset]
    if address == subnet.broadcast_address:
        return "the broadcast address"
    return None


def check_addresses(b: Builder, vpc: str, subnet_id: str, owner: str, addresses: Addresses) -> None:
    """Each address inside the subnet, not reserved, and unique in the VPC (S-VALUE, S-DUP-ID)."""
    subnet = b.entry("subnet", subnet_id)
    if subnet is None:
        return
    for address, loc in addresses:
        network = subnet.rec.get("cidr" if address.version == 4 else "ipv6_cidr")
        if network is None:
            if address.version == 6 and "cidr" in subnet.rec:
                b.err("S-VALUE", f"{address} is IPv6 but subnet '{subnet_id}' has no IPv6 CIDR", loc)
            continue
        if address not in network:
            b.err("S-VALUE", f"{address} is not inside subnet '{subnet_id}' ({network})", loc)
            continue
        if isinstance(address, ipaddress.IPv4Address):
            why = _reserved(address, network)
            if why:
                b.err("S-VALUE", f"{address} is {why} of subnet '{subnet_id}', one of the 5 addresses AWS "
                      "reserves in every subnet (SUB-1)", loc)
                continue
        key = (vpc, address)
        if key in b.addresses:
            other, other_loc = b.addresses[key]
            b.err("S-DUP-ID", f"{address} is already used by {other} in {vpc}", loc, related=(other_loc,))
            continue
        b.addresses[key] = (owner, loc)


def _addresses(rec: Rec) -> tuple[list[ipaddress.IPv4Address], list[tuple[IPAddress, Location]]]:
    """The private IPv4 addresses (primary first) and every address with where it was written."""
    if "private_ip" in rec:
        private = [rec["private_ip"]]
        located: list[tuple[IPAddress, Location]] = [(rec["private_ip"], rec.at("private_ip"))]
    else:
        items = rec.get("private_ips") or []
        private = list(items)
        located = list(zip(items, getattr(items, "locs", ())))
    ipv6 = rec.get("ipv6_addresses") or []
    located += list(zip(ipv6, getattr(ipv6, "locs", ())))
    return private, located


def _public_ip(rec: Rec) -> str | None:
    value = rec.get("public_ip")
    return None if value is None else str(value)


def build_instances(b: Builder) -> None:
    for inst_id, entry in b.ids("instance").items():
        rec, vpc = entry.rec, entry.vpc
        subnet = b.ref("subnet", rec["subnet"], rec.at("subnet"), "subnet", vpc) if "subnet" in rec else None
        private, located = _addresses(rec)
        if subnet is not None:
            check_addresses(b, vpc, subnet, f"instance '{inst_id}'", located)
        b.add("instance", Instance(
            **b.common(rec, inst_id), vpc=vpc, subnet=subnet or "", private_ips=tuple(private),
            ipv6_addresses=tuple(rec.get("ipv6_addresses") or ()), security_groups=b.security_groups(rec, vpc),
            public_ip=_public_ip(rec), state=rec.get("state", "running"),
            source_dest_check=rec.get("source_dest_check", True), ephemeral_ports=rec.get("ephemeral_ports"),
        ))


def build_network_interfaces(b: Builder) -> None:
    for eni_id, entry in b.ids("network-interface").items():
        rec, vpc = entry.rec, entry.vpc
        subnet = b.ref("subnet", rec["subnet"], rec.at("subnet"), "subnet", vpc) if "subnet" in rec else None
        private, located = _addresses(rec)
        if subnet is not None:
            check_addresses(b, vpc, subnet, f"network interface '{eni_id}'", located)
        instance = None
        if "instance" in rec:
            instance = b.ref("instance", rec["instance"], rec.at("instance"), "instance", vpc)
            if instance is not None and subnet is not None:
                _same_zone(b, rec, subnet, instance)
        b.add("network-interface", NetworkInterface(
            **b.common(rec, eni_id), vpc=vpc, subnet=subnet or "", private_ips=tuple(private),
            ipv6_addresses=tuple(rec.get("ipv6_addresses") or ()), security_groups=b.security_groups(rec, vpc),
            public_ip=_public_ip(rec), instance=instance, interface_type=rec.get("interface_type", "interface"),
            source_dest_check=rec.get("source_dest_check", True), state=rec.get("state", "in-use"),
        ))


def _same_zone(b: Builder, rec: Rec, subnet: str, instance: str) -> None:
    """An interface attaches only to an instance in its own availability zone."""
    inst_subnet = b.ids("instance")[instance].rec.get("subnet")
    zone = b.ids("subnet")[subnet].rec.get("az")
    inst_entry = b.entry("subnet", inst_subnet) if inst_subnet else None
    inst_zone = inst_entry.rec.get("az") if inst_entry else None
    if zone and inst_zone and zone != inst_zone:
        b.err("S-VALUE", f"instance '{instance}' is in {inst_zone} but this interface's subnet '{subnet}' is in "
              f"{zone}; an interface attaches to an instance of its own availability zone", rec.at("instance"))
