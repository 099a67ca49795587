"""The site's stylesheets as readers get them (site_build/styles.py): every rule of the source,
none of its comments; site.css's at the end of page.css, after Material's."""

from __future__ import annotations

import pytest
import tinycss2
from conftest import ROOT

SHEETS = {"assets/stylesheets/site.css": "assets/stylesheets/page.css",
          "assets/stylesheets/print.css": "assets/stylesheets/print.css"}


def rules(css: str) -> list[str]:
    return [" ".join(tinycss2.serialize([rule]).split())
            for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)]


@pytest.mark.parametrize("name", SHEETS)
def test_a_stylesheet_keeps_its_rules_and_loses_its_comments(site, name):
    source = (ROOT / "overrides" / name).read_text(encoding="utf-8")
    served = (site / SHEETS[name]).read_text(encoding="utf-8")
    assert "/*" in source and "/*" not in served
    assert rules(served)[-len(rules(source)):] == rules(source) and len(rules(source)) > 10
