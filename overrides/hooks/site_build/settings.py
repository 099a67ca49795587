"""What the build's checks and renderings take from mkdocs.yml: one place, read once per build."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

from mkdocs.exceptions import PluginError


@dataclasses.dataclass(frozen=True)
class Settings:
    project: Path  # the folder of mkdocs.yml: data/ and docs/ are found from here
    docs_dir: Path
    languages: tuple[str, ...]  # mkdocs.yml's i18n languages, the default first
    checked: datetime.date  # extra.checked: when the facts were last checked
    published: datetime.date  # extra.published: when the site was first published
    site_url: str
    site_names: dict[str, str]  # each language's site_name (the i18n languages' own, or mkdocs.yml's)
    extensions: dict[str, dict]  # the Markdown extensions, with their settings, as MkDocs uses them
    nav_titles: dict[str, dict[str, str]]  # language -> page ('reasons.md') -> its title in the navigation

    @property
    def data_dir(self) -> Path:
        return self.project / "data"

    @property
    def default_language(self) -> str:
        return self.languages[0]

    def prefix(self, lang: str) -> str:
        """Where a language's pages are published: '' for the default, 'en/' for English."""
        return "" if lang == self.default_language else f"{lang}/"

    @classmethod
    def of(cls, config) -> Settings:
        languages = config.plugins["i18n"].config.languages
        default = [language.locale for language in languages if language.default]
        for name in ("checked", "published"):
            if not isinstance(config.extra.get(name), datetime.date):
                raise PluginError(f"{config.config_file_path}: extra.{name} must be a date written YYYY-MM-DD, "
                                  f"not {config.extra.get(name)!r}")
        return cls(
            project=Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir),
            languages=tuple(default + [language.locale for language in languages if not language.default]),
            checked=config.extra["checked"], published=config.extra["published"], site_url=config.site_url,
            site_names={language.locale: language.site_name or config.site_name for language in languages},
            extensions={name: config.mdx_configs.get(name, {}) for name in config.markdown_extensions},
            nav_titles={language.locale: {page: (language.nav_translations or {}).get(title, title)
                                          for item in config.nav for title, page in item.items()}
                        for language in languages},
        )


def page_url(settings: Settings, page: str, lang: str, anchor: str | None = None, *, absolute: bool = True) -> str:
    """The address of a page ('reasons.md') in a language, as MkDocs publishes it with
    use_directory_urls: 'https://…/en/reasons/#compute', or from the site's root 'en/reasons/'."""
    name = page.removesuffix(".md")
    path = settings.prefix(lang) + ("" if name == "index" else f"{name}/") + (f"#{anchor}" if anchor else "")
    return settings.site_url + path if absolute else path
