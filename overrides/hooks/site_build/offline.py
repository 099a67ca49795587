"""Reading offline, and the site as an app a phone can install:

- each language's web app manifest (manifest.webmanifest beside its home page: its name and short
  name, the site's sub-path as scope, the brand colour) and the app's icons, drawn with Pillow
  from the shapes of favicon.svg in the brand colour;
- each language's offline page (offline.html beside its home page, from overrides/offline.html),
  which the service worker shows for a page not kept;
- a digest of its content in the address of each of the site's own styles and scripts (?v=), in
  every page, so that a kept copy of one is never taken for another's;
- the service worker, sw.js at the site's root (overrides/assets/javascripts/offline-worker.js,
  after what the build tells it); under `mkdocs serve`, one that keeps nothing.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import urlsplit

import babel.dates
import rjsmin
from mkdocs.commands.build import get_context

from site_build import cards, head, material, records, settings
from site_build.build import Build

ASSETS = Path(__file__).resolve().parents[2] / "assets"
FAVICON = ASSETS / "images" / "favicon.svg"
WORKER_SOURCE = ASSETS / "javascripts" / "offline-worker.js"
WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "offline.html"
ICONS = [("assets/images/icon-192.png", 192, "any"), ("assets/images/icon-512.png", 512, "any"),
         ("assets/images/icon-maskable.png", 512, "maskable")]  # maskable: the mark inside the safe circle
# The site's own files that every page links, as readers get them (written before write_worker).
VERSIONED = ("assets/stylesheets/page.css", "assets/stylesheets/print.css", "assets/stylesheets/scripted.css",
             "assets/javascripts/before-paint.js", "assets/javascripts/starter.js", "assets/images/favicon.svg")
SVG = "{http://www.w3.org/2000/svg}"


def write_language(build: Build, env, config, nav, files, as_served):
    """The manifest and the offline page of the language being built (MkDocs's config is in that
    language's state only while it is built)."""
    lang = config.theme["language"]
    prefix = build.settings.prefix(lang)
    site_dir = Path(config.site_dir) / prefix
    base = urlsplit(config.site_url).path
    words = env.get_template("partials/offline.html").make_module({"language": lang})
    manifest = {
        "id": base + prefix, "start_url": base + prefix, "scope": base, "name": config.site_name, "short_name": words.t["short_name"],
        "description": config.site_description, "lang": lang, "dir": "ltr", "display": "standalone",
        "theme_color": head.brand_colour(), "background_color": "#ffffff",
        "icons": [{"src": base + path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": purpose}
                  for path, size, purpose in ICONS],
    }
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    # From the site's root, as MkDocs gives its error pages: it answers at any address.
    context = get_context(nav, files, config, base_url=base)
    html = env.get_template(OFFLINE_PAGE).render({**context, "language": lang})
    (site_dir / OFFLINE_PAGE).write_text(as_served(html, OFFLINE_PAGE), encoding="utf-8")


def icon(size: int, maskable: bool) -> bytes:
    """favicon.svg's mark at `size` pixels: its rounded square (a full square where the platform
    masks it) in the brand colour, and its text."""
    from PIL import Image, ImageDraw
    svg = ElementTree.parse(FAVICON).getroot()
    scale = size / float(svg.get("viewBox").split()[2])
    square, text = svg.find(f"{SVG}rect"), svg.find(f"{SVG}text")
    image = Image.new("RGBA", (size, size), head.brand_colour() if maskable else (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if not maskable:
        pen.rounded_rectangle([0, 0, size - 1, size - 1], radius=float(square.get("rx")) * scale, fill=head.brand_colour())
    font = cards.font("devanagari", round(float(text.get("font-size")) * scale), int(text.get("font-weight")))
    pen.text((float(text.get("x")) * scale, float(text.get("y")) * scale), text.text, font=font, fill=text.get("fill"),
             anchor="ms")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def versioned(site_dir: Path) -> dict[str, str]:
    """The address of each file of VERSIONED with the digest of its content, written into every page."""
    names = {name: f"{name}?v={hashlib.sha256((site_dir / name).read_bytes()).hexdigest()[:8]}" for name in VERSIONED}
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for name, address in names.items():
            html = html.replace(f'{name}"', f'{address}"')
        page.write_text(html, encoding="utf-8")
    return names


def content_digest(site_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(path for path in site_dir.rglob("*") if path.is_file() and path.name != WORKER):
        digest.update(path.relative_to(site_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def worker_data(build: Build, names: dict[str, str], bundle: str, preview: bool) -> dict:
    """What the worker knows of this build, addresses from the site's root."""
    config = build.settings
    checked = records.Date(config.checked, "day")
    words = build.template.environment.get_template("partials/offline.html")
    languages = {}
    for lang in config.languages:
        prefix = config.prefix(lang)
        documents = f"{prefix}search/search_documents.json"
        languages[prefix] = {
            "shell": [names[name] for name in VERSIONED if name != "assets/stylesheets/scripted.css"]
                     + [f"{prefix}references/sources.html", f"{prefix}{OFFLINE_PAGE}"],
            "used": [names["assets/stylesheets/scripted.css"], bundle, "assets/javascripts/words.js", documents,
                     f"assets/javascripts/search-worker.js?documents=../../{documents}"],
            "offline": prefix + OFFLINE_PAGE,
            "notice": str(words.make_module({"language": lang}).kept_notice(checked)),
            "months": list(babel.dates.get_month_names("wide", locale=lang).values()),
        }
    return {"preview": preview, "languages": languages, "immutable": [*names.values(), bundle],
            "pages": [settings.page_url(config, page, lang, absolute=False)
                      for lang in config.languages for page in build.reading_order]}


def previewing(config) -> bool:
    """Built for `mkdocs serve`, which gives the build its own address as site_url."""
    return urlsplit(config.site_url).netloc == f"{config.dev_addr.host}:{config.dev_addr.port}"


def write_worker(build: Build, config):
    """The icons, the versions of the site's own files in every page, and then, last, the worker:
    its cache is named by a digest of everything else the build wrote."""
    site_dir = Path(config.site_dir)
    drawing = [FAVICON.read_text(encoding="utf-8"), Path(__file__).read_text(encoding="utf-8")]
    for path, size, purpose in ICONS:
        shutil.copyfile(cards.cached([*drawing, str(size), purpose], functools.partial(icon, size, purpose == "maskable")),
                        site_dir / path)
    names = versioned(site_dir)
    (site_dir / "assets" / "javascripts" / WORKER_SOURCE.name).unlink()
    data = worker_data(build, names, material.material_bundle(config.theme.dirs), previewing(config))
    data["version"] = content_digest(site_dir)
    source = rjsmin.jsmin(WORKER_SOURCE.read_text(encoding="utf-8"))
    (site_dir / WORKER).write_text(f"const SITE = {json.dumps(data, ensure_ascii=False)}\n{source}\n", encoding="utf-8")
