"""What a reader's trial found in the text of the pages (issue of the phone, print and the other
language): the note above each article page reads as its sentences; one citation group where a
fact's sources and an event's meet; what the site says of a source in the page's language; a
span's structured data with its end. Each in the built pages, and the first three again as
Chromium shows them, at a phone's width and a desktop's."""

from __future__ import annotations

import re

import lxml.html
import pytest
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT

REFERENCES = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
ABOUTS = {lang: [ref["about"][lang] for ref in REFERENCES if "about" in ref] for lang in LANGUAGES}


def words(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_note_above_each_article_page_reads_as_its_sentences(page, lang):
    link = {"hi": "इस लेख के बारे में", "en": "about this article"}[lang]
    checked = {"hi": "तथ्यों की पिछली जाँच", "en": "Facts last checked"}[lang]
    for slug in ARTICLE_SLUGS:
        origin = words(page(lang, slug).article.cssselect("p.origin")[0])
        # The link closes its sentence; the check's date begins the next one.
        assert re.search(rf"\({link}\)[।.] {checked}", origin), (slug, origin)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_where_a_fact_s_sources_meet_an_event_s_they_are_one_group_after_the_full_stop(page, lang):
    for event in page(lang, "timeline/").article.cssselect("ol.timeline > li"):
        for paragraph in event.cssselect("p"):
            for group in paragraph.cssselect("sup.cite"):
                between = (group.tail or "").strip()
                following = group.getnext()
                assert not (following is not None and following.tag == "sup" and between in ("।", ".", "")), \
                    (event.cssselect("h2")[0].get("id"), words(paragraph)[-60:])


def test_what_the_site_says_of_a_source_is_in_the_page_s_language(site, pages):
    """"(official blog)", "on GitHub", "(reporting Reuters)" on the Hindi pages, their previews and
    the printed list, and their Hindi on the English ones: never."""
    previews = {lang: (site / prefix / "references" / "sources.html").read_text(encoding="utf-8")
                for lang, prefix in LANGUAGES.items()}
    for current in pages:
        other = next(lang for lang in LANGUAGES if lang != current.lang)
        text = " ".join([words(current.tree.cssselect("body")[0]), *(link.get("aria-label", "") for link in current.tree.iter("a"))])
        for about in ABOUTS[other]:
            assert about not in text, (current.url, about)
        assert previews[current.lang].count(ABOUTS[current.lang][0]) >= 1
    for lang in LANGUAGES:
        other = next(each for each in LANGUAGES if each != lang)
        tree = lxml.html.fromstring(previews[lang])
        shown = words(tree) + " ".join(div.get("aria-label") for div in tree.cssselect("div.source"))
        assert not [about for about in ABOUTS[other] if about in shown], lang
    assert "01.AI on GitHub" not in (ROOT / "data" / "references.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_span_of_time_has_its_end_in_the_structured_data(page, lang):
    events = {event["id"]: event for event in yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))}
    (timeline,) = [item for item in page(lang, "timeline/").structured if item.get("@type") == "ItemList"]
    spans = 0
    for item in timeline["itemListElement"]:
        data = events[item["url"].split("#")[1]]
        if "end" in data:
            spans += 1
            assert item["endDate"] == str(data["end"]) and item["startDate"] == str(data["date"])
        else:
            assert "endDate" not in item
    assert spans


# ---- as Chromium shows them ----

NOTE_SENTENCES = {"hi": r"\(इस लेख के बारे में\)। तथ्यों की पिछली जाँच", "en": r"\(about this article\)\. Facts last checked"}
TWO_GROUPS = re.compile(r"\][।.]\s*\[")  # a group of numbers, the full stop, another group


def shown(locator) -> str:
    return " ".join(locator.inner_text().split())


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_chromium_shows_reads_as_sentences_one_group_and_the_page_s_language(visitor, lang, width):
    """The same, as a reader sees it (the rendered text, after the styles and the page's scripts):
    the note above each article page; the timeline's events; and, on every page that cites, the
    previews of its first, middle and last numbers and the printed list of its sources, without
    the other language's words for a source."""
    other = next(each for each in LANGUAGES if each != lang)
    tab = visitor(width=width, touch=width < 720)
    for slug in ARTICLE_SLUGS:
        origin = shown(tab.open(LANGUAGES[lang] + slug).locator("p.origin"))
        assert re.search(NOTE_SENTENCES[lang], origin), (slug, origin)
    events = shown(tab.open(LANGUAGES[lang] + "timeline/").locator("article"))
    assert not TWO_GROUPS.search(events), TWO_GROUPS.search(events)
    for slug in ["", *ARTICLE_SLUGS, "timeline/"]:
        page = tab.open(LANGUAGES[lang] + slug)
        links = page.locator("a.cite__link")
        seen = [shown(page.locator("article"))]
        for index in sorted({0, links.count() // 2, links.count() - 1}) if links.count() else []:
            link = links.nth(index)
            link.scroll_into_view_if_needed()
            link.tap() if width < 720 else link.click()
            seen.append(shown(page.locator(".source:popover-open")))
            page.keyboard.press("Escape")
        page.pdf(format="A4")  # beforeprint: the page lists the sources it cites
        page.emulate_media(media="print")
        seen.append(shown(page.locator(".cited-sources")))
        page.emulate_media(media="screen")
        assert not [about for about in ABOUTS[other] if any(about in text for text in seen)], (slug, lang)
        assert any(about in text for about in ABOUTS[lang] for text in seen[1:]) or slug == "", slug
    assert not tab.errors
