"""The one shape filter every importer runs its input through.

AWS responses, saved JSON, AWS Config items and Terraform states can hold anything: a port
written as ``"443"``, a subnet list that is a string, a 5,000-digit integer, a damaged
hand-edited file. :func:`clean` returns a copy that keeps only fields of the type vpcdocs
expects (by field name, from the tables below) so that malformed input ends as skip entries
and defaults — never as an exception deep inside a translator.

Two tables, one function: :data:`DESCRIBE` for ``describe-*`` shaped data (PascalCase keys,
what every AWS importer and the Terraform converter produce) and :data:`TERRAFORM` for
Terraform attribute values (snake_case keys).
"""

from __future__ import annotations

from typing import Any, Final

# Field kinds.
STR: Final = "str"  # text (None kept); an integer account id becomes text
INT: Final = "int"  # integer (a digit string is converted); out of range → dropped
BOOL: Final = "bool"
OBJS: Final = "objs"  # list of objects (each cleaned recursively); other elements dropped
STRS: Final = "strs"  # list of text; other elements dropped
MIXED: Final = "mixed"  # list of text or of objects, whichever the first element is
DICT: Final = "dict"  # one object, cleaned recursively
TAGS: Final = "tags"  # [{Key, Value}] or {key: value}
SCALAR: Final = "scalar"  # text, number or boolean as text (attribute values such as "true")

INT_LIMIT: Final = 2**63  # far above any port, ASN or rule number; bounds huge JSON integers

_KINDS: dict[str, tuple[str, ...]] = {
    OBJS: (
        # ec2
        "Vpcs", "Subnets", "RouteTables", "Routes", "Associations", "PropagatingVgws", "Attachments",
        "CidrBlockAssociationSet", "Ipv6CidrBlockAssociationSet", "CidrBlockSet", "Ipv6CidrBlockSet", "Groups",
        "IpPermissions", "IpPermissionsEgress", "IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs",
        "Entries", "NetworkInterfaces", "PrivateIpAddresses", "Ipv6Addresses", "Instances", "NatGatewayAddresses",
        "VpcAttachments", "VgwTelemetry",
        # transit gateways
        "TransitGatewayAttachments", "TransitGatewayRouteTablePropagations",
        # elbv2
        "AvailabilityZones", "DefaultActions", "TargetHealthDescriptions", "Attributes", "TargetGroups",
        "Listeners", "AllowedPrincipals",
        # direct connect (lower camel case, as the service returns it)
        "allowedPrefixesToDirectConnectGateway",
        # terraform blocks
        "route", "ingress", "default_action", "subnet_mapping", "forward", "target_group", "entry",
        "network_interface", "attachment",
    ),
    STRS: (
        "RouteTableIds", "SubnetIds", "Cidrs", "NetworkInterfaceIds", "LoadBalancerArns", "NetworkLoadBalancerArns",
        "GatewayLoadBalancerArns", "_allowed_principals",
        "subnets", "subnet_ids", "route_table_ids", "security_group_ids", "security_groups", "cidr_blocks",
        "ipv6_cidr_blocks", "prefix_list_ids", "network_load_balancer_arns", "gateway_load_balancer_arns",
        "allowed_principals", "propagating_vgws", "private_ips", "ipv6_addresses", "vpc_security_group_ids",
        "allowed_prefixes", "ipv6_address_list", "private_ip_list", "secondary_private_ips",
    ),
    # elbv2 lists group ids (text), describe-instances group objects: one kind per list
    MIXED: ("SecurityGroups",),
    DICT: (
        "CidrBlockState", "Ipv6CidrBlockState", "AssociationState", "Status", "Options", "RequesterVpcInfo",
        "AccepterVpcInfo", "Association", "PeeringOptions", "Target", "ForwardConfig", "RequesterTgwInfo",
        "AccepterTgwInfo", "_peering", "PortRange", "IcmpTypeCode", "State", "Attachment", "Placement",
        "associatedGateway",
    ),
    TAGS: ("Tags", "TagSet", "tags", "tags_all"),
    INT: (
        "Port", "FromPort", "ToPort", "AmazonSideAsn", "RuleNumber", "From", "To", "Type", "Code", "MaxEntries",
        "DeviceIndex", "BgpAsn", "amazonSideAsn",
        "port", "from_port", "to_port", "amazon_side_asn", "rule_no", "rule_number", "icmp_type", "icmp_code",
        "max_entries", "device_index", "bgp_asn",
    ),
    BOOL: (
        "Main", "AcceptanceRequired", "PrivateDnsEnabled", "DefaultAssociationRouteTable",
        "DefaultPropagationRouteTable", "AllowDnsResolutionFromRemoteVpc", "_inferred", "_synthesized",
        "AdditionalRoutesAvailable", "Egress", "IsDefault", "RequesterManaged", "SourceDestCheck",
        "MapPublicIpOnLaunch", "StaticRoutesOnly", "Primary", "IsPrimary",
        "internal", "blackhole", "self", "enable_dns_support", "enable_dns_hostnames",
        "enable_cross_zone_load_balancing", "auto_accept", "private_dns_enabled", "acceptance_required",
        "transit_gateway_default_route_table_association", "transit_gateway_default_route_table_propagation",
        "default_association_route_table", "default_propagation_route_table", "egress",
        "map_public_ip_on_launch", "source_dest_check", "static_routes_only", "associate_public_ip_address",
        "assign_generated_ipv6_cidr_block",
    ),
    SCALAR: ("Value",),
}
# "Type" and "State" are both an integer/text (ICMP type, TGW route type) and an object/text
# (instance state): they are resolved by value in :func:`_clean_value`.
_AMBIGUOUS = {"Type", "State", "Code", "egress"}

SHAPES: Final[dict[str, str]] = {key: kind for kind, keys in _KINDS.items() for key in keys}


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if -INT_LIMIT < value < INT_LIMIT else None
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit() and len(text) <= 19:
            number = int(text)
            return number if -INT_LIMIT < number < INT_LIMIT else None
    return None


def _tags(value: Any) -> list[dict[str, str]] | dict[str, str] | None:
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)}
    if isinstance(value, list):
        out = []
        for tag in value:
            if isinstance(tag, dict) and isinstance(tag.get("Key"), str):
                text = tag.get("Value")
                out.append({"Key": tag["Key"], "Value": text if isinstance(text, str) else ""})
        return out
    return None


def _clean_value(key: str, value: Any) -> tuple[bool, Any]:
    """(keep?, cleaned value) of one field."""
    kind = SHAPES.get(key)
    if key in _AMBIGUOUS:
        if isinstance(value, dict):
            return True, clean(value)
        if isinstance(value, list):
            return True, [clean(x) for x in value if isinstance(x, dict)]
        if isinstance(value, str) or value is None:
            return True, value
        if isinstance(value, bool):
            return key == "egress", value
        number = _as_int(value)
        return number is not None, number
    if kind in (OBJS, STRS, MIXED):
        if not isinstance(value, list):
            return False, None
        want = dict if kind == OBJS or (kind == MIXED and value and isinstance(value[0], dict)) else str
        return True, [clean(x) if isinstance(x, dict) else x for x in value if isinstance(x, want)]
    if kind == DICT:
        return isinstance(value, dict), clean(value) if isinstance(value, dict) else None
    if kind == TAGS:
        tags = _tags(value)
        return tags is not None, tags
    if kind == INT:
        number = _as_int(value)
        return number is not None, number
    if kind == BOOL:
        if isinstance(value, bool):
            return True, value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return True, value.lower() == "true"
        return False, None
    if kind == SCALAR:
        if isinstance(value, bool):
            return True, "true" if value else "false"
        if isinstance(value, (str, int, float)):
            return True, str(value) if not isinstance(value, int) or _as_int(value) is not None else None
        return False, None
    if isinstance(value, str) or value is None:
        return True, value
    if isinstance(value, int) and not isinstance(value, bool) and _as_int(value) is not None:
        # an id or account written as a number (OwnerId: 123456789012), or a Terraform number
        return True, str(value)
    if isinstance(value, float) and value == value and abs(value) < INT_LIMIT:
        return True, str(int(value)) if value.is_integer() else str(value)
    return False, None


def clean(value: Any) -> dict[str, Any]:
    """A copy of the object ``value`` holding only fields of the expected type (see module
    docstring); anything that is not an object gives ``{}``."""
    if not isinstance(value, dict):
        return {}
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str):
            continue
        keep, cleaned = _clean_value(key, item)
        if keep:
            out[key] = cleaned
    return out


def clean_items(items: Any) -> list[dict[str, Any]]:
    """The objects of a describe list, each cleaned; non-objects dropped."""
    if not isinstance(items, list):
        return []
    return [clean(item) for item in items if isinstance(item, dict)]
