"""Each language's own search text. The i18n plugin writes one search index for both
languages; each language gets its own, beside its home page, in two parts: search_index.json,
which Material fetches with the page, holds only the settings; search_documents.json is fetched
by assets/javascripts/search-worker.js when the reader first searches. It holds each section's
title and text as plain text, the text in sentences (a result shows the one or two that hold
the match); which sections are the article's, which rank before the site's own pages and lists
(the timeline, the references) unless the query names a date or a source; the names written in both scripts
(data/search-terms.yml); the words that name a month and the names of the sources; the labels of
the fact box in the section that shows them, which a query names as it names a title; and the
words the worker says (partials/records.html)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import babel.dates

from site_build.build import Build
from site_build.settings import page_url

BLOCKS = {"p", "li", "pre"}
# A sentence ends at its full stop, question or exclamation mark, or danda, before a space.
SENTENCE_END = re.compile(r"(?<=[.?!।])\s+")
# Where a citation was left out of the text, the space it leaves before punctuation.
SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+(?=[.,;:?!।)])")


class Blocks(HTMLParser):
    """The paragraphs and list items of Material's search text, as plain text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = [""]

    def handle_starttag(self, tag, attrs):
        self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.blocks.append("")

    def handle_data(self, data):
        self.blocks[-1] += data


def blocks(text: str) -> list[str]:
    """Material's search HTML (a title, or a section's text) as its blocks of plain text."""
    parser = Blocks()
    parser.feed(text)
    parser.close()
    return [" ".join(block.split()) for block in parser.blocks]


def sentences(text: str, labels: set[str]) -> list[str]:
    """The sentences of a section's text, without the site's labels (an editor's note's title)."""
    found = []
    for block in blocks(text):
        block = SPACE_BEFORE_PUNCTUATION.sub("", block)
        if block not in labels:
            found += [sentence for sentence in SENTENCE_END.split(block) if sentence]
    return found


def plain(title: str) -> str:
    return " ".join(block for block in blocks(title) if block)


def month_names(languages) -> list[str]:
    return sorted({name for lang in languages for width in ("wide", "abbreviated")
                   for name in babel.dates.get_month_names(width, locale=lang).values()})


def split_by_language(build: Build, site_dir: Path):
    settings = build.settings
    combined = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    others = tuple(settings.prefix(lang) for lang in settings.languages[1:])
    dates = month_names(settings.languages)
    # The names of the sources, which rank the site's lists first, but the site's subject's (01.AI,
    # the publisher of its own blog and repositories): a reader who names it names the subject.
    names = {re.sub(r"\s*\(.*?\)", "", ref.publisher) for ref in build.records.references.values()}
    sources = sorted(name for name in names
                     if not any(name in site_name for site_name in settings.site_names.values()))
    for lang in settings.languages:
        prefix = settings.prefix(lang)
        articles = {page_url(settings, name, lang, absolute=False).removeprefix(prefix)
                    for name in build.records.docs.names if build.records.docs(name, lang).is_article}
        macros = build.macros(lang)
        labels = [fact.label[lang].plain for fact in build.records.facts.values() if fact.label]
        docs = []
        for doc in combined["docs"]:
            if prefix and not doc["location"].startswith(prefix) or not prefix and doc["location"].startswith(others):
                continue
            location = doc["location"].removeprefix(prefix)
            text = sentences(doc["text"], {macros.t["note"]})
            named = [label for label in labels if any(line == label or line.startswith(f"{label} · ") for line in text)]
            docs.append({"location": location, "title": plain(doc["title"]), "text": text,
                         **({"named": named} if named else {}),
                         **({"article": True} if location.split("#")[0] in articles else {})})
        folder = site_dir / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        search_text = {"docs": docs, "terms": build.records.search_terms, "dates": dates, "sources": sources,
                       "labels": macros.t["search"]}
        for name, content in [("search_index.json", {**combined, "docs": []}), ("search_documents.json", search_text)]:
            (folder / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")),
                                       encoding="utf-8")
