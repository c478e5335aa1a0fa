"""Colours and group-box styles of every vpcdocs diagram (light theme; :mod:`.dark` maps
each colour to its dark-mode counterpart).

Group boxes follow the AWS Architecture Icons group guidelines: AWS Cloud (squid ink),
AWS Account (pink), Region (teal, dashed), VPC (purple), Availability Zone (blue, dashed),
public subnet (green), private subnet (teal).
"""

from __future__ import annotations

from .scene import BoxStyle

WHITE = "#FFFFFF"
INK = "#232F3E"
MUTED = "#545B64"

CLOUD = BoxStyle("#232F3E", WHITE, penwidth=1.5)
ACCOUNT = BoxStyle("#E7157B", WHITE, penwidth=1.5)
REGION = BoxStyle("#00A4A6", WHITE, dashed=True, penwidth=1.4)
VPC = BoxStyle("#8C4FFF", WHITE, penwidth=1.6)
AZ = BoxStyle("#147EBA", WHITE, dashed=True, penwidth=1.2)
PUBLIC = BoxStyle("#7AA116", "#F2F6E8", penwidth=1.5)
PRIVATE = BoxStyle("#00A4A6", "#E6F6F7", penwidth=1.5)
LANE = BoxStyle("#8C4FFF", "#F7F3FF", penwidth=1.2)  # a TGW route table lane
PANEL = BoxStyle("#D5DBDB", "#FAFAFA", penwidth=1.0)  # legends

# title colours of the boxes above (text on white / on the box fill)
TITLE = {"cloud": INK, "account": "#B0125E", "region": "#00777A", "vpc": "#7A3EE8", "az": "#147EBA",
         "public": "#3F6B00", "private": "#006B6D", "lane": "#5A2DB8"}

# lines
EGRESS = "#5C8A00"  # internet gateway / NAT
PEERING = "#147EBA"
TRANSIT = "#C925D1"  # transit gateway, VPN gateway
SERVICE = "#8C6D00"  # gateway endpoints, AWS services
PRIVATELINK = "#8C4FFF"
LINK = "#7B8894"
BLACKHOLE = "#A4262C"

# load balancer bars and route-table lanes: (fill, border)
LB_BAR = ("#FFF4E5", "#ED7100")
