"""Issue 15 item 6: an output the disk refuses is ``error[IO]: <path>: <reason>`` and exit 1,
never a traceback; ``serve`` answers crafted URLs with 404 and logs them escaped."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hardening_helpers import vpcdocs

SPEC = "region: us-east-1\nvpcs:\n  vpc-a: {cidr: 10.0.0.0/16}\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(SPEC, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args", [["check", "specs", "--format", "json", "-o", "/dev/full"], ["schema", "-o", "/dev/full"],
                                  ["diagram", "specs", "--vpc", "vpc-a", "--format", "dot", "-o", "/dev/full"]],
                         ids=["check", "schema", "diagram"])
def test_full_disk_on_output_file(project, args):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    proc = vpcdocs(*args, cwd=project)
    assert proc.returncode == 1
    assert "error[IO]: /dev/full: No space left on device" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert Path("/dev/full").is_char_device()  # written through, never replaced by a file


@pytest.mark.parametrize("where", ["site", "pages", "check-o", "schema-o"])
def test_read_only_destination(project, readonly_dir, where):
    target = readonly_dir / "out"
    args = {"site": ["build", "specs", "-q", "--site-dir", str(target), "--cache-dir", "cache"],
            "pages": ["build", "specs", "-q", "--pages-dir", str(target), "--cache-dir", "cache"],
            "check-o": ["check", "specs", "-o", str(target / "report.txt")],
            "schema-o": ["schema", "-o", str(target / "schema.json")]}[where]
    proc = vpcdocs(*args, cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    line = next(ln for ln in proc.stderr.splitlines() if "error[IO]" in ln)
    assert line.startswith(f"error[IO]: {readonly_dir}")
    assert line.endswith(("Read-only file system", "Permission denied"))


def test_full_file_system_for_the_site(project, full_dir):
    proc = vpcdocs("build", "specs", "-q", "--site-dir", str(full_dir / "site"), "--cache-dir", "cache",
                   cwd=project)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "No space left on device" in proc.stderr and "error[IO]: " in proc.stderr
    assert not [p for p in full_dir.iterdir() if p.name.startswith(".site.vpcdocs-")]


# --------------------------------------------------------------------------- serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_survives_crafted_urls(project):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "vpcdocs", "serve", "specs", "--dev-addr", f"127.0.0.1:{port}",
                             "--cache-dir", "cache", "--no-livereload"], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve did not come up"
                time.sleep(0.3)
        crafted = ["/%00", "/index.html%00.js", "/%1b]0;pwned%07", "/%ff%fe", "/..%2f..%2fetc%2fpasswd",
                   "/" + "a" * 5000, "/%c0%ae%c0%ae/", "/network/%00/x"]
        for url in crafted:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("GET", url, headers={"Referer": "http://x/\x1b]0;title\x07"})
            status = conn.getresponse().status
            conn.close()
            assert status in (404, 414, 400), (url, status)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().status in (200, 302)
        conn.close()
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=30)
    text = (out + err).decode("utf-8", "replace")
    assert "Traceback" not in text
    assert "\x1b" not in text and "\x07" not in text and "\x00" not in text
