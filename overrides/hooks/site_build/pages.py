"""The pages of docs/, read once per build: page pairs, headings and their ids, body paragraphs,
citations, and the few kinds of markup a page may hold beyond Markdown. Each page is read as
MkDocs reads it (its bytes as UTF-8, a byte-order mark left out; its front matter) and its
Markdown as Python-Markdown reads it (reading.py).

Every problem is a PluginError naming the file and the line.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from site_build import links, reading

log = logging.getLogger("mkdocs.hooks.site_build")

HEADING_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
# The only raw HTML a page may hold: dates, words in another language than the page's and the
# data markers (reading.MARKER).
ALLOWED_HTML = re.compile(r'<time datetime="\d{4}(?:-\d{2}){0,2}">|</time>'
                          r'|<span lang="[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*">|</span>'
                          r"|<!-- (?:timeline|facts|since|checked|changes|references: \w+) -->")
# What a page's front matter may say; Material writes some keys (title, template) into the page raw.
FRONT_MATTER = {"description": str, "lede": str, "template": ("home.html",), "hide": ("navigation", "toc"),
                "schema_type": ("Article",)}
BOM = "\ufeff"
# Characters no page can show (HTML and the feeds' XML refuse them): control characters but tab,
# line feed and carriage return, and the non-characters U+FFFE and U+FFFF.
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of docs/ in one language, as read."""
    name: str  # the page in any language: 'reasons.md'
    lang: str
    path: Path
    markdown: str  # without the front matter
    first: int  # the line the body starts on
    meta: dict
    reading: reading.Reading
    nav_title: str  # its title in the navigation (mkdocs.yml), in its language

    @property
    def headings(self) -> dict[str, reading.Heading]:
        """Heading id -> heading, for every heading Markdown reads in the page."""
        return {heading.id: heading for heading in self.reading.headings}

    @property
    def is_article(self) -> bool:
        """Whether the page holds the article's text (rather than the site's own pages and lists)."""
        return self.meta.get("schema_type") == "Article"

    @property
    def title_heading(self) -> reading.Heading | None:
        return next((heading for heading in self.reading.headings if heading.level == 1), None)

    @property
    def title(self) -> str:
        """The page's title as a reader sees it: its level-1 heading, or its title in the navigation."""
        return self.title_heading.name if self.title_heading else self.nav_title

    def line(self, *texts: str) -> str:
        """'docs/page.md:12', the first line that holds all these texts (or, for a text Markdown
        decoded, the longest end of it the page holds), or the page's name alone."""
        lines = self.markdown.splitlines()
        for cut in range(max(len(text) for text in texts) // 2 + 1):
            for number, line in enumerate(lines, self.first):
                if all(text[cut:] in line for text in texts):
                    return f"{self.path}:{number}"
        return str(self.path)


@dataclasses.dataclass(frozen=True)
class Docs:
    """Every page of docs/ in every language (the default first), each read once."""
    languages: tuple[str, ...]
    names: list[str]  # 'index.md', 'reasons.md', …
    pages: dict[tuple[str, str], Page]

    def __call__(self, name: str, lang: str) -> Page:
        return self.pages[name, lang]


def page_path(docs_dir: Path, page: str, lang: str, default: str) -> Path:
    """'reasons.md' in a language: docs/reasons.md (default language) or docs/reasons.en.md."""
    return docs_dir / (page if lang == default else page.replace(".md", f".{lang}.md"))


def page_name(file_name: str) -> str:
    """The page a file is in any language: 'reasons.en.md' -> 'reasons.md'."""
    return re.sub(r"\.[a-z]{2}\.md$", ".md", file_name)


def read(path: Path) -> str:
    """A file's text as MkDocs reads a page: UTF-8, without a byte-order mark (said, not an
    error); PluginError naming the file if it cannot be read or is not UTF-8."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as problem:
        raise PluginError(f"{path}: not UTF-8 text ({problem.reason} at byte {problem.start}): "
                          "save it as UTF-8") from problem
    except OSError as problem:
        raise PluginError(f"{path}: cannot be read: {problem.strerror}") from problem
    if text.startswith(BOM):
        log.info(f"{path}: begins with a byte-order mark, which is left out (as MkDocs leaves it out)")
    if found := UNSHOWABLE.search(text):
        raise PluginError(f"{path}:{text.count(chr(10), 0, found.start()) + 1}: {unshowable(found.group(0))}")
    return text.removeprefix(BOM)


def unshowable(char: str) -> str:
    return f"holds the control character U+{ord(char):04X}, which no page can show: take it out"


def read_docs(docs_dir: Path, languages: tuple[str, ...], reader: reading.Reader,
              nav_titles: dict[str, dict[str, str]]) -> Docs:
    """The pages, by their default-language file name ('reasons.md'); each must exist in every
    language and be in the navigation, and every page of the navigation must exist."""
    found = sorted(docs_dir.glob("*.md"))
    names = sorted({page_name(path.name) for path in found})
    for name in names:
        for lang in languages:
            if not page_path(docs_dir, name, lang, languages[0]).is_file():
                present = next(path for path in found if page_name(path.name) == name)
                raise PluginError(f"{present}: has no {lang} version: add "
                                  f"{page_path(docs_dir, name, lang, languages[0]).name}")
    for path in found:
        lang = path.name.split(".")[-2] if path.name.count(".") > 1 else languages[0]
        if lang not in languages:
            raise PluginError(f"{path}: '{lang}' is not one of the site's languages ({', '.join(languages)})")
        if page_name(path.name) not in nav_titles[lang]:
            raise PluginError(f"{path}: is not in the navigation: add it to `nav:` in mkdocs.yml")
    for name in nav_titles[languages[0]]:
        if name not in names:
            raise PluginError(f"{docs_dir / name}: is in the navigation (`nav:` in mkdocs.yml) but not in docs/")

    def read_page(name: str, lang: str) -> Page:
        path = page_path(docs_dir, name, lang, languages[0])
        text = read(path)
        try:
            markdown, meta = get_data(text)
        except Exception as problem:  # MkDocs's front-matter reader, on YAML it cannot read
            raise PluginError(f"{path}: front matter cannot be read: {problem}") from problem
        return Page(name, lang, path, markdown, text[: len(text) - len(markdown)].count("\n") + 1, meta,
                    reader.read(markdown), nav_titles[lang][name])

    return Docs(languages, names, {(name, lang): read_page(name, lang) for name in names for lang in languages})


def paragraphs(markdown: str) -> list[str]:
    return markdown.split("\n\n")


def holding(paragraphs: list[str], words: str, reader: reading.Reader) -> list[int]:
    """The indexes of the body paragraphs that hold these words as written: those Markdown reads
    as text a reader sees (not a heading, not a block of raw HTML)."""
    return [index for index, text in enumerate(paragraphs)
            if words in " ".join(text.split()) and not (read := reader.read(text)).headings and read.text]


def check_front_matter(page: Page):
    path = page.path
    for key, value in page.meta.items():
        allowed = FRONT_MATTER.get(key)
        if allowed is None:
            raise PluginError(f"{path}: front matter '{key}' is not one of: {', '.join(FRONT_MATTER)}")
        values = value if isinstance(value, list) else [value]
        if allowed is str and not (isinstance(value, str) and value.strip()):
            raise PluginError(f"{path}: front matter '{key}' must be a text")
        if allowed is not str and not all(item in allowed for item in values):
            raise PluginError(f"{path}: front matter '{key}': {value!r} is not one of: {', '.join(allowed)}")


def check_page(page: Page, groups: tuple[str, ...]) -> list[str]:
    """The page's heading ids, in order, after checking what Markdown reads in it: every heading
    with an explicit id, used once; raw HTML, attribute lists and links only of the kinds allowed."""
    ids = []
    for heading in page.reading.headings:
        if not heading.explicit or not HEADING_ID.match(heading.id):
            raise PluginError(f"{page.line(heading.name)}: the heading '{heading.name[:60]}' needs an explicit ASCII id, "
                              "as in '## Title { #some-id }'")
        if heading.id in ids:
            raise PluginError(f"{page.line('#' + heading.id)}: heading id '{heading.id}' is used twice on this page")
        ids.append(heading.id)
    if page.is_article and not page.title_heading:
        raise PluginError(f"{page.path}: an article page (schema_type: Article) needs its title as a level-1 heading, "
                          "as in '# Title { #some-id }'")
    for citation in page.reading.citations:
        if citation.in_heading:
            written = page.markdown[citation.start:citation.end]
            raise PluginError(f"{page.line(written)}: the citation {written} is in a heading, which is a title (of the "
                              "page, its tab, its card): cite in the text below it")
    for tag in page.reading.raw_html:
        if not ALLOWED_HTML.fullmatch(tag):
            shown = " ".join(tag.split())
            raise PluginError(f"{page.line(tag.split()[0] if tag.split() else tag)}: raw HTML "
                              f"'{shown[:60]}{'…' if len(shown) > 60 else ''}' is not allowed in a page; write Markdown")
    for marker in page.reading.markers:
        if marker.group and marker.group not in groups:
            raise PluginError(f"{page.line(page.markdown[marker.start:marker.end])}: unknown reference group "
                              f"'{marker.group}' (one of: {', '.join(groups)})")
    for element, attributes in page.reading.attribute_lists:
        shown = " ".join(f"{name}={value}" for name, value in attributes.items())
        raise PluginError(f"{page.line('{', *attributes.values())}: attribute list '{{: {shown} }}' (on a {element}) is not allowed; "
                          "a page's only attribute lists are its headings' ids")
    for name, target in page.reading.targets:
        if name != "href":
            raise PluginError(f"{page.line(target)}: '{target}' would be loaded into the page ({name}); pages embed no files")
        try:
            links.check(target)
        except links.LinkError as problem:
            raise PluginError(f"{page.line(target)}: {problem}") from problem
    return ids


def check(docs: Docs, groups: tuple[str, ...]):
    """Every page in every language: explicit heading ids that match across languages, known
    markers, and no markup or link beyond what the site allows."""
    for name in docs.names:
        ids = {}
        for lang in docs.languages:
            page = docs(name, lang)
            check_front_matter(page)
            ids[lang] = check_page(page, groups)
            if ids[lang] != ids[docs.languages[0]]:
                raise PluginError(f"{page.path}: heading ids {ids[lang]} differ from {name}'s "
                                  f"{ids[docs.languages[0]]}: give every language the same headings")
