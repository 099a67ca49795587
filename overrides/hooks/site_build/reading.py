"""What Python-Markdown reads in a page's Markdown, read by Python-Markdown itself, with the
extensions and settings that MkDocs renders the page with: its headings (and which carry an
explicit id), its citations (and the section each stands in), its raw HTML, the attribute lists
it applies, its links and embedded files, and its text. Nothing here finds Markdown by pattern: a
code span, a fence, a setext heading or a `#word` line is what Markdown says it is.

Citations and data markers are found by their own syntax only where Markdown reads text or raw
HTML: each candidate is tagged with a private-use character that carries its number, and the
candidates Markdown hands back as text (or as raw HTML) are the real ones.
"""

from __future__ import annotations

import dataclasses
import html
import re
import xml.etree.ElementTree as etree
from html.parser import HTMLParser

import markdown as python_markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

CITATION = re.compile(r"(?<!\\)\[(@[^\]]*)\]")
MARKER = re.compile(r"<!-- (timeline|facts|since|checked|changes|references: (\w+)) -->")
TAG = 0xF0000  # the private-use characters that number the candidates: TAG + n is candidate n
TAGGED = re.compile("[\U000F0000-\U000FFFFD]")
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CODE = {"code", "pre"}
URL_ATTRIBUTES = {"href", "src", "srcset", "poster", "data", "action", "formaction", "xlink:href", "cite"}
PLACEHOLDER = re.compile("\x02(?:wzxhzdk:([0-9]+)|([0-9]+))\x03")  # Python-Markdown's, for stashed HTML and escapes
ENTITY = re.compile(r"^&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);$")


@dataclasses.dataclass(frozen=True)
class Heading:
    level: int
    id: str  # as the page has it: explicit, or the one the toc extension gave it
    explicit: bool  # written '{ #id }'
    name: str  # its text, as the table of contents has it (unescaped)
    html: str  # its inner HTML


@dataclasses.dataclass(frozen=True)
class Citation:
    start: int  # where it begins in the Markdown read
    end: int
    ids: tuple[str, ...]
    section: str | None  # the id of the heading above it, None above the first heading
    in_heading: bool  # written in a heading's text


@dataclasses.dataclass(frozen=True)
class Marker:
    start: int
    end: int
    name: str  # 'timeline', 'facts', 'since', 'checked', 'changes' or 'references'
    group: str | None  # for references: the group named


@dataclasses.dataclass(frozen=True)
class Reading:
    headings: list[Heading]
    citations: list[Citation]
    markers: list[Marker]
    raw_html: list[str]  # each tag, comment or entity of raw HTML, as written
    attribute_lists: list[tuple[str, dict[str, str]]]  # (element, attributes an attribute list gave it), but heading ids
    targets: list[tuple[str, str]]  # (attribute, address) of every link and embedded file
    text: str  # the words a reader sees, code included


def cited_ids(citation: str) -> tuple[str, ...]:
    """'[@a; @b]' -> ('a', 'b')."""
    return tuple(item.strip().removeprefix("@") for item in citation[1:-1].split(";"))


class Tags(HTMLParser):
    """The tags, comments and entities of a piece of raw HTML, each as written."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append(self.get_starttag_text())

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        self.found.append(f"</{tag}>")

    def handle_comment(self, data):
        self.found.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.found.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.found.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.found.append(f"<![{data}]>")

    def handle_entityref(self, name):
        self.found.append(f"&{name};")

    def handle_charref(self, name):
        self.found.append(f"&#{name};")


def tags(raw: str) -> list[str]:
    parser = Tags()
    parser.feed(raw)
    parser.close()
    rest = raw.strip()
    return parser.found or ([rest] if rest else [])


class Notes:
    """What the extension's processors note while Markdown reads one text."""

    def __init__(self):
        self.code_stashed = 0  # the stash entries before raw HTML blocks: fenced code
        self.blocks: list = []  # the stash once raw HTML blocks are in it
        self.attributes: dict[int, dict] = {}
        self.headings: list[tuple[int, str | None, etree.Element]] = []
        self.cited: list[tuple[int, str | None, bool]] = []  # (candidate, section, in a heading)
        self.attribute_lists: list[tuple[str, dict]] = []
        self.text: list[str] = []


class AfterFences(Preprocessor):
    def __init__(self, md, notes):
        super().__init__(md)
        self.notes = notes

    def run(self, lines):
        self.notes.code_stashed = len(self.md.htmlStash.rawHtmlBlocks)
        return lines


class AfterRawBlocks(AfterFences):
    def run(self, lines):
        self.notes.blocks = list(self.md.htmlStash.rawHtmlBlocks)
        return lines


class BeforeAttributeLists(Treeprocessor):
    def __init__(self, md, notes):
        super().__init__(md)
        self.notes = notes

    def run(self, root):
        self.notes.attributes = {id(element): dict(element.attrib) for element in root.iter()}


class Walk(BeforeAttributeLists):
    """In reading order: each heading, the citations of the text, what attribute lists gave."""

    def run(self, root):
        self.section, self.in_heading = None, False
        self.visit(root, in_code=False)

    def visit(self, element, in_code: bool):
        notes = self.notes
        before = notes.attributes.get(id(element), {})
        added = {name: value for name, value in element.attrib.items() if before.get(name) != value}
        if element.tag in HEADINGS:
            explicit = added.pop("id", None)
            notes.headings.append((int(element.tag[1]), explicit, element))
            self.section, self.in_heading = element.get("id"), True
        if added:
            notes.attribute_lists.append((element.tag, added))
        in_code = in_code or element.tag in CODE
        self.text(element.text, in_code or element.tag == "a")
        for child in element:
            self.visit(child, in_code)
            self.text(child.tail, in_code)
        if element.tag in HEADINGS:
            self.in_heading = False

    def text(self, text: str | None, in_code: bool):
        if not text:
            return
        self.notes.text.append(TAGGED.sub("", html.unescape(text)) if in_code else self.readable(text))
        # Markdown's own text, not code nor raw HTML (md_in_html's, which Markdown keeps as written: atomic).
        if not in_code and not isinstance(text, AtomicString):
            self.notes.cited += [(ord(tag) - TAG, self.section, self.in_heading) for tag in TAGGED.findall(text)]

    def readable(self, text: str) -> str:
        """Text as a reader sees it: escaped characters as themselves, entities decoded, raw tags and
        the candidates' numbers left out."""
        stash = self.md.htmlStash.rawHtmlBlocks

        def unstash(match: re.Match) -> str:
            if match.group(1) is None:
                return chr(int(match.group(2)))
            entry = stash[int(match.group(1))]
            return html.unescape(entry) if isinstance(entry, str) and ENTITY.match(entry) else ""

        return TAGGED.sub("", PLACEHOLDER.sub(unstash, text))


class ReadingExtension(Extension):
    def __init__(self):
        super().__init__()
        self.notes = Notes()

    def extendMarkdown(self, md):
        md.registerExtension(self)
        md.preprocessors.register(AfterFences(md, self.notes), "reading-after-fences", 22)
        md.preprocessors.register(AfterRawBlocks(md, self.notes), "reading-after-raw-blocks", 19)
        md.treeprocessors.register(BeforeAttributeLists(md, self.notes), "reading-before-attribute-lists", 8.5)
        md.treeprocessors.register(Walk(md, self.notes), "reading-walk", 7)

    def reset(self):
        self.notes.__init__()


class Reader:
    """A Python-Markdown with the site's extensions, reading one text after another."""

    def __init__(self, extensions: dict[str, dict]):
        self.extension = ReadingExtension()
        self.markdown = python_markdown.Markdown(extensions=[*extensions, self.extension], extension_configs=extensions)
        self.readings: dict[str, Reading] = {}  # a build reads a page's Markdown for its markers, citations and places

    def read(self, markdown: str) -> Reading:
        if markdown not in self.readings:
            self.readings[markdown] = self.convert(markdown)
        return self.readings[markdown]

    def convert(self, markdown: str) -> Reading:
        candidates = [*CITATION.finditer(markdown), *MARKER.finditer(markdown)]
        candidates.sort(key=lambda match: match.start())
        tagged, end = [], 0
        for number, match in enumerate(candidates):
            at = match.start() + (1 if match.re is CITATION else len("<!--"))  # inside, where it changes nothing
            tagged += [markdown[end:at], chr(TAG + number)]
            end = at
        tagged.append(markdown[end:])
        notes = self.extension.notes
        output = self.markdown.reset().convert("".join(tagged))
        stash = self.markdown.htmlStash.rawHtmlBlocks
        raw = [*notes.blocks[notes.code_stashed:], *stash[len(notes.blocks):]]
        raw_tags = [tag for block in raw for tag in raw_items(block)]
        marked = {ord(tag) - TAG for tag in TAGGED.findall("".join(raw_tags))}
        tokens = flatten(self.markdown.toc_tokens)
        headings = [Heading(level, element.get("id"), explicit is not None, html.unescape(TAGGED.sub("", token["name"])),
                            TAGGED.sub("", token["html"]))
                    for (level, explicit, element), token in zip(notes.headings, tokens, strict=True)]
        citations = [Citation(candidates[n].start(), candidates[n].end(), cited_ids(candidates[n].group(0)), section,
                              in_heading) for n, section, in_heading in notes.cited if CITATION.fullmatch(candidates[n].group(0))]
        markers = [Marker(match.start(), match.end(), match.group(1).split(":")[0], match.group(2))
                   for n, match in enumerate(candidates) if n in marked and MARKER.fullmatch(match.group(0))]
        targets = Targets()
        targets.feed(output)
        return Reading(headings=headings, citations=citations, markers=markers,
                       raw_html=[TAGGED.sub("", tag) for tag in raw_tags],
                       attribute_lists=notes.attribute_lists, targets=targets.found,
                       text=" ".join(" ".join(notes.text).split()))


def raw_items(block) -> list[str]:
    """The tags of one stash entry: raw HTML as written, or an element md_in_html parsed."""
    if isinstance(block, etree.Element):
        return [f"<{block.tag}{''.join(f' {name}={value!r}' for name, value in block.attrib.items())}>"]
    return tags(block) if not ENTITY.match(block) else []


def flatten(tokens: list[dict]) -> list[dict]:
    return [each for token in tokens for each in (token, *flatten(token["children"]))]


class Targets(HTMLParser):
    """Where the links and embedded files of a piece of HTML point (entities decoded)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found += [(name, TAGGED.sub("", value)) for name, value in attrs if name in URL_ATTRIBUTES and value is not None]
