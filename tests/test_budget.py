"""The byte budget of every page, measured in Chromium from what the page loads (served gzip).

Without any user action a page loads at most 25 KB, of which at most 20 KB is render-critical
(the document, its stylesheets, fonts and parser-blocking scripts), as ./dev bench holds them
too, but the Hindi reasons and timeline, whose text needs more (OVER_BUDGET: each its own,
named); never Lunr's Thai word-cutter, and a web font only as a Devanagari subset. A reader's
first search then loads at most 80.8 KB more:
what it cost before search learnt Hindi typed in Latin letters and misspellings (70.3 KB at most,
measured on the Hindi home page) and 15 % more. What the site's service worker fetches once a
page has loaded, to keep it for reading offline, is not the page's load (tools/pageload.py counts
it apart; tests/test_offline.py holds it to what a page needs offline). Times are for the
benchmark (./dev bench), not for tests.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import LANGUAGES, SLUGS

from tools.pageload import measure, search

TOTAL_BUDGET = 25_000
CRITICAL_BUDGET = 20_000
FIRST_SEARCH_BUDGET = 80_800
# The pages whose own text is more than the budget leaves room for, each with its own (at load,
# render-critical) and what it carries; a decision to revisit, not a margin: each is held within
# 0.2 KB of what it weighed when it was set (4 December 2026), ./dev bench lists it as over.
OVER_BUDGET = {
    "reasons/": (26_800, 22_000, "eleven editor's notes, each with its sources' own words (1.3 KB compressed) and "
                                 "their Hindi translations"),
    "timeline/": (25_400, 20_600, "thirty events in Devanagari, 1.6 KB compressed more than the English timeline"),
}


def budget(path: str) -> tuple[int, int]:
    return OVER_BUDGET.get(path, (TOTAL_BUDGET, CRITICAL_BUDGET))[:2]


@pytest.fixture(scope="module")
def loads(browser, server):
    return {prefix + slug: measure(browser, server.url + prefix + slug)
            for prefix in LANGUAGES.values() for slug in SLUGS}


def describe(load) -> str:
    return "\n".join(f"  {r.size:>7} {r.kind:<10} {r.url}" for r in load.requests)


def test_every_page_loads_at_most_25_kb(loads):
    for path, load in loads.items():
        assert [r.kind for r in load.requests].count("document") == 1
        assert load.total <= budget(path)[0], f"/{path}: {load.total} bytes\n{describe(load)}"


def test_a_page_over_the_budget_needs_its_exception(loads):
    """An exception no longer needed goes: each page of OVER_BUDGET is over the common budget,
    and its English page, the same site around the other language's text, is not."""
    for path in OVER_BUDGET:
        load, english = loads[path], loads[LANGUAGES["en"] + path]
        assert load.total > TOTAL_BUDGET or load.critical_total > CRITICAL_BUDGET, path
        assert english.total <= TOTAL_BUDGET and english.critical_total <= CRITICAL_BUDGET, path


def test_every_page_has_at_most_20_kb_render_critical(loads):
    for path, load in loads.items():
        assert load.critical_total <= budget(path)[1], f"/{path}: {load.critical_total} bytes\n{describe(load)}"


def test_the_styles_of_what_material_s_script_adds_come_with_it(browser, server, loads):
    for path, load in loads.items():
        assert sorted(urlsplit(r.url).path.rsplit("/", 1)[-1] for r in load.requests if r.kind == "stylesheet") == \
            ["page.css", "print.css"], path
    searched = measure(browser, server.url, lambda tab: search(tab, "Yi"))
    assert [r.url for r in searched.requests if urlsplit(r.url).path.endswith("/assets/stylesheets/scripted.css")]


def test_no_word_cutter_and_no_font_but_a_devanagari_subset(loads):
    for path, load in loads.items():
        assert not [r.url for r in load.requests if "wordcut" in r.url or "/lunr/" in r.url], path
        fonts = [r.url for r in load.requests if r.kind == "font"]
        assert all("devanagari" in url.lower() for url in fonts), f"/{path}: {fonts}"


def test_search_fetches_its_text_when_the_reader_first_searches_and_only_their_language(browser, server):
    context = browser.new_context()
    sizes = []
    context.on("requestfinished", lambda request: request.response() and sizes.append(request.url))
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_load_state("networkidle")
    assert not [url for url in sizes if "search_documents" in url]
    search(page, "Yi")
    assert [url for url in sizes if url.endswith("/search/search_documents.json")]
    assert not [url for url in sizes if "/en/" in url]
    context.close()


@pytest.mark.parametrize("prefix", LANGUAGES.values())
def test_a_first_search_loads_at_most_80_8_kb_more(browser, server, loads, prefix):
    before = len(server.served)
    searched = measure(browser, server.url + prefix, lambda tab: search(tab, "Yi"))
    more = searched.total - loads[prefix].total
    assert more <= FIRST_SEARCH_BUDGET, f"/{prefix}: a first search loads {more} bytes\n{describe(searched)}"
    # What is counted is what the server sent: each file once (the service worker's own aside).
    served = [path for path, _, _ in server.served[before:]]
    counted = [urlsplit(request.url)._replace(scheme="", netloc="").geturl() for request in searched.requests]
    assert all(served.count(path) == 1 for path in counted), (counted, served)
