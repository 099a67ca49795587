"""The check of the sources' addresses (tools/check_sources.py), against a server on this machine:
a dead or moved source is named; the weekly job of the workflow runs it, and the build never does."""

from __future__ import annotations

import http.server
import threading

import yaml
from conftest import ROOT

from tools import check_sources


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


def test_dead_and_moved_sources_are_named_and_live_ones_pass():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Source)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        findings = check_sources.check_all([(name, base + name) for name in ("/ok", "/gone", "/old", "/hop", "/loop", "/new")])
    finally:
        server.shutdown()
    assert {(f.id, f.problem, f.detail) for f in findings} == {
        ("/gone", "dead", "(HTTP 404)"), ("/old", "moved", f"-> {base}/new"), ("/hop", "moved", f"-> {base}/new"),
        ("/loop", "dead", "(more than 10 redirects)")}
    assert check_sources.check("closed", "http://127.0.0.1:9/x").problem == "dead"


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
