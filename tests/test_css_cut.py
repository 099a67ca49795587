"""Material's stylesheets cut to what the site shows (site_build/css_cut.py): the rules it keeps and
drops, its cache, and the proof that nothing changed for the eye: screenshots of the built site
and of the same site with Material's whole stylesheets, pixel for pixel, in every state of the
matrix (every page in both languages and the 404 pages, light and dark, 360 and 1280 px, each
combination on every other page; the drawer, search with results, a source's preview and the
language menu open, in both languages, each in one scheme; each page printed, in one language)."""

from __future__ import annotations

import io
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import pytest
import tinycss2
from conftest import LANGUAGES, ROOT, SLUGS, hook, site_base
from mkdocs.config import load_config
from PIL import Image, ImageChops

from tools.pageload import CHROMIUM, CHROMIUM_ARGS
from tools.pages_server import PagesServer

css_cut = hook("css_cut")


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


# ---- what is kept, in-process on a small site ----

PAGE = """<!doctype html><html class="no-js"><body data-md-color-scheme="default">
<input class="md-option" data-md-color-scheme="default"><input class="md-option" data-md-color-scheme="slate">
<div class="shown"><p class="para">text</p><a class="link" href="#">a</a></div>
<ol class="list"><li>one</li></ol></body></html>"""
SCRIPT = """document.documentElement.classList.replace("no-js", "js");
const note = x("div", {class: "made made--big"}); el.classList.toggle("link--active", on)
const word = "lonely-word"; getComputedStyle(el).getPropertyValue("--read-by-script")"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory, config):
    folder = tmp_path_factory.mktemp("small")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    (folder / "assets" / "javascripts").mkdir(parents=True)
    (folder / "assets" / "javascripts" / "starter.js").write_text(SCRIPT, encoding="utf-8")
    return css_cut.read_site(folder, config)


def cut(site, css: str) -> tuple[str, str]:
    """The page's and the script's part of a stylesheet, each as its rules' text."""
    cutter, kinds = css_cut.Cutter(site), {}
    rules = css_cut.without_unused(cutter.rules(tinycss2.parse_stylesheet(css, skip_whitespace=True), kinds),
                                   site.script_words)
    css_cut.keep_cascade(rules, kinds, [], site)
    return tuple(tinycss2.serialize(part) for part in css_cut.split(rules, kinds))


@pytest.mark.parametrize("css, page, script", [
    (".shown .para{color:red}", ".shown .para{color:red}", ""),  # matches an element
    (".gone{color:red}", "", ""),  # matches nothing, and no script adds it
    (".para .shown{color:red}", "", ""),  # every class is there, but never so
    (".link:hover,.link:focus-visible::after{color:red}", ".link:hover,.link:focus-visible::after{color:red}", ""),
    (".list>li:first-child{margin:0}", ".list>li:first-child{margin:0}", ""),
    (".list>li:last-child+li{margin:0}", "", ""),
    (".made .para{color:red}", "", ".made .para{color:red}"),  # a class of an element a script makes
    (".link--active{color:red}", "", ".link--active{color:red}"),  # a class a script adds
    (".js .shown{color:red}", "", ".js .shown{color:red}"),
    (".lonely-word{color:red}", "", ""),  # a word of a script, never given as a class
    (".gone,.para{color:red}", ".para{color:red}", ""),  # a list loses what matches nothing
    (".gone::-webkit-x,.para{color:red}", ".gone::-webkit-x,.para{color:red}", ""),  # unless one is another browser's
    ("@media screen{.gone{color:red}.para{color:blue}}", "@media screen{.para{color:blue}}", ""),
    ("@media print{.gone{color:red}}", "", ""),
    ("@media print{.shown{color:red}}", "@media print{.shown{color:red}}", ""),
    ("[data-md-color-scheme=slate] .para{color:red}", "[data-md-color-scheme=slate] .para{color:red}", ""),
    ("[data-md-color-scheme=dracula] .para{color:red}", "", ""),  # a scheme the site does not have
    ("[dir=rtl] .para{color:red}", "", ""),
])
def test_a_rule_stays_where_an_element_or_a_script_can_show_it(small_site, css, page, script):
    assert cut(small_site, css) == (page, script)


def test_custom_properties_and_keyframes_stay_while_something_uses_them(small_site):
    page, _ = cut(small_site, ":root{--used:1px;--via:var(--used);--unused:2px;--read-by-script:0}"
                              ".para{margin:var(--via);animation:spin 1s}@keyframes spin{to{opacity:0}}"
                              "@keyframes idle{to{opacity:0}}@keyframes lonely-word{to{opacity:0}}")  # a script's word
    assert page == ":root{--used:1px;--via:var(--used);--read-by-script:0}.para{margin:var(--via);animation:spin 1s}" \
                   "@keyframes spin{to{opacity:0}}"


def test_no_script_names_an_animation_so_keyframes_are_the_stylesheets_alone(site):
    """The cut keeps a keyframes rule only for a kept declaration that names it: it holds while no
    script of the site (Material's or ours) sets an animation itself."""
    sets_animation = re.compile(r"""\.animation(?:Name)?\s*=(?!=)|["'`]animation(?:-name)?["'`]""")
    scripts = [path for pattern in css_cut.SCRIPTS for path in site.glob(pattern)]
    assert len(scripts) == len(css_cut.SCRIPTS)
    assert not [path.name for path in scripts if sets_animation.search(path.read_text(encoding="utf-8"))]
    assert sets_animation.search('el.style.animation = "spin 1s"') and sets_animation.search('setProperty("animation-name", x)')


def test_a_rule_for_a_script_stays_in_the_page_when_a_later_rule_would_win_there(small_site):
    """The script's stylesheet comes after the page's: a rule moves there only where no later rule
    of the same specificity that can style the same element sets what it sets."""
    assert cut(small_site, ".link--active{color:red}.link{color:blue}") == \
        (".link--active{color:red}.link{color:blue}", "")
    assert cut(small_site, ".link--active{color:red}.link{margin:0}") == (".link{margin:0}", ".link--active{color:red}")
    assert cut(small_site, ".link--active{color:red}.shown .link{color:blue}") == \
        (".shown .link{color:blue}", ".link--active{color:red}")  # higher specificity: order does not matter


def test_switched_off_features_add_nothing(small_site, config):
    site = css_cut.Site()
    css_cut.read_scripts(site, ['x("div", {class: "md-tooltip2 md-typeset"})'], ("md-tooltip",))
    assert not site.added["class"]  # an element only a switched-off feature makes
    css_cut.read_scripts(site, ['x("article", {class: "md-search-result__article md-typeset"})'], ("md-tooltip",))
    assert site.added["class"] == {"md-search-result__article", "md-typeset"}
    css_cut.read_scripts(site, ['css = "color: var(--md-tooltip-bg-color); width: var(--md-search-width)"'],
                         ("md-tooltip", "mermaid"))
    assert "--md-search-width" in site.script_words  # a custom property a script can read
    assert "--md-tooltip-bg-color" not in site.script_words  # only a switched-off feature's script reads it
    css_cut.read_scripts(site, ['css = "font: var(--md-mermaid-font-family)"'], ("mermaid",))
    assert "--md-mermaid-font-family" not in site.script_words
    bundle = next((css_cut.material.templates() / "assets" / "javascripts").glob("bundle.*.min.js")).read_text()
    for feature, (prefixes, on) in css_cut.FEATURES.items():
        assert not on(config), f"{feature} is on: its classes are not switched off"
        assert any(f'"{prefix}' in bundle or f"`{prefix}" in bundle for prefix in prefixes), \
            f"Material's script adds no class beginning {prefixes} any more: FEATURES is out of date"


def test_the_cut_is_cached_by_what_goes_into_it(site, tmp_path, config, monkeypatch):
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    monkeypatch.setattr(css_cut, "CACHE", tmp_path / "cache")
    css_cut.write(copy, config)
    first = (copy / css_cut.PAGE).read_text(encoding="utf-8")
    monkeypatch.setattr(css_cut, "stylesheets", lambda *args, **kwargs: pytest.fail("cut again"))
    css_cut.write(copy, config)
    assert (copy / css_cut.PAGE).read_text(encoding="utf-8") == first
    (copy / "about" / "index.html").write_text(PAGE, encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="cut again"):
        css_cut.write(copy, config)


def test_the_site_ships_only_the_cut_stylesheets(site, pages):
    assert sorted(path.name for path in (site / "assets" / "stylesheets").iterdir()) == \
        ["page.css", "print.css", "scripted.css"]
    for page in pages:
        links = [urlsplit(link.get("href")).path.rsplit("/", 1)[-1] for link in page.tree.xpath("//link[@rel='stylesheet']")]
        assert links == ["page.css", "print.css"], page.url


# ---- nothing changed for the eye ----

@pytest.fixture(scope="module")
def uncut(site, tmp_path_factory, config):
    """The built site with Material's whole stylesheets in the place of the cut."""
    copy = tmp_path_factory.mktemp("uncut") / "site"
    shutil.copytree(site, copy)
    css_cut.write(copy, config, cut=False)
    return copy


@pytest.fixture(scope="module")
def servers(site, uncut):
    with PagesServer(site, site_base()) as cut_server, PagesServer(uncut, site_base()) as uncut_server:
        yield cut_server, uncut_server


def started(tab):
    """Material's script has started (with the stylesheet that comes with it)."""
    tab.wait_for_function("() => window.component$ !== undefined")


def open_drawer(tab):
    tab.click("label.md-header__button[for='__drawer']")
    started(tab)
    tab.wait_for_function("() => document.getElementById('__drawer').checked")


def search_with_results(tab):
    if not tab.is_visible("input.md-search__input"):
        tab.click("label.md-header__button[for='__search']")
    tab.focus("input.md-search__input")
    started(tab)
    tab.keyboard.type("Yi")
    tab.wait_for_selector(".md-search-result__item")
    tab.wait_for_timeout(300)  # the rest of the results


def open_preview(tab):
    tab.click("a.cite__link")
    tab.wait_for_selector(".source:popover-open .source__open")  # whole, with the previews' file
    started(tab)


def open_language_menu(tab):
    tab.hover(".md-header__option .md-select")
    started(tab)
    tab.wait_for_selector(".md-select__inner", state="visible")


# Every page at both widths and in both schemes, and each of the four combinations on every other
# page, the other two in the other language (the cut is one stylesheet for all pages: a rule it
# loses shows wherever its element is).
PAIRS = [(("light", 360), ("dark", 1280)), (("dark", 360), ("light", 1280))]
STATES = [
    *[(f"/{prefix}{slug}", scheme, width, None)
      for m, prefix in enumerate(LANGUAGES.values()) for n, slug in enumerate([*SLUGS, "404.html"])
      for scheme, width in PAIRS[(m + n) % 2]],
    # printed: each page in one language, the languages in turn
    *[(f"/{list(LANGUAGES.values())[n % 2]}{slug}", "light", 1280, "print") for n, slug in enumerate(SLUGS)],
    # each open state in both languages, each in one scheme, the schemes in turn
    *[(f"/{prefix}reasons/", ("light", "dark")[(m + n) % 2], width, action)
      for m, prefix in enumerate(LANGUAGES.values())
      for n, (width, action) in enumerate([(360, "drawer"), (360, "search"), (1280, "search"), (360, "preview"),
                                           (1280, "preview"), (1280, "language menu")])],
]
ACTIONS = {"drawer": open_drawer, "search": search_with_results, "preview": open_preview,
           "language menu": open_language_menu}


def screenshot(browser, server, path: str, scheme: str, width: int, action: str | None) -> bytes:
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(server.url + path.lstrip("/"))
        tab.evaluate("document.fonts.ready")
        if action == "print":
            tab.pdf()  # fires beforeprint: the page places its sources, as when a reader prints
            tab.emulate_media(media="print")
        elif action:
            ACTIONS[action](tab)
        whole = action in (None, "print")
        if whole:  # at its whole height first: a new size starts transitions (the search box's placeholder
            # fades for 250 ms), which a full-page screenshot, resizing as it shoots, would catch half-way
            tab.set_viewport_size({"width": width, "height": tab.evaluate("document.documentElement.scrollHeight")})
            tab.wait_for_timeout(300)
        return tab.screenshot(full_page=whole, animations="disabled", caret="hide")
    finally:
        context.close()


def screenshots_of(server) -> list[bytes]:
    """Every state of the matrix, in a Chromium of its own (one for each site, side by side)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        return [screenshot(chromium, server, *state) for state in STATES]


def same_pixels(mine: bytes, theirs: bytes) -> tuple[bool, str]:
    if mine == theirs:
        return True, ""
    mine, theirs = (Image.open(io.BytesIO(shot)).convert("RGB") for shot in (mine, theirs))
    if mine.size != theirs.size:
        return False, f"{mine.size} against {theirs.size}"
    box = ImageChops.difference(mine, theirs).getbbox()
    return not box, f"differs in {box}"


def test_the_cut_changes_no_pixel(browser, servers, screenshots):
    """Shot side by side, a state can come out a shade apart in both sites alike (one icon's
    antialiasing, seen between two shots of the same site): a state that differs is shot again,
    one site after the other, and fails only when it differs every time."""
    with ThreadPoolExecutor(2) as pool:
        ours, whole = pool.map(screenshots_of, servers)
    different = []
    for state, mine, theirs in zip(STATES, ours, whole, strict=True):
        for attempt in range(3):
            if attempt:
                mine, theirs = (screenshot(browser, server, *state) for server in servers)
            same, how = same_pixels(mine, theirs)
            if same:
                break
        else:
            path, scheme, width, action = state
            name = f"{path} {scheme} {width}px" + (f" {action}" if action else "")
            file = name.strip("/").replace("/", "_").replace(" ", "-")
            (screenshots / f"cut-{file}.png").write_bytes(mine)
            (screenshots / f"uncut-{file}.png").write_bytes(theirs)
            different.append(f"{name}: {how}")
    assert not different, "the cut changed what a reader sees (screenshots/cut-*.png, uncut-*.png):\n" + \
        "\n".join(different)
