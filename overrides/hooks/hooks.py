"""The one hook MkDocs loads (mkdocs.yml, `hooks:`): each event goes to site_build/events.py.

MkDocs loads a hook once per process, so a rebuild of `mkdocs serve` would keep the modules it
imported. The package site_build/ is therefore imported afresh when each build begins (the
default language's on_config): an edit of any of its modules takes effect at the next rebuild.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

HERE = str(Path(__file__).resolve().parent)
events = None  # site_build.events, as imported for the build under way


def fresh_events():
    for name in [name for name in sys.modules if name == "site_build" or name.startswith("site_build.")]:
        del sys.modules[name]
    sys.path.insert(0, HERE)
    try:
        return importlib.import_module("site_build.events")
    finally:
        sys.path.remove(HERE)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set the language being built
def on_config(config):
    global events
    if not config.plugins["i18n"].building:  # the default language: a build begins
        events = fresh_events()
    return events.on_config(config)


@event_priority(-200)  # after mkdocs-static-i18n has sorted the files, which it cannot do for generated ones
def on_files(files, config):
    return events.on_files(files, config)


@event_priority(-110)  # after mkdocs-static-i18n (-100) has translated the navigation
def on_nav(nav, config, files):
    return events.on_nav(nav, config, files)


def on_env(env, config, files):
    return events.on_env(env, config, files)


def on_page_markdown(markdown, page, config, files):
    return events.on_page_markdown(markdown, page, config, files)


def on_post_page(output, page, config):
    return events.on_post_page(output, page, config)


def on_post_template(output_content, template_name, config):
    return events.on_post_template(output_content, template_name, config)


@event_priority(-110)  # after mkdocs-static-i18n, which writes one search index for all languages
def on_post_build(config):
    return events.on_post_build(config)


def on_serve(server, config, builder):
    return events.on_serve(server, config, builder)
