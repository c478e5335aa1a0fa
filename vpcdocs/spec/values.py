"""Network value types of the spec: CIDR blocks, IP addresses, IP protocols and port ranges.

Like the generic types of :mod:`vpcdocs.spec.types`, each one validates a located YAML
value (``check``) and describes itself for the JSON Schema (``json_schema``), so the editor
and ``vpcdocs check`` accept the same values.
"""

from __future__ import annotations

import functools
import ipaddress
import re
from dataclasses import dataclass
from typing import Any

from ..diagnostics import Diagnostic, Location, did_you_mean, error
from ..model import normalise_protocol
from .types import INVALID, FieldType, _type_error
from .yaml_reader import MNode, MScalar

OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4_PATTERN = rf"^{OCTET}(?:\.{OCTET}){{3}}$"
IPV6_PATTERN = r"^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$"  # '.' for IPv4-embedded forms such as ::ffff:10.0.0.1
_SAMPLE_ADDRESS = {4: "10.0.1.10", 6: "2600:1f18:abcd:1201::10"}


def _text(node: MScalar) -> str:
    """The scalar as written (``1:2:3:4:5:6:7:8`` would read as a YAML 1.1 sexagesimal number)."""
    if node.tag == "int" and node.text is not None:
        return node.text
    return str(node.value)


@dataclass
class IpAddress(FieldType):
    """One IPv4 or IPv6 address (no prefix length). ``keywords`` are accepted as written
    (``public_ip: auto``)."""

    version: int = 4
    keywords: tuple[str, ...] = ()

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        sample = _SAMPLE_ADDRESS[self.version]
        if not isinstance(node, MScalar) or node.tag not in ("str", "int"):
            return _type_error(node, f"an IPv{self.version} address such as {sample}", diags)
        text = _text(node)
        if text in self.keywords:
            return text
        try:
            address = ipaddress.ip_address(text)
        except ValueError:
            hint = None
            if "/" in text:
                hint = f"write the address alone, without /{text.rsplit('/', 1)[1]}"
            elif self.keywords:
                hint = did_you_mean(text, self.keywords)
            diags.append(error("S-VALUE", f"{text!r} is not an IPv{self.version} address", node.loc, hint=hint))
            return INVALID
        if address.version != self.version:
            diags.append(error("S-VALUE", f"{text!r} is an IPv{address.version} address; IPv{self.version} "
                               "expected here", node.loc))
            return INVALID
        return address

    def json_schema(self) -> dict:
        pattern = IPV4_PATTERN if self.version == 4 else IPV6_PATTERN
        schema: dict = {"type": "string", "pattern": pattern}
        if self.keywords:
            return {"anyOf": [schema, {"enum": list(self.keywords)}]}
        return schema

    def example(self) -> Any:
        return _SAMPLE_ADDRESS[self.version]


PROTOCOL_WORDS = ("tcp", "udp", "icmp", "icmpv6", "all")
_PROTOCOL_NUMBER = r"-1|25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d"


@dataclass
class Protocol(FieldType):
    """An IP protocol: ``tcp``, ``udp``, ``icmp``, ``icmpv6``, ``all`` (or ``-1``), or an IANA
    protocol number 0–255 (SG-7, NACL-9). Checked values are normalised
    (:func:`vpcdocs.model.normalise_protocol`): ``6`` → ``tcp``, ``-1`` → ``all``.
    ``words_only``: names only (expectations)."""

    words_only: bool = False

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        expected = ", ".join(PROTOCOL_WORDS) + ("" if self.words_only else ", -1 or a protocol number 0-255")
        if not isinstance(node, MScalar) or node.tag not in ("str", "int"):
            return _type_error(node, f"a protocol ({expected})", diags)
        text = _text(node).lower()
        if text in PROTOCOL_WORDS:
            return text
        if not self.words_only and re.fullmatch(_PROTOCOL_NUMBER, text):
            return normalise_protocol(str(int(text)))
        diags.append(error("S-VALUE", f"{_text(node)!r} is not a protocol: {expected}", node.loc,
                           hint=did_you_mean(text, PROTOCOL_WORDS)))
        return INVALID

    def json_schema(self) -> dict:
        letters = "|".join("".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in w) for w in PROTOCOL_WORDS)
        words = {"enum": list(PROTOCOL_WORDS)}
        any_case = {"type": "string", "pattern": f"^(?:{letters})$"}
        if self.words_only:
            return {"anyOf": [words, any_case]}
        return {"anyOf": [words, any_case, {"type": "integer", "minimum": -1, "maximum": 255},
                          {"type": "string", "pattern": f"^(?:{_PROTOCOL_NUMBER})$"}]}

    def example(self) -> Any:
        return "tcp"


_PORT = r"6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]\d{4}|\d{1,4}"


@dataclass
class PortRange(FieldType):
    """One port (``443``) or an inclusive range (``"8000-8080"``); checked values are
    ``(low, high)`` tuples."""

    minimum: int = 0

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if isinstance(node, MScalar) and node.tag == "int" and not isinstance(node.value, bool):
            low = high = int(node.value)
            written = _text(node)
        elif isinstance(node, MScalar) and node.tag == "str":
            written = node.value
            match = re.fullmatch(r"([0-9]{1,5})(?:-([0-9]{1,5}))?", written)
            if match is None:
                diags.append(error("S-VALUE", f"{written!r} is not a port or a port range such as 8000-8080",
                                   node.loc))
                return INVALID
            low = int(match[1])
            high = int(match[2]) if match[2] else low
        else:
            return _type_error(node, "a port such as 443 or a range such as 8000-8080", diags)
        if not self.minimum <= low <= high <= 65535:
            diags.append(error("S-VALUE", f"port range {written!r} is not low-high within {self.minimum}..65535",
                               node.loc))
            return INVALID
        return (low, high)

    def json_schema(self) -> dict:
        return {"anyOf": [{"type": "integer", "minimum": self.minimum, "maximum": 65535},
                          {"type": "string", "pattern": f"^(?:{_PORT})(?:-(?:{_PORT}))?$"}]}

    def example(self) -> Any:
        return "8000-8080"


@functools.lru_cache(maxsize=1 << 15)
def _network(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network | None, bool]:
    """The network ``text`` lies in (None: no CIDR block at all) and whether ``text`` is that
    network exactly (no host bits set). Cached: an estate writes the same blocks many times
    (``0.0.0.0/0``, peered VPC ranges) and the networks are immutable."""
    try:
        return ipaddress.ip_network(text), True
    except ValueError:
        pass
    try:
        return ipaddress.ip_network(text, strict=False), False
    except ValueError:
        return None, False


def parse_cidr(text: str, loc: Location, diags: list[Diagnostic], version: int | None = None,
               not_cidr_hint: str | None = None) -> Any:
    """A CIDR block, strictly: ``10.0.0.1/16`` (host bits set) is an error with the fix.
    ``not_cidr_hint``: the hint when the text is no CIDR at all (``pl-…`` where only CIDRs go)."""
    if "/" not in text:
        host = f"/{128 if ':' in text else 32}"
        diags.append(error("S-CIDR", f"{text!r} is not a CIDR block (missing /prefix length)", loc,
                           hint=f"did you mean '{text}{host}'?" if _is_ip(text) else not_cidr_hint))
        return INVALID
    net, exact = _network(text)
    if net is None:
        diags.append(error("S-CIDR", f"{text!r} is not a valid CIDR block", loc, hint=not_cidr_hint))
        return INVALID
    if version and net.version != version:
        diags.append(error("S-CIDR", f"{text!r} is an IPv{net.version} CIDR; IPv{version} expected here", loc))
        return INVALID
    if not exact:
        diags.append(
            error(
                "S-CIDR-ALIGN",
                f"{text!r} has host bits set: the /{net.prefixlen} block starts at {net.network_address}",
                loc,
                hint=f"did you mean '{net}'?",
            )
        )
        return INVALID
    return net


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
        return True
    except ValueError:
        return False


@dataclass
class Cidr(FieldType):
    version: int | None = 4
    not_cidr_hint: str | None = None  # hint for text that is no CIDR at all

    def check(self, node: MNode, diags: list[Diagnostic]) -> Any:
        if not isinstance(node, MScalar) or node.tag != "str":
            sample = "2600:1f18:abcd:1200::/56" if self.version == 6 else "10.0.0.0/16"
            return _type_error(node, f"a CIDR block such as {sample}", diags)
        return parse_cidr(node.value, node.loc, diags, self.version, self.not_cidr_hint)

    def example(self) -> Any:
        return "2600:1f18:abcd:1200::/56" if self.version == 6 else "10.0.0.0/16"

    def json_schema(self) -> dict:
        if self.version == 4:
            octet = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
            return {"type": "string", "pattern": rf"^{octet}(?:\.{octet}){{3}}/0*(?:3[0-2]|[12]?\d)$",
                    "description": "IPv4 CIDR block"}
        if self.version == 6:  # '.' for IPv4-mapped forms such as ::ffff:10.0.0.0/120
            return {"type": "string", "pattern": r"^[0-9a-fA-F.]*:[0-9a-fA-F:.]*/\d{1,3}$",
                    "description": "IPv6 CIDR block"}
        return {"type": "string", "description": "IPv4 or IPv6 CIDR block"}
