"""L-TGW-RETURN: replies across a transit gateway lost at one table (§7, TGW-2, TGW-3, TGW-4).

One finding per cause, located at what to fix: a VPC route table with no route back to the
transit gateway for the senders' addresses, a TGW route table with no route back to the
senders' attachments, or an attachment that does not cover the AZ the replies start in.
Each finding counts the VPCs whose requests arrive but get no replies, names a few, and
shows ``reach``'s answer for one subnet pair — a finding is made only when ``reach``
answers ``no-return-route`` through the transit gateway for one of its pairs, so lint,
``reach``, the site and the diff cannot disagree. The grouping is :mod:`.return_gaps`.

Isolated subnets (SUB-2: no route out of the VPC) that a transit gateway delivers requests
to are a note, not a warning: they answer nothing outside their VPC on purpose.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...diagnostics import UNKNOWN_LOCATION, Diagnostic, Location, Severity
from ...sorting import natural_sorted
from .registry import LintContext, lint_check
from .return_gaps import Gap, return_gaps

if TYPE_CHECKING:
    from ..reach import Answer

EXAMPLES = 3  # VPCs named in a message
TRIES = 6  # subnet pairs asked of reach for a finding's example


def names(ids: list[str], noun: str = "VPC") -> str:
    """``VPC 'a'``, ``VPCs 'a', 'b', 'c'``, ``297 VPCs ('a', 'b', 'c', …)``."""
    shown = ", ".join(f"'{i}'" for i in ids[:EXAMPLES])
    if len(ids) == 1:
        return f"{noun} {shown}"
    return f"{noun}s {shown}" if len(ids) <= EXAMPLES else f"{len(ids)} {noun}s ({shown}, …)"


def _example(ctx: LintContext, gaps: list[Gap]) -> tuple[str, str, Answer] | None:
    """A subnet pair of these gaps for which reach answers ``no-return-route`` through the
    transit gateway (its answer), or None."""
    from ..reach import Disposition

    tries = 0
    for gap in gaps:
        for s, t in gap.pairs:
            answer = gap.answers.get((s, t)) or ctx.reach.subnet_pair(s, t)
            if answer.disposition == Disposition.NO_RETURN_ROUTE and answer.goes_via(gap.tgw):
                return s, t, answer
            tries += 1
            if tries == TRIES:
                return None
    return None


@lint_check
def return_paths(ctx: LintContext) -> Iterator[Diagnostic]:
    """§7 return path, one finding per table or attachment that loses the replies."""
    by_cause: dict[tuple[str, tuple[str, str]], list[Gap]] = {}
    for gap in return_gaps(ctx):
        by_cause.setdefault((gap.tgw, gap.key), []).append(gap)
    for (tgw, (kind, ident)), gaps in by_cause.items():
        example = _example(ctx, gaps)
        if example is None:
            continue  # reach sees no lost reply here (filters stop the requests first)
        s, t, answer = example
        senders = gaps[0].senders if len(gaps) == 1 else natural_sorted({v for g in gaps for v in g.senders})
        because = f"{s} → {t}: {answer.reason}"
        if kind == "route-table":
            yield _route_table(ctx, tgw, ident, gaps[0], senders, because)
        elif kind == "tgw-route-table":
            yield _tgw_table(ctx, tgw, ident, gaps, senders, because)
        else:
            az = answer.blocker is not None and answer.blocker.cause in ("az-not-covered", "attachment-no-subnets")
            yield _attachment(ctx, tgw, ident, gaps, senders, because, "TGW-2" if az else "TGW-4")


def _route_table(ctx: LintContext, tgw: str, table_id: str, gap: Gap, senders: list[str], because: str
                 ) -> Diagnostic:
    subnets = natural_sorted(gap.subnets)
    where = f"its subnets {', '.join(subnets)} of '{gap.receiver}'" if len(subnets) > 1 else \
        f"its subnet {subnets[0]} of '{gap.receiver}'"
    isolated = all(ctx.dp.subnet_class(sid) == "isolated" for sid in subnets)
    if isolated:
        message = (f"route table '{table_id}' keeps {where} isolated, yet {tgw} delivers requests to "
                   f"{'them' if len(subnets) > 1 else 'it'} from {names(senders)}, which get no replies — {because}")
    else:
        message = (f"route table '{table_id}' has no route back through {tgw} to {names(senders)} whose requests "
                   f"reach {where}, so the replies are dropped — {because}")
    table = ctx.dp.table(table_id)
    loc = table.loc if table is not None and table.loc != UNKNOWN_LOCATION else _vpc_loc(ctx, gap.receiver)
    att = ctx.dp.neighbours.vpc_attachment(gap.receiver, tgw)
    return ctx.finding("L-TGW-RETURN", message, loc, table_id, severity=Severity.INFO if isolated else None,
                       rule="TGW-3", related=(att.loc if att is not None else None,))


def _tgw_table(ctx: LintContext, tgw: str, table_id: str, gaps: list[Gap], senders: list[str], because: str
               ) -> Diagnostic:
    receivers = natural_sorted({g.receiver for g in gaps})
    table = ctx.dp.tgw_table(table_id)
    propagating = set(table.propagations) if table is not None else set()
    silent = []
    for vpc in senders:
        att = ctx.dp.neighbours.vpc_attachment(vpc, tgw)
        if att is not None and att.id not in propagating:
            silent.append(att)
    hint = f" ({names([a.id for a in silent], 'attachment')} not propagating into it)" if silent else ""
    message = (f"transit gateway route table '{table_id}' has no route back to {names(senders)}{hint}, whose "
               f"requests reach {names(receivers)} associated with it, so the replies are dropped — {because}")
    spec = ctx.topology.get("tgw-route-table", table_id)
    gw = ctx.topology.get("transit-gateway", tgw)
    loc = spec.loc if spec is not None else gw.loc if gw is not None else UNKNOWN_LOCATION
    return ctx.finding("L-TGW-RETURN", message, loc, table_id, rule="TGW-4",
                       related=[a.loc for a in silent[:EXAMPLES]])


def _attachment(ctx: LintContext, tgw: str, att_id: str, gaps: list[Gap], senders: list[str], because: str,
                rule: str) -> Diagnostic:
    subnets = natural_sorted({s for g in gaps for s in g.subnets})
    receiver = gaps[0].receiver
    message = (f"replies from {', '.join(subnets)} of '{receiver}' cannot return through {tgw} at attachment "
               f"'{att_id}' to {names(senders)} whose requests reach them — {because}")
    att = ctx.topology.get("tgw-attachment", att_id)
    return ctx.finding("L-TGW-RETURN", message, att.loc if att is not None else _vpc_loc(ctx, receiver), att_id,
                       rule=rule)


def _vpc_loc(ctx: LintContext, vpc_id: str) -> Location:
    vpc = ctx.topology.get("vpc", vpc_id)
    return vpc.loc if vpc is not None else UNKNOWN_LOCATION
