"""The sources' previews of each language, in one file that all its pages share: beside its
references page ('references/sources.html', 'en/references/sources.html'), where starter.js
fetches it (partials/starter.html's data-sources) rather than each page carrying the previews of
the sources it cites. Written from the macro previews() of partials/records.html."""

from __future__ import annotations

from pathlib import Path

from site_build import html_fix, policy
from site_build.build import Build

FILE = "references/sources.html"


def write(build: Build, site_dir: Path):
    settings = build.settings
    for lang in settings.languages:
        macros = build.macros(lang)
        title = f"{macros.t['sources']} — {settings.site_names[lang]}"
        html = html_fix.without_indentation(macros.previews(list(build.records.references.values()), title))
        (site_dir / settings.prefix(lang) / FILE).write_text(policy.with_policy(html, FILE), encoding="utf-8")
