"""Shared, previewed, printed and reused: social cards, citation previews, the print edition and
the data downloads."""

from __future__ import annotations

import io
import json
import re

import lxml.html
import pytest
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT, SLUGS, Page, build, edit, hook, site_url
from mkdocs.exceptions import PluginError
from PIL import Image, ImageChops, ImageDraw, ImageFont

CSL_TYPES = {"article-newspaper", "article", "webpage", "post-weblog", "entry-encyclopedia"}


def meta(page) -> dict[str, str]:
    return {el.get("property") or el.get("name"): el.get("content") for el in page.tree.xpath("//head/meta[@content]")}


# ---- Social cards ----

def test_every_page_has_its_own_card_for_link_previews(pages, site):
    for page in pages:
        tags = meta(page)
        assert tags["og:image"] == site_url() + page.url + "card.png", page.url
        assert (tags["og:image:width"], tags["og:image:height"], tags["twitter:card"]) == ("1200", "630", "summary_large_image")
        title = " ".join(page.article.cssselect("h1")[0].text_content().split()) if page.slug else None
        assert tags["og:image:alt"] == (title or tags["og:site_name"]), page.url
        card = site / page.url / "card.png"
        assert card.stat().st_size <= 100_000, page.url
        with Image.open(card) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630))
    assert len({(site / page.url / "card.png").read_bytes() for page in pages}) == len(pages)  # each its own


def test_a_card_is_drawn_the_same_every_time_and_only_when_its_text_changes(tmp_path, monkeypatch):
    cards = hook("cards")
    assert cards.draw("01.AI और Yi मॉडल की पृष्ठभूमि", "01.AI का उदय और पतन", "hi") == \
        cards.draw("01.AI और Yi मॉडल की पृष्ठभूमि", "01.AI का उदय और पतन", "hi")
    monkeypatch.setattr(cards, "CACHE", tmp_path)
    drawn = []
    monkeypatch.setattr(cards, "draw", lambda *args: drawn.append(args) or b"png")
    first = cards.card("Title", "Site", "en")
    assert cards.card("Title", "Site", "en") == first and len(drawn) == 1
    assert cards.card("Another title", "Site", "en") != first and len(drawn) == 2


def test_a_cached_card_is_keyed_by_the_drawing_and_never_half_written(tmp_path, monkeypatch):
    """Another Pillow, Raqm, FriBiDi, HarfBuzz or FreeType (or other drawing code) draws the card
    again; a build interrupted while it writes a card leaves no card that a later build serves."""
    cards = hook("cards")
    monkeypatch.setattr(cards, "CACHE", tmp_path)
    monkeypatch.setattr(cards, "draw", lambda *args: b"png")
    first = cards.card("Title", "Site", "en")
    from PIL import features
    for library in ("raqm", "fribidi", "harfbuzz", "freetype2"):
        real = features.version
        monkeypatch.setattr(features, "version", lambda name, real=real, library=library:
                            "0.0.1" if name == library else real(name))
        cards.drawing_digest.cache_clear()
        assert cards.card("Title", "Site", "en") != first, library
        monkeypatch.setattr(features, "version", real)
    cards.drawing_digest.cache_clear()
    monkeypatch.setattr(cards.os, "replace", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        cards.card("Interrupted", "Site", "en")
    assert all(path.suffix == ".part" or path.name == first.name or path.read_bytes() == b"png"
               for path in tmp_path.iterdir())
    monkeypatch.undo()
    monkeypatch.setattr(cards, "CACHE", tmp_path)
    monkeypatch.setattr(cards, "draw", lambda *args: b"the whole card")
    assert cards.card("Interrupted", "Site", "en").read_bytes() == b"the whole card"


def test_cards_shape_devanagari_with_complex_text_layout():
    """Conjuncts and matras drawn by Raqm differ from the same letters set one by one."""
    cards = hook("cards")
    word = "पृष्ठभूमि क्षमता"

    def drawn(layout) -> Image.Image:
        image = Image.new("L", (600, 120), 0)
        font = ImageFont.truetype(str(cards.font_file()), 60, layout_engine=layout)
        ImageDraw.Draw(image).text((10, 10), word, font=font, fill=255)
        return image

    assert ImageChops.difference(drawn(ImageFont.Layout.RAQM), drawn(ImageFont.Layout.BASIC)).getbbox()
    card = Image.open(io.BytesIO(cards.draw(word, "01.AI का उदय और पतन", "hi")))
    assert card.size == (1200, 630)


def test_the_build_stops_clearly_without_complex_text_layout(monkeypatch):
    cards = hook("cards")
    from PIL import features
    monkeypatch.setattr(features, "check", lambda name: False)
    with pytest.raises(PluginError, match="Raqm"):
        cards.check_layout_engine()


# ---- Citations ----

@pytest.mark.parametrize("lang, word, words", [("hi", "स्रोत", "स्रोत"), ("en", "Source", "Sources")])
def test_each_citation_names_its_source_and_leads_to_it_without_popovers(site, page, lang, word, words):
    """One markup: each number a link to its references entry, named by its source; the group
    named by its numbers. The previews are not in the pages: one file for each language holds
    every source's (source-ID for #ref-ID), a popover with the source's language, its address and
    its entry on the references page beside it; a page's list of cited sources names that page."""
    references = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    by_id = {ref["id"]: ref for ref in references}
    previews = lxml.html.parse(str(site / LANGUAGES[lang] / "references" / "sources.html")).getroot()
    shown = previews.cssselect("body > div.source")
    assert sorted(div.get("id") for div in shown) == sorted(f"source-{id}" for id in by_id)
    assert [int(div.cssselect(".source__number")[0].text_content()) for div in shown] == list(range(1, len(shown) + 1))
    for slug in ARTICLE_SLUGS:
        article = page(lang, slug).article
        groups = article.cssselect("sup.cite")
        assert groups and not article.cssselect("sup.cite button")
        assert not article.cssselect(".source")  # no preview in the page itself
        (listed,) = article.cssselect(".cited-sources .cited-sources__all a")
        assert listed.get("href") == "../references/" and listed.text_content() == site_url() + LANGUAGES[lang] + "references/"
        for group in groups:
            links = group.cssselect("a.cite__link")
            assert group.get("role") == "group"
            said = words if len(links) > 1 else word
            assert group.get("aria-label") == f"{said} " + ", ".join(link.text_content() for link in links)
            for link in links:
                ref = by_id[link.get("href").split("#ref-")[1]]
                assert link.get("href").startswith("../references/#ref-")
                assert link.get("aria-label") == f"{word} {link.text_content()}: {ref['publisher']}"
                popover = previews.cssselect(f"#source-{ref['id']}")[0]
                assert popover.get("popover") is not None and popover.get("role") == "dialog"
                assert popover.cssselect(".source__number")[0].text_content() == link.text_content()
                assert popover.cssselect("cite")[0].get("lang") == (lang if ref.get("descriptive") else ref["language"])
                assert [a.get("href") for a in popover.cssselect(".source__links a")] == [ref["url"], f"./#ref-{ref['id']}"]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_citation_shows_its_source_beside_its_number_by_tap_and_by_keyboard(visitor, width):
    tab = visitor(width=width, touch=True)
    page = tab.open("reasons/")
    link = page.locator("a.cite__link").nth(3)
    link.scroll_into_view_if_needed()
    preview = page.locator("#source-" + link.get_attribute("href").split("#ref-")[1])
    link.tap()
    preview.locator(".source__open").wait_for()  # whole, once the language's previews have come
    assert page.url.endswith("/reasons/")  # shown in place; the reader stays
    assert link.get_attribute("aria-expanded") == "true"
    assert "स्रोत खोलें" in preview.inner_text() and "भाषा:" in preview.inner_text()
    assert preview.locator(".source__more a").evaluate("a => a.href") == link.evaluate("a => a.href")
    number, box = link.bounding_box(), preview.bounding_box()
    below, above = box["y"] - (number["y"] + number["height"]), number["y"] - (box["y"] + box["height"])
    assert -1 <= below <= 16 or -1 <= above <= 16, (number, box)  # beside its number, not mid-screen
    page.locator(".source:popover-open .source__close").tap()
    assert not preview.is_visible() and link.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Escape")
    page = visitor(width=width).open("en/reasons/")
    for key in ("Enter", " "):
        page.focus("a.cite__link")
        page.keyboard.press(key)
        preview = page.locator("#source-" + page.locator("a.cite__link").first.get_attribute("href").split("#ref-")[1])
        preview.locator(".source__open").wait_for()
        assert page.url.endswith("/en/reasons/"), key
        page.keyboard.press("Escape")
        assert not preview.is_visible(), key


def test_a_number_tapped_before_the_previews_have_come_shows_its_source_at_once_then_whole(visitor):
    """The previews come in one file with Material's script, at the reader's first move: tapped as
    the page's first touch, a number shows at once what the page knows (its number and the
    source's name), and the title and address when the file is there; the list is then in the
    order of the numbers. If the file cannot come, the number leads to the references."""
    tab = visitor(width=360, touch=True)
    held, released = [], []  # the file's requests: the page's, and, once it has loaded, the service worker's
    tab.context.route("**/references/sources.html", lambda route: route.continue_() if released else held.append(route))
    page = tab.open("reasons/")
    link = page.locator("a.cite__link").nth(3)
    link.scroll_into_view_if_needed()
    link.tap()
    preview = page.locator(".source:popover-open")
    number, name = link.inner_text(), link.get_attribute("aria-label").split(": ", 1)[1]
    assert preview.is_visible() and preview.inner_text().startswith(f"{number} {name}")
    assert not preview.locator(".source__open").count()
    for _ in range(100):  # the file was asked for at the tap, the page's first move
        if held:
            break
        page.wait_for_timeout(50)
    released.append(True)
    for route in held:
        route.continue_()
    preview.locator(".source__open").wait_for()
    assert preview.is_visible() and preview.locator(".source__close").count() == 1
    listed = page.eval_on_selector_all(".cited-sources .source__number", "numbers => numbers.map(n => +n.textContent)")
    assert listed == sorted(set(page.eval_on_selector_all("sup.cite a", "links => links.map(a => +a.textContent)")))

    tab = visitor(width=360, touch=True)
    tab.context.route("**/references/sources.html", lambda route: route.abort())
    page = tab.open("en/reasons/")
    link = page.locator("a.cite__link").first
    link.scroll_into_view_if_needed()
    href = link.evaluate("a => a.href")
    with page.expect_navigation():
        link.tap()
    assert page.url == href


def test_a_preview_closes_when_the_focus_leaves_it(visitor):
    page = visitor().open("en/reasons/")
    page.focus("a.cite__link")
    page.keyboard.press("Enter")
    page.locator(".source:popover-open").wait_for()
    page.focus("a.cite__link >> nth=5")  # elsewhere in the text
    assert page.locator(".source:popover-open").count() == 0


@pytest.mark.parametrize("path", ["reasons/", "en/reasons/"])
def test_citation_targets_are_24_px_and_leave_the_lines_alone(visitor, path):
    page = visitor(width=360).open(path)
    sizes = page.eval_on_selector_all("a.cite__link", "links => links.map(a => [a.offsetWidth, a.offsetHeight])")
    assert sizes and all(width >= 24 and height >= 24 for width, height in sizes), sizes
    # A paragraph with citations is as tall as its lines at the paragraph's own line height.
    lines, height, line_height = page.eval_on_selector("article p:has(sup.cite)", """p => {
        const range = document.createRange(), tops = new Set()
        for (const node of [...p.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)) {
            range.selectNodeContents(node)
            for (const rect of range.getClientRects()) tops.add(Math.round(rect.top))
        }
        return [tops.size, p.getBoundingClientRect().height, parseFloat(getComputedStyle(p).lineHeight)]
    }""")
    assert abs(height - lines * line_height) <= 1, (lines, height, line_height)


# ---- Print ----

def printed(page):
    """The page as printed: printed once as a reader prints it (page.pdf() fires beforeprint, when
    the page places the sources it cites), then in print media, the screen's colour transitions
    (Material's links fade for 125 ms) run to their end, as on paper, which has none."""
    page.pdf(format="A4")
    page.emulate_media(media="print")
    page.evaluate("() => Promise.all(document.getAnimations().map(change => change.finished.catch(() => {})))")
    return page


@pytest.mark.parametrize("path, title", [("reasons/", "इस पृष्ठ पर उद्धृत स्रोत"), ("en/background/", "Sources cited on this page")])
def test_the_printed_article_ends_with_its_sources_and_their_addresses(visitor, path, title):
    tab = visitor()
    page = printed(tab.open(path))
    assert page.locator(".cited-sources__title").inner_text() == title
    addresses = page.eval_on_selector_all(".source__open", """links => links.map(a => [a.href,
        getComputedStyle(a, "::after").content, a.offsetParent !== null])""")
    assert addresses and all(shown and after == f'"{href}"' and href.startswith("https://") for href, after, shown in addresses)
    # Each source the page cites, once, in the order of the numbers; then where every source is.
    listed = page.eval_on_selector_all(".cited-sources .source__number", "numbers => numbers.map(n => +n.textContent)")
    assert listed == sorted(set(page.eval_on_selector_all("sup.cite a", "links => links.map(a => +a.textContent)")))
    assert page.locator(".cited-sources__all").is_visible() and site_url() in page.locator(".cited-sources__all").inner_text()
    numbers = page.eval_on_selector_all("sup.cite a", "links => links.map(a => a.offsetParent !== null)")
    assert numbers and all(numbers)  # the numbers in the text, which the list explains
    breaks = page.eval_on_selector_all("article h2, article h1", "hs => hs.map(h => getComputedStyle(h).breakAfter)")
    assert set(breaks) == {"avoid"}
    assert page.eval_on_selector(".admonition", "box => getComputedStyle(box).breakInside") == "auto"
    titles = page.eval_on_selector_all(".admonition-title", "ts => ts.map(t => getComputedStyle(t).breakAfter)")
    assert titles and set(titles) == {"avoid"}  # a note's title never ends a page without its text
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000


def luminance(rgb: str) -> float:
    channels = [int(value) / 255 for value in re.findall(r"\d+", rgb)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    high, low = sorted([luminance(one), luminance(other)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "reasons/", "en/timeline/"])
def test_a_printed_page_says_what_it_is_in_print_colours(visitor, site, scheme, path):
    """Page 1 names the site, the page's address and the day of the check; on paper the text,
    links and citation numbers are dark on white whatever the screen's scheme."""
    page = printed(visitor(scheme=scheme).open(path))
    header = page.locator(".print-header")
    said = header.inner_text()
    site_name = page.get_attribute("meta[property='og:site_name']", "content")
    assert header.is_visible() and site_url() + path in said and site_name in said, said
    checked = page.locator("article time.checked").first.get_attribute("datetime")
    assert page.locator(".print-header time").get_attribute("datetime") == checked
    first = page.locator("article h1, .hero__title").first
    assert header.bounding_box()["y"] < first.bounding_box()["y"] or path == ""
    colours = page.evaluate("""() => {
        const color = selector => getComputedStyle(document.querySelector(selector)).color
        return {paper: getComputedStyle(document.body).backgroundColor, text: color("article p"),
                link: color("article a:not(.headerlink)"), number: color("sup.cite a")}
    }""")
    assert colours["paper"] in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), colours
    for what in ("text", "link", "number"):
        assert contrast(colours[what], "rgb(255, 255, 255)") >= 4.5, (what, colours)


def test_the_printed_home_page_lists_its_sources_after_its_cards(visitor):
    page = printed(visitor().open(""))
    cards, sources = (page.locator(selector).bounding_box()["y"] for selector in (".entry-points", ".cited-sources"))
    assert sources > cards


# ---- Data to reuse ----

def test_the_timeline_is_published_as_json(site, page):
    timeline = json.loads((site / "data" / "timeline.json").read_text(encoding="utf-8"))
    events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    assert [event["id"] for event in timeline["events"]] == [e["id"] for e in sorted(events, key=lambda e: e["date"])]
    for event in timeline["events"]:
        record = next(e for e in events if e["id"] == event["id"])
        assert (event["date"], event["precision"]) == (record["date"], record["precision"])
        assert event["sources"] and [s["id"] for s in event["sources"]] == record["refs"]
        assert set(event["title"]) == set(LANGUAGES) and all(event["text"].values())
        assert all(url.startswith(site_url()) for url in [*event["section"].values(), *event["url"].values()])
    for lang in LANGUAGES:
        links = page(lang, "timeline/").article.xpath(".//a[contains(@href, 'data/timeline.json')]")
        assert links, lang


def test_the_references_are_published_as_csl_json(site, page):
    items = json.loads((site / "data" / "references.json").read_text(encoding="utf-8"))
    references = yaml.safe_load((ROOT / "data" / "references.yml").read_text(encoding="utf-8"))
    assert {item["id"] for item in items} == {ref["id"] for ref in references}
    for item in items:
        assert item["type"] in CSL_TYPES and item["title"] and item["URL"].startswith("https://")
        for field in ("issued", "accessed"):
            if field in item:
                (parts,) = item[field]["date-parts"]
                assert 1 <= len(parts) <= 3 and all(isinstance(part, int) for part in parts)
    for lang in LANGUAGES:
        assert page(lang, "references/").article.xpath(".//a[contains(@href, 'data/references.json')]"), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_article_page_says_how_to_cite_it(page, lang):
    for slug in SLUGS:
        current = page(lang, slug)
        block = current.article.cssselect(".cite-this")
        if slug not in ARTICLE_SLUGS:
            assert not block
            continue
        url = site_url() + current.url
        title = " ".join(current.article.cssselect("h1")[0].text_content().split())
        plain = block[0].cssselect(".cite-this__plain")[0].text_content()
        assert f"“{title}”" in plain and plain.endswith(url)
        bibtex = block[0].cssselect("pre code")[0].text_content()
        assert re.match(r"@misc\{[\w-]+,\n", bibtex) and f"\\url{{{url}}}" in bibtex and bibtex.rstrip().endswith("}")
        assert bibtex.count("{") == bibtex.count("}")


def test_titles_and_code_are_escaped_exactly_once(project):
    """A title with &, LaTeX's special characters and Markdown escapes reads the same in the page,
    its metadata, its structured data and its BibTeX; citations in code spans stay code."""
    title = r"Background: 01.AI & the Yi models ~^\\ 100% $5 #1 snake_case"
    shown = r"Background: 01.AI & the Yi models ~^\ 100% $5 #1 snake_case"
    edit(project / "docs/background.en.md", "# Background: 01.AI and the Yi models { #background }",
         f"# {title} {{ #background }}")
    edit(project / "docs/background.en.md", "Below, I outline", "Below (`[@nope]`, `[@wired]`), I outline")
    edit(project / "data/timeline.yml", "en: 01.AI publishes its first two base models, Yi-6B and Yi-34B, as open weights.",
         "en: 01.AI publishes `[@nope]` and `[@wired]` [@yi-repo].")
    result = build(project / "site", project)
    assert result.returncode == 0, result.stderr
    html = (project / "site/en/background/index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    current = Page("en", "background/", project / "site/en/background/index.html", html)
    assert " ".join(tree.cssselect("article h1")[0].text_content().split()) == shown
    assert meta(current)["og:image:alt"] == shown
    article = next(item for item in current.structured if item.get("@type") == "Article")
    assert article["headline"] == shown
    reviews = [item for block in current.structured for item in block.get("@graph", [])]
    # The notes' ClaimReview data name the article by its @id: the headline is the Article's, above.
    assert reviews and {review["itemReviewed"]["appearance"]["@id"] for review in reviews} == {article["@id"]}
    plain = tree.cssselect(".cite-this__plain")[0].text_content()
    assert f"“{shown}”" in plain
    bibtex = tree.cssselect(".cite-this pre code")[0].text_content()
    assert (r"title = {{Background: 01.AI \& the Yi models \textasciitilde{}\textasciicircum{}\textbackslash{} "
            r"100\% \$5 \#1 snake\_case}}") in bibtex
    assert [code.text_content() for code in tree.cssselect("article p code")] == ["[@nope]", "[@wired]"]
    timeline = lxml.html.fromstring((project / "site/en/timeline/index.html").read_text(encoding="utf-8"))
    event = timeline.cssselect("#yi-open-weights")[0].getparent()
    assert [code.text_content() for code in event.cssselect("code")] == ["[@nope]", "[@wired]"]
    assert event.cssselect("sup.cite a")


def test_a_link_preview_names_the_page_and_the_site(pages):
    for page in pages:
        tags = meta(page)
        assert tags["og:title"] == tags["twitter:title"], page.url
        if not page.slug:
            assert tags["og:title"] == tags["og:site_name"], page.url
            continue
        label = " ".join(page.tree.cssselect("nav.md-nav--primary .md-nav__link--active")[0].text_content().split())
        assert tags["og:title"] == f"{label} — {tags['og:site_name']}", page.url
