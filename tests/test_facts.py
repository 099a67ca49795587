"""How old the facts are, and the same fact everywhere: every "checked" date comes from one
setting, "Since the article" says what was found after it (and what was not), the fact box gives
each figure its time and source, and a fact stated in several places reads the same in each."""

from __future__ import annotations

import re

import lxml.html
import pytest
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT, SLUGS, build, edit, hook

from tools import layout

DATA = ROOT / "data"
CHECKED = layout.config().extra["checked"]
MID_2025 = "2025-06"


def data(name: str):
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def _records():
    return hook("records")


def readable(element) -> str:
    """An element's text as a reader reads it, without its citation numbers."""
    element = lxml.html.fromstring(lxml.html.tostring(element))
    for sup in element.cssselect("sup.cite"):
        sup.drop_tree()
    return re.sub(r"\s+([।.,;:])", r"\1", " ".join(element.text_content().split()))


def checked_times(tree) -> list:
    return tree.cssselect("time.checked")


def since_urls() -> set[str]:
    """The addresses of the fact sheet's section on what happened since the article."""
    sheet = (ROOT / "source" / "facts.md").read_text(encoding="utf-8")
    section = sheet.split("## Since the article", 1)[1]
    return set(re.findall(r"^\|.*\| (https://\S+) \|", section, re.M))


# ---- Every date in its place ----

def test_every_checked_date_shown_is_the_setting(pages):
    """Each article page near its title, the fact box, "Since the article", the timeline and the
    about page say when the facts were checked, as extra.checked says, and nothing else does."""
    for current in pages:
        times = checked_times(current.tree)
        for time in times:
            assert time.get("datetime") == CHECKED.isoformat(), current.url
            assert time.text_content() == _records().Date(CHECKED, "day").label(current.lang), current.url
        if current.slug in ARTICLE_SLUGS:
            origin = current.article.cssselect("p.origin")[0]
            assert origin.cssselect("time.checked"), current.url
        if current.slug in ("", "timeline/", "about/"):
            assert times, current.url
        stale = [t.get("datetime") for t in current.article.cssselect("time")  # but the changes' own dates
                 if t.get("datetime", "").startswith("2026-11") and "checked" not in (t.get("class") or "")
                 and current.slug != "changes/"]
        assert not stale, (current.url, stale)
    for current in pages:
        for block in current.structured:
            for review in block.get("@graph", []):
                assert review["datePublished"] == CHECKED.isoformat(), current.url


def test_a_new_checked_date_changes_every_place_that_shows_it(project):
    edit(project / "mkdocs.yml", f"checked: {CHECKED.isoformat()}", "checked: 2026-12-24")
    site = project / "site"
    result = build(site, project)
    assert result.returncode == 0, result.stderr
    for prefix in LANGUAGES.values():
        for slug in SLUGS:
            html = (site / prefix / slug / "index.html").read_text(encoding="utf-8")
            tree = lxml.html.fromstring(html)
            assert all(t.get("datetime") == "2026-12-24" for t in checked_times(tree)), prefix + slug
            # The changes have dates of their own, the day of a change and of a check may be one.
            assert not [t for t in tree.cssselect("time") if t.get("datetime") == CHECKED.isoformat()
                        and not t.xpath("ancestor::*[@class='changes__date']")], prefix + slug
            reviews = [item for block in tree.xpath("//script[@type='application/ld+json']")
                       for item in yaml.safe_load(block.text).get("@graph", [])]
            assert all(review["datePublished"] == "2026-12-24" for review in reviews), prefix + slug


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_status_page_says_the_article_is_of_mid_2025_and_what_was_found_since(page, lang):
    outlook = page(lang, "outlook/").article
    assert {"hi": "मध्य-2025", "en": "mid-2025"}[lang] in readable(outlook.cssselect("p.origin")[0])
    heading = outlook.cssselect("h2#since")[0]
    box = heading.getnext()
    assert "since" in box.get("class").split() and box.cssselect("time.checked")
    assert {"hi": "मध्य-2025", "en": "mid-2025"}[lang] in readable(box)
    references = {ref["id"]: ref["url"] for ref in data("references")}
    cited = {references[a.get("href").split("#ref-")[1]] for a in box.cssselect("sup.cite a")}
    assert len(cited & since_urls()) >= 4
    absent = {"hi": "हमें 01.AI के लिए ये नहीं मिले", "en": "did we find, for 01.AI"}[lang]
    assert absent in readable(box)


def test_every_event_after_mid_2025_cites_a_source_from_the_new_check():
    references = {ref["id"]: ref["url"] for ref in data("references")}
    later = [event for event in data("timeline") if str(event["date"]) >= MID_2025]
    assert len(later) >= 3
    for event in later:
        texts = " ".join(event.get("text", {}).values())
        cited = set(event["refs"]) | set(re.findall(r"@([a-z0-9-]+)", texts))
        assert {references[id] for id in cited} & since_urls(), event["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_timeline_says_up_to_when_it_was_checked(page, lang):
    timeline = page(lang, "timeline/").article
    assert timeline.cssselect("p.timeline__checked time.checked")


# ---- The fact box ----

@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_fact_box_gives_each_figure_its_time_and_its_source(page, lang):
    box = page(lang, "").article.cssselect(".facts")[0]
    assert box.cssselect(".facts__intro time.checked")
    rows = dict(zip([readable(dt) for dt in box.cssselect("dt")], box.cssselect("dd"), strict=True))
    facts = [fact for fact in data("facts") if "label" in fact]
    assert len(rows) == len(facts)
    for fact in facts:
        row = next(text for text in rows if text.startswith(fact["label"][lang]))
        assert rows[row].cssselect("sup.cite a"), fact["id"]
        if "date" in fact:
            assert str(fact["date"])[:4] in row, row  # the valuation of 2023, the revenue of 2024
    assert any(str(fact.get("date", "")).startswith("2023") and fact["id"] == "valuation" for fact in facts)
    assert any(str(fact.get("date", "")).startswith("2024") and fact["id"] == "revenue" for fact in facts)


# ---- One record for each fact ----

def test_a_fact_reads_the_same_on_the_home_page_in_the_notes_and_on_the_timeline(page):
    facts = {fact["id"]: fact for fact in data("facts")}
    places = {fact: 0 for fact in facts}
    for lang in LANGUAGES:
        home = {fact["id"]: readable(dd) for fact, dd in
                zip([f for f in facts.values() if "label" in f], page(lang, "").article.cssselect(".facts dd"), strict=True)}
        for note in data("notes"):
            if "fact" not in note:
                continue
            box = page(lang, note["page"].replace(".md", "/")).article
            points = [readable(p) for p in box.cssselect("div.editor li, div.editor p:not(.admonition-title)")]
            expected = home.get(note["fact"]) or fact_text(note["fact"], lang, page)
            assert any(point.endswith(expected) for point in points), (note["id"], expected)
            places[note["fact"]] += 1
        timeline = page(lang, "timeline/").article
        for event in data("timeline"):
            if "fact" not in event:
                continue
            item = timeline.cssselect(f"#{event['id']}")[0].getparent()
            expected = home.get(event["fact"]) or fact_text(event["fact"], lang, page)
            assert expected in readable(item), (event["id"], expected)
            places[event["fact"]] += 1
    # The founding date, the revenue and the team move are each stated in more than one place.
    for fact in ("founding", "revenue", "team-move"):
        assert places[fact] + ("label" in facts[fact]) * len(LANGUAGES) >= 2 * len(LANGUAGES), fact


def fact_text(fact: str, lang: str, page) -> str:
    """A fact without a row in the fact box, as its first event on the timeline reads it."""
    event = next(event for event in data("timeline") if event.get("fact") == fact)
    item = page(lang, "timeline/").article.cssselect(f"#{event['id']}")[0].getparent()
    paragraph = item.cssselect("p:not(.timeline__date):not(.timeline__section):not(.timeline__support)")[0]
    return readable(paragraph)


def test_the_site_states_one_revenue_figure_and_no_founding_month_without_a_source():
    own = "\n".join([(DATA / name).read_text(encoding="utf-8") for name in ("facts.yml", "timeline.yml", "notes.yml")]
                    + [(ROOT / "docs" / name).read_text(encoding="utf-8").split("---", 2)[1] for name in ("index.md", "index.en.md")])
    assert "13.8" not in own and "13.7" in own
    assert "Bloomberg (5" not in own  # a source named for a date must be one the site cites


def test_github_addresses_of_a_files_text_are_pinned_to_a_commit():
    for ref in data("references"):
        found = re.match(r"https://github\.com/[^/]+/[^/]+/(blob|tree)/([^/]+)/", ref["url"])
        if found:
            assert re.fullmatch(r"[0-9a-f]{40}", found.group(2)), ref["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite_this_page_says_when_it_was_updated(page, lang):
    for slug in ARTICLE_SLUGS:
        plain = page(lang, slug).article.cssselect(".cite-this__plain")[0].text_content()
        assert _records().Date(CHECKED, "day").label(lang) in plain, slug
