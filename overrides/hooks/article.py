"""Weave data/ into the pages: the timeline, the references, editor's notes and citations.

A page marks where a block of data goes with a comment (`<!-- timeline -->`,
`<!-- references: article -->`); citations are written `[@id]` or `[@id; @id]`, in the prose
and in the data alike. Everything is rendered through the macros in
overrides/partials/records.html for the language being built, as Markdown, so that MkDocs
resolves and validates every link it produces.
"""

from __future__ import annotations

import importlib
import re
from collections import defaultdict
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils.meta import get_data

import records

importlib.reload(records)  # `mkdocs serve` reloads this hook on change; keep the model in step

MARKER = re.compile(r"^<!-- (timeline|references: (\w+)) -->$", re.M)
HEADING = re.compile(r"^#{1,6} +(.+?) +\{ *#([\w-]+) *\}$", re.M)

data: records.Records
data_dir: Path
reading_order: list[str]


def on_config(config):
    global data, data_dir, reading_order
    data_dir = Path(config.config_file_path).parent / "data"
    reading_order = [path for item in config.nav for path in item.values()]
    pages = {path.name for path in Path(config.docs_dir).glob("*.md") if path.name.count(".") == 1}
    data = records.load(data_dir, pages)


def on_page_markdown(markdown, page, config, files):
    lang = config.theme["language"]
    macros = config.theme.get_env().get_template("partials/records.html").make_module({"lang": lang})
    uri = page_uri(page.file)
    markdown = expand(markdown, uri, lang, macros, files)
    return cite(markdown, macros, f"{config.docs_dir}/{page.file.src_uri}")


def page_uri(file: File) -> str:
    """The page's path in the default language: 'reasons.en.md' -> 'reasons.md'."""
    return re.sub(r"\.[a-z]{2}\.md$", ".md", file.src_uri)


def expand(markdown: str, uri: str, lang: str, macros, files: Files) -> str:
    """The page with its editor's notes and data blocks in place, citations still as markers."""
    markdown = insert_notes(markdown, uri, lang, macros)
    places = {}

    def block(match: re.Match) -> str:
        if match.group(1) == "timeline":
            sections = {event.section: section_title(event, files) for event in data.events}
            return macros.timeline(data.events, sections)
        if not places:
            places.update(cited_in(lang, macros, files))
        refs = [ref for ref in data.references.values() if ref.group == match.group(2)]
        return macros.references(refs, places)

    return MARKER.sub(block, markdown)


def insert_notes(markdown: str, uri: str, lang: str, macros) -> str:
    """Each note goes right after the paragraph that holds its anchor text, notes on one paragraph together."""
    blocks = markdown.split("\n\n")
    notes_after = defaultdict(list)
    for note in (note for note in data.notes if note.page == uri):
        holders = [i for i, block in enumerate(blocks) if note.anchor[lang] in " ".join(block.split())]
        if len(holders) != 1:
            problem = "does not occur in" if not holders else "occurs in more than one paragraph of"
            raise records.error(data_dir / "notes.yml", f"entry '{note.id}'", f"anchor.{lang}",
                                f"'{note.anchor[lang]}' {problem} the page it annotates")
        notes_after[holders[0]].append(note)
    for index in sorted(notes_after, reverse=True):
        text = " ".join(blocks[index].split())
        notes = sorted(notes_after[index], key=lambda note: text.index(note.anchor[lang]))
        blocks.insert(index + 1, macros.notes(notes))
    return "\n\n".join(blocks)


def section_title(event: records.Event, files: Files) -> str:
    path, anchor = event.section.split("#")
    file = next((f for f in files.documentation_pages() if page_uri(f) == path), None)
    titles = dict((id, title) for title, id in HEADING.findall(file.content_string)) if file else {}
    if anchor not in titles:
        raise records.error(data_dir / "timeline.yml", f"entry '{event.id}'", "section",
                            f"'{event.section}' names no heading of that page")
    return titles[anchor]


def cited_in(lang: str, macros, files: Files) -> dict[str, list[tuple[str, str]]]:
    """For each reference id, the (link, section title) of every section that cites it."""
    places = defaultdict(list)
    for file in sorted(files.documentation_pages(), key=lambda file: reading_order.index(page_uri(file))):
        uri = page_uri(file)
        if uri == "references.md":
            continue
        markdown = expand(get_data(file.content_string)[0], uri, lang, macros, files)
        section = (uri, None)
        for match in re.finditer(f"{HEADING.pattern}|{records.CITATION.pattern}", markdown, re.M):
            if match.group(2):
                section = (f"{uri}#{match.group(2)}", match.group(1))
                continue
            for ref in cited_ids(match.group(3)):
                if section not in places[ref]:
                    places[ref].append(section)
    for ref in data.references.values():
        if not places[ref.id] and not ref.general:
            raise records.error(data_dir / "references.yml", f"entry '{ref.id}'", "general",
                                "the reference is cited nowhere; cite it or mark it 'general: true'")
    return places


def cited_ids(citation: str) -> list[str]:
    """'@a; @b' -> ['a', 'b']"""
    return [item.strip().removeprefix("@") for item in citation.split(";")]


def cite(markdown: str, macros, source: str) -> str:
    """Turn every [@id; @id] into numbered superscript links to the references page."""

    def replace(match: re.Match) -> str:
        ids = cited_ids(match.group(1))
        unknown = [id for id in ids if id not in data.references]
        if unknown:
            raise PluginError(f"{source}: citation '{match.group(0)}' names an unknown reference "
                              f"'{unknown[0]}' (see data/references.yml)")
        return macros.citation([data.references[id] for id in ids])

    return records.CITATION.sub(replace, markdown)
