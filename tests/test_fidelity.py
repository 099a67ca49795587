"""The Hindi pages hold the whole article, paragraph by paragraph, in the author's words."""

from __future__ import annotations

import re
import unicodedata

import pytest
from conftest import ARTICLE_SLUGS, ROOT

SOURCE = ROOT / "source" / "000_61a6063de61e43c6.txt"
TYPO = ("ओपन-सोर्ट्स", "ओपन-सोर्स")  # the one correction the site makes


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.replace("**", "").split()))


def source_blocks() -> list[tuple[str, str]]:
    """The article's body as (kind, text): headings, reason titles, paragraphs and sources."""
    body = SOURCE.read_text(encoding="utf-8").split("---", 2)[2].replace(*TYPO)
    blocks = []
    for block in re.split(r"\n\s*\n", body.strip()):
        if block.startswith("### "):
            blocks.append(("heading", normalise(block[4:])))
        elif re.match(r"\d\.\s+\*\*", block):
            title, text = block.split("\n", 1)
            blocks.append(("heading", normalise(re.sub(r"^\d\.\s+", "", title))))
            blocks.append(("paragraph", normalise(text)))
        elif block.startswith("["):
            blocks += [("source", line) for line in block.splitlines()]
        else:
            blocks.append(("paragraph", normalise(block)))
    return blocks


def rendered(page, kind: str) -> list[str]:
    """Paragraph or heading texts of a page, without citation marks and editor's notes."""
    article = page.article
    for generated in article.cssselect("sup.cite, .admonition"):
        generated.getparent().remove(generated)
    selector = "p" if kind == "paragraph" else "h1, h2"
    texts = [normalise(el.text_content()) for el in article.cssselect(selector)]
    # Reason headings carry their number ("1. ..."), as in the source's list.
    return [re.sub(r"^\d\.\s+", "", text) for text in texts]


def test_source_has_the_expected_shape():
    kinds = [kind for kind, _ in source_blocks()]
    assert kinds.count("paragraph") == 8 and kinds.count("heading") == 8 and kinds.count("source") == 9


@pytest.mark.parametrize("kind", ["paragraph", "heading"])
def test_every_block_of_the_article_is_on_the_hindi_pages(page, kind):
    found = [text for slug in ARTICLE_SLUGS for text in rendered(page("hi", slug), kind)]
    expected = [text for k, text in source_blocks() if k == kind]
    missing = [text[:60] for text in expected if text not in found]
    assert not missing, f"{kind}s of the source missing from the Hindi pages: {missing}"
    # In the source's order, across the pages in reading order.
    assert [text for text in found if text in expected] == expected


def test_the_typo_is_corrected_and_nothing_else_changed(page):
    text = " ".join(page("hi", slug).article.text_content() for slug in ARTICLE_SLUGS)
    assert TYPO[0] not in text and TYPO[1] in text


def test_every_source_of_the_article_is_on_the_references_page(page):
    references = page("hi", "references/").article
    links = {a.get("href"): normalise(a.text_content()) for a in references.cssselect("li a[href^='https://']")}
    for _, line in (block for block in source_blocks() if block[0] == "source"):
        label, url = re.match(r"\[(.+?)\]\((.+?)\)", line).groups()
        publisher, title = label.split(": ", 1)
        assert url in links, url
        assert normalise(title) == links[url]
