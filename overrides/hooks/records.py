"""Typed records for data/*.yml: references, timeline events and editor's notes.

Every problem is reported as one PluginError naming the file, the entry id and the field, so
that a bad edit stops the build before anything is written.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from pathlib import Path

import babel
import babel.dates
import yaml
from mkdocs.exceptions import PluginError

LANGUAGES = ("hi", "en")  # the first is the default: its pages are docs/NAME.md, the others docs/NAME.LANG.md
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CITATION = re.compile(r"\[(@[^\]]*)\]")
CITED_ID = re.compile(r"^@([a-z0-9]+(?:-[a-z0-9]+)*)$")
HEADING = re.compile(r"^#{1,6} +(.+?) +\{ *#([\w-]+) *\}$", re.M)
GROUPS = ("article", "primary", "press")
VERDICTS = ("unsupported", "misattributed", "overstated", "imprecise", "inaccurate")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML has it
DATE_FORMATS = {"day": ("%Y-%m-%d", "d MMMM y"), "month": ("%Y-%m", "MMMM y"), "year": ("%Y", "y")}


@dataclasses.dataclass(frozen=True)
class Date:
    value: datetime.date
    precision: str
    end: datetime.date | None = None  # the last day of a span of days

    @property
    def iso(self) -> str:
        """The ISO value at its true precision, as in <time datetime>."""
        return self.value.strftime(DATE_FORMATS[self.precision][0])

    def label(self, lang: str) -> str:
        if self.end and (self.end.year, self.end.month) == (self.value.year, self.value.month):
            return f"{self.value.day}–{self.end.day} {babel.dates.format_date(self.value, 'MMMM y', locale=lang)}"
        label = babel.dates.format_date(self.value, DATE_FORMATS[self.precision][1], locale=lang)
        return f"{label} – {Date(self.end, self.precision).label(lang)}" if self.end else label


@dataclasses.dataclass(frozen=True)
class Reference:
    id: str
    number: int
    group: str
    publisher: str
    title: str
    url: str
    language: str
    date: Date | None
    general: bool

    def language_name(self, lang: str) -> str:
        return babel.Locale.parse(self.language).get_display_name(lang)


@dataclasses.dataclass(frozen=True)
class Event:
    id: str
    date: Date
    confidence: str
    title: dict[str, str]
    text: dict[str, str]
    refs: tuple[str, ...]
    support: dict[str, str] | None
    section: str


@dataclasses.dataclass(frozen=True)
class Note:
    id: str
    page: str
    verdict: str
    anchor: dict[str, str]
    text: dict[str, str]


@dataclasses.dataclass(frozen=True)
class Records:
    references: dict[str, Reference]
    events: list[Event]
    notes: list[Note]


def error(path: Path, where: str, field: str, problem: str) -> PluginError:
    return PluginError(f"{path}: {where}, field '{field}': {problem}")


class Entry:
    """One mapping of a data file, read field by field with errors that say where."""

    def __init__(self, path: Path, index: int, raw: object, fields: dict[str, bool]):
        self.path, self.raw = path, raw
        self.id = raw.get("id") if isinstance(raw, dict) else None
        self.where = f"entry '{self.id}'" if isinstance(self.id, str) else f"entry #{index + 1}"
        if not isinstance(raw, dict):
            self.fail("id", "each entry must be a mapping of fields")
        for name in raw:
            if name not in fields:
                self.fail(name, f"unknown field (expected one of: {', '.join(fields)})")
        for name, required in fields.items():
            if required and raw.get(name) in (None, "", [], {}):
                self.fail(name, "missing required field")
        if not isinstance(self.id, str) or not SLUG.match(self.id):
            self.fail("id", "must be a lowercase ASCII slug such as 'yi-34b-release'")

    def fail(self, field: str, problem: str):
        raise error(self.path, self.where, field, problem)

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str) or not value.strip():
            self.fail(name, "must be a non-empty string")
        if not unicodedata.is_normalized("NFC", value):
            self.fail(name, "text is not NFC-normalised")
        return value.strip()

    def choice(self, name: str, options: tuple[str, ...]) -> str:
        value = self.text(name)
        if value not in options:
            self.fail(name, f"'{value}' is not one of: {', '.join(options)}")
        return value

    def bilingual(self, name: str) -> dict[str, str]:
        value = self.raw.get(name)
        if not isinstance(value, dict):
            self.fail(name, f"must be a mapping with one text per language ({', '.join(LANGUAGES)})")
        for lang in value:
            if lang not in LANGUAGES:
                self.fail(f"{name}.{lang}", f"unknown language (expected: {', '.join(LANGUAGES)})")
        texts = {}
        for lang in LANGUAGES:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                self.fail(f"{name}.{lang}", "missing translation")
            if not unicodedata.is_normalized("NFC", value[lang]):
                self.fail(f"{name}.{lang}", "text is not NFC-normalised")
            texts[lang] = " ".join(value[lang].split())
        return texts

    def date(self, name: str, end: str | None = None) -> Date:
        precision = self.choice("precision", tuple(DATE_FORMATS))
        start = self.day(name, precision)
        if end is None or end not in self.raw:
            return Date(start, precision)
        if precision != "day":
            self.fail(end, "an end date needs precision 'day'")
        last = self.day(end, precision)
        if last <= start:
            self.fail(end, f"must come after '{name}'")
        return Date(start, precision, last)

    def day(self, name: str, precision: str) -> datetime.date:
        value = self.raw.get(name)
        text = value.isoformat() if isinstance(value, datetime.date) else str(value)
        try:
            return datetime.datetime.strptime(text, DATE_FORMATS[precision][0]).date()
        except ValueError:
            pattern = DATE_FORMATS[precision][0].replace("%Y", "YYYY").replace("%m", "MM").replace("%d", "DD")
            self.fail(name, f"'{text}' is not a valid date of precision '{precision}' ({pattern})")

    def ids(self, name: str, known: dict[str, Reference]) -> tuple[str, ...]:
        value = self.raw.get(name) or []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(name, "must be a list of reference ids")
        for ref in value:
            if ref not in known:
                self.fail(name, f"unknown reference id '{ref}' (see data/references.yml)")
        return tuple(value)


def read_entries(path: Path, fields: dict[str, bool]) -> list[Entry]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as error:
        raise PluginError(f"{path}: cannot be read: {error.strerror}") from error
    except yaml.YAMLError as error:
        raise PluginError(f"{path}: not valid YAML: {error}") from error
    if not isinstance(raw, list):
        raise PluginError(f"{path}: must hold a list of entries")
    entries, seen = [], set()
    for index, item in enumerate(raw):
        entry = Entry(path, index, item, fields)
        if entry.id in seen:
            entry.fail("id", "duplicate id")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def cited_ids(text: str) -> list[str]:
    """The reference ids cited in a text, in order: '[@a; @b]' -> ['a', 'b']."""
    return [item.strip().removeprefix("@") for match in CITATION.finditer(text) for item in match.group(1).split(";")]


def unknown_citation(text: str, known: dict[str, Reference]) -> str | None:
    """The first citation of the text that is not '[@id; @id]' with known ids, if any."""
    for match in CITATION.finditer(text):
        for item in match.group(1).split(";"):
            cited = CITED_ID.match(item.strip())
            if not cited or cited.group(1) not in known:
                return match.group(0)
    return None


def check_citations(entry: Entry, name: str, texts: dict[str, str], known: dict[str, Reference]):
    for lang, text in texts.items():
        if unknown := unknown_citation(text, known):
            entry.fail(f"{name}.{lang}", f"unknown citation '{unknown}' (see data/references.yml)")


def load_references(path: Path) -> dict[str, Reference]:
    fields = {"id": True, "group": True, "publisher": True, "title": True, "url": True,
              "language": True, "date": False, "precision": False, "general": False}
    references = {}
    for entry in read_entries(path, fields):
        url = entry.text("url")
        if not re.match(r"^https://[^\s/]+\.[^\s/]+/\S*$", url):
            entry.fail("url", f"'{url}' is not an https URL")
        language = entry.text("language")
        try:
            babel.Locale.parse(language)
        except (ValueError, babel.UnknownLocaleError):
            entry.fail("language", f"'{language}' is not a language code such as 'en' or 'zh'")
        general = entry.raw.get("general", False)
        if not isinstance(general, bool):
            entry.fail("general", "must be true or false")
        references[entry.id] = Reference(
            id=entry.id, number=0, group=entry.choice("group", GROUPS),
            publisher=entry.text("publisher"), title=entry.text("title"), url=url,
            language=language, date=entry.date("date") if "date" in entry.raw else None,
            general=general,
        )
    # Numbers follow the page: the article's own sources first, in the article's order.
    ordered = sorted(references.values(), key=lambda ref: GROUPS.index(ref.group))
    return {ref.id: dataclasses.replace(ref, number=n) for n, ref in enumerate(ordered, 1)}


def load_events(path: Path, references: dict[str, Reference], pages: set[str]) -> list[Event]:
    fields = {"id": True, "date": True, "end": False, "precision": True, "confidence": True, "title": True,
              "text": True, "refs": True, "support": False, "section": True}
    events = []
    for entry in read_entries(path, fields):
        refs = entry.ids("refs", references)
        support = entry.bilingual("support") if "support" in entry.raw else None
        section = entry.text("section")
        if section.split("#")[0] not in pages or "#" not in section:
            entry.fail("section", f"'{section}' is not a page and heading id such as 'reasons.md#compute'")
        events.append(Event(
            id=entry.id, date=entry.date("date", end="end"), confidence=entry.choice("confidence", ("high", "medium")),
            title=entry.bilingual("title"), text=entry.bilingual("text"), refs=refs,
            support=support, section=section,
        ))
    return sorted(events, key=lambda event: event.date.value)


def load_notes(path: Path, references: dict[str, Reference], pages: set[str]) -> list[Note]:
    notes = []
    fields = {"id": True, "page": True, "verdict": True, "anchor": True, "text": True}
    for entry in read_entries(path, fields):
        page = entry.text("page")
        if page not in pages:
            entry.fail("page", f"'{page}' is not a page in docs/")
        text = entry.bilingual("text")
        check_citations(entry, "text", text, references)
        if not CITATION.search(text["hi"]) or not CITATION.search(text["en"]):
            entry.fail("text", "an editor's note must cite at least one source")
        notes.append(Note(id=entry.id, page=page, verdict=entry.choice("verdict", VERDICTS),
                          anchor=entry.bilingual("anchor"), text=text))
    return notes


def page_path(docs_dir: Path, page: str, lang: str) -> Path:
    """'reasons.md' in a language: docs/reasons.md (default language) or docs/reasons.en.md."""
    return docs_dir / (page if lang == LANGUAGES[0] else page.replace(".md", f".{lang}.md"))


def check_pages(records: Records, data_dir: Path, docs_dir: Path):
    """What the data says of the pages holds in every language, and every reference is used."""
    pages = sorted(path.name for path in docs_dir.glob("*.md") if path.name.count(".") == 1)
    for lang in LANGUAGES:
        cited = set()
        for page in pages:
            path = page_path(docs_dir, page, lang)
            text = path.read_text(encoding="utf-8")
            if unknown := unknown_citation(text, records.references):
                raise PluginError(f"{path}: citation '{unknown}' names an unknown reference (see data/references.yml)")
            cited.update(cited_ids(text))
        for note in records.notes:
            holders = holding(paragraphs(page_path(docs_dir, note.page, lang).read_text(encoding="utf-8")),
                              note.anchor[lang])
            if len(holders) != 1:
                problem = "occurs in no" if not holders else "occurs in more than one"
                raise error(data_dir / "notes.yml", f"entry '{note.id}'", f"anchor.{lang}",
                            f"'{note.anchor[lang]}' {problem} paragraph of {page_path(docs_dir, note.page, lang).name}")
            cited.update(cited_ids(note.text[lang]))
        for event in records.events:
            page, anchor = event.section.split("#")
            if anchor not in headings(page_path(docs_dir, page, lang)):
                raise error(data_dir / "timeline.yml", f"entry '{event.id}'", "section",
                            f"'{event.section}' names no heading of {page_path(docs_dir, page, lang).name}")
            cited.update(event.refs)
        for ref in records.references.values():
            if ref.id not in cited and not ref.general:
                raise error(data_dir / "references.yml", f"entry '{ref.id}'", "general",
                            f"cited nowhere in the '{lang}' pages; cite it or mark it 'general: true'")


def paragraphs(markdown: str) -> list[str]:
    return markdown.split("\n\n")


def holding(paragraphs: list[str], words: str) -> list[int]:
    """The indexes of the paragraphs that hold these words (line breaks count as spaces)."""
    return [index for index, text in enumerate(paragraphs) if words in " ".join(text.split())]


def headings(path: Path) -> dict[str, str]:
    """Heading id -> heading text, for the headings of a page written '# Text { #id }'."""
    return {id: title for title, id in HEADING.findall(path.read_text(encoding="utf-8"))}


def load(data_dir: Path, docs_dir: Path) -> Records:
    """Load every data file and check it against the pages of every language."""
    pages = {path.name for path in docs_dir.glob("*.md") if path.name.count(".") == 1}
    references = load_references(data_dir / "references.yml")
    records = Records(
        references=references,
        events=load_events(data_dir / "timeline.yml", references, pages),
        notes=load_notes(data_dir / "notes.yml", references, pages),
    )
    check_pages(records, data_dir, docs_dir)
    return records
