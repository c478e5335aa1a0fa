"""Importers: existing networks → spec YAML (issues 7, 12, 14).

* :func:`~vpcdocs.importers.aws_api.import_aws` — a live account through boto3, read-only;
  :func:`~vpcdocs.importers.aws_org.import_org` — every account of an AWS Organization;
* :func:`~vpcdocs.importers.aws_json.import_json` — saved ``describe-*`` JSON (CLI output,
  boto3/placebo recordings, Batfish snapshots);
* :func:`~vpcdocs.importers.aws_config.import_config` — an AWS Config aggregator's
  advanced-query output;
* :func:`~vpcdocs.importers.terraform.import_terraform` — ``terraform show -json`` plans and
  states, raw ``.tfstate`` v4.

All of them produce describe-* shaped data, cleaned by the one shape filter
(:mod:`vpcdocs.importers.shapes`) and translated by :func:`vpcdocs.importers.describe.translate`
into an :class:`~vpcdocs.importers.model.ImportResult` (spec dicts + skip report), which
:func:`~vpcdocs.importers.spec_writer.write_tree` writes as a stable YAML tree, swapped in
whole. boto3 is only imported when a live import runs.
"""

from typing import Any

from .aws_json import import_json
from .describe import translate
from .model import AwsSnapshot, ImportFailure, ImportResult, Skipped
from .spec_writer import render_tree, write_tree
from .terraform import import_terraform

__all__ = ["AwsSnapshot", "ImportFailure", "ImportResult", "Skipped", "import_aws", "import_json",
           "import_terraform", "render_tree", "translate", "write_tree"]


def import_aws(*args: Any, **kwargs: Any) -> ImportResult:
    """See :func:`vpcdocs.importers.aws_api.import_aws` (imported lazily: boto3 is optional)."""
    from .aws_api import import_aws as run

    return run(*args, **kwargs)
