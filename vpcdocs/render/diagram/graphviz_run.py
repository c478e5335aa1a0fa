"""Run Graphviz ``dot`` through pipes, and retry with safer layouts when it fails or crashes.

No files are written: the DOT source goes to ``dot``'s stdin and the image comes back on
stdout, so nothing is left behind even when ``dot`` dies (notes §2, §4). Graphviz 2.43
crashes (non-zero exit, even SIGSEGV) on some dense or ``ortho`` layouts (notes §5):
:func:`render_with_fallback` then rebuilds the graph with the next, safer
:class:`~.options.LayoutOptions` and reports a warning instead of raising.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
from collections.abc import Callable

from .icons import image_root
from .options import LayoutOptions, fallback_chain

DOT_TIMEOUT = 120  # seconds; a layout that takes longer is treated as failed


def dot_timeout() -> float:
    """Seconds one ``dot`` run may take: ``VPCDOCS_DOT_TIMEOUT`` when set, else :data:`DOT_TIMEOUT`."""
    try:
        value = float(os.environ.get("VPCDOCS_DOT_TIMEOUT", DOT_TIMEOUT))
    except ValueError:
        return DOT_TIMEOUT
    return value if value > 0 else DOT_TIMEOUT


class GraphvizError(RuntimeError):
    """``dot`` failed on every attempt (or is not installed)."""


@functools.lru_cache(maxsize=1)
def graphviz_version() -> str:
    """``dot -V`` text, e.g. ``dot - graphviz version 2.43.0 (0)`` (part of the cache key)."""
    try:
        proc = subprocess.run(["dot", "-V"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GraphvizError(f"Graphviz 'dot' is not available: {exc}") from exc
    return (proc.stderr or proc.stdout).decode("utf-8", "replace").strip()


def describe_failure(returncode: int, stderr: bytes) -> str:
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = f"signal {-returncode}"
        how = f"crashed ({name})"
    else:
        how = f"exited with status {returncode}"
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines()
             if ln.strip() and not ln.startswith("Warning:")]
    detail = ("; " + " / ".join(lines[:3])) if lines else ""
    return f"dot {how}{detail}"


def run_dot(source: str, fmt: str) -> bytes:
    """Lay out and render ``source`` with ``dot -T<fmt>``; raises GraphvizError on failure."""
    cmd = ["dot", f"-T{fmt}", f"-Gimagepath={image_root()}"]
    timeout = dot_timeout()
    try:
        proc = subprocess.run(cmd, input=source.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise GraphvizError(f"dot timed out after {timeout:g}s") from exc
    except OSError as exc:
        raise GraphvizError(f"Graphviz 'dot' is not available: {exc}") from exc
    if proc.returncode != 0 or not proc.stdout:
        raise GraphvizError(describe_failure(proc.returncode, proc.stderr))
    return proc.stdout


def render_with_fallback(build: Callable[[LayoutOptions], str], fmt: str,
                         first: LayoutOptions | None = None) -> tuple[bytes, str, list[str]]:
    """Build and render, walking :func:`~.options.fallback_chain` on failure.

    Returns ``(output, dot_source_used, warnings)``. ``fmt="dot"`` returns the DOT source
    itself (no layout). Raises :class:`GraphvizError` only when every attempt failed.
    """
    warnings: list[str] = []
    errors: list[str] = []
    chain = fallback_chain(first or LayoutOptions())
    for i, opts in enumerate(chain):
        source = build(opts)
        if fmt == "dot":
            return source.encode("utf-8"), source, warnings
        try:
            out = run_dot(source, fmt)
        except GraphvizError as exc:
            errors.append(str(exc))
            if "timed out" in str(exc):  # a safer layout of the same graph is no faster: stop here
                raise GraphvizError(f"the layout took too long ({exc}); the graph is too large "
                                    f"for one diagram") from exc
            if i + 1 < len(chain):
                nxt = chain[i + 1]
                warnings.append(
                    f"Graphviz layout failed ({exc}); retrying with splines={nxt.splines}"
                    + ("" if nxt.edge_labels else ", no edge labels")
                )
            continue
        return out, source, warnings
    unique = list(dict.fromkeys(errors))
    raise GraphvizError("every layout attempt failed: " + " | ".join(unique)
                        + (f" ({len(errors)} attempts)" if len(unique) < len(errors) else ""))
