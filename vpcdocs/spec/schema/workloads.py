"""Instances and network interfaces placed in subnets."""

from __future__ import annotations

from ..containers import Field, ListOf, MapOf, Obj
from ..types import Bool, Str
from ..values import IpAddress, PortRange
from .common import ID_LIST, ID_REF, common, state

SECURITY_GROUPS_DOC = ("Security groups of this VPC (ids or sg-… ids), at most 5 by default; none: the VPC's "
                       "default group (SG-16, SG-18).")
PRIVATE_IPS_DOC = ("Private IPv4 addresses, primary first; each inside the subnet's CIDR, not one of its 5 "
                   "reserved addresses, and unique in the VPC (SUB-1).")

INSTANCE = Obj(
    common(
        subnet=Field(ID_REF, "Subnet of this VPC the instance runs in (its primary network interface).",
                     required=True, examples=("a-app-1a",)),
        private_ip=Field(IpAddress(4), "The primary private IPv4 address (or `private_ips` for several).",
                         examples=("10.0.1.10",)),
        private_ips=Field(ListOf(IpAddress(4), unique=True), PRIVATE_IPS_DOC, examples=(["10.0.1.10", "10.0.1.11"],)),
        ipv6_addresses=Field(ListOf(IpAddress(6), unique=True), "IPv6 addresses inside the subnet's IPv6 CIDR.",
                             examples=(["2600:1f18:abcd:1201::10"],)),
        security_groups=Field(ID_LIST, SECURITY_GROUPS_DOC, examples=(["sg-web"],)),
        public_ip=Field(IpAddress(4, keywords=("auto",)), "Public IPv4 or Elastic IP address; `auto` when it has "
                        "one whose address is not known.", examples=("54.10.20.30", "auto")),
        state=state(("pending", "running", "shutting-down", "terminated", "stopping", "stopped"),
                    "Instance state; a stopped or terminated instance answers nothing and routes to it are "
                    "blackhole (RS-2).", "running"),
        source_dest_check=Field(Bool(), "Source/destination check (default true); off for NAT instances and "
                                "appliances that forward traffic.", default=True),
        ephemeral_ports=Field(PortRange(minimum=1), "Client port range the instance uses for replies, for network "
                              "ACL checks (NACL-10); default 1024-65535.", examples=("32768-60999",)),
    ),
    what="instance",
    exclusive=(("private_ip", "private_ips"),),
)

NETWORK_INTERFACE = Obj(
    common(
        subnet=Field(ID_REF, "Subnet of this VPC the interface is in.", required=True, examples=("a-data-1a",)),
        private_ip=Field(IpAddress(4), "The primary private IPv4 address (or `private_ips` for several).",
                         examples=("10.0.20.5",)),
        private_ips=Field(ListOf(IpAddress(4), unique=True), PRIVATE_IPS_DOC, examples=(["10.0.20.5"],)),
        ipv6_addresses=Field(ListOf(IpAddress(6), unique=True), "IPv6 addresses inside the subnet's IPv6 CIDR.",
                             examples=(["2600:1f18:abcd:1214::5"],)),
        security_groups=Field(ID_LIST, SECURITY_GROUPS_DOC, examples=(["sg-db"],)),
        public_ip=Field(IpAddress(4, keywords=("auto",)), "Public IPv4 or Elastic IP address, or `auto`.",
                        examples=("54.10.20.31",)),
        instance=Field(ID_REF, "Instance of this VPC (same availability zone) the interface is attached to.",
                       examples=("web-1",)),
        interface_type=Field(Str(r"[A-Za-z0-9_-]+", "an interface type such as interface or lambda"),
                             "InterfaceType as AWS reports it: interface (default), lambda, efa, ….",
                             examples=("interface", "lambda"), default="interface"),
        source_dest_check=Field(Bool(), "Source/destination check (default true).", default=True),
        state=state(("available", "associated", "attaching", "in-use", "detaching"),
                    "Interface status as AWS reports it.", "in-use"),
    ),
    what="network interface",
    exclusive=(("private_ip", "private_ips"),),
)

INSTANCES = MapOf(INSTANCE, "instance", example_id="web-1")
NETWORK_INTERFACES = MapOf(NETWORK_INTERFACE, "network interface", example_id="eni-db")
