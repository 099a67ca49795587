"""`mkdocs serve` rebuilds when a data file or a hook changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import site_base
from test_bad_input import edit, project  # noqa: F401  (fixture)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 60) -> str:
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")


def test_serve_rebuilds_on_data_and_hook_changes(project):  # noqa: F811
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project / "mkdocs.yml"),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    url = f"http://127.0.0.1:{port}{site_base()}en/timeline/"
    try:
        wait_for(url, '<time datetime="2023-11-02">2 November 2023</time>')
        edit(project / "data" / "timeline.yml", 'date: "2023-11-02"', 'date: "2023-11-03"')
        wait_for(url, '<time datetime="2023-11-03">3 November 2023</time>')
        edit(project / "overrides" / "hooks" / "records.py", '"d MMMM y"', '"d MMMM, y"')
        wait_for(url, '<time datetime="2023-11-03">3 November, 2023</time>')
    finally:
        serve.terminate()
        serve.wait(timeout=10)
