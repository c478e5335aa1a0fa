"""Importers: existing networks → spec YAML (issue 7).

* :func:`~vpcdocs.importers.aws_api.import_aws` — a live account through boto3, read-only;
* :func:`~vpcdocs.importers.aws_json.import_json` — saved ``describe-*`` JSON (CLI output,
  boto3/placebo recordings, Batfish snapshots);
* :func:`~vpcdocs.importers.terraform.import_terraform` — ``terraform show -json`` plans and
  states, raw ``.tfstate`` v4.

All three produce describe-* shaped data translated by
:func:`~vpcdocs.importers.describe_to_spec.translate` into an
:class:`~vpcdocs.importers.model.ImportResult` (spec dicts + skip report), which
:func:`~vpcdocs.importers.spec_writer.write_tree` writes as a stable YAML tree. boto3 is only
imported when a live import runs.
"""

from .aws_json import import_json  # noqa: F401
from .describe_to_spec import translate  # noqa: F401
from .model import AwsSnapshot, ImportFailure, ImportResult, Skipped  # noqa: F401
from .spec_writer import render_tree, write_tree  # noqa: F401
from .terraform import import_terraform  # noqa: F401


def import_aws(*args, **kwargs):
    """See :func:`vpcdocs.importers.aws_api.import_aws` (imported lazily: boto3 is optional)."""
    from .aws_api import import_aws as run

    return run(*args, **kwargs)
