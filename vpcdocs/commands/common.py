"""What every command shares: loading specs, reporting problems and printing text the same way.

Every string a command prints that may hold spec, import, file-name or URL text goes through
:func:`say` (or :func:`vpcdocs.render.escape.terminal`), which makes control characters
visible, so nothing from a spec can drive the terminal. Colour follows the usual conventions:
only on a terminal, never in pipes; ``NO_COLOR`` turns it off, ``FORCE_COLOR`` on.
"""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any, NoReturn

import click

from ..render.escape import terminal

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..diagnostics import Diagnostic
    from ..spec import LoadResult

SPEC_DIR = click.argument("spec_dir", default="specs", type=click.Path(path_type=str))
CONFIG_FILE = click.option(
    "--config-file", "-f", default=None, metavar="FILE",
    help="Your MkDocs config (default: ./mkdocs.yml if present, else vpcdocs' built-in one).")
CACHE_DIR = click.option("--cache-dir", default=".cache/vpcdocs", show_default=True, metavar="DIR",
                         help="What the last build keeps for the next: diagrams, the reachability answers no "
                         "change can move, and generated pages that came out the same.")

# --------------------------------------------------------------------------- colour

ROLES: dict[str, dict[str, Any]] = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow"},
    "info": {"fg": "cyan"},
    "added": {"fg": "green"},
    "removed": {"fg": "red"},
    "ok": {"fg": "green"},
    "bad": {"fg": "red"},
    "dim": {"dim": True},
}


def colour_enabled(err: bool = False) -> bool | None:
    """``False`` with ``NO_COLOR`` set (non-empty), ``True`` with ``FORCE_COLOR`` set (and not
    ``0``), else ``None``: click decides, colouring only when the stream is a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    force = os.environ.get("FORCE_COLOR")
    if force is not None and force not in ("", "0", "false"):
        return True
    return None


def style(text: str, role: str | None) -> str:
    """``text`` with the ANSI colour of ``role`` (see :data:`ROLES`); :func:`say` strips it
    again when the output is not a terminal. ``text`` must already be escaped."""
    return click.style(text, **ROLES[role]) if role else text


def _line_role(line: str) -> str | None:
    """Colour role of a diagnostic or diff line, from its shape."""
    head = line.split(": ", 3)
    for part in head[:3]:
        if part.startswith("error[") or part == "error":
            return "error"
        if part.startswith("warning[") or part == "warning":
            return "warning"
    if line.startswith("+") and not line.startswith("+++"):
        return "added"
    if line.startswith("-") and not line.startswith("---"):
        return "removed"
    return None


def colour_lines(text: str) -> str:
    """Colour each line of already-escaped ``text`` by its shape: ``…error[CODE]: …`` red,
    ``warning`` yellow, ``+ added`` green, ``- removed`` red (for the diff text printer too)."""
    return "\n".join(style(line, _line_role(line)) for line in text.split("\n"))


def say(text: object = "", err: bool = False, *, nl: bool = True, role: str | None = None,
        keep: str = "\n\t", auto_colour: bool = False, file: IO[Any] | None = None) -> None:
    """Print ``text`` escaped for a terminal (see :func:`vpcdocs.render.escape.terminal`):
    ``role`` colours the whole text, ``auto_colour`` colours line by line (diagnostics,
    diffs). Colour only reaches a terminal, following ``NO_COLOR``/``FORCE_COLOR``."""
    safe = terminal(text, keep=keep)
    if role:
        safe = style(safe, role)
    elif auto_colour:
        safe = colour_lines(safe)
    click.echo(safe, file=file, err=err, nl=nl, color=colour_enabled(err))


# --------------------------------------------------------------------------- errors

def summary_line(diagnostics: Iterable[Diagnostic]) -> str:
    """``2 errors, 1 warning`` (:func:`vpcdocs.render.findings.text.summary`; imported when
    needed: the command line starts without the renderers)."""
    from ..render.findings.text import summary

    return summary(list(diagnostics))


def print_diagnostics(diagnostics: Iterable[Diagnostic], stream: IO[Any] | None = None) -> None:
    """One block per diagnostic (``FILE:LINE:COL: severity[CODE]: message``), to stderr."""
    for d in diagnostics:
        if stream is None:
            say(d.format(), err=True, auto_colour=True)
        else:
            say(d.format(), file=stream, auto_colour=True)


def io_error(path: object, exc: OSError) -> NoReturn:
    """Report an output failure as ``error[IO]: <path>: <reason>`` and exit 1."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    where = exc.filename if exc.filename else path
    say(f"error[IO]: {os.fsdecode(where) if isinstance(where, bytes) else where}: {reason}", err=True, role="error")
    sys.exit(1)


def load_or_exit(spec_dir: str) -> LoadResult:
    """Load the specs; on errors print every one and exit 1 (warnings go to stderr too)."""
    from ..spec import load_specs

    result = load_specs(spec_dir)
    if not result.ok:
        print_diagnostics(result.diagnostics)
        say(f"{spec_dir}: {summary_line(result.diagnostics)}", err=True)
        sys.exit(1)
    print_diagnostics(result.diagnostics)  # warnings: reported, but the command goes on
    return result


def require_vpc(topology: Any, vpc_id: str | None) -> None:
    """Usage error (exit 2) when ``--vpc`` names no VPC of the spec."""
    if vpc_id is None or topology.get("vpc", vpc_id) is not None:
        return
    from ..diagnostics import did_you_mean

    hint = did_you_mean(vpc_id, [v.id for v in topology.vpcs])
    raise click.BadParameter(terminal(f"no VPC '{vpc_id}' in the specs" + (f"; {hint}" if hint else ""), keep=""),
                             param_hint="--vpc")
