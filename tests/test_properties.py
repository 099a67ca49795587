"""Property-based tests (Hypothesis): generated texts in data/ and docs/, with Markdown and HTML
specials, entities, every script the site uses, emoji and control characters. For every one,
either the page shows the text escaped exactly once, in its text, its attributes, its structured
data (microdata, the corrections of its Article data), "Cite this page" and its BibTeX, its social
card's lines, the previews, the feed, the search text (as search_text reads the HTML) and the
downloads, or the build stops with one line naming
the file, the entry and the field (or the line). In-process: the data checked and the page
rendered as the build does, without a whole build per example. A stop may come only from
records.load, which on_config runs before MkDocs empties site/ (a later one fails the property):
so the old site/ stays as it was, as tests/test_bad_input.py shows end to end for hostile edits.

The number of examples tried is said at the end of the run."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import feedparser
import lxml.html
import markdown as python_markdown
import pytest
import yaml
from conftest import PROJECT, ROOT, hook
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

records, render, search_text, texts = hook("records"), hook("render"), hook("search_text"), hook("texts")
build_module, jinja_env, reading, site_settings = hook("build"), hook("jinja_env"), hook("reading"), hook("settings")

EXAMPLES = 50  # a property; seven properties: 350 examples in ./dev test
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
tried: list[int] = []


@pytest.fixture(scope="module", autouse=True)
def report(examples):
    """After the module: how many examples Hypothesis tried, in the run's report."""
    yield
    examples.extend(tried)

PIECES = [*"abcXYZ019 *_`[]()#!<>&{}|\\-.+:;\"'~^=/%@", "क", "ख़", "कि", "्", "ं", "ँ", "।", "ॉ", "万", "智",
          "😀", "👩‍💻", "\u200d", "\u200c", "\u00a0", "\t", "\x01", "\x1b", "\x7f", "\u0085", "\ufeff", "&amp;", "&#60;",
          "&lt;b&gt;", "&nbsp;", "<b>", "</p>", "<script>", "<!--", "[@techcrunch]", "[@nope]", "[x](https://example.org/a)",
          "[x](javascript:alert(1))", "{: .x }", "{ #id }", "**", "__", "\n", "\n\n", "---", "> ", "- ", "1. ", "    "]
TEXT = st.lists(st.sampled_from(PIECES), min_size=1, max_size=24).map("".join)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """One copy of the project, its files put back after each example."""
    folder = tmp_path_factory.mktemp("properties")
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return folder


@pytest.fixture(scope="module")
def builder(copy):
    """A Build of the copy as it stands, made as the build makes it (records checked first); the
    pages of docs/ read again only when an example changed one."""
    config = load_config(str(copy / "mkdocs.yml"))
    made = build_module.Build.start(config)  # the copy as it is: a clean start

    def build(docs_changed: bool = False):
        return dataclasses.replace(made, records=records.load(made.settings, made.reader, None if docs_changed else made.records.docs))

    return build


class Edit:
    """One file of the copy changed for one example, and put back."""

    def __init__(self, path: Path):
        self.path, self.original = path, path.read_text(encoding="utf-8")
        self.text = self.original

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self.path.write_text(self.original, encoding="utf-8")

    def replace(self, old: str, new: str):
        assert old in self.text, old
        self.text = self.text.replace(old, new, 1)
        self.path.write_text(self.text, encoding="utf-8")


def quoted(value: str) -> str:
    """A string as a YAML scalar, double-quoted (control characters escaped), on one line."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**6).strip().removesuffix("...").strip()


def rendered(build, name: str, lang: str) -> lxml.html.HtmlElement:
    """A page as the build renders it, read back as HTML (in-process, as conftest.render)."""
    settings = build.settings
    path = site_settings.page_url(settings, name, lang, absolute=False)
    source = name if lang == settings.default_language else name.replace(".md", f".{lang}.md")
    page = SimpleNamespace(file=SimpleNamespace(src_uri=source), canonical_url=settings.site_url + path, url=path)
    config = SimpleNamespace(theme={"language": lang}, site_name=settings.site_names[lang])
    html = python_markdown.markdown(render.page_markdown(build, page, config), extensions=list(settings.extensions),
                                    extension_configs=settings.extensions)
    return lxml.html.fromstring(f"<div>{html}</div>")


def stopped(problem: PluginError, file: str, entry: str | None, field: str | None):
    """The one line a bad edit gets: the file, the entry and the field (or the page and its line)."""
    message = str(problem)
    assert "\n" not in message and "Traceback" not in message, message
    assert file in message, message
    if entry:
        assert f"entry '{entry}'" in message and f"field '{field}" in message, message
    return message


def edited(copy: Path, builder, file: str, changes: dict[str, str], entry: str | None, field: str | None):
    """One example: the copy's `file` with each text of `changes` replaced, and the copy's Build
    of it, or None where the build stops with its one line (stopped()); the file then put back."""
    tried.append(1)
    with Edit(copy / file) as edit:
        for old, new in changes.items():
            edit.replace(old, new)
        try:
            return builder(file.startswith("docs/"))
        except PluginError as problem:
            stopped(problem, Path(file).name, entry, field)
            return None


def shown(text: str) -> str:
    return " ".join(text.split())


def without_space_before_marks(text: str) -> str:
    """Text compared without the space a citation leaves before punctuation."""
    return re.sub(r"\s+(?=[.,;:?!।)])", "", shown(text))


def words(element) -> str:
    return " ".join(element.text_content().split())


@PROPERTY
@given(publisher=TEXT, title=TEXT)
def test_a_source_s_publisher_and_title_are_shown_as_written_everywhere(copy, builder, publisher, title):
    build = edited(copy, builder, "data/references.yml", {
        "publisher: KrASIA": "publisher: " + quoted(publisher),
        'title: "Kai-Fu Lee sets the record straight on 01.AI\'s pivot"': "title: " + quoted(title),
    }, "kr-asia", "")
    if build is None:
        return
    ref = build.records.references["kr-asia"]
    assert (ref.publisher, ref.title["en"]) == (shown(publisher), shown(title))
    for lang in ("hi", "en"):
        entry = rendered(build, "references.md", lang).get_element_by_id("ref-kr-asia")
        assert words(entry).startswith(f"{ref.publisher}: {ref.title[lang]}".strip())
        for link in rendered(build, "reasons.md", lang).cssselect("a.cite__link[href$='#ref-kr-asia']"):
            assert link.get("aria-label").endswith(f": {ref.publisher}") and link.get("class") == "cite__link"
        previews = lxml.html.fromstring(build.macros(lang).previews([ref], "t"))
        preview = previews.get_element_by_id("source-kr-asia")
        assert preview.get("aria-label").endswith(f": {ref.publisher}")
        assert preview.cssselect("cite")[0].text_content() == ref.title[lang]
    csl = next(item for item in json.loads(render.downloads(build)["data/references.json"]) if item["id"] == "kr-asia")
    assert (csl["container-title"], csl["title"]) == (ref.publisher, ref.title["en"])


@PROPERTY
@given(title=TEXT, text=TEXT)
def test_an_event_s_title_and_text_are_text_on_the_timeline_its_data_and_its_download(copy, builder, title, text):
    build = edited(copy, builder, "data/timeline.yml", {
        "en: Yi-Large launched": "en: " + quoted(title),
        '''    en: >-
      01.AI launches Yi-Large, a larger model of the Yi series: a closed-source model in the
      hundred-billion-parameter class.''': "    en: " + quoted(text),
    }, "yi-large", "")
    if build is None:
        return
    event = next(event for event in build.records.events if event.id == "yi-large")
    timeline = rendered(build, "timeline.md", "en")
    item = timeline.get_element_by_id("yi-large").getparent()
    heading = item.cssselect("h2")[0]
    assert words(heading) == shown(event.title["en"].plain)
    assert all(element.tag in ("em", "strong", "code", "span") for element in heading.iterdescendants())
    assert heading.get("itemprop") == "name"  # the event's name, as schema.org reads it
    for group in item.cssselect("sup.cite"):
        group.drop_tree()
    body = " ".join(words(p) for p in item.cssselect("p") if not p.get("class"))
    assert without_space_before_marks(event.text["en"].plain) in without_space_before_marks(body)
    searched = search_text.sentences(lxml.html.tostring(item, encoding="unicode"), set())  # its HTML, as search reads it
    assert without_space_before_marks(event.text["en"].plain) in without_space_before_marks(" ".join(searched))
    for element in item.iter():
        assert not [name for name in element.attrib if name.startswith("on") or name == "style"], element.attrib
    download = json.loads(render.downloads(build)["data/timeline.json"])
    assert next(each for each in download["events"] if each["id"] == "yi-large")["title"]["en"] == event.title["en"].plain


@PROPERTY
@given(label=TEXT)
@example(label="*\n*")  # stars around a space were taken for emphasis, which Markdown does not make
@example(label="a\nb")  # a line break would end the term of the box's definition list
def test_a_fact_s_label_is_text_in_the_fact_box(copy, builder, label):
    build = edited(copy, builder, "data/facts.yml", {"en: Founder": "en: " + quoted(label)}, "founder", "label.en")
    if build is None:
        return
    fact = build.records.facts["founder"]
    box = rendered(build, "index.md", "en").cssselect(".facts dl")[0]
    terms = [term for term in box.cssselect("dt") if words(term) == shown(fact.label["en"].plain)]
    assert len(terms) == 1
    assert all(element.tag in ("em", "strong", "code", "span") for element in terms[0].iterdescendants())


MARKUP_OF_MARKDOWN = {"div", "p", "em", "strong", "code", "pre", "a", "span", "time", "ul", "ol", "li", "blockquote", "hr",
                      "br", "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
                      "sup", "aside", "meta", "link", "script", "figure", "figcaption", "cite", "q", "mark"}


@PROPERTY
@given(paragraph=TEXT)
def test_a_page_s_paragraph_becomes_markdown_s_markup_or_a_clear_stop(copy, builder, paragraph):
    build = edited(copy, builder, "docs/outlook.en.md", {"\n<!-- since -->": f"\n{paragraph}\n\n<!-- since -->"},
                   None, None)
    if build is None:
        return
    page = rendered(build, "outlook.md", "en")
    for element in page.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag in MARKUP_OF_MARKDOWN, element.tag
        assert not [name for name in element.attrib if name.startswith("on") or name in ("style", "src", "srcset")], element.attrib
        if element.tag == "a":
            assert element.get("href", "").startswith(("https://", "../", "#", "timeline.md", "references.md", "about.md",
                                                        "outlook.md", "changes.md", "background.md", "reasons.md", "index.md",
                                                        "data/")), element.get("href")
        if element.tag == "script":
            assert element.get("type") == "application/ld+json"


@PROPERTY
@given(quote=TEXT, translation=TEXT)
def test_a_note_s_evidence_is_shown_as_written(copy, builder, quote, translation):
    build = edited(copy, builder, "data/notes.yml", {
        "quote: 01.AI is raising $200 million in a new funding round.": "quote: " + quoted(quote),
        "hi: 01.AI एक नए फ़ंडिंग दौर में $200 मिलियन जुटा रही है।": "hi: " + quoted(translation),
    }, "funding", "evidence[1]")
    if build is None:
        return
    (item,) = [each for each in next(n for n in build.records.notes if n.id == "funding").evidence]
    note = rendered(build, "reasons.md", "hi").get_element_by_id("claim-funding").getparent().getparent()
    figure = note.cssselect("figure[data-ref=techreport]")[0]
    assert words(figure.cssselect("blockquote")[0]) == shown(item.quote)
    assert shown(item.translation["hi"]) in words(figure.cssselect("figcaption")[0])




cards = hook("cards")
feeds = hook("feeds")
BIBTEX_WRITTEN = {written: char for char, written in render.BIBTEX_SPECIAL.items()}


def bibtex_text(field: str) -> str:
    """A BibTeX field's text, its LaTeX escapes read back."""
    return re.sub("|".join(map(re.escape, sorted(BIBTEX_WRITTEN, key=len, reverse=True))),
                  lambda match: BIBTEX_WRITTEN[match.group(0)], field)


@PROPERTY
@given(title=TEXT)
@example(title="[@techcrunch]")  # a citation in a heading built as its number there, not the title's text
def test_a_page_s_title_is_text_in_its_heading_its_citation_its_bibtex_and_its_card(copy, builder, title):
    build = edited(copy, builder, "docs/outlook.en.md",
                   {"# Current status and future prospects { #outlook }": f"# {title} {{ #outlook }}"}, None, None)
    if build is None:
        return
    plain = build.records.docs("outlook.md", "en").title
    page = rendered(build, "outlook.md", "en")
    assert words(page.get_element_by_id("outlook")) == shown(plain)
    cite = page.cssselect("aside.cite-this")[0]
    assert shown(plain) in words(cite.cssselect(".cite-this__plain")[0])
    field = re.search(r"^\s*title = \{\{(.*)\}\},$", cite.cssselect("pre code")[0].text_content(), re.M)
    assert field and bibtex_text(field.group(1)) == plain, cite.cssselect("pre code")[0].text_content()
    setting = cards.Setting(54, cards.TITLE_WEIGHT)
    laid_out = cards.lines(plain, setting, cards.SIZE[0] - 2 * cards.MARGIN)
    assert "".join("".join(laid_out).split()) == "".join(plain.split())  # the card's text: the title's, as written
    assert all(setting.length(line) <= cards.SIZE[0] - 2 * cards.MARGIN for line in laid_out)


@PROPERTY
@given(what=TEXT)
def test_a_change_is_text_on_the_changes_page_in_its_page_s_corrections_and_in_the_feed(copy, builder, what):
    build = edited(copy, builder, "data/changes.yml", {"en: MiniMax was due to list on 9 January 2026": "en: " + quoted(what)},
                   "minimax-listing", "what.en")
    if build is None:
        return
    change = next(change for change in build.records.changes if change.id == "minimax-listing")
    entry = rendered(build, "changes.md", "en").get_element_by_id("minimax-listing").getparent()
    assert shown(change.what["en"].plain) in words(entry)
    for element in entry.iter():
        assert not [name for name in element.attrib if name.startswith("on") or name == "style"], element.attrib
    corrections = json.loads(json.dumps(render.history(build, "outlook.en.md", "en")))["corrections"]
    assert change.what["en"].plain in [correction["text"] for correction in corrections]
    feed = feedparser.parse(feeds.feed(build, "en"))
    assert not feed.bozo, feed.bozo_exception
    (item,) = [item for item in feed.entries if item.id.endswith("/changes/minimax-listing")]
    assert shown(item.title) == shown(change.what["en"].plain)
