"""Editor's notes sit right after the paragraph holding each claim, in both languages."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import LANGUAGES, ROOT

NOTES = yaml.safe_load((ROOT / "data" / "notes.yml").read_text(encoding="utf-8"))
FACTS = {fact["id"]: fact for fact in yaml.safe_load((ROOT / "data" / "facts.yml").read_text(encoding="utf-8"))}
TITLES = {"hi": "संपादकीय टिप्पणी", "en": "Editor's note"}


def words(text: str) -> str:
    return " ".join(text.split())


def readable(text: str) -> str:
    """Text as a reader sees it: no citation markers, links and words marked with their language as
    their words, no space before punctuation."""
    text = re.sub(r"\[@[^\]]*\]", "", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\[([^\]]+)\]\{lang=[^}]+\}", r"\1", text)
    return re.sub(r"\s+([।.,;:])", r"\1", words(text))


def note_text(note: dict, lang: str) -> str:
    """A note's text as data gives it: its own words, then the text of its fact."""
    parts = [note.get("text", {}).get(lang, ""), FACTS[note["fact"]]["text"][lang] if "fact" in note else ""]
    return " ".join(part for part in parts if part)


def test_the_eleven_claims_carry_twelve_notes_each_citing_a_source_in_both_languages():
    # The fact sheet's ten claims, the profitability claim again where the background repeats it,
    # and the cost of GPT-4, which none of its paragraph's sources gives (the second fact-check).
    assert len(NOTES) == 12
    for note in NOTES:
        for lang in LANGUAGES:
            assert re.search(r"\[@[a-z0-9-]+", note_text(note, lang)), (note["id"], lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_note_follows_the_paragraph_that_holds_its_claim(page, lang):
    for note in NOTES:
        article = page(lang, note["page"].replace(".md", "/")).article
        anchor = words(note["anchor"][lang])
        holders = [p for p in article.cssselect("p") if anchor in words(p.text_content())
                   and not p.xpath("ancestor::div[contains(@class, 'admonition')]")]
        assert len(holders) == 1, f"{note['id']}: the claim is in {len(holders)} paragraphs"
        box = holders[0].getnext()
        assert box is not None and "editor" in box.get("class", "").split(), note["id"]
        assert words(box.cssselect(".admonition-title")[0].text_content()) == TITLES[lang]
        point = next(item for item in box.cssselect("li, p:not(.admonition-title)")
                     if words(item.text_content()).startswith(f"“{anchor}”"))
        assert point.cssselect("sup.cite a"), f"{note['id']}: the note cites no source"
        for sup in point.cssselect("sup.cite"):
            sup.drop_tree()
        assert readable(note_text(note, lang)) in readable(point.text_content()), note["id"]


def test_the_authors_sentences_are_left_as_they_are(page):
    for note in NOTES:
        article = page("hi", note["page"].replace(".md", "/")).article
        source = (ROOT / "docs" / note["page"]).read_text(encoding="utf-8")
        assert note["anchor"]["hi"] in source and note["anchor"]["hi"] in words(article.text_content())


def test_the_timeline_tells_the_founding_dates_apart(page):
    for lang in LANGUAGES:
        timeline = page(lang, "timeline/").article
        dates = {event.cssselect("h2")[0].get("id"): event.cssselect("time")[0].get("datetime")
                 for event in timeline.cssselect("ol.timeline > li")}
        assert dates["project-ai-2"] == "2023-03-19" and dates["company-start"] == "2023-03"
        start = timeline.cssselect("#company-start")[0].getparent()
        assert words(start.cssselect("time")[0].text_content()) == {"hi": "मार्च–जुलाई 2023", "en": "March–July 2023"}[lang]
        founding = page(lang, "background/").article
        assert founding.xpath(".//div[contains(@class, 'editor')]//a[contains(@href, 'timeline/#company-start')]")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_about_page_says_where_the_text_comes_from_and_when_it_was_checked(page, lang):
    about = page(lang, "about/").article
    assert [h.get("id") for h in about.cssselect("h2")] == ["origin", "method", "editors-notes", "corrections", "licence", "checked"]
    assert about.cssselect("#checked + p time[datetime]")
