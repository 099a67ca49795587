"""Render the records into a page's Markdown for the language being built.

Everything goes through the macros in overrides/partials/records.html, as Markdown, so that
MkDocs resolves and validates every link it produces. The records were checked on loading.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import jinja2

# records and pages: the modules beside this one, given by article.py. Headings come from pages
# that pages.py has checked (no raw HTML, attribute lists or foreign links); data texts come
# as the safe Markdown of texts.py.
TITLE = re.compile(r"^# .+$", re.M)

data: records.Records
docs_dir: Path
reading_order: list[str]
template: jinja2.Template


def setup(loaded: records.Records, config):
    global data, docs_dir, reading_order, template
    data, docs_dir = loaded, Path(config.docs_dir)
    reading_order = [page for item in config.nav for page in item.values()]
    template = config.theme.get_env().get_template("partials/records.html")


def page_markdown(markdown, page, config) -> str:
    """The page's Markdown with its notes, data blocks and numbered citations."""
    lang = config.theme["language"]
    macros = template.make_module({"lang": lang, "checked": records.Date(config.extra["checked"], "day")})
    name = pages.page_name(page.file.src_uri)
    has_since = any(marker.group(1) == "since" for marker in pages.MARKER.finditer(markdown))
    markdown = expand(markdown, name, lang, macros, page.canonical_url)
    if page.meta.get("schema_type") == "Article":
        origin = macros.origin(has_since)
        markdown = TITLE.sub(lambda match: f"{match.group(0)}\n\n{origin}", markdown, count=1)
    title = pages.heading_text(next(iter(pages.headings(pages.page_path(docs_dir, name, lang)).values())))
    if notes := [note for note in data.notes if note.page == name]:
        cited = {note.id: [data.references[id] for id in note.text[lang].cited] for note in notes}
        site = {"name": config.site_name, "url": config.site_url, "checked": str(config.extra["checked"])}
        markdown += "\n\n" + macros.claim_reviews(notes, cited, {"url": page.canonical_url, "title": title}, site)
    if page.meta.get("schema_type") == "Article":
        markdown += "\n\n" + macros.cite_this(citable(page, title, lang, config))
    # The references page, from this page: its language's root, then references/.
    depth = page.url.count("/") - (lang != config.plugins["i18n"].default_language)
    to_references = "../" * depth + "references/"
    found = pages.citations(markdown)
    if not found:
        return markdown
    cited = {id for citation in found for id in pages.cited_ids(citation.group(0))}
    parts, end = [], 0
    for citation in found:
        refs = [data.references[id] for id in pages.cited_ids(citation.group(0))]
        parts += [markdown[end:citation.start()], macros.citation(refs, to_references)]
        end = citation.end()
    parts += [markdown[end:], "\n\n", macros.sources([data.references[id] for id in cited], to_references)]
    return "".join(parts)


# LaTeX's special characters, as BibTeX needs them written in a field.
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
                  "#": r"\#", "_": r"\_", "^": r"\textasciicircum{}", "~": r"\textasciitilde{}"}


def citable(page, title: str, lang: str, config) -> dict:
    """What "Cite this page" says of a page: its plain reference as safe Markdown, and BibTeX."""
    published, checked = config.extra["published"], config.extra["checked"]
    return {
        "updated_label": texts.escape(records.Date(checked, "day").label(lang)) if checked != published else "",
        "title": texts.escape(title), "site": texts.escape(config.site_name), "url": texts.escape(page.canonical_url),
        "published_label": texts.escape(records.Date(published, "day").label(lang)), "year": published.year,
        "key": f"rise-fall-01ai-{page.url.strip('/').split('/')[-1]}-{lang}",
        "bibtex_title": "{" + "".join(BIBTEX_SPECIAL.get(char, char) for char in title) + "}",
        "bibtex_url": page.canonical_url,
    }


def expand(markdown: str, page: str, lang: str, macros, url: str = "") -> str:
    """The page with its editor's notes and data blocks in place, citations still as markers."""
    markdown = insert_notes(markdown, page, lang, macros)
    places = None

    def block(match: re.Match) -> str:
        nonlocal places
        if match.group(1) == "timeline":
            return macros.timeline(data.events, section_titles(lang), url)
        if match.group(1) == "facts":
            return macros.facts([fact for fact in data.facts.values() if fact.label])
        if match.group(1) == "since":
            return macros.since(data.since)
        places = places or cited_in(lang, macros)
        refs = [ref for ref in data.references.values() if ref.group == match.group(2)]
        return macros.references(refs, places)

    return pages.MARKER.sub(block, markdown).replace(pages.CHECKED, macros.checked_date())


def insert_notes(markdown: str, page: str, lang: str, macros) -> str:
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


def section_titles(lang: str) -> dict[str, str]:
    """'reasons.md#compute' -> its heading's text, for the sections the events name."""
    named = {event.section.split("#")[0] for event in data.events}
    return {f"{page}#{id}": title for page in named
            for id, title in pages.headings(pages.page_path(docs_dir, page, lang)).items()}


def cited_in(lang: str, macros) -> dict[str, list[tuple[str, str]]]:
    """For each reference id, the (link, section title) of every section that cites it, in reading order."""
    places = defaultdict(list)
    for page in (page for page in reading_order if page != "references.md"):
        markdown = pages.body(pages.page_path(docs_dir, page, lang))[0]
        expanded = expand(markdown, page, lang, macros)
        headings = list(pages.HEADING.finditer(expanded))
        for citation in pages.citations(expanded):
            heading = [match for match in headings if match.start() < citation.start()][-1]
            section = (f"{page}#{heading.group(2)}", heading.group(1))
            for ref in pages.cited_ids(citation.group(0)):
                if section not in places[ref]:
                    places[ref].append(section)
    return places


def downloads(config) -> dict[str, str]:
    """The timeline as JSON and the references as CSL-JSON, published as data/timeline.json and
    data/references.json; the same data, in both languages, as the pages."""
    base = config.site_url
    languages = [language.locale for language in config.plugins["i18n"].config.languages]
    prefix = {lang: "" if lang == config.plugins["i18n"].default_language else f"{lang}/" for lang in languages}

    def page_url(section: str, lang: str) -> str:
        page, anchor = section.split("#")
        return f"{base}{prefix[lang]}{'' if page == 'index.md' else page.removesuffix('.md') + '/'}#{anchor}"

    events = [{
        "id": event.id, "date": event.date.iso, "precision": event.date.precision,
        **({"end": event.date.end.isoformat()} if event.date.end else {}), "confidence": event.confidence,
        "title": {lang: event.title[lang].plain for lang in languages},
        "text": {lang: event.text[lang].plain for lang in languages},
        "section": {lang: page_url(event.section, lang) for lang in languages},
        "sources": [{"id": id, "url": data.references[id].url} for id in event.refs],
        "url": {lang: page_url(f"timeline.md#{event.id}", lang) for lang in languages},
    } for event in data.events]
    checked = config.extra["checked"]
    references = [{
        "id": ref.id, "type": ref.type, "title": ref.shown_title(ref.language if ref.language in ref.title else languages[0]), "container-title": ref.publisher, "URL": ref.url,
        "language": ref.language, "citation-number": ref.number,
        **({"issued": {"date-parts": [[int(part) for part in ref.date.iso.split("-")]]}} if ref.date else {}),
        "accessed": {"date-parts": [[checked.year, checked.month, checked.day]]},
    } for ref in data.references.values()]
    as_json = lambda value: json.dumps(value, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    return {"data/timeline.json": as_json({"site": base, "events": events}),
            "data/references.json": as_json(references)}
