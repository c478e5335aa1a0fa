"""Security groups, network ACLs and managed prefix lists (SG-*, NACL-*, PL-*)."""

from __future__ import annotations

from ..containers import Field, ListOf, MapOf, Obj, OneOf
from ..types import Bool, Enum, Int, Str
from ..values import Cidr, PortRange, Protocol
from .common import ID_LIST, PREFIX_LIST_REF_DOC, TEXT, account_field, common, region_field, state

PROTOCOL_DOC = ("IP protocol: tcp, udp, icmp, icmpv6, all (or -1), or an IANA protocol number 0-255 "
                "(SG-7, NACL-9).")
ICMP_TYPE = Field(Int(-1, 255), "ICMP type for icmp/icmpv6 rules (-1 or left out: all types), e.g. 8 echo "
                  "request, 3 destination unreachable (SG-8, NACL-9).", examples=(8, 3, -1))
ICMP_CODE = Field(Int(-1, 255), "ICMP code for icmp/icmpv6 rules (-1 or left out: all codes); with "
                  "icmp_type -1 it must be -1 too (SG-8).", examples=(4, 0, -1))
PEER_DOC = ("a CIDR (IPv4 or IPv6), a security group (id of a group in this VPC, sg-… id, or "
            "account/sg-… of another account's group over a peering, SG-12), or " + PREFIX_LIST_REF_DOC)
PEER = Str(min_length=1)
PEER_EXAMPLES = ("0.0.0.0/0", "sg-app", "123456789012/sg-0abc12345678def01", "corp-ranges", "::/0")


def _sg_rule(direction: str) -> Obj:
    fields = {
        "protocol": Field(Protocol(), PROTOCOL_DOC, required=True, examples=("tcp", "udp", "icmp", "-1")),
        "port": Field(Int(0, 65535), "One port, for tcp and udp rules (use `ports` for a range; neither: all "
                      "ports).", examples=(443, 22)),
        "ports": Field(PortRange(), "A port range such as 8000-8080 (or one port), for tcp and udp rules (SG-8).",
                       examples=("8000-8080", "1024-65535")),
        "icmp_type": ICMP_TYPE,
        "icmp_code": ICMP_CODE,
        "description": Field(TEXT, "Free text (the AWS rule description).", examples=("HTTPS from the ALB",)),
    }
    if direction == "ingress":
        fields["source"] = Field(PEER, f"Where traffic comes from: {PEER_DOC}.", required=True,
                                 examples=PEER_EXAMPLES)
        return Obj(fields, what="inbound security group rule", exclusive=(("port", "ports"),))
    fields["destination"] = Field(PEER, f"Where traffic goes to: {PEER_DOC}.", examples=PEER_EXAMPLES)
    fields["source"] = Field(PEER, "Old spelling of `destination` in outbound rules (still accepted).",
                             examples=("0.0.0.0/0",))
    return Obj(fields, what="outbound security group rule",
               exclusive=(("port", "ports"), ("destination", "source")), need_one=(("destination", "source"),))


SG_INGRESS_RULE = _sg_rule("ingress")
SG_EGRESS_RULE = _sg_rule("egress")

SECURITY_GROUP = Obj(
    common(
        group_name=Field(Str(min_length=1), "The AWS GroupName when it differs from the id; unique per VPC and "
                         "never starting with sg- (SG-18). The name `default` marks the VPC's default group.",
                         examples=("web", "default")),
        default=Field(Bool(), "This is the VPC's `default` group (SG-16): instances and interface endpoints "
                      "without groups use it. Without one in the spec, vpcdocs derives AWS's default group.",
                      default=False),
        ingress=Field(ListOf(SG_INGRESS_RULE), "Inbound rules: allow-only, stateful (SG-1..3).",
                      examples=([{"protocol": "tcp", "port": 443, "source": "10.0.0.0/16"}],)),
        egress=Field(ListOf(SG_EGRESS_RULE), "Outbound rules, each with a `destination` (SG-9). A group with no "
                     "outbound rules starts no connection (SG-17).",
                     examples=([{"protocol": "-1", "destination": "0.0.0.0/0"}],)),
    ),
    what="security group",
)

NACL_RULE = Obj(
    {
        "rule": Field(Int(1, 32766), "Rule number 1-32766, unique per direction; the lowest matching number "
                      "decides (NACL-2). The final * deny is implicit (NACL-3).", required=True,
                      examples=(100, 110)),
        "action": Field(Enum(("allow", "deny"), case_insensitive=True), "Allow or deny matching traffic.", required=True,
                        examples=("allow", "deny")),
        "protocol": Field(Protocol(), PROTOCOL_DOC, required=True, examples=("tcp", "all")),
        "ports": Field(PortRange(), "One port or a range such as 1024-65535; required for tcp and udp rules "
                       "(NACL-9).", examples=(443, "1024-65535")),
        "port": Field(Int(0, 65535), "One port (same as `ports` with one port).", examples=(443,)),
        "cidr": Field(Cidr(None, not_cidr_hint="a network ACL rule takes a CIDR only, never a prefix list or "
                                               "security group (GWE-8, NACL-8)"),
                      "The source CIDR of an inbound rule, the destination CIDR of an outbound rule (IPv4 or "
                      "IPv6; NACL-8).", examples=("0.0.0.0/0", "10.66.0.0/16")),
        "ipv6_cidr": Field(Cidr(6), "An IPv6 CIDR (same as `cidr` with an IPv6 block).", examples=("::/0",)),
        "icmp_type": ICMP_TYPE,
        "icmp_code": ICMP_CODE,
        "description": Field(TEXT, "Free text.", examples=("replies to clients",)),
    },
    what="network ACL rule",
    exclusive=(("cidr", "ipv6_cidr"), ("port", "ports")),
    need_one=(("cidr", "ipv6_cidr"),),
)

NETWORK_ACL = Obj(
    common(
        default=Field(Bool(), "The VPC's default network ACL: every subnet without an explicit association uses "
                      "it (NACL-5). Without one in the spec vpcdocs derives AWS's allow-all default (NACL-6).",
                      default=False),
        subnets=Field(ID_LIST, "Subnets of this VPC associated with this ACL (the same as their `network_acl`); "
                      "a subnet has exactly one ACL (NACL-5).", examples=(["a-app-1a", "a-app-1b"],)),
        ingress=Field(ListOf(NACL_RULE), "Inbound rules, evaluated by rule number, first match wins; stateless: "
                      "replies need their own rules (NACL-1, NACL-2).",
                      examples=([{"rule": 100, "action": "allow", "protocol": "tcp", "ports": 443,
                                  "cidr": "0.0.0.0/0"}],)),
        egress=Field(ListOf(NACL_RULE), "Outbound rules; allow replies to the clients' ephemeral ports "
                     "(NACL-10).", examples=([{"rule": 100, "action": "allow", "protocol": "all",
                                               "cidr": "0.0.0.0/0"}],)),
    ),
    what="network ACL",
)

PREFIX_LIST_ENTRY = OneOf(
    Cidr(None),
    Obj({"cidr": Field(Cidr(None), "The entry's CIDR.", required=True, examples=("10.50.0.0/16",)),
         "description": Field(TEXT, "Free text (AWS entry description).", examples=("London office",))},
        what="prefix list entry"),
)

PREFIX_LIST = Obj(
    common(
        prefix_list_name=Field(Str(min_length=1), "The AWS PrefixListName when it differs from the id; AWS-managed "
                               "lists are named com.amazonaws.<region>.<service> (PL-2).",
                               examples=("corp-ranges", "com.amazonaws.us-east-1.s3")),
        address_family=Field(Enum(("IPv4", "IPv6"), case_insensitive=True), "IPv4 (default) or IPv6; every entry "
                             "must be of this family (PL-4).", default="IPv4"),
        owner=Field(Enum(("customer", "aws")), "Customer (default) for your own lists, aws for AWS-managed "
                    "service lists (PL-1).", default="customer"),
        max_entries=Field(Int(1, 1000), "MaxEntries of a customer-managed list (at most 1000): what a reference "
                          "weighs against SG and route quotas (PL-4, PL-5).", examples=(20,)),
        entries=Field(ListOf(PREFIX_LIST_ENTRY), "The CIDRs in the list (PL-3): a CIDR or {cidr, description}; "
                      "may be empty for an AWS-managed list whose contents are unknown.",
                      examples=(["10.50.0.0/16", "10.60.0.0/16"], [{"cidr": "10.50.0.0/16",
                                                                    "description": "London"}])),
        region=region_field("prefix list"),
        account=account_field("prefix list's owner"),
        state=state(("create-in-progress", "create-complete", "create-failed", "modify-in-progress",
                     "modify-complete", "modify-failed", "restore-in-progress", "restore-complete",
                     "restore-failed", "delete-in-progress", "delete-complete", "delete-failed"),
                    "Lifecycle state as AWS reports it.", "create-complete"),
    ),
    what="prefix list",
)

PREFIX_LISTS = MapOf(PREFIX_LIST, "prefix list", example_id="corp-ranges")
NETWORK_ACLS = MapOf(NETWORK_ACL, "network ACL", example_id="acl-app")
SECURITY_GROUPS = MapOf(SECURITY_GROUP, "security group", example_id="sg-web")
