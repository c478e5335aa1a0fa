"""AWS icons from ``diagrams==0.25.1``: which icon each drawn thing uses, and where it lives.

Nodes reference icons by a path *relative to* the directory holding the ``resources``
folder (``resources/aws/network/vpc.png``); Graphviz resolves it through ``-Gimagepath``.
So the DOT source never contains an install path, and the SVG post-processor
(:mod:`.svg_embed`) can recognise every icon by name.
"""

from __future__ import annotations

import functools
import os
import struct
import subprocess

import diagrams
from diagrams.aws import compute, database, general, management, network, storage

# What vpcdocs draws -> the diagrams node class whose icon it uses.
ICON_CLASSES = {
    "vpc": network.VPC,
    "public-subnet": network.PublicSubnet,
    "private-subnet": network.PrivateSubnet,
    "internet-gateway": network.InternetGateway,
    "nat-gateway": network.NATGateway,
    "alb": network.ElbApplicationLoadBalancer,
    "nlb": network.ElbNetworkLoadBalancer,
    "gwlb": network.ElasticLoadBalancing,
    "endpoint": network.Endpoint,
    "privatelink": network.Privatelink,
    "peering": network.VPCPeering,
    "transit-gateway": network.TransitGateway,
    "tgw-attachment": network.TransitGatewayAttachment,
    "route-table": network.RouteTable,
    "eni": network.VPCElasticNetworkInterface,
    "vpn": network.SiteToSiteVpn,
    "direct-connect": network.DirectConnect,
    "s3": storage.SimpleStorageServiceS3,
    "dynamodb": database.Dynamodb,
    "internet": general.InternetAlt1,
    "aws-service": general.General,
    "instance": compute.EC2,
    "nacl": network.Nacl,
    "vpn-gateway": network.VpnGateway,
    "customer-gateway": network.VPCCustomerGateway,
    "on-premises": general.GenericOfficeBuilding,
    "account": management.OrganizationsAccount,
    "aws-cloud": general._AWS,
}

# Icons drawn as dark line art on a transparent background: the dark-mode variant puts a
# light disc behind them (:mod:`.dark`).
LINE_ART = ("internet", "aws-service", "on-premises", "aws-cloud")

# Icons drawn as coloured line art on a transparent background (no square of their own):
# their purple (#693CC5, the attachment #4D27AA) or pink is too dark on the dark page, so
# the dark-mode variant repaints them lighter, same hue (:mod:`.dark`).
TINTED_LINE_ART = ("internet-gateway", "nat-gateway", "alb", "nlb", "endpoint", "peering", "tgw-attachment",
                   "route-table", "eni", "nacl", "vpn-gateway", "customer-gateway", "account")


def image_root() -> str:
    """The directory that contains diagrams' ``resources`` folder (Graphviz imagepath)."""
    return os.path.dirname(os.path.dirname(os.path.abspath(diagrams.__file__)))


def icon_path(name: str) -> str:
    """Relative icon path for a drawn kind, e.g. ``resources/aws/network/vpc.png``."""
    cls = ICON_CLASSES[name]
    if name == "aws-cloud":  # the AWS logo of the AWS Cloud group (no node class of its own)
        return "resources/aws/aws.png"
    return f"{cls._icon_dir}/{cls._icon}"


def all_icon_paths() -> list[str]:
    return sorted({icon_path(n) for n in ICON_CLASSES})


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


@functools.cache
def embedded_png(rel_path: str, px: int = 64) -> bytes:
    """The icon downscaled to ``px`` square (by Graphviz/cairo itself, no extra dependency).

    The originals are up to 300x300 and 15 KB; embedding them at display size keeps an SVG
    within ~1.5x of its icon-less size. Deterministic for a given Graphviz build.
    """
    inches = px / 72
    src = (
        "digraph{graph[pad=0 margin=0 bgcolor=transparent dpi=72];"
        f'node[shape=none label="" fixedsize=true width={inches:.6f} height={inches:.6f} '
        f'imagescale=true image="{rel_path}"];n}}'
    )
    proc = subprocess.run(
        ["dot", "-Tpng", f"-Gimagepath={image_root()}"],
        input=src.encode(), capture_output=True, timeout=60, check=False,
    )
    if proc.returncode != 0 or not proc.stdout.startswith(b"\x89PNG"):
        # Fall back to the original file: bigger, but the icon still shows.
        with open(os.path.join(image_root(), rel_path), "rb") as fh:
            return fh.read()
    return proc.stdout
