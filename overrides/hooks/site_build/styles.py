"""The site's own stylesheets as readers get them: minified by rcssmin (comments, which are for
the people who edit them, and spaces out; rules and values as written). site.css reaches readers
inside page.css (css_cut.py); overrides/assets/stylesheets/ keeps them as they are edited."""

from __future__ import annotations

from pathlib import Path

import rcssmin

STYLESHEETS = ("assets/stylesheets/print.css",)


def minified(css: str) -> str:
    return rcssmin.cssmin(css) + "\n"


def write_minified(site_dir: Path):
    for name in STYLESHEETS:
        path = site_dir / name
        path.write_text(minified(path.read_text(encoding="utf-8")), encoding="utf-8")
