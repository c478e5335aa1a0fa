"""Network tests as code: check the flows a spec declares under ``expect:``.

Each :class:`~vpcdocs.model.Expectation` is answered by the reachability engine with its
protocol and port; a disagreement is an ``E-EXPECT`` error located at the expectation, with
the path or the reason. A declared flow that fails because it relies on transitive peering
also gets ``L-PEER-TRANSITIVE`` (PEER-1); one that relies on a peer's internet gateway, NAT
gateway or gateway endpoint gets ``L-PEER-EDGE`` (PEER-2, GWE-6).
"""

from __future__ import annotations

from ...diagnostics import Diagnostic, error
from ...model import Expectation, Resource, Topology
from ..lint.catalogue import RULES
from .endpoints import UnknownEndpoint, parse_endpoint
from .explain import path_text
from .questions import reachability

EDGE_KINDS = ("internet-gateway", "nat-gateway", "gateway-endpoint")


def _hint(code: str) -> str | None:
    rule = RULES.get(code)
    return rule.hint if rule is not None else None


def _describe(exp: Expectation) -> str:
    text = f"{exp.source} → {exp.destination}"
    if exp.protocol:
        text += f" {exp.protocol}"
    if exp.port is not None:
        text += f" port {exp.port}"
    return text


def _edge_object(topology: Topology, source: str, via: str | None) -> tuple[str, Resource] | None:
    """``via`` names an IGW, NAT gateway or gateway endpoint of another VPC peered with the
    source's VPC: the flow relies on edge-to-edge routing (PEER-2, GWE-6)."""
    if not via:
        return None
    r = reachability(topology)
    try:
        places = r._source_places(parse_endpoint(topology, source))
    except UnknownEndpoint:
        return None
    if not places:
        return None
    src_vpc = places[0].vpc
    peers = {p.other_side(src_vpc) for p in topology.peerings_of(src_vpc)}
    for kind in EDGE_KINDS:
        obj = topology.get(kind, via)
        if obj is not None and obj.vpc != src_vpc and obj.vpc in peers:
            return kind, obj
    return None


def check_expectations(topology: Topology) -> list[Diagnostic]:
    """One diagnostic per expectation the topology disagrees with (plus L-PEER-* findings)."""
    r = reachability(topology)
    out: list[Diagnostic] = []
    for exp in topology.expectations:
        want = True if exp.reachable is None else exp.reachable
        desc = _describe(exp)
        try:
            answer = r.answer(exp.source, exp.destination, exp.port, exp.protocol)
        except UnknownEndpoint as exc:
            out.append(error("E-EXPECT", f"expectation {desc}: {exc}", exp.loc))
            continue
        edge = _edge_object(topology, exp.source, exp.via) if want else None
        if want and not answer.reachable:
            out.append(error("E-EXPECT", f"expected {desc} to be reachable, but it is not ({answer.disposition}): "
                                         f"{answer.reason}", exp.loc, rule=answer.rules[0] if answer.rules else None,
                             resource=exp.source))
            if "PEER-1" in answer.rules:
                out.append(error("L-PEER-TRANSITIVE", f"declared flow {desc} relies on transitive VPC peering: "
                                                      f"{answer.reason}", exp.loc, rule="PEER-1", resource=exp.source,
                                 hint=_hint("L-PEER-TRANSITIVE")))
            if edge is None and ("PEER-2" in answer.rules or "GWE-6" in answer.rules):
                out.append(error(
                    "L-PEER-EDGE", f"declared flow {desc} relies on another VPC's internet gateway, NAT gateway or "
                                   f"gateway endpoint over a peering: {answer.reason}", exp.loc,
                    rule="GWE-6" if "GWE-6" in answer.rules else "PEER-2", resource=exp.source,
                    hint=_hint("L-PEER-EDGE")))
        elif not want and answer.reachable:
            out.append(error("E-EXPECT", f"expected {desc} to be unreachable, but it is reachable: "
                                         f"{path_text(answer)}", exp.loc, resource=exp.source))
        elif want and exp.via and not answer.goes_via(exp.via):
            out.append(error("E-EXPECT", f"expected {desc} to go via {exp.via}, but the path is "
                                         f"{path_text(answer)}", exp.loc, resource=exp.source))
        if edge is not None:
            kind, obj = edge
            out.append(error(
                "L-PEER-EDGE", f"declared flow {desc} goes via {obj.id}, the {kind.replace('-', ' ')} of "
                               f"{getattr(obj, 'vpc', '')}; a peered VPC cannot use it (no edge-to-edge routing)",
                exp.loc, rule="GWE-6" if kind == "gateway-endpoint" else "PEER-2", resource=exp.source,
                hint=f"give the source VPC its own {kind.replace('-', ' ')}"))
    return out
