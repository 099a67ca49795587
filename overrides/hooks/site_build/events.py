"""The events of one build, each handed to the module that does its job (overrides/hooks/hooks.py
calls them, in the order and with the priorities that MkDocs gives its hooks).

mkdocs-static-i18n builds the other languages from inside the default language's build (its
`building` flag): they share the build's one Build object, made when the build begins.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.structure.files import File

from site_build import (
    cards,
    css_cut,
    dates,
    feeds,
    head,
    html_fix,
    jinja_env,
    material,
    offline,
    policy,
    previews,
    records,
    render,
    scripts,
    search_text,
    styles,
)
from site_build.build import Build

build: Build | None = None  # this build's, made in on_config; this module is imported afresh for each build
navigation = None  # the navigation of the language being built, from on_nav


def on_config(config):
    global build
    if build is None:  # the default language: this module was imported for a build that begins now
        material.check_version()
        cards.check_layout_engine()
        dates.date_the_build(Path(config.config_file_path).parent)
        build = Build.start(config)


def on_files(files, config):
    """The timeline, the references and the notes as data files of the site, and the feed of the
    language being built, beside its home page."""
    for path, content in render.downloads(build).items():
        files.append(File.generated(config, path, content=content))
    lang = config.theme["language"]
    files.append(File.generated(config, build.settings.prefix(lang) + feeds.FEED, content=feeds.feed(build, lang)))
    return files


def on_nav(nav, config, files):
    global navigation
    navigation = nav


def on_env(env, config, files):
    jinja_env.prepare(env)
    env.globals.update(page_title=head.page_title, material_bundle=material.material_bundle(config.theme.dirs),
                       og_locales=head.og_locales(build.settings.languages), brand_colour=head.brand_colour(),
                       checked=records.Date(build.settings.checked, "day"), licence=render.LICENCE,
                       page_history=functools.partial(render.history, build))
    offline.write_language(build, env, config, navigation, files, as_served)


def on_page_markdown(markdown, page, config, files):
    return render.page_markdown(build, page, config)  # the page's Markdown as build.records read it


def as_served(html: str, name: str) -> str:
    """A rendered page as readers get it: mended, without indentation, under its policy."""
    return policy.with_policy(html_fix.without_indentation(html_fix.valid_html(html)), name)


def on_post_page(output, page, config):
    cards.write(page, config.site_name, config.theme["language"], home=page.file.src_uri.split(".")[0] == "index")
    return as_served(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    served = as_served(output_content, template_name)
    language = config.theme["language"]
    if template_name == "404.html" and language != build.settings.default_language:
        # The site's 404.html is the default language's (MkDocs would write each language's
        # there): another language's goes beside its pages, and MkDocs writes nothing.
        path = Path(config.site_dir) / build.settings.prefix(language) / template_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(served, encoding="utf-8")
        return ""
    return served


def on_post_build(config):
    if not config.plugins["i18n"].building:  # the other languages are built: the search text comes last
        search_text.split_by_language(build, Path(config.site_dir))
        previews.write(build, Path(config.site_dir))
        styles.write_minified(Path(config.site_dir))
        scripts.write_minified(Path(config.site_dir))
        css_cut.write(Path(config.site_dir), config)
        offline.write_worker(build, config)  # last: it versions what the steps before it wrote


def on_serve(server, config, builder):
    return policy.allow_live_reload(server)
