"""The check of the sources' addresses (tools/check_sources.py, on lychee), against servers on this
machine: a dead or moved source is named, whatever a server answers, and a slow one is cut off in
time; the weekly job of the workflow runs it, and the build never does."""

from __future__ import annotations

import contextlib
import http.server
import socketserver
import subprocess
import sys
import threading
import time

import yaml
from conftest import ROOT

from tools import check_sources, layout


class Source(http.server.BaseHTTPRequestHandler):
    ROUTES = {"/ok": (200, None), "/gone": (404, None), "/old": (301, "/new"), "/new": (200, None),
              "/hop": (302, "/old"), "/loop": (302, "/loop")}

    def do_GET(self):
        status, location = self.ROUTES.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.end_headers()
        self.wfile.write(b"page")

    def log_message(self, *args):
        pass


class RawSource(socketserver.StreamRequestHandler):
    """Answers what http.server cannot be made to send: each path its bytes, however wrong."""
    ANSWERS = {"/utf8-location": "HTTP/1.1 301 Moved Permanently\r\nLocation: /città\r\n".encode(),
               "/bad-status-line": b"HTTP/1.1 two hundred OK\r\n",
               "/bad-location": b"HTTP/1.1 302 Found\r\nLocation: http://[bad\r\n",
               "/to-a-file": b"HTTP/1.1 302 Found\r\nLocation: file:///etc/passwd\r\n"}
    SLOW = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\npage"

    def handle(self):
        path = self.rfile.readline().split()[1].decode()
        while self.rfile.readline().strip():
            pass
        if path != "/slow":
            self.wfile.write(self.ANSWERS[path] + b"Content-Length: 0\r\nConnection: close\r\n\r\n")
            return
        try:  # a byte every half second: 30 s for the answer, each byte well within any timeout
            for byte in self.SLOW:
                self.wfile.write(bytes([byte]))
                time.sleep(0.5)
        except BrokenPipeError:
            pass  # the checker gave up


@contextlib.contextmanager
def serving(server):
    """The server's address, while it serves in the background."""
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_dead_and_moved_sources_are_named_and_live_ones_pass():
    with serving(http.server.ThreadingHTTPServer(("127.0.0.1", 0), Source)) as base:
        findings = check_sources.check_all([(name, base + name) for name in ("/ok", "/gone", "/old", "/hop", "/loop", "/new")]
                                           + [("closed", "http://127.0.0.1:9/x"), ("example", "https://example.com/")], retries=0)
    assert [(f.id, f.problem, f.detail) for f in findings] == [
        ("/gone", "dead", "(HTTP 404)"), ("/old", "moved", f"-> {base}/new"), ("/hop", "moved", f"-> {base}/new"),
        ("/loop", "dead", "(more than 10 redirects)"), ("closed", "dead", findings[-2].detail),
        ("example", "unchecked", "(lychee leaves this address out)")]
    assert "refused" in findings[-2].detail


def test_every_bad_answer_is_a_finding_naming_its_source(tmp_path):
    """One run over servers that answer wrongly: each gets its own finding, the run its summary, no traceback."""
    with serving(socketserver.ThreadingTCPServer(("127.0.0.1", 0), RawSource)) as base:
        references = [{"id": path.strip("/"), "url": base + path} for path in RawSource.ANSWERS]
        (tmp_path / "references.yml").write_text(yaml.safe_dump(references), encoding="utf-8")
        run = subprocess.run([sys.executable, "-m", "tools.check_sources", str(tmp_path / "references.yml")],
                             cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    cannot = "(HTTP {}: a redirect to an address that cannot be followed)"
    # Each dead source's archived copy, the one the site shows, is named as standing in for it.
    copy = "  its archived copy stands in for it on the site, until the reference is mended: " \
           f"https://web.archive.org/web/{layout.settings().checked:%Y%m%d}/{base}/"
    assert run.stdout.splitlines() == [
        f"dead: 'utf8-location' {base}/utf8-location {cannot.format(301)}", copy + "utf8-location",
        f"dead: 'bad-status-line' {base}/bad-status-line (Invalid HTTP status code from server)", copy + "bad-status-line",
        f"dead: 'bad-location' {base}/bad-location {cannot.format(302)}", copy + "bad-location",
        f"dead: 'to-a-file' {base}/to-a-file {cannot.format(302)}", copy + "to-a-file",  # never followed, so never "moved"
        "4 sources opened: 4 dead, moved or unchecked"]


def test_a_slow_source_is_cut_off_by_the_timeout_of_a_whole_try():
    with serving(socketserver.ThreadingTCPServer(("127.0.0.1", 0), RawSource)) as base:
        started = time.monotonic()
        findings = check_sources.check_all([("slow", base + "/slow")], timeout=2, retries=1)
        took = time.monotonic() - started
    print(f"the slow source was given up after {took:.1f} s")
    assert [(f.id, f.problem, f.detail) for f in findings] == [("slow", "dead", "(no answer within 2 s, 2 tries)")]
    assert took < 2 * 2 + 1 + 2, took  # two tries of 2 s, the wait between them, and time to start lychee


def test_a_weekly_job_checks_the_sources_and_nothing_else_does():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"] and "workflow_dispatch" in workflow[True]
    job = workflow["jobs"]["sources"]
    assert "schedule" in job["if"] and "workflow_dispatch" in job["if"]
    assert any(step.get("run") == "./dev sources" for step in job["steps"])
    for name in ("test", "deploy"):
        assert "schedule" in workflow["jobs"][name]["if"], name
    assert "sources" not in (ROOT / ".ci/run").read_text()
    hooks = [path.read_text(encoding="utf-8") for path in (ROOT / "overrides").rglob("*.py")]
    # The build stays offline.
    assert hooks and not any(word in text for text in hooks for word in ("urlopen", "http.client", "check_sources"))
