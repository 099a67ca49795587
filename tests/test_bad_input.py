"""Bad and hostile edits of data/ and docs/: each stops the build with one message naming the
file and the entry and field (or the line), before anything is written; text from data never
becomes markup.

The checks run in on_config, before MkDocs touches site/, so most cases call the loader in-process
(a copy of data/ and docs/ per case); a few build the whole site end to end.
"""

from __future__ import annotations

import collections
import dataclasses
import logging
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import LANGUAGES, SLUGS, build, edit, hook, render
from mkdocs.exceptions import PluginError

from tools import layout

BOMB = "".join(f'\n  x{n}: &x{n} [*x{n - 1}, *x{n - 1}, *x{n - 1}, *x{n - 1}, *x{n - 1}, *x{n - 1}, *x{n - 1}, *x{n - 1}]'
               for n in range(1, 12))


records = hook("records")
SETTINGS = hook("settings").Settings.of(layout.config())
reading = hook("reading")


def load(project: Path):
    """The data hook's loading and checking of a copy of the project, in-process."""
    return records.load(dataclasses.replace(SETTINGS, project=project, docs_dir=project / "docs"), reading.Reader(SETTINGS.extensions))


# name: (file, old text, new text, parts of the one error message)
CASES = {
    # ---- timeline.yml: shapes, dates and YAML ----
    "malformed YAML": ("data/timeline.yml", '- id: project-ai-2\n  date: "2023-03-19"', '- id: project-ai-2\n date: ["2023-03-19"',
                       ["timeline.yml", "not valid YAML", "line"]),
    "invalid date": ("data/timeline.yml", 'date: "2023-11-14"', 'date: "2023-11-31"',
                     ["timeline.yml", "entry 'tensor-names'", "field 'date'", "2023-11-31"]),
    "unquoted impossible date": ("data/timeline.yml", 'date: "2023-11-14"', "date: 2023-02-30",
                                 ["timeline.yml", "entry 'tensor-names'", "field 'date'", "2023-02-30"]),
    "date not zero-padded": ("data/timeline.yml", 'date: "2023-11-14"', 'date: "2023-1-5"',
                             ["timeline.yml", "entry 'tensor-names'", "field 'date'", "YYYY-MM-DD"]),
    "date out of range": ("data/timeline.yml", 'date: "2023-11-14"', 'date: "9999-12-31"',
                          ["timeline.yml", "entry 'tensor-names'", "field 'date'", "outside"]),
    "date finer than its precision": ("data/timeline.yml", 'date: "2023-03"', 'date: "2023-03-04"',
                                      ["timeline.yml", "entry 'company-start'", "field 'date'", "'month'"]),
    "invalid precision": ("data/timeline.yml", "precision: month\n  confidence: medium", "precision: week\n  confidence: medium",
                          ["timeline.yml", "entry 'company-start'", "field 'precision'", "'week'"]),
    "end before the start": ("data/timeline.yml", 'end: "2023-07"', 'end: "2023-02"',
                             ["timeline.yml", "entry 'company-start'", "field 'end'", "after"]),
    "unknown fact": ("data/timeline.yml", "fact: team-move", "fact: team-moves",
                     ["timeline.yml", "entry 'teams-to-alibaba'", "field 'fact'", "team-moves"]),
    "an event with neither text nor fact": ("data/timeline.yml", "  fact: team-move\n", "",
                                            ["timeline.yml", "entry 'teams-to-alibaba'", "field 'text'", "missing"]),
    "a fact without a source": ("data/facts.yml", "काई-फू ली [@techcrunch]", "काई-फू ली",
                                ["facts.yml", "entry 'founder'", "field 'text.hi'", "cite"]),
    "markup in a fact": ("data/facts.yml", "en: Kai-Fu Lee [@techcrunch]", "en: Kai-Fu Lee <b onclick=x>x</b> [@techcrunch]",
                         ["facts.yml", "entry 'founder'", "field 'text.en'", "raw HTML"]),
    "a finding of since.yml without a source": ("data/since.yml", "‘six tigers’” [@thestar].", "‘six tigers’”.",
                                                ["since.yml", "entry 'hong-kong-listings'", "field 'text.en'", "cite"]),
    "a Chinese title without its translation": ("data/references.yml",
                                                '    en: "Kai-Fu Lee, 62, has a new identity again"\n', "",
                                                ["references.yml", "entry 'cyzone'", "field 'translation.en'", "missing"]),
    "duplicate key": ("data/timeline.yml", 'date: "2023-11-14"', 'date: "2023-11-14"\n  date: "2029-01-01"',
                      ["timeline.yml", "entry 'tensor-names'", "field 'date'", "duplicate key"]),
    "alias bomb": ("data/timeline.yml", '- id: project-ai-2\n  date: "2023-03-19"',
                   f'- id: project-ai-2\n  x0: &x0 ["lol"]{BOMB}\n  date: *x11',
                   ["timeline.yml", "line", "anchors and aliases"]),
    "duplicate id": ("data/timeline.yml", "- id: joint-lab", "- id: sale-denied",
                     ["timeline.yml", "entry 'sale-denied'", "field 'id'", "duplicate"]),
    "missing translation": ("data/timeline.yml", "    en: Yi-Large launched\n", "",
                            ["timeline.yml", "entry 'yi-large'", "field 'title.en'", "missing translation"]),
    "unknown reference id": ("data/timeline.yml", "refs: [yi-paper]", "refs: [yi-papers]",
                             ["timeline.yml", "entry 'yi-report'", "field 'refs'", "yi-papers"]),
    "an event without a reference": ("data/timeline.yml", "  refs: [yi-paper]\n", "",
                                     ["timeline.yml", "entry 'yi-report'", "field 'refs'", "missing"]),
    "missing required field": ("data/timeline.yml", "  section: outlook.md#outlook\n\n- id: joint-lab", "\n- id: joint-lab",
                               ["timeline.yml", "entry 'yi-last-change'", "field 'section'", "missing"]),
    "section that is no heading": ("data/timeline.yml", "section: reasons.md#competition", "section: reasons.md#rivals",
                                   ["timeline.yml", "entry 'yi-large'", "field 'section'", "reasons.md#rivals"]),
    "section with two anchors": ("data/timeline.yml", "section: reasons.md#competition", "section: reasons.md#competition#x",
                                 ["timeline.yml", "entry 'yi-large'", "field 'section'", "competition#x"]),
    "event id that is a heading id": ("data/timeline.yml", "- id: joint-lab", "- id: timeline",
                                      ["timeline.yml", "entry 'timeline'", "field 'id'", "heading id"]),
    # ---- timeline.yml: citations and markup ----
    "unknown citation in a text": ("data/timeline.yml", "en: 01.AI publishes its first two base models, Yi-6B and Yi-34B, as open weights.",
                                   "en: 01.AI publishes its first two base models [@nope].",
                                   ["timeline.yml", "entry 'yi-open-weights'", "field 'text.en'", "[@nope]"]),
    "citation in a title": ("data/timeline.yml", "en: Yi-Large launched", "en: Yi-Large launched [@nope]",
                            ["timeline.yml", "entry 'yi-large'", "field 'title.en'", "[@nope]"]),
    "unknown citation in support": ("data/timeline.yml", "  refs: [yi-paper]\n", "  refs: [yi-paper]\n  support:\n    hi: x\n    en: an interview [@nope]\n",
                                    ["timeline.yml", "entry 'yi-report'", "field 'support.en'", "[@nope]"]),
    "script in a title": ("data/timeline.yml", "en: Yi-Large launched", "en: Yi-Large <script>alert(1)</script>",
                          ["timeline.yml", "entry 'yi-large'", "field 'title.en'", "raw HTML"]),
    "image with onerror in a title": ("data/timeline.yml", "en: Yi-Large launched", 'en: "<img src=x onerror=alert(1)>"',
                                      ["timeline.yml", "entry 'yi-large'", "field 'title.en'", "raw HTML"]),
    "svg with onload in support": ("data/timeline.yml", "  refs: [yi-paper]\n", "  refs: [yi-paper]\n  support:\n    hi: x\n    en: <svg onload=alert(1)>\n",
                                   ["timeline.yml", "entry 'yi-report'", "field 'support.en'", "raw HTML"]),
    "javascript link in a text": ("data/timeline.yml", "en: 01.AI publishes its first two base models, Yi-6B and Yi-34B, as open weights.",
                                  'en: "[x](javascript:alert(1))"',
                                  ["timeline.yml", "entry 'yi-open-weights'", "field 'text.en'", "link"]),
    "data link in a text": ("data/timeline.yml", "en: 01.AI publishes its first two base models, Yi-6B and Yi-34B, as open weights.",
                            'en: "[x](data:text/html,hi)"', ["timeline.yml", "entry 'yi-open-weights'", "field 'text.en'", "data:text/html"]),
    "unknown citation in a code span": ("data/timeline.yml", "en: 01.AI publishes its first two base models, Yi-6B and Yi-34B, as open weights.",
                                        "en: 01.AI publishes `[@nope]` and [@nope].",
                                        ["timeline.yml", "entry 'yi-open-weights'", "field 'text.en'", "[@nope]"]),
    "date after the facts were checked": ("data/timeline.yml", 'date: "2023-11-14"', 'date: "2099-01-01"',
                                          ["timeline.yml", "entry 'tensor-names'", "field 'date'", "extra.checked"]),
    # ---- references.yml ----
    "URL that closes the link": ("data/references.yml", "url: https://arxiv.org/abs/2403.04652",
                                 "url: https://techcrunch.com/x)<svg/onload=alert(1)>",
                                 ["references.yml", "entry 'yi-paper'", "field 'url'", "escaping"]),
    "URL with a user before its host": ("data/references.yml", "url: https://arxiv.org/abs/2403.04652",
                                        "url: https://www.wired.com@evil.example/x", ["references.yml", "entry 'yi-paper'", "field 'url'", "host"]),
    "URL that is not https": ("data/references.yml", "url: https://arxiv.org/abs/2403.04652", "url: arxiv.org/abs/2403.04652",
                              ["references.yml", "entry 'yi-paper'", "field 'url'", "https"]),
    "markup in a publisher": ("data/references.yml", "publisher: arXiv (2403.04652)", "publisher: <b onclick=alert(1)>arXiv</b>",
                              ["references.yml", "entry 'yi-paper'", "field 'publisher'", "raw HTML"]),
    "markup in a reference title": ("data/references.yml", 'title: "Yi: Open Foundation Models by 01.AI"',
                                    'title: "<img src=x onerror=alert(1)>"', ["references.yml", "entry 'yi-paper'", "field 'title'", "raw HTML"]),
    "citation in a reference title": ("data/references.yml", 'title: "Yi: Open Foundation Models by 01.AI"',
                                      'title: "Yi [@nope]"', ["references.yml", "entry 'yi-paper'", "field 'title'", "citations"]),
    "unknown language": ("data/references.yml", "language: zh\n  date: \"2024-05-15\"", "language: chinese\n  date: \"2024-05-15\"",
                         ["references.yml", "entry 'cyzone'", "field 'language'", "chinese"]),
    "reference cited nowhere and not general": ("data/references.yml", "  language: en\n  general: true\n\n- id: yicai",
                                                "  language: en\n\n- id: yicai",
                                                ["references.yml", "entry 'turingpost'", "field 'general'"]),
    # ---- notes.yml ----
    "markup in a note": ("data/notes.yml", "We found no source for funding of that size.", "<iframe src=//evil.example></iframe>",
                         ["notes.yml", "entry 'funding'", "field 'text.en'", "raw HTML"]),
    "javascript link in a note": ("data/notes.yml", "We found no source for funding of that size.", "[x](javascript:alert(1))",
                                  ["notes.yml", "entry 'funding'", "field 'text.en'", "link"]),
    "note linking to a missing anchor": ("data/notes.yml", "[timeline](timeline.md#company-start)", "[timeline](timeline.md#nope)",
                                         ["notes.yml", "entry 'founding'", "field 'text.en'", "timeline.md#nope"]),
    "unknown citation in a note": ("data/notes.yml", "      [@tomshardware].\n  evidence:", "      [@toms-hardware].\n  evidence:",
                                   ["notes.yml", "entry 'gpu-debt'", "field 'text.en'", "toms-hardware"]),
    "anchor found only in the front matter": ("data/notes.yml", "en: only about 5 months behind", "en: scarce compute, fierce competition",
                                              ["notes.yml", "entry 'five-months'", "field 'anchor.en'", "no body paragraph"]),
    "anchor on a heading's words": ("data/notes.yml", "en: only about 5 months behind", "en: Intense competition in China's AI ecosystem",
                                    ["notes.yml", "entry 'five-months'", "field 'anchor.en'", "no body paragraph"]),
    "an edit of the article orphans a note": ("docs/reasons.md", "01.AI ने $300 मिलियन जुटाए", "01.AI ने 300 मिलियन डॉलर जुटाए",
                                              ["notes.yml", "entry 'funding'", "field 'anchor.hi'"]),
    "unknown verdict": ("data/notes.yml", "verdict: imprecise", "verdict: wrong",
                        ["notes.yml", "entry 'founding'", "field 'verdict'", "wrong"]),
    # ---- search-terms.yml ----
    "a name no longer on the site": ("data/search-terms.yml", "- [Qwen, क्वेन]", "- [Qwenn, क्वेनन]",
                                     ["search-terms.yml", "entry #9 ('Qwenn')", "field 'spellings'", "occurs on the site"]),
    "spellings of unequal length": ("data/search-terms.yml", "- [Hugging Face, हगिंग फेस]", "- [Hugging Face, हगिंगफेस]",
                                    ["search-terms.yml", "entry #5 ('Hugging Face')", "field 'spellings'", "number of words"]),
    # ---- names.yml ----
    "a name of names.yml no longer on the site": ("data/names.yml", "- Zhipu AI", "- Zhipu AGI",
                                                  ["names.yml", "entry #6 ('Zhipu AGI')", "field 'name'", "occur on the site"]),
    # ---- a language marked in a data text ----
    "a language marked with no language": ("data/timeline.yml", "([万智]{lang=zh})", "([万智]{lang=})",
                                           ["timeline.yml", "entry 'wanzhi'", "field 'text.hi'", "[words]{lang=zh}"]),
    # ---- docs/ ----
    "unknown citation in the prose": ("docs/reasons.en.md", "[@scmp; @wired; @yi-llama]", "[@scmp; @wried]",
                                      ["reasons.en.md:", "[@wried]"]),
    "heading without an explicit id": ("docs/reasons.en.md", "## 3. Intense competition in China's AI ecosystem { #competition }",
                                       "## 3. Intense competition in China's AI ecosystem", ["reasons.en.md:16", "explicit"]),
    "headings that differ between languages": ("docs/reasons.en.md", "{ #competition }", "{ #rivals }",
                                               ["reasons.en.md", "rivals", "competition"]),
    "a citation in a heading": ("docs/reasons.en.md", "## 3. Intense competition in China's AI ecosystem { #competition }",
                                "## 3. Intense competition [@scmp] { #competition }",
                                ["reasons.en.md:16", "[@scmp]", "is in a heading"]),
    "unknown reference group": ("docs/references.en.md", "<!-- references: press -->", "<!-- references: nope -->",
                                ["references.en.md:19", "unknown reference group 'nope'"]),
    "raw HTML in a page": ("docs/outlook.en.md", "Looking ahead,", "<script>alert(1)</script> Looking ahead,",
                           ["outlook.en.md:8", "raw HTML", "<script>"]),
    "attribute list in a page": ("docs/outlook.en.md", "[@yi-repo; @kr-asia]", "[@yi-repo; @kr-asia]\n{: onclick=alert(1) }",
                                 ["outlook.en.md:9", "attribute list"]),
    "javascript link in a page": ("docs/outlook.en.md", "Looking ahead,", "[x](javascript:alert(1)) Looking ahead,",
                                  ["outlook.en.md:8", "javascript"]),
    "reference-style javascript link in a page": ("docs/outlook.en.md", "[@yi-repo; @kr-asia]",
                                                  "[@yi-repo; @kr-asia] [x][evil]\n\n[evil]: javascript:alert(1)",
                                                  ["outlook.en.md:10", "javascript:alert(1)"]),
    "reference-style link with a title in a page": ("docs/outlook.en.md", "[@yi-repo; @kr-asia]",
                                                    '[@yi-repo; @kr-asia] [x]\n\n  [X]: <javascript:alert(1)> "t"',
                                                    ["outlook.en.md", "javascript:alert(1)"]),
    "entity-encoded javascript link in a page": ("docs/outlook.en.md", "Looking ahead,", "[x](&#106;avascript:alert(1)) Looking ahead,",
                                                 ["outlook.en.md:8", "avascript:alert("]),
    "autolink to another scheme in a page": ("docs/outlook.en.md", "Looking ahead,", "<ftp://evil.example/x> Looking ahead,",
                                             ["outlook.en.md:8", "ftp://evil.example/x", "https://"]),
    "e-mail autolink in a page": ("docs/outlook.en.md", "Looking ahead,", "<someone@evil.example> Looking ahead,",
                                  ["outlook.en.md:8", "someone@evil.example"]),
    "image from another host in a page": ("docs/outlook.en.md", "Looking ahead,", "![x](https://evil.example/t.png) Looking ahead,",
                                          ["outlook.en.md:8", "https://evil.example/t.png", "loaded"]),
    "reference-style image in a page": ("docs/outlook.en.md", "[@yi-repo; @kr-asia]", "[@yi-repo; @kr-asia] ![x][i]\n\n[i]: https://evil.example/t.png",
                                        ["outlook.en.md:10", "https://evil.example/t.png", "loaded"]),
    "unknown front matter": ("docs/outlook.en.md", "schema_type: Article", "title: </title><script>alert(1)</script>",
                             ["outlook.en.md", "front matter 'title'"]),
    "a setext heading without an id": ("docs/outlook.en.md", "By mid-2025,", "Looking back\n------------\n\nBy mid-2025,",
                                       ["outlook.en.md:", "'Looking back'", "explicit"]),
    "a '#word' line, which Markdown reads as a heading": ("docs/outlook.en.md", "By mid-2025,", "#Ahead\n\nBy mid-2025,",
                                                          ["outlook.en.md:", "'Ahead'", "explicit"]),
    "a setext heading of another id than its pair's": ("docs/outlook.en.md", "By mid-2025,",
                                                       "Looking back { #back }\n------------\n\nBy mid-2025,",
                                                       ["outlook.en.md", "heading ids", "back"]),
    "an attribute list on a paragraph of its own line": ("docs/outlook.en.md", "[@yi-repo; @kr-asia]", "[@yi-repo; @kr-asia]\n{: .x }",
                                                         ["outlook.en.md:9", "attribute list", "class=x"]),
    "an article page without its title": ("docs/outlook.en.md", "# Current status", "## Current status",
                                           ["outlook.en.md", "level-1 heading"]),
    "markup in a fact's label": ("data/facts.yml", "en: Founded", 'en: "Founded <img src=x onerror=alert(1)>"',
                                 ["facts.yml", "entry 'founding'", "field 'label.en'", "raw HTML"]),
    "a javascript link in a fact's label": ("data/facts.yml", "en: Founded", 'en: "[x](javascript:alert(1))"',
                                            ["facts.yml", "entry 'founding'", "field 'label.en'", "a link must be"]),
    "a control character in a title": ("data/timeline.yml", "en: Yi-Large launched", 'en: "Yi-Large\\x01 launched"',
                                       ["timeline.yml", "entry 'yi-large'", "field 'title.en'", "U+0001"]),
    "a control character in a page": ("docs/outlook.en.md", "Looking ahead,", "Looking\x1b ahead,", ["outlook.en.md:8", "U+001B"]),
    # ---- changes.yml ----
    "a change dated after the facts were checked": ("data/changes.yml", 'id: gpt4-cost\n  date: "2026-12-03"', 'id: gpt4-cost\n  date: "2026-12-31"',
                                                    ["changes.yml", "entry 'gpt4-cost'", "field 'date'", "extra.checked"]),
    "a change in one language only": ("data/changes.yml", "    en: An editor's note on the $80–100 million for GPT-4\n", "",
                                      ["changes.yml", "entry 'gpt4-cost'", "field 'what.en'", "missing translation"]),
    "a change of a page there is not": ("data/changes.yml", "pages: [reasons.md#compute]\n  what:\n    hi: GPT-4", "pages: [costs.md#compute]\n  what:\n    hi: GPT-4",
                                        ["changes.yml", "entry 'gpt4-cost'", "field 'pages'", "costs.md"]),
    "a change of a heading there is not": ("data/changes.yml", "pages: [reasons.md#compute]\n  what:\n    hi: GPT-4", "pages: [reasons.md#costs]\n  what:\n    hi: GPT-4",
                                           ["changes.yml", "entry 'gpt4-cost'", "field 'pages'", "reasons.md#costs"]),
    "a correction that names no source": ("data/changes.yml", "    en: None of the sources of that paragraph gives the figure.\n  refs: [36kr]\n",
                                          "    en: None of the sources of that paragraph gives the figure.\n",
                                          ["changes.yml", "entry 'gpt4-cost'", "field 'refs'", "correction"]),
    "a change of an unknown kind": ("data/changes.yml", "id: gpt4-cost\n  date: \"2026-12-03\"\n  kind: correction", "id: gpt4-cost\n  date: \"2026-12-03\"\n  kind: fix",
                                    ["changes.yml", "entry 'gpt4-cost'", "field 'kind'", "'fix'"]),
    "markup in a change": ("data/changes.yml", "    en: None of the sources of that paragraph gives the figure.", "    en: <script>alert(1)</script>",
                           ["changes.yml", "entry 'gpt4-cost'", "field 'why.en'", "raw HTML"]),
    # ---- the words of the sources, in notes.yml and facts.yml ----
    "a quote from a source the note does not cite": ("data/notes.yml", "    - ref: techreport\n      quote: 01.AI is raising",
                                                     "    - ref: tomshardware\n      quote: 01.AI is raising",
                                                     ["notes.yml", "entry 'funding'", "field 'evidence[1].ref'", "'tomshardware' is not a source"]),
    "a quote without its language": ("data/notes.yml", "new funding round.\n      lang: en\n", "new funding round.\n",
                                     ["notes.yml", "entry 'funding'", "field 'evidence[1].lang'"]),
    "a quote in no language there is": ("data/notes.yml", "new funding round.\n      lang: en\n", "new funding round.\n      lang: english\n",
                                        ["notes.yml", "entry 'funding'", "field 'evidence[1].lang'", "'english'"]),
    "a quote of more than forty words": ("data/notes.yml", "quote: 01.AI is raising $200 million in a new funding round.",
                                         "quote: " + "01.AI is raising $200 million in a new funding round. " * 5,
                                         ["notes.yml", "entry 'funding'", "field 'evidence[1].quote'", "at most 40"]),
    "a translation into the quote's own language": ("data/notes.yml", "        hi: 01.AI एक नए फ़ंडिंग दौर में $200 मिलियन जुटा रही है।\n", "        en: x\n",
                                        ["notes.yml", "entry 'funding'", "field 'evidence[1].translation.en'", "not needed"]),
    "a Chinese quote with one translation only": ("data/facts.yml", "        en: 01.AI went live last July\n", "",
                                                  ["facts.yml", "entry 'founding'", "field 'evidence[5].translation.en'", "missing translation"]),
    "a note without the words of its sources": ("data/notes.yml", "  evidence:\n    - ref: techreport\n      quote: 01.AI is raising $200 million in a new funding round.\n      lang: en\n      translation:\n        hi: 01.AI एक नए फ़ंडिंग दौर में $200 मिलियन जुटा रही है।\n", "",
                                                ["notes.yml", "entry 'funding'", "field 'evidence'", "quote at least one"]),
    "an unread source that is quoted too": ("data/facts.yml", "    - ref: yicai\n      unread: true\n", "    - ref: yicai\n      unread: true\n      quote: x\n",
                                            ["facts.yml", "entry 'revenue'", "field 'evidence[1].quote'", "unknown field"]),
    "a citation in a fact's label": ("data/facts.yml", "en: Founded", 'en: "Founded [@techcrunch]"',
                                     ["facts.yml", "entry 'founding'", "field 'label.en'", "cite"]),
}


@pytest.mark.parametrize("case", CASES)
def test_a_bad_edit_is_one_clear_error(project, case):
    file, old, new, parts = CASES[case]
    edit(project / file, old, new)
    with pytest.raises(PluginError) as stopped:
        load(project)
    message = str(stopped.value)
    assert "\n" not in message
    for part in parts:
        assert part in message, f"{part!r} not in: {message}"


def test_a_page_that_is_not_utf8_is_named(project):
    page = project / "docs" / "outlook.en.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("utf-16"))
    with pytest.raises(PluginError) as stopped:
        load(project)
    assert str(stopped.value).startswith(f"{page}: not UTF-8"), stopped.value


def test_heading_ids_are_compared_in_every_language(project):
    """With a third language, its pages' heading ids are checked against the default's too."""
    pages = hook("pages")
    for path in sorted((project / "docs").glob("*.en.md")):
        (path.with_name(path.name.replace(".en.md", ".fr.md"))).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    edit(project / "docs" / "reasons.fr.md", "{ #competition }", "{ #rivals }")
    titles = {**SETTINGS.nav_titles, "fr": SETTINGS.nav_titles["en"]}
    docs = pages.read_docs(project / "docs", (*SETTINGS.languages, "fr"), reading.Reader(SETTINGS.extensions), titles)
    with pytest.raises(PluginError, match=r"reasons\.fr\.md: heading ids .*rivals"):
        pages.check(docs, records.GROUPS)


@pytest.mark.parametrize("name, lang", [("extra.en.md", "hi"), ("extra.md", "en")])
def test_a_page_in_one_language_only_is_one_clear_error(project, name, lang):
    (project / "docs" / name).write_text("# Extra { #extra }\n", encoding="utf-8")
    with pytest.raises(PluginError, match=rf"docs/{name}: has no {lang} version"):
        load(project)


def test_a_data_file_over_the_size_limit_is_refused(project):
    with open(project / "data" / "notes.yml", "a", encoding="utf-8") as file:
        file.write("#" * 1_000_001)
    with pytest.raises(PluginError, match=r"notes.yml: larger than 1 MB"):
        load(project)


def test_a_page_not_in_the_navigation_is_one_clear_error(project):
    """A new page that MkDocs would build but leave out of the navigation (which --strict reports
    only once site/ is emptied): refused before."""
    for name in ("extra.md", "extra.en.md"):
        (project / "docs" / name).write_text("Some words.\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/extra(\.en)?\.md: is not in the navigation"):
        load(project)


def test_what_markdown_reads_as_code_or_text_is_no_markup(project):
    """Raw HTML, an attribute list or a citation inside code is code, as Python-Markdown reads
    it: a code span, a ~~~ fence, an indented block."""
    edit(project / "docs/outlook.en.md", "By mid-2025,",
         "Write `<br>` or `{: .x }` or `[@nope]` as code.\n\n~~~\n<div>[@nope]</div>\n~~~\n\n    <b>{: .y }</b>\n\nBy mid-2025,")
    docs = load(project).docs
    assert [heading.id for heading in docs("outlook.md", "en").reading.headings] == ["outlook"]


def test_a_byte_order_mark_is_left_out_as_mkdocs_leaves_it_out(project, caplog):
    page = project / "docs" / "outlook.en.md"
    page.write_bytes("\ufeff".encode() + page.read_bytes())
    with caplog.at_level(logging.INFO):
        assert load(project).docs("outlook.md", "en").is_article
    assert "outlook.en.md: begins with a byte-order mark" in caplog.text
    edit(page, "schema_type: Article", "schema_type: Article\nkeywords: x")
    with pytest.raises(PluginError, match=r"outlook\.en\.md: front matter 'keywords'"):
        load(project)


def test_a_year_may_be_written_unquoted(project):
    edit(project / "data/facts.yml", 'date: "2024"\n  precision: year', "date: 2024\n  precision: year")
    assert load(project).facts["revenue"].date.iso == "2024"


def test_a_search_term_or_name_only_in_a_data_file_s_comment_is_not_on_the_site(project):
    edit(project / "data/timeline.yml", "# Dated events,", "# Zzyzx Qqwerty, Dated events,")
    for file, old, new, field in [("search-terms.yml", "- [DeepSeek, डीपसीक]", "- [Zzyzx, ज़ाइज़िक्स]", "spellings"),
                                  ("names.yml", "- Zhipu AI", "- Zzyzx Qqwerty", "name")]:
        copy = (project / "data" / file).read_text(encoding="utf-8")
        edit(project / "data" / file, old, new)
        with pytest.raises(PluginError, match=rf"{file}: entry #\d+ \('Zzyzx.*field '{field}'.*(occurs|occur) on the site"):
            load(project)
        (project / "data" / file).write_text(copy, encoding="utf-8")


def test_a_publisher_with_markdown_in_its_name_is_named_as_written(project):
    edit(project / "data/references.yml", "publisher: KrASIA", "publisher: 'Kr _Asia_ *x* `y` [z] & < q \"r\"'")
    tree = render(project, "reasons.md", "en")
    links = [link for link in tree.cssselect("a.cite__link") if link.get("href").endswith("#ref-kr-asia")]
    assert links and all(link.get("aria-label") == 'Source 1: Kr _Asia_ *x* `y` [z] & < q "r"' for link in links)
    assert "{:" not in tree.text_content()


def test_a_citation_above_a_page_s_first_heading_is_the_page_s_own(project):
    edit(project / "docs/index.en.md", "## At a glance", "A cited sentence. [@wikipedia]\n\n## At a glance")
    entry = render(project, "references.md", "en").get_element_by_id("ref-wikipedia")
    assert [(link.text_content(), link.get("href")) for link in entry.cssselect(".references__cited a")] == [("Home", "index.md")]


def test_there_are_enough_cases():
    assert len(CASES) >= 30


# ---- end to end ----

@pytest.mark.parametrize("case", ["duplicate key", "script in a title", "headings that differ between languages"])
def test_a_bad_edit_stops_the_build_and_leaves_the_old_site_alone(project, case):
    file, old, new, parts = CASES[case]
    site = project / "site"
    site.mkdir()
    (site / "marker.html").write_text("the site as it was", encoding="utf-8")
    edit(project / file, old, new)
    result = build(site, project)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0, "the build should have failed"
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    assert all(part in errors[0] for part in parts), errors[0]
    assert [path.name for path in site.iterdir()] == ["marker.html"]


def structure(html: str) -> collections.Counter:
    """The elements and attribute names of a page: what markup it has, whatever its text."""
    tree = lxml.html.fromstring(html)
    return collections.Counter((el.tag, tuple(sorted(el.attrib))) for el in tree.iter() if isinstance(el.tag, str))


def test_hostile_text_that_is_allowed_stays_text(project, pages):
    """Markdown and HTML look-alikes in data and front matter: the pages keep exactly the
    structure they have with the real data; only their words change."""
    edit(project / "data/timeline.yml", "en: Yi-Large launched", 'en: "Yi-Large {: #evil onclick=alert(1) } &lt;script&gt; # !!! x"')
    edit(project / "data/facts.yml", "en: Kai-Fu Lee [@techcrunch]", 'en: "Kai-Fu Lee a < b > c * _ | !!! x : y [@techcrunch]"')
    edit(project / "data/references.yml", "publisher: arXiv (2403.04652)", 'publisher: arXiv "2403.04652')
    edit(project / "data/references.yml", 'title: "Yi: Open Foundation Models by 01.AI"', "title: 'Yi\") \" onmouseover=alert(1) x'")
    edit(project / "data/notes.yml", "We found no source for funding of that size.", "We found no source for funding of that size {: .x }.")
    edit(project / "docs/reasons.en.md", 'description: "Yi-34B', "description: \"\\\"><script>alert(1)</script> Yi-34B")
    edit(project / "docs/index.en.md", "lede: >-\n  In 2023,", "lede: >-\n  <script>alert(1)</script> In 2023,")
    site = project / "site"
    result = build(site, project)
    assert result.returncode == 0, result.stderr
    expected = {(p.lang, p.slug): structure(p.html) for p in pages}
    for lang, prefix in LANGUAGES.items():
        for slug in SLUGS:
            html = (site / prefix / slug / "index.html").read_text(encoding="utf-8")
            assert structure(html) == expected[(lang, slug)], f"/{prefix}{slug}"
            assert "<script>alert(1)" not in html
    timeline = (site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "Yi-Large {: #evil onclick=alert(1) } &amp;lt;script&amp;gt; # !!! x" in timeline


def test_a_date_edited_in_data_changes_on_both_timelines_after_one_build(project):
    edit(project / "data" / "timeline.yml", 'date: "2024-05-13"', 'date: "2024-05-14"')
    site = project / "site"
    assert build(site, project).returncode == 0
    for prefix, label in [("", "14 मई 2024"), ("en/", "14 May 2024")]:
        html = (site / prefix / "timeline" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<time datetime="2024-05-14" itemprop="startDate">{label}</time>', html), prefix
        assert "2024-05-13" not in html


def test_a_note_s_anchor_is_looked_for_in_what_markdown_reads_as_text():
    """A setext heading or a '#word' line is a heading, a comment is no text, and a paragraph that
    opens with an allowed tag is a paragraph: as Markdown reads each, not as a regex would."""
    pages = hook("pages")
    paragraphs = ["The title words { #t }\n===============", "#The title words { #u }", "<!-- title words -->",
                  '<span lang="zh">万智</span> and title words.']
    assert pages.holding(paragraphs, "title words", reading.Reader(SETTINGS.extensions)) == [3]
