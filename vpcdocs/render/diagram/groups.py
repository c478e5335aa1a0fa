"""AWS-styled group boxes (VPC, Availability Zone, public/private subnet), built once.

``diagrams`` has no AWS group classes and names clusters ``"cluster_" + label``, so sibling
clusters with equal labels merge (notes §1.3, §1.4). :class:`AwsGroup` takes a separate,
unique ``key`` (derived from spec ids) for the Graphviz name, and the displayed label is an
escaped HTML-like label with the AWS group icon in the top-left corner, coloured after the
AWS Architecture Icons group guidelines. ``of=(kind, spec_id)`` names the model object a box
draws, for diff highlighting (:mod:`.highlight`: border colour, dashed when removed).
"""

from __future__ import annotations

from dataclasses import dataclass

from diagrams import Cluster

from . import highlight as hl
from .icons import icon_path
from .labels import icon_title_label


@dataclass(frozen=True)
class GroupStyle:
    """One AWS group type: border colour, fill, dash and corner icon."""

    name: str
    pencolor: str
    bgcolor: str
    icon: str | None
    dashed: bool = False
    title_color: str = "#232F3E"
    penwidth: str = "1.6"

    def graph_attr(self, label: str) -> dict[str, str]:
        return {
            "label": label,
            "labeljust": "l",
            "labelloc": "t",
            "pencolor": self.pencolor,
            "bgcolor": self.bgcolor,
            "style": "dashed" if self.dashed else "solid",
            "penwidth": self.penwidth,
            "margin": "12",
            "fontname": "Sans-Serif",
        }


# Colours from the AWS Architecture Icons group guidelines.
VPC = GroupStyle("vpc", "#8C4FFF", "#FFFFFF", "vpc", title_color="#8C4FFF")
AZ = GroupStyle("az", "#147EBA", "#FFFFFF", None, dashed=True, title_color="#147EBA", penwidth="1.2")
PUBLIC_SUBNET = GroupStyle("public-subnet", "#7AA116", "#F2F6E8", "public-subnet", title_color="#3F6B00")
PRIVATE_SUBNET = GroupStyle("private-subnet", "#00A4A6", "#E6F6F7", "private-subnet", title_color="#006B6D")
STYLES = {s.name: s for s in (VPC, AZ, PUBLIC_SUBNET, PRIVATE_SUBNET)}


class AwsGroup(Cluster):
    """A ``diagrams`` cluster with a unique Graphviz name and an AWS group look."""

    def __init__(self, style: GroupStyle, key: str, title: str, subtitle: str = "", *,
                 of: tuple[str, str] | None = None):
        label = icon_title_label(
            icon_path(style.icon) if style.icon else None, title, subtitle, color=style.title_color
        )
        super().__init__(key, graph_attr=style.graph_attr(label))
        # Unique name: Graphviz merges sibling subgraphs of equal name (notes §1.4).
        self.name = self.dot.name = "cluster_" + key
        self.dot.graph_attr["id"] = self.name
        current = hl.active()
        status = current.status(of) if current is not None else None
        if status:
            self.dot.graph_attr.update(hl.cluster_attrs(status))
        elif current is not None:  # Graphviz hands a parent box's class down to nested boxes
            self.dot.graph_attr["class"] = ""
