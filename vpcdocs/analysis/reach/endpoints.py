"""Parse what a user writes after ``--from`` / ``--to`` (or ``from:`` / ``to:`` in ``expect``).

Accepted, in this order:

* ``internet`` (IPv4) and ``internet6`` (IPv6)
* ``s3``, ``dynamodb``, ``s3express`` — the service in the other end's region; with a region:
  ``s3@eu-west-1``, ``aws-service:s3@eu-west-1`` or ``com.amazonaws.eu-west-1.s3``
* an IPv4 or IPv6 address (``10.0.1.15``, ``2600:1f18::10``) or, as a destination, a CIDR
* the spec id (or AWS id) of an instance, network interface, subnet, VPC, endpoint service,
  load balancer, interface endpoint, external VPC or external network.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from ...diagnostics import did_you_mean
from ...model import IPNetwork, Topology

SERVICES = ("s3", "dynamodb", "s3express")
# resource kinds that can be an end of a flow, in the order ids are tried
ENDPOINT_KINDS = ("instance", "network-interface", "subnet", "vpc", "endpoint-service", "load-balancer",
                  "interface-endpoint", "external-vpc", "external-network")


class UnknownEndpoint(ValueError):
    """The text names nothing the topology knows; the message carries a did-you-mean hint."""


@dataclass(frozen=True)
class Endpoint:
    """One end of a flow. ``kind`` is one of: internet, service, ip, cidr, and the
    :data:`ENDPOINT_KINDS`. ``version`` is 6 for ``internet6`` and IPv6 addresses."""

    kind: str
    label: str
    id: str | None = None
    network: IPNetwork | None = None
    service: str | None = None
    region: str | None = None  # None: the region of the other end
    version: int = 4

    def __str__(self) -> str:
        return self.label


def _service(text: str) -> Endpoint | None:
    low = text.strip().lower()
    if low.startswith("aws-service:"):
        low = low[len("aws-service:"):]
    if low.startswith("com.amazonaws."):
        parts = low.split(".")
        if len(parts) == 4 and parts[3] in SERVICES:
            return Endpoint("service", f"{parts[3]}@{parts[2]}", service=parts[3], region=parts[2])
        return None
    name, _, region = low.partition("@")
    if name in SERVICES:
        if region:
            return Endpoint("service", f"{name}@{region}", service=name, region=region)
        return Endpoint("service", name, service=name)
    return None


def parse_endpoint(topology: Topology, text: str) -> Endpoint:
    """Resolve ``text`` to an :class:`Endpoint`; raise :class:`UnknownEndpoint` otherwise."""
    t = (text or "").strip()
    if not t:
        raise UnknownEndpoint("empty endpoint: name an instance, subnet, VPC, IP address, s3, dynamodb or internet")
    low = t.lower()
    if low in ("internet", "0.0.0.0/0"):
        return Endpoint("internet", "internet")
    if low in ("internet6", "::/0"):
        return Endpoint("internet", "internet6", version=6)
    svc = _service(t)
    if svc is not None:
        return svc
    try:
        addr = ipaddress.ip_address(t)
        return Endpoint("ip", t, network=ipaddress.ip_network(addr), version=addr.version)
    except ValueError:
        pass
    if "/" in t:
        try:
            net = ipaddress.ip_network(t, strict=False)
            return Endpoint("cidr", str(net), network=net, version=net.version)
        except ValueError:
            pass
    found = dict(topology.find(t))
    for kind in ENDPOINT_KINDS:
        if kind in found:
            item = found[kind]
            return Endpoint(kind, item.id, id=item.id)
    candidates = ["internet", "internet6", *SERVICES]
    for kind in ENDPOINT_KINDS:
        candidates += [item.id for item in topology.by_kind(kind)]
    hint = did_you_mean(t, candidates)
    msg = (f"unknown endpoint '{t}': not an instance, network interface, subnet, VPC, endpoint service, load "
           f"balancer, external network, IP address, s3, dynamodb or internet")
    if hint:
        msg += f"; {hint}"
    raise UnknownEndpoint(msg)
