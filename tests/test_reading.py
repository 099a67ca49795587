"""Other ways of reading the article pages: Firefox's Reader View (Mozilla Readability, run in
jsdom from tools/readability/, as ./dev test installs it) and a text browser without CSS (w3m).
Each gets the article's text and the editor's notes, marked as the editor's, and each citation's
numbers once, without stray punctuation; no "Cite this page" and no heading left empty."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from conftest import ROOT, site_url

READABILITY = ROOT / "tools" / "readability"
ARTICLES = ["background/", "reasons/", "outlook/"]
NOTE = {"hi": "संपादकीय टिप्पणी", "en": "Editor's note"}
CITE_THIS = {"hi": "इस पृष्ठ का हवाला कैसे दें", "en": "Cite this page"}


def words(text: str) -> str:
    return " ".join(text.split())


def article_pages(pages):
    return [page for page in pages if page.slug in ARTICLES]


def citations(page) -> list[str]:
    """Each citation of the page as its numbers, apart by spaces: "5 7 11"."""
    return [" ".join(link.text_content() for link in sup.cssselect("a.cite__link"))
            for sup in page.article.cssselect("sup.cite")]


def reader_view(page) -> dict:
    extract = READABILITY / "extract.js"
    if not (READABILITY / "node_modules" / "@mozilla" / "readability").is_dir():
        pytest.fail(f"Mozilla Readability is not installed in {READABILITY}: run ./dev test (it runs npm ci there)")
    result = subprocess.run(["node", str(extract), str(page.path), site_url() + page.url],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def text_browser():
    w3m = shutil.which("w3m")
    if not w3m:
        pytest.fail("w3m is not installed: run ./dev test (it installs Debian's w3m)")
    return lambda page: subprocess.run([w3m, "-dump", "-cols", "200", "-T", "text/html", str(page.path)],
                                       capture_output=True, text=True, check=True).stdout


def test_reader_view_reads_the_article_its_notes_and_each_citation_once(pages):
    for page in article_pages(pages):
        found = reader_view(page)
        text = words(found["text"])
        for paragraph in page.article.cssselect(".md-content__inner > p:not(.origin):not(.print-header)"):
            shown = words(paragraph.text_content())
            assert words(re.sub(r"\s*\d+(?: \d+)*$", "", shown))[:60] in text, (page.url, shown)
        notes = page.article.cssselect(".admonition.editor")
        assert notes and text.count(NOTE[page.lang]) >= len(notes), page.url  # each note says whose it is
        for numbers in citations(page):
            assert numbers in text, (page.url, numbers)
        assert not re.search(r"\d,\s*,|,\s*,|\d\s+,", text), (page.url, re.search(r".{40}(\d,\s*,|,\s*,|\d\s+,).{10}", text))
        assert CITE_THIS[page.lang] not in text and "@misc" not in text, page.url
        html = found["html"]
        for heading in re.findall(r"<(h[1-6])[^>]*>(.*?)</\1>\s*(?=<(h[1-6])|</div>\s*$|$)", html, re.S):
            pytest.fail(f"{page.url}: a heading with nothing after it in reader view: {heading[1]!r}")


def test_a_text_browser_shows_each_citation_once_and_no_buttons(pages, text_browser):
    for page in article_pages(pages):
        dump = text_browser(page)
        article = dump[dump.index(words(page.article.cssselect("h1")[0].text_content())):]
        assert "[BUTTON]" not in article.upper() and "(BUTTON)" not in article.upper(), page.url
        flat = words(article)
        for numbers in set(citations(page)):
            assert not re.search(rf"(?<![\d,]){re.escape(numbers)}\W+{re.escape(numbers)}(?![\d,])", flat), (page.url, numbers)
            assert re.search(rf"(?<!\d){re.escape(numbers)}(?!\d)", flat), (page.url, numbers)
