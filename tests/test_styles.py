"""The site's stylesheets, scripts and pages as readers get them: every rule of a stylesheet's
source, minified, none of its comments (site_build/styles.py; site.css's rules at the end of
page.css, after Material's); the scripts minified (scripts.py); the pages without the templates'
indentation (html_fix.py)."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import tinycss2
from conftest import ROOT, hook

SHEETS = {"assets/stylesheets/site.css": "assets/stylesheets/page.css",
          "assets/stylesheets/print.css": "assets/stylesheets/print.css"}


def rules(css: str) -> list[str]:
    return [" ".join(tinycss2.serialize([rule]).split())
            for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)]


@pytest.mark.parametrize("name", SHEETS)
def test_a_stylesheet_keeps_its_rules_minified_and_loses_its_comments(site, name):
    source = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    served = (site / SHEETS[name]).read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in served and "\n  " in source and "\n" not in served.rstrip("\n")
    ours = rules(hook("styles").minified(source))
    assert rules(served)[-len(ours):] == ours and len(ours) == len(rules(source)) > 10


def test_the_scripts_are_served_minified_and_still_parse(site):
    """site_build/scripts.py: the site's scripts without comments or indentation, and still
    JavaScript (Node.js's parser, which ./dev test sets up)."""
    node = shutil.which("node") or pytest.fail("Node.js is not installed: run ./dev test (it installs it)", pytrace=False)
    for name in hook("scripts").SCRIPTS:
        source = (ROOT / "overrides" / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        served = site / "assets" / "javascripts" / name
        text = served.read_text(encoding="utf-8")
        assert "//" in source and "\n  " in source and "\n  " not in text and len(text) < 0.8 * len(source), name
        result = subprocess.run([node, "--check", str(served)], capture_output=True, text=True)
        assert result.returncode == 0, f"{name}: {result.stderr}"


def test_the_pages_lose_their_indentation_but_not_the_text_s_own_white_space():
    html_fix = hook("html_fix")
    page = "<div>\n    <p>a\n\n      b</p>\n  <pre><code>@article{x,\n  title = {y}\n}</code></pre>\n   <code>a  b\n  c</code>\n</div>"
    assert html_fix.without_indentation(page) == \
        "<div>\n<p>a\nb</p>\n<pre><code>@article{x,\n  title = {y}\n}</code></pre>\n<code>a  b\n  c</code>\n</div>"
