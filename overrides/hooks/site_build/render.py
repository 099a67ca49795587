"""Render the records into a page's Markdown for the language being built.

Everything goes through the macros in overrides/partials/records.html, as Markdown, so that
MkDocs resolves and validates the links it produces. The records were checked on loading:
headings come from pages that pages.py has checked (no raw HTML, attribute lists or foreign
links); data texts come as the safe Markdown of texts.py.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from site_build import pages, records, texts
from site_build.build import Build
from site_build.settings import page_url

TITLE = re.compile(r"^# .+$", re.M)


def page_markdown(build: Build, markdown: str, page, config) -> str:
    """The page's Markdown with its notes, data blocks and numbered citations."""
    data, settings = build.records, build.settings
    lang = config.theme["language"]
    macros = build.macros(lang)
    name = pages.page_name(page.file.src_uri)
    has_since = any(marker.group(1) == "since" for marker in pages.MARKER.finditer(markdown))
    markdown = expand(build, markdown, name, lang, macros, page.canonical_url)
    if page.meta.get("schema_type") == "Article":
        origin = macros.origin(has_since)
        markdown = TITLE.sub(lambda match: f"{match.group(0)}\n\n{origin}", markdown, count=1)
    title = data.docs(name, lang).title
    if notes := [note for note in data.notes if note.page == name]:
        cited = {note.id: [data.references[id] for id in note.text[lang].cited] for note in notes}
        site = {"name": config.site_name, "url": settings.site_url, "checked": settings.checked.isoformat()}
        markdown += "\n\n" + macros.claim_reviews(notes, cited, {"url": page.canonical_url, "title": title}, site)
    if page.meta.get("schema_type") == "Article":
        markdown += "\n\n" + macros.cite_this(citable(settings, page, title, lang, config.site_name))
    # The references page, from this page: its language's root, then references/.
    depth = page.url.count("/") - (lang != settings.default_language)
    to_references = "../" * depth + "references/"
    found = pages.citations(markdown)
    if not found:
        return markdown
    parts, end = [], 0
    for citation in found:
        refs = [data.references[id] for id in pages.cited_ids(citation.group(0))]
        parts += [markdown[end:citation.start()], macros.citation(refs)]
        end = citation.end()
    references_url = page_url(settings, "references.md", lang)
    parts += [markdown[end:], "\n\n", macros.sources(to_references, references_url)]
    return "".join(parts)


# LaTeX's special characters, as BibTeX needs them written in a field.
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def citable(settings, page, title: str, lang: str, site_name: str) -> dict:
    """What "Cite this page" says of a page: its plain reference as safe Markdown, and BibTeX."""
    published, checked = settings.published, settings.checked
    return {
        "updated_label": texts.escape(records.Date(checked, "day").label(lang)) if checked != published else "",
        "title": texts.escape(title), "site": texts.escape(site_name), "url": texts.escape(page.canonical_url),
        "published_label": texts.escape(records.Date(published, "day").label(lang)), "year": published.year,
        "key": f"rise-fall-01ai-{page.url.strip('/').split('/')[-1]}-{lang}",
        "bibtex_title": "{" + "".join(BIBTEX_SPECIAL.get(char, char) for char in title) + "}",
        "bibtex_url": page.canonical_url,
    }


def expand(build: Build, markdown: str, page: str, lang: str, macros, url: str = "") -> str:
    """The page with its editor's notes and data blocks in place, citations still as markers."""
    data = build.records
    markdown = insert_notes(data, markdown, page, lang, macros)
    places = None

    def block(match: re.Match) -> str:
        nonlocal places
        if match.group(1) == "timeline":
            return macros.timeline(data.events, section_titles(data, lang), url)
        if match.group(1) == "facts":
            return macros.facts([fact for fact in data.facts.values() if fact.label])
        if match.group(1) == "since":
            return macros.since(data.since)
        places = places or cited_in(build, lang, macros)
        refs = [ref for ref in data.references.values() if ref.group == match.group(2)]
        return macros.references(refs, places)

    return pages.MARKER.sub(block, markdown).replace(pages.CHECKED, macros.checked_date())


def insert_notes(data: records.Records, markdown: str, page: str, lang: str, macros) -> str:
    """Each note goes right after the paragraph that holds its anchor; notes on one paragraph together."""
    paragraphs = pages.paragraphs(markdown)
    notes_after = defaultdict(list)
    for note in (note for note in data.notes if note.page == page):
        notes_after[pages.holding(paragraphs, note.anchor[lang])[0]].append(note)
    for index in sorted(notes_after, reverse=True):
        text = " ".join(paragraphs[index].split())
        notes = sorted(notes_after[index], key=lambda note: text.index(note.anchor[lang]))
        paragraphs.insert(index + 1, macros.notes(notes))
    return "\n\n".join(paragraphs)


def section_titles(data: records.Records, lang: str) -> dict[str, str]:
    """'reasons.md#compute' -> its heading's text, for the sections the events name."""
    named = {event.section.split("#")[0] for event in data.events}
    return {f"{page}#{id}": title for page in named for id, title in data.docs(page, lang).headings.items()}


def cited_in(build: Build, lang: str, macros) -> dict[str, list[tuple[str, str]]]:
    """For each reference id, the (link, section title) of every section that cites it, in reading order."""
    places = defaultdict(list)
    for page in (page for page in build.reading_order if page != "references.md"):
        expanded = expand(build, build.records.docs(page, lang).markdown, page, lang, macros)
        headings = list(pages.HEADING.finditer(expanded))
        for citation in pages.citations(expanded):
            heading = [match for match in headings if match.start() < citation.start()][-1]
            section = (f"{page}#{heading.group(2)}", heading.group(1))
            for ref in pages.cited_ids(citation.group(0)):
                if section not in places[ref]:
                    places[ref].append(section)
    return places


def downloads(build: Build) -> dict[str, str]:
    """The timeline as JSON and the references as CSL-JSON, published as data/timeline.json and
    data/references.json; the same data, in both languages, as the pages."""
    data, settings = build.records, build.settings
    base, languages = settings.site_url, settings.languages

    def section_url(section: str, lang: str) -> str:
        page, anchor = section.split("#")
        return page_url(settings, page, lang, anchor)

    events = [{
        "id": event.id, "date": event.date.iso, "precision": event.date.precision,
        **({"end": event.date.end.isoformat()} if event.date.end else {}), "confidence": event.confidence,
        "title": {lang: event.title[lang].plain for lang in languages},
        "text": {lang: event.text[lang].plain for lang in languages},
        "section": {lang: section_url(event.section, lang) for lang in languages},
        "sources": [{"id": id, "url": data.references[id].url} for id in event.refs],
        "url": {lang: page_url(settings, "timeline.md", lang, event.id) for lang in languages},
    } for event in data.events]
    checked = settings.checked
    references = [{
        "id": ref.id, "type": ref.type, "title": ref.shown_title(ref.language if ref.language in ref.title else languages[0]),
        "container-title": ref.publisher, "URL": ref.url,
        "language": ref.language, "citation-number": ref.number,
        **({"issued": {"date-parts": [[int(part) for part in ref.date.iso.split("-")]]}} if ref.date else {}),
        "accessed": {"date-parts": [[checked.year, checked.month, checked.day]]},
    } for ref in data.references.values()]
    as_json = lambda value: json.dumps(value, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    return {"data/timeline.json": as_json({"site": base, "events": events}),
            "data/references.json": as_json(references)}
