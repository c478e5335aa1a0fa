"""``vpcdocs diff``: what a change does to the network (issue 6).

Public API::

    resolve_sides(base, head, spec_dir="specs", cwd=None) -> (Side, Side)     # .revisions
        # BASE/HEAD: git revisions (read with ls-tree/cat-file, nothing checked out),
        # None/"WORKTREE" for the working tree, or two folders; default BASE: the merge-base
        # of HEAD with the default branch (origin/HEAD, main, master). Raises RevisionError.
    diff_sides(base_side, head_side) -> (DiffReport, base_topology, head_topology)   # .report
    diff_topologies(base, head, base_label, head_label) -> DiffReport                # .report
    write_diff_diagrams(report, base, head, out_dir) -> DiffReport                   # .diagrams

A :class:`~.report.DiffReport` holds, all sorted and deterministic:

* ``resources`` — added / removed / changed field by field (:mod:`.resources`), matched by
  (kind, id), never by file, ``loc`` ignored;
* ``routes`` — effective route-table rows added / removed / changed, derived rows included
  (local, gateway-endpoint prefix lists, TGW propagations), and association changes
  (:mod:`.routes`);
* ``reachability`` — flows opened, closed or re-routed at VPC and subnet level, plus subnet →
  internet (:mod:`.reachability`, on :mod:`vpcdocs.analysis.reach`);
* ``findings`` — lint and ``expect:`` findings introduced / resolved (:mod:`.findings`);
* ``expectations_added`` / ``expectations_removed`` and ``unexpected_reachability_change``
  (flows moved but ``expect:`` did not — what ``--exit-code`` fails on);
* ``diagrams`` once :func:`~.diagrams.write_diff_diagrams` has drawn them.

Printers live in :mod:`vpcdocs.render.diff` (text, markdown PR comment, json).
"""

from .diagrams import write_diff_diagrams  # noqa: F401
from .report import MARKER, DiagramFile, DiffReport, diff_sides, diff_topologies  # noqa: F401
from .revisions import WORKTREE, RevisionError, Side, resolve_sides  # noqa: F401
