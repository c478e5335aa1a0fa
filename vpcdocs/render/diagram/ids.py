"""Deterministic, collision-proof Graphviz ids derived from spec ids.

Graphviz ids must be plain ``[A-Za-z0-9_]`` (ARNs with ``:`` break edge syntax, see the
diagrams-library notes §0). Every byte of the UTF-8 spec id that is not an ASCII letter or
digit -- including ``_`` itself -- becomes ``_xx`` (two lower-case hex digits), so the
encoding is injective. Parts of composite ids are joined with ``_Z``: ``Z`` is not a hex
digit, so a separator can never be confused with an escape.

Tags in use (stable: tools and tests find elements by them; diff highlighting keeps them,
:mod:`.highlight`): clusters ``cluster_vpc_<vpc>``,
``cluster_az_<vpc>_Z<az>``, ``cluster_sn_<subnet>``; per-VPC nodes ``subnet_<subnet>`` (the
route-table chip), ``nat_``, ``igw_``, ``gwe_``, ``pcx_``, ``eps_``, ``lb_<lb>_Z<subnet>``,
``eni_<endpoint>_Z<subnet>``, ``tgweni_<att>_Z<subnet>``, ``tgw_``, ``peer_``, ``service_``,
``internet_<vpc>``, ``legend_<vpc>``, ``top_<vpc>``, ``empty_<vpc>``; overview nodes
``vpcnode_<vpc>``, ``nats_<vpc>``, ``ife_``, ``ifes_<vpc>``, ``lb_<lb>``, ``tgwatt_``,
``service_<svc>[_Zleft]``, edges ``edgepcx_``, ``edgeatt_``, ``edgepl_``.
"""

from __future__ import annotations

import functools
import re

from ...fsutil import safe_name

# each byte's escaped form: ASCII letters and digits stand for themselves, all else is ``_xx``
_BYTE = tuple(chr(b) if chr(b).isascii() and chr(b).isalnum() else f"_{b:02x}" for b in range(256))


@functools.lru_cache(maxsize=1 << 16)
def escape_id(text: str) -> str:
    """``text`` as ``[A-Za-z0-9_]`` only, reversibly (see :func:`unescape_id`)."""
    if text.isascii() and text.isalnum():
        return text
    return "".join(map(_BYTE.__getitem__, text.encode("utf-8")))


def unescape_id(text: str) -> str:
    return re.sub(rb"_([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), text.encode()).decode("utf-8")


def gv_id(tag: str, *parts: str) -> str:
    """The Graphviz id of a drawn thing: ``tag`` (letters only) then the escaped spec ids.

    >>> gv_id("subnet", "a-private:1")
    'subnet_a_2dprivate_3a1'
    >>> gv_id("lb", "alb", "sub_1")
    'lb_alb_Zsub_5f1'
    """
    if not tag.isalpha():
        raise ValueError(f"tag must be letters only: {tag!r}")
    return tag + "_" + "_Z".join(escape_id(p) for p in parts)


def slug(text: str) -> str:
    """A file-name-safe, readable, bounded and collision-proof slug (``vpc-<slug>.svg``),
    distinct also on case-insensitive file systems (see :func:`vpcdocs.fsutil.safe_name`)."""
    return safe_name(text)
