"""The site's own stylesheets as readers get them: without their comments, which are for the
people who edit them (a third of site.css's compressed bytes). Parsed with tinycss2 and written
back, rules and values untouched. site.css reaches readers inside page.css (css_cut.py)."""

from __future__ import annotations

from pathlib import Path

import tinycss2

STYLESHEETS = ("assets/stylesheets/print.css",)


def without_comments(css: str) -> str:
    return tinycss2.serialize(tinycss2.parse_stylesheet(css, skip_comments=True)).strip() + "\n"


def write_without_comments(site_dir: Path):
    for name in STYLESHEETS:
        path = site_dir / name
        path.write_text(without_comments(path.read_text(encoding="utf-8")), encoding="utf-8")
