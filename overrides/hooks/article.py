"""The data hook: weave data/ into the pages (the timeline, the references, editor's notes and
citations).

A page marks where a block of data goes with a comment (`<!-- timeline -->`,
`<!-- references: article -->`); citations are written `[@id]` or `[@id; @id]`, in the prose
and in the data alike. records.py loads and checks data/ and pages.py the pages, in on_config,
before MkDocs touches site/; render.py turns the records into each page's Markdown.
"""

import importlib.util
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

render = None
loaded_for = None


def load_fresh(name: str, **modules):
    """The module `name`.py beside this hook, executed anew (MkDocs keeps a hook loaded for the
    whole of `mkdocs serve`, so this is how an edit of the modules doing the work takes effect),
    under a private name, with the sibling modules it uses given to it by name."""
    spec = importlib.util.spec_from_file_location(f"_site_hooks.{name}", Path(__file__).with_name(f"{name}.py"))
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)  # dataclasses look it up
    vars(module).update(modules)
    spec.loader.exec_module(module)
    return module


def on_config(config):
    global render, loaded_for
    if config is loaded_for:
        return  # the other languages are built with the same configuration: nothing changed
    loaded_for = config
    records, render = modules()
    loaded = records.load(Path(config.config_file_path).parent / "data", Path(config.docs_dir),
                          checked=config.extra.get("checked"), extensions=markdown_extensions(config))
    render.setup(loaded, config)
    config.extra["search_terms"] = loaded.search_terms  # for hooks/site.py, which writes the search text


def markdown_extensions(config) -> dict[str, dict]:
    """The Markdown extensions of mkdocs.yml, with their settings, as MkDocs will use them."""
    return {name: config.mdx_configs.get(name, {}) for name in config.markdown_extensions}


def modules():
    """records.py (loading and checking) and render.py, fresh, each given the modules it uses."""
    texts, pages = load_fresh("texts"), load_fresh("pages")
    records = load_fresh("records", texts=texts, pages=pages)
    return records, load_fresh("render", records=records, pages=pages, texts=texts)


@event_priority(-200)  # after mkdocs-static-i18n has sorted the files, which it cannot do for generated ones
def on_files(files, config):
    """The timeline and the references as data files of the site (render.downloads)."""
    for path, content in render.downloads(config).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    return render.page_markdown(markdown, page, config)
