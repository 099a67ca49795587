"""The pages of docs/ as the data hook reads them: page pairs, headings and their ids, body
paragraphs, and the few kinds of markup a page may hold beyond Markdown.

Every problem is a PluginError naming the file and the line.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

LANGUAGES = ("hi", "en")  # the first is the default: its pages are docs/NAME.md, the others docs/NAME.LANG.md
HEADING_LINE = re.compile(r"^#{1,6}(?: |$)")
HEADING = re.compile(r"^#{1,6} +(.+?) +\{ *#([A-Za-z0-9][A-Za-z0-9_-]*) *\}$", re.M)
MARKER = re.compile(r"^<!-- (timeline|references: (\w+)) -->$", re.M)
# The only raw HTML a page may hold: dates, the home page's figures box and the data markers.
ALLOWED_HTML = re.compile(r'<time datetime="\d{4}(?:-\d{2}){0,2}">|</time>|<div class="figures" markdown>|</div>'
                          r"|<!-- (?:timeline|references: \w+) -->")
RAW_HTML = re.compile(r"<[A-Za-z/!?][^>]*>?")
ATTR_LIST = re.compile(r"\{:?[^}\n]*\}")
LINK_TARGET = re.compile(r"\]\(\s*([^)\s]*)")
SAFE_TARGET = re.compile(r"^(https://[^\s\"'<>]+|[a-z0-9-]+\.md(#[A-Za-z0-9_-]+)?|#[A-Za-z0-9_-]+|data/[a-z0-9-]+\.json)$")
# What a page's front matter may say; Material writes some keys (title, template) into the page raw.
FRONT_MATTER = {"description": str, "lede": str, "template": ("home.html",), "hide": ("navigation", "toc"),
                "schema_type": ("Article",)}


def page_path(docs_dir: Path, page: str, lang: str) -> Path:
    """'reasons.md' in a language: docs/reasons.md (default language) or docs/reasons.en.md."""
    return docs_dir / (page if lang == LANGUAGES[0] else page.replace(".md", f".{lang}.md"))


def page_name(file_name: str) -> str:
    """The page a file is in any language: 'reasons.en.md' -> 'reasons.md'."""
    return re.sub(r"\.[a-z]{2}\.md$", ".md", file_name)


def body(path: Path) -> tuple[str, int]:
    """A page's Markdown without its front matter, and the line number the body starts on."""
    text = path.read_text(encoding="utf-8")
    markdown = get_data(text)[0]
    return markdown, text[: len(text) - len(markdown)].count("\n") + 1


def check_front_matter(path: Path):
    for key, value in get_data(path.read_text(encoding="utf-8"))[1].items():
        allowed = FRONT_MATTER.get(key)
        if allowed is None:
            raise PluginError(f"{path}: front matter '{key}' is not one of: {', '.join(FRONT_MATTER)}")
        values = value if isinstance(value, list) else [value]
        if allowed is str and not (isinstance(value, str) and value.strip()):
            raise PluginError(f"{path}: front matter '{key}' must be a text")
        if allowed is not str and not all(item in allowed for item in values):
            raise PluginError(f"{path}: front matter '{key}': {value!r} is not one of: {', '.join(allowed)}")


def paragraphs(markdown: str) -> list[str]:
    return markdown.split("\n\n")


def holding(paragraphs: list[str], words: str) -> list[int]:
    """The indexes of the body paragraphs (not headings, not markup) that hold these words."""
    return [index for index, text in enumerate(paragraphs)
            if words in " ".join(text.split()) and not HEADING_LINE.match(text.lstrip()) and not text.lstrip().startswith("<")]


def headings(path: Path) -> dict[str, str]:
    """Heading id -> heading text, for the headings of a page written '# Text { #id }'."""
    return {id: title for title, id in HEADING.findall(body(path)[0])}


def names(docs_dir: Path) -> list[str]:
    """The pages, by their default-language file name ('reasons.md'); each must exist in every language."""
    found = sorted(docs_dir.glob("*.md"))
    pages = sorted({page_name(path.name) for path in found})
    for page in pages:
        for lang in LANGUAGES:
            if not page_path(docs_dir, page, lang).is_file():
                present = next(path for path in found if page_name(path.name) == page)
                raise PluginError(f"{present}: has no {lang} version: add {page_path(docs_dir, page, lang).name}")
    for path in found:
        lang = path.name.split(".")[-2] if path.name.count(".") > 1 else LANGUAGES[0]
        if lang not in LANGUAGES:
            raise PluginError(f"{path}: '{lang}' is not one of the site's languages ({', '.join(LANGUAGES)})")
    return pages


def check(docs_dir: Path, groups: tuple[str, ...]) -> list[str]:
    """Every page in every language, explicit heading ids that match across languages, known
    markers, and no markup beyond what the site allows. Returns the pages."""
    pages = names(docs_dir)
    for page in pages:
        ids = {}
        for lang in LANGUAGES:
            path = page_path(docs_dir, page, lang)
            check_front_matter(path)
            markdown, first = body(path)
            ids[lang] = check_page(path, markdown, first, groups)
        if ids[LANGUAGES[0]] != ids[lang]:
            raise PluginError(f"{page_path(docs_dir, page, lang)}: heading ids {ids[lang]} differ from "
                              f"{page}'s {ids[LANGUAGES[0]]}: give both languages the same headings")
    return pages


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
            if not SAFE_TARGET.match(target):
                raise PluginError(f"{where}: link to '{target}': only https:// addresses, the site's pages "
                                  "(page.md#id) and its data files (data/name.json)")
    return ids
