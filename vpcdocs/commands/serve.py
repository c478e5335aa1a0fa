"""``vpcdocs serve``: the documentation site with live reload (see :mod:`vpcdocs.site.serve`)."""

from __future__ import annotations

import click

from .common import CACHE_DIR, CONFIG_FILE, SPEC_DIR, say


def _addr(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        raise click.BadParameter("expected HOST:PORT, e.g. 127.0.0.1:8000", param_hint="--dev-addr")
    return host.strip("[]") or "127.0.0.1", int(port)


@click.command("serve")
@SPEC_DIR
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True, metavar="HOST:PORT",
              help="Address to serve on.")
@CONFIG_FILE
@CACHE_DIR
@click.option("--no-livereload", is_flag=True, help="Serve without watching for changes.")
def command(spec_dir: str, dev_addr: str, config_file: str | None, cache_dir: str, no_livereload: bool) -> None:
    """Serve the documentation site of SPEC_DIR (default: specs) with live reload.

    The site is rebuilt and open pages reload when a spec, a docs page or mkdocs.yml
    changes. A spec with errors prints them and the last good site stays up.

    \b
    Example:
      vpcdocs serve specs --dev-addr 127.0.0.1:8001
    """
    from ..graphviz_check import require_dot
    from ..site.serve import serve

    require_dot("vpcdocs serve")  # the site's diagrams
    host, port = _addr(dev_addr)
    serve(spec_dir, host=host, port=port, config_file=config_file, cache_dir=cache_dir,
          report=lambda m: say(m, err=True, auto_colour=True), livereload=not no_livereload)
