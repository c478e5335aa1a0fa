"""What every importer produces: describe-shaped input snapshots, spec files and a skip report.

The live (boto3) and saved-JSON importers both build :class:`AwsSnapshot` objects holding
``aws ec2 describe-*`` / ``elbv2 describe-*`` shaped lists; the Terraform importer converts
its resources into the same shapes. :func:`vpcdocs.importers.describe_to_spec.translate` turns
snapshots into spec dicts, and :mod:`vpcdocs.importers.spec_writer` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportFailure(Exception):
    """Input the importer cannot use at all (unreadable file, bad JSON, no credentials).

    ``source`` is the file or place it is about, ``code`` a stable code for the message
    ``SOURCE: error[CODE]: message`` the command line prints.
    """

    def __init__(self, source: str, code: str, message: str):
        super().__init__(message)
        self.source = source
        self.code = code
        self.message = message

    def format(self) -> str:
        return f"{self.source}: error[{self.code}]: {self.message}"


@dataclass
class AwsSnapshot:
    """Describe-shaped data of one account and region.

    ``data`` maps a list key of the AWS response (``Vpcs``, ``Subnets``, ``RouteTables``,
    ``ServiceConfigurations``, ``LoadBalancers`` …) to its items. Transit gateway route table
    details use Batfish's per-table wrappers: ``TransitGatewayStaticRoutes`` and
    ``TransitGatewayPropagations`` (and ``TransitGatewayAssociations`` in the same style) are
    lists of ``{"TransitGatewayRouteTableId": …, "Routes" | "TransitGatewayRouteTablePropagations"
    | "Associations": [...]}``.
    """

    region: str | None = None
    account: str | None = None
    data: dict[str, list] = field(default_factory=dict)
    source: str = ""  # where it came from (a folder, "aws:us-east-1"), for messages
    extra: dict[str, object] = field(default_factory=dict)  # per-VPC attributes, LB attributes …

    def items(self, key: str) -> list:
        value = self.data.get(key) or []
        return [v for v in value if isinstance(v, dict)]

    def has(self, key: str) -> bool:
        return key in self.data


@dataclass(frozen=True, order=True)
class Skipped:
    """Something AWS (or Terraform) reported that the spec does not carry, and why."""

    kind: str  # "route", "route-table", "security-group", "file" …
    id: str  # AWS id, address or file name
    reason: str
    source: str = ""

    def format(self) -> str:
        where = f" [{self.source}]" if self.source else ""
        return f"skipped {self.kind} {self.id}: {self.reason}{where}"


@dataclass
class ImportResult:
    """Spec files (relative path → spec dict), the skip report and informational notes."""

    files: dict[str, dict] = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def skip(self, kind: str, id_: str, reason: str, source: str = "") -> None:
        self.skipped.append(Skipped(kind, id_, reason, source))

    def note(self, text: str) -> None:
        self.notes.append(text)

    def sorted_skips(self) -> list[Skipped]:
        return sorted(set(self.skipped))
