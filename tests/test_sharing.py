"""Shared, previewed, printed and reused: social cards, citation previews, the print edition and
the data downloads."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from itertools import pairwise

import lxml.html
import pytest
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, ROOT, SLUGS, Page, build, edit, hook, site_url
from mkdocs.exceptions import PluginError
from PIL import Image, ImageChops, ImageDraw, ImageFont
from playwright.sync_api import expect
from test_records import named

from tools import layout

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
    real_font_file = cards.font_file
    for script in cards.FONTS:  # another release of either font
        other = tmp_path / f"{script}.font"
        other.write_bytes(real_font_file(script).read_bytes() + b"\0")
        monkeypatch.setattr(cards, "font_file", lambda name, script=script, other=other:
                            other if name == script else real_font_file(name))
        cards.drawing_digest.cache_clear()
        assert cards.card("Title", "Site", "en") != first, script
        monkeypatch.setattr(cards, "font_file", real_font_file)
    cards.drawing_digest.cache_clear()
    monkeypatch.setattr(cards.os, "replace", lambda *args: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        cards.card("Interrupted", "Site", "en")
    assert all(path.suffix in (".part", ".font") or path.name == first.name or path.read_bytes() == b"png"
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
        font = ImageFont.truetype(str(cards.font_file("devanagari")), 60, layout_engine=layout)
        ImageDraw.Draw(image).text((10, 10), word, font=font, fill=255)
        return image

    assert ImageChops.difference(drawn(ImageFont.Layout.RAQM), drawn(ImageFont.Layout.BASIC)).getbbox()
    card = Image.open(io.BytesIO(cards.draw(word, "01.AI का उदय और पतन", "hi")))
    assert card.size == (1200, 630)


def glyph(font, text: str) -> bytes:
    image = Image.new("L", (200, 120), 0)
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255)
    return image.tobytes()


def test_cards_draw_chinese_in_a_pinned_cjk_font_not_as_empty_boxes():
    """The Chinese of the site's titles has glyphs in Noto Sans CJK SC (none is the font's .notdef
    box, as every one is in Noto Sans Devanagari), and a card draws them, not boxes."""
    cards = hook("cards")
    missing = "\U0010fffd"  # a character no font has: drawn as .notdef
    cjk = ImageFont.truetype(str(cards.font_file("cjk")), 60, index=cards.CJK_FACE)
    devanagari = ImageFont.truetype(str(cards.font_file("devanagari")), 60)
    assert cjk.getname()[0] == "Noto Sans CJK SC"
    for char in "万智每日经济新闻":
        assert glyph(cjk, char) != glyph(cjk, missing), char
        assert glyph(devanagari, char) == glyph(devanagari, missing), char
    site_name = "01.AI का उदय और पतन"
    drawn = cards.draw("Wanzhi (万智) प्लैटफ़ॉर्म", site_name, "hi")
    boxes = cards.draw(f"Wanzhi ({missing * 2}) प्लैटफ़ॉर्म", site_name, "hi")
    assert drawn != boxes
    assert cards.Setting(76, 700).runs("Wanzhi (万智)") == [("devanagari", "Wanzhi ("), ("cjk", "万智"), ("devanagari", ")")]


@pytest.mark.parametrize("title", ["Donaudampfschifffahrtsgesellschaftskapitänswitwenrentenversicherungsanstalt",
                                   "अंतरराष्ट्रीयकरण" * 6 + " और पृष्ठभूमि", "W" * 200 + " and a tail", "万智" * 60,
                                   " ".join(["पृष्ठभूमि"] * 30)])
def test_a_title_too_wide_for_the_card_is_broken_and_cut_inside_its_margins(title):
    cards = hook("cards")
    card = Image.open(io.BytesIO(cards.draw(title, "Supercalifragilisticexpialidocious" * 3, "hi"))).convert("RGB")
    background = Image.new("RGB", card.size, card.getpixel((0, 0)))
    ink = ImageChops.difference(card, background).convert("L").point(lambda value: 255 if value > 24 else 0)
    left, top, right, bottom = ink.getbbox()
    assert left >= cards.MARGIN and right <= card.width - cards.MARGIN and bottom <= card.height - cards.MARGIN
    rows = [y for y in range(200, card.height) if ink.crop((0, y, card.width, y + 1)).getbbox()]
    assert rows and rows[-1] > 200 + 2 * 54, "the title goes on to more lines"


def test_a_word_breaks_between_letters_never_inside_a_conjunct_or_before_a_mark():
    cards = hook("cards")
    assert cards.letters("पृष्ठभूमि") == ["पृ", "ष्ठ", "भू", "मि"]
    assert cards.letters("क्\u200dष") == ["क्\u200dष"]
    assert cards.letters("Word") == ["W", "o", "r", "d"]


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
                assert link.get("aria-label") == f"{word} {link.text_content()}: {named(ref, lang)}"
                popover = previews.cssselect(f"#source-{ref['id']}")[0]
                assert popover.get("popover") is not None and popover.get("role") == "dialog"
                assert popover.cssselect(".source__number")[0].text_content() == link.text_content()
                assert popover.cssselect("cite")[0].get("lang") == (lang if ref.get("descriptive") else ref["language"])
                archived = ref.get("archived") or f"https://web.archive.org/web/{layout.config().extra['checked']:%Y%m%d}/{ref['url']}"
                assert [a.get("href") for a in popover.cssselect(".source__links a")] == [ref["url"], archived, f"./#ref-{ref['id']}"]


@pytest.mark.parametrize("width", [360, 1280])
def test_a_citation_shows_its_source_in_place_by_tap_and_by_keyboard(visitor, width):
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
    assert not (wrong := placement(page, link)), wrong  # a sheet on the phone, beside its number wider
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


def placement(page, link) -> list[str]:
    """What is wrong with where the open preview is, for the number `link` that opened it: on a
    narrow screen, a sheet across the bottom (at least the screen's width less 32 px, 8 px inside
    it), below its number, which stays in view under the header; on a wide one, beside the number
    (at most 16 px above or below it), 8 px inside the window, at a readable measure (lines 20 to
    32 em long)."""
    return link.evaluate("""(number, wide) => {
        const sheet = document.querySelector(".source:popover-open").getBoundingClientRect()
        const box = number.getBoundingClientRect(), header = document.querySelector(".md-header").getBoundingClientRect()
        const style = getComputedStyle(document.querySelector(".source:popover-open")), em = parseFloat(style.fontSize)
        const measure = sheet.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
        const margins = {left: sheet.left, right: innerWidth - sheet.right, top: sheet.top, bottom: innerHeight - sheet.bottom}
        const wrong = Object.entries(margins).filter(([, margin]) => margin < 8).map(([side, margin]) => `${side} margin ${margin}`)
        if (box.top < header.bottom || box.bottom > innerHeight)
            wrong.push(`number out of view at ${box.top}`)
        if (box.bottom > sheet.top && box.top < sheet.bottom && box.right > sheet.left && box.left < sheet.right)
            wrong.push("covers its number")
        if (innerWidth < 720) {
            if (sheet.width < innerWidth - 32) wrong.push(`${sheet.width} px wide`)
            if (sheet.top < box.bottom) wrong.push("not below its number")
        } else {
            if (Math.min(Math.abs(sheet.top - box.bottom), Math.abs(box.top - sheet.bottom)) > 16) wrong.push("not beside its number")
            if (measure < 20 * em || measure > 32 * em) wrong.push(`lines ${measure / em} em long`)
        }
        return wrong
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["", "reasons/", "en/", "en/reasons/"])
def test_a_preview_is_a_sheet_on_a_phone_and_beside_its_number_on_a_desktop(visitor, path, width, scheme):
    """Tapped (on a phone) or clicked, the first, a middle and the last number of a page: the
    preview's box against the screen and its number (placement()), in the page's colours."""
    tab = visitor(width=width, scheme=scheme, touch=width < 720)
    page = tab.open(path)
    links = page.locator("a.cite__link")
    for index in (0, links.count() // 2, links.count() - 1):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        link.tap() if width < 720 else link.click()
        page.locator(".source:popover-open .source__open").wait_for()
        assert not (wrong := placement(page, link)), (index, link.inner_text(), wrong)
        colours = page.eval_on_selector(".source:popover-open", """sheet => [getComputedStyle(sheet).backgroundColor,
            getComputedStyle(document.body).backgroundColor]""")
        assert colours[0] == colours[1], colours
        page.keyboard.press("Escape")
    assert not tab.errors


@pytest.mark.parametrize("close", ["button", "Escape", "a tap outside", "a swipe down"])
@pytest.mark.parametrize("path", ["reasons/", "en/reasons/"])
def test_a_phones_preview_closes_by_its_button_escape_a_tap_outside_and_a_swipe_down(visitor, path, close):
    """Each way closes the sheet, and the focus is back on the number that opened it."""
    tab = visitor(width=360, touch=True)
    page = tab.open(path)
    link = page.locator("a.cite__link").nth(3)
    link.scroll_into_view_if_needed()
    link.tap()
    sheet = page.locator(".source:popover-open")
    sheet.locator(".source__open").wait_for()
    box = sheet.bounding_box()
    if close == "button":
        sheet.locator(".source__close").tap()
    elif close == "Escape":
        page.keyboard.press("Escape")
    elif close == "a tap outside":
        page.touchscreen.tap(180, 100)  # on the text above
    else:
        touch = tab.context.new_cdp_session(page)
        x, y = box["x"] + box["width"] / 2, box["y"] + 30
        touch.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, 6):
            touch.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y + 20 * step}]})
        touch.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_function("() => !document.querySelector('.source:popover-open')", timeout=2000)
    expect(link).to_be_focused(timeout=2000)  # a closed preview says so a moment after it closes
    assert link.get_attribute("aria-expanded") == "false"
    assert not tab.errors


def test_a_tap_outside_gives_the_focus_back_whichever_comes_first_the_close_or_the_focus_moving(visitor):
    """A tap outside closes the preview as the finger lifts; the tap then moves the focus off the
    number. Chromium says the preview closed after that, as a rule, and before it when the tap's
    click is late (a busy phone): here, in that order, by hand."""
    page = visitor(width=360, touch=True).open("en/reasons/")
    link = page.locator("a.cite__link").nth(3)
    link.scroll_into_view_if_needed()
    link.tap()
    page.locator(".source:popover-open .source__open").wait_for()
    page.evaluate("""async () => {
        const text = document.querySelector("article p"), preview = document.querySelector(".source:popover-open")
        text.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true, pointerType: "touch"}))
        const told = new Promise(resolve => preview.addEventListener("toggle", resolve, {once: true}))
        preview.hidePopover() // as the finger lifts
        await told
        document.activeElement.blur() // the tap's mousedown on text
        text.dispatchEvent(new MouseEvent("click", {bubbles: true}))
    }""")
    expect(link).to_be_focused(timeout=2000)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["", "timeline/", "en/", "en/timeline/"])
def test_chinese_and_devanagari_titles_stay_upright(visitor, path, width, scheme):
    """Chinese has no italic, nor has Devanagari: every run of their letters in the sources'
    previews (placed in the page when a number is opened) is upright, where titles in Latin
    letters are italic; a Chinese title stands between its title marks 《》."""
    page = visitor(width=width, scheme=scheme).open(path)
    page.locator("a.cite__link").first.click()
    page.locator(".source:popover-open .source__open").wait_for()
    runs = page.evaluate("""() => {
        const texts = document.createTreeWalker(document.querySelector(".cited-sources"), NodeFilter.SHOW_TEXT), runs = []
        while (texts.nextNode())
            for (const [run] of texts.currentNode.data.matchAll(/[\\p{Script=Han}\\p{Script=Devanagari}]+/gu)) {
                const owner = texts.currentNode.parentElement, style = getComputedStyle(owner)
                runs.push({run, style: style.fontStyle, title: owner.closest("cite") ? owner.closest("cite").lang : null,
                           marks: [getComputedStyle(owner, "::before").content, getComputedStyle(owner, "::after").content]})
            }
        return runs
    }""")
    assert [run for run in runs if run["title"] == "zh"], "no Chinese title among this page's sources"
    assert not [run for run in runs if run["style"] != "normal"], runs
    assert all(run["marks"] == ['"《"', '"》"'] for run in runs if run["title"] == "zh"), runs
    latin = page.eval_on_selector_all(".cited-sources cite:lang(en)", "titles => titles.map(t => getComputedStyle(t).fontStyle)")
    assert latin and set(latin) == {"italic"}


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


@pytest.mark.parametrize("arrives", [True, False])
def test_a_number_tapped_before_the_pages_script_has_run_opens_its_preview_when_it_does(visitor, arrives):
    """starter.js is deferred: on a page still arriving, its numbers show, and are tapped, before
    it runs. The tap is held (before-paint.js), the page stays where it is, and the preview opens
    when the script runs; a script that never comes leaves the number a link to the references,
    followed once the page has loaded."""
    tab = visitor(width=360, touch=True)
    held = []
    tab.context.route("**/assets/javascripts/starter.js*", lambda route: held.append(route))
    page = tab.page
    page.goto(tab.server.url + "reasons/", wait_until="commit")
    link = page.locator("a.cite__link").first
    link.wait_for()
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the page did not ask for starter.js"
    link.scroll_into_view_if_needed()
    href = link.evaluate("a => a.href")
    link.tap()
    page.wait_for_timeout(500)
    assert page.url == tab.server.url + "reasons/"
    assert not page.locator(".source:popover-open").count()
    if arrives:
        held[0].continue_()
        preview = page.locator(".source:popover-open")
        preview.wait_for()
        assert preview.inner_text().startswith(link.inner_text())
        assert page.url == tab.server.url + "reasons/" and not tab.errors
    else:
        with page.expect_navigation(wait_until="commit"):  # (the references page's starter.js is held too)
            held[0].abort()
        assert page.url == href


@pytest.mark.parametrize("path", ["reasons/", "en/reasons/"])
def test_a_number_in_an_editors_note_shows_the_words_of_its_source_the_note_rests_on(visitor, pages, path):
    """Each number in a note whose source the note quotes opens a preview with that quotation
    (its address and language, translated as on the page); the same source's number outside the
    note shows none."""
    article = next(p for p in pages if p.url == path).article
    in_note = "ancestor::li[1][ancestor::div[contains(@class, 'editor')]]//*[contains(@class, 'evidence__item')]/@data-ref"
    quoted = [(n, link) for n, link in enumerate(article.cssselect("a.cite__link"))
              if link.get("href").split("#ref-")[1] in link.xpath(in_note)]
    assert len(quoted) >= 5
    page = visitor().open(path)
    for n, link in quoted:
        ref = link.get("href").split("#ref-")[1]
        item = link.xpath(f"ancestor::li[1]//*[@data-ref='{ref}']")[0]
        page.locator("a.cite__link").nth(n).click()
        words = page.locator(f"#source-{ref}:popover-open .source__words")
        words.locator(".evidence__item").wait_for()
        assert " ".join(words.inner_text().split()) == " ".join(item.text_content().split())
        if item.tag == "figure":
            quote = item.cssselect("blockquote")[0]
            shown = words.locator("blockquote")
            assert (shown.get_attribute("cite"), shown.get_attribute("lang")) == (quote.get("cite"), quote.get("lang"))
        page.keyboard.press("Escape")
    outside = [n for n, link in enumerate(article.cssselect("a.cite__link"))
               if not link.xpath("ancestor::div[contains(@class, 'editor')]")]
    page.locator("a.cite__link").nth(outside[0]).click()
    page.locator(".source:popover-open .source__open").wait_for()
    assert page.locator(".source:popover-open .source__words").count() == 0


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


def drawn_gaps(page, group) -> tuple[list[tuple[int, int]], float]:
    """The blank before and after each number of a citation group as drawn (between its digits
    and the bracket or comma beside them), in CSS px; and the group's font size."""
    digits = group.evaluate("""group => [...group.querySelectorAll("a")].map(a => {
        const range = document.createRange()
        range.selectNodeContents(a.firstChild)
        const box = range.getBoundingClientRect()
        return [box.left, box.right]
    })""")
    box = group.bounding_box()
    left = round(min(box["x"], digits[0][0])) - 4
    shot = Image.open(io.BytesIO(page.screenshot(clip={"x": left, "y": box["y"], "width": round(max(
        box["x"] + box["width"], digits[-1][1])) + 4 - left, "height": box["height"]}))).convert("RGB")
    paper = shot.getpixel((0, 0))
    inked = [any(max(abs(a - b) for a, b in zip(shot.getpixel((x, y)), paper, strict=True)) > 60 for y in range(shot.height))
             for x in range(shot.width)]

    def blank(x: int, step: int) -> int:
        count = 0
        while 0 <= x < len(inked) and not inked[x]:
            count, x = count + 1, x + step
        return count

    gaps = [(blank(round(start) - left - 1, -1), blank(round(end) - left, 1)) for start, end in digits]
    return gaps, group.evaluate("group => parseFloat(getComputedStyle(group).fontSize)")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("path", ["reasons/", "en/reasons/"])
def test_a_citation_group_is_set_as_text_with_24_px_targets(visitor, path, width, scheme):
    """[5, 7, 11] as drawn: the brackets and each comma close to their numbers (at most .2 em
    apart), and between two numbers one even gap, no wider than the room a 24 px target needs
    beside a one-digit number and its comma (about 15 px; 17 with the glyphs' side bearings); the
    targets side by side, none over another."""
    page = visitor(width=width, scheme=scheme).open(path)
    groups = page.locator("sup.cite")
    seen = 0
    for index in range(groups.count()):
        group = groups.nth(index)
        if group.locator("a.cite__link").count() < 2:
            continue
        seen += 1
        group.scroll_into_view_if_needed()
        gaps, em = drawn_gaps(page, group)
        close = [gaps[0][0]] + [after for _, after in gaps]  # [5 and 5, … 11]
        between = [before for before, _ in gaps[1:]]  # , 7
        assert max(close) <= .2 * em, (group.inner_text(), gaps, em)
        assert max(between) - min(between) <= 1 and max(between) <= 17, (group.inner_text(), gaps)
        targets = group.evaluate("group => [...group.querySelectorAll('a')].map(a => a.getBoundingClientRect().toJSON())")
        assert all(target["width"] >= 24 and target["height"] >= 24 for target in targets), targets
        assert all(after["left"] >= before["right"] - .5 for before, after in pairwise(targets)), targets
    assert seen > 3


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


def pdf_pages(pdf: bytes, tmp_path, dpi: int = 30) -> list[Image.Image]:
    """Each sheet of a PDF as a picture, drawn by Poppler's pdftoppm."""
    if not shutil.which("pdftoppm"):
        pytest.fail("Poppler's pdftoppm is needed to see the printed pages and was not found: install it "
                    "(Debian: apt-get install poppler-utils), or run ./dev test, which does.", pytrace=False)
    (tmp_path / "printed.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(tmp_path / "printed.pdf"), str(tmp_path / "sheet")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(tmp_path.glob("sheet-*.png"))]


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark", "toggled to dark"])
@pytest.mark.parametrize("path", ["reasons/", "en/timeline/"])
def test_paper_is_white_whatever_the_screens_scheme(visitor, tmp_path, path, scheme, width):
    """Printed with background graphics, every sheet's margins (the page's 25 mm, 20 mm of them
    looked at) are white: in the device's dark scheme and after the toggle switched to dark
    (Material's script then says the page is dark, in a meta color-scheme)."""
    page = visitor(scheme="dark" if scheme == "dark" else "light", width=width).open(path)
    if scheme == "toggled to dark":
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
        page.wait_for_function("() => document.querySelector('meta[name=color-scheme]')?.content === 'dark'")
    assert page.get_attribute("body", "data-md-color-scheme") == ("default" if scheme == "light" else "slate")
    sheets = pdf_pages(page.pdf(format="A4", print_background=True), tmp_path)
    assert len(sheets) > 1
    strip = round(20 / 25.4 * 30)  # 20 mm at 30 dpi
    for number, sheet in enumerate(sheets, 1):
        width_px, height_px = sheet.size
        for side, box in {"top": (0, 0, width_px, strip), "bottom": (0, height_px - strip, width_px, height_px),
                          "left": (0, 0, strip, height_px), "right": (width_px - strip, 0, width_px, height_px)}.items():
            darkest = min(low for low, _ in sheet.crop(box).getextrema())
            assert darkest == 255, f"sheet {number}, {side} margin: not white (darkest channel {darkest})"


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
