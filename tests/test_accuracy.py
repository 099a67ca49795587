"""The second fact-check: each of its findings, on the pages a reader gets, in both languages, and
the words of the sources in every editor's note (in the note, in the JSON download)."""

from __future__ import annotations

import json

import pytest
import yaml
from conftest import LANGUAGES, ROOT

DATA = ROOT / "data"
NOTES = yaml.safe_load((DATA / "notes.yml").read_text(encoding="utf-8"))
FACTS = {fact["id"]: fact for fact in yaml.safe_load((DATA / "facts.yml").read_text(encoding="utf-8"))}
REFERENCES = {ref["id"]: ref for ref in yaml.safe_load((DATA / "references.yml").read_text(encoding="utf-8"))}


def words(element) -> str:
    return " ".join(element.text_content().split())


def event(page, lang: str, id: str) -> str:
    return words(page(lang, "timeline/").tree.get_element_by_id(id).getparent())


def fact_row(page, lang: str, label: str) -> str:
    box = page(lang, "").article.cssselect(".facts dl")[0]
    terms = [term for term in box.cssselect("dt") if words(term).startswith(label)]
    return words(terms[0].getnext())


def test_1_the_six_s_race_to_list_is_36kr_s_words_and_unconfirmed_talk(page):
    for lang, quoted, hedge in [("en", "“a quiet race to go public has emerged”", "unconfirmed"),
                                ("hi", "“एक ख़ामोश दौड़”", "अपुष्ट")]:
        for text in (words(page(lang, "outlook/").article.cssselect(".since")[0]), event(page, lang, "six-tigers-race")):
            assert quoted in text and hedge in text and "Zhipu" in text and "MiniMax" in text
            assert "the six race to list" not in text and "ये छह शेयर बाज़ार में सूचीबद्ध होने की दौड़ में हैं" not in text


def test_2_langcrew_and_open_agentkit_are_dated_as_their_sources_date_them(page):
    for lang, tool, agentkit in [("en", "an open-source agent tool, LangCrew (August 2025)", "since October 2025"),
                                 ("hi", "एक ओपन-सोर्स एजेंट टूल, LangCrew (अगस्त 2025)", "अक्टूबर 2025 से")]:
        products = fact_row(page, lang, {"en": "Latest known work", "hi": "अब तक का आख़िरी ज्ञात काम"}[lang])
        assert tool in products and agentkit in products and "Open AgentKit (" not in products
        assert {"en": "15 August 2025", "hi": "15 अगस्त 2025"}[lang] in event(page, lang, "langcrew")
        assert {"en": "31 October 2025", "hi": "31 अक्टूबर 2025"}[lang] in event(page, lang, "langcrew")
    assert "tools" not in fact_row(page, "en", "Status") and "टूल्स" not in fact_row(page, "hi", "स्थिति")
    assert "एजेंट टूल, LangCrew" in fact_row(page, "hi", "स्थिति")
    for lang, first, since in [("en", "a commit of 15 August 2025", "Since 31 October 2025"),
                               ("hi", "15 अगस्त 2025 के एक कमिट", "31 अक्टूबर 2025 से")]:
        text = words(page(lang, "outlook/").article.cssselect(".since")[0])
        assert first in text and since in text and "LangCrew and Open AgentKit (August 2025)" not in text


def test_3_no_new_funding_since_march_2025_which_the_search_covered(page):
    assert "since March 2025" in fact_row(page, "en", "Status") and "since 2023" not in fact_row(page, "en", "Status")
    assert "मार्च 2025 के बाद" in fact_row(page, "hi", "स्थिति") and "2023 के बाद" not in fact_row(page, "hi", "स्थिति")


def test_4_minimax_was_due_to_list_on_9_january_as_the_report_of_8_january_says(page):
    for lang, due in [("en", "MiniMax was due to list the next day"), ("hi", "MiniMax को अगले दिन सूचीबद्ध होना था")]:
        assert due in words(page(lang, "outlook/").article.cssselect(".since")[0])
        listing = page(lang, "timeline/").tree.get_element_by_id("hong-kong-listings").getparent()
        assert [time.get("datetime") for time in listing.cssselect("time")] == ["2026-01-08"]
    assert "MiniMax on 9 January" not in event(page, "en", "hong-kong-listings")


def test_5_the_leaderboard_quote_is_techreport_s_reporting_reuters(page):
    for lang, attribution in [("en", "TechReport, reporting Reuters, wrote"), ("hi", "Reuters की ख़बर देते हुए TechReport ने लिखा")]:
        text = words(page(lang, "background/").article)
        assert attribution in text and "Reuters wrote that" not in text and "Reuters के अनुसार Yi-34B" not in text


def test_6_it_was_lee_who_told_bloomberg_of_the_stockpile(page):
    for lang, title, told in [("en", "Kai-Fu Lee discloses a GPU stockpile", "Kai-Fu Lee told Bloomberg"),
                              ("hi", "काई-फू ली ने GPU भंडार का खुलासा किया", "काई-फू ली ने Bloomberg को")]:
        assert title in event(page, lang, "gpu-stockpile") and told in event(page, lang, "gpu-stockpile")
    assert "01.AI told Bloomberg" not in event(page, "en", "gpu-stockpile")


def test_7_the_incubation_is_reuters_account_and_cyzone_says_only_july(page):
    founded = fact_row(page, "en", "Founded")
    assert "Reuters (December 2023) and Cyzone" not in founded and "Cyzone says only that the company went live in July" in founded
    assert "Cyzone केवल इतना कहता है" in fact_row(page, "hi", "स्थापना")


def test_8_the_gpt_4_figure_has_a_note_saying_the_cited_sources_do_not_give_it(page):
    for lang, claim in [("en", "the $80–100 million OpenAI is estimated to have spent on GPT-4"),
                        ("hi", "OpenAI द्वारा GPT-4 के लिए अनुमानित $80-100 मिलियन")]:
        compute = page(lang, "reasons/").tree.get_element_by_id("compute")
        notes = [words(box) for box in compute.itersiblings() if "editor" in box.get("class", "")][:1]
        assert notes and f"“{claim}”" in notes[0]


def test_9_the_36kr_source_is_shown_with_its_own_title(page):
    for lang in LANGUAGES:
        entry = words(page(lang, "references/").tree.get_element_by_id("ref-36kr"))
        assert "Li Kaifu responds to giving up pre-training" in entry and "[" not in entry.split(":")[1]


def test_10_the_staff_and_profit_note_gives_the_latest_annual_revenue_and_the_projection(page):
    note = words(page("en", "outlook/").tree.get_element_by_id("claim-staff-and-profit").getparent())
    assert "The latest revenue figure that we found" not in note
    assert "The latest annual revenue reported" in note and "Lee's projection" in note
    note = words(page("hi", "outlook/").tree.get_element_by_id("claim-staff-and-profit").getparent())
    assert "सबसे नया बताया गया सालाना राजस्व" in note and "ली का यह अनुमान" in note


YI_README = "https://github.com/01-ai/Yi/blob/f73194cc16e82df438bc01240b8e4b622209f3eb/README.md"  # facts.md


def test_the_yi_readme_is_cited_at_the_commit_facts_md_pins(page):
    """The README's own words (the leaderboard note, the open weights, the public launch) are
    cited at the repository's last commit; the unpinned repository only for its history."""
    for lang in LANGUAGES:
        entry = page(lang, "references/").tree.get_element_by_id("ref-yi-readme")
        assert YI_README in [a.get("href") for a in entry.cssselect("a")]
        note = page(lang, "background/").tree.get_element_by_id("claim-leaderboard").getparent()
        assert "ref-yi-readme" in [a.get("href").split("#")[-1] for a in note.cssselect("sup.cite a")]
        for id in ("yi-open-weights", "public-launch", "yi-chat"):
            cited = page(lang, "timeline/").tree.get_element_by_id(id).getparent().cssselect("sup.cite a")
            assert "ref-yi-readme" in [a.get("href").split("#")[-1] for a in cited], id


def test_11_above_1_billion_is_china_money_network_s_and_hedged(page):
    for lang, phrase in [("en", "according to media reports"), ("hi", "मीडिया रिपोर्टों के अनुसार")]:
        since = page(lang, "outlook/").article.cssselect(".since")[0]
        last = since.cssselect("p")[-1]
        assert phrase in words(last)
        cited = [a.get("href").split("#")[1] for a in last.cssselect("sup.cite a")]
        assert "ref-chinamoneynetwork" in cited and "ref-techcrunch" not in cited


def test_the_hindi_three_months_quotes_lee_as_the_english_does(page):
    text = event(page, "hi", "three-months")
    assert "“कुछ मुख्य तकनीकों में शायद तीन महीने”" in text and "लगभग तीन महीने" not in text


def evidence_of(note: dict) -> list[dict]:
    return note.get("evidence", []) + (FACTS[note["fact"]].get("evidence", []) if "fact" in note else [])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_note_shows_the_words_of_its_sources_with_their_address_and_language(page, lang):
    for note in NOTES:
        point = page(lang, note["page"].replace(".md", "/")).tree.get_element_by_id(f"claim-{note['id']}").getparent()
        while point.tag != "li" and "editor" not in point.get("class", ""):
            point = point.getparent()
        items = point.cssselect(".evidence__item")
        expected = evidence_of(note)
        assert len(items) == len(expected) and any("quote" in item for item in expected), note["id"]
        for shown, item in zip(items, expected, strict=True):
            assert shown.get("data-ref") == item["ref"]
            if item.get("unread"):
                assert "evidence__item--unread" in shown.get("class")
                continue
            (quote,) = shown.cssselect("blockquote")
            assert quote.get("cite") == REFERENCES[item["ref"]]["url"] and quote.get("cite").startswith("https://")
            assert quote.get("lang") == item["lang"] and words(quote) == " ".join(item["quote"].split())
            caption = words(shown.cssselect("figcaption")[0])
            if item["lang"] != lang:
                assert " ".join(item["translation"][lang].split()) in caption, note["id"]
            else:
                assert "“" not in caption


def test_the_notes_and_their_sources_words_are_a_json_download(site):
    download = json.loads((site / "data" / "notes.json").read_text(encoding="utf-8"))
    assert [note["id"] for note in download["notes"]] == [note["id"] for note in NOTES]
    for note, data in zip(download["notes"], NOTES, strict=True):
        assert note["evidence"] and all(item["url"] == REFERENCES[item["source"]]["url"] for item in note["evidence"])
        assert [item.get("quote") for item in note["evidence"]] == [item.get("quote") for item in evidence_of(data)]
        assert all(item["language"] and item["translation"] for item in note["evidence"] if "quote" in item)
