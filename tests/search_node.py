"""The site's search worker in Node (tests/search_worker.js runs the very words.js and
search-worker.js that a build serves, on that build's search text), for tests/test_search_worker.py
and tests/test_words.py."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import LANGUAGES, ROOT

HARNESS = ROOT / "tests" / "search_worker.js"


class Worker:
    """The search worker of a built site's language, in Node, asked one query at a time."""

    def __init__(self, site: Path, lang: str, documents: Path | None = None):
        node = shutil.which("node") or pytest.fail("Node.js is needed and was not found: run ./dev test (it "
                                                   "installs it)", pytrace=False)
        documents = documents or site / LANGUAGES[lang] / "search" / "search_documents.json"
        self.process = subprocess.Popen([node, str(HARNESS), str(site / "assets" / "javascripts"), str(documents)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def request(self, request: dict) -> dict:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def ask(self, query: str) -> dict:
        return self.request({"query": query})

    def ask_within(self, query: str, ms: float) -> dict:
        """The answer, asked again (up to three times) while it takes more than `ms`: a query that
        is slow every time is slow; once, the machine was busy (a garbage collection taking 100 ms
        of the clock was seen, under other sessions' load)."""
        for _ in range(3):
            answer = self.ask(query)
            if answer.get("ms", 0) < ms:
                break
        return answer

    def split(self, text: str) -> list[str]:
        return self.request({"split": text})["words"]

    def __enter__(self):
        # The first query loads the search text; these, which go every way a word can be found,
        # have Node compile the worker's code, as a reader's first searches do once.
        for query in ["Yi", "deepsek huggingface niryat model आईपीओ माडल कंपनी बंद हो गई क्या", "x" * 300]:
            self.ask(query)
        return self

    def __exit__(self, *exc):
        self.process.stdin.close()
        self.process.wait(timeout=10)
