"""The site's languages and pages as mkdocs.yml declares them: one list for the tests and the
benchmark, so that adding a language or a page is a change of configuration only."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from site_build import settings as site_settings  # noqa: E402


@functools.cache
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


@functools.cache
def settings():
    """The build's own reading of mkdocs.yml (overrides/hooks/site_build/settings.py)."""
    return site_settings.Settings.of(config())


def languages() -> dict[str, str]:
    """Each language and the prefix of its pages: {'hi': '', 'en': 'en/'}."""
    return {lang: settings().prefix(lang) for lang in settings().languages}


def pages() -> dict[str, str]:
    """Each page of the navigation, by its URL slug: {'': 'index.md', 'reasons/': 'reasons.md', ...}."""
    files = [file for item in config()["nav"] for file in item.values()]
    default = settings().default_language
    return {site_settings.page_url(settings(), file, default, absolute=False): file for file in files}


def article_slugs() -> list[str]:
    """The pages that hold the article's text (front matter `schema_type: Article`)."""
    docs = Path(config()["docs_dir"])
    return [slug for slug, file in pages().items()
            if get_data((docs / file).read_text(encoding="utf-8"))[1].get("schema_type") == "Article"]
