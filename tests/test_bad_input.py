"""Bad data stops the build with one message naming the file, the entry and the field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build

PROJECT = ["mkdocs.yml", "docs", "data", "overrides"]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project to break."""
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails_with(project: Path, *parts: str):
    site = project / "site"
    result = build(site, project)
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert result.returncode != 0, "the build should have failed"
    assert len(errors) == 1, result.stderr
    for part in parts:
        assert part in errors[0], f"{part!r} not in: {errors[0]}"
    assert not list(site.rglob("*.html")), "a failed build must leave nothing half-built"


TIMELINE_CASES = {
    "malformed YAML": ('- id: project-ai-2\n  date: "2023-03-19"', '- id: project-ai-2\n date: ["2023-03-19"',
                       ["timeline.yml", "not valid YAML", "line"]),
    "invalid date": ('date: "2023-11-14"', 'date: "2023-11-31"',
                     ["timeline.yml", "entry 'tensor-names'", "field 'date'", "2023-11-31"]),
    "date finer than its precision": ('date: "2023-07"', 'date: "2023-07-04"',
                                      ["timeline.yml", "entry 'formal-launch'", "field 'date'", "'month'"]),
    "invalid precision": ("precision: month\n  confidence: medium", "precision: week\n  confidence: medium",
                          ["timeline.yml", "entry 'formal-launch'", "field 'precision'", "'week'"]),
    "duplicate id": ("- id: joint-lab", "- id: sale-denied",
                     ["timeline.yml", "entry 'sale-denied'", "field 'id'", "duplicate"]),
    "missing translation": ("    en: Yi-Large launched\n", "",
                            ["timeline.yml", "entry 'yi-large'", "field 'title.en'", "missing translation"]),
    "unknown reference id": ("refs: [yi-paper]", "refs: [yi-papers]",
                             ["timeline.yml", "entry 'yi-report'", "field 'refs'", "yi-papers"]),
    "missing required field": ("  section: reasons.md#pivot\n\n- id: joint-lab", "\n- id: joint-lab",
                               ["timeline.yml", "entry 'teams-to-alibaba'", "field 'section'", "missing"]),
    "section that is no heading": ("section: reasons.md#competition", "section: reasons.md#rivals",
                                   ["timeline.yml", "entry 'yi-large'", "field 'section'", "reasons.md#rivals"]),
}


@pytest.mark.parametrize("case", TIMELINE_CASES)
def test_bad_timeline_entry(project, case):
    old, new, parts = TIMELINE_CASES[case]
    edit(project / "data" / "timeline.yml", old, new)
    fails_with(project, *parts)


def test_bad_reference_url(project):
    edit(project / "data" / "references.yml", "url: https://arxiv.org/abs/2403.04652", "url: arxiv.org/abs/2403.04652")
    fails_with(project, "references.yml", "entry 'yi-paper'", "field 'url'")


def test_reference_cited_nowhere_and_not_general(project):
    edit(project / "data" / "references.yml", "  language: en\n  general: true\n\n- id: yicai", "  language: en\n\n- id: yicai")
    fails_with(project, "references.yml", "entry 'turingpost'", "field 'general'")


def test_unknown_citation_in_the_prose(project):
    edit(project / "docs" / "reasons.en.md", "[@scmp; @wired; @yi-llama]", "[@scmp; @wried]")
    fails_with(project, "reasons.en.md", "[@scmp; @wried]", "wried")


def test_unknown_citation_in_a_note(project):
    edit(project / "data" / "notes.yml", "[@tomshardware].", "[@toms-hardware].")
    fails_with(project, "notes.yml", "entry 'gpu-debt'", "field 'text.en'", "toms-hardware")


def test_editing_the_article_cannot_orphan_a_note(project):
    edit(project / "docs" / "reasons.md", "01.AI ने $300 मिलियन जुटाए", "01.AI ने 300 मिलियन डॉलर जुटाए")
    fails_with(project, "notes.yml", "entry 'funding'", "field 'anchor.hi'")


def test_a_date_edited_in_data_changes_on_both_timelines_after_one_build(project):
    edit(project / "data" / "timeline.yml", 'date: "2024-05-13"', 'date: "2024-05-14"')
    site = project / "site"
    assert build(site, project).returncode == 0
    for prefix, label in [("", "14 मई 2024"), ("en/", "14 May 2024")]:
        html = (site / prefix / "timeline" / "index.html").read_text(encoding="utf-8")
        assert re.search(rf'<time datetime="2024-05-14">{label}</time>', html), prefix
        assert "2024-05-13" not in html
