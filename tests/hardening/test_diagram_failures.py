"""Issue 15 items 4 and 5: every VPC gets its own page and diagram file whatever its id;
a diagram that cannot be drawn is a located error for that diagram, the others are drawn,
and ``--strict`` fails the build."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_helpers import vpcdocs
from hypothesis import given, settings
from hypothesis import strategies as st

from vpcdocs.cli import cli
from vpcdocs.fsutil import WINDOWS_RESERVED, safe_name
from vpcdocs.render.diagram import diagram_filename
from vpcdocs.site import paths

LONG = "v" * 300
JAPANESE = "東京リージョン本番環境ネットワーク共有サービス基盤"  # 26 characters, 78 UTF-8 bytes

IDS_SPEC = f"""\
region: us-east-1
vpcs:
  {LONG}: {{cidr: 10.0.0.0/16}}
  {JAPANESE}: {{cidr: 10.1.0.0/16}}
  vpc-bell:
    name: "\\a"
    cidr: 10.2.0.0/16
    subnets:
      s1: {{cidr: 10.2.0.0/24, az: us-east-1a, name: "\\a\\x1b"}}
  VPC-A: {{cidr: 10.3.0.0/16}}
  vpc-a-97971024: {{cidr: 10.4.0.0/16}}
  vpc-a: {{cidr: 10.5.0.0/16}}
  CON: {{cidr: 10.6.0.0/16}}
"""
VPC_IDS = [LONG, JAPANESE, "vpc-bell", "VPC-A", "vpc-a-97971024", "vpc-a", "CON"]


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "ids.yaml").write_text(IDS_SPEC, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_every_vpc_has_its_own_page_and_diagram(project):
    result = CliRunner().invoke(cli, ["build", "specs", "-q", "--cache-dir", "cache", "--strict"])
    assert result.exit_code == 0, result.output
    site = project / "site" / "network"
    pages = sorted(p.name for p in (site / "vpcs").glob("*.html"))
    images = sorted(p.name for p in (site / "images").glob("*.svg"))
    assert len(pages) == len(VPC_IDS) and len({p.lower() for p in pages}) == len(VPC_IDS)
    assert len(images) == len(VPC_IDS) + 1  # and the overview
    assert all(len(name) < 100 for name in pages + images)
    assert not any(Path(n).stem.split(".")[0] in WINDOWS_RESERVED for n in pages + images)


def test_diagram_command_with_a_300_character_id(project):
    proc = vpcdocs("diagram", "specs", "--vpc", LONG, cwd=project)
    assert proc.returncode == 0, proc.stderr
    written = [p for p in project.iterdir() if p.suffix == ".svg"]
    assert len(written) == 1 and len(written[0].name) < 100


def test_a_failing_diagram_is_a_located_error_and_the_rest_render(project, monkeypatch):
    # a dot that takes too long for the overview only: VPC diagrams are small
    monkeypatch.setenv("VPCDOCS_DOT_TIMEOUT", "0.000001")
    result = CliRunner().invoke(cli, ["build", "specs", "-q", "--cache-dir", "cache"])
    assert result.exit_code == 1
    assert "specs/ids.yaml:3:3: error[D-DIAGRAM]: the diagram of VPC" in result.output
    assert "could not be drawn: the layout took too long" in result.output
    assert "diagrams could not be drawn; the site was built without them" in result.output
    assert (project / "site" / "index.html").is_file()  # the site, without the diagrams
    # the pages were made while the diagrams were drawn, as if all would be: they were made
    # again, and none shows a diagram that is not there
    site = project / "site"
    shown = {(page, ref) for page in site.rglob("*.html")
             for ref in re.findall(r'(?:src|data)="([^"]+\.svg)"', page.read_text(encoding="utf-8"))}
    missing = [(page, ref) for page, ref in shown if not (page.parent / ref).resolve().is_file()]
    assert not missing, missing[:3]


def test_strict_fails_the_build_and_keeps_the_old_site(project, monkeypatch):
    assert CliRunner().invoke(cli, ["build", "specs", "-q", "--cache-dir", "cache"]).exit_code == 0
    before = (project / "site" / "index.html").read_bytes()
    monkeypatch.setenv("VPCDOCS_DOT_TIMEOUT", "0.000001")
    result = CliRunner().invoke(cli, ["build", "specs", "-q", "--cache-dir", "cache2", "--strict"])
    assert result.exit_code == 1
    assert "error[D-DIAGRAM]" in result.output and "the site was not changed" in result.output
    assert (project / "site" / "index.html").read_bytes() == before


def test_a_cache_that_cannot_be_written_draws_the_diagrams_anyway(project, readonly_dir):
    """A cache is only a cache: the build draws every diagram elsewhere, says why it could not
    keep them, and succeeds (the next build simply reuses nothing)."""
    cache = readonly_dir / "cache"
    result = CliRunner().invoke(cli, ["build", "specs", "--strict", "--cache-dir", str(cache)])
    assert result.exit_code == 0, result.output
    assert f"cache {cache} cannot be written" in result.output
    assert "Read-only file system" in result.output or "not writable" in result.output
    assert "error" not in result.output
    site = project / "site" / "network"
    assert len(list((site / "images").glob("*.svg"))) == len(VPC_IDS) + 1  # and the overview
    assert list(readonly_dir.iterdir()) == []
    again = CliRunner().invoke(cli, ["build", "specs", "-q", "--cache-dir", str(cache)])
    assert again.exit_code == 0 and again.output == "", again.output


# --------------------------------------------------------------------------- slugs (item 5)

ADVERSARIAL = ["VPC-A", "vpc-a", "vpc-a-97971024", "Vpc-A", "vpc_a", "vpc a", "vpc-a.", ".vpc-a", "vpc--a",
               "vpc-a" * 20, "vpc-a" * 20 + "x", "CON", "con", "con.md", "Com1", "lpt9", "nul.txt", "aux",
               "", ".", "..", "東京", "東京-a", "\x1b", "a/b", "a\\b", "a:b", "a*b", "Ω", "ω", "NUL.0", "Con.x.y"]


def test_slugs_are_injective_case_insensitively():
    slugs = [safe_name(i) for i in ADVERSARIAL]
    assert len({s.lower() for s in slugs}) == len(ADVERSARIAL)
    assert not any(s.split(".")[0] in WINDOWS_RESERVED for s in slugs)  # "nul.0_…" is NUL to Windows
    # the hash-suffixed form of one id never equals the plain form of another
    for a, b in itertools.permutations(ADVERSARIAL, 2):
        assert safe_name(a).lower() != safe_name(b).lower()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=80), min_size=2, max_size=8, unique=True))
def test_slugs_of_any_ids_are_distinct_and_safe(ids):
    slugs = [paths.slug(i) for i in ids]
    assert len({s.lower() for s in slugs}) == len(ids)
    for s in slugs:
        assert 0 < len(s) <= 77 and s.isascii() and "/" not in s and "\\" not in s
        assert s.split(".")[0] not in WINDOWS_RESERVED
        assert not s.endswith((".", " "))
    files = [diagram_filename(i, "svg") for i in ids]
    assert len({f.lower() for f in files}) == len(ids)
