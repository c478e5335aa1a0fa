#!/usr/bin/env python3
"""Screenshot a generated VPC page for the README: docs/images/vpc-page.png.

Builds the shipped specs (with the project's mkdocs.yml) into a temporary folder, serves it
on 127.0.0.1 and photographs one VPC page with headless Chromium through Playwright — the
same tooling as the browser tests. Re-run after changing the pages:

    .venv/bin/python scripts/screenshot.py [--vpc vpc-a] [--out docs/images/vpc-page.png]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

from vpcdocs.site import paths  # noqa: E402
from vpcdocs.site.build import build_site  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vpc", default="vpc-a")
    parser.add_argument("--out", default=str(REPO / "docs/images/vpc-page.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1100)
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    chromium = chromium_path()
    if chromium is None:
        print("no Chromium found (set VPCDOCS_CHROMIUM)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        os.chdir(REPO)
        build_site(REPO / "specs", site, config_file=REPO / "mkdocs.yml", strict=True)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/" + paths.vpc_page(args.vpc)[:-3] + ".html"
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_page(viewport={"width": args.width, "height": args.height})
                page.goto(url, wait_until="networkidle")
                page.evaluate("() => document.fonts && document.fonts.ready")
                Path(args.out).parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=args.out)
                browser.close()
        finally:
            server.shutdown()
    print(f"wrote {args.out} ({url})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
