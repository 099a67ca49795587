"""A living publication: the changes as data and as a page, the feeds, a way to report an error
from every page, the licence, and an archived copy beside every source."""

from __future__ import annotations

import datetime
import json
from urllib.parse import parse_qs, urljoin, urlsplit

import feedparser
import lxml.html
import pytest
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT, build, edit, site_url

from tools import layout

DATA = ROOT / "data"
CHANGES = yaml.safe_load((DATA / "changes.yml").read_text(encoding="utf-8"))
SINCE = yaml.safe_load((DATA / "since.yml").read_text(encoding="utf-8"))["found"]
REFERENCES = yaml.safe_load((DATA / "references.yml").read_text(encoding="utf-8"))
CONFIG = layout.config()
CHECKED = CONFIG.extra["checked"]
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def words(element) -> str:
    return " ".join(element.text_content().split())


def shown(text: str) -> str:
    """A data text as a reader sees it (these hold no markup)."""
    return " ".join(text.split())


def newest_first(changes: list[dict]) -> list[dict]:
    return sorted(changes, key=lambda change: change["date"], reverse=True)


def slug_of(place: str) -> str:
    """'reasons.md#compute' -> 'reasons/', 'index.md' -> ''."""
    name = place.split("#")[0].removesuffix(".md")
    return "" if name == "index" else f"{name}/"


def touches(change: dict, slug: str) -> bool:
    return any(slug_of(place) == slug for place in change["pages"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_changes_page_lists_every_change_newest_first_with_its_date_kind_why_and_places(page, lang):
    changes = page(lang, "changes/")
    entries = changes.article.cssselect("ol.changes > li")
    expected = newest_first(CHANGES)
    assert [entry.cssselect("h2")[0].get("id") for entry in entries] == [change["id"] for change in expected]
    for entry, change in zip(entries, expected, strict=True):
        assert words(entry.cssselect("h2")[0]) == shown(change["what"][lang])
        assert entry.cssselect(".changes__date time")[0].get("datetime") == change["date"]
        assert shown(change["why"][lang]) in words(entry)
        places = [urljoin("/" + changes.url, a.get("href")) for a in entry.cssselect(".changes__places a")]
        assert len(places) == len(change["pages"])
        cited = {a.get("href").split("#ref-")[1] for a in entry.cssselect("sup.cite a")}
        assert cited == set(change.get("refs", []))


def test_every_page_links_the_changes_and_shows_its_own_latest_change(page, pages):
    for current in pages:
        footer = current.tree.cssselect(".md-copyright__links a")
        assert any(urljoin("/" + current.url, a.get("href")) == "/" + LANGUAGES[current.lang] + "changes/" for a in footer), current.url
    for lang in LANGUAGES:
        for slug in ARTICLE_SLUGS + ["timeline/", ""]:
            latest = next(change for change in newest_first(CHANGES) if touches(change, slug))
            line = page(lang, slug).article.cssselect(".origin, .timeline__checked, .facts__intro")[0]
            link = line.cssselect("a[href*='changes/#']")[-1]
            assert link.get("href").endswith(f"changes/#{latest['id']}"), (lang, slug)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_article_page_s_data_names_its_corrections_its_latest_change_and_its_licence(page, lang):
    """… and, where the licence is, the article's origin, as the footer says it."""
    for slug in ARTICLE_SLUGS:
        (article,) = [data for data in page(lang, slug).structured if data.get("@type") == "Article"]
        (origin,) = page(lang, slug).tree.cssselect(".md-copyright__highlight")
        assert article["creditText"] == words(origin) and {"hi": "अज्ञात लेखक", "en": "unknown author"}[lang] in words(origin)
        mine = [change for change in newest_first(CHANGES) if touches(change, slug)]
        assert article["dateModified"] == mine[0]["date"]
        assert article["correction"] == [
            {"@type": "CorrectionComment", "datePublished": change["date"], "text": shown(change["what"][lang])}
            for change in mine if change["kind"] == "correction"]
        assert article["license"] == LICENCE


def alternate(entry) -> str:
    (link,) = [link.href for link in entry.links if link.rel == "alternate"]
    return link


def feed(site, lang: str):
    return feedparser.parse((site / LANGUAGES[lang] / "feed.xml").read_bytes())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_an_atom_feed_of_its_changes_and_findings_announced_by_every_page(site, pages, lang):
    parsed = feed(site, lang)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10" and parsed.feed.language == lang
    entries = parsed.entries
    assert len(entries) == len(CHANGES) + len(SINCE) == len({entry.id for entry in entries})
    dates = [entry.updated_parsed[:3] for entry in entries]
    assert dates == sorted(dates, reverse=True)
    by_id = {entry.id.rsplit(":", 1)[1]: entry for entry in entries}
    for change in CHANGES:
        entry = by_id[f"01ai-rise-and-fall/{lang}/changes/{change['id']}"]
        assert entry.title == shown(change["what"][lang]) and entry.summary == shown(change["why"][lang])
        assert entry.updated.startswith(change["date"])
        heading = change["pages"][0].partition("#")[2]
        assert alternate(entry) == site_url() + LANGUAGES[lang] + slug_of(change["pages"][0]) + (f"#{heading}" if heading else "")
    for finding in SINCE:
        entry = by_id[f"01ai-rise-and-fall/{lang}/since/{finding['id']}"]
        assert alternate(entry) == site_url() + LANGUAGES[lang] + "outlook/#since" and entry.updated.startswith(finding["updated"])
    for current in (p for p in pages if p.lang == lang):
        links = current.tree.xpath("//head/link[@type='application/atom+xml']")
        assert len(links) == 1 and "alternate" in links[0].get("rel").split(), current.url
        assert urljoin(site_url() + current.url, links[0].get("href")) == site_url() + LANGUAGES[lang] + "feed.xml"


def test_a_change_added_to_the_data_reaches_its_page_the_feed_and_the_article_data(project):
    edit(project / "data" / "changes.yml", "- id: published\n", """- id: lightning-price
  date: "2026-12-02"
  kind: correction
  pages: [reasons.md#market]
  what:
    hi: नई जाँच
    en: A new check
  why:
    hi: कारण
    en: The reason
  refs: [36kr]

- id: published
""")
    site = project / "site"
    result = build(site, project)
    assert result.returncode == 0, result.stderr
    for lang, prefix in LANGUAGES.items():
        changes = lxml.html.fromstring((site / prefix / "changes" / "index.html").read_text(encoding="utf-8"))
        assert changes.get_element_by_id("lightning-price") is not None
        entries = feedparser.parse((site / prefix / "feed.xml").read_bytes()).entries
        assert any(entry.id.endswith("/changes/lightning-price") for entry in entries)
        reasons = lxml.html.fromstring((site / prefix / "reasons" / "index.html").read_text(encoding="utf-8"))
        article = next(data for data in map(json.loads, reasons.xpath("//script[@type='application/ld+json']/text()"))
                       if data.get("@type") == "Article")
        assert {"@type": "CorrectionComment", "datePublished": "2026-12-02",
                "text": {"hi": "नई जाँच", "en": "A new check"}[lang]} in article["correction"]


def test_every_page_s_report_link_opens_the_issue_form_with_its_own_address(pages):
    form = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "report-an-error.yml").read_text(encoding="utf-8"))
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) == {"page", "what", "source"} and fields["page"]["validations"]["required"]
    for current in pages:
        (link,) = [a for a in current.tree.cssselect(".md-copyright__links a") if "/issues/new" in a.get("href")]
        address = urlsplit(link.get("href"))
        assert f"{address.scheme}://{address.netloc}{address.path}" == CONFIG.repo_url + "/issues/new", current.url
        query = parse_qs(address.query)
        assert query == {"template": ["report-an-error.yml"], "page": [site_url() + current.url]}, current.url
        assert words(link) == {"hi": "ग़लती बताएँ", "en": "Report an error"}[current.lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_for_a_missing_address_reports_its_language_s_home(site, lang):
    """It has no address of its own (any missing address shows it): its home, in its language."""
    tree = lxml.html.fromstring((site / LANGUAGES[lang] / "404.html").read_bytes())
    (link,) = [a for a in tree.cssselect(".md-copyright__links a") if "/issues/new" in a.get("href")]
    assert parse_qs(urlsplit(link.get("href")).query)["page"] == [site_url() + LANGUAGES[lang]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_about_page_says_how_errors_are_corrected_and_under_which_licence(page, lang):
    about = page(lang, "about/").tree
    corrections = words(about.get_element_by_id("corrections").getnext())
    assert {"hi": "ग़लती बताएँ", "en": "Report an error"}[lang] in corrections
    licence = about.get_element_by_id("licence").getnext()
    assert [a.get("href") for a in licence.cssselect("a")] == [LICENCE]
    assert {"hi": "अज्ञात लेखक", "en": "unknown author"}[lang] in words(licence)
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_the_json_downloads_state_the_licence(site, page):
    for name in ("timeline", "notes"):
        assert json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))["license"] == LICENCE
    # CSL-JSON is a bare list of items (its "license" would be a source's own): the page that offers it says it
    for lang in LANGUAGES:
        offered = [p for p in page(lang, "references/").article.cssselect("p")
                   if any(a.get("href", "").endswith("data/references.json") for a in p.cssselect("a"))]
        assert len(offered) == 1 and "CC BY 4.0" in words(offered[0])
        assert [a.get("href").split("#")[-1] for a in offered[0].cssselect("a")][-1] == "licence"


def archived(ref: dict) -> str:
    read = datetime.date.fromisoformat(ref["read"]) if "read" in ref else CHECKED
    return ref.get("archived") or f"https://web.archive.org/web/{read:%Y%m%d}/{ref['url']}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_source_has_an_archived_copy_on_the_references_page_in_its_preview_and_in_csl(site, page, lang):
    references = page(lang, "references/").tree
    previews = lxml.html.fromstring((site / LANGUAGES[lang] / "references" / "sources.html").read_text(encoding="utf-8"))
    csl = {item["id"]: item for item in json.loads((site / "data" / "references.json").read_text(encoding="utf-8"))}
    label = {"hi": "संग्रहीत प्रति", "en": "archived copy"}[lang]
    for ref in REFERENCES:
        for where in (references.get_element_by_id(f"ref-{ref['id']}"), previews.get_element_by_id(f"source-{ref['id']}")):
            assert [a.get("href") for a in where.cssselect("a") if words(a) == label] == [archived(ref)], ref["id"]
        assert csl[ref["id"]]["archive_location"] == archived(ref) and csl[ref["id"]]["archive"] == "Internet Archive"
