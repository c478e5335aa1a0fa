"""Home: the estate at a glance — counts, regions, accounts, reachability and findings by
severity, links to every page — and the overview diagram. The list of every VPC is on the
VPCs page (:mod:`.vpcs_index`), so the home page stays the same size at any scale."""

from __future__ import annotations

from collections import Counter

from ...diagnostics import Severity
from ...sorting import natural_key
from .. import paths
from ..context import SiteData, source_path
from ..doc import UL, Code, Doc, H, Img, Inline, Link, P, Strong, Table, join, seq
from ..matrix_html import WORD
from ..reach_data import EXPECTED, NONE, OK, PL, UNEXPECTED

PAGE = paths.HOME

_COUNTED = (
    ("VPCs", "vpcs"), ("Subnets", "subnets"), ("Route tables", "route_tables"),
    ("Internet gateways", "internet_gateways"), ("NAT gateways", "nat_gateways"),
    ("Gateway endpoints", "gateway_endpoints"), ("Interface endpoints", "interface_endpoints"),
    ("Endpoint services", "endpoint_services"), ("Load balancers", "load_balancers"),
    ("Peerings", "peerings"), ("Transit gateways", "transit_gateways"),
    ("TGW attachments", "tgw_attachments"), ("Security groups", "security_groups"),
    ("Network ACLs", "network_acls"), ("Instances", "instances"),
)
FILES_LISTED = 12


def _spread(data: SiteData) -> list:
    topo = data.topology
    regions = Counter(v.region for v in topo.vpcs)
    accounts = Counter(v.account or "no account" for v in topo.vpcs)
    subnets = Counter(s.vpc for s in topo.subnets)
    rows: list[list[Inline]] = []
    for region in sorted(regions, key=natural_key):
        tgws = sorted((t.id for t in topo.transit_gateways if t.region == region), key=natural_key)
        n_sub = sum(subnets[v.id] for v in topo.vpcs if v.region == region)
        rows.append([region, str(regions[region]), str(n_sub), join(", ", (data.link("transit-gateway", t) for t in tgws))])
    acct_rows: list[list[Inline]] = []
    for account in sorted(accounts, key=natural_key):
        regs = sorted({v.region for v in topo.vpcs if (v.account or "no account") == account}, key=natural_key)
        acct_rows.append([Code(account), str(accounts[account]), ", ".join(regs)])
    return [H(2, "Regions and accounts"),
            Table(("Region", "VPCs", "Subnets", "Transit gateways"), rows, frozenset({1, 2})),
            Table(("Account", "VPCs", "Regions"), acct_rows, frozenset({1}))]


def _health(data: SiteData) -> list:
    by = Counter(d.severity for d in data.findings)
    words = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "information"}
    found: Inline = join(", ", (seq(Strong(str(by[s])), f" {words[s]}") for s in Severity)) if data.findings else "none"
    out: list = [H(2, "Findings and reachability"),
                 P(seq("Findings: ", found, " — ", Link(paths.FINDINGS, None, "Findings"), "."))]
    reach = data.site_reach
    if reach is not None and len(reach.vpcs) > 1:
        c = reach.counts()
        n = len(reach.vpcs)
        parts = ", ".join(f"{c[s]} {WORD[s]}" for s in (OK, UNEXPECTED, EXPECTED, PL, NONE) if c[s])
        out.append(P(seq(f"VPC pairs ({n * (n - 1)}): {parts} — ", Link(paths.REACHABILITY, None, "Reachability"), ".")))
    return out


def render(data: SiteData) -> Doc:
    topo = data.topology
    doc = Doc("Network overview")
    shown = join(", ", (Code(source_path(f)) for f in topo.files[:FILES_LISTED]))
    more = f" and {len(topo.files) - FILES_LISTED} more" if len(topo.files) > FILES_LISTED else ""
    n_files = len(topo.files)
    doc.add(H(1, "Network overview"),
            P(seq(f"{len(topo.vpcs)} VPCs in {len({v.region for v in topo.vpcs})} regions and "
                  f"{len({v.account for v in topo.vpcs if v.account})} accounts, documented by vpcdocs from {n_files} "
                  f"spec file{'s' if n_files != 1 else ''}: ", shown or "none", f"{more}. Spec content hash: ",
                  Code(data.revision.content_hash), " (the footer also names the git revision).")),
            H(2, "Pages"),
            UL([seq(Link(paths.VPCS, None, "VPCs"), " — every VPC by account and region, with its CIDRs and connections"),
                seq(Link(paths.REACHABILITY, None, "Reachability"),
                    " — which VPC reaches which, by account, region and transit gateway domain"),
                seq(Link(paths.TRANSIT_GATEWAYS, None, "Transit gateways"), " — attachments and route tables"),
                seq(Link(paths.PRIVATELINK, None, "PrivateLink"), " — endpoint services and their consumers"),
                seq(Link(paths.CIDR_INDEX, None, "CIDR index"), " — who owns which address range"),
                seq(Link(paths.FINDINGS, None, "Findings"), " — lint results and expectations by severity")]))
    doc.add(*_health(data), *_spread(data), H(2, "Counts"),
            Table(("Resource", "Count"), [[label, str(len(getattr(topo, attr)))] for label, attr in _COUNTED],
                  frozenset({1})))
    overview = f"{paths.IMAGES}/overview.svg"
    if overview in data.images:
        doc.add(H(2, "Overview diagram"), Img(overview, "Overview diagram of every VPC and how they connect"))
    return doc
