"""`mkdocs serve`, as a writer uses it: every edit rebuilds, and the page open in the browser
reloads and shows it, within the page's own Content-Security-Policy."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import Visitor, edit, last_commit_epoch, site_base


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


@contextlib.contextmanager
def serving(folder):
    """`mkdocs serve` of the project on a free port; yields the site's address."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    serve = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(folder / "mkdocs.yml"),
         "--dev-addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": last_commit_epoch()},
    )
    try:
        yield f"http://127.0.0.1:{port}{site_base()}"
    finally:
        serve.terminate()
        serve.wait(timeout=10)


def test_serve_rebuilds_on_data_and_hook_changes(project):
    with serving(project) as base:
        url = base + "en/timeline/"
        wait_for(url, '<time datetime="2023-11-02" itemprop="startDate">2 November 2023</time>')
        assert fetch(base + "sw.js").startswith('const SITE = {"preview": true,')  # a worker that keeps nothing
        edit(project / "data" / "timeline.yml", 'date: "2023-11-02"', 'date: "2023-11-03"')
        wait_for(url, '<time datetime="2023-11-03" itemprop="startDate">3 November 2023</time>')
        edit(project / "overrides" / "hooks" / "site_build" / "records.py", '"d MMMM y"', '"d MMMM, y"')
        wait_for(url, '<time datetime="2023-11-03" itemprop="startDate">3 November, 2023</time>')


def test_the_open_page_reloads_after_an_edit_within_its_policy(project, browser):
    """A page open in Chromium under `mkdocs serve` reloads by itself after an edit of a page and
    of a data file, and shows the new text, with no breach of its Content-Security-Policy."""
    with serving(project) as base:
        wait_for(base + "en/timeline/", "Timeline")
        tab = Visitor(browser, server=None)
        try:
            loads = []
            tab.page.on("load", lambda _: loads.append(time.monotonic()))
            tab.page.goto(base + "en/timeline/")  # never network-idle: the page waits for news of a rebuild

            def shows(text: str):
                """The open page shows the text, and has loaded: its text is there before its load
                event, which the count of loads below waits for."""
                deadline = time.monotonic() + 30
                while time.monotonic() < deadline:
                    with contextlib.suppress(Exception):  # the page may be reloading just then
                        if text in tab.page.inner_text("article"):
                            tab.page.wait_for_load_state("load")
                            return
                    time.sleep(0.3)
                raise AssertionError(f"the open page did not reload to show {text!r}")

            edit(project / "docs" / "timeline.en.md", "The article gives most dates", "A writer's edit: the article gives most dates")
            shows("A writer's edit")
            edit(project / "data" / "timeline.yml", "en: Yi-Large launched", "en: Yi-Large launched, edited")
            shows("Yi-Large launched, edited")
            assert len(loads) >= 3, loads  # opened, then reloaded by the page itself after each edit
            assert not tab.violations, tab.violations
            # The preview's service worker keeps nothing and unregisters: nothing comes from a cache.
            deadline = time.monotonic() + 10
            while tab.page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)"):
                assert time.monotonic() < deadline, "the preview's service worker stays registered"
                time.sleep(0.2)
            assert tab.page.evaluate("caches.keys()") == []
        finally:
            tab.close()
