"""What one build knows, from `on_config` to its last event: the settings of mkdocs.yml, the
records of data/ with the pages of docs/ they were checked against (each read once), the reading
order of the navigation and the macros that render the records. Made afresh for every build
(`mkdocs build`, each rebuild of `mkdocs serve`); the other languages, which mkdocs-static-i18n
builds from inside the default language's build, share it."""

from __future__ import annotations

import dataclasses

import jinja2

from site_build import jinja_env, reading, records
from site_build.settings import Settings


@dataclasses.dataclass(frozen=True)
class Build:
    settings: Settings
    records: records.Records
    reading_order: list[str]  # the pages of the navigation, 'index.md' first
    template: jinja2.Template  # overrides/partials/records.html
    reader: reading.Reader  # Python-Markdown, as MkDocs renders the pages

    @classmethod
    def start(cls, config) -> Build:
        settings = Settings.of(config)
        env = jinja_env.prepare(config.theme.get_env())
        reader = reading.Reader(settings.extensions)
        return cls(settings=settings, records=records.load(settings, reader),
                   reading_order=[page for item in config.nav for page in item.values()],
                   template=env.get_template("partials/records.html"), reader=reader)

    def macros(self, lang: str):
        """The macros of records.html for one language."""
        return self.template.make_module({"lang": lang, "checked": records.Date(self.settings.checked, "day"), "Date": records.Date})
