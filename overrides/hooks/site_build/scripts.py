"""The site's own scripts as readers get them: minified by rjsmin (comments and spaces out, the code
as written), a third of their compressed bytes; overrides/assets/javascripts/ keeps them as they
are edited."""

from __future__ import annotations

from pathlib import Path

import rjsmin

SCRIPTS = ("before-paint.js", "starter.js", "search-worker.js", "words.js", "not-found.js")


def write_minified(site_dir: Path):
    for name in SCRIPTS:
        path = site_dir / "assets" / "javascripts" / name
        path.write_text(rjsmin.jsmin(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")
