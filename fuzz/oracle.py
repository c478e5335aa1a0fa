"""What counts as a failure of one run: a traceback, an exit code outside 0/1/2, a raw control
character on stdout/stderr, an error without a location (or an internal error), a hang."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

# C0 except newline and tab, DEL, C1: what a terminal may act on
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
DIAG = re.compile(r"^(?P<loc>.*?): (?P<sev>error|warning|info)\[(?P<code>[A-Z0-9-]+)\]: ", re.M)
BARE = re.compile(r"^(?P<sev>error|warning)(\[(?P<code>[A-Z0-9-]+)\])?: (?P<rest>.*)$", re.M)
INTERNAL = ("I-INTERNAL", "this is a vpcdocs bug", "internal error")
KINDS = ("traceback", "exit-code", "raw-control", "unlocated", "internal", "hang", "memory")


@dataclass
class Outcome:
    command: str
    exit_code: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    traceback: str | None = None
    timed_out: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)  # (kind, detail)


def _unlocated(text: str) -> list[str]:
    bad = []
    for m in DIAG.finditer(text):
        loc = m.group("loc").strip()
        if m.group("sev") == "error" and (not loc or loc in ("<unknown>", ".", "None") or loc.startswith("  ")):
            bad.append(m.group(0).strip())
    for m in BARE.finditer(text):
        code, rest = m.group("code"), m.group("rest")
        if code == "IO" and ": " in rest:
            continue  # error[IO]: <path>: <reason>
        if code == "PAGES-DIR" or (code is None and rest.startswith(("no VPC", "give exactly"))):
            continue  # about a command-line argument, not a spec location
        if m.group("sev") == "error" and code is not None:
            bad.append(m.group(0)[:200])
    return bad


def _json_unlocated(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    bad = []
    if isinstance(data, list):
        for item in data:
            if isinstance(item, dict) and item.get("severity") == "error" and "code" in item and not item.get("file"):
                bad.append(f"{item.get('code')}: {str(item.get('message'))[:120]}")
    return bad


def judge(outcome: Outcome, memory_limit_mib: float | None = None, rss_mib: float | None = None) -> Outcome:
    """Fill ``outcome.problems``."""
    out = outcome.stdout.decode("utf-8", "replace")
    err = outcome.stderr.decode("utf-8", "replace")
    if outcome.timed_out:
        outcome.problems.append(("hang", f"no answer after {outcome.seconds:.0f}s"))
    if outcome.traceback or "Traceback (most recent call last)" in out + err:
        tb = outcome.traceback or err[err.find("Traceback"):]
        outcome.problems.append(("traceback", tb.strip().splitlines()[-1][:300] if tb.strip() else "?"))
    if outcome.exit_code not in (0, 1, 2) and not outcome.timed_out and not outcome.traceback:
        outcome.problems.append(("exit-code", str(outcome.exit_code)))
    for name, text in (("stdout", out), ("stderr", err)):
        m = RAW_CONTROL.search(text)
        if m:
            start = max(0, m.start() - 40)
            outcome.problems.append(("raw-control", f"{name}: {text[start:m.end() + 20]!r}"))
    located = _unlocated(out + "\n" + err) + _json_unlocated(out)
    if located:
        outcome.problems.append(("unlocated", located[0]))
    for needle in INTERNAL:
        if needle in out + err:
            line = next((ln for ln in (out + err).splitlines() if needle in ln), needle)
            outcome.problems.append(("internal", line[:300]))
            break
    if memory_limit_mib is not None and rss_mib is not None and rss_mib > memory_limit_mib:
        outcome.problems.append(("memory", f"{rss_mib:.0f} MiB"))
    return outcome
