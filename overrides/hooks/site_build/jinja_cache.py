"""Compiled templates kept in .cache/jinja/, so that no build (each language's, each rebuild of
`mkdocs serve`, the next `mkdocs build`) compiles Material's templates again: Jinja's own cache
on disk, keyed by each template's name and checked against its source, so it never goes stale."""

from __future__ import annotations

from pathlib import Path

import jinja2

CACHE = Path(__file__).resolve().parents[3] / ".cache" / "jinja"
CACHE.mkdir(parents=True, exist_ok=True)
TEMPLATES = jinja2.FileSystemBytecodeCache(str(CACHE))
