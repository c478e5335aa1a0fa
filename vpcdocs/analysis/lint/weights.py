"""How much a prefix-list reference weighs against a quota (PL-2, PL-5): lint-only quota
arithmetic over the data plane's resolved prefix lists (:class:`ResolvedPrefixList`)."""

from __future__ import annotations

from ...routing import ResolvedPrefixList

# PL-2: weights of AWS-managed prefix lists, by the end of their name
MANAGED_WEIGHTS = {".s3": 1, ".dynamodb": 1, ".s3express": 1, "cloudfront.origin-facing": 55,
                   ".vpc-lattice": 10, ".groundstation": 5}


def prefix_list_weight(pl: ResolvedPrefixList) -> int:
    """A customer-managed list weighs its ``max_entries`` (not the entries in use, PL-5); an
    AWS-managed list its published weight (PL-2); a list the spec does not describe, 1."""
    declared = pl.declared
    if declared is not None and declared.owner == "customer":
        return declared.max_entries or max(len(declared.entries), 1)
    for suffix, weight in MANAGED_WEIGHTS.items():
        if pl.name.endswith(suffix) or pl.key.endswith(suffix):
            return weight
    return 1


def prefix_list_version(pl: ResolvedPrefixList) -> int:
    """The address family a list counts against (PL-4): 6 for an IPv6 list, else 4."""
    declared = pl.declared
    if declared is not None and declared.address_family == "IPv6":
        return 6
    if pl.entries:
        return pl.entries[0].version
    return 4
