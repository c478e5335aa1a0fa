"""Printers of a :class:`~vpcdocs.diff.report.DiffReport`: ``text`` (terminal), ``markdown``
(a sticky pull-request comment that fits GitHub's limit) and ``json`` (for tools).

Every printer is deterministic: the same report gives byte-identical output.
"""

from .diagrams import write_diff_diagrams  # noqa: F401
from .json import render_json  # noqa: F401
from .markdown import COMMENT_LIMIT, render_markdown  # noqa: F401
from .text import render_text  # noqa: F401

FORMATS = {"text": render_text, "markdown": render_markdown, "json": render_json}
