"""The timeline and the references, rendered from data/, and the citations that join them."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT, hook
from test_fidelity import source_blocks

DATA = ROOT / "data"


def data(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def named(ref: dict, lang: str) -> str:
    """A source's publisher as a page of `lang` names it: with what the site says of it, in that language."""
    return f"{ref['publisher']} ({ref['about'][lang]})" if "about" in ref else ref["publisher"]


def target(page, href: str) -> tuple[str, str]:
    """(page url, fragment) that a link on `page` leads to, in the site's own URL space."""
    url = urlsplit(urljoin("/" + page.url, href))
    return url.path.lstrip("/"), url.fragment


def anchors(pages) -> dict[str, set[str]]:
    return {page.url: {el.get("id") for el in page.tree.iter() if isinstance(el.tag, str) and el.get("id")}
            for page in pages}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_lists_every_event_in_date_order(page, lang):
    events = page(lang, "timeline/").article.cssselect("ol.timeline > li")
    expected = data("timeline")
    assert len(events) == len(expected)
    datetimes = [event.cssselect("time")[0].get("datetime") for event in events]
    assert sorted(datetimes, key=lambda value: value + "-01" * (2 - value.count("-"))) == datetimes
    assert sorted(datetimes) == sorted(str(event["date"]) for event in expected)
    by_id = {event["id"]: event for event in expected}
    for event in events:
        heading = event.cssselect("h2")[0]
        record = by_id[heading.get("id")]
        assert event.cssselect("time")[0].get("datetime") == str(record["date"])
        assert " ".join(heading.text_content().split()) == record["title"][lang]


@pytest.mark.parametrize("lang, day, month, span, months", [
    ("hi", "2 नवंबर 2023", "नवंबर 2023", "8–9 जनवरी 2026", "मार्च–जुलाई 2023"),
    ("en", "2 November 2023", "November 2023", "8–9 January 2026", "March–July 2023")])
def test_dates_are_written_the_way_each_language_writes_them(page, lang, day, month, span, months):
    times = {time.get("datetime"): time.text_content() for time in page(lang, "timeline/").article.cssselect("ol time")}
    assert times["2023-11-02"] == day
    assert times["2023-11"] == month
    assert times["2023-03"] == months
    # A span of days in one month, which the timeline has none of today.
    assert hook("records").Date(datetime.date(2026, 1, 8), "day", datetime.date(2026, 1, 9)).label(lang) == span


@pytest.mark.parametrize("lang", LANGUAGES)
def test_dates_show_no_more_precision_than_is_known(page, lang):
    ends = {str(event["date"]): str(event["end"]) for event in data("timeline") if "end" in event}
    for time in page(lang, "timeline/").article.cssselect("ol time"):
        value, label = time.get("datetime"), time.text_content()
        numbers = re.findall(r"\d+", label)
        if value in ends and value.count("-") == 2:  # a span of days in one month: both days and the year
            assert numbers == [str(int(value[8:])), str(int(ends[value][8:])), value[:4]], label
        elif value in ends:  # a span of months in one year: the year once
            assert numbers == [value[:4]], label
        elif value.count("-") == 2:  # day: the day and the year, the month as a word
            assert numbers == [str(int(value[8:])), value[:4]], label
        else:  # month or year: only the year
            assert numbers == [value[:4]], label
        if value.count("-") == 0:
            assert label == value


def test_each_event_has_its_sources_and_the_section_that_discusses_it(pages, page):
    present = anchors(pages)
    for lang in LANGUAGES:
        timeline = page(lang, "timeline/")
        for event in timeline.article.cssselect("ol.timeline > li"):
            record = next(e for e in data("timeline") if e["id"] == event.cssselect("h2")[0].get("id"))
            cited = {target(timeline, a.get("href"))[1] for a in event.cssselect("sup.cite a")}
            assert {f"ref-{ref}" for ref in record["refs"]} <= cited
            path, fragment = target(timeline, event.cssselect(".timeline__section a")[0].get("href"))
            assert path == LANGUAGES[lang] + record["section"].replace(".md#", "/#").split("#")[0]
            assert fragment == record["section"].split("#")[1] and fragment in present[path]


def reference_number(id: str) -> int:
    return [ref["id"] for ref in ordered_references()].index(id) + 1


def ordered_references() -> list[dict]:
    groups = ["article", "primary", "press"]
    return sorted(data("references"), key=lambda ref: groups.index(ref["group"]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_references_page_lists_the_article_sources_in_order_then_the_added_ones(page, lang):
    items = page(lang, "references/").article.cssselect("ol.references > li")
    assert [item.get("id") for item in items] == [f"ref-{ref['id']}" for ref in ordered_references()]
    assert [int(item.get("value")) for item in items] == list(range(1, len(items) + 1))
    article_urls = [re.search(r"\((https://.+?)\)", text).group(1) for kind, text in source_blocks() if kind == "source"]
    assert [item.cssselect("a")[0].get("href") for item in items[:9]] == article_urls
    sections = page(lang, "references/").article.cssselect("h2")
    assert [h.get("id") for h in sections] == ["article-sources", "primary-documents", "press-reports"]


LANGUAGE_NAMES = {"hi": {"en": "भाषा: अंग्रेज़ी", "zh": "भाषा: चीनी"}, "en": {"en": "Language: English", "zh": "Language: Chinese"}}
DESCRIPTIVE = {"hi": "(शीर्षक इस साइट का दिया हुआ", "en": "(title supplied by this site"}


def shown_title(ref: dict, lang: str) -> str:
    """A reference's title as a reader sees it: a descriptive title in brackets and said to be
    the site's; a title in another language with its translation."""
    if ref.get("descriptive"):
        return f"[{ref['title'][lang]}] {DESCRIPTIVE[lang]}"
    return ref["title"] + (f" (“{ref['translation'][lang]}”)" if "translation" in ref else "")


def test_every_reference_shows_publisher_title_url_language_and_known_date(page):
    for lang in LANGUAGES:
        items = {item.get("id"): item for item in page(lang, "references/").article.cssselect("ol.references > li")}
        for ref in data("references"):
            item = items[f"ref-{ref['id']}"]
            text = " ".join(item.text_content().split())
            assert text.startswith(f"{named(ref, lang)}: {shown_title(ref, lang)}"), text
            assert item.cssselect("a")[0].get("href") == ref["url"]
            assert item.cssselect("a")[0].get("hreflang") == ref["language"]
            assert LANGUAGE_NAMES[lang][ref["language"]] in text
            dates = item.cssselect("time")
            assert [t.get("datetime") for t in dates] == ([str(ref["date"])] if "date" in ref else [])


def citations(pages) -> list[tuple[str, str, str, str]]:
    """(page url, section id, reference id, number shown) for every citation on every page."""
    found = []
    for page in pages:
        section = None
        for el in page.article.iter("h1", "h2", "h3", "sup"):
            if el.tag != "sup":
                section = el.get("id")
                continue
            for link in el.cssselect("a"):
                path, fragment = target(page, link.get("href"))
                assert path == LANGUAGES[page.lang] + "references/", link.get("href")
                found.append((page.url, section, fragment.removeprefix("ref-"), link.text_content()))
    return found


def test_titles_in_another_language_carry_a_translation_and_descriptive_titles_say_so(page):
    for ref in data("references"):
        if ref["language"] not in LANGUAGES:
            assert ref.get("descriptive") or ref.get("translation"), ref["id"]
    for lang in LANGUAGES:
        titles = [" ".join(item.text_content().split()) for item in page(lang, "references/").article.cssselect("ol.references > li")]
        assert not any("News item" in title or "| Frontline" in title for title in titles)
        assert sum(DESCRIPTIVE[lang] in title for title in titles) == sum(bool(ref.get("descriptive")) for ref in data("references"))


def test_citation_numbers_match_the_references_page(pages, page):
    for lang in LANGUAGES:
        numbers = {item.get("id").removeprefix("ref-"): item.get("value")
                   for item in page(lang, "references/").article.cssselect("ol.references > li")}
        cited = citations(p for p in pages if p.lang == lang)
        assert cited
        for url, _, ref, number in cited:
            assert numbers[ref] == number, (url, ref)


def test_every_claim_bearing_paragraph_of_the_article_cites_the_same_sources_in_both_languages(page):
    for slug in ARTICLE_SLUGS:
        per_lang = {}
        for lang in LANGUAGES:
            per_lang[lang] = [[a.text_content() for a in p.cssselect("sup.cite a")]
                              for p in page(lang, slug).article.cssselect("p") if p.cssselect("sup.cite")]
        assert per_lang["hi"] == per_lang["en"] and per_lang["hi"], slug


def test_cited_in_links_back_to_each_citing_section_and_only_those(pages, page):
    present = anchors(pages)
    for lang in LANGUAGES:
        references = page(lang, "references/")
        expected = {}
        # The changes cite the sources of each correction: not where a source is "cited in".
        for url, section, ref, _ in citations(p for p in pages if p.lang == lang and p.slug not in ("references/", "changes/")):
            expected.setdefault(ref, [])
            if (url, section) not in expected[ref]:
                expected[ref].append((url, section))
        for item in references.article.cssselect("ol.references > li"):
            ref = item.get("id").removeprefix("ref-")
            links = [target(references, a.get("href")) for a in item.cssselect(".references__cited a")]
            assert sorted(links) == sorted(expected.get(ref, [])), ref
            assert all(fragment in present[path] for path, fragment in links)
            general = next(r.get("general", False) for r in data("references") if r["id"] == ref)
            assert links or general, f"{ref} is cited nowhere and not marked general"
