"""``vpcdocs diff`` and ``vpcdocs drift``: what a change does to the network.

Public API::

    resolve_sides(base, head, spec_dir="specs", cwd=None) -> (Side, Side)     # .revisions
        # BASE/HEAD: git revisions (read with ls-tree/cat-file, nothing checked out),
        # None/"WORKTREE" for the working tree, or two folders; default BASE: the merge-base
        # of HEAD with the default branch (origin/HEAD, main, master). Raises RevisionError.
    diff_sides(base_side, head_side) -> (DiffReport, base_topology, head_topology)   # .report
    diff_topologies(base, head, base_label, head_label, ..., all_pairs=False) -> DiffReport
    drift_topologies(spec, imported, ...) -> DiffReport                              # .drift
    vpcdocs.render.diff.write_diff_diagrams(report, base, head, out_dir) -> DiffReport  # draws them

A :class:`~.report.DiffReport` holds, all sorted and deterministic:

* ``resources`` — added / removed / changed field by field (:mod:`.resources`), matched by
  (kind, id), never by file, ``loc`` ignored;
* ``routes`` — effective route-table rows added / removed / changed, derived rows included
  (local, gateway-endpoint prefix lists, TGW propagations), and association changes
  (:mod:`.routes`);
* ``reachability`` — flows opened, closed or re-routed at VPC and subnet level and subnet →
  internet (:mod:`.reachability`), each side a :class:`~.flows.FlowState` of the engine's
  answer (disposition, path, blocker, its words), asked only for the pairs the change can
  affect (:mod:`.scope`); ``groups`` — the same flows grouped by the changed object that
  explains them (:mod:`.causes`);
* ``services`` — subnets whose S3 / DynamoDB / interface-endpoint traffic leaves another way,
  with the consequences (:mod:`.services`);
* ``rules`` — security-group and NACL rule changes with the flows each opens or closes on its
  own, for the traffic it names (:mod:`.rules`);
* ``findings`` — lint and ``expect:`` findings introduced / resolved / reworded (:mod:`.findings`, on
  :func:`vpcdocs.analysis.findings.collect_findings`);
* ``expectations_added`` / ``expectations_removed`` and ``unexpected_reachability_change``
  (flows start or stop working but ``expect:`` did not change — what ``--exit-code`` fails on);
* ``diagrams`` once :func:`vpcdocs.render.diff.write_diff_diagrams` has drawn them (which
  diagrams and what they highlight: :mod:`.diagrams`).

Drift (:mod:`.drift`) compares specs with an import: the imported ids are aligned to the
specs' (:mod:`.align`) and cosmetic fields left out. Printers live in
:mod:`vpcdocs.render.diff` (text, markdown PR comment, json).
"""

from .drift import drift_topologies  # noqa: F401
from .report import MARKER, DiagramFile, DiffReport, diff_sides, diff_topologies  # noqa: F401
from .revisions import WORKTREE, RevisionError, Side, resolve_sides  # noqa: F401
