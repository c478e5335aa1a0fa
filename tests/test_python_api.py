"""docs/python-api.md: every Python example runs, in order, from a copy of the shipped specs."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "python-api.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_python_api_examples_run(tmp_path):
    shutil.copytree(REPO / "specs", tmp_path / "specs")
    blocks = _blocks()
    assert len(blocks) >= 5
    namespace: dict[str, object] = {}
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        with contextlib.redirect_stdout(out):
            for block in blocks:
                exec(compile(block, str(DOC), "exec"), namespace)  # noqa: S102 - the documented examples
    finally:
        os.chdir(cwd)
    text = out.getvalue()
    assert "10 VPCs" in text and "not-transitive" in text and "a-s3" in text
    assert "<svg" in text


def test_every_public_package_declares_its_api():
    import importlib

    for name in ("vpcdocs.model", "vpcdocs.spec", "vpcdocs.routing", "vpcdocs.analysis.reach",
                 "vpcdocs.analysis.lint", "vpcdocs.render.reach", "vpcdocs.render.route_tables",
                 "vpcdocs.render.diagram", "vpcdocs.importers"):
        module = importlib.import_module(name)
        exported = getattr(module, "__all__", None)
        assert exported, f"{name} has no __all__"
        missing = [n for n in exported if not hasattr(module, n)]
        assert not missing, f"{name}.__all__ names what it does not define: {missing}"
