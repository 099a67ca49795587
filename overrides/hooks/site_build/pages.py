"""The pages of docs/, read once per build: page pairs, headings and their ids, body paragraphs,
citations, and the few kinds of markup a page may hold beyond Markdown.

Every problem is a PluginError naming the file and the line.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from site_build import links

HEADING_LINE = re.compile(r"^#{1,6}(?: |$)")
HEADING = re.compile(r"^#{1,6} +(.+?) +\{ *#([A-Za-z0-9][A-Za-z0-9_-]*) *\}$", re.M)
MARKER = re.compile(r"^<!-- (timeline|facts|since|references: (\w+)) -->$", re.M)
CHECKED = "<!-- checked -->"  # in a sentence: the day the facts were last checked (extra.checked)
CITATION = re.compile(r"(?<!\\)\[(@[^\]]*)\]")
# Code, where a citation is text like any other: fenced blocks, and spans within one paragraph.
FENCED_CODE = re.compile(r"^[ ]{0,3}(`{3,}|~{3,})[^\n]*\n.*?^[ ]{0,3}\1[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
CONTAINER = re.compile(r"^[ ]{0,3}(?:[-*+]|\d+\.|!!!|\?\?\?\+?)(?:[ \t]|$)")
# The only raw HTML a page may hold: dates, words in another language than the page's, the home
# page's figures box and the data markers.
ALLOWED_HTML = re.compile(r'<time datetime="\d{4}(?:-\d{2}){0,2}">|</time>'
                          r'|<span lang="[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*">|</span>'
                          r"|<!-- (?:timeline|facts|since|checked|references: \w+) -->")
RAW_HTML = re.compile(r"<(?!https://[^\s<>]*>)[A-Za-z/!?][^>]*>?")  # an https autolink is a link
ATTR_LIST = re.compile(r"\{:?[^}\n]*\}")
HEADING_MARKUP = re.compile(r"[\\`*_\[\]<>&{}]")  # a heading without these reads as it is written
LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)")
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "cite"}
# What a page's front matter may say; Material writes some keys (title, template) into the page raw.
FRONT_MATTER = {"description": str, "lede": str, "template": ("home.html",), "hide": ("navigation", "toc"),
                "schema_type": ("Article",)}


@dataclasses.dataclass(frozen=True)
class Page:
    """One page of docs/ in one language, as read."""
    name: str  # the page in any language: 'reasons.md'
    lang: str
    path: Path
    markdown: str  # without the front matter
    first: int  # the line the body starts on
    meta: dict

    @functools.cached_property
    def headings(self) -> dict[str, str]:
        """Heading id -> heading text, for the headings written '# Text { #id }'."""
        return {id: title for title, id in HEADING.findall(self.markdown)}

    @property
    def is_article(self) -> bool:
        """Whether the page holds the article's text (rather than the site's own pages and lists)."""
        return self.meta.get("schema_type") == "Article"

    @property
    def title(self) -> str:
        """The page's first heading as a reader sees it."""
        return heading_text(next(iter(self.headings.values())))


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
    """A file's text; PluginError naming the file if it cannot be read or is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as problem:
        raise PluginError(f"{path}: not UTF-8 text ({problem.reason} at byte {problem.start}): "
                          "save it as UTF-8") from problem
    except OSError as problem:
        raise PluginError(f"{path}: cannot be read: {problem.strerror}") from problem


def read_page(path: Path, name: str, lang: str) -> Page:
    text = read(path)
    markdown, meta = get_data(text)
    return Page(name, lang, path, markdown, text[: len(text) - len(markdown)].count("\n") + 1, meta)


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


def without_code(markdown: str) -> str:
    """The Markdown with every character of its code blanked out (lines and places kept), so that
    what is found in it is found in text only: fenced and indented code blocks, code spans."""
    blank = lambda match: re.sub(r"[^\n]", " ", match.group(0))  # noqa: E731
    lines, in_code, after_blank, after_text = [], False, True, True
    for line in FENCED_CODE.sub(blank, markdown).split("\n"):
        if not line.strip():
            after_blank = True
        elif line.startswith(("    ", "\t")):
            # Indented after a blank line that follows a paragraph: a code block (in a list or a
            # note, the same indentation continues the item).
            in_code = in_code or (after_blank and after_text)
            line = " " * len(line) if in_code else line
            after_blank = False
        else:
            in_code, after_blank, after_text = False, False, not CONTAINER.match(line)
        lines.append(line)
    return CODE_SPAN.sub(blank, "\n".join(lines))


def citations(markdown: str) -> list[re.Match]:
    """The citations ([@id; @id]) of a text, outside its code."""
    return list(CITATION.finditer(without_code(markdown)))


def cited_ids(citation: str) -> list[str]:
    """'[@a; @b]' -> ['a', 'b']."""
    return [item.strip().removeprefix("@") for item in citation[1:-1].split(";")]


def paragraphs(markdown: str) -> list[str]:
    return markdown.split("\n\n")


def holding(paragraphs: list[str], words: str) -> list[int]:
    """The indexes of the body paragraphs (not headings, not markup) that hold these words."""
    return [index for index, text in enumerate(paragraphs)
            if words in " ".join(text.split()) and not HEADING_LINE.match(text.lstrip()) and not text.lstrip().startswith("<")]


def heading_text(heading: str) -> str:
    """What a reader sees of a heading written in Markdown: its words, without markup or
    entities (as the table of contents has them, unescaped)."""
    if not HEADING_MARKUP.search(heading):
        return heading
    converter = python_markdown.Markdown(extensions=["toc"])
    converter.convert(f"# {heading}")
    return html.unescape(converter.toc_tokens[0]["name"])


def read_docs(docs_dir: Path, languages: tuple[str, ...]) -> Docs:
    """The pages, by their default-language file name ('reasons.md'); each must exist in every language."""
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
    return Docs(languages, names, {(name, lang): read_page(page_path(docs_dir, name, lang, languages[0]), name, lang)
                                   for name in names for lang in languages})


class Targets(HTMLParser):
    """Where the links and embedded files of a piece of HTML point (entities decoded)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [(name, value) for name, value in attrs if name in URL_ATTRIBUTES and value is not None]


def check_targets(path: Path, markdown: str, first: int, converter: python_markdown.Markdown):
    """Every link and image of the page as Python-Markdown reads it (inline, reference-style,
    autolinks, e-mail addresses, images): links to https:// or to the site's pages and data
    files only, and no embedded file from anywhere."""
    targets = Targets()
    targets.feed(converter.reset().convert(markdown))
    for name, target in targets.found:
        lines = [number for number, line in enumerate(markdown.splitlines(), 1) if target in line]
        where = f"{path}:{lines[0] + first - 1}" if lines else str(path)
        if name != "href":
            raise PluginError(f"{where}: '{target}' would be loaded into the page ({name}); pages embed no files")
        try:
            links.check(target)
        except links.LinkError as problem:
            raise PluginError(f"{where}: {problem}") from problem


def check(docs: Docs, groups: tuple[str, ...], extensions: dict[str, dict]):
    """Every page in every language: explicit heading ids that match across languages, known
    markers, and no markup or link beyond what the site allows."""
    converter = python_markdown.Markdown(extensions=list(extensions), extension_configs=extensions)
    for name in docs.names:
        ids = {}
        for lang in docs.languages:
            page = docs(name, lang)
            check_front_matter(page)
            ids[lang] = check_page(page.path, page.markdown, page.first, groups)
            check_targets(page.path, page.markdown, page.first, converter)
            if ids[lang] != ids[docs.languages[0]]:
                raise PluginError(f"{page.path}: heading ids {ids[lang]} differ from {name}'s "
                                  f"{ids[docs.languages[0]]}: give every language the same headings")


def check_page(path: Path, markdown: str, first: int, groups: tuple[str, ...]) -> list[str]:
    """The page's heading ids, in order, after checking each line of its body."""
    ids, fenced = [], False
    for number, line in enumerate(markdown.splitlines(), first):
        where = f"{path}:{number}"
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        if HEADING_LINE.match(line):
            heading = HEADING.match(line)
            if not heading:
                raise PluginError(f"{where}: a heading needs an explicit ASCII id, as in '## Title {{ #some-id }}'")
            if heading.group(2) in ids:
                raise PluginError(f"{where}: heading id '{heading.group(2)}' is used twice on this page")
            ids.append(heading.group(2))
            line = heading.group(1)
        if (marker := MARKER.match(line)) and marker.group(2) and marker.group(2) not in groups:
            raise PluginError(f"{where}: unknown reference group '{marker.group(2)}' (one of: {', '.join(groups)})")
        for tag in RAW_HTML.findall(line):
            if not ALLOWED_HTML.fullmatch(tag):
                raise PluginError(f"{where}: raw HTML '{tag}' is not allowed in a page; write Markdown")
        if attrs := ATTR_LIST.search(line):
            raise PluginError(f"{where}: attribute list '{attrs.group(0)}' is only allowed as a heading's id")
        for target in LINK_TARGET.findall(line):
            try:
                links.check(target)
            except links.LinkError as problem:
                raise PluginError(f"{where}: {problem}") from problem
    return ids
