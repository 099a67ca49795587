"""Each language's Atom feed, feed.xml beside its home page: the changes of data/changes.yml and
what was found since the article (data/since.yml), newest first, built with feedgen. Every entry
keeps its id from build to build (its data id, under the site's tag), and the feed is dated by its
newest entry, so that two builds of one commit write the same feed."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator

from site_build.build import Build
from site_build.settings import page_url

FEED = "feed.xml"
TITLES = {"hi": "बदलाव", "en": "Changes"}


def day(value: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(value, datetime.time(), datetime.timezone.utc)


def feed(build: Build, lang: str) -> str:
    settings, data = build.settings, build.records
    site = urlsplit(settings.site_url)
    tag = f"tag:{site.hostname},{settings.published.isoformat()}:{site.path.strip('/')}/{lang}/"
    # Each entry links the first place it changed (feedgen 1.0 writes an entry's links without their
    # rel, which makes every one an alternate: one link an entry).
    entries = [(change.date, f"changes/{change.id}", change.what[lang].plain, change.why[lang].plain,
                page_url(settings, change.pages[0][0], lang, change.pages[0][1])) for change in data.changes]
    entries += [(finding.updated, f"since/{finding.id}", first_sentence(finding.text[lang].plain), finding.text[lang].plain,
                 page_url(settings, "outlook.md", lang, "since")) for finding in data.since.found]
    entries.sort(key=lambda entry: entry[0], reverse=True)
    generator = FeedGenerator()
    generator.id(tag)
    generator.title(f"{settings.site_names[lang]}: {TITLES[lang]}")
    generator.language(lang)
    generator.author({"name": settings.site_names[lang], "uri": page_url(settings, "index.md", lang)})
    generator.link(href=page_url(settings, "changes.md", lang), rel="alternate")
    generator.link(href=settings.site_url + settings.prefix(lang) + FEED, rel="self")
    generator.rights("CC BY 4.0")
    generator.updated(day(entries[0][0]))
    for updated, id, title, summary, link in entries:
        entry = generator.add_entry(order="append")
        entry.id(tag + id)
        entry.title(title)
        entry.updated(day(updated))
        entry.link(href=link)
        entry.summary(summary)
    return generator.atom_str(pretty=True).decode("utf-8")


def first_sentence(text: str) -> str:
    """A finding's title: its first sentence."""
    ends = [at for at in (text.find(mark) for mark in ("। ", ". ")) if at > 0]
    return text[: min(ends) + 1] if ends else text
