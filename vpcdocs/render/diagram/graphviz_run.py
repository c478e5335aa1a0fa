"""Run Graphviz ``dot`` through pipes, with a time limit and located, readable failures.

No files are written: the DOT source goes to ``dot``'s stdin and the image comes back on
stdout, so nothing is left behind even when ``dot`` dies (notes §2, §4). vpcdocs lays its
diagrams out itself (:mod:`.scene`: ``layout=nop2``, every position fixed), so Graphviz only
measures labels and draws; the crash-prone layout engines of Graphviz 2.43 (notes §5) are
not used. A ``dot`` that runs longer than :func:`dot_timeout` is stopped:
:func:`render_source` then says the diagram is too large, and the caller reports it as one
diagram's error.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess

from .icons import image_root

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


def run_dot(source: str, fmt: str, *args: str) -> bytes:
    """Lay out and render ``source`` with ``dot -T<fmt> [args]``; raises GraphvizError on failure."""
    cmd = ["dot", f"-T{fmt}", f"-Gimagepath={image_root()}", *args]
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


def too_large(exc: GraphvizError) -> GraphvizError:
    """The error to report when ``dot`` timed out on a diagram (else ``exc`` itself)."""
    if "timed out" in str(exc):
        return GraphvizError(f"the layout took too long ({exc}); the graph is too large for one diagram")
    return exc


def render_source(source: str, fmt: str, *args: str) -> bytes:
    """Draw a fixed-position DOT source; a timeout becomes :func:`too_large`."""
    if fmt == "dot":
        return source.encode("utf-8")
    try:
        return run_dot(source, fmt, *args)
    except GraphvizError as exc:
        raise too_large(exc) from exc
