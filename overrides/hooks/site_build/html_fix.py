"""HTML that Material writes and the Nu checker refuses, mended after the page is rendered; and
the templates' indentation taken out of what readers download."""

from __future__ import annotations

import re

# Material's base.html gives its checkbox toggles autocomplete="off", which HTML allows only on
# text-like inputs; base.html has no block to override it from (listed in material.py).
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# Where white space is the text's own (the BibTeX block, code, a text area), it stays.
KEPT_AS_WRITTEN = re.compile(r"(<(pre|code|textarea)\b.*?</\2>)", re.S)
# A line break followed by spaces, or by more line breaks, reads as one space wherever else.
INDENTATION = re.compile(r"\n\s+")


def valid_html(html: str) -> str:
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def without_indentation(html: str) -> str:
    """The page without the indentation and blank lines of its templates (a twentieth of its
    compressed bytes): each run of white space after a line break becomes that line break."""
    parts = KEPT_AS_WRITTEN.split(html)
    # split() gives text, then each kept element and its tag name, in turn.
    return "".join(part if index % 3 else INDENTATION.sub("\n", part) for index, part in enumerate(parts)
                   if index % 3 != 2)
