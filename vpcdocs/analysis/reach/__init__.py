"""Reachability: can X reach Y, hop by hop, and exactly why not.

Questions
---------
``reach(topology, source, destination, port=None) -> Answer``
    ``source`` / ``destination`` are texts as on the command line (a subnet, VPC, endpoint
    service, load balancer or interface endpoint id; an IP address; ``s3``, ``dynamodb``,
    ``s3@eu-west-1``; ``internet``) — see :mod:`.endpoints`. Raises :class:`UnknownEndpoint`
    (message with a did-you-mean hint) for names the topology does not know.

``reachability(topology) -> Reachability`` is the cached engine behind it (``.answer(src, dst,
port)``, ``.vpc_pair(v, w) -> Flow``); ``parse_endpoint(topology, text) -> Endpoint``.

``Answer``: ``source``, ``destination``, ``reachable``, ``path`` (tuple of
:class:`Hop` ``(at, route_table, matched, target)``), ``reason``, ``rules``, ``return_path``;
``to_json()`` gives ``{"from", "to", "reachable", "path": [...], "reason", "rules"}``;
``format()`` a text block; ``goes_via(name)``.

Matrices (for the site)
-----------------------
``vpc_matrix(topology, vpcs=None) -> Matrix``
    VPC × VPC (rows = columns = sorted VPC ids).
``subnet_matrix(topology, vpc_id=None, columns=None) -> Matrix``
    rows = subnets of ``vpc_id``; columns = subnets of that VPC, its peers and TGW neighbours
    (or the given subnet ids); every subnet × every subnet when ``vpc_id`` is None.

``Matrix``: ``level``, ``rows``, ``columns``, ``cell(row, column) -> Cell``,
``reachable(row, column)``, iteration over cells, ``to_json(paths=False)``, ``format()``,
``stats`` (pairs, route_lookups, source_groups). ``Cell``: ``source``, ``destination``,
``reachable``, ``reason``, ``answer`` (built lazily).

Semantics in one breath: longest prefix match, then static > prefix list > propagated; a
blackhole drops; gateway endpoints serve same-region S3/DynamoDB only and never peers or TGW
traffic; peering is not transitive and never lends its IGW/NAT/endpoints; TGWs use the
attachment's associated table, need an attachment subnet in the sender's AZ, and may carry
traffic to a NAT in an egress VPC; PrivateLink is one way, TCP listener ports only; every
flow except PrivateLink also needs its replies to route back. Security groups and NACLs are
not evaluated (``port`` only matters for PrivateLink and load-balancer listeners).

Network tests as code
---------------------
``check_expectations(topology) -> list[Diagnostic]`` — ``E-EXPECT`` errors located at each
failing ``expect:`` entry, plus ``L-PEER-TRANSITIVE`` / ``L-PEER-EDGE`` for declared flows
that rely on transitive peering or a peer's IGW/NAT/gateway endpoint.

Modules: :mod:`.selection` (route choice in one table), :mod:`.endpoints` (parsing ends),
:mod:`.engine` (hops, TGW, NAT, PrivateLink, replies), :mod:`.matrix`, :mod:`.expectations`.
"""

from .endpoints import Endpoint, UnknownEndpoint, parse_endpoint  # noqa: F401
from .engine import Reachability, reach, reachability  # noqa: F401
from .expectations import check_expectations  # noqa: F401
from .matrix import Cell, Matrix, subnet_matrix, vpc_matrix  # noqa: F401
from .results import Answer, Hop  # noqa: F401
from .selection import Dest, TableIndex  # noqa: F401
