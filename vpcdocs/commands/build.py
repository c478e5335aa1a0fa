"""``vpcdocs build``: the documentation site (MkDocs + Material) from the specs.

Options are parsed here; the work is :func:`vpcdocs.site.build.build_site`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from .common import CACHE_DIR, CONFIG_FILE, SPEC_DIR, io_error, print_diagnostics, say, summary_line


def _progress(quiet: bool) -> Callable[[str], None]:
    """Phases with n/N and elapsed time: a redrawn bar on a terminal, plain lines elsewhere."""
    from ..site.progress import Reporter

    return Reporter(quiet=quiet)


@click.command("build")
@SPEC_DIR
@click.option("--site-dir", "-d", default="site", show_default=True, metavar="DIR",
              help="Where to put the built site (replaced atomically when the build succeeds).")
@CONFIG_FILE
@click.option("--strict", is_flag=True,
              help="Fail on MkDocs warnings (broken links, missing files) and on diagrams that cannot be drawn.")
@CACHE_DIR
@click.option("--pages-dir", default=None, metavar="DIR",
              help="Also write the generated Markdown pages (and diagrams) into DIR, e.g. to commit them. "
                   "Only files vpcdocs wrote there are ever changed or removed.")
@click.option("--check", is_flag=True,
              help="With --pages-dir: write nothing; exit 1 listing stale, missing and extra files in DIR.")
@click.option("--no-diagrams", is_flag=True, help="Pages without diagrams (no Graphviz needed; faster).")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines (problems are still printed).")
def command(spec_dir: str, site_dir: str, config_file: str | None, strict: bool, cache_dir: str,
            pages_dir: str | None, check: bool, no_diagrams: bool, quiet: bool) -> None:
    """Build the documentation site of SPEC_DIR (default: specs) into --site-dir.

    Generated pages (overview, one page per VPC with its route tables, transit gateways,
    PrivateLink, CIDR index, findings) join your mkdocs.yml and docs/ under a "Network"
    nav section; your docs/ folder is never written to. Without a mkdocs.yml a built-in
    Material config is used. The site works offline and straight from disk.

    A diagram that cannot be drawn is an error naming its VPC: the rest of the site is
    built (exit 1), or with --strict nothing is changed. --pages-dir keeps a manifest of
    the files it wrote and refuses a folder holding files of yours where it would write.

    \b
    Examples:
      vpcdocs build                                   # specs/ -> site/
      vpcdocs build specs --site-dir public --strict
      vpcdocs build specs --pages-dir docs/network          # also write the pages
      vpcdocs build specs --pages-dir docs/network --check  # CI: are they current?
    """
    from ..graphviz_check import require_dot
    from ..site.background import WorkerError
    from ..site.build import BuildError, PagesDirError, SpecError, build_site, check_pages, write_pages

    if not no_diagrams:
        require_dot("vpcdocs build")  # the site's diagrams

    progress = _progress(quiet)
    if check and not pages_dir:
        raise click.UsageError("--check needs --pages-dir DIR (the folder to compare)")
    try:
        if check:
            from ..site.generate import generate

            assert pages_dir is not None
            generated = generate(spec_dir, cache_dir=cache_dir, diagrams=not no_diagrams, progress=progress)
            print_diagnostics(generated.diagram_errors)
            problems = check_pages(generated, pages_dir)
            for status, rel in problems:
                say(f"{status}: {pages_dir.rstrip('/')}/{rel}")
            if problems:
                say(f"{pages_dir}: {len(problems)} file(s) out of date; run "
                    f"`vpcdocs build {spec_dir} --pages-dir {pages_dir}`", err=True)
                sys.exit(1)
            say(f"{pages_dir}: up to date", err=True)
            sys.exit(1 if generated.diagram_errors else 0)
        result = build_site(spec_dir, site_dir, config_file=config_file, strict=strict,
                            cache_dir=cache_dir, progress=progress, diagrams=not no_diagrams,
                            reuse=not pages_dir)  # --pages-dir needs the generated pages
        print_diagnostics(result.generated.diagram_errors)
        if pages_dir:
            written = write_pages(result.generated, pages_dir)
            progress(f"wrote {len(written)} page files to {pages_dir}")
    except SpecError as exc:
        print_diagnostics(exc.diagnostics)
        say(f"{spec_dir}: {summary_line(exc.diagnostics)}; the site was not changed", err=True)
        sys.exit(1)
    except BuildError as exc:
        generated_errors = getattr(exc, "diagnostics", None)
        if generated_errors:
            print_diagnostics(generated_errors)
        say(f"error: {exc}; the site was not changed", err=True, role="error")
        sys.exit(1)
    except PagesDirError as exc:
        say(f"error[PAGES-DIR]: {exc}; nothing in {pages_dir} was changed", err=True, role="error")
        sys.exit(1)
    except WorkerError as exc:
        say(f"error[INTERNAL]: {exc} (this is a vpcdocs bug; please report it); the site was not changed",
            err=True, role="error")
        sys.exit(1)
    except OSError as exc:
        io_error(site_dir, exc)
    progress(f"site built in {result.seconds:.1f}s: {result.site_dir}")
    if result.generated.diagram_errors:
        n = len(result.generated.diagram_errors)
        say(f"{spec_dir}: {n} diagram{'s' if n != 1 else ''} could not be drawn; the site was built without "
            f"{'them' if n != 1 else 'it'}", err=True)
        sys.exit(1)
