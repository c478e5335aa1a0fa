"""Shared graph and edge styling of every vpcdocs diagram."""

from __future__ import annotations

GRAPH_ATTR = {
    "pad": "0.2",  # diagrams' default is 2 inches of margin (notes §5)
    "nodesep": "0.35",
    "ranksep": "0.45",
    "fontname": "Sans-Serif",
    "fontsize": "12",
    "label": "",
    "bgcolor": "white",
    "outputorder": "edgesfirst",
}

# Our nodes draw their icon inside an HTML label; undo diagrams' fixed 1.4in icon boxes.
NODE_ATTR = {"fixedsize": "false", "width": "0", "height": "0", "shape": "plain", "imagescale": "false"}

EDGE_EGRESS = {"color": "#7AA116", "penwidth": "1.4"}  # internet / NAT egress
EDGE_LINK = {"color": "#7B8894", "penwidth": "1.2"}  # to external VPCs, TGWs, services
EDGE_PRIVATELINK = {"color": "#8C4FFF", "penwidth": "1.4", "style": "dashed"}
EDGE_PEERING = {"color": "#147EBA", "penwidth": "1.4"}

SERVICE_ICONS = {"s3": "s3", "s3express": "s3", "dynamodb": "dynamodb"}
