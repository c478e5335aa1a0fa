"""Reachability: can X reach Y with this traffic, hop by hop and check by check, and exactly
why not.

Questions read the data plane (:func:`vpcdocs.routing.dataplane`) and answer with data
(:class:`Answer`: a :class:`Disposition`, hops, security checks, the :class:`Blocker`, rule
IDs, Reachability Analyzer codes); :mod:`.explain` words answers for the renderers.

``reach(topology, source, destination, port=None, protocol=None) -> Answer``
    ``source`` / ``destination`` as on the command line (see :mod:`.endpoints`).
``reachability(topology) -> Reachability``: the cached engine (``answer``, ``flow``,
    ``vpc_pair``, ``subnet_pair``).
``vpc_matrix`` / ``subnet_matrix`` -> :class:`Matrix` of :class:`Cell` (each cell's answer is
    exactly what ``reach`` answers for the pair).
``check_expectations(topology)``: ``E-EXPECT`` and ``L-PEER-*`` diagnostics for ``expect:``.

Modules: :mod:`.walk` (routing hops), :mod:`.transit` (transit gateways), :mod:`.security`
(security groups, NACLs), :mod:`.flows` (request + replies), :mod:`.privatelink` (load
balancers, endpoint services), :mod:`.inbound` (from the internet / external networks),
:mod:`.questions`, :mod:`.matrix`, :mod:`.explain`, :mod:`.dispositions`, :mod:`.results`.
"""

from .dispositions import CAUSES, Disposition, disposition_of
from .endpoints import Endpoint, UnknownEndpoint, parse_endpoint
from .expectations import check_expectations
from .explain import assumption_lines, assumption_text, blocker_text, path_text, reason
from .matrix import Cell, Matrix, subnet_axes, subnet_cells, subnet_matrix, vpc_cells, vpc_ids, vpc_matrix
from .questions import Reachability, reach, reachability, traffic_for
from .results import Answer, Blocker, FilterStep, Hop

__all__ = ["Answer", "Blocker", "CAUSES", "Cell", "Disposition", "Endpoint", "FilterStep", "Hop", "Matrix",
           "Reachability", "UnknownEndpoint", "assumption_lines", "assumption_text", "blocker_text", "check_expectations",
           "disposition_of", "parse_endpoint", "path_text", "reach", "reachability", "reason",
           "subnet_axes", "subnet_cells", "subnet_matrix", "traffic_for", "vpc_cells", "vpc_ids", "vpc_matrix"]
