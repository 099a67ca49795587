"""The seams between this site and the theme it stands on: every file or block of Material for
MkDocs (and the two private parts of MkDocs and mkdocs-static-i18n) that the site copies,
replaces or relies on, listed once, with a digest of the upstream text it was taken from.
tests/test_material.py compares each digest with the installed packages and names every seam
whose upstream has changed, so that an upgrade (or a move away from Material, which reaches its
end of life in May 2027) shows all its work at once. The build stops on a Material version
outside the tested range."""

from __future__ import annotations

import dataclasses
import glob
import hashlib
import importlib.metadata
import inspect
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

TESTED = ((9, 8, 1), (9, 9, 0))  # Material versions from (inclusive) to (exclusive)
TAKEN_FROM = "mkdocs-material 9.8.1, mkdocs 1.6.1, mkdocs-static-i18n 1.3.1"
BUNDLE = "assets/javascripts/bundle.*.min.js"  # its name carries a content hash that changes with every release


@dataclasses.dataclass(frozen=True)
class Seam:
    ours: str  # the file of this site that copies, replaces or relies on it
    upstream: str  # a file of Material's templates, or "mkdocs:<module>.<name>"
    part: str | None  # a template block, or a word whose lines are what is relied on; None: the whole file
    digest: str  # sha256 (first 16 hex digits) of that upstream text, as it was taken
    why: str


SEAMS = [
    Seam("overrides/partials/search.html", "partials/search.html", None, "bfd556535abcddb9",
         "a copy of Material's search box: a name for its dialog, and the failure message"),
    Seam("overrides/partials/alternate.html", "partials/alternate.html", None, "572b1d4dae611aa5",
         "a copy of Material's language menu: each language's name marked in its own language, and on "
         "the 404 pages each language's home page"),
    Seam("overrides/partials/copyright.html", "partials/copyright.html", None, "bc86bca3bf75070f",
         "replaced: the footer's links (about this article, the changes, report an error), the licence"),
    Seam("overrides/partials/source.html", "partials/source.html", None, "6847616d67be4920",
         "replaced by nothing: Material's would fetch the repository's facts from GitHub's API"),
    Seam("overrides/404.html", "404.html", None, "80c93494b5432b1b",
         "replaced: a 404 page in each language, each saying it in both"),
    Seam("overrides/partials/languages/hi.html", "partials/languages/hi.html", None, "9551c45ae843a04c",
         "a copy of Material's Hindi: the theme's words as readers say them (Next, skip link, result counts)"),
    Seam("overrides/main.html", "base.html", "site_meta", "e306b9472bf91403",
         "replaced: description, canonical, prev/next, hreflang, Open Graph, the card"),
    Seam("overrides/main.html", "base.html", "styles", "3e2f8b00a4426913",
         "replaced: one stylesheet, page.css (css_cut.py), in the place of Material's two and site.css"),
    Seam("overrides/main.html", "base.html", "extrahead", "1764749c48ef0bd1", "filled: Article JSON-LD"),
    Seam("overrides/main.html", "base.html", "config", "b84001acaa9dc379",
         "replaced: the __config JSON, with hard-coded annotate, tags and version, and our search worker"),
    Seam("overrides/partials/javascripts/base.html", "partials/javascripts/base.html", None, "d6113712bc4deb30",
         "replaced: the storage helpers are before-paint.js's"),
    Seam("overrides/partials/javascripts/palette.html", "partials/javascripts/palette.html", None, "8790389765ea6036",
         "replaced: before-paint.js applies the colour scheme, in Material's __palette storage format"),
    Seam("overrides/partials/javascripts/content.html", "partials/javascripts/content.html", None, "3722e156f0f6339d",
         "replaced by nothing: it opens content tabs, which the site has none of"),
    Seam("overrides/main.html", "base.html", "scripts", "66cc07f62fe03dd2",
         "replaced: Material's script loaded on the first move (partials/starter.html)"),
    Seam("overrides/home.html", "base.html", "hero", "1c53ec23ac41649d", "filled: the home page's title and lede"),
    Seam("overrides/home.html", "base.html", "content", "e7e77c2e082ef761", "replaced: the home page's content"),
    Seam("overrides/hooks/site_build/html_fix.py", "base.html", "autocomplete", "583aef8d885d336c",
         "removes autocomplete from Material's checkbox toggles"),
    Seam("overrides/partials/palette.html", "partials/palette.html", None, "fb935107ae7d3d74",
         "a copy of Material's colour toggle: each radio named by its own scheme, in a named group"),
    Seam("overrides/assets/javascripts/before-paint.js", "partials/palette.html", None, "fb935107ae7d3d74",
         "the toggles whose data-md-color-* attributes it reads"),
    Seam("overrides/assets/stylesheets/site.css", "assets/stylesheets/main.*.min.css", None, "57a0d79d880c51fe",
         "copies the transitions of the drawer and the phone's search panel, with visibility added"),
    Seam("overrides/assets/stylesheets/print.css", "assets/stylesheets/palette.*.min.css", None, "fb2fffe2c525a359",
         "names the colours Material's dark scheme sets on body, which print takes back"),
    Seam("overrides/hooks/site_build/css_cut.py", "assets/stylesheets/main.*.min.css", None, "57a0d79d880c51fe",
         "cuts it to the rules the pages show (page.css) and those for what the script adds (scripted.css)"),
    Seam("overrides/hooks/site_build/css_cut.py", "assets/stylesheets/palette.*.min.css", None, "fb2fffe2c525a359",
         "cuts it to the site's two colour schemes"),
    Seam("overrides/hooks/site_build/css_cut.py", BUNDLE, None, "b9a1ef14b5e91ad6",
         "reads what Material's script adds; FEATURES names the classes of the features this site has off"),
    Seam("overrides/partials/starter.html", BUNDLE, None, "b9a1ef14b5e91ad6",
         "starts Material's script with a synthetic DOMContentLoaded, lets its programmatic clicks open "
         "but not close the drawer and search, reads __md_get storage"),
    Seam("overrides/assets/javascripts/search-worker.js", "assets/javascripts/workers/search.*.min.js", None,
         "da1b3df5e5f00cc7", "speaks Material's search worker protocol (SETUP 0, READY 1, QUERY 2, RESULT 3)"),
    Seam("overrides/hooks/site_build/policy.py", "mkdocs:mkdocs.livereload.LiveReloadServer._inject_js_into_html",
         None, "3f6d2f64c23ebcdf", "wraps it so that the live-reload script is allowed by the page's policy"),
    Seam("overrides/hooks/site_build/offline.py", "mkdocs:mkdocs.commands.build.get_context", None, "4b4bf8a076edc4a6",
         "renders each language's offline page with the context MkDocs gives a template, from the site's root"),
    Seam("overrides/hooks/hooks.py", "mkdocs:mkdocs_static_i18n.plugin.I18n.on_post_build", None,
         "e70db1f72973bb70", "reads i18n.building: the other languages are built inside the default one"),
    Seam("overrides/hooks/hooks.py", "mkdocs:mkdocs.config.config_options.Hooks._load_hook", None,
         "08952df25c864490", "a hook is loaded once per process: site_build/ is imported afresh for each build"),
]


def templates() -> Path:
    import material
    return Path(material.__file__).parent / "templates"


def upstream_text(seam: Seam) -> str:
    if seam.upstream.startswith("mkdocs:"):
        module, owner, name = seam.upstream.removeprefix("mkdocs:").rsplit(".", 2)
        return inspect.getsource(getattr(getattr(importlib.import_module(module), owner), name))
    paths = sorted(glob.glob(str(templates() / seam.upstream)))
    if len(paths) != 1:
        raise PluginError(f"Material's theme files: expected exactly one {seam.upstream}, found {len(paths)}")
    text = Path(paths[0]).read_text(encoding="utf-8")
    if seam.part is None:
        return text
    if f"{{% block {seam.part} %}}" in text:
        return block(text, seam.part)
    return "\n".join(line.strip() for line in text.splitlines() if seam.part in line)


def block(text: str, name: str) -> str:
    """A Jinja block of a template, nested blocks included."""
    start = text.index(f"{{% block {name} %}}")
    depth = 0
    for tag in re.finditer(r"{%-?\s*(block \w+|endblock)\b[^%]*-?%}", text[start:]):
        depth += 1 if tag.group(1).startswith("block") else -1
        if depth == 0:
            return text[start:start + tag.end()]
    raise PluginError(f"Material's {name} block has no end")


def digest(seam: Seam) -> str:
    return hashlib.sha256(upstream_text(seam).encode()).hexdigest()[:16]


def check_version():
    version = importlib.metadata.version("mkdocs-material")
    numbers = tuple(int(part) for part in re.findall(r"\d+", version)[:3])
    if not TESTED[0] <= numbers < TESTED[1]:
        low, high = (".".join(map(str, edge)) for edge in TESTED)
        raise PluginError(f"mkdocs-material {version} is installed; this site is tested with {low} up to (not "
                          f"including) {high}: install the version pyproject.toml pins (./dev build does), or "
                          "upgrade the seams listed in overrides/hooks/site_build/material.py first")


def material_bundle(theme_dirs: list[str]) -> str:
    """The theme's own script, as a path inside the site."""
    paths = sorted({path.relative_to(folder).as_posix() for folder in map(Path, theme_dirs)
                    for path in folder.glob(BUNDLE)})
    if len(paths) != 1:
        raise PluginError(f"Material's theme files: expected exactly one {BUNDLE}, found {len(paths)} "
                          f"({', '.join(paths) or 'none'}); is mkdocs-material installed as pyproject.toml pins it?")
    return paths[0]
