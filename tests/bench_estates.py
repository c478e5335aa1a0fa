"""The benchmarks' estate generators, for tests that need a realistic estate.

Both are files called ``generate.py`` (``benchmarks/reach`` and ``benchmarks/build``, not
packages): imported by name, whichever came first in a test session would answer for both.
Here each is loaded from its file under a name of its own.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str, path: Path) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


reach_generator = _load("vpcdocs_benchmarks_reach_generate", BENCHMARKS / "reach" / "generate.py")
build_generator = _load("vpcdocs_benchmarks_build_generate", BENCHMARKS / "build" / "generate.py")

# benchmarks/reach: generate(vpcs, subnets_per_vpc, shape) -> spec YAML text
reach_estate = reach_generator.generate
# benchmarks/build: write_estate(folder, vpcs) -> the spec folder of a multi-account estate
write_estate = build_generator.write_estate
