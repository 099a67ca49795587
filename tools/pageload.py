"""What a page loads in Chromium without any user action, and what of it is render-critical.

Used by the budget tests and the benchmark. Bytes are what crosses the wire: the compressed
body (Content-Length, as the server sends it gzip-encoded) plus the response's status line and
headers. Render-critical is the HTML document, its stylesheets (of the screen's medium), its
fonts and the scripts that hold up its parsing (neither async nor deferred). What the site's
service worker fetches once the page has loaded, to keep it for reading offline, is not the
page's: it is counted apart.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CRITICAL_TYPES = {"document", "stylesheet", "font"}
PHONE = {"width": 360, "height": 780}
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# As root, without a sandbox; and without the background traffic Chromium would send to Google.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]


@dataclass
class Request:
    kind: str
    url: str
    size: int
    blocking: bool = True  # False for a stylesheet of another medium (print), or a script the parser does not wait for

    @property
    def critical(self) -> bool:
        return (self.kind in CRITICAL_TYPES or self.kind == "script") and self.blocking


@dataclass
class PageLoad:
    url: str
    requests: list[Request] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    kept: list[Request] = field(default_factory=list)  # the service worker's: itself, and what it keeps

    @property
    def kept_total(self) -> int:
        """What the service worker fetched besides the files the page had loaded (those come
        from the browser's cache): itself, and what it keeps that the page did not load."""
        loaded = {request.url for request in self.requests}
        return sum(request.size for request in self.kept if request.url not in loaded)

    @property
    def total(self) -> int:
        return sum(request.size for request in self.requests)

    @property
    def critical(self) -> list[Request]:
        return [request for request in self.requests if request.critical]

    @property
    def critical_total(self) -> int:
        return sum(request.size for request in self.critical)


def wire_size(response) -> int:
    headers = response.headers_array()
    head = len(f"HTTP/1.1 {response.status} {response.status_text}\r\n") + 2
    head += sum(len(header["name"]) + len(header["value"]) + 4 for header in headers)
    length = next((header["value"] for header in headers if header["name"].lower() == "content-length"), None)
    body = int(length) if length is not None else len(response.body())
    return head + body


def measure(browser, url: str, action=None, settle_ms: int = 1000) -> PageLoad:
    """Open `url` in a fresh phone-sized tab and record every request until the network is idle;
    then, if given, do `action(page)` (a reader's action) and record what that loads too."""
    context = browser.new_context(viewport=PHONE)
    load = PageLoad(url)
    context.on("requestfailed", lambda request: load.failed.append(request.url))

    def finished(request):
        response = request.response()
        if response is None or request.url.startswith("data:"):
            return
        made = Request(request.resource_type, request.url, wire_size(response))
        if request.service_worker:
            load.kept.append(made)
        # An address asked for again (search's files, which starter.js fetches ahead of the worker
        # that asks for them) comes from the browser's cache, which GitHub Pages lets keep a file
        # for 10 minutes: it is on the wire once.
        elif request.url not in {each.url for each in load.requests}:
            load.requests.append(made)

    context.on("requestfinished", finished)
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(settle_ms)
        other_media = set(page.eval_on_selector_all(
            "link[rel=stylesheet][media]", "links => links.filter(l => !matchMedia(l.media).matches).map(l => l.href)"))
        # A script the page inserts is async; one written in the page holds up parsing unless it says otherwise.
        parser_blocking = set(page.evaluate(
            "[...document.scripts].filter(s => s.src && !s.async && !s.defer && s.type !== 'module').map(s => s.src)"))
        for request in load.requests:
            request.blocking = request.url not in other_media if request.kind != "script" else \
                request.url in parser_blocking
        if action:
            action(page)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(settle_ms)
    finally:
        context.close()
    return load


def search(page, query: str):
    """Search the way a reader does: focus the field (on a phone, tap the search button first),
    which loads Material's script, wait until search says it is ready, type, and wait for the
    results."""
    meta = page.inner_text(".md-search-result__meta")
    if not page.is_visible("input.md-search__input"):  # a phone: the box is behind the search button
        page.click("label.md-header__button[for='__search']")
    page.focus("input.md-search__input")
    page.wait_for_function("meta => document.querySelector('.md-search-result__meta').innerText !== meta", arg=meta)
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item", timeout=10_000)


def first_result(browser, url: str, query: str, opened_for: float) -> float | None:
    """Seconds from a reader's first tap on search to the first result shown, on a phone (4x
    slower CPU; the network is the server's): the page opened `opened_for` seconds before the tap
    (0: as soon as its search button is there). A reader whose tap leaves no cursor in the box
    taps the box too. None when no result shows within a minute."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        opened = time.monotonic()
        page.goto(url, wait_until="commit")
        button = page.locator("label.md-header__button[for='__search']")
        button.wait_for(state="visible", timeout=60_000)
        time.sleep(max(0.0, opened + opened_for - time.monotonic()))
        tapped = time.monotonic()
        button.tap()
        if not page.evaluate("document.activeElement.matches('input.md-search__input')"):
            page.tap("input.md-search__input")
        page.keyboard.type(query)
        page.wait_for_selector(".md-search-result__item", timeout=60_000)
        return time.monotonic() - tapped
    except PlaywrightTimeout:
        return None
    finally:
        context.close()


# The moments of a first tap on a citation, taken in the page (Playwright's polling, on a 4x slower
# CPU, comes a few hundred milliseconds late): the tap, its preview shown, the preview whole.
PREVIEW_CLOCK = """
addEventListener("pointerdown", () => window.__tapped ??= performance.now(), true)
const whole = () => document.querySelector(".source:popover-open .source__open") && (window.__whole ??= performance.now())
addEventListener("beforetoggle", ev => ev.newState === "open" && (window.__shown ??= performance.now()), true)
addEventListener("toggle", whole, true)
new MutationObserver(whole).observe(document, {subtree: true, childList: true})
"""


def first_preview(browser, url: str, opened_for: float) -> tuple[float, float] | None:
    """Seconds from a reader's first tap on a citation's number (the page's first) to its source
    shown beside it, and to the preview whole (the source's title and address in it), on a phone
    (4x slower CPU; the network is the server's): the page opened `opened_for` seconds before the
    tap (0: as soon as the number is there). None when no preview shows within a minute (the tap
    followed the link instead)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_init_script(PREVIEW_CLOCK)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        opened = time.monotonic()
        page.goto(url, wait_until="commit")
        number = page.locator("a.cite__link").first
        number.wait_for(state="visible", timeout=60_000)
        number.scroll_into_view_if_needed()
        time.sleep(max(0.0, opened + opened_for - time.monotonic()))
        number.tap()
        waited = time.monotonic() + 60
        # Polled: wait_for_function evaluates a string, which the page's policy forbids.
        while (moments := page.evaluate("[window.__tapped, window.__shown, window.__whole]"))[2] is None:
            if time.monotonic() > waited:
                return None
            time.sleep(0.05)
        tapped, shown, whole = moments
        return (shown - tapped) / 1000, (whole - tapped) / 1000
    except (PlaywrightTimeout, PlaywrightError):  # the tap followed the link: the page it measured is gone
        return None
    finally:
        context.close()


def second_view(browser, server, url: str, worker: bool) -> tuple[int, int, float]:
    """A reader's second view of a page on a phone (4x slower CPU; the network is the server's),
    with or without the site's service worker, once everything the first view fetched is stale (a
    server whose files arrive as old as their max-age, as after ten minutes): the requests that
    reach the server, the bytes of their bodies, and seconds from the navigation to the first text
    painted."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True,
                                  service_workers="allow" if worker else "block")
    try:
        first = context.new_page()
        first.goto(url)
        first.wait_for_load_state("networkidle")
        waited = time.monotonic() + 60
        # Until the worker has kept the page and taken it over, which it does once it has kept all
        # it keeps (polled: the page's policy forbids wait_for_function).
        while worker and not first.evaluate("Boolean(navigator.serviceWorker.controller)"):
            if time.monotonic() > waited:
                raise RuntimeError(f"the service worker did not keep {url} within a minute")
            time.sleep(0.1)
        first.close()
        page = context.new_page()
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        before = len(server.served)
        page.goto(url)
        page.wait_for_load_state("networkidle")
        painted = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        served = server.served[before:]
        return len(served), sum(size for _, _, size in served), painted / 1000
    finally:
        context.close()
