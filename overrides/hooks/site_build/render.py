"""Render the records into a page's Markdown for the language being built.

Everything goes through the macros in overrides/partials/records.html, as Markdown, so that
MkDocs resolves and validates the links it produces. The records were checked on loading:
headings come from pages that pages.py has checked (no raw HTML, attribute lists or foreign
links); data texts come as the safe Markdown of texts.py.
"""

from __future__ import annotations

import json
from collections import defaultdict

from site_build import feeds, pages, reading, records, texts
from site_build.build import Build
from site_build.settings import page_url


def page_markdown(build: Build, page, config) -> str:
    """The page's Markdown with its notes, data blocks and numbered citations."""
    data, settings = build.records, build.settings
    lang = config.theme["language"]
    macros = build.macros(lang)
    name = pages.page_name(page.file.src_uri)
    docs_page = data.docs(name, lang)
    has_since = any(marker.name == "since" for marker in docs_page.reading.markers)
    markdown = expand(build, name, lang, macros, page.canonical_url)
    found = build.reader.read(markdown).citations  # what comes after it cites nothing
    parts, end = [], 0
    for citation in found:
        parts += [markdown[end:citation.start], macros.citation([data.references[id] for id in citation.ids])]
        end = citation.end
    markdown = "".join(parts) + markdown[end:]
    if docs_page.is_article:
        markdown = after_title(markdown, docs_page.title_heading.id, macros.origin(has_since, data.latest_change(name)),
                               build.reader)
    title = docs_page.title
    if notes := [note for note in data.notes if note.page == name]:
        cited = {note.id: [data.references[id] for id in note.text[lang].cited] for note in notes}
        site = {"name": config.site_name, "url": settings.site_url, "checked": settings.checked.isoformat()}
        markdown += "\n\n" + macros.claim_reviews(notes, cited, {"url": page.canonical_url, "title": title}, site)
    if docs_page.is_article:
        markdown += "\n\n" + macros.cite_this(citable(settings, page, title, lang, config.site_name, data.latest_change(name)))
    if not found:
        return markdown
    # The references page, from this page: its language's root, then references/.
    depth = page.url.count("/") - (lang != settings.default_language)
    references_url = page_url(settings, "references.md", lang)
    return markdown + "\n\n" + macros.sources("../" * depth + "references/", references_url)


def after_title(markdown: str, title_id: str, text: str, reader: reading.Reader) -> str:
    """The Markdown with `text` as a paragraph of its own after the paragraph that holds the
    heading of `title_id` (as Markdown reads it)."""
    paragraphs = pages.paragraphs(markdown)
    at = next(n for n, paragraph in enumerate(paragraphs)
              if title_id in paragraph and any(heading.id == title_id for heading in reader.read(paragraph).headings))
    return "\n\n".join([*paragraphs[:at + 1], text, *paragraphs[at + 1:]])


LICENCE = "https://creativecommons.org/licenses/by/4.0/"  # the site's own text and data (about.md#licence)


def history(build: Build, src_uri: str, lang: str) -> dict:
    """What a page's Article data says of its changes: when it last changed (its newest change of
    data/changes.yml) and its corrections, as schema.org CorrectionComments."""
    name = pages.page_name(src_uri)
    latest = build.records.latest_change(name)
    return {"modified": (latest.date if latest else build.settings.published).isoformat(),
            "corrections": [{"@type": "CorrectionComment", "datePublished": change.date.isoformat(),
                             "text": change.what[lang].plain} for change in build.records.corrections(name)]}


# LaTeX's special characters, as BibTeX needs them written in a field.
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def citable(settings, page, title: str, lang: str, site_name: str, changed) -> dict:
    """What "Cite this page" says of a page: its plain reference as safe Markdown, and BibTeX."""
    published = settings.published
    return {
        "updated_label": texts.escape(records.Date(changed.date, "day").label(lang)) if changed.date != published else "",
        "title": texts.escape(title), "site": texts.escape(site_name), "url": texts.escape(page.canonical_url),
        "published_label": texts.escape(records.Date(published, "day").label(lang)), "year": published.year,
        "key": f"rise-fall-01ai-{page.url.strip('/').split('/')[-1]}-{lang}",
        "bibtex_title": "{" + "".join(BIBTEX_SPECIAL.get(char, char) for char in title) + "}",
        "bibtex_url": page.canonical_url,
    }


def expand(build: Build, page: str, lang: str, macros, url: str = "") -> str:
    """The page with its editor's notes and data blocks in place, citations still as markers."""
    data = build.records
    markdown = insert_notes(data, data.docs(page, lang).markdown, page, lang, macros, build.reader)
    places = None

    def block(marker) -> str:
        nonlocal places
        if marker.name == "timeline":
            return macros.timeline(data.events, section_titles(data, lang), url, data.latest_change(page))
        if marker.name == "facts":
            return macros.facts([fact for fact in data.facts.values() if fact.label], data.latest_change(page))
        if marker.name == "changes":
            return macros.changes(data.changes, {change.id: [(place_link(*place), place_title(build, *place, lang, macros))
                                                             for place in change.pages] for change in data.changes},
                                   build.settings.prefix(lang) + feeds.FEED)
        if marker.name == "since":
            return macros.since(data.since)
        if marker.name == "checked":
            return macros.checked_date()
        places = places or cited_in(build, lang, macros)
        refs = [ref for ref in data.references.values() if ref.group == marker.group]
        return macros.references(refs, places)

    parts, end = [], 0
    for marker in build.reader.read(markdown).markers:
        parts += [markdown[end:marker.start], block(marker)]
        end = marker.end
    return "".join(parts) + markdown[end:]


def insert_notes(data: records.Records, markdown: str, page: str, lang: str, macros, reader: reading.Reader) -> str:
    """Each note goes right after the paragraph that holds its anchor; notes on one paragraph together."""
    paragraphs = pages.paragraphs(markdown)
    notes_after = defaultdict(list)
    for note in (note for note in data.notes if note.page == page):
        notes_after[pages.holding(paragraphs, note.anchor[lang], reader)[0]].append(note)
    for index in sorted(notes_after, reverse=True):
        text = " ".join(paragraphs[index].split())
        notes = sorted(notes_after[index], key=lambda note: text.index(note.anchor[lang]))
        paragraphs.insert(index + 1, macros.notes(notes, data.references))
    return "\n\n".join(paragraphs)


def place_link(page: str, anchor: str | None) -> str:
    return f"{page}#{anchor}" if anchor else page


def place_title(build: Build, page: str, anchor: str | None, lang: str, macros) -> str:
    """A place of the site as Markdown: a page's title, or that of the section, timeline event or
    reference there."""
    data = build.records
    if anchor == "since":  # the heading the data block writes (macros.since)
        return macros.t["since"]
    if anchor in data.docs(page, lang).headings:
        return texts.escape_html(data.docs(page, lang).headings[anchor].html)
    if page == "timeline.md" and (event := next((event for event in data.events if event.id == anchor), None)):
        return event.title[lang].markdown
    if page == "references.md" and anchor and anchor.removeprefix("ref-") in data.references:
        return data.references[anchor.removeprefix("ref-")].markdown(lang)["publisher"]
    return texts.escape(data.docs(page, lang).nav_title)


def section_titles(data: records.Records, lang: str) -> dict[str, str]:
    """'reasons.md#compute' -> its heading, as Markdown, for the sections the events name."""
    named = {event.section.split("#")[0] for event in data.events}
    return {f"{page}#{id}": texts.escape_html(heading.html)
            for page in named for id, heading in data.docs(page, lang).headings.items()}


def cited_in(build: Build, lang: str, macros) -> dict[str, list[tuple[str, str]]]:
    """For each reference id, the (link, section title as Markdown) of every section that cites
    it, in reading order (the changes, which cite the sources of each correction, left out); a
    citation above a page's first heading is the page's own."""
    places = defaultdict(list)
    for page in (page for page in build.reading_order if page not in ("references.md", "changes.md")):
        read = build.reader.read(expand(build, page, lang, macros, page_url(build.settings, page, lang)))  # as built
        headings = {heading.id: texts.escape_html(heading.html) for heading in read.headings}
        for citation in read.citations:
            section = ((f"{page}#{citation.section}", headings[citation.section]) if citation.section
                       else (page, texts.escape(build.records.docs(page, lang).nav_title)))
            for ref in citation.ids:
                if section not in places[ref]:
                    places[ref].append(section)
    return places


def downloads(build: Build) -> dict[str, str]:
    """The timeline as JSON, the references as CSL-JSON, and the editor's notes and facts with the
    words of their sources, published as data/timeline.json, data/references.json and
    data/notes.json; the same data, in both languages, as the pages."""
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
        "archive": ref.archive, "archive_location": ref.archived,
    } for ref in data.references.values()]
    def evidence(items) -> list[dict]:
        return [{"source": item.ref, "url": data.references[item.ref].url,
                 **({"quote": item.quote, "language": item.lang, "translation": item.translation} if item.quote
                    else {"unread": True})} for item in items]

    notes = [{
        "id": note.id, "verdict": note.verdict, "claim": note.anchor,
        "url": {lang: page_url(settings, note.page, lang, f"claim-{note.id}") for lang in languages},
        "text": {lang: note.text[lang].plain for lang in languages},
        "sources": [{"id": id, "url": data.references[id].url} for id in dict.fromkeys(note.text[languages[0]].cited)],
        "evidence": evidence(note.evidence),
    } for note in data.notes]
    facts = [{"id": fact.id, "text": {lang: fact.text[lang].plain for lang in languages}, "evidence": evidence(fact.evidence)}
             for fact in data.facts.values()]
    as_json = lambda value: json.dumps(value, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    terms = {"site": base, "license": LICENCE, "about": page_url(settings, "about.md", languages[0], "licence")}
    return {"data/timeline.json": as_json({**terms, "events": events}),
            "data/references.json": as_json(references),
            "data/notes.json": as_json({**terms, "checked": checked.isoformat(), "notes": notes, "facts": facts})}
