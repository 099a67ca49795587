"""Fixtures: the real site built once per session, its pages parsed, a server and a browser."""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import lxml.html
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "overrides" / "hooks")]  # tools/, and the build's site_build/

from tools import layout  # noqa: E402
from tools.pageload import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tools.pages_server import PagesServer  # noqa: E402

LANGUAGES = layout.languages()  # {"hi": "", "en": "en/"}
SLUGS = list(layout.pages())  # "", "background/", ...
ARTICLE_SLUGS = layout.article_slugs()


def site_url() -> str:
    """The configured site_url, as MkDocs reads it (SITE_URL included)."""
    return layout.config()["site_url"]


def site_base() -> str:
    """The sub-path the site is published under, e.g. '/01ai-rise-and-fall/'."""
    return urlsplit(site_url()).path


def last_commit_epoch() -> str:
    """The time of the repository's last commit, which dates a build of it."""
    return subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip()


def build(site_dir: Path, project: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as a writer or CI would run it. A copy of the project outside
    git is dated by the repository's last commit (SOURCE_DATE_EPOCH)."""
    if project != ROOT:
        env = {"SOURCE_DATE_EPOCH": last_commit_epoch(), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file",
         str(project / "mkdocs.yml"), "--site-dir", str(site_dir)],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@dataclass
class Page:
    lang: str
    slug: str
    path: Path
    html: str

    @property
    def url(self) -> str:
        return LANGUAGES[self.lang] + self.slug

    @property
    def tree(self) -> lxml.html.HtmlElement:
        return lxml.html.fromstring(self.html)

    @property
    def article(self) -> lxml.html.HtmlElement:
        return self.tree.cssselect("article.md-content__inner")[0]

    @property
    def structured(self) -> list[dict]:
        """The page's structured data: its JSON-LD blocks, then its microdata items, written as
        JSON-LD would write them."""
        tree = self.tree
        return [json.loads(script.text) for script in tree.xpath("//script[@type='application/ld+json']")] + \
            [{"@context": "https://schema.org", **microdata(item)} for item in tree.xpath("//*[@itemscope][not(@itemprop)]")]


def microdata(item) -> dict:
    """One microdata item: its schema.org type and each property's values (a nested item, a
    meta's content, a link's address, a time's datetime, or the text), a list where there are more."""
    found = {"@type": item.get("itemtype").removeprefix("https://schema.org/")}

    def read(element):
        for child in element.iterchildren("*"):
            if child.get("itemprop"):
                value = microdata(child) if child.get("itemscope") is not None else \
                    child.get("content") if child.tag == "meta" else child.get("href") if child.tag in ("a", "link") else \
                    child.get("datetime") if child.tag == "time" else " ".join(child.text_content().split())
                for name in child.get("itemprop").split():
                    found[name] = [*found[name], value] if isinstance(found.get(name), list) else \
                        [found[name], value] if name in found else value
            if child.get("itemscope") is None:
                read(child)

    read(item)
    return found


def hook(name: str):
    """The build's module overrides/hooks/site_build/NAME.py, for tests that call it in-process."""
    return importlib.import_module(f"site_build.{name}")


PROJECT = ["mkdocs.yml", "docs", "data", "overrides"]  # what a copy of the project needs to build


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break."""
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")



def render(project: Path, name: str, lang: str) -> lxml.html.HtmlElement:
    """A page of a copy of the project ('reasons.md'), rendered in-process as the build renders it
    (the records checked, notes, data blocks and citations in place, read by Python-Markdown with
    the site's extensions), without a whole build: for tests of what data becomes on a page."""
    import markdown
    from mkdocs.config import load_config

    from site_build import build as site_build
    from site_build import settings as site_settings

    config = load_config(str(project / "mkdocs.yml"))
    made = site_build.Build.start(config)
    path = site_settings.page_url(made.settings, name, lang, absolute=False)
    source = name if lang == made.settings.default_language else name.replace(".md", f".{lang}.md")
    page = SimpleNamespace(file=SimpleNamespace(src_uri=source), canonical_url=made.settings.site_url + path, url=path)
    language = SimpleNamespace(theme={"language": lang}, site_name=made.settings.site_names[lang])
    extensions = made.settings.extensions
    html = markdown.markdown(hook("render").page_markdown(made, page, language), extensions=list(extensions),
                             extension_configs=extensions)
    return lxml.html.fromstring(f"<div>{html}</div>")


EXAMPLES_TRIED = pytest.StashKey[dict]()  # how many generated examples each module of Hypothesis tests tried


def pytest_terminal_summary(terminalreporter, config):
    for module, tried in config.stash.get(EXAMPLES_TRIED, {}).items():
        terminalreporter.write_line(f"{module}: {tried} generated examples tried")


@pytest.fixture(scope="module")
def examples(request):
    """A module's count of the examples Hypothesis tried, said in the run's report."""
    tried = []
    yield tried
    request.config.stash.setdefault(EXAMPLES_TRIED, {})[request.path.relative_to(ROOT).as_posix()] = len(tried)


def pytest_collection_modifyitems(items):
    """Tests that drive Chromium are marked `browser`, those that run the Nu checker `java`:
    `./dev test --fast` leaves both out."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        if "java" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.java)


@pytest.fixture(scope="session")
def java() -> str:
    found = shutil.which("java")
    if not found:
        pytest.fail("Java is needed for the Nu HTML checker and was not found: install it "
                    "(Debian: apt-get install default-jre-headless), or run ./dev test, which does.", pytrace=False)
    return found


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site: built here, or, when TEST_SITE_DIR names a build (the deploy workflow's, which
    it then publishes), that very build."""
    if os.environ.get("TEST_SITE_DIR"):
        site_dir = Path(os.environ["TEST_SITE_DIR"]).resolve()
        assert (site_dir / "index.html").is_file(), f"TEST_SITE_DIR={site_dir} holds no built site"
        return site_dir
    site_dir = tmp_path_factory.mktemp("site")
    result = build(site_dir)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    return site_dir


@pytest.fixture(scope="session")
def pages(site) -> list[Page]:
    found = []
    for lang, prefix in LANGUAGES.items():
        for slug in SLUGS:
            path = site / prefix / slug / "index.html"
            assert path.is_file(), f"missing page /{prefix}{slug}"
            found.append(Page(lang, slug, path, path.read_text(encoding="utf-8")))
    return found


@pytest.fixture(scope="session")
def page(pages):
    """page(lang, slug) -> Page"""
    return lambda lang, slug: next(p for p in pages if p.lang == lang and p.slug == slug)


@pytest.fixture(scope="session")
def server(site):
    with PagesServer(site, site_base()) as running:
        yield running


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium is needed for the browser tests and was not found at {CHROMIUM}: "
                    "install it (Debian: apt-get install chromium) or set CHROMIUM to its path.",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    folder = ROOT / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


class Visitor:
    """A browser tab that records every request it makes, every console error and every breach
    of the page's Content-Security-Policy."""

    def __init__(self, browser, server, scheme="light", width=1280, touch=False):
        self.server = server
        self.context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                           has_touch=touch, is_mobile=touch)
        self.requests, self.errors, self.violations = [], [], []
        self.context.expose_function("__recordViolation", lambda text: self.violations.append(text))
        self.context.add_init_script("""addEventListener("securitypolicyviolation", event => __recordViolation(
            `${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`), true)""")
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on("requestfailed", self.failed)
        self.context.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status}: {r.url}"))
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def failed(self, request):
        # A request the browser cancels because the tab moved on to another page is no error.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"failed ({request.failure}): {request.url}")

    def open(self, path: str):
        self.page.goto(self.server.url + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def foreign_requests(self) -> list[str]:
        own = urlsplit(self.server.url).netloc
        return [url for url in self.requests if urlsplit(url).netloc != own and not url.startswith("data:")]

    def close(self):
        self.context.close()


@pytest.fixture
def visitor(browser, server):
    opened = []

    def open_visitor(**kwargs) -> Visitor:
        opened.append(Visitor(browser, server, **kwargs))
        return opened[-1]

    yield open_visitor
    for each in opened:
        each.close()
