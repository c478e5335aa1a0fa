"""AWS-icon architecture diagrams of the network model (issue 3).

Public API (all deterministic: same model + same Graphviz => byte-identical output)::

    render_vpc(topology, vpc_id, fmt="svg", *, graph_attr=None, highlight=None, legend=True) -> bytes
    render_overview(topology, fmt="svg", *, graph_attr=None, highlight=None, legend=True) -> bytes
    render_diagram(topology, which, fmt="svg", *, graph_attr=None,
                   highlight: Mapping[tuple[str, str], str] | None = None,
                   legend: bool = True) -> RenderResult
        # which = "overview" or a VPC id; RenderResult(data, warnings, cache_hit)
    render_site_diagrams(topology, out_dir, cache_dir=None, formats=("svg",),
                         max_workers=None) -> list[DiagramFile]
        # writes overview.<fmt> and vpc-<slug>.<fmt>; DiagramFile(path, diagram, format,
        # cache_hit, warnings) is os.PathLike
    diagram_filename(which, fmt) -> str
    HIGHLIGHT_STATUSES = ("added", "removed", "changed"); HIGHLIGHT_COLORS: status -> colour

Diff highlighting: ``highlight={(kind, spec_id): status}`` (kinds as in
:data:`vpcdocs.model.KINDS`, status in ``HIGHLIGHT_STATUSES``) draws the same diagram -- same
layout path: AZ ordering, crash fallback, icon embedding -- with added objects green, changed
ones amber and removed ones red and dashed (pass a topology that still holds them, they are
drawn as ghosts). Element ids are unchanged; highlighted SVG groups get the class
``diff-added`` / ``diff-removed`` / ``diff-changed``; a legend node ``diff_legend`` explains
the colours (``legend=False`` leaves it out) and the SVG title ends in " — diff". Edges of a
highlighted peering / attachment / endpoint, or touching an added or removed node, are
coloured; a subnet's route-table chip and the VPC's route legend turn amber when a route
table is highlighted. The diagram cache key includes the highlight mapping. Rules:
:mod:`.highlight`.

Formats: ``svg`` (default; every icon embedded once as a ``data:`` URI in ``<defs>`` and
placed with ``<use>``, no file paths, no generator comments, valid XML), ``png`` and ``dot``
(the DOT source; icons are relative ``resources/aws/...`` paths, render it with
``dot -Tsvg -Gimagepath=<dir containing diagrams' resources/>``).

How it works: :mod:`.vpc_diagram` and :mod:`.overview` build DOT with ``diagrams`` nodes and
AWS group boxes (:mod:`.groups`) inside a ``SourceOnlyDiagram`` (:mod:`.nodes`); node ids
come from spec ids (:mod:`.ids`), all label text is XML-escaped (:mod:`.labels`).
:mod:`.graphviz_run` pipes the source through ``dot`` and retries with safer layouts on a
failure or crash (the warnings say so). :mod:`.highlight` styles diff highlights inside the
node and group helpers. :mod:`.svg_embed` inlines icons; :mod:`.cache` keys
rendered bytes by a hash of the model slice, renderer version, format and Graphviz
version (and highlight mapping); :mod:`.parallel` renders many diagrams in threads.
"""

from .api import FORMATS, OVERVIEW, RenderResult, render_diagram, render_overview, render_vpc  # noqa: F401
from .graphviz_run import GraphvizError  # noqa: F401
from .highlight import COLORS as HIGHLIGHT_COLORS  # noqa: F401
from .highlight import STATUSES as HIGHLIGHT_STATUSES  # noqa: F401
from .parallel import DiagramFile, diagram_filename, render_site_diagrams  # noqa: F401
