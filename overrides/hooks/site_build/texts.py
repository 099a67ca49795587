"""The little Markdown that texts in data/ may use, turned into Markdown that can only produce
what it allows.

Allowed: *emphasis*, **strong**, `code`, citations [@id; @id], links [words](https://…) or
[words](page.md#id) to the site's own pages, and words in another language than the text's,
[万智]{lang=zh}, so that a screen reader reads them in that language. Everything else is text: characters that mean
something to Markdown are escaped, and raw HTML or a link of any other kind is an error. Python-
Markdown passes raw HTML through, so a data string placed into a page unescaped would be markup.
"""

from __future__ import annotations

import dataclasses
import re

from site_build import links

TOKEN = re.compile(
    r"(?P<cite>\[@[^\[\]]*\])"
    r"|\[(?P<label>[^\[\]]+)\]\((?P<target>[^()\s]*)\)"
    r"|\[(?P<other>[^\[\]]+)\]\{lang=(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\}"
    r"|`(?P<code>[^`]+)`"
    # Emphasis as Markdown reads it: a space just inside its stars makes them stars.
    r"|\*\*(?P<strong>[^*\s](?:[^*]*[^*\s])?)\*\*"
    r"|\*(?P<em>[^*\s](?:[^*]*[^*\s])?)\*"
)
CITED_ID = re.compile(r"^@([a-z0-9]+(?:-[a-z0-9]+)*)$")
RAW_HTML = re.compile(r"<[A-Za-z/!?]")
LINK_LIKE = re.compile(r"\]\s*[({]|\[@")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
LINE_BREAK = re.compile(r"\s*[\r\n\u2028\u2029]\s*")


class TextError(ValueError):
    """What is wrong with a text, to be reported with its file, entry and field."""


@dataclasses.dataclass(frozen=True)
class Text:
    markdown: str  # safe Markdown; citations stay as [@id] markers for the page's numbering
    plain: str  # the words alone, for structured data
    cited: tuple[str, ...]  # reference ids, in order
    links: tuple[tuple[str, str | None], ...]  # (page, anchor) of every link to the site's own pages
    addresses: tuple[str, ...] = ()  # every https:// address it links to


def joined(first: Text, second: Text) -> Text:
    """Two texts, one after the other."""
    return Text(f"{first.markdown} {second.markdown}", f"{first.plain} {second.plain}",
                first.cited + second.cited, first.links + second.links, first.addresses + second.addresses)

def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly these characters and makes no markup (a colon
    that begins it, which Markdown cannot escape, as a character reference: at the start of a line
    it would begin a definition)."""
    text = re.sub(r"[&<>]", lambda match: ENTITIES[match.group(0)], text)
    return re.sub(r"^:", "&#58;", MARKDOWN_SPECIAL.sub(r"\\\1", text))


def escape_html(html: str) -> str:
    """HTML (a heading's, as the table of contents has it) as Markdown that gives it back: the
    characters that mean something to Markdown escaped in its text, its tags and entities kept."""
    return "".join(part if n % 2 else MARKDOWN_SPECIAL.sub(r"\\\1", part)
                   for n, part in enumerate(re.split(r"(<[^>]*>|&#?\w+;)", html)))


def parse(text: str, known: set[str] | dict) -> Text:
    """Check a data text against the little Markdown and make it safe; TextError names the problem.
    A data text is one paragraph: a line break in it is a space, as Markdown reads one (and cannot
    end a fact box's label or begin a block)."""
    text = LINE_BREAK.sub(" ", text)
    markdown, plain, cited, links_found, addresses, end = [], [], [], [], [], 0

    def words(run: str):
        if RAW_HTML.search(run):
            raise TextError(f"raw HTML is not allowed ('{RAW_HTML.search(run).group(0)}…'); write text")
        if LINK_LIKE.search(run):
            raise TextError("a link must be [words](https://…) or [words](page.md#id), a citation [@id], "
                            "words in another language [words]{lang=zh}")
        markdown.append(escape(run))
        plain.append(run)

    for match in TOKEN.finditer(text):
        words(text[end:match.start()])
        end = match.end()
        if match.group("cite"):
            items = [item.strip() for item in match.group("cite")[1:-1].split(";")]
            for item in items:
                found = CITED_ID.match(item)
                if not found or found.group(1) not in known:
                    raise TextError(f"unknown citation '{match.group(0)}' (see data/references.yml)")
                cited.append(found.group(1))
            markdown.append("[" + "; ".join(items) + "]")
            if plain and plain[-1].endswith(" "):
                plain[-1] = plain[-1].rstrip()
        elif match.group("label"):
            target = match.group("target")
            try:
                link = links.check(target, ("https", "page"))
            except links.LinkError as problem:
                raise TextError(str(problem)) from problem
            if link.kind == "page":
                links_found.append((link.page, link.anchor))
            else:
                addresses.append(target)
            words(match.group("label"))
            markdown[-1] = f"[{markdown[-1]}]({target})"
        elif match.group("other"):
            words(match.group("other"))
            markdown[-1] = f'<span lang="{match.group("lang")}">{markdown[-1]}</span>'
        elif match.group("code"):
            code = match.group("code")
            markdown.append(f"`{code}`")
            plain.append(code)
        else:
            mark = "**" if match.group("strong") else "*"
            words(match.group("strong") or match.group("em"))
            markdown[-1] = f"{mark}{markdown[-1]}{mark}"
    words(text[end:])
    return Text("".join(markdown), "".join(plain), tuple(cited), tuple(links_found), tuple(addresses))


def plain_text(text: str) -> str:
    """A text that allows no markup at all (a publisher, a title), as safe Markdown."""
    if RAW_HTML.search(text):
        raise TextError(f"raw HTML is not allowed ('{RAW_HTML.search(text).group(0)}…'); write text")
    if "[@" in text:
        raise TextError("citations are not allowed here")
    return escape(text)
