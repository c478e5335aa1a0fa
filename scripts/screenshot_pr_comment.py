#!/usr/bin/env python3
"""Screenshot the `vpcdocs diff` pull-request comment for the docs: docs/images/pr-comment.png.

A realistic change on the shipped specs (VPC B gets a payments API behind a security group;
the pull request peers VPC B with VPC C, opens the group to VPC C on 443 and takes
a-private-1b off the S3 gateway endpoint) is diffed, the markdown comment rendered the way
GitHub renders it — markdown between the ``<details>``/``<summary>`` HTML lines, GitHub-like
styles — and photographed with headless Chromium through Playwright, the first group of each
section opened as a reviewer would. Re-run after changing the comment:

    .venv/bin/python scripts/screenshot_pr_comment.py [--out docs/images/pr-comment.png]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import tempfile
from pathlib import Path

import markdown

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402

from vpcdocs.diff.report import diff_topologies  # noqa: E402
from vpcdocs.render.diff import render_markdown  # noqa: E402
from vpcdocs.spec import load_sources  # noqa: E402

API = """\
    security_groups:
      sg-payments-api:
        ingress:
          - {protocol: tcp, port: 443, source: 10.0.0.0/16, description: shared services}
        egress:
          - {protocol: all, destination: 0.0.0.0/0}
    instances:
      payments-api: {subnet: b-app-1a, private_ip: 10.1.1.20, security_groups: [sg-payments-api]}
"""
EDITS = [  # the pull request
    ("          - {destination: 10.0.0.0/16, target: pcx-a-b, description: to VPC A}\n",
     "          - {destination: 10.0.0.0/16, target: pcx-a-b, description: to VPC A}\n"
     "          - {destination: 10.2.0.0/16, target: pcx-b-c, description: to VPC C}\n"),
    ("          - {destination: 10.0.0.0/16, target: pcx-a-c, description: to VPC A}\n",
     "          - {destination: 10.0.0.0/16, target: pcx-a-c, description: to VPC A}\n"
     "          - {destination: 10.1.0.0/16, target: pcx-b-c, description: to VPC B}\n"),
    ("  pcx-a-c:\n", "  pcx-b-c:\n    requester: vpc-b\n    accepter: vpc-c\n    description: Analytics reads "
                     "payments.\n  pcx-a-c:\n"),
    ("          - {protocol: tcp, port: 443, source: 10.0.0.0/16, description: shared services}\n",
     "          - {protocol: tcp, port: 443, source: 10.0.0.0/16, description: shared services}\n"
     "          - {protocol: tcp, port: 443, source: 10.2.0.0/16, description: analytics}\n"),
    ("        route_tables: [a-private-1a, a-private-1b]\n        description: S3",
     "        route_tables: [a-private-1a]\n        description: S3"),
    ("  - {from: b-app-1a, to: c-app-1a, reachable: false, description: peering is not transitive (PEER-1)}\n",
     "  - {from: b-app-1a, to: c-app-1a, description: analytics reads payments over pcx-b-c}\n"),
]

EMOJI_FONTS = ("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",)
CSS = """
body { margin: 0; background: #fff; }
.comment { box-sizing: border-box; max-width: 980px; margin: 16px auto; border: 1px solid #d0d7de;
  border-radius: 6px; padding: 16px 24px; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont,
  "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
h3 { font-size: 1.25em; margin: 8px 0 16px; }
p { margin: 0 0 12px; }
code { font: 85% ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, monospace; background: #eff1f3;
  padding: .2em .4em; border-radius: 6px; }
table { border-collapse: collapse; margin: 0 0 16px; display: block; overflow: auto; }
th, td { border: 1px solid #d0d7de; padding: 6px 13px; vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; }
tr:nth-child(2n) td { background: #f6f8fa; }
details { margin: 0 0 12px; }
details details { margin-left: 16px; }
summary { cursor: pointer; }
blockquote { margin: 0 0 16px; padding: 8px 16px; color: #1f2328; border-left: .25em solid #9a6700;
  background: #fff8c5; border-radius: 0 6px 6px 0; }
blockquote p { margin: 0; }
sub { color: #59636e; }
"""


def github_html(md: str) -> str:
    """Markdown as GitHub renders a comment: HTML lines of ``<details>`` / ``<summary>`` as
    they are, markdown (tables, code, emphasis) between them; ``> [!WARNING]`` as a callout."""
    out: list[str] = []
    chunk: list[str] = []

    def flush() -> None:
        if chunk:
            text = "\n".join(chunk)
            text = re.sub(r"^> \[!(\w+)\]\n> ", lambda m: f"> **{m.group(1).title()}**: ", text, flags=re.M)
            out.append(markdown.markdown(text, extensions=["tables"]))
            chunk.clear()

    for line in md.splitlines():
        if line.startswith(("<details", "<summary", "</details>", "<!--")):
            flush()
            out.append(line)
        else:
            chunk.append(line)
    flush()
    return "\n".join(out)


def demo_comment() -> str:
    text = (REPO / "specs" / "peering.yaml").read_text(encoding="utf-8")
    anchor = "          - {destination: 10.0.0.0/16, target: pcx-a-b, description: to VPC A}\n"
    base_text = text.replace(anchor, anchor + API, 1)
    head_text = base_text
    for old, new in EDITS:
        assert old in head_text, old
        head_text = head_text.replace(old, new, 1)

    def load(spec: str):
        result = load_sources([("specs/peering.yaml", spec.encode())])
        assert result.ok, [d.format() for d in result.errors]
        return result

    b, h = load(base_text), load(head_text)
    report = diff_topologies(b.topology, h.topology, "main (4f2a9c1e7b3d)", "peer-payments-analytics (9d81c0a5e6f2)",
                             b.diagnostics, h.diagnostics)
    return render_markdown(report)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs/images/pr-comment.png"))
    parser.add_argument("--width", type=int, default=1040)
    parser.add_argument("--emoji-font", help="a colour emoji font file (default: Noto Color Emoji when installed, "
                                             "e.g. Debian's fonts-noto-color-emoji)")
    args = parser.parse_args()
    emoji = args.emoji_font or next((f for f in EMOJI_FONTS if Path(f).is_file()), None)
    # only the emoji ranges: the font also has digits and spaces (keycap bases)
    face = (f"@font-face {{ font-family: 'Noto Color Emoji'; src: url('{Path(emoji).resolve().as_uri()}'); "
            "unicode-range: U+2139, U+2300-3299, U+FE0F, U+200D, U+1F000-1FAFF; }" if emoji else "")
    chromium = chromium_path()
    if chromium is None:
        print("no Chromium found (set VPCDOCS_CHROMIUM)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    body = github_html(demo_comment())
    page_html = (f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape('vpcdocs diff')}</title>"
                 f"<style>{face}{CSS}</style></head><body><div class='comment'>{body}</div></body></html>")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "comment.html"
        path.write_text(page_html, encoding="utf-8")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": args.width, "height": 800}, device_scale_factor=1)
            page.goto(path.as_uri())
            # open the first cause of the reachability section and the first changed rule
            page.evaluate("""() => {
                for (const outer of document.querySelectorAll('.comment > details[open]')) {
                    const inner = outer.querySelector('details');
                    if (inner) inner.open = true;
                }
            }""")
            page.evaluate("() => document.fonts && document.fonts.ready")
            Path(args.out).parent.mkdir(parents=True, exist_ok=True)
            page.locator(".comment").screenshot(path=args.out)
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
