"""Typed records for data/*.yml: references, facts, timeline events, editor's notes, what was
found since the article, and the search terms; checked against the pages of docs/.

Every problem is reported as one PluginError naming the file, the entry id and the field, so
that a bad edit stops the build before anything is written. Texts are checked against the
little Markdown of texts.py and kept as safe Markdown.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import html
import re
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import babel
import babel.dates
import yaml
from mkdocs.exceptions import PluginError

from site_build import links, pages, reading, texts, words
from site_build.settings import Settings

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SECTION = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*\.md)#([A-Za-z0-9_-]+)$")
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$")
GROUPS = ("article", "primary", "press")
CSL_TYPES = ("article-newspaper", "article", "webpage", "post-weblog", "entry-encyclopedia")
VERDICTS = ("unsupported", "misattributed", "overstated", "imprecise", "inaccurate")
DATE_FORMATS = {"day": ("%Y-%m-%d", "d MMMM y", r"\d{4}-\d{2}-\d{2}"),
                "month": ("%Y-%m", "MMMM y", r"\d{4}-\d{2}"),
                "year": ("%Y", "y", r"\d{4}")}
WAYBACK = "https://web.archive.org/web/{day:%Y%m%d}/{url}"  # the snapshot nearest to that day
ARCHIVES = {"web.archive.org": "Internet Archive", "archive.ph": "archive.today"}
MAX_QUOTE_WORDS = 40  # a Chinese character counts as a word
EARLIEST = datetime.date(1990, 1, 1)  # before this, or after the facts were checked, a date is a typo
MAX_FILE_SIZE = 1_000_000


TRAILING_CITATION = re.compile(r"\s*\[(@[^\]]*)\]\s*(\\?[।.])$")  # a text's last citation, before its full stop (escaped or not)
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")  # Chinese characters
LATIN_LETTER = re.compile(r"[A-Za-z]")


def marked_chinese(escaped: str) -> str:
    """Text escaped for HTML, its runs of Chinese marked as Chinese, for screen readers' voices."""
    return HAN.sub(lambda run: f'<span lang="zh">{run.group(0)}</span>', escaped)


def marked_languages(escaped: str, name: str, lang: str) -> str:
    """A name (escaped for where it goes) with its Chinese marked as Chinese and, on a page not in
    English, a name in Latin letters as English, for screen readers' voices."""
    marked = marked_chinese(escaped)
    return f'<span lang="en">{marked}</span>' if lang != "en" and LATIN_LETTER.search(name) else marked

@dataclasses.dataclass(frozen=True)
class Date:
    value: datetime.date
    precision: str
    end: datetime.date | None = None  # the last day of a span of days

    @property
    def iso(self) -> str:
        """The ISO value at its true precision, as in <time datetime>."""
        return self.value.strftime(DATE_FORMATS[self.precision][0])

    @property
    def end_iso(self) -> str | None:
        """The span's end, at the same precision."""
        return self.end.strftime(DATE_FORMATS[self.precision][0]) if self.end else None

    @functools.lru_cache(maxsize=None)  # noqa: B019 (a frozen value: its label never changes)
    def label(self, lang: str) -> str:
        if self.end and self.precision == "day" and (self.end.year, self.end.month) == (self.value.year, self.value.month):
            return f"{self.value.day}–{self.end.day} {babel.dates.format_date(self.value, 'MMMM y', locale=lang)}"
        if self.end and self.precision == "month" and self.end.year == self.value.year:
            return (f"{babel.dates.format_date(self.value, 'MMMM', locale=lang)}–"
                    f"{babel.dates.format_date(self.end, 'MMMM y', locale=lang)}")
        label = babel.dates.format_date(self.value, DATE_FORMATS[self.precision][1], locale=lang)
        return f"{label} – {Date(self.end, self.precision).label(lang)}" if self.end else label


@dataclasses.dataclass(frozen=True)
class Reference:
    id: str
    number: int
    group: str
    type: str  # its CSL type
    publisher: str  # its name as written, for structured data
    about: dict[str, str] | None  # language -> what the site says of it ("on GitHub", "reporting Reuters")
    title: dict[str, str]  # language -> the title as published, or, if `descriptive`, this site's words for it
    descriptive: bool  # the source shows no usable title: the site describes it, in brackets
    translation: dict[str, str] | None  # language -> the title translated, for a source in another language
    url: str
    language: str
    date: Date | None
    general: bool
    archived: str  # a copy that outlives the address: `archived`, or the Wayback Machine's nearest to the day it was read

    @property
    def archive(self) -> str:
        """The archive that keeps the copy, by its address's host (for CSL-JSON's "archive")."""
        return ARCHIVES.get(urlsplit(self.archived).hostname, urlsplit(self.archived).hostname)

    def shown_title(self, lang: str) -> str:
        """The title as a reader of `lang` sees it (a descriptive title in brackets)."""
        return f"[{self.title[lang]}]" if self.descriptive else self.title[lang]

    def title_language(self, lang: str) -> str:
        return lang if self.descriptive else self.language

    def name(self, lang: str) -> str:
        """The publisher's name, then what the site says of it in the page's language: "01.AI (on GitHub)"."""
        return f"{self.publisher} ({self.about[lang]})" if self.about else self.publisher

    def publisher_html(self, lang: str) -> str:
        """The publisher's name as HTML text, in the languages it is written in (marked_languages),
        then what the site says of it."""
        marked = marked_languages(html.escape(self.publisher), self.publisher, lang)
        return f"{marked} ({html.escape(self.about[lang])})" if self.about else marked

    def name_in_attribute(self, lang: str) -> str:
        """The publisher's name as Markdown in a quoted value of an attribute list: shown as written."""
        return texts.escape(self.name(lang)).replace('"', "&quot;")

    def markdown(self, lang: str) -> dict[str, str]:
        """Publisher, title and its translation as Markdown that shows them as text, the
        publisher's languages marked."""
        publisher = marked_languages(texts.plain_text(self.publisher), self.publisher, lang)
        if self.about:
            publisher += f" ({texts.plain_text(self.about[lang])})"
        return {"publisher": publisher, "title": texts.plain_text(self.shown_title(lang)),
                "translation": texts.plain_text(self.translation[lang]) if self.translation else ""}

    def language_name(self, lang: str) -> str:
        return babel.Locale.parse(self.language.replace("-", "_")).get_display_name(lang)


@dataclasses.dataclass(frozen=True)
class Event:
    id: str
    date: Date
    confidence: str
    title: dict  # language -> texts.Text
    text: dict
    refs: tuple[str, ...]
    support: dict | None
    section: str
    fact: str | None  # the fact (data/facts.yml) whose text ends the event's text

    def cited_markdown(self, lang: str) -> str:
        """The event's text with all its sources: those it does not cite yet join the citation
        that ends it into one group, after its full stop, where every paragraph's citations are."""
        text = self.text[lang]
        more = [ref for ref in self.refs if ref not in text.cited]
        if not more:
            return text.markdown
        ending = TRAILING_CITATION.search(text.markdown)
        if not ending:
            return f"{text.markdown} [@{'; @'.join(more)}]"
        ids = dict.fromkeys([*(item.strip().removeprefix("@") for item in ending.group(1).split(";")), *more])
        return f"{text.markdown[:ending.start()]}{ending.group(2)} [@{'; @'.join(ids)}]"


@dataclasses.dataclass(frozen=True)
class Evidence:
    """The words of a source that an editor's note (or a fact) rests on, or that it could not be read."""
    ref: str
    quote: str | None  # the source's words, as written; None where the source could not be read
    lang: str | None  # the quote's language
    translation: dict[str, str]  # each language of the site the quote is not in -> the quote in it

    def in_language(self, lang: str) -> bool:
        return self.lang is not None and self.lang.split("-")[0] == lang

    def translation_html(self, lang: str) -> str:
        return marked_chinese(html.escape(self.translation[lang]))


@dataclasses.dataclass(frozen=True)
class Note:
    id: str
    page: str
    verdict: str
    anchor: dict[str, str]  # the article's words, as written
    text: dict  # language -> texts.Text
    fact: str | None  # the fact (data/facts.yml) whose text ends the note's text
    evidence: tuple[Evidence, ...]  # its own, then its fact's

    def quote(self, lang: str) -> str:
        return texts.escape(self.anchor[lang])


@dataclasses.dataclass(frozen=True)
class Fact:
    """One statement of the site's own, kept once (data/facts.yml) and shown wherever it is
    made: the home page's fact box, the timeline, the editor's notes."""
    id: str
    label: dict | None  # language -> texts.Text: its row in the fact box, if it has one
    date: Date | None  # what a figure refers to (the valuation of November 2023)
    text: dict  # language -> texts.Text
    evidence: tuple[Evidence, ...]


@dataclasses.dataclass(frozen=True)
class Finding:
    """One thing found since the article (data/since.yml), with the day the site last changed it."""
    id: str
    updated: datetime.date
    text: dict  # language -> texts.Text, citing the source it was found in


@dataclasses.dataclass(frozen=True)
class Since:
    """What could be checked since the article, and what was looked for and not found."""
    found: list[Finding]
    not_found: dict  # language -> texts.Text


@dataclasses.dataclass(frozen=True)
class Change:
    """A change of the site's own text (data/changes.yml): when, of what kind, where, what and why."""
    id: str
    date: datetime.date
    kind: str  # correction, update or addition
    pages: tuple[tuple[str, str | None], ...]  # (page, heading or entry id) of each place it touched
    what: dict  # language -> texts.Text: what changed, in a line
    why: dict  # language -> texts.Text
    refs: tuple[str, ...]  # the sources, where a fact changed

    def touches(self, page: str) -> bool:
        return any(name == page for name, _ in self.pages)


@dataclasses.dataclass(frozen=True)
class Records:
    docs: pages.Docs
    references: dict[str, Reference]
    facts: dict[str, Fact]
    events: list[Event]
    notes: list[Note]
    since: Since
    changes: list[Change]  # newest first
    search_terms: list[list[str]]  # the spellings of each name or term, for search
    names: list[str]  # names written in Latin letters on Hindi pages, read as names (data/names.yml)

    def latest_change(self, page: str) -> Change | None:
        """The newest change that touched a page ('reasons.md')."""
        return next((change for change in self.changes if change.touches(page)), None)

    def corrections(self, page: str) -> list[Change]:
        return [change for change in self.changes if change.kind == "correction" and change.touches(page)]


def error(path: Path, where: str, field: str, problem: str) -> PluginError:
    return PluginError(f"{path}: {where}, field '{field}': {problem}")


class EditorLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """YAML as editors write it: dates stay text, and a repeated key is an error, not a silent overwrite."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                owner = next((value.value for k, value in node.value if getattr(k, "value", None) == "id"), None)
                where = f"entry '{owner}'" if isinstance(owner, str) else f"line {key_node.start_mark.line + 1}"
                raise yaml.constructor.ConstructorError(
                    None, None, f"{where}, field '{key}': duplicate key (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read_text(path: Path) -> str:
    """A data file's text, as pages.read reads a page, and never more than MAX_FILE_SIZE."""
    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            raise PluginError(f"{path}: larger than {MAX_FILE_SIZE // 1_000_000} MB; a data file is never that big")
    except OSError as problem:
        raise PluginError(f"{path}: cannot be read: {problem.strerror}") from problem
    return pages.read(path)


def read_yaml(path: Path) -> object:
    text = read_text(path)
    try:
        # Anchors and aliases are refused before anything is built from them: one alias can
        # stand for gigabytes (a "billion laughs").
        for event in yaml.parse(text, Loader=EditorLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise PluginError(f"{path}: line {event.start_mark.line + 1}: anchors and aliases (&, *) "
                                  "are not allowed; write each value out")
        return yaml.load(text, Loader=EditorLoader)
    except yaml.constructor.ConstructorError as problem:
        raise PluginError(f"{path}: {problem.problem}") from problem
    except yaml.YAMLError as problem:
        raise PluginError(f"{path}: not valid YAML: {' '.join(str(problem).split())}") from problem


class Entry:
    """One mapping of a data file, read field by field with errors that say where."""

    def __init__(self, path: Path, index: int, raw: object, fields: dict[str, bool], settings: Settings):
        self.path, self.raw = path, raw
        self.languages, self.latest = settings.languages, settings.checked
        self.id = raw.get("id") if isinstance(raw, dict) else None
        self.where = f"entry '{self.id}'" if isinstance(self.id, str) else f"entry #{index + 1}"
        if not isinstance(raw, dict):
            self.fail("id", "each entry must be a mapping of fields")
        for name in raw:
            if name not in fields:
                self.fail(str(name), f"unknown field (expected one of: {', '.join(fields)})")
        for name, required in fields.items():
            if required and raw.get(name) in (None, "", [], {}):
                self.fail(name, "missing required field")
        if not isinstance(self.id, str) or not SLUG.match(self.id):
            self.fail("id", "must be a lowercase ASCII slug such as 'yi-34b-release'")

    def fail(self, field: str, problem: str):
        raise error(self.path, self.where, field, problem)

    def string(self, name: str, value: object) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(name, "must be a non-empty string")
        if not unicodedata.is_normalized("NFC", value):
            self.fail(name, "text is not NFC-normalised")
        if found := pages.UNSHOWABLE.search(value):
            self.fail(name, pages.unshowable(found.group(0)))
        return " ".join(value.split())

    def text(self, name: str) -> str:
        return self.string(name, self.raw.get(name))

    def choice(self, name: str, options: tuple[str, ...]) -> str:
        value = self.text(name)
        if value not in options:
            self.fail(name, f"'{value}' is not one of: {', '.join(options)}")
        return value

    def bilingual(self, name: str) -> dict[str, str]:
        value = self.raw.get(name)
        if not isinstance(value, dict):
            self.fail(name, f"must be a mapping with one text per language ({', '.join(self.languages)})")
        for lang in value:
            if lang not in self.languages:
                self.fail(f"{name}.{lang}", f"unknown language (expected: {', '.join(self.languages)})")
        for lang in self.languages:
            if lang not in value or value[lang] in (None, ""):
                self.fail(f"{name}.{lang}", "missing translation")
        return {lang: self.string(f"{name}.{lang}", value[lang]) for lang in self.languages}

    def markdown(self, name: str, known: dict[str, Reference], *, cites: bool = True) -> dict:
        """A bilingual text in the little Markdown of texts.py, checked and made safe."""
        parsed = {}
        for lang, value in self.bilingual(name).items():
            try:
                parsed[lang] = texts.parse(value, known)
            except texts.TextError as problem:
                self.fail(f"{name}.{lang}", str(problem))
            if not cites and (parsed[lang].cited or parsed[lang].links or parsed[lang].addresses):
                self.fail(f"{name}.{lang}", "a title cannot cite or link; cite in the text")
        return parsed

    def plain(self, name: str) -> str:
        return self.plain_string(name, self.text(name))

    def plain_string(self, name: str, value: str) -> str:
        try:
            texts.plain_text(value)
        except texts.TextError as problem:
            self.fail(name, str(problem))
        return value

    def flag(self, name: str) -> bool:
        value = self.raw.get(name, False)
        if not isinstance(value, bool):
            self.fail(name, "must be true or false")
        return value

    def date(self, name: str, end: str | None = None) -> Date:
        precision = self.choice("precision", tuple(DATE_FORMATS))
        start = self.day(name, precision)
        if end is None or end not in self.raw:
            return Date(start, precision)
        if precision == "year":
            self.fail(end, "an end date needs precision 'day' or 'month'")
        last = self.day(end, precision)
        if last <= start:
            self.fail(end, f"must come after '{name}'")
        return Date(start, precision, last)

    def day(self, name: str, precision: str) -> datetime.date:
        text, (parse_format, _, pattern) = self.raw.get(name), DATE_FORMATS[precision]
        if isinstance(text, int) and not isinstance(text, bool):  # a year written unquoted: YAML reads a number
            text = str(text)
        shape = pattern.replace(r"\d{4}", "YYYY").replace(r"-\d{2}", "-MM", 1).replace(r"-\d{2}", "-DD")
        if not isinstance(text, str) or not re.fullmatch(pattern, text):
            self.fail(name, f"{str(text)[:40]!r} is not a date of precision '{precision}' written {shape}")
        try:
            value = datetime.datetime.strptime(text, parse_format).date()
        except ValueError:
            self.fail(name, f"'{text}' is not a valid date ({shape})")
        if not EARLIEST <= value <= self.latest:
            self.fail(name, f"'{text}' is outside {EARLIEST.year} to {self.latest.isoformat()}, the day the facts "
                      "were last checked (extra.checked in mkdocs.yml)")
        return value

    def evidence(self, cited: tuple[str, ...], settings: Settings) -> tuple[Evidence, ...]:
        """`evidence`: each item the words of a source the entry cites, or `unread: true`."""
        items = self.raw.get("evidence") or []
        if not isinstance(items, list):
            self.fail("evidence", "must be a list of quotes, each with its ref, quote, lang and translation")
        found = []
        for number, item in enumerate(items, 1):
            field = f"evidence[{number}]"
            if not isinstance(item, dict):
                self.fail(field, "must be a mapping: ref, quote, lang, translation (or ref and unread: true)")
            allowed = {"ref", "unread"} if item.get("unread") is True else {"ref", "quote", "lang", "translation"}
            for name in item:
                if name not in allowed:
                    self.fail(f"{field}.{name}", f"unknown field (expected one of: {', '.join(sorted(allowed))})")
            ref = self.string(f"{field}.ref", item.get("ref"))
            if ref not in cited:
                self.fail(f"{field}.ref", f"'{ref}' is not a source this entry cites ({', '.join(dict.fromkeys(cited))})")
            if item.get("unread") is True:
                found.append(Evidence(ref, None, None, {}))
                continue
            quote = self.string(f"{field}.quote", item.get("quote"))
            if (length := sum(map(len, HAN.findall(quote))) + len(HAN.sub(" ", quote).split())) > MAX_QUOTE_WORDS:
                self.fail(f"{field}.quote", f"{length} words: quote at most {MAX_QUOTE_WORDS} (cut with …)")
            lang = self.language(f"{field}.lang", item.get("lang"))
            wanted = [each for each in settings.languages if each != lang.split("-")[0]]
            translation = item.get("translation") or {}
            if not isinstance(translation, dict):
                self.fail(f"{field}.translation", f"must be a mapping with the quote in {', '.join(wanted)}")
            for each in translation:
                if each not in wanted:
                    self.fail(f"{field}.translation.{each}", f"not needed: the quote is in '{lang}' (translate it into "
                              f"{', '.join(wanted) or 'no other language'})")
            for each in wanted:
                if not translation.get(each):
                    self.fail(f"{field}.translation.{each}", "missing translation")
            found.append(Evidence(ref, quote, lang, {each: self.string(f"{field}.translation.{each}", translation[each])
                                                     for each in wanted}))
        return tuple(found)

    def language(self, name: str, value: object) -> str:
        language = self.string(name, value)
        try:
            if not LANGUAGE_CODE.match(language):
                raise ValueError(language)
            babel.Locale.parse(language.replace("-", "_"))
        except (ValueError, babel.UnknownLocaleError):
            self.fail(name, f"'{language}' is not a language code such as 'en' or 'zh'")
        return language

    def ids(self, name: str, known: dict[str, Reference]) -> tuple[str, ...]:
        value = self.raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, "must be a list of reference ids")
        for ref in value:
            if ref not in known:
                self.fail(name, f"unknown reference id '{ref}' (see data/references.yml)")
        return tuple(value)


def read_entries(path: Path, fields: dict[str, bool], settings: Settings) -> list[Entry]:
    raw = read_yaml(path)
    if not isinstance(raw, list):
        raise PluginError(f"{path}: must hold a list of entries")
    return entries_of(path, raw, fields, settings)


def entries_of(path: Path, raw: list, fields: dict[str, bool], settings: Settings) -> list[Entry]:
    """The entries of a list in a data file, each with its fields and a unique id."""
    entries, seen = [], set()
    for index, item in enumerate(raw):
        entry = Entry(path, index, item, fields, settings)
        if entry.id in seen:
            entry.fail("id", "duplicate id")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def load_references(path: Path, settings: Settings) -> dict[str, Reference]:
    fields = {"id": True, "group": True, "type": False, "publisher": True, "title": True, "descriptive": False,
              "translation": False, "url": True, "language": True, "date": False, "precision": False, "general": False,
              "read": False, "archived": False, "about": False}
    references = {}
    for entry in read_entries(path, fields, settings):
        url = entry.text("url")
        try:
            links.https_url(url)
        except links.LinkError as problem:
            entry.fail("url", str(problem))
        language = entry.language("language", entry.raw.get("language"))
        general, descriptive = entry.flag("general"), entry.flag("descriptive")
        if descriptive:  # this site's words: one per language
            title = {lang: entry.plain_string(f"title.{lang}", text) for lang, text in entry.bilingual("title").items()}
        else:
            title = dict.fromkeys(settings.languages, entry.plain("title"))
        translation = None
        if "translation" in entry.raw:
            translation = {lang: entry.plain_string(f"translation.{lang}", text)
                           for lang, text in entry.bilingual("translation").items()}
        if language.split("-")[0] not in settings.languages and not descriptive and not translation:
            entry.fail("translation", f"a title in '{language}' needs its translation in each language "
                       f"({', '.join(settings.languages)})")
        references[entry.id] = Reference(
            id=entry.id, number=0, group=entry.choice("group", GROUPS),
            type=entry.choice("type", CSL_TYPES) if "type" in entry.raw else CSL_TYPES[0],
            publisher=entry.plain("publisher"),
            about={lang: entry.plain_string(f"about.{lang}", text) for lang, text in entry.bilingual("about").items()}
            if "about" in entry.raw else None, title=title, descriptive=descriptive, translation=translation, url=url,
            language=language, date=entry.date("date") if "date" in entry.raw else None,
            general=general, archived=archived_copy(entry, url, settings),
        )
    # Numbers follow the page: the article's own sources first, in the article's order.
    ordered = sorted(references.values(), key=lambda ref: GROUPS.index(ref.group))
    return {ref.id: dataclasses.replace(ref, number=n) for n, ref in enumerate(ordered, 1)}


def archived_copy(entry: Entry, url: str, settings: Settings) -> str:
    """A reference's archived copy: its `archived` address, or the Wayback Machine's snapshot
    nearest to the day it was `read` (the day the facts were checked, unless it says)."""
    if "archived" in entry.raw:
        try:
            links.https_url(entry.text("archived"))
        except links.LinkError as problem:
            entry.fail("archived", str(problem))
    return archived_address(url, entry.raw.get("archived"), entry.day("read", "day") if "read" in entry.raw else settings.checked)


def archived_address(url: str, archived: str | None, read: datetime.date) -> str:
    """The archived copy of a source's address: the one given, or the Wayback Machine's nearest to the day it was read."""
    return archived or WAYBACK.format(day=read, url=url)


def load_facts(path: Path, references: dict[str, Reference], settings: Settings) -> dict[str, Fact]:
    fields = {"id": True, "label": False, "date": False, "precision": False, "text": True, "evidence": False}
    facts = {}
    for entry in read_entries(path, fields, settings):
        text = entry.markdown("text", references)
        for lang in settings.languages:
            if not text[lang].cited:
                entry.fail(f"text.{lang}", "a fact must cite at least one source")
        facts[entry.id] = Fact(id=entry.id, label=entry.markdown("label", references, cites=False) if "label" in entry.raw else None,
                               date=entry.date("date") if "date" in entry.raw else None, text=text,
                               evidence=entry.evidence(cited_everywhere(text), settings))
    return facts


def cited_everywhere(text: dict) -> tuple[str, ...]:
    """The sources a bilingual text cites in every language."""
    cited = [set(each.cited) for each in text.values()]
    return tuple(ref for ref in next(iter(text.values())).cited if all(ref in each for each in cited))


def with_fact(entry: Entry, facts: dict[str, Fact], references: dict[str, Reference]) -> tuple[dict, str | None]:
    """An entry's text (`text`, then the text of its `fact`), and the fact's id."""
    fact = entry.text("fact") if "fact" in entry.raw else None
    if fact is not None and fact not in facts:
        entry.fail("fact", f"unknown fact '{fact}' (see data/facts.yml)")
    if fact is None and "text" not in entry.raw:
        entry.fail("text", "missing required field (or a 'fact' whose text it is)")
    own = entry.markdown("text", references) if "text" in entry.raw else None
    if own is None:
        return facts[fact].text, fact
    return ({lang: texts.joined(own[lang], facts[fact].text[lang]) for lang in entry.languages} if fact else own), fact


def load_events(path: Path, references: dict[str, Reference], facts: dict[str, Fact],
                settings: Settings) -> list[Event]:
    fields = {"id": True, "date": True, "end": False, "precision": True, "confidence": True, "title": True,
              "text": False, "fact": False, "refs": True, "support": False, "section": True}
    events = []
    for entry in read_entries(path, fields, settings):
        section = entry.text("section")
        if not SECTION.match(section):
            entry.fail("section", f"'{section}' is not a page and heading id such as 'reasons.md#compute'")
        text, fact = with_fact(entry, facts, references)
        events.append(Event(
            id=entry.id, date=entry.date("date", end="end"), confidence=entry.choice("confidence", ("high", "medium")),
            title=entry.markdown("title", references, cites=False), text=text,
            refs=entry.ids("refs", references),
            support=entry.markdown("support", references) if "support" in entry.raw else None, section=section,
            fact=fact,
        ))
    return sorted(events, key=lambda event: event.date.value)


def load_notes(path: Path, references: dict[str, Reference], facts: dict[str, Fact],
               settings: Settings) -> list[Note]:
    notes = []
    fields = {"id": True, "page": True, "verdict": True, "anchor": True, "text": False, "fact": False, "evidence": False}
    for entry in read_entries(path, fields, settings):
        text, fact = with_fact(entry, facts, references)
        for lang in settings.languages:
            if not text[lang].cited:
                entry.fail(f"text.{lang}", "an editor's note must cite at least one source")
        evidence = entry.evidence(cited_everywhere(text), settings) + (facts[fact].evidence if fact else ())
        if not any(item.quote for item in evidence):
            entry.fail("evidence", "a note shows the words of the sources it rests on: quote at least one "
                       "(or its fact's, in data/facts.yml)")
        notes.append(Note(id=entry.id, page=entry.text("page"), verdict=entry.choice("verdict", VERDICTS),
                          anchor=entry.bilingual("anchor"), text=text, fact=fact, evidence=evidence))
    return notes


def load_since(path: Path, references: dict[str, Reference], settings: Settings) -> Since:
    """data/since.yml: `found`, a list of findings, and `not_found`, what was looked for in vain."""
    raw = read_yaml(path)
    if not isinstance(raw, dict) or set(raw) != {"found", "not_found"} or not isinstance(raw["found"], list):
        raise PluginError(f"{path}: must hold 'found' (a list of findings, each with its text in every "
                          "language) and 'not_found' (one text in every language)")
    found = []
    for entry in entries_of(path, raw["found"], {"id": True, "updated": True, "text": True}, settings):
        text = entry.markdown("text", references)
        for lang in settings.languages:
            if not text[lang].cited:
                entry.fail(f"text.{lang}", "a finding must cite the source it was found in")
        found.append(Finding(entry.id, entry.day("updated", "day"), text))
    entry = Entry(path, 0, {"id": "not-found", "text": raw["not_found"]}, {"id": True, "text": True}, settings)
    return Since(found=found, not_found=entry.markdown("text", references))


CHANGE_KINDS = ("correction", "update", "addition")
PLACE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*\.md)(?:#([A-Za-z0-9_-]+))?$")


def load_changes(path: Path, references: dict[str, Reference], settings: Settings) -> list[Change]:
    """data/changes.yml, newest first: every change of the site's own text since it was published."""
    fields = {"id": True, "date": True, "kind": True, "pages": True, "what": True, "why": True, "refs": False}
    changes = []
    for entry in read_entries(path, fields, settings):
        kind = entry.choice("kind", CHANGE_KINDS)
        places = entry.raw.get("pages")
        if not isinstance(places, list) or not all(isinstance(place, str) and PLACE.match(place) for place in places):
            entry.fail("pages", "must be a list of the pages it touched, each 'page.md' or 'page.md#heading-id'")
        refs = entry.ids("refs", references)
        if kind == "correction" and not refs:
            entry.fail("refs", "a correction names the sources it rests on")
        day = entry.day("date", "day")
        if day < settings.published:
            entry.fail("date", f"'{day}' is before the site was published (extra.published in mkdocs.yml)")
        changes.append(Change(
            id=entry.id, date=day, kind=kind, pages=tuple(PLACE.match(place).groups() for place in places),
            what=entry.markdown("what", references, cites=False), why=entry.markdown("why", references, cites=False),
            refs=refs))
    return sorted(changes, key=lambda change: change.date, reverse=True)


def load_search_terms(path: Path, site_text: str) -> list[list[str]]:
    """Each entry: two or more spellings with the same number of words, one of them on the site."""
    raw = read_yaml(path)
    if not isinstance(raw, list):
        raise PluginError(f"{path}: must hold a list of entries, each a list of spellings")
    entries, on_site = [], site_text.casefold()
    for index, spellings in enumerate(raw):
        first = spellings[0] if isinstance(spellings, list) and spellings and isinstance(spellings[0], str) else ""
        where = f"entry #{index + 1}" + (f" ('{first}')" if first else "")
        if not isinstance(spellings, list) or len(spellings) < 2 or not all(isinstance(s, str) and s.strip() for s in spellings):
            raise error(path, where, "spellings", "must be a list of two or more spellings, such as [DeepSeek, डीपसीक]")
        if not all(unicodedata.is_normalized("NFC", spelling) for spelling in spellings):
            raise error(path, where, "spellings", "text is not NFC-normalised")
        if len({len(words.split(spelling)) for spelling in spellings}) != 1:
            raise error(path, where, "spellings", "every spelling must have the same number of words")
        if not any(spelling.casefold() in on_site for spelling in spellings):
            raise error(path, where, "spellings", "none of its spellings occurs on the site any more: "
                        "remove the entry or correct it")
        entries.append([" ".join(spelling.split()) for spelling in spellings])
    return entries


def load_names(path: Path, site_text: str) -> list[str]:
    """Each entry: a name, as the site writes it."""
    raw = read_yaml(path)
    if not isinstance(raw, list):
        raise PluginError(f"{path}: must hold a list of names")
    for index, name in enumerate(raw):
        where = f"entry #{index + 1}" + (f" ('{name}')" if isinstance(name, str) else "")
        if not isinstance(name, str) or not name.strip():
            raise error(path, where, "name", "must be a name, such as Hugging Face")
        if not unicodedata.is_normalized("NFC", name):
            raise error(path, where, "name", "text is not NFC-normalised")
        if name not in site_text:
            raise error(path, where, "name", "does not occur on the site any more: remove the entry or correct it")
    return raw


def shown_text(records: Records) -> str:
    """The words the site shows of docs/ and data/, in every language: what Markdown reads as the
    pages' text (and their descriptions), and the records' texts as the pages show them; never a
    data file's comments."""
    texts_shown = [
        *(part for page in records.docs.pages.values()
          for part in (page.reading.text, page.meta.get("description", ""), page.meta.get("lede", ""))),
        *(part for ref in records.references.values()
          for part in (ref.publisher, *ref.title.values(), *(ref.translation or {}).values(), *(ref.about or {}).values())),
    ]
    bilingual = [*(fact.text for fact in records.facts.values()), *(fact.label for fact in records.facts.values() if fact.label),
                 *(event.title for event in records.events), *(event.text for event in records.events),
                 *(event.support for event in records.events if event.support),
                 *(note.text for note in records.notes), *(finding.text for finding in records.since.found),
                 records.since.not_found, *(change.what for change in records.changes), *(change.why for change in records.changes)]
    texts_shown += [text.plain for each in bilingual for text in each.values()]
    return "\n".join(text for text in texts_shown if isinstance(text, str))


def check_pages(records: Records, settings: Settings, reader: reading.Reader):
    """What the data says of the pages holds in every language, and every reference is used."""
    docs, data_dir = records.docs, settings.data_dir
    pages.check(docs, GROUPS)
    timeline_ids = {id for lang in docs.languages for id in docs("timeline.md", lang).headings}
    anchors = {name: {id for lang in docs.languages for id in docs(name, lang).headings} for name in docs.names}
    anchors.setdefault("timeline.md", set()).update(event.id for event in records.events)
    anchors.setdefault("references.md", set()).update(f"ref-{id}" for id in records.references)
    anchors.setdefault("changes.md", set()).update(change.id for change in records.changes)
    for name in docs.names:  # the headings the data blocks write: "Since the article"
        if any(marker.name == "since" for marker in docs(name, docs.languages[0]).reading.markers):
            anchors[name].add("since")
    for change in records.changes:
        if "changes.md" in docs.names and change.id in docs("changes.md", docs.languages[0]).headings:
            raise error(data_dir / "changes.yml", f"entry '{change.id}'", "id",
                        f"'{change.id}' is already a heading id of the changes page")
    for lang in docs.languages:
        cited = set()
        for name in docs.names:
            page = docs(name, lang)
            for citation in page.reading.citations:
                number = page.first + page.markdown.count("\n", 0, citation.start)
                for id in citation.ids:
                    if id not in records.references:
                        raise PluginError(f"{page.path}:{number}: citation '[@{id}]' names an unknown reference "
                                          "(see data/references.yml)")
                    cited.add(id)
        for note in records.notes:
            where = (data_dir / "notes.yml", f"entry '{note.id}'")
            if note.page not in docs.names:
                raise error(*where, "page", f"'{note.page}' is not a page in docs/")
            page = docs(note.page, lang)
            holders = pages.holding(pages.paragraphs(page.markdown), note.anchor[lang], reader)
            if len(holders) != 1:
                problem = "occurs in no" if not holders else "occurs in more than one"
                raise error(*where, f"anchor.{lang}", f"'{note.anchor[lang]}' {problem} body paragraph of {page.path.name}")
            check_links(note.text[lang].links, anchors, *where, f"text.{lang}")
            cited.update(note.text[lang].cited)
        for fact in records.facts.values():
            check_links(fact.text[lang].links, anchors, data_dir / "facts.yml", f"entry '{fact.id}'", f"text.{lang}")
            cited.update(fact.text[lang].cited)
        for finding in records.since.found:
            check_links(finding.text[lang].links, anchors, data_dir / "since.yml", f"entry '{finding.id}'", f"text.{lang}")
            cited.update(finding.text[lang].cited)
        check_links(records.since.not_found[lang].links, anchors, data_dir / "since.yml", "entry 'not-found'", f"text.{lang}")
        cited.update(records.since.not_found[lang].cited)
        for change in records.changes:
            where = (data_dir / "changes.yml", f"entry '{change.id}'")
            check_links(change.pages, anchors, *where, "pages")
            for field in ("what", "why"):
                check_links(getattr(change, field)[lang].links, anchors, *where, f"{field}.{lang}")
            cited.update(change.refs)
        for event in records.events:
            where = (data_dir / "timeline.yml", f"entry '{event.id}'")
            name, anchor = SECTION.match(event.section).groups()
            if name not in docs.names or anchor not in docs(name, lang).headings:
                raise error(*where, "section", f"'{event.section}' names no heading of "
                            f"{pages.page_path(settings.docs_dir, name, lang, settings.default_language).name}")
            if event.id in timeline_ids:
                raise error(*where, "id", f"'{event.id}' is already a heading id of the timeline page")
            for field in ("text", "support"):
                if getattr(event, field):
                    check_links(getattr(event, field)[lang].links, anchors, *where, f"{field}.{lang}")
                    cited.update(getattr(event, field)[lang].cited)
            cited.update(event.refs)
        for ref in records.references.values():
            if ref.id not in cited and not ref.general:
                raise error(data_dir / "references.yml", f"entry '{ref.id}'", "general",
                            f"cited nowhere in the '{lang}' pages; cite it or mark it 'general: true'")


def check_links(links, anchors: dict[str, set[str]], path: Path, where: str, field: str):
    for page, anchor in links:
        if page not in anchors:
            raise error(path, where, field, f"link to '{page}': no such page in docs/")
        if anchor and anchor not in anchors[page]:
            raise error(path, where, field, f"link to '{page}#{anchor}': no such heading or entry on that page")


def load(settings: Settings, reader: reading.Reader, docs: pages.Docs | None = None) -> Records:
    """Read docs/ once with the build's reader (unless given, as read), load every data file and
    check it against the pages of every language: any problem is one PluginError naming the file
    (and the entry and field, or the line), never a traceback."""
    data_dir = settings.data_dir
    try:
        docs = docs or pages.read_docs(settings.docs_dir, settings.languages, reader, settings.nav_titles)
        references = load_references(data_dir / "references.yml", settings)
        facts = load_facts(data_dir / "facts.yml", references, settings)
        records = Records(
            docs=docs, references=references, facts=facts,
            events=load_events(data_dir / "timeline.yml", references, facts, settings),
            notes=load_notes(data_dir / "notes.yml", references, facts, settings),
            since=load_since(data_dir / "since.yml", references, settings),
            changes=load_changes(data_dir / "changes.yml", references, settings),
            search_terms=[], names=[],
        )
        site_text = shown_text(records)
        records = dataclasses.replace(
            records, search_terms=load_search_terms(data_dir / "search-terms.yml", site_text),
            names=load_names(data_dir / "names.yml", site_text))
        check_pages(records, settings, reader)
        return records
    except PluginError:
        raise
    except Exception as problem:  # a case the checks above missed: still one clear line, never a traceback
        raise PluginError(f"{data_dir}: could not be read with docs/: {type(problem).__name__}: {problem}") from problem
