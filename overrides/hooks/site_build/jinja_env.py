"""The site's Jinja environments (Material's for the pages, and the one of the records' macros), as
every build sets them up:
- compiled templates kept in .cache/jinja/, so that no build (each language's, each rebuild of
  `mkdocs serve`, the next `mkdocs build`) compiles Material's templates again: Jinja's own cache
  on disk, keyed by each template's name and checked against its source, so it never goes stale;
- JSON in the pages (JSON-LD, Material's configuration) as UTF-8, not \\u escapes: six bytes a
  Devanagari letter instead of three, and none that compress with the page's own text; and with
  no space after its commas and colons, which no reader of it needs. (tojson still escapes
  < > & ', so a text cannot end the script block.)"""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE = Path(__file__).resolve().parents[3] / ".cache" / "jinja"
CACHE.mkdir(parents=True, exist_ok=True)
TEMPLATES = jinja2.FileSystemBytecodeCache(str(CACHE))


def prepare(env: jinja2.Environment) -> jinja2.Environment:
    env.bytecode_cache = TEMPLATES
    env.policies["json.dumps_kwargs"] = {**env.policies["json.dumps_kwargs"], "ensure_ascii": False,
                                       "separators": (",", ":")}
    return env
