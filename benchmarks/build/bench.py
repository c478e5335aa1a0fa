"""Build benchmark: ``vpcdocs build`` of generated estates (``generate.py``), measured in one run.

For each size (VPCs; 10 subnets each):

* **cold** — empty cache and no site; **no-op** — the same command again; **one-VPC change**
  — a route and the description of one VPC changed, then the same command. Wall time, CPU
  time (user + system of the build and every process it waited for, Graphviz included) and
  peak RSS of each, from ``wait4`` (the largest single process), and the peak PSS of the whole
  process tree (the build, its forked workers and Graphviz together; sampled from ``/proc``
  every 0.2 s, shared pages counted once);
* the site: bytes, the largest HTML page, the search index (``search_index.json``), the
  reach data, the overview SVG;
* the **floor**: the Graphviz CPU time of the DOT sources vpcdocs draws for that site (every
  diagram, light variant) divided by the cores, plus a bare ``mkdocs build`` (Material,
  search, no nav: MkDocs lists every page) of one minimal page per VPC holding only its
  route tables and its diagram — CPU time, so other jobs on the machine do not inflate it.

``python benchmarks/build/bench.py 10 100 300 1000 --write`` runs them and writes RESULTS.md
(``--nice`` lowers the priority when others use the machine). The machine and its load
average at the start and end of each size are recorded: wall times on a shared machine are
noisy, CPU times much less so.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import write_estate  # noqa: E402

REPO = HERE.parent.parent
VENV_BIN = Path(sys.executable).parent


SNAPSHOT: Path | None = None  # a copy of the vpcdocs package the builds run (others may edit the tree)


def snapshot(dest: Path) -> Path:
    """Copy the vpcdocs package: every build of the run uses the same code, even when the
    working tree changes meanwhile (a code change is an input change: no no-op)."""
    shutil.copytree(REPO / "vpcdocs", dest / "vpcdocs", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def vpcdocs_cmd() -> list[str]:
    return [sys.executable, "-m", "vpcdocs"]


PHASE = re.compile(r"\]\s+(.+?): (?:[^:]*? )?in ([0-9.]+)s$|\]\s+(site built) in ([0-9.]+)s", re.M)


def phases(log: str) -> dict[str, float]:
    """Seconds per phase from the build's progress lines ("reachability: …: 100/100 in 24.2s")."""
    out: dict[str, float] = {}
    for m in PHASE.finditer(log):
        name, secs = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        out[name] = float(secs)
    return out


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux ``/proc``)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _pss_kib(pids: list[int]) -> int:
    """Proportional set size of the processes together: shared pages (a forked worker's
    copy-on-write view of its parent) counted once, split between their sharers."""
    total = 0
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total


class TreeMemory(threading.Thread):
    """Samples the PSS of a process tree every 0.2 s; ``peak`` in KiB (0 without /proc)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak = max(self.peak, _pss_kib(_tree(self.pid)))


def run(cmd: list[str], cwd: Path, nice: bool) -> dict[str, float]:
    """Run ``cmd``; wall seconds, CPU seconds (incl. waited-for children), peak RSS MiB."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if SNAPSHOT is not None:
        env["PYTHONPATH"] = str(SNAPSHOT)
    if nice:
        cmd = ["nice", "-n", "10", *cmd]
    started = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert proc.stdout is not None
    memory = TreeMemory(proc.pid)
    memory.start()
    output = proc.stdout.read()
    memory.done.set()
    memory.join()
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{output.decode()[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
            "tree_pss_mib": memory.peak / 1024,
            "exit": proc.returncode, "log": output.decode(errors="replace")}


def dir_bytes(root: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in root.rglob(pattern) if p.is_file())


def change_one_vpc(specs: Path) -> str:
    """Add a route and change the description of the first prod VPC of us-east-1."""
    f = specs / "prod-use1.yaml"
    text = f.read_text()
    vpc = re.search(r"^  (prod-use1-\d+):$", text, re.M)
    assert vpc, "no prod VPC in us-east-1"
    vid = vpc.group(1)
    marker = f"      {vid}-app-1a:\n        routes:\n"
    assert marker in text
    text = text.replace(marker, marker + "          - {destination: 192.168.0.0/16, target: " + f"{vid}-nat-1a}}\n", 1)
    text = text.replace("    description: ", "    description: (changed) ", 1)
    f.write_text(text)
    return vid


def floor(specs: Path, work: Path, nice: bool) -> dict[str, float]:
    """Graphviz CPU of the site's DOT sources ÷ cores + a bare Material build of minimal pages."""
    sys.path.insert(0, str(REPO))
    from vpcdocs.render.diagram import render_diagram
    from vpcdocs.render.diagram.parallel import site_refs
    from vpcdocs.render.route_tables.markdown import route_table_markdown
    from vpcdocs.routing import dataplane
    from vpcdocs.spec import load_specs

    topo = load_specs(specs).topology
    dots = work / "dot"
    dots.mkdir(parents=True)
    refs = site_refs(topo, ("overview", "tgw", "vpc"))
    for i, ref in enumerate(refs):
        (dots / f"{i}.dot").write_bytes(render_diagram(topo, ref, "dot").data)
    svgs = work / "svg"
    svgs.mkdir()
    gv = run(["sh", "-c", f"for f in {dots}/*.dot; do dot -Tsvg \"$f\" -o {svgs}/$(basename \"$f\" .dot).svg; done"],
             work, nice)
    docs = work / "floor" / "docs"
    (docs / "images").mkdir(parents=True)
    dp = dataplane(topo)
    (docs / "index.md").write_text("# Floor\n")
    by_name = {ref.name: i for i, ref in enumerate(refs)}
    for v in topo.vpcs:
        shutil.copy(svgs / f"{by_name[v.id]}.svg", docs / "images" / f"{v.id}.svg")
        tables = "\n".join(route_table_markdown(t, heading_level=2) for t in dp.tables_of(v.id))
        (docs / f"{v.id}.md").write_text(f"# {v.id}\n\n![diagram](images/{v.id}.svg)\n\n{tables}\n")
    (work / "floor" / "mkdocs.yml").write_text(
        "site_name: floor\nuse_directory_urls: false\ntheme: {name: material, font: false}\nplugins: [search]\n"
        "markdown_extensions: [tables]\n")
    mk = run([str(VENV_BIN / "mkdocs"), "build", "-q"], work / "floor", nice)
    cores = os.cpu_count() or 1
    return {"graphviz_cpu": gv["cpu"], "diagrams": len(refs), "mkdocs_cpu": mk["cpu"], "mkdocs_wall": mk["wall"],
            "cores": cores, "floor": gv["cpu"] / cores + mk["cpu"]}


def measure(n: int, nice: bool, keep: Path | None = None) -> dict[str, object]:
    load_start = os.getloadavg()
    tmp = Path(tempfile.mkdtemp(prefix=f"vpcdocs-bench-{n}-"))
    try:
        specs = write_estate(tmp / "specs", n)
        cmd = [*vpcdocs_cmd(), "build", "specs", "--site-dir", "site", "--cache-dir", "cache"]
        cold = run(cmd, tmp, nice)
        site = tmp / "site"
        html = sorted(((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")), reverse=True)
        search = site / "search" / "search_index.json"
        noop = run(cmd, tmp, nice)
        changed = change_one_vpc(specs)
        one = run(cmd, tmp, nice)
        fl = floor(specs, tmp / "floor-work", nice)
        overview = site / "network" / "images" / "overview.svg"
        out: dict[str, object] = {
            "vpcs": n, "subnets": n * 10, "cold": cold, "noop": noop, "one_vpc": one, "changed_vpc": changed,
            "site_bytes": dir_bytes(site), "html_pages": len(html), "largest_page": html[0] if html else (0, ""),
            "search_bytes": search.stat().st_size if search.is_file() else 0,
            "reach_data_bytes": dir_bytes(site / "network" / "reach"),
            "images_bytes": dir_bytes(site / "network" / "images"),
            "overview_svg_bytes": overview.stat().st_size if overview.is_file() else 0,
            "floor": fl, "load_start": load_start, "load_end": os.getloadavg(),
        }
        for k in ("cold", "noop", "one_vpc"):
            log = out[k]["log"]  # type: ignore[index]
            out[k]["reused"] = "site up to date" in log  # type: ignore[index]
            out[k]["phases"] = phases(log)  # type: ignore[index]
        if keep is not None:
            shutil.copytree(tmp / "site", keep / f"site-{n}", dirs_exist_ok=True)
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _mib(b: float) -> str:
    return f"{b / 2**20:,.1f}"


def table(results: list[dict]) -> str:
    rows = ["| VPCs | subnets | cold wall (s) | cold CPU (s) | floor (s) | cold ÷ floor | cold CPU ÷ floor CPU "
            "| no-op (s) | no-op ÷ cold | one VPC changed (s) | one VPC ÷ cold | one VPC CPU ÷ cold CPU "
            "| peak RSS (MiB) | peak PSS, all processes (MiB) | site (MiB) | largest page (KiB) | search index (MiB) | load start → end |",
            "|" + " ---: |" * 17 + " --- |"]
    for r in results:
        c, nz, one, fl = r["cold"], r["noop"], r["one_vpc"], r["floor"]
        rss = max(c["rss_mib"], nz["rss_mib"], one["rss_mib"])
        pss = max(x.get("tree_pss_mib", 0.0) for x in (c, nz, one))
        size, page = r["largest_page"]
        floor_cpu = fl["graphviz_cpu"] + fl["mkdocs_cpu"]
        reused = "" if nz.get("reused") else " (rebuilt!)"
        rows.append(
            f"| {r['vpcs']:,} | {r['subnets']:,} | {c['wall']:.1f} | {c['cpu']:.1f} | {fl['floor']:.1f} "
            f"| {c['wall'] / fl['floor']:.2f} | {c['cpu'] / floor_cpu:.2f} | {nz['wall']:.2f}{reused} "
            f"| {nz['wall'] / c['wall']:.1%} | {one['wall']:.1f} | {one['wall'] / c['wall']:.0%} "
            f"| {one['cpu'] / c['cpu']:.0%} | {rss:,.0f} | {pss:,.0f} | {_mib(r['site_bytes'])} | {size / 1024:,.0f} ({page}) "
            f"| {_mib(r['search_bytes'])} | {r['load_start'][0]:.1f} → {r['load_end'][0]:.1f} |")
    return "\n".join(rows)


def phase_table(results: list[dict]) -> str:
    names: list[str] = []
    for r in results:
        for k in ("cold", "one_vpc"):
            names += [n for n in r[k]["phases"] if n not in names]
    rows = ["| VPCs | build | " + " | ".join(names) + " |", "| ---: | --- |" + " ---: |" * len(names)]
    for r in results:
        for k in ("cold", "one_vpc"):
            ph = r[k]["phases"]
            rows.append(f"| {r['vpcs']:,} | {k} | " + " | ".join(f"{ph[n]:.1f}" if n in ph else "" for n in names) + " |")
    return "\n".join(rows)


def size_table(results: list[dict]) -> str:
    rows = ["| VPCs | HTML pages | site (MiB) | diagrams (MiB) | reach data (MiB) | search index (MiB) "
            "| overview SVG (KiB) | largest page |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in results:
        size, page = r["largest_page"]
        rows.append(f"| {r['vpcs']:,} | {r['html_pages']:,} | {_mib(r['site_bytes'])} | {_mib(r['images_bytes'])} "
                    f"| {_mib(r['reach_data_bytes'])} | {_mib(r['search_bytes'])} | {r['overview_svg_bytes'] / 1024:,.0f} "
                    f"| {page} ({size / 1024:,.0f} KiB) |")
    return "\n".join(rows)


def floor_table(results: list[dict]) -> str:
    rows = ["| VPCs | diagrams | Graphviz CPU (s) | cores | bare MkDocs CPU (s) | bare MkDocs wall (s) | floor (s) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in results:
        f = r["floor"]
        rows.append(f"| {r['vpcs']:,} | {f['diagrams']} | {f['graphviz_cpu']:.1f} | {f['cores']} | {f['mkdocs_cpu']:.1f} "
                    f"| {f['mkdocs_wall']:.1f} | {f['floor']:.1f} |")
    return "\n".join(rows)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[10, 100, 300, 1000])
    ap.add_argument("--nice", action="store_true", help="run the builds with nice -n 10")
    ap.add_argument("--json", type=Path, default=HERE / "results.json", help="where to write the raw results")
    ap.add_argument("--keep", type=Path, default=None, help="copy each built site into this folder")
    args = ap.parse_args()
    machine = (f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
               f"{os.cpu_count()} CPUs ({_cpu_model()})")
    global SNAPSHOT
    SNAPSHOT = snapshot(Path(tempfile.mkdtemp(prefix="vpcdocs-bench-code-")))
    results = []
    for n in args.sizes:
        r = measure(n, args.nice, args.keep)
        results.append(r)
        print(table([r]).splitlines()[-1], flush=True)
    for r in results:
        for k in ("cold", "noop", "one_vpc"):
            r[k].pop("log", None)
    args.json.write_text(json.dumps({"machine": machine, "results": results}, indent=1) + "\n")
    print(machine)
    print(table(results))
    print()
    print(floor_table(results))
    print()
    print(phase_table(results))
    print()
    print(size_table(results))


if __name__ == "__main__":
    main()
