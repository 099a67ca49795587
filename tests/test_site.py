"""The bilingual site as built: pages, languages, navigation, headings, switcher, 404, privacy."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import LANGUAGES, ROOT, SLUGS, site_base

DEVANAGARI = re.compile(r"[\u0900-\u097F]")
LOADING = {  # elements that make the browser fetch something, and the attribute that says what
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "object": "data", "link": "href",
}
NOT_LOADED_LINKS = {"canonical", "alternate", "prev", "next"}


def resolve(page, href: str) -> str:
    """Where a link on the page leads, as a path of the published site."""
    return urljoin(site_base() + page.url, href)


def path(lang: str, slug: str) -> str:
    return site_base() + LANGUAGES[lang] + slug


def chrome(page):
    """The page without its article: header, navigation, search, footer."""
    tree = page.tree
    for removed in tree.cssselect("article.md-content__inner, script, .md-select"):
        removed.getparent().remove(removed)
    return tree


def chrome_labels(page) -> list[str]:
    """Every text and every aria-label, title and placeholder the theme shows around the article."""
    tree = chrome(page)
    labels = [" ".join(el.text_content().split()) for el in tree.cssselect(
        "body a, body label, body button, .md-nav__title, .md-footer__direction, .md-search-result__meta")]
    labels += [el.get(name) for el in tree.iter() if isinstance(el.tag, str)
               for name in ("aria-label", "title", "placeholder") if el.get(name)]
    labels.append(tree.findtext(".//title"))
    return [label for label in labels if label and label.strip()]


def test_every_page_exists_in_both_languages_with_its_language(pages):
    assert len(pages) == len(LANGUAGES) * len(SLUGS)
    for page in pages:
        assert page.tree.get("lang") == page.lang, page.url


def test_english_pages_show_no_hindi_label(pages):
    for page in (p for p in pages if p.lang == "en"):
        leaks = [label for label in chrome_labels(page) if DEVANAGARI.search(label)]
        assert not leaks, f"/{page.url}: Hindi labels on an English page: {leaks}"


def test_hindi_pages_show_no_english_label(pages):
    for page in (p for p in pages if p.lang == "hi"):
        leaks = [label for label in chrome_labels(page)
                 if not DEVANAGARI.search(label) and re.search(r"[A-Za-z]{3,}", label)]
        assert not leaks, f"/{page.url}: English labels on a Hindi page: {leaks}"


def test_navigation_lists_every_page_in_the_reading_order(pages):
    for page in pages:
        targets = [resolve(page, a.get("href")) for a in page.tree.cssselect(
            "nav.md-nav--primary > ul > li > a.md-nav__link")]
        expected = [path(page.lang, slug) for slug in SLUGS if slug != page.slug]
        assert [t for t in targets if t != path(page.lang, page.slug)] == expected, page.url


def test_headings_have_ascii_ids_shared_by_both_languages(page):
    for slug in SLUGS:
        ids = {}
        for lang in LANGUAGES:
            headings = page(lang, slug).tree.cssselect("h1, h2, h3, h4, h5, h6")
            ids[lang] = [h.get("id") for h in headings if not h.xpath("ancestor::nav")]
            assert all(id and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", id) for id in ids[lang]), (lang, slug, ids[lang])
        assert ids["hi"] == ids["en"], slug


def test_reasons_have_their_named_ids(page):
    for lang in LANGUAGES:
        ids = [h.get("id") for h in page(lang, "reasons/").article.cssselect("h2")]
        assert ids == ["credibility", "compute", "competition", "pivot", "market"]


def test_heading_levels_never_skip(pages):
    for page in pages:
        levels = [int(h.tag[1]) for h in page.tree.cssselect("h1, h2, h3, h4, h5, h6")
                  if not h.xpath("ancestor::nav")]
        assert levels[0] == 1 and levels.count(1) == 1, page.url
        for previous, level in zip(levels, levels[1:], strict=False):
            assert level <= previous + 1, f"/{page.url}: h{previous} followed by h{level}"


def test_every_heading_in_the_sources_has_an_explicit_id():
    for source in sorted((ROOT / "docs").glob("*.md")):
        for line in source.read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                assert re.search(r"\{ #[a-z0-9-]+ \}$", line), f"{source.name}: {line}"


def test_sources_are_nfc_normalised():
    for source in sorted([*(ROOT / "docs").glob("*.md"), *(ROOT / "data").glob("*.yml")]):
        assert unicodedata.is_normalized("NFC", source.read_text(encoding="utf-8")), source.name


def test_language_switcher_leads_to_the_same_page_in_the_other_language(pages):
    for page in pages:
        for link in page.tree.cssselect(".md-select__link[hreflang]"):
            target = resolve(page, link.get("href"))
            assert target == path(link.get("hreflang"), page.slug), (page.url, target)
            assert link.get("lang") == link.get("hreflang")


def test_every_page_has_its_own_description_in_its_language(pages):
    seen = set()
    for page in pages:
        description = page.tree.cssselect('meta[name="description"]')[0].get("content")
        assert description and description not in seen, page.url
        assert bool(DEVANAGARI.search(description)) == (page.lang == "hi"), page.url
        seen.add(description)


def test_nothing_loads_from_another_host(site):
    for file in sorted([*site.rglob("*.html"), *site.rglob("*.css")]):
        text = file.read_text(encoding="utf-8")
        if file.suffix == ".css":
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(r"@import\s+['\"]([^'\"]+)", text)
        else:
            import lxml.html
            tree = lxml.html.fromstring(text)
            urls = []
            for tag, attribute in LOADING.items():
                for el in tree.iter(tag):
                    if tag == "link" and set((el.get("rel") or "").split()) & NOT_LOADED_LINKS:
                        continue
                    if tag == "link" and el.get("itemprop") and not el.get("rel"):  # a microdata address: never fetched
                        continue
                    urls += [el.get(attribute)] if el.get(attribute) else []
                    urls += [part.split()[0] for part in (el.get("srcset") or "").split(",") if part.strip()]
            urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", " ".join(tree.xpath("//@style | //style/text()")))
        foreign = [url for url in urls if urlsplit(url).netloc or url.startswith("//")]
        assert not foreign, f"{file.relative_to(site)} loads from another host: {foreign}"


def test_a_404_page_for_each_language_saying_it_in_both(site):
    """404.html (which GitHub Pages serves for every missing address) in Hindi, en/404.html (which
    its script shows under /en/) in English; each says it in the other language too."""
    import lxml.html

    for name, lang, first, other in [("404.html", "hi", "पृष्ठ नहीं मिला", "en"), ("en/404.html", "en", "Page not found", "hi")]:
        tree = lxml.html.fromstring((site / name).read_text(encoding="utf-8"))
        assert tree.get("lang") == lang
        heading = tree.cssselect("article h1")[0].text_content()
        assert heading.startswith(first) and ("Page not found" in heading) and DEVANAGARI.search(heading), name
        assert tree.cssselect(f'article h1 [lang="{other}"]') and tree.cssselect(f'article p[lang="{other}"] a'), name
        # Served for any missing URL at any depth: its assets must not be relative.
        for href in tree.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
            assert href.startswith("/"), (name, href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_has_hero_figures_and_a_way_into_every_page(page, lang):
    home = page(lang, "")
    tree = home.tree
    assert tree.cssselect(".hero h1") and tree.cssselect(".hero .hero__lede")[0].text_content().strip()
    assert len(tree.cssselect(".facts dt")) >= 5 and len(tree.cssselect(".facts dd")) == len(tree.cssselect(".facts dt"))
    targets = {resolve(home, a.get("href")) for a in tree.cssselect(".entry-points a")}
    assert targets == {path(lang, slug) for slug in SLUGS if slug}
    for card in tree.cssselect(".entry-points a"):
        assert card.cssselect("span")[0].text_content().strip(), "each entry point says what the page holds"


def test_about_page_is_linked_from_every_footer(pages):
    for page in pages:
        links = page.tree.cssselect(".md-footer .md-copyright__links a")
        assert links, page.url
        assert resolve(page, links[0].get("href")) == path(page.lang, "about/")
