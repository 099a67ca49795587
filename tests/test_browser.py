"""The site in Chromium: accessibility, privacy, search, language switching and phone layout.

Every page of both languages is opened in light and dark mode, at a phone and a desktop width;
screenshots of the home, reasons and timeline pages go to screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import LANGUAGES, SLUGS

from tools.pageload import search as type_search

WIDTHS = {"phone": 360, "desktop": 1280}
SCHEMES = {"light": "default", "dark": "slate"}
AXE_RULES = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}}
SCREENSHOT_SLUGS = ["", "reasons/", "timeline/"]


ALL_PAGES = [prefix + slug for prefix in LANGUAGES.values() for slug in SLUGS]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_is_accessible_private_and_fits(visitor, screenshots, scheme, width):
    tab = visitor(scheme=scheme, width=WIDTHS[width])
    axe, problems = Axe(), []
    for path in ALL_PAGES:
        page = tab.open(path)
        assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
        # As the page first shows, then once the reader's first move has loaded Material's script.
        for state in ("as loaded", "scripted"):
            if state == "scripted":
                page.mouse.move(5, 5)
                page.wait_for_function("() => typeof document$ !== 'undefined'")
                page.wait_for_load_state("networkidle")
            for violation in axe.run(page, options=AXE_RULES).response["violations"]:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"/{path} ({state}): axe {violation['id']} ({violation['impact']}) at {targets}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"/{path}: scrolls sideways by {overflow}px")
        slug = path.removeprefix("en/")
        if slug in SCREENSHOT_SLUGS:
            lang = "en" if path.startswith("en/") else "hi"
            name = f"{lang}-{slug.strip('/') or 'home'}-{scheme}-{width}.png"
            page.screenshot(path=screenshots / name, full_page=True)
    problems += [f"request to another host: {url}" for url in tab.foreign_requests()]
    problems += [f"console or network error: {error}" for error in tab.errors]
    assert not problems, "\n".join(problems)


def search(tab, path: str, query: str) -> list[dict]:
    """Search from a page; the results, each with its link and marked words."""
    page = tab.open(path)
    type_search(page, query)
    return page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", """links =>
        links.map(a => ({href: a.href, marks: [...a.querySelectorAll('mark')].map(m => m.textContent)}))""")


def result_paths(results, server) -> list[str]:
    """Result links as site paths with their section, without the ?h= highlight query."""
    paths = []
    for result in results:
        url = urlsplit(result["href"].removeprefix(server.url))
        paths.append(url.path + (f"#{url.fragment}" if url.fragment else ""))
    return paths


@pytest.mark.parametrize("path, query, expected, marked", [
    # an inflected form (oblique plural) that the text does not hold finds the word it does
    ("", "स्टार्टअपों", "reasons/#competition", "स्टार्टअप"),
    # a word typed as it stands before a danda in the text: found, and marked without the danda
    ("", "बटोरी।", "background/", "बटोरी"),
    # a nukta letter typed precomposed (U+095B) finds the text's normalised form
    ("", "न\u095Bर", "#at-a-glance", unicodedata.normalize("NFC", "न\u095Bर")),
    ("en/", "stockpiled", "en/reasons/#compute", "stockpile"),
    ("en/", "restructuring", "en/background/", "restructuring"),
])
def test_search_finds_the_right_section_and_marks_the_match(visitor, server, path, query, expected, marked):
    tab = visitor()
    results = search(tab, path, query)
    paths = result_paths(results, server)
    assert expected in paths, f"{query!r}: {paths}"
    assert marked in results[paths.index(expected)]["marks"] or any(marked in r["marks"] for r in results)
    assert not tab.errors


@pytest.mark.parametrize("path, query", [("", "Alibaba"), ("", "कंपनी"), ("en/", "Alibaba"), ("en/", "Yi")])
def test_search_answers_in_the_readers_language_only(visitor, server, path, query):
    tab = visitor()
    paths = result_paths(search(tab, path, query), server)
    assert paths
    assert all(p.startswith("en/") == (path == "en/") for p in paths), paths
    lunr = [url for url in tab.requests if "/lunr/" in url or "wordcut" in url]
    assert not lunr, f"search loaded language files it does not need: {lunr}"
    assert not tab.foreign_requests() and not tab.errors


def test_search_result_highlights_the_match_on_the_page(visitor, server):
    tab = visitor()
    search(tab, "", "स्टार्टअपों")
    tab.page.click(".md-search-result__item a.md-search-result__link[href*='competition']")
    tab.page.wait_for_load_state("networkidle")
    marks = tab.page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")
    assert "स्टार्टअप" in marks


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_switcher_keeps_the_page_and_the_section(visitor, server, lang):
    tab = visitor()
    other = next(code for code in LANGUAGES if code != lang)
    for slug in SLUGS:
        page = tab.open(LANGUAGES[lang] + slug)
        section = page.eval_on_selector("article h2[id]", "h => h.id") if page.query_selector("article h2[id]") else None
        if section:
            page = tab.open(f"{LANGUAGES[lang]}{slug}#{section}")
        page.hover(".md-header__option .md-select")
        with page.expect_navigation():
            page.click(f"a.md-select__link[hreflang='{other}']")
        expected = server.url + LANGUAGES[other] + slug + (f"#{section}" if section else "")
        assert page.url == expected
        assert page.get_attribute("html", "lang") == other
    assert not tab.errors


def test_phone_reader_reaches_the_navigation_and_reads_the_timeline(visitor, server):
    tab = visitor(width=360)
    page = tab.open("")
    page.click("label.md-header__button[for='__drawer']")
    link = page.locator("nav.md-nav--primary a.md-nav__link[href$='timeline/']")
    link.wait_for(state="visible")
    with page.expect_navigation():
        link.click()
    assert page.url == server.url + "timeline/"
    page.wait_for_load_state("networkidle")
    events = page.eval_on_selector_all("ol.timeline > li", """items => items.map(li => {
        const box = li.getBoundingClientRect(), text = li.querySelector('p:not(.timeline__date)')
        return {left: box.left, right: box.right, size: parseFloat(getComputedStyle(text).fontSize)}})""")
    assert events
    for event in events:
        assert 0 <= event["left"] and event["right"] <= 360 and event["size"] >= 14, event


def test_editors_notes_have_their_own_colour_and_icon_in_both_schemes(visitor):
    styles = {}
    for scheme in SCHEMES:
        page = visitor(scheme=scheme).open("en/reasons/")
        styles[scheme] = page.eval_on_selector(".admonition.editor", """box => {
            const icon = getComputedStyle(box.querySelector('.admonition-title'), '::before')
            return {border: getComputedStyle(box).borderLeftColor, iconColour: icon.backgroundColor,
                    icon: icon.maskImage || icon.webkitMaskImage}}""")
    material_note = "rgb(68, 138, 255)"  # Material's default admonition colour
    assert styles["light"]["border"] != styles["dark"]["border"]
    for style in styles.values():
        assert style["border"] == style["iconColour"] != material_note
        assert "svg" in style["icon"] and "M20.7 7" in style["icon"]  # the pen icon of site.css


def test_colour_toggle_switches_the_scheme_and_remembers_it(visitor):
    tab = visitor(scheme="light")
    page = tab.open("reasons/")
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    toggle = page.locator("form[data-md-component='palette'] label:not([hidden])")
    toggle.click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page = tab.open("en/timeline/")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'default'")
    assert not tab.errors


def test_a_readers_session_breaks_no_content_security_rule(visitor, server):
    """Every page, search in both languages, the colour toggle, the language menu and the phone
    menu, under the policy each page carries: nothing is blocked, so nothing the site needs is."""
    tab = visitor(width=360)
    for path in ALL_PAGES:
        page = tab.open(path)
        policy = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
        assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy, path
    for path, query in [("", "मॉडल"), ("en/", "Qwen")]:
        assert search(tab, path, query)
    page = tab.open("reasons/")
    page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    page.click("label.md-header__button[for='__drawer']")
    page.locator("nav.md-nav--primary a.md-nav__link[href$='timeline/']").wait_for(state="visible")
    desktop = visitor(width=1280)
    page = desktop.open("en/reasons/#compute")
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click("a.md-select__link[hreflang='hi']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/reasons/#compute")
    for each in (tab, desktop):
        assert not each.violations and not each.errors, each.violations + each.errors


# ---- A reader's first move, on a fresh page, does what it does once Material's script runs ----

def phone(visitor):
    return visitor(width=360, touch=True)


@pytest.mark.parametrize("path", ["en/reasons/#competition", "reasons/#pivot", "en/timeline/"])
def test_the_first_tap_on_the_menu_opens_it_for_good(visitor, path):
    tab = phone(visitor)
    page = tab.open(path)
    page.tap("label.md-header__button[for='__drawer']")
    page.wait_for_timeout(2000)
    assert page.is_checked("#__drawer")
    assert page.locator("nav.md-nav--primary a.md-nav__link[href$='references/']").is_visible()
    assert page.evaluate("typeof document$") != "undefined"  # Material's script did start meanwhile
    assert not tab.errors


@pytest.mark.parametrize("path, query, found", [("reasons/#competition", "मॉडल", "reasons/"),
                                                ("en/reasons/#competition", "Qwen", "en/reasons/#competition"),
                                                ("en/", "Qwen", "en/reasons/#competition")])
def test_the_first_tap_on_search_gives_the_box_the_cursor_and_keeps_every_key(visitor, server, path, query, found):
    tab = phone(visitor)
    page = tab.open(path)
    page.tap("label.md-header__button[for='__search']")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type(query)  # at once, as a reader types
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(2000)
    assert page.is_checked("#__search") and page.input_value("input.md-search__input") == query
    paths = result_paths(page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => ({href: a.href}))"), server)
    assert any(p.startswith(found) for p in paths), paths
    assert not tab.errors


@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_a_search_key_as_the_first_key_opens_search_with_the_cursor_in_it(visitor, key):
    tab = visitor()
    page = tab.open("en/timeline/#yi-large")
    page.keyboard.press(key)
    assert page.is_checked("#__search")
    assert page.evaluate("document.activeElement.matches('input.md-search__input')")
    page.keyboard.type("Yi")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(1000)
    assert page.is_checked("#__search") and page.input_value("input.md-search__input") == "Yi"
    assert not tab.errors


@pytest.mark.parametrize("key, rel", [("n", "next"), (".", "next"), ("p", "prev"), (",", "prev")])
def test_next_and_previous_keys_work_as_the_first_key(visitor, server, key, rel):
    tab = visitor()
    page = tab.open("en/reasons/")
    target = page.eval_on_selector(f"link[rel={rel}]", "link => link.href")
    assert target.startswith(server.url) and target != page.url
    with page.expect_navigation():
        page.keyboard.press(key)
    assert page.url == target


@pytest.mark.parametrize("path, message", [("", "खोज लोड नहीं हो सकी"), ("en/", "Search could not load")])
def test_a_search_text_that_fails_to_load_is_said_and_tried_again(visitor, path, message):
    tab = visitor()
    failing = [True]
    tab.context.route(lambda url: urlsplit(url).path.endswith("/search_documents.json"),
                      lambda route: route.abort() if failing[0] else route.continue_())
    page = tab.open(path)
    page.keyboard.press("/")
    page.keyboard.type("Alibab")
    page.wait_for_function("text => document.querySelector('.md-search-result__meta').innerText.startsWith(text)",
                           arg=message, timeout=10_000)
    failing[0] = False
    page.keyboard.type("a")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert message not in page.inner_text(".md-search-result__meta")


def test_a_search_begun_before_the_starter_script_arrived_still_ends_in_results(visitor):
    """starter.js loads with the page: on a slow link the reader may open search and type before
    it runs; it takes up that search when it arrives."""
    tab = visitor(width=360, touch=True)
    held = []
    tab.context.route(lambda url: urlsplit(url).path.endswith("/starter.js"), lambda route: held.append(route))
    page = tab.page
    page.goto(tab.server.url + "en/", wait_until="commit")
    page.locator("label.md-header__button[for='__search']").tap()
    page.tap("input.md-search__input")
    page.keyboard.type("Qwen")
    assert held and not page.query_selector(".md-search-result__item")
    held[0].continue_()
    page.wait_for_selector(".md-search-result__item", timeout=15_000)


def test_a_search_that_breaks_ends_in_the_retry_message_in_its_own_tab_only(visitor, server):
    """A search text that loads but cannot be searched (a section without its text) ends in the
    retry message, not in "initialising" for ever; another tab of the same origin (on GitHub
    Pages, another project site of the same owner) hears nothing of it."""
    tab = visitor()
    tab.context.route(lambda url: urlsplit(url).path.endswith("/en/search/search_documents.json"),
                      lambda route: route.fulfill(content_type="application/json",
                                                  body='{"docs": [{"location": "", "title": "x"}], "terms": []}'))
    other = tab.context.new_page()
    other.goto(server.url)
    other.keyboard.press("/")
    failed_there = other.get_attribute(".md-search-result__meta", "data-failed")
    page = tab.page
    page.goto(server.url + "en/")
    page.keyboard.press("/")
    page.keyboard.type("Alibaba")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').innerText.startsWith('Search could not load')",
                           timeout=10_000)
    other.wait_for_timeout(500)
    assert failed_there not in other.inner_text(".md-search-result__meta")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_language_switch_keeps_the_section_in_view_without_a_hash(visitor, server, lang):
    tab = visitor()
    other = next(code for code in LANGUAGES if code != lang)
    page = tab.open(LANGUAGES[lang] + "reasons/")
    page.eval_on_selector("#pivot", "heading => heading.scrollIntoView()")
    page.mouse.wheel(0, 200)  # a little way into the section
    page.wait_for_timeout(300)
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f"a.md-select__link[hreflang='{other}']")
    assert page.url == server.url + LANGUAGES[other] + "reasons/#pivot"
    page = tab.open(LANGUAGES[lang] + "reasons/")  # above the first section: no section to keep
    page.hover(".md-header__option .md-select")
    with page.expect_navigation():
        page.click(f"a.md-select__link[hreflang='{other}']")
    assert page.url == server.url + LANGUAGES[other] + "reasons/"


# ---- Readers see their own words in search ----

def result_links(page) -> list[dict]:
    return page.eval_on_selector_all("a.md-search-result__link", """links => links.map(a => ({
        h: new URL(a.href).searchParams.get("h"),
        missing: [...a.querySelectorAll(".md-search-result__terms del")].map(d => d.textContent),
        marks: [...a.querySelectorAll("mark")].map(m => [m.previousSibling?.textContent.slice(-1) || "",
                                                         m.textContent, m.nextSibling?.textContent[0] || ""])}))""")


def whole_words(marks) -> bool:
    """Each mark covers a whole word: no letter, vowel sign, virama or digit right before or after it."""
    def part_of_a_word(char: str) -> bool:
        return bool(char) and unicodedata.category(char)[0] in "LMN"
    return all(not part_of_a_word(before) and not part_of_a_word(after) for before, _, after in marks)


@pytest.mark.parametrize("path, query, missing", [("en/", "stockpiled Tencent", {"stockpiled", "Tencent"}),
                                                  ("", "मॉडल्स Tencent", {"मॉडल्स", "Tencent"})])
def test_results_speak_the_readers_words(visitor, path, query, missing):
    tab = visitor()
    page = tab.open(path)
    type_search(page, query)
    links = result_links(page)
    marked = {link["h"] for link in links}  # every link, the page's title link too, with the words as typed
    assert links and len(marked) == 1 and set(query.split()) <= set(marked.pop().split()), links
    said = {word for link in links for word in link["missing"]}
    assert said and said <= missing, said  # "Missing:" lists words as typed, never a stem
    marks = [mark for link in links for mark in link["marks"]]
    assert marks and whole_words(marks), marks


def test_a_result_marks_whole_words_on_the_page_it_opens(visitor, server):
    tab = visitor()
    page = tab.open("")
    type_search(page, "स्टार्टअप्स")
    with page.expect_navigation():
        page.click(".md-search-result__item a.md-search-result__link[href*='competition']")
    page.wait_for_selector("article mark")
    marks = page.eval_on_selector_all("article mark", """marks => marks.map(m => [m.previousSibling?.textContent.slice(-1) || "",
        m.textContent, m.nextSibling?.textContent[0] || ""])""")
    assert {text for _, text, _ in marks} == {"स्टार्टअप"} and whole_words(marks)
    assert not tab.errors


@pytest.mark.parametrize("path, query, link, marked", [
    ("", "डीपसीक", "competition", {"DeepSeek"}),  # a name typed in the other script
    ("", "Kai-Fu Lee", "background/", {"काई", "फू", "ली"}),
    ("en/", "डीपसीक", "competition", {"DeepSeek"}),
    ("", "model", "background/", {"मॉडल"}),  # an English word the Hindi text writes in Devanagari
    ("", "आईपीओ", "hong-kong-listings", {"IPO"}),  # letters' names
])
def test_the_page_a_result_opens_marks_what_was_found_in_the_other_script(visitor, path, query, link, marked):
    tab = visitor()
    page = tab.open(path)
    type_search(page, query)
    with page.expect_navigation():
        page.click(f".md-search-result__item a.md-search-result__link[href*='{link}']")
    page.wait_for_selector("article mark")
    marks = set(page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)"))
    assert marked <= marks, marks
    assert not tab.errors


# ---- Search as readers type on a phone: Latin letters, typos, short snippets ----

def shown_results(page) -> list[dict]:
    """The results as shown, each with the notes and the text it shows (Material shows a page's
    own text only when it lists none of its sections)."""
    return page.eval_on_selector_all("a.md-search-result__link", """links => links.map(a => ({
        href: a.href, notes: [...a.querySelectorAll(".search-note")].filter(note => note.checkVisibility())
                                   .map(note => note.textContent),
        text: [...a.querySelectorAll("article > p:not(.search-note):not(.md-search-result__terms)")]
              .map(p => p.textContent).join(" "),
        height: a.getBoundingClientRect().height}))""")


def test_hindi_typed_in_latin_letters_finds_the_hindi_and_says_how_it_was_read(visitor, server):
    tab = visitor(width=360)
    page = tab.open("")
    type_search(page, "niryat pratibandh")
    top = next(result for result in shown_results(page) if result["notes"])
    assert "reasons/" in top["href"] and "#compute" in top["href"], top["href"]
    assert "niryat → निर्यात" in top["notes"][0] and "pratibandh → प्रतिबंध" in top["notes"][0], top
    with page.expect_navigation():
        page.click("a.md-search-result__link[href*='compute']")
    page.wait_for_selector("article mark")
    marks = {text for text in page.eval_on_selector_all("article mark", "marks => marks.map(m => m.textContent)")}
    assert {"निर्यात", "प्रतिबंधों"} <= marks, marks  # the page marks the Hindi words the Latin letters found
    assert not tab.errors


@pytest.mark.parametrize("path, query, said", [
    ("en/", "deepsek", "Showing results for DeepSeek"),
    ("en/", "huggingface", "Showing results for Hugging Face"),
    ("", "deepsek", "DeepSeek के नतीजे दिखाए जा रहे हैं"),
])
def test_a_misspelled_word_finds_what_it_meant_and_says_so(visitor, path, query, said):
    page = visitor().open(path)
    type_search(page, query)
    notes = [note for result in shown_results(page) for note in result["notes"]]
    assert notes == [said], notes  # said once, at the top


def test_a_word_found_nowhere_is_said_to_be_missing(visitor):
    page = visitor().open("")
    type_search(page, "कंपनी बंद zqxjvw")
    links = result_links(page)
    assert links and all("zqxjvw" in link["missing"] for link in links if link["missing"])
    assert any(link["missing"] == ["zqxjvw"] for link in links)


LONG_QUESTION = (
    "मैं यह जानना चाहता हूँ कि 01.AI नाम की कंपनी की स्थापना कब और किसने की थी, काई-फू ली ने इसे शुरू करने के बाद Yi "
    "मॉडल को ओपन-सोर्स क्यों किया, LLaMA से जुड़ा विवाद क्या था, अमेरिकी निर्यात प्रतिबंधों और GPU की कमी का कंपनी पर क्या "
    "असर पड़ा, डीपसिक और Alibaba के Qwen जैसे मॉडलों से प्रतिस्पर्धा में वह पीछे क्यों रह गई, उसने अपनी प्री-ट्रेनिंग टीम को "
    "Alibaba को क्यों सौंप दिया, और क्या अब यह कंपनी पूरी तरह बंद हो गई है या अभी भी काम कर रही है, उसके कितने karmachari "
    "बचे हैं और क्या उसका मूल्यांकन अब भी एक अरब डॉलर है?")
LITTLE_WORDS = {"के", "की", "का", "में", "और", "है", "हैं", "क्या", "ने", "से", "को", "मैं", "यह", "कि"}


def test_a_long_pasted_question_gets_one_short_note_and_no_little_word_marked(visitor, site):
    """Each reading said once, in at most a line; a word of the text is never read as another, nor
    "corrected"; the little words of the question are not marked, and no result lists under
    "Missing:" the question's words it does not hold."""
    page = visitor(width=360).open("")
    type_search(page, LONG_QUESTION)
    notes = page.eval_on_selector_all(".search-note", """notes => notes.filter(note => note.checkVisibility())
        .map(note => [note.textContent, note.getBoundingClientRect().height / parseFloat(getComputedStyle(note).lineHeight)])""")
    assert len(notes) == 1, notes
    note, lines = notes[0]
    assert lines < 1.5, notes
    readings = note.removesuffix(" …").split(" · ")
    assert len(readings) == len(set(readings)) and "डीपसिक → DeepSeek" in readings, readings
    text = json.loads((site / "search" / "search_documents.json").read_text(encoding="utf-8"))
    written = {word.casefold() for doc in text["docs"] for part in [doc["title"], *doc["text"]] for word in part.split()}
    assert not [reading for reading in readings if reading.split(" → ")[0].casefold() in written], readings
    links = result_links(page)
    marks = {mark for link in links for _, mark, _ in link["marks"]}
    assert marks and not marks & LITTLE_WORDS, marks & LITTLE_WORDS
    assert not [link["missing"] for link in links if link["missing"]]  # no result lists the question's other words


def test_a_20000_character_token_is_answered_and_the_next_search_too(visitor):
    page = visitor().open("en/")
    type_search(page, "Yi")
    none = page.evaluate("JSON.parse(document.getElementById('__config').textContent).translations['search.result.none']")
    page.fill("input.md-search__input", "deepsek" * 2_857 + "x")
    page.wait_for_function("text => document.querySelector('.md-search-result__meta').innerText === text", arg=none,
                           timeout=10_000)  # as long as any search is given, on a slow test machine
    page.fill("input.md-search__input", "Kai-Fu Lee")
    page.wait_for_selector(".md-search-result__item a.md-search-result__link[href*='background/']", timeout=10_000)
    assert "Kai" in page.inner_text(".md-search-result__item")


@pytest.mark.parametrize("path, query", [("", "मूल्यांकन"), ("", "labh"), ("en/", "valuation"), ("en/", "Kai-Fu Lee"),
                                         ("en/", "open source")])
def test_a_result_shows_a_sentence_or_two_without_the_sites_boilerplate(visitor, path, query):
    """Each result fits a phone's screen: one or two sentences around the match; never the note
    on the article's origin; citation numbers left out without leaving their commas or a space
    before the full stop."""
    page = visitor(width=360).open(path)
    type_search(page, query)
    origin = {"": "मशीन से तैयार किया गया और अनूदित नोट है", "en/": "machine-generated, translated note by an unknown author"}
    for result in shown_results(page):
        text = result["text"]
        assert origin[path] not in text, result
        assert len(text) <= 420, result  # two sentences of at most 200 characters, and the "…"
        assert not re.search(r"\s[,.;:।)]|,\s*,|\(\s*\)", text), result
        assert result["height"] < 780, result  # shorter than the screen


# ---- Keyboard and screen readers ----

@pytest.mark.parametrize("path, light, dark", [("", "हल्के रंग", "गहरे रंग"), ("en/", "Light colours", "Dark colours")])
def test_the_colour_toggle_is_announced_as_what_it_is_and_flips_with_space_and_enter(visitor, path, light, dark):
    tab = visitor(scheme="light")
    page = tab.open(path)
    toggle = page.locator("form[data-md-component=palette]")
    assert f'radio "{light}" [checked]' in toggle.aria_snapshot() and f'radio "{dark}"' in toggle.aria_snapshot()
    page.focus("input.md-option:checked")
    for key, scheme, name in ((" ", "slate", dark), ("Enter", "default", light)):
        page.keyboard.press(key)
        assert page.get_attribute("body", "data-md-color-scheme") == scheme, key
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == name, key
        assert f'radio "{name}" [checked]' in toggle.aria_snapshot(), key
    assert not tab.errors


def test_with_search_empty_the_next_tab_lands_where_the_reader_sees_it(visitor):
    page = visitor().open("en/")
    page.keyboard.press("/")
    page.wait_for_function("document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Tab")
    shown = page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el)
        return {what: el.className, seen: el.checkVisibility({opacityProperty: true, visibilityProperty: true})
                && box.width > 0 && box.height > 0, ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0}
    }""")
    assert shown["seen"] and shown["ring"], shown


@pytest.mark.parametrize("path, word, note", [("reasons/", "स्रोत", "संपादकीय टिप्पणी"),
                                              ("en/reasons/", "Sources", "Editor's note")])
def test_a_screen_reader_hears_citations_as_sources_and_finds_the_notes(visitor, pages, path, word, note):
    """In Chromium's accessibility tree: a citation of three sources, [5, 7, 12], is a group
    named "Sources 5, 7, 12", each number a link named by its source, with no brackets or commas
    read; each editor's note a region named by its title, which a screen reader lists among the
    page's landmarks."""
    article = next(p for p in pages if p.url == path).article
    numbers = next(links for group in article.cssselect("sup.cite")
                   if len(links := [link.text_content() for link in group.cssselect("a")]) == 3)
    sources = f"{word} {', '.join(numbers)}"
    page = visitor().open(path)
    tree = page.get_by_role("group", name=sources, exact=True).first.aria_snapshot()
    assert tree.startswith(f'- group "{sources}"'), tree
    assert "[" not in tree and "," not in tree.split("\n", 1)[1], tree  # only the links, named by their sources
    assert tree.count('link "') == 3 and all(f'text: "{number}"' in tree for number in numbers), tree
    expected = len(article.cssselect(".admonition.editor"))
    names = [region.get_attribute("aria-labelledby") for region in page.get_by_role("region").all()]
    said = [page.evaluate("ids => ids.split(' ').map(id => document.getElementById(id).textContent).join(' ')", ids)
            for ids in names if ids and ids.startswith("note-")]
    assert len(said) == expected > 0 and all(name.startswith(f"{note} “") for name in said), said
    assert len(set(said)) == len(said)  # each region its own name, to be told apart in a list of landmarks


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "en/reasons/"])
def test_every_focus_stop_is_seen(visitor, width, path):
    """The first 40 stops of the Tab key, each on screen when it has the focus: nothing in a
    closed drawer or a closed search panel (off screen on a phone) takes it."""
    page = visitor(width=WIDTHS[width]).open(path)
    unseen = []
    seen = """() => {
            const el = document.activeElement, shown = el.matches(".md-option") ? el.nextElementSibling : el
            const box = shown.getBoundingClientRect()
            const seen = shown.checkVisibility({opacityProperty: true, visibilityProperty: true}) && box.width > 0
                && box.height > 0 && box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight
            return seen ? null : `${el.tagName} ${el.className} “${(el.getAttribute("aria-label") || el.textContent).trim().slice(0, 30)}”`
        }"""
    for stop in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(seen):  # not yet: a skip link or a menu may still be fading in
            page.wait_for_timeout(400)
        if where := page.evaluate(seen):
            unseen.append(f"stop {stop + 1}: {where}")
    assert not unseen, "\n".join(unseen)


# ---- Web storage forbidden (cookies blocked): reading localStorage or sessionStorage throws ----

BLOCK_STORAGE = """for (const name of ["localStorage", "sessionStorage"])
    Object.defineProperty(window, name, {get() { throw new DOMException("The operation is insecure.", "SecurityError") }})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path, query", [("reasons/", "मॉडल"), ("en/reasons/", "Qwen")])
def test_with_storage_blocked_the_scheme_the_toggle_search_and_previews_work(visitor, path, query, scheme, width):
    tab = visitor(scheme=scheme, width=WIDTHS[width])
    tab.context.add_init_script(BLOCK_STORAGE)
    page = tab.open(path)
    assert page.evaluate("() => { try { localStorage; return false } catch { return true } }")  # blocked indeed
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]  # the device's scheme
    other = next(value for value in SCHEMES.values() if value != SCHEMES[scheme])
    for flipped in (other, SCHEMES[scheme]):  # the first click also starts Material's script, which keeps the choice
        page.locator("form[data-md-component='palette'] label:not([hidden])").click()
        page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=flipped)
    link = page.locator("a.cite__link").nth(3)
    link.scroll_into_view_if_needed()
    link.click()
    page.locator(".source:popover-open .source__open").wait_for()
    page.keyboard.press("Escape")
    type_search(page, query)
    assert page.locator(".md-search-result__item").count() > 0
    assert not tab.errors


# ---- The page for a missing address, in the language of the address ----

CHROME = """() => ({lang: document.documentElement.lang, title: document.querySelector(".md-header__topic").textContent.trim(),
    search: document.querySelector("input.md-search__input").placeholder,
    nav: [...document.querySelectorAll("nav.md-nav--primary a.md-nav__link:not([href^='#'])")]
        .map(a => [a.textContent.trim(), a.pathname]),
    footer: document.querySelector(".md-copyright").textContent.trim()})"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("missing, query", [("en/no-such-page/", "Qwen"), ("en/deep/er/still.html?x=1#y", "Qwen"),
                                            ("no-such-page/", "मॉडल")])
def test_a_missing_address_is_answered_in_its_languages_words_and_search(visitor, server, missing, query, scheme, width):
    """Under /en/ the page for a missing address speaks English around its message (header,
    navigation, search box, footer: as on the English home page) and searches the English text;
    elsewhere Hindi; the address stays the one the reader asked for."""
    tab = visitor(scheme=scheme, width=WIDTHS[width])
    prefix = "en/" if missing.startswith("en/") else ""
    home = tab.open(prefix).evaluate(CHROME)
    page = tab.open(missing)
    assert page.url == server.url + missing
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    shown = page.evaluate(CHROME)
    assert shown == home, (shown, home)
    assert page.locator("h1#not-found").inner_text().startswith("Page not found" if prefix else "पृष्ठ नहीं मिला")
    type_search(page, query)
    paths = [urlsplit(href).path for href in page.eval_on_selector_all("a.md-search-result__link", "links => links.map(a => a.href)")]
    assert paths and all(path.startswith(urlsplit(server.url).path + prefix) for path in paths), paths
    assert all(path.startswith(urlsplit(server.url).path + "en/") == bool(prefix) for path in paths), paths
    asked = server.url + missing.split("#")[0]
    assert [error for error in tab.errors if asked not in error and "404 (Not Found)" not in error] == []


def test_without_a_script_a_missing_address_is_answered_in_both_languages(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.url + "en/no-such-page/")
        assert page.get_attribute("html", "lang") == "hi"
        heading, english = page.inner_text("h1#not-found"), page.inner_text("article p[lang=en]")
        assert "पृष्ठ नहीं मिला" in heading and "Page not found" in heading and "English home page" in english
    finally:
        context.close()


# ---- The header by keyboard ----

LANGUAGE_MENU = [".md-select > button", "a.md-select__link[hreflang=hi]", "a.md-select__link[hreflang=en]"]
HEADER_ORDER = {  # what the Tab key meets, from the top of the page, before the page's content
    "phone": [".md-skip", ".md-header__button[for=__drawer] > button", "input.md-option", *LANGUAGE_MENU,
              ".md-header__button[for=__search] > button"],
    "desktop": [".md-skip", "a.md-logo", "input.md-option", *LANGUAGE_MENU, "input.md-search__input"],
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["", "en/reasons/"])
def test_the_tab_key_reaches_every_control_of_the_header_in_order(visitor, path, width):
    """The drawer's and search's buttons (labels of Material's toggles) too: each a button named
    as what it opens (the navigation, search), seen when it has the focus."""
    page = visitor(width=WIDTHS[width]).open(path)
    reached = []
    for expected in HEADER_ORDER[width]:
        page.keyboard.press("Tab")
        reached.append(page.evaluate("""expected => {
            const el = document.activeElement, shown = el.matches(".md-option") ? el.nextElementSibling : el
            const seen = shown.checkVisibility({visibilityProperty: true}) && shown.getBoundingClientRect().width > 0
            return [expected, el.matches(expected), seen]
        }""", expected))
    assert all(found and seen for _, found, seen in reached), reached
    names = page.evaluate("""() => [...document.querySelectorAll(".md-header__button:is([for=__drawer], [for=__search]) button")]
        .map(button => [button.type, button.getAttribute("aria-label")])""")
    said = page.evaluate("""() => [document.querySelector("nav.md-nav--primary").getAttribute("aria-label"),
                                   document.querySelector(".md-search").getAttribute("aria-label")]""")
    assert names == [["button", said[0]], ["button", said[1]]], (names, said)


@pytest.mark.parametrize("key", ["Enter", " "])
@pytest.mark.parametrize("path", ["", "en/reasons/"])
def test_the_drawer_and_search_open_and_close_by_keyboard_on_a_phone(visitor, path, key):
    """The drawer's button opens it with the focus inside; Escape closes it, and so does the focus
    leaving it, the focus back on the button; search's button opens search with the cursor in its
    box, and Escape closes it, the focus back on its button."""
    tab = visitor(width=360)
    page = tab.open(path)
    focused = "selector => document.activeElement.matches(selector)"
    page.focus(".md-header__button[for=__drawer] > button")
    page.keyboard.press(key)
    assert page.is_checked("#__drawer") and page.get_attribute(".md-header__button[for=__drawer] > button", "aria-expanded") == "true"
    assert page.evaluate(focused, ".md-sidebar--primary a")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer") and page.evaluate(focused, ".md-header__button[for=__drawer] > button")
    assert page.get_attribute(".md-header__button[for=__drawer] > button", "aria-expanded") == "false"
    page.keyboard.press(key)
    links = page.locator(".md-sidebar--primary a").count()
    for _ in range(links):  # past its last link
        page.keyboard.press("Tab")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    page.focus(".md-header__button[for=__search] > button")
    page.keyboard.press(key)
    assert page.is_checked("#__search") and page.evaluate(focused, "input.md-search__input")
    page.keyboard.type("Yi")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked")
    assert page.evaluate(focused, ".md-header__button[for=__search] > button")
    assert not tab.errors
