"""The lint catalogue: every lint code with its severity, title, AWS rule IDs, documentation
URL and fix hint.

This table is the single source for the checks (they take severity, rule and hint from it),
for ``docs/lint-rules.md`` (:func:`render_rules_markdown`) and for the ``rules`` of SARIF
output. Rule IDs refer to ``aws-networking-rules.md`` (§11 is the suggested catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from ...diagnostics import Severity

_UG = "https://docs.aws.amazon.com/vpc/latest/userguide/"
_PEER = "https://docs.aws.amazon.com/vpc/latest/peering/"
_PL = "https://docs.aws.amazon.com/vpc/latest/privatelink/"
_TGW = "https://docs.aws.amazon.com/vpc/latest/tgw/"
_CONFIG = "https://docs.aws.amazon.com/config/latest/developerguide/"

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: note / info


@dataclass(frozen=True)
class LintRule:
    code: str
    severity: Severity
    title: str
    rules: tuple[str, ...]  # AWS rule IDs of the reference
    url: str  # AWS documentation page
    hint: str  # how to fix
    area: str  # catalogue section
    status: str = "implemented"  # implemented | reachability | not-applicable
    note: str = ""  # why a rule is not implemented here

    @property
    def rule(self) -> str:
        """The rule IDs as one string, e.g. ``"RT-LOCAL-2, RT-LOCAL-4"``."""
        return ", ".join(self.rules)


AREAS = {
    "cidr": "VPC and subnet CIDRs",
    "route-tables": "Route tables",
    "peering": "VPC peering",
    "gateway-endpoints": "Gateway endpoints",
    "interface-endpoints": "Interface endpoints",
    "endpoint-services": "Endpoint services (PrivateLink)",
    "transit-gateways": "Transit gateways",
    "nat": "NAT gateways",
    "security-groups": "Security groups",
    "network-acls": "Network ACLs",
    "ipv6": "IPv6",
    "vpn": "VPN gateways and route state",
    "suppressions": "Suppressions",
}


_RULES: tuple[LintRule, ...] = (
    # ------------------------------------------------------------------ CIDRs
    LintRule("L-CIDR-VPC", E, "VPC CIDR size not between /16 and /28, secondary CIDRs overlap, or a secondary "
             "CIDR from another RFC 1918 range than the primary", ("CIDR-1", "CIDR-2"), _UG + "vpc-cidr-blocks.html",
             "use VPC CIDRs from /16 to /28, disjoint from each other, and keep secondary CIDRs in the primary's "
             "RFC 1918 range (10/8, 172.16/12 or 192.168/16)", "cidr"),
    LintRule("L-CIDR-OVERLAP-SUBNET", E,
             "Subnet outside its VPC CIDRs, overlapping another subnet, or size not between /16 and /28",
             ("SUB-1",), _UG + "subnet-sizing.html",
             "give the subnet a /16../28 block inside one VPC CIDR that no sibling subnet uses", "cidr"),
    LintRule("L-CIDR-172-17", W, "VPC uses 172.17.0.0/16", ("SUB-3",), _UG + "vpc-cidr-blocks.html",
             "avoid 172.17.0.0/16: some AWS services (Cloud9, SageMaker) conflict with it", "cidr"),
    # ------------------------------------------------------------------ route tables
    LintRule("L-RT-MAIN", E, "VPC without exactly one main route table", ("RT-2",),
             _UG + "VPC_Route_Tables.html",
             "mark exactly one route table of the VPC 'main: true'", "route-tables"),
    LintRule("L-RT-NO-ASSOC", N, "Subnet implicitly uses the main table", ("RT-2",),
             _UG + "VPC_Route_Tables.html",
             "set the subnet's 'route_table' to make the association explicit", "route-tables"),
    LintRule("L-RT-MULTI-ASSOC", E, "Subnet associated with more than one route table", ("RT-1",),
             _UG + "VPC_Route_Tables.html",
             "associate the subnet with one table: its 'route_table' and the tables' 'subnets' lists must agree",
             "route-tables"),
    LintRule("L-RT-QUOTA", W,
             "More than 50 non-propagated IPv4 (or IPv6) routes, counting prefix-list weights",
             ("RT-Q-1",), _UG + "amazon-vpc-limits.html",
             "summarise routes, or request a higher 'routes per route table' quota (up to 1,000)",
             "route-tables"),
    LintRule("L-RT-LOCAL-SPECIFIC", E,
             "Route more specific than local that is not an exact subnet CIDR or whose target is not "
             "NAT/ENI/GWLBe, or a route equal to a VPC CIDR",
             ("RT-LOCAL-2", "RT-LOCAL-4"), _UG + "VPC_Route_Tables.html",
             "a route inside the VPC CIDR must name a whole subnet CIDR and target a NAT gateway, network "
             "interface or Gateway Load Balancer endpoint", "route-tables"),
    LintRule("L-RT-RESERVED", E, "Route to a reserved destination (169.254.168.0/22, fd00:ec2::/32)",
             ("RT-TGT-3",), _UG + "VPC_Route_Tables.html",
             "remove the route: AWS does not allow routes to 169.254.168.0/22 or fd00:ec2::/32 or inside them",
             "route-tables"),
    LintRule("L-RT-DUP-DEST", E, "Two routes with the same destination in one route table", ("RT-TGT-1",),
             _UG + "VPC_Route_Tables.html",
             "keep one route per destination: AWS rejects the second one (RouteAlreadyExists)", "route-tables"),
    LintRule("L-RT-PL-TIE", W, "Two prefix-list routes with overlapping CIDRs and different targets",
             ("RT-PRI-3",), _UG + "VPC_Route_Tables.html",
             "keep one route per prefix list in a table; AWS picks one of overlapping prefix-list routes at random",
             "route-tables"),
    LintRule("L-RT-BLACKHOLE", W, "Route target missing, deleted, or a pending peering", ("RT-BH-1",),
             _UG + "VPC_Route_Tables.html",
             "point the route at a target that exists and is usable, or remove it", "route-tables"),
    LintRule("L-RT-AWS-BLACKHOLE", W, "Route AWS reported as blackhole (state: blackhole) in a VPC or TGW "
             "route table", ("RS-3", "RS-5"), "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_Route.html",
             "delete the route or point it at a live target: AWS keeps a route whose target is gone until you "
             "change it", "route-tables"),
    # ------------------------------------------------------------------ peering
    LintRule("L-PEER-OVERLAP", E, "Peered VPCs have overlapping CIDRs (secondary and IPv6 included)",
             ("PEER-3",), _PEER + "vpc-peering-basics.html",
             "peer only VPCs whose CIDRs are all disjoint, or use PrivateLink", "peering"),
    LintRule("L-PEER-DUP", E, "More than one peering connection between the same two VPCs", ("PEER-4",),
             _PEER + "vpc-peering-basics.html", "keep one peering connection per pair of VPCs", "peering"),
    LintRule("L-PEER-ONE-SIDED", W,
             "Route to a peering on one side only, or a route destination outside the peer's CIDRs",
             ("PEER-5",), _PEER + "vpc-peering-routing.html",
             "add the return route in the peer VPC's route tables, with a destination inside the other VPC's CIDRs",
             "peering"),
    LintRule("L-PEER-TRANSITIVE", E, "Declared flow relies on A→B→C over peering", ("PEER-1",),
             _PEER + "vpc-peering-basics.html",
             "peer the two VPCs directly or connect them through a transit gateway", "peering",
             status="reachability", note="decided by the reachability engine from declared flows"),
    LintRule("L-PEER-EDGE", E,
             "Declared flow from a peer uses an IGW, NAT, VGW, DX or gateway endpoint in the other VPC",
             ("PEER-2", "GWE-6"), _PEER + "vpc-peering-basics.html",
             "give the VPC its own gateway / endpoint, or use an interface endpoint", "peering",
             status="reachability", note="decided by the reachability engine from declared flows"),
    LintRule("L-PEER-HUB-OVERLAP", W, "A VPC peered to two VPCs whose CIDRs overlap each other",
             ("PEER-6",), _PEER + "vpc-peering-basics.html",
             "give the peers disjoint CIDRs, or route only the non-overlapping parts from the hub", "peering"),
    LintRule("L-PEER-DNS", W, "Peering DNS resolution on, but a peered VPC has DNS support or hostnames off",
             ("PEER-9",), _PEER + "modify-peering-connections.html",
             "enable dns_support and dns_hostnames on both VPCs, or turn allow_dns_resolution off", "peering"),
    LintRule("L-PEER-QUOTA", W, "More than 50 active peerings on a VPC (hard maximum 125)", ("PEER-10",),
             _PEER + "vpc-peering-connection-quotas.html",
             "request a higher quota (up to 125) or move to a transit gateway", "peering"),
    # ------------------------------------------------------------------ gateway endpoints
    LintRule("L-GWE-SERVICE", E, "Gateway endpoint for a service other than S3 or DynamoDB", ("GWE-1",),
             _PL + "gateway-endpoints.html",
             "gateway endpoints exist for s3 and dynamodb only; use an interface endpoint for other services",
             "gateway-endpoints"),
    LintRule("L-GWE-MANUAL-ROUTE", E, "Hand-written route to a gateway endpoint", ("GWE-3",),
             _PL + "gateway-endpoints.html",
             "remove the route and list the route table in the endpoint's 'route_tables'; AWS adds the route",
             "gateway-endpoints"),
    LintRule("L-GWE-DUP-RT", E, "Two gateway endpoints of the same service on one route table", ("GWE-4",),
             _PL + "gateway-endpoints.html",
             "associate each route table with at most one endpoint per service", "gateway-endpoints"),
    LintRule("L-GWE-REGION", E, "Gateway endpoint service Region differs from the VPC's Region", ("GWE-5",),
             _PL + "gateway-endpoints.html",
             "use the service of the VPC's own Region (com.amazonaws.<vpc region>.<service>)",
             "gateway-endpoints"),
    LintRule("L-GWE-NACL-PL", E, "NACL rule references a prefix list", ("GWE-8",),
             _PL + "gateway-endpoints.html", "use the service CIDRs in NACL rules", "gateway-endpoints",
             status="not-applicable", note="the spec loader rejects a NACL rule whose peer is not a CIDR"),
    LintRule("L-GWE-QUOTA", W, "More than 20 gateway endpoints in a Region, or more than 255 in a VPC",
             ("GWE-11",), _PL + "vpc-limits-endpoints.html",
             "request a higher quota or share endpoints between route tables", "gateway-endpoints"),
    LintRule("L-GWE-NAT-COST", N,
             "Subnets reach S3 through a NAT gateway without an S3 gateway endpoint on their table",
             ("GWE-7",), _PL + "gateway-endpoints.html",
             "add a gateway endpoint (free) on the route table to avoid NAT data-processing charges",
             "gateway-endpoints"),
    # ------------------------------------------------------------------ interface endpoints
    LintRule("L-IFE-AZ-DUP", E, "Interface endpoint with two subnets in the same AZ", ("IFE-1",),
             _PL + "interface-endpoints.html", "choose at most one subnet per Availability Zone",
             "interface-endpoints"),
    LintRule("L-IFE-DNS", W, "Private DNS on but the VPC's DNS support or DNS hostnames is off", ("IFE-3",),
             _PL + "interface-endpoints.html",
             "set the VPC's dns_support and dns_hostnames to true, or turn private_dns off",
             "interface-endpoints"),
    LintRule("L-IFE-SG", W, "Endpoint security groups do not allow the service port from clients", ("IFE-2",),
             _PL + "interface-endpoints.html",
             "allow inbound TCP on the service port (443 for AWS services) from the client subnets or groups",
             "interface-endpoints"),
    LintRule("L-IFE-QUOTA", W, "More than 50 interface + GWLB endpoints in a VPC", ("IFE-7",),
             _PL + "vpc-limits-endpoints.html", "request a higher quota or centralise endpoints",
             "interface-endpoints"),
    # ------------------------------------------------------------------ endpoint services
    LintRule("L-EPS-LB-TYPE", E, "Endpoint service backed by anything other than an NLB or GWLB", ("EPS-1",),
             _PL + "create-endpoint-service.html",
             "back the endpoint service with a network load balancer (put an ALB behind it as an 'alb' target)",
             "endpoint-services"),
    LintRule("L-EPS-ALB-TARGET", E,
             "ALB target group: ALB in another VPC or account, port mismatch, non-TCP NLB listener, or more "
             "than 2 NLBs per ALB", ("EPS-5",),
             "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html",
             "use one ALB in the NLB's VPC, a TCP target group on an ALB listener port, and TCP NLB listeners",
             "endpoint-services"),
    LintRule("L-LB-SUBNETS", E, "Load balancer with two subnets in one AZ, or an ALB in fewer than two AZs",
             ("EPS-10",), "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
             "application-load-balancers.html",
             "give a load balancer one subnet per AZ, and an application load balancer at least two AZs",
             "endpoint-services"),
    LintRule("L-EPS-AZ", E, "Consumer endpoint AZs and the service's NLB AZs do not intersect (error); some "
             "endpoint subnets outside them (warning)", ("EPS-4",),
             _PL + "create-endpoint-service.html",
             "put the endpoint in subnets of AZs (by AZ ID) where the NLB has subnets", "endpoint-services"),
    LintRule("L-EPS-XZONE", W, "NLB cross-zone on while its ALB target's cross-zone is off", ("EPS-9",),
             "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/application-load-balancer-target.html",
             "disable cross-zone load balancing on the NLB and enable it on the ALB", "endpoint-services"),
    # ------------------------------------------------------------------ transit gateways
    LintRule("L-TGW-AZ", E, "Subnet routes to a TGW but the VPC attachment has no subnet in that AZ",
             ("TGW-2",), _TGW + "tgw-vpc-attachments.html",
             "add a subnet of that AZ to the VPC attachment", "transit-gateways"),
    LintRule("L-TGW-NO-VPC-ROUTE", W, "VPC attached to a TGW but no route table points at it", ("TGW-3",),
             _TGW + "tgw-vpc-attachments.html",
             "add routes to the transit gateway in the VPC's route tables (propagation does not write them)",
             "transit-gateways"),
    LintRule("L-TGW-ASSOC", E, "Attachment associated with zero or more than one TGW route table", ("TGW-4",),
             _TGW + "how-transit-gateways-work.html",
             "associate each attachment with exactly one transit gateway route table", "transit-gateways"),
    LintRule("L-TGW-IDENTICAL-CIDR", E, "Two VPCs attached to one TGW with identical (error) or overlapping "
             "(warning) CIDRs", ("TGW-8",), _TGW + "how-transit-gateways-work.html",
             "give attached VPCs distinct CIDRs", "transit-gateways"),
    LintRule("L-TGW-RETURN", W, "Requests arrive through a TGW but the replies are lost: one finding per VPC "
             "route table, TGW route table or attachment that loses them, counting the VPCs affected (a note when "
             "the subnets are isolated)", ("TGW-3", "TGW-4", "TGW-2"), _TGW + "how-transit-gateways-work.html",
             "add the return route where the finding points: a route to the TGW for the senders' CIDRs in the VPC "
             "route table, a propagation or static route for their attachments in the TGW route table, a subnet "
             "in that AZ on the attachment; or suppress it on a table whose subnets are isolated on purpose",
             "transit-gateways"),
    LintRule("L-TGW-QUOTA", W, "More than 5 TGWs attached to one VPC, or more than 20 route tables per TGW",
             ("TGW-9",), _TGW + "transit-gateway-quotas.html",
             "stay within the transit gateway quotas", "transit-gateways"),
    # ------------------------------------------------------------------ NAT
    LintRule("L-NAT-PUBLIC", E, "Public NAT gateway in a subnet without a route to an internet gateway",
             ("NAT-1",), _UG + "vpc-nat-gateway.html",
             "put public NAT gateways in a public subnet (0.0.0.0/0 → the VPC's internet gateway)", "nat"),
    LintRule("L-NAT-AZ", N, "Subnets in one AZ use a NAT gateway in another AZ", ("NAT-1",),
             _UG + "vpc-nat-gateway.html",
             "give each AZ its own NAT gateway and route its subnets to it", "nat"),
    # ------------------------------------------------------------------ security groups
    LintRule("L-SG-ADMIN-OPEN", W, "Inbound rule opens SSH (22) or RDP (3389) to 0.0.0.0/0 or ::/0", ("SG-9",),
             _UG + "security-group-rules.html",
             "allow SSH/RDP only from known ranges, a bastion's security group, or use Session Manager",
             "security-groups"),
    LintRule("L-SG-DB-OPEN", N, "Inbound rule opens a database or cache port (1433, 1521, 3306, 4333, 5432, "
             "5439, 6379, 9200, 11211, 27017…) to 0.0.0.0/0 or ::/0", ("SG-22",), _CONFIG + "restricted-common-ports.html",
             "allow the port only from the application's security group or subnets", "security-groups"),
    LintRule("L-SG-REF-SCOPE", E, "Rule references a security group of another VPC across an inter-Region "
             "peering, or reached only over a transit gateway (outbound: error; inbound: warning); a group of an "
             "unpeered VPC is the loader's S-REF error", ("SG-12", "SG-14"),
             _PEER + "vpc-peering-security-groups.html",
             "reference groups only in the same VPC or across an active same-Region peering; elsewhere name the "
             "peer's CIDR", "security-groups"),
    LintRule("L-SG-STALE", W, "Rule references a group the spec does not have (deleted?) or a group across a "
             "peering that is not active: it matches nothing", ("SG-13",), _PEER + "vpc-peering-security-groups.html",
             "remove the stale rule, or reference a live group over an active peering", "security-groups"),
    LintRule("L-SG-UNUSED", N, "Non-default security group attached to no instance, ENI, load balancer or "
             "endpoint (only in VPCs whose workloads the spec declares)", ("SG-21",),
             _CONFIG + "ec2-security-group-attached-to-eni.html",
             "delete the group, or attach it where it is meant to apply", "security-groups"),
    LintRule("L-SG-QUOTA", W, "More than 60 rules per direction and address family (prefix lists counted by max "
             "entries or weight), or more than 5 groups on one interface", ("SG-19", "PL-5"),
             _UG + "amazon-vpc-limits.html",
             "summarise rules, use smaller prefix lists (max_entries counts, not the entries in use), or request a "
             "higher quota", "security-groups"),
    # ------------------------------------------------------------------ network ACLs
    LintRule("L-NACL-NO-REPLY", W, "NACL allows requests one way but leaves their replies to the * rule the "
             "other way (ephemeral ports: 1024-65535 for remote clients, the hosts' own ranges for theirs)",
             ("NACL-10", "NACL-1"), _UG + "nacl-ephemeral-ports.html",
             "allow TCP/UDP 1024-65535 in the opposite direction for the peers whose requests you allow",
             "network-acls"),
    LintRule("L-NACL-SHADOWED", W, "NACL rule never applies: lower-numbered rules already decide all of its "
             "traffic", ("NACL-2",), _UG + "custom-network-acl.html",
             "remove the rule, or renumber it before the rules that cover it", "network-acls"),
    LintRule("L-NACL-QUOTA", W, "More than 20 rules per direction and address family, the * rule included",
             ("NACL-15",), _UG + "amazon-vpc-limits.html",
             "merge rules, or request a higher quota (up to 40)", "network-acls"),
    # ------------------------------------------------------------------ IPv6
    LintRule("L-V6-NAT", W, "IPv6 route to a NAT gateway outside 64:ff9b::/96 (no NAT66); in YAML specs the "
             "loader already rejects it (S-VALUE), this catches topologies built in Python", ("V6-5",),
             _UG + "nat-gateway-nat64-dns64.html",
             "route ::/0 to an egress-only internet gateway; keep NAT gateway routes for 64:ff9b::/96 (NAT64)",
             "ipv6"),
    LintRule("L-V6-TGW", W, "VPC with IPv6 CIDRs attached to a transit gateway without IPv6 support (warning "
             "when IPv6 is routed over it, note otherwise)", ("V6-8",), _TGW + "tgw-vpc-attachments.html",
             "enable IPv6 support on the attachment (its subnets need IPv6 CIDRs)", "ipv6"),
    # ------------------------------------------------------------------ VPN gateways
    LintRule("L-VGW-DETACHED", W, "Route to, or propagation from, a virtual private gateway not attached to the "
             "VPC", ("RS-2", "VGW-1", "VGW-3"), _UG + "WorkWithRouteTables.html",
             "attach the virtual private gateway to the VPC, or remove the route and the propagation", "vpn"),
    LintRule("L-VGW-LOCAL-OVERLAP", N, "Propagated VPN/Direct Connect prefix inside a VPC CIDR: the local route "
             "always wins", ("VGW-6",), _UG + "route-tables-priority.html",
             "stop advertising VPC address space from on-premises, or renumber the overlapping network", "vpn"),
    # ------------------------------------------------------------------ suppressions
    LintRule("L-SUPPRESS-UNKNOWN", W, "Suppression names an unknown lint code", (),
             "",
             "use a code listed in docs/lint-rules.md", "suppressions"),
    LintRule("L-SUPPRESS-UNUSED", W, "Suppression silences nothing", (),
             "",
             "remove the suppression: the finding it was written for is gone", "suppressions"),
)

RULES: MappingProxyType[str, LintRule] = MappingProxyType({r.code: r for r in _RULES})


def get_rule(code: str) -> LintRule | None:
    return RULES.get(code)



def all_rules() -> tuple[LintRule, ...]:
    return _RULES


def render_rules_markdown() -> str:
    """``docs/lint-rules.md``: the catalogue as a page (tests keep the committed file in sync)."""
    lines = [
        "# Lint rules",
        "",
        "<!-- Generated by vpcdocs.analysis.lint.catalogue.render_rules_markdown(); do not edit. -->",
        "",
        "`vpcdocs check` runs these checks on the topology. Each finding has a stable code, a",
        "severity, the AWS rule it enforces (IDs from the project's AWS networking rules reference),",
        "the spec location of the offending object and a fix hint. Errors fail the run; warnings",
        "fail it only with `--strict`.",
        "",
        "Silence a finding on purpose on the resource it is about, with a reason:",
        "",
        "```yaml",
        "# excerpt",
        "vpcs:",
        "  vpc-build:",
        "    cidr: 172.17.0.0/16",
        "    suppress:",
        "      - {code: L-CIDR-172-17, reason: \"legacy build hosts, renumbered in Q3\"}",
        "```",
        "",
        "The resource a finding is about is the one named in its message (`resource` in JSON",
        "output): the route table for route findings, the peering for peering findings, the security",
        "group or network ACL for findings about their rules, the attachment for transit gateway",
        "findings (for `L-TGW-RETURN`: the VPC route table, TGW route table or attachment where the",
        "replies are lost), and so on.",
        "A suppression with an unknown code, or one that silences nothing, is itself a warning.",
        "",
        "`vpcdocs check --format json` prints the findings as a list of objects (`code`, `severity`,",
        "`message`, `file`, `line`, `column`, `rule`, `rule_url`, `hint`, `resource`);",
        "`--format sarif` prints SARIF 2.1.0, which GitHub code scanning turns into annotations on the",
        "spec lines of a pull request:",
        "",
        "```yaml",
        "- run: vpcdocs check specs --format sarif > vpcdocs.sarif || true",
        "- uses: github/codeql-action/upload-sarif@v3",
        "  with:",
        "    sarif_file: vpcdocs.sarif",
        "```",
        "",
    ]
    for area, heading in AREAS.items():
        rules = [r for r in _RULES if r.area == area]
        if not rules:
            continue
        lines += [f"## {heading}", "", "| Code | Severity | Check | AWS rule | Fix |", "| --- | --- | --- | --- | --- |"]
        for r in rules:
            rule = f"[{r.rule}]({r.url})" if r.rules else "—"
            title = r.title
            if r.status != "implemented":
                title += f" *({r.note})*"
            lines.append(f"| `{r.code}` | {r.severity.value} | {_md(title)} | {rule} | {_md(r.hint)} |")
        lines.append("")
    return "\n".join(lines + _added_rules_markdown())


# Rule IDs this project added to ../shared/reference/aws-networking-rules.md's numbering, for
# rules the reference lacks: id -> (statement, AWS documentation page it is taken from).
ADDED_RULES: dict[str, tuple[str, str]] = {
    "SG-21": ("A non-default security group attached to no network interface is unused (the AWS Config "
              "rule ec2-security-group-attached-to-eni).", _CONFIG + "ec2-security-group-attached-to-eni.html"),
    "SG-22": ("Inbound rules should not open common database and cache ports to 0.0.0.0/0 or ::/0 (the AWS "
              "Config rule restricted-common-ports).", _CONFIG + "restricted-common-ports.html"),
}


def _added_rules_markdown() -> list[str]:
    lines = ["## Rule IDs added by vpcdocs", "",
             "The AWS rule IDs above come from the project's AWS networking rules reference; these were",
             "added for checks it did not cover, each with the AWS page it is taken from.", "",
             "| Rule | Statement | Source |", "| --- | --- | --- |"]
    for rid, (statement, url) in sorted(ADDED_RULES.items()):
        lines.append(f"| {rid} | {_md(statement)} | <{url}> |")
    return lines + [""]


def render_rules_text() -> str:
    """The catalogue as plain text, one rule per line (for ``vpcdocs check --list-rules``)."""
    width = max(len(r.code) for r in _RULES)
    lines = []
    for r in _RULES:
        note = f" [{r.note}]" if r.status != "implemented" else ""
        lines.append(f"{r.code:<{width}}  {r.severity.value:<7}  {r.rule or '-':<22}  {r.title}{note}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|")
