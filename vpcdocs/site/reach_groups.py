"""Grouping reach records for the pages: failures by (state, disposition, cause, where), reachable
pairs by the gateway they leave through — unexpected failures first. Groups only *list*
cells that were each answered by reach; nothing here decides a cell."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..sorting import natural_key
from .reach_data import EXPECTED, NONE, OK, PL, SELF, UNEXPECTED, Record, via

ORDER = (UNEXPECTED, EXPECTED, PL, OK, NONE)


@dataclass
class Group:
    state: str
    disposition: str
    cause: str
    at: str  # where it fails, or the gateway a reachable path leaves through
    example: Record
    example_pair: tuple[str, str]
    members: list[tuple[str, str]] = field(default_factory=list)  # (source, destination)


def group(cells: Iterable[tuple[str, str, Record]]) -> list[Group]:
    """Groups of ``(source, destination, record)`` in page order: by state (unexpected first),
    then biggest first, then by name."""
    found: dict[tuple[str, str, str, str], Group] = {}
    for src, dst, rec in cells:
        if rec.state == SELF:
            continue
        if rec.state == OK:
            key = (OK, rec.disposition, "", via(rec))
        elif rec.state == NONE:
            key = (NONE, "", "", "")
        else:
            key = (rec.state, rec.disposition, rec.cause, rec.at)
        g = found.get(key)
        if g is None:
            g = found[key] = Group(key[0], key[1], key[2], key[3], rec, (src, dst))
        g.members.append((src, dst))
    return sorted(found.values(), key=lambda g: (ORDER.index(g.state), -len(g.members), natural_key(g.at),
                                                 natural_key(g.cause)))


def reason(g: Group, topology: object) -> str:
    """The sentence of the group's example: the record's own words, or (VPC matrix records keep
    data only) what ``reach`` answers for the example pair."""
    if g.example.reason:
        return g.example.reason
    from ..analysis.reach import reachability

    src, dst = g.example_pair
    return reachability(topology).vpc_pair(src, dst).reason  # type: ignore[arg-type]


def counts(groups: Iterable[Group]) -> dict[str, int]:
    out = dict.fromkeys(ORDER, 0)
    for g in groups:
        out[g.state] += len(g.members)
    return out
