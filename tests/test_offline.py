"""Reading offline and the site as an app (site_build/offline.py, assets/javascripts/offline-worker.js):
each language's manifest and icons, installable in Chromium; the service worker, which comes once
a page has loaded, keeps every page read with what it needs, shows a kept copy offline with the
day it was kept and the day its facts were last checked, answers a page not kept with the
offline page of its language, keeps search working, and gives way to a newer build at once."""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from urllib.parse import urljoin, urlsplit

import babel.dates
import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import LANGUAGES, build, edit, hook, site_base
from PIL import Image
from test_browser import AXE_RULES, SCHEMES

from tools import layout
from tools.pageload import CHROMIUM, CHROMIUM_ARGS, PHONE, search
from tools.pages_server import PagesServer

BRAND = hook("head").brand_colour()
CACHES = "caches.keys()"
# The kept copies of this origin's caches, by address from the site's root.
KEPT = """async () => { const kept = []
  for (const name of await caches.keys())
    for (const request of await (await caches.open(name)).keys()) kept.push(request.url)
  return kept }"""


def manifest(site, prefix: str) -> dict:
    return json.loads((site / prefix / "manifest.webmanifest").read_text(encoding="utf-8"))


@pytest.fixture
def profile(browser, tmp_path):
    """A Chromium with a profile on disk (an incognito context installs nothing), phone-sized."""
    opened = []

    def launch():
        opened.append(browser.browser_type.launch_persistent_context(
            str(tmp_path / f"profile-{len(opened)}"), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            viewport=PHONE))
        return opened[-1]

    yield launch
    for context in opened:
        context.close()


def settled(page, path: str):
    """Open a page and wait until the service worker has kept it."""
    page.goto(path)
    page.wait_for_load_state("networkidle")
    address = path.split("?")[0]
    deadline = time.monotonic() + 10
    while address not in page.evaluate(KEPT):
        assert time.monotonic() < deadline, f"{address} was not kept"
        time.sleep(0.2)


def day_label(day: datetime.date, lang: str) -> str:
    return babel.dates.format_date(day, "d MMMM y", locale=lang)


# ---- the manifest and the icons ----

@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_manifest_in_its_language(site, lang):
    prefix, base = LANGUAGES[lang], site_base()
    found = manifest(site, prefix)
    assert found["name"] == layout.settings().site_names[lang]
    assert found["lang"] == lang and found["short_name"] and found["short_name"] != manifest(
        site, next(other for other in LANGUAGES.values() if other != prefix))["short_name"]
    assert any("\u0900" <= char <= "\u097f" for char in found["short_name"]) == (lang == "hi")
    assert (found["start_url"], found["id"], found["scope"]) == (base + prefix, base + prefix, base)
    assert (found["display"], found["theme_color"]) == ("standalone", BRAND)
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in found["icons"]}
    assert set(icons) == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    for (sizes, _), src in icons.items():
        assert src.startswith(base) and Image.open(site / src.removeprefix(base)).size == tuple(map(int, sizes.split("x")))


def test_every_page_links_the_manifest_of_its_language(pages, site):
    for page in pages:
        (href,) = page.tree.xpath("//link[@rel='manifest']/@href")
        assert urljoin(f"/{page.url}", href) == f"/{LANGUAGES[page.lang]}manifest.webmanifest", page.url
    for prefix in LANGUAGES.values():
        assert f'<link rel="manifest" href="{site_base()}{prefix}manifest.webmanifest">' in \
            (site / prefix / "offline.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, maskable", [("icon-192.png", False), ("icon-512.png", False),
                                            ("icon-maskable.png", True)])
def test_the_icons_draw_the_favicon_s_mark(site, name, maskable):
    image = Image.open(site / "assets" / "images" / name).convert("RGBA")
    size = image.width
    brand = tuple(int(BRAND[i:i + 2], 16) for i in (1, 3, 5)) + (255,)
    # The favicon's rounded square, or, where the platform cuts the shape, a full one.
    assert image.getpixel((0, 0)) == (brand if maskable else (0, 0, 0, 0))
    assert image.getpixel((size // 10, size // 2)) == brand
    text = [(x, y) for x in range(size) for y in range(size) if image.getpixel((x, y))[:3] == (255, 255, 255)]
    assert len(text) > size * size // 50, "the white '01' of the favicon"
    if maskable:  # the mark inside the safe zone, a circle of 40 % of the icon's size around its centre
        assert all((x - size / 2) ** 2 + (y - size / 2) ** 2 <= (0.4 * size) ** 2 for x, y in text)


def test_chromium_reports_no_installability_errors(server, profile):
    context = profile()
    page = context.new_page()
    session = context.new_cdp_session(page)
    for prefix in LANGUAGES.values():
        page.goto(server.url + prefix)
        page.wait_for_load_state("networkidle")
        assert session.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}, prefix
        assert page.evaluate("fetch(document.querySelector('link[rel=manifest]').href).then(r => r.json())")[
            "start_url"] == site_base() + prefix


# ---- what the pages link, and what the worker costs ----

def test_the_site_s_own_files_carry_a_digest_of_their_content(pages, site):
    for page in pages:
        for address in page.tree.xpath("//link[@rel='stylesheet' or @rel='icon']/@href | //script/@src"):
            path = urlsplit(urljoin(f"/{page.url}", address))
            if "bundle." not in path.path:
                digest = hashlib.sha256((site / path.path.lstrip("/")).read_bytes()).hexdigest()[:8]
                assert path.query == f"v={digest}", (page.url, address)


def test_the_worker_comes_once_the_page_has_loaded_and_fetches_little(browser, site):
    """The worker is registered after the page's load event; what it fetches on the wire is
    itself, and the two files a page needs offline that it did not load: the sources' previews
    and the offline page of its language (the rest comes from the browser's cache)."""
    with PagesServer(site, site_base()) as server:
        context = browser.new_context(viewport=PHONE)
        worker = []
        context.on("requestfinished", lambda request: request.service_worker and worker.append(request.timing["startTime"]))
        page = context.new_page()
        settled(page, server.url + "en/timeline/")
        loaded = page.evaluate("performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventEnd")
        assert worker and min(worker) >= loaded, (min(worker) - loaded, "ms from the load event to the worker")
        served = [path.removeprefix(site_base()) for path, _, _ in server.served]
        assert sorted(path for path in served if served.count(path) == 1 and not path.startswith("assets/")) == \
            ["en/offline.html", "en/references/sources.html", "en/timeline/", "sw.js"]
        assert all(served.count(path) == 1 for path in served), served
        context.close()


# ---- reading offline ----

def test_pages_read_online_are_read_offline_and_a_newer_build_replaces_them(project, tmp_path, profile):
    site_dir = tmp_path / "served"
    built = build(site_dir, project)
    assert built.returncode == 0, built.stderr
    today = datetime.date.today()
    checked = hook("records").Date(layout.settings().checked, "day")
    with PagesServer(site_dir, site_base()) as server:
        context = profile()
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        read = {"hi": "reasons/", "en": "en/timeline/"}
        for path in read.values():
            settled(page, server.url + path)
            search(page, "Yi")
        first_cache = page.evaluate(CACHES)
        assert len(first_cache) == 1

        context.set_offline(True)
        for lang, path in read.items():
            page.goto(server.url + path)
            note = page.locator("article p[role=note]")
            assert note.inner_text() == {
                "hi": f"आप ऑफ़लाइन हैं: यह इस पृष्ठ की {day_label(today, 'hi')} को सहेजी गई प्रति है। "
                      f"तथ्यों की पिछली जाँच: {checked.label('hi')}।",
                "en": f"You are offline: this is the copy of this page kept on {day_label(today, 'en')}. "
                      f"Facts last checked on {checked.label('en')}."}[lang]
            assert note.locator("time").first.get_attribute("datetime") == today.isoformat()
            assert page.locator("article h1").count() == 1 and page.locator("link[rel=stylesheet]").count() == 2
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
            search(page, "Yi")  # Material's script, the search worker and the search text, all kept
        for lang, unread in {"hi": "about/", "en": "en/about/"}.items():
            page.goto(server.url + unread)
            assert page.locator("html").get_attribute("lang") == lang
            assert page.inner_text("h1") == {"hi": "आप ऑफ़लाइन हैं", "en": "You are offline"}[lang]
            links = page.locator(".kept-pages a:visible")
            other = next(each for each in read if each != lang)
            assert [urlsplit(link.get_attribute("href")).path for link in links.all()] == \
                [site_base() + read[lang], site_base() + read[other]]  # its language's, then the other's
            assert links.last.inner_text() == {"hi": "कारण", "en": "Timeline"}[other]
            assert page.locator(".kept-pages li:visible").last.get_attribute("lang") == other
        assert errors == []

        context.set_offline(False)
        edit(project / "docs" / "timeline.en.md", "The article gives most dates", "A corrected text: the article gives most dates")
        rebuilt = build(site_dir, project)
        assert rebuilt.returncode == 0, rebuilt.stderr
        page.goto(server.url + read["en"])
        assert "A corrected text" in page.inner_text("article")  # the first visit online
        deadline = time.monotonic() + 15
        while page.evaluate(CACHES) in ([], first_cache) or len(page.evaluate(CACHES)) != 1:
            assert time.monotonic() < deadline, f"the old cache is still there: {page.evaluate(CACHES)}"
            time.sleep(0.2)
        context.set_offline(True)
        page.goto(server.url + read["en"])  # the kept copy is the newer build's
        assert "A corrected text" in page.inner_text("article") and page.locator("article p[role=note]").count() == 1


def test_the_worker_keeps_each_page_once_and_nothing_else(browser, site):
    """However a page is asked for, one copy (and no page that is not the site's, no other file);
    offline, a page of a language the reader has kept no page of lists the pages of the other."""
    with PagesServer(site, site_base()) as server:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        settled(page, server.url + "reasons/")
        for path in ["reasons/?h=Yi", "reasons/#compute", "reasons/index.html", "no-such-page/", "data/timeline.json"]:
            page.goto(server.url + path)
            page.wait_for_load_state("networkidle")
        kept = [url.removeprefix(server.url) for url in page.evaluate(KEPT)]
        assert sorted(url for url in kept if not url.startswith("assets/")) == \
            ["offline.html", "reasons/", "references/sources.html"]
        context.set_offline(True)
        page.goto(server.url + "en/about/")
        assert page.inner_text("h1") == "आप ऑफ़लाइन हैं"
        assert [link.get_attribute("href") for link in page.locator(".kept-pages a:visible").all()] == \
            [site_base() + "reasons/"]
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_kept_copy_and_the_offline_page_are_accessible_on_a_phone(visitor, screenshots, scheme):
    tab = visitor(scheme=scheme, width=PHONE["width"])
    read = {"hi": "reasons/", "en": "en/timeline/"}
    for path in read.values():
        settled(tab.page, tab.server.url + path)
    tab.context.set_offline(True)
    problems = []
    for lang, path in read.items():
        for shown, address in (("kept", path), ("offline", LANGUAGES[lang] + "about/")):
            page = tab.open(address)
            assert page.locator("article p[role=note]").count() == (shown == "kept"), address
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
            problems += [f"/{address}: axe {violation['id']} ({violation['impact']})"
                         for violation in Axe().run(page, options=AXE_RULES).response["violations"]]
            page.screenshot(path=screenshots / f"{lang}-offline-{shown}-{scheme}-phone.png")
    assert not problems + tab.violations, "\n".join(problems + tab.violations)
