"""HTML that Material writes and the Nu checker refuses, mended after the page is rendered."""

from __future__ import annotations

import re

# Material's base.html gives its checkbox toggles autocomplete="off", which HTML allows only on
# text-like inputs; base.html has no block to override it from (listed in material.py).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def valid_html(html: str) -> str:
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
