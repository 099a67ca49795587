"""How the site splits text into words: as search does, in the reader's browser
(assets/javascripts/words.js, `WORD`), a word is a run of letters, combining marks and digits
(Unicode's categories L, M and N), so that "Kai-Fu Lee" is three words and "Deep_Seek" two.
tests/test_words.py holds the two readings equal, for every character Python's Unicode knows."""

from __future__ import annotations

import itertools
import unicodedata


def is_word_character(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def split(text: str) -> list[str]:
    """The words of a text, in order."""
    return ["".join(run) for inside, run in itertools.groupby(text, is_word_character) if inside]
