"""The documented GitLab note script (docs/pull-request-previews.md) against a stand-in of
GitLab's notes API on 127.0.0.1 (GitLab itself cannot be reached from a test): it creates the
sticky note once, then updates that note, leaving other notes alone."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTES_PATH = "/api/v4/projects/42/merge_requests/7/notes"


class FakeNotes(BaseHTTPRequestHandler):
    notes: list[dict] = []
    calls: list[str] = []

    def log_message(self, *args) -> None:  # quiet
        pass

    def _reply(self, status: int, payload) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> str:
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        return urllib.parse.parse_qs(raw)["body"][0]

    def _authorised(self) -> bool:
        if self.headers.get("PRIVATE-TOKEN") != "glpat-test":
            self._reply(401, {"message": "401 Unauthorized"})
            return False
        return True

    def do_GET(self) -> None:
        self.calls.append(f"GET {self.path}")
        if self._authorised() and self.path.startswith(NOTES_PATH + "?"):
            self._reply(200, self.notes)

    def do_POST(self) -> None:
        self.calls.append(f"POST {self.path}")
        if self._authorised() and self.path == NOTES_PATH:
            note = {"id": 100 + len(self.notes), "body": self._body()}
            self.notes.append(note)
            self._reply(201, note)

    def do_PUT(self) -> None:
        self.calls.append(f"PUT {self.path}")
        if not self._authorised():
            return
        note_id = int(self.path.rsplit("/", 1)[1])
        note = next(n for n in self.notes if n["id"] == note_id)
        note["body"] = self._body()
        self._reply(200, note)


@pytest.fixture
def gitlab():
    FakeNotes.notes = [{"id": 1, "body": "LGTM"}]
    FakeNotes.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/v4"
    server.shutdown()
    server.server_close()


def note_script() -> str:
    doc = (REPO / "docs" / "pull-request-previews.md").read_text(encoding="utf-8")
    return next(b for b in re.findall(r"```python\n(.*?)```", doc, re.S) if "merge_requests" in b)


def test_documented_note_script_keeps_one_sticky_note(gitlab, tmp_path):
    script = tmp_path / "vpcdocs_note.py"
    script.write_text(note_script())
    env = {**os.environ, "CI_API_V4_URL": gitlab, "CI_PROJECT_ID": "42", "CI_MERGE_REQUEST_IID": "7",
           "VPCDOCS_GITLAB_TOKEN": "glpat-test", "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"}
    for n, text in enumerate(["first report", "second report"]):
        report = tmp_path / f"report{n}.md"
        report.write_text(f"<!-- vpcdocs-diff -->\n### vpcdocs diff\n\n{text} & <b>more</b>\n", encoding="utf-8")
        proc = subprocess.run([sys.executable, str(script), str(report)], env=env, capture_output=True, text=True,
                              timeout=60, check=False)
        assert proc.returncode == 0, proc.stderr
    assert [c.split("?")[0] for c in FakeNotes.calls] == [
        f"GET {NOTES_PATH}", f"POST {NOTES_PATH}", f"GET {NOTES_PATH}", f"PUT {NOTES_PATH}/101"]
    assert FakeNotes.notes == [
        {"id": 1, "body": "LGTM"},
        {"id": 101, "body": "<!-- vpcdocs-diff -->\n### vpcdocs diff\n\nsecond report & <b>more</b>\n"}]
