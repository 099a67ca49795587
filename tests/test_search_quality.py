"""Search finds what Hindi and English readers type: the search-quality set (search-quality.yml).

Each query comes with where its top result must land: a page, or a section where it matters;
where two places answer a query equally well, either. The set covers nukta typed or left out,
chandrabindu and anusvara, English plurals written in Devanagari, names typed in the other
script (data/search-terms.yml), short words that must match whole words, inflected forms, plain
queries, Hindi typed in Latin letters, misspellings, the ranking of the article before the
lists, English words written in Devanagari, English typed on the Hindi site, vowel signs written
another way, questions, and the little words of both languages. ./dev bench reports hit@1 and
hit@3 on the same set for stock Material.
"""

from __future__ import annotations

import pytest
from conftest import LANGUAGES, site_base

from tools.searchquality import answers, cases, lands_first

CASES = cases()


def expected_paths(case) -> list[str]:
    return [site_base() + LANGUAGES[case.lang] + target for target in case.expect]


@pytest.fixture(scope="module")
def results(browser, server) -> dict[tuple[str, str], list[list[str]]]:
    found = {}
    for lang, prefix in LANGUAGES.items():
        queries = [case.query for case in CASES if case.lang == lang]
        for query, result in zip(queries, answers(browser, server.url + prefix, queries), strict=True):
            found[lang, query] = result
    return found


def test_the_set_covers_both_languages_and_enough_queries():
    assert len(CASES) >= 40
    assert {case.lang for case in CASES} == set(LANGUAGES)
    assert len({(case.lang, case.query) for case in CASES}) == len(CASES)
    latin = [case for case in CASES if case.group == "latin"]
    assert len(latin) >= 30 and all(case.lang == "hi" and case.query.isascii() for case in latin)
    assert len([case for case in CASES if case.group == "typos"]) >= 20
    readers = [case for case in CASES if case.group in {"loanwords", "english", "vowels", "questions", "stopwords"}]
    assert len(readers) >= 40 and all(sum(case.group == group for case in readers) >= 8 for group in {case.group for case in readers})
    assert all(case.lang == "hi" and case.query.isascii() for case in CASES if case.group == "english")
    assert all(not case.query.isascii() for case in CASES if case.group in {"loanwords", "vowels"})
    assert {case.group for case in CASES} == {"spelling", "names", "words", "latin", "typos", "ranking",
                                              "loanwords", "english", "vowels", "questions", "stopwords"}


@pytest.mark.parametrize("case", CASES, ids=[f"{case.lang}:{case.query}" for case in CASES])
def test_the_top_result_lands_where_the_reader_wants(results, case):
    result = results[case.lang, case.query]
    assert lands_first(result, expected_paths(case), 1), \
        f"{case.query!r} ({case.why}): top results {[group[0] for group in result[:3]]}"
