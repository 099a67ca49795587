"""The search text each language's search loads (site_build/search_text.py): what a result can
show is the article's and the site's text, never its boilerplate, in sentences that read cleanly."""

from __future__ import annotations

import json
import re

import pytest
from conftest import LANGUAGES


@pytest.fixture(scope="module", params=list(LANGUAGES))
def search_text(site, request) -> tuple[str, dict]:
    prefix = LANGUAGES[request.param]
    return request.param, json.loads((site / prefix / "search" / "search_documents.json").read_text(encoding="utf-8"))


def sentences(search_text) -> list[str]:
    return [sentence for doc in search_text[1]["docs"] for sentence in doc["text"]]


def left_out(pages, lang) -> set[str]:
    """What the pages of a language show as the site's boilerplate: the note on the article's
    origin, the dates of the checks, the facts box's opening, where a source or an event is
    cited, an editor's note's title."""
    selector = ".origin, .facts__intro, .timeline__checked, .timeline__section, .references__cited, .admonition-title"
    return {" ".join(element.text_content().split()) for page in pages if page.lang == lang
            for element in page.article.cssselect(selector)}


def test_no_sentence_holds_the_sites_boilerplate(search_text, pages):
    lang, _ = search_text
    boilerplate = left_out(pages, lang)
    texts = sentences(search_text)
    assert texts and len(boilerplate) > 20
    for text in texts:
        for shown in boilerplate:  # a label as a sentence of its own; a longer text anywhere
            assert (shown[:40] not in text) if len(shown) > 40 else text != shown, (shown, text)


def test_sentences_are_plain_text_with_no_space_before_punctuation(search_text):
    for text in sentences(search_text):
        assert not re.search(r"<[a-z/]|&[a-z]+;|&#", text), text
        assert not re.search(r"\s[,.;:।)]|,\s*,", text), text
        assert text == text.strip() and "  " not in text, text


def test_only_the_article_pages_are_marked_as_the_article(search_text):
    docs = search_text[1]["docs"]
    marked = {doc["location"].split("#")[0] for doc in docs if doc.get("article")}
    assert marked == {"background/", "reasons/", "outlook/"}
