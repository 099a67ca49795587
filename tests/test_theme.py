"""What the site takes from Material's installed theme: its hashed file names and its configuration keys."""

from __future__ import annotations

import json
import re
from pathlib import Path

import material
import pytest
from conftest import ROOT, hook
from mkdocs.exceptions import PluginError

THEME = Path(material.__file__).parent / "templates"


def keys(config: dict, prefix: str = "") -> set[str]:
    found = set()
    for key, value in config.items():
        found.add(prefix + key)
        if isinstance(value, dict) and key == "translations":
            found |= keys(value, prefix + key + ".")
    return found


def test_the_config_we_write_has_exactly_the_keys_of_materials(page):
    block = re.search(r"{% block config %}(.*?){% endblock %}", (THEME / "base.html").read_text(encoding="utf-8"), re.S).group(1)
    materials = {key for key in re.findall(r'"([\w.]+)":', block)}
    translations = set(re.findall(r'"([\w.]+)": lang\.t', block))
    expected = {f"translations.{key}" if key in translations else key for key in materials}
    for lang in ("hi", "en"):
        (script,) = page(lang, "reasons/").tree.xpath("//script[@id='__config']")
        assert keys(json.loads(script.text)) == expected, "Material's __config changed: update main.html's config block"


def test_materials_hashed_files_are_found_and_used(page):
    bundle = hook("material").material_bundle([str(ROOT / "overrides"), str(THEME)])
    assert re.fullmatch(r"assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js", bundle)
    assert bundle in page("en", "reasons/").html


@pytest.mark.parametrize("bundles", [[], ["bundle.aaaaaaaa.min.js", "bundle.bbbbbbbb.min.js"]])
def test_a_theme_without_exactly_one_bundle_stops_the_build(tmp_path, bundles):
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    for name in bundles:
        (scripts / name).write_text("", encoding="utf-8")
    with pytest.raises(PluginError, match=r"expected exactly one assets/javascripts/bundle\.\*\.min\.js, found " + str(len(bundles))):
        hook("material").material_bundle([str(tmp_path)])


def test_the_themes_hindi_is_the_sites(pages):
    """Material's Hindi, as partials/languages/hi.html corrects it: "अगला" for Next, a skip link
    that says where it goes, one word for the results counted."""
    home, reasons = (next(page for page in pages if page.lang == "hi" and page.slug == slug) for slug in ("", "reasons/"))
    assert " ".join(home.tree.cssselect("a.md-skip")[0].text_content().split()) == "मुख्य सामग्री पर जाएँ"
    assert "अगला" in reasons.tree.cssselect(".md-footer__link--next")[0].text_content()
    config = json.loads(home.tree.get_element_by_id("__config").text)
    counts = [config["translations"][f"search.result.{key}"] for key in ("none", "one", "other")]
    assert counts == ["कोई नतीजा नहीं", "1 नतीजा", "# नतीजे"]


def test_the_language_menu_marks_the_pages_own_language(pages):
    for page in pages:
        marked = [(a.get("hreflang"), a.get("aria-current")) for a in page.tree.cssselect("a.md-select__link[aria-current]")]
        assert marked == [(page.lang, "true")], page.url
