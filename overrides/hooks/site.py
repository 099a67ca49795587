"""Site-wide fixes: for a bilingual build with mkdocs-static-i18n, and for valid HTML.

The config and post-build fixes run after the i18n plugin (priority -100), which builds the
other languages from inside the default language's build.
"""

import base64
import hashlib
import html
import json
import os
import re
import subprocess
from pathlib import Path

import jinja2
from babel.core import get_global
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# Material's base.html gives its checkbox toggles autocomplete="off", which HTML allows only on
# text-like inputs; base.html has no block to override it from.
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')

# The Content-Security-Policy of every page: nothing but the site's own files, and of inline
# scripts only those the build wrote, each allowed by its hash. Data blocks (JSON, JSON-LD) are
# never run, so they need none.
POLICY = ("default-src 'none'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; "
          "form-action 'none'; object-src 'none'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.S)
CHARSET = '<meta charset="utf-8">'


def script_hash(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def with_policy(html: str, name: str) -> str:
    """The page with its policy first in <head>, right after the charset, before any script."""
    if CHARSET not in html:
        raise PluginError(f"{name}: no '{CHARSET}' to put the Content-Security-Policy after")
    hashes = " ".join(script_hash(script) for script in dict.fromkeys(INLINE_SCRIPT.findall(html)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'
    return html.replace(CHARSET, f"{CHARSET}\n  {meta}", 1)


def last_commit_time(project: Path) -> str:
    """The time of the project's last commit (seconds since 1970), for SOURCE_DATE_EPOCH."""
    try:
        last_commit = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True,
                                     cwd=project)
    except OSError as problem:
        raise PluginError(f"{project}: the build is dated by its last git commit, and git cannot be run here "
                          f"({problem.strerror}): install git, or set SOURCE_DATE_EPOCH "
                          "(seconds since 1970) to date the build") from problem
    if last_commit.returncode != 0 or not last_commit.stdout.strip().isdigit():
        raise PluginError(f"{project}: the build is dated by its last git commit, and this is no git checkout "
                          "with a commit: set SOURCE_DATE_EPOCH (seconds since 1970) to date the build")
    return last_commit.stdout.strip()


@event_priority(-110)
def on_config(config):
    # Dates in the output (sitemap, JSON-LD) come from the last commit, not the clock, so that
    # two builds of one commit are byte-identical. SOURCE_DATE_EPOCH, if set, wins.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = last_commit_time(Path(config.config_file_path).parent)

    # One bilingual 404 page for the whole site: render it in the default language's build
    # only, or the last language built overwrites it.
    if config.theme["language"] != config.plugins["i18n"].default_language:
        config.theme.static_templates.discard("404.html")


class SharedBytecode(jinja2.BytecodeCache):
    """Compiled templates kept in memory, so that each language's build (and each rebuild of
    `mkdocs serve`) does not compile Material's templates again; keyed by their source."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = SharedBytecode()


# Material's script carries a content hash that changes with every release.
MATERIAL_BUNDLE = "assets/javascripts/bundle.*.min.js"


def material_bundle(theme_dirs: list[str]) -> str:
    """The theme's own script, as a path inside the site."""
    paths = sorted({path.relative_to(folder).as_posix() for folder in map(Path, theme_dirs)
                    for path in folder.glob(MATERIAL_BUNDLE)})
    if len(paths) != 1:
        raise PluginError(f"Material's theme files: expected exactly one {MATERIAL_BUNDLE}, found {len(paths)} "
                          f"({', '.join(paths) or 'none'}); is mkdocs-material installed as pyproject.toml pins it?")
    return paths[0]


def page_title(page) -> str:
    """A page's title as text: its first heading, as the table of contents holds it (escaped
    for HTML), unescaped, so that a template or a card escapes it exactly once."""
    return html.unescape(page.toc.items[0].title)


def on_env(env, config, files):
    env.bytecode_cache = TEMPLATES
    env.globals["page_title"] = page_title
    env.globals["material_bundle"] = material_bundle(config.theme.dirs)
    # Open Graph locales (hi_IN, en_US) for the languages of mkdocs.yml, from CLDR's likely subtags.
    subtags = get_global("likely_subtags")
    env.globals["og_locales"] = {
        language.locale: f"{language.locale}_{subtags.get(language.locale, language.locale).split('_')[-1]}"
        for language in config.plugins["i18n"].config.languages}


@event_priority(-110)
def on_post_build(config):
    # The i18n plugin writes one search index for both languages. Give each language its own,
    # beside its home page, in two parts: search_index.json, which Material fetches with the
    # page, holds only the settings; search_documents.json, the text and the names written in
    # both scripts (data/search-terms.yml, given by the data hook), is fetched by
    # assets/javascripts/search-worker.js when the reader first searches.
    i18n = config.plugins["i18n"]
    if i18n.building:
        return  # a language built from inside the default language's build: the index comes after
    site = Path(config.site_dir)
    combined = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    others = tuple(f"{other}/" for other in i18n.build_languages if other != i18n.default_language)
    for language in i18n.build_languages:
        prefix = "" if language == i18n.default_language else f"{language}/"
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in combined["docs"]
            if (doc["location"].startswith(prefix) if prefix else not doc["location"].startswith(others))
        ]
        folder = site / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        search_text = {"docs": docs, "terms": config.extra.get("search_terms", [])}
        for name, content in [("search_index.json", {**combined, "docs": []}), ("search_documents.json", search_text)]:
            (folder / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")),
                                       encoding="utf-8")


def on_serve(server, config, builder):
    """`mkdocs serve` adds its live-reload script to each page as it serves it, after the page's
    policy was written: allow that one script, by its hash, in the policy of the page it is
    served in. (MkDocs's private LiveReloadServer._inject_js_into_html: tests/test_serve.py
    reloads a page in Chromium, so a change of it shows there.)"""
    inject = server._inject_js_into_html

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        served = inject(content, epoch)
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        if not served.startswith(b"<script>", at):
            raise PluginError("mkdocs serve no longer injects its live-reload script as this hook expects "
                              "(overrides/hooks/site.py, on_serve)")
        script = served[at + len(b"<script>"):served.index(b"</script>", at)].decode()
        return served.replace(b"script-src 'self'", f"script-src 'self' {script_hash(script)}".encode(), 1)

    server._inject_js_into_html = inject_allowed
    return server


def on_post_page(output, page, config):
    return with_policy(CHECKBOX_AUTOCOMPLETE.sub(r"\1", output), page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if not template_name.endswith(".html"):
        return output_content
    return with_policy(CHECKBOX_AUTOCOMPLETE.sub(r"\1", output_content), template_name)
