"""One word splitter for the build and the reader's search: site_build/words.py (which checks
data/search-terms.yml) and assets/javascripts/words.js (which the search worker and the page's
marking use) split every text the same way."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from conftest import edit, hook
from mkdocs.exceptions import PluginError
from search_node import Worker
from test_bad_input import load

words = hook("words")

# text: its words
CASES = {
    "Kai-Fu Lee": ["Kai", "Fu", "Lee"],
    "Deep_Seek": ["Deep", "Seek"],
    "01.AI": ["01", "AI"],
    "Yi‑34B": ["Yi", "34B"],  # a non-breaking hyphen
    "निर्यात-प्रतिबंध।": ["निर्यात", "प्रतिबंध"],
    "काई-फू ली": ["काई", "फू", "ली"],
    "क\u093cर्ज\u093c": ["क\u093cर्ज\u093c"],  # nukta as a combining mark: one word
    "२०२३ 2023": ["२०२३", "2023"],
    "万智 (Wanzhi)": ["万智", "Wanzhi"],
    "e\u0301t\u00e9": ["e\u0301t\u00e9"],
    "a\u200db\u200cc": ["a", "b", "c"],  # joiners are no letters
    "🙂x<b>&amp;": ["x", "b", "amp"],
    "½ Ⅻ": ["½", "Ⅻ"],
    "tab\tnew\nline\x00end": ["tab", "new", "line", "end"],
}


@pytest.fixture(scope="module")
def worker(site):
    with Worker(site, "hi") as running:
        yield running


@pytest.mark.parametrize("text", CASES)
def test_python_and_the_browser_split_each_case_alike(worker, text):
    assert words.split(text) == CASES[text]
    assert worker.split(text) == CASES[text]


def test_python_and_the_browser_agree_on_every_character_python_knows(worker):
    known = [chr(code) for code in range(sys.maxunicode + 1)
             if unicodedata.category(chr(code)) not in ("Cn", "Cs")]
    text = " ".join(known)
    assert len(known) > 140_000
    assert worker.split(text) == words.split(text)


def test_a_term_that_search_splits_into_more_words_stops_the_build(project):
    edit(project / "data" / "search-terms.yml", "- [DeepSeek, डीपसीक]", "- [Deep_Seek, DeepSeek]")
    with pytest.raises(PluginError) as stopped:
        load(project)
    message = str(stopped.value)
    for part in ["search-terms.yml", "entry #1 ('Deep_Seek')", "field 'spellings'", "number of words"]:
        assert part in message, message
