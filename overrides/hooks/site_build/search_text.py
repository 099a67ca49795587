"""Each language's own search text. The i18n plugin writes one search index for both
languages; each language gets its own, beside its home page, in two parts: search_index.json,
which Material fetches with the page, holds only the settings; search_documents.json, the text
and the names written in both scripts (data/search-terms.yml), is fetched by
assets/javascripts/search-worker.js when the reader first searches."""

from __future__ import annotations

import json
from pathlib import Path

from site_build.build import Build


def split_by_language(build: Build, site_dir: Path):
    settings = build.settings
    combined = json.loads((site_dir / "search/search_index.json").read_text(encoding="utf-8"))
    others = tuple(settings.prefix(lang) for lang in settings.languages[1:])
    for lang in settings.languages:
        prefix = settings.prefix(lang)
        docs = [
            {**doc, "location": doc["location"].removeprefix(prefix)}
            for doc in combined["docs"]
            if (doc["location"].startswith(prefix) if prefix else not doc["location"].startswith(others))
        ]
        folder = site_dir / prefix / "search"
        folder.mkdir(parents=True, exist_ok=True)
        search_text = {"docs": docs, "terms": build.records.search_terms}
        for name, content in [("search_index.json", {**combined, "docs": []}), ("search_documents.json", search_text)]:
            (folder / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")),
                                       encoding="utf-8")
