"""``python -m build`` makes an sdist and a wheel that work off this repository: the wheel,
installed into a fresh virtualenv with no access to the source tree, builds a site from a
copy of the shipped specs.

How the fresh virtualenv gets its dependencies without the network: it is created from the
base interpreter (not the project's .venv) and sees, through one ``.pth`` line, a folder of
links to the dependencies installed in the project's .venv — every distribution there except
vpcdocs' own editable install (whose finder points at the source tree). pip then installs the
wheel with ``--no-index`` and finds every requirement already satisfied, which also checks the
wheel's dependency metadata. The build itself runs without isolation (``--no-isolation``),
with the setuptools of the test extras, so it needs no download either.
"""

from __future__ import annotations

import email.parser
import fnmatch
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

import vpcdocs

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "vpcdocs"

pytestmark = pytest.mark.slow


def docker_context_files() -> list[Path]:
    """The files .dockerignore lets into the Docker build context (what the image builds from)."""
    allowed = [ln[1:].rstrip("/") for ln in (REPO / ".dockerignore").read_text().splitlines() if ln.startswith("!")]
    out = []
    for name in allowed:
        path = REPO / name
        if path.is_file():
            out.append(path)
        else:
            out += [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                    and not p.name.endswith(".pyc")]
    return out


def package_data_files() -> set[str]:
    """Every non-Python file of the package in the source tree (templates, CSS, JS, icons …)."""
    return {p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("build")
    src = tmp / "src"
    for path in docker_context_files():  # a copy: the shared tree gets no build/ or egg-info
        target = src / path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    proc = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(tmp / "dist"), str(src)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheel = next((tmp / "dist").glob("vpcdocs-*.whl"))
    sdist = next((tmp / "dist").glob("vpcdocs-*.tar.gz"))
    return {"wheel": wheel, "sdist": sdist}


def test_wheel_and_sdist_hold_every_package_file(dists):
    data = package_data_files()
    assert "vpcdocs/site/assets/vpcdocs.css" in data
    sources = {p.relative_to(REPO).as_posix() for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    wheel_names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    missing = sorted((data | sources) - wheel_names)
    assert not missing, f"not in the wheel (add a glob to [tool.setuptools.package-data]): {missing}"
    with tarfile.open(dists["sdist"]) as tar:
        root = f"vpcdocs-{vpcdocs.__version__}/"
        sdist_names = {n.removeprefix(root) for n in tar.getnames()}
    missing = sorted((data | sources | {"README.md", "LICENSE", "pyproject.toml"}) - sdist_names)
    assert not missing, f"not in the sdist: {missing}"


def test_wheel_metadata(dists):
    from trove_classifiers import classifiers as known

    with zipfile.ZipFile(dists["wheel"]) as whl:
        info = f"vpcdocs-{vpcdocs.__version__}.dist-info"
        meta = email.parser.Parser().parsestr(whl.read(f"{info}/METADATA").decode())
        entry_points = whl.read(f"{info}/entry_points.txt").decode()
        assert f"{info}/licenses/LICENSE" in whl.namelist()
    assert meta["Name"] == "vpcdocs" and meta["Version"] == vpcdocs.__version__
    assert meta["License-Expression"] == "Apache-2.0"
    assert meta["Requires-Python"] == ">=3.11"
    assert meta["Description-Content-Type"] == "text/markdown"
    assert meta.get_payload().strip() == (REPO / "README.md").read_text().strip()  # the long description
    assert "aws" in meta["Keywords"].split(",")
    classifiers = meta.get_all("Classifier")
    assert "Framework :: MkDocs" in classifiers and "Topic :: System :: Networking" in classifiers
    assert not [c for c in classifiers if c not in known]
    assert "[console_scripts]\nvpcdocs = vpcdocs.cli:main" in entry_points
    assert "[mkdocs.plugins]\nvpcdocs = vpcdocs.site.plugin:VpcdocsPlugin" in entry_points
    assert any(r.startswith("boto3") and "extra == \"aws\"" in r for r in meta.get_all("Requires-Dist"))


def dependency_links(target: Path) -> Path:
    """Links to the .venv's installed distributions, vpcdocs' own editable install left out."""
    site_packages = Path(sysconfig.get_paths()["purelib"])
    skip = ["vpcdocs*", "__editable__*", "_virtualenv*", "*.pth", "__pycache__", "pip", "pip-*"]
    target.mkdir()
    for entry in site_packages.iterdir():
        if not any(fnmatch.fnmatch(entry.name, pat) for pat in skip):
            (target / entry.name).symlink_to(entry)
    return target


def test_wheel_works_in_a_fresh_virtualenv(dists, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "vpcdocs-test-deps.pth").write_text(str(dependency_links(tmp_path / "deps")) + "\n")
    work = tmp_path / "work"  # a folder with no link to the source tree
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    proc = subprocess.run([sys.executable, "-m", "pip", "--python", str(py), "install", "--no-index",
                           "--disable-pip-version-check", str(dists["wheel"])],
                          capture_output=True, text=True, cwd=work, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # every dependency was found, none downloaded

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(list(args), capture_output=True, text=True, cwd=work, env=env, timeout=300, check=False)

    where = run(str(py), "-c", "import vpcdocs; print(vpcdocs.__file__)")
    assert Path(where.stdout.strip()).is_relative_to(venv), where  # the installed copy, not the sources
    version = run(str(venv / "bin" / "vpcdocs"), "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"vpcdocs, version {vpcdocs.__version__}"
    plugin = run(str(py), "-c", "from importlib.metadata import entry_points; "
                 "ep = entry_points(group='mkdocs.plugins')['vpcdocs']; print(ep.load().__module__, ep.dist.name)")
    assert plugin.stdout.split() == ["vpcdocs.site.plugin", "vpcdocs"], plugin

    if shutil.which("dot") is None:
        pytest.skip("Graphviz dot is not installed: the site build needs it")
    shutil.copytree(REPO / "specs", work / "specs")
    build = run(str(venv / "bin" / "vpcdocs"), "build", "specs", "--site-dir", "public", "--strict")
    assert build.returncode == 0, build.stderr
    site = work / "public"
    assert (site / "index.html").is_file()
    css = list(site.rglob("vpcdocs.css"))
    assert css and css[0].read_bytes() == (PACKAGE / "site" / "assets" / "vpcdocs.css").read_bytes()
    pages = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "vpc-a" in pages and ".svg" in pages  # the VPC pages with their diagrams
    assert list(site.rglob("*.svg")), "no diagram in the site"
    assert not (work / "vpcdocs").exists()
