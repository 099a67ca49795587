"""The language of parts (WCAG 3.1.2): on every page, each run of Chinese characters is inside an
element marked as Chinese; on an English page each run of Devanagari inside one marked as Hindi;
and on a Hindi page each run of three or more words in Latin letters
inside an element marked with its language, unless it is a name (data/names.yml, the names of
data/search-terms.yml, the publishers of data/references.yml). Code is not prose, and is left out."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
DEVANAGARI = re.compile(r"[\u0900-\u097f]+(?:[\s-]+[\u0900-\u097f]+)*")
LATIN_RUN = re.compile(r"[A-Za-z][\w'’.-]*(?:[ ,:;]+[A-Za-z0-9][\w'’.-]*){2,}")
LATIN_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def data(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def names() -> list[str]:
    found = data("names.yml") + [spelling for entry in data("search-terms.yml") for spelling in entry]
    found += [re.sub(r"\s*\(.*?\)", "", ref["publisher"]) for ref in data("references.yml")]
    return sorted(set(found), key=len, reverse=True)


def language(element) -> str:
    while element is not None:
        if element.get("lang"):
            return element.get("lang")
        element = element.getparent()
    return ""


def unmarked(page, allowed: list[str]) -> list[str]:
    """The runs of text on the page that a screen reader would read in the wrong language."""
    found = []
    for element in page.tree.find("body").iter():
        if not isinstance(element.tag, str) or element.tag in ("script", "style", "code", "pre"):
            continue
        for text in [element.text, *(child.tail for child in element)]:
            if not text:
                continue
            lang = language(element)
            found += [f"Chinese {run!r} in lang={lang!r}" for run in HAN.findall(text) if not lang.startswith("zh")]
            if lang.startswith("en"):
                found += [f"Hindi {run!r} in lang={lang!r}" for run in DEVANAGARI.findall(text)]
            if lang.startswith("hi"):
                for run in LATIN_RUN.findall(text):
                    rest = run
                    for name in allowed:
                        rest = rest.replace(name, " ")
                    if len(LATIN_WORD.findall(rest)) >= 3:
                        found.append(f"Latin {run!r} in lang={lang!r}")
    return found


def test_every_run_of_another_language_is_marked_with_it(pages):
    allowed = names()
    problems = [f"/{page.url}: {problem}" for page in pages for problem in unmarked(page, allowed)]
    assert not problems, "\n".join(problems)


def test_the_check_finds_an_unmarked_run(pages):
    """The check itself: a Chinese word and an English phrase put into a Hindi page unmarked."""
    import lxml.html
    page = next(page for page in pages if page.lang == "hi" and page.slug == "reasons/")
    tree = page.tree
    paragraph = tree.cssselect("article p")[1]
    paragraph.append(lxml.html.fromstring("<span>万智 and a few English words here</span>"))
    spoiled = type(page)(page.lang, page.slug, page.path, lxml.html.tostring(tree, encoding="unicode"))
    assert {problem.split(" ")[0] for problem in unmarked(spoiled, names())} == {"Chinese", "Latin"}
