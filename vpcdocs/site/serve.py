"""``vpcdocs serve``: MkDocs' own live-reload server over :func:`.build.build_site`.

The server watches the spec dir, the user's docs dir and mkdocs.yml; on a change it
rebuilds (specs → pages → MkDocs) into its temporary site dir and reloads open pages. A
rebuild that fails (e.g. a spec with errors) prints why and keeps serving the last good site.

Requests are untrusted: a URL with ``%00``, an undecodable path or a control character gets
a plain 404 (never a traceback), and everything the server logs — request lines, referers,
MkDocs messages — passes through :func:`vpcdocs.render.escape.terminal` before it reaches
the console.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..render.escape import terminal
from .background import WorkerError
from .build import BuildError, build_site, user_docs_dir
from .config import find_config_file
from .generate import DEFAULT_CACHE_DIR, SpecError

log = logging.getLogger("vpcdocs.serve")


class _ConsoleHandler(logging.Handler):
    """MkDocs' server log (INFO and up), escaped, through ``report``."""

    def __init__(self, report: Callable[[str], None]):
        super().__init__(logging.INFO)
        self.report = report

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record must not kill the server
            message = str(record.msg)
        if record.exc_info:  # a request that crashed: one line, no traceback
            message += f" ({record.exc_info[0].__name__ if record.exc_info[0] else 'error'})"
        prefix = "" if record.levelno == logging.INFO else f"{record.levelname}: "
        self.report(terminal(prefix + message, keep=""))


def safe_request_path(environ: dict[str, Any]) -> bool:
    """Whether the request path can name a file at all: no NUL or other control character,
    no undecodable bytes, not absurdly long (what ``open()`` would choke on)."""
    raw = environ.get("PATH_INFO", "")
    try:
        path = raw.encode("latin-1").decode("utf-8")
    except (UnicodeError, AttributeError):
        return False
    return len(path) <= 4096 and not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in path)


def make_server(builder: Callable[[], None], host: str, port: int, root: str) -> Any:
    """A :class:`mkdocs.livereload.LiveReloadServer` that answers hostile URLs with 404."""
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
            if not safe_request_path(environ):
                return None  # 404
            try:
                return super()._serve_request(environ, start_response)
            except (ValueError, OSError, UnicodeError):
                return None

    return Server(builder=builder, host=host, port=port, root=root)


def serve(spec_dir: str | os.PathLike = "specs", *, host: str = "127.0.0.1", port: int = 8000,
          config_file: str | os.PathLike | None = None, cache_dir: str | os.PathLike | None = None,
          report: Callable[[str], None] = print, livereload: bool = True) -> None:
    """Build, then serve on ``host:port`` until interrupted, rebuilding on changes.

    ``report`` receives console lines, already escaped for a terminal."""
    cfg_path = find_config_file(config_file)
    scratch = Path(tempfile.mkdtemp(prefix="vpcdocs-serve-"))
    site_dir = scratch / "site"
    site_dir.mkdir()

    def say(text: str) -> None:
        report(terminal(text))

    def builder() -> None:
        try:
            result = build_site(spec_dir, site_dir, config_file=cfg_path, cache_dir=cache_dir or DEFAULT_CACHE_DIR,
                                progress=None)
            say(f"rebuilt in {result.seconds:.1f}s")
            for problem in result.generated.diagram_errors:
                say(problem.format())
        except SpecError as exc:
            for d in exc.diagnostics:
                say(d.format())
            say("the specs have errors; still serving the previous site")
        except BuildError as exc:
            say(f"error: {exc}; still serving the previous site")
        except WorkerError as exc:
            say(f"error[INTERNAL]: {exc} (this is a vpcdocs bug; please report it); still serving the previous site")
        except OSError as exc:
            say(f"error[IO]: {exc.filename or site_dir}: {exc.strerror or exc}; still serving the previous site")

    console = _ConsoleHandler(report)
    mkdocs_log = logging.getLogger("mkdocs")
    old_propagate = mkdocs_log.propagate
    mkdocs_log.addHandler(console)
    mkdocs_log.propagate = False  # no raw copy through the root logger / lastResort
    server = make_server(builder, host, port, str(site_dir))
    try:
        builder()
        if livereload:
            server.watch(str(Path(spec_dir)))
            docs = user_docs_dir(cfg_path)
            if docs is not None and docs.is_dir():
                server.watch(str(docs))
            if cfg_path is not None:
                server.watch(str(cfg_path))
        say(f"serving on {server.url} (Ctrl+C to stop)")
        try:
            server.serve()
        except KeyboardInterrupt:
            say("shutting down")
        finally:
            server.shutdown()
    finally:
        mkdocs_log.removeHandler(console)
        mkdocs_log.propagate = old_propagate
        shutil.rmtree(scratch, ignore_errors=True)
