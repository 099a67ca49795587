"""The site's own text follows CONTRIBUTING.md where a machine can tell; the author's text is left out."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

ARTICLE_PAGES = ["background", "reasons", "outlook"]  # the author's Hindi paragraphs
# Written otherwise in the site's own Hindi (pattern -> what CONTRIBUTING.md asks for).
HINDI = {
    "हिन्दी": "हिंदी", "अनुवादित": "अनूदित", "करोड़": "मिलियन", "लाख": "मिलियन", "प्री-ट्रेंड": "प्री-ट्रेन्ड",
    "जांच": "जाँच", "कहां": "कहाँ", "पांच": "पाँच", "आंकड़": "आँकड़", "संभावनाएं": "संभावनाएँ",
    "फर्म": "फ़र्म", "फाइल": "फ़ाइल", "फंडिंग": "फ़ंडिंग", "खबर": "ख़बर", "खरीद": "ख़रीद", "कर्ज": "क़र्ज़",
    "गलत": "ग़लत", "जरूर": "ज़रूर", "अंग्रेजी": "अंग्रेज़ी", "तारीख(?!\u093c)": "तारीख़",
    "दस्तावेज(?!\u093c)": "दस्तावेज़", "एंटरप्राइज(?!\u093c)": "एंटरप्राइज़", "लिखे रूप में": "जिस रूप में लिखा गया है",
    "LLaMA की आर्किटेक्चर": "LLaMA के आर्किटेक्चर", "विश्वसनीयता\\)": "निश्चितता",
}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ENGLISH = {
    '"': "curly quotes “ ”", rf"\b({MONTHS}) \d{{1,2}}\b": "day before month (19 March 2023)",
    r"\b\d+(st|nd|rd|th)\b": "no ordinals in dates", r"\b\w{4,}iz(e|es|ed|ing|ation)\b": "British -ise spelling",
}


def body(path) -> tuple[dict, str]:
    """A page's front matter and its text without front matter, HTML tags and attribute lists."""
    _, meta, text = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), re.sub(r"<[^>]+>|\{[^}]*\}", "", text)


def data_texts(lang: str, *, anchors: bool):
    for name in ["timeline", "notes"]:
        for entry in yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8")):
            for field in ["title", "text", "support"] + (["anchor"] if anchors else []):
                if field in entry:
                    yield f"data/{name}.yml {entry['id']}.{field}.{lang}", entry[field][lang]


def own_texts(lang: str):
    """(where, text) for the site's own text in one language."""
    suffix = ".md" if lang == "hi" else ".en.md"
    for path in sorted((ROOT / "docs").glob(f"*{suffix}")):
        if lang == "hi" and path.name.count(".") > 1:
            continue
        meta, text = body(path)
        for key in ("description", "lede"):
            if key in meta:
                yield f"{path.name} {key}", meta[key]
        if lang == "en" or path.stem not in ARTICLE_PAGES:
            yield path.name, text.replace("ओपन-सोर्ट्स", "")  # the about page names the typo it corrected
    # The author's Hindi is quoted by the notes' Hindi anchors; the English ones are the site's.
    yield from data_texts(lang, anchors=lang == "en")
    if lang == "hi":
        yield "mkdocs.yml", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        for path in sorted((ROOT / "overrides").rglob("*.html")):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, rules", [("hi", HINDI), ("en", ENGLISH)])
def test_the_sites_own_text_follows_the_style_sheet(lang, rules):
    problems = [f"{where}: {match.group(0)!r} (write: {advice})"
                for where, text in own_texts(lang) for pattern, advice in rules.items()
                for match in re.finditer(pattern, text)]
    assert not problems, "\n".join(problems)


def test_the_style_check_reads_what_it_should():
    wheres = [where for where, _ in own_texts("hi")]
    assert "about.md" in wheres and "reasons.md description" in wheres and "reasons.md" not in wheres
    assert "data/notes.yml gpu-debt.text.hi" in wheres and "data/notes.yml gpu-debt.anchor.hi" not in wheres
    assert "reasons.en.md" in [where for where, _ in own_texts("en")]
    assert re.search("तारीख(?!\u093c)", "तारीखें") and not re.search("तारीख(?!\u093c)", "तारीख़ें")
