"""What the templates need besides Material's own context: a page's title as text, Open Graph
locales for mkdocs.yml's languages, the brand colour of site.css."""

from __future__ import annotations

import html
import re
from pathlib import Path

from babel.core import get_global
from mkdocs.exceptions import PluginError

STYLESHEET = Path(__file__).resolve().parents[2] / "assets" / "stylesheets" / "site.css"
ADDED_STYLESHEET = STYLESHEET.with_name("added.css")  # the site's rules for what its scripts add
BRAND = re.compile(r"--site-brand:\s*(#[0-9a-fA-F]{6})\s*;")


def page_title(page) -> str:
    """A page's title as text: its first heading, as the table of contents holds it (escaped
    for HTML), unescaped, so that a template or a card escapes it exactly once."""
    return html.unescape(page.toc.items[0].title)


def og_locales(languages: tuple[str, ...]) -> dict[str, str]:
    """hi -> hi_IN, en -> en_US: CLDR's likely region of each language."""
    subtags = get_global("likely_subtags")
    return {lang: f"{lang}_{subtags.get(lang, lang).split('_')[-1]}" for lang in languages}


def brand_colour() -> str:
    """The site's colour, written once, as site.css's --site-brand."""
    found = BRAND.search(STYLESHEET.read_text(encoding="utf-8"))
    if not found:
        raise PluginError(f"{STYLESHEET}: no '--site-brand: #rrggbb;' (the colour of the theme, the social "
                          "cards and the browser's toolbar)")
    return found.group(1).lower()
