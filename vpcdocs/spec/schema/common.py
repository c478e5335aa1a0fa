"""Pieces every part of the spec format uses: ids, regions, text, the common resource fields."""

from __future__ import annotations

from ..containers import Field, ListOf, MapOf, Obj
from ..types import ID_PATTERN, AccountId, Enum, Str

REGION = Str(r"[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d", "an AWS region such as us-east-1")
ID_REF = Str(ID_PATTERN, "an id", min_length=1)
ID_LIST = ListOf(ID_REF, unique=True)
TEXT = Str()
ACCOUNT = AccountId()
AWS_ID = Str(r"[A-Za-z0-9:/._-]+", "an AWS id or ARN")
PREFIX_LIST_REF_DOC = ("a prefix list: the id of a `prefix_lists` entry, its AWS id (pl-…) or an AWS-managed "
                       "list name (com.amazonaws.<region>.<service>)")


def common(**fields: Field) -> dict[str, Field]:
    """Fields every resource accepts, then the resource's own."""
    return {
        "name": Field(TEXT, "Display name shown in the docs (defaults to the id).", examples=("Payments VPC",)),
        "description": Field(TEXT, "Free text shown in the docs.", examples=("Shared services for all teams",)),
        "aws_id": Field(AWS_ID, "The real AWS id, shown in the docs; references may use it instead of the id.",
                        examples=("vpc-0a1b2c3d4e5f60718",)),
        "tags": Field(MapOf(Str(), "tag", example_id="Team"), "AWS tags, shown in the docs.",
                      examples=({"Team": "network", "Env": "prod"},)),
        "suppress": Field(
            ListOf(
                Obj(
                    {
                        "code": Field(Str(r"[A-Z][A-Z0-9-]+", "a lint code such as L-RT-NO-ASSOC"),
                                      "The lint code to silence (see docs/lint-rules.md).", required=True,
                                      examples=("L-NAT-AZ",)),
                        "reason": Field(Str(min_length=1), "Why the finding does not apply here (required).",
                                        required=True, examples=("single NAT gateway on purpose in this sandbox",)),
                    },
                    what="suppression",
                )
            ),
            "Lint findings silenced on this resource, each with a reason.",
            examples=([{"code": "L-NAT-AZ", "reason": "single NAT gateway on purpose in this sandbox"}],),
        ),
        **fields,
    }


def state(values: tuple[str, ...], doc: str, default: str) -> Field:
    """A lifecycle ``state`` field (compared case-insensitively, as AWS writes them in several styles)."""
    return Field(Enum(values, case_insensitive=True), doc, examples=(default,), default=default)


def region_field(what: str) -> Field:
    return Field(REGION, f"AWS region of this {what}; defaults to the region at the top of the file.",
                 examples=("us-east-1", "eu-west-1"))


def account_field(what: str) -> Field:
    return Field(ACCOUNT, f"AWS account id of this {what} (12 digits; quote it to keep leading zeros).",
                 examples=("111122223333",))
