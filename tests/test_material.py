"""The seams with Material (and MkDocs, mkdocs-static-i18n), listed in
overrides/hooks/site_build/material.py: each upstream text is still what it was taken from, so
that an upgrade names every file and block to revisit; a Material outside the tested range stops
the build with one clear line."""

from __future__ import annotations

import importlib.metadata

import pytest
from conftest import ROOT, hook
from mkdocs.exceptions import PluginError

material = hook("material")


@pytest.mark.parametrize("seam", material.SEAMS, ids=lambda seam: f"{seam.ours} <- {seam.upstream} {seam.part or ''}")
def test_each_seam_matches_the_installed_upstream(seam):
    assert (ROOT / seam.ours).is_file(), seam.ours
    assert material.digest(seam) == seam.digest, (
        f"{seam.upstream}{f' ({seam.part})' if seam.part else ''} changed upstream since {material.TAKEN_FROM}: "
        f"revisit {seam.ours} ({seam.why}), then record the new digest")


def test_every_file_that_copies_or_replaces_material_is_listed():
    listed = {seam.ours for seam in material.SEAMS}
    templates = material.templates()
    copies = [path.relative_to(ROOT).as_posix() for path in (ROOT / "overrides").rglob("*.html")
              if (templates / path.relative_to(ROOT / "overrides")).is_file()]
    assert copies and set(copies) <= listed, set(copies) - listed


def test_a_material_outside_the_tested_range_stops_the_build(monkeypatch):
    material.check_version()
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "9.9.0")
    with pytest.raises(PluginError, match=r"mkdocs-material 9\.9\.0 is installed; this site is tested with 9\.8\.1"):
        material.check_version()


def test_a_changed_upstream_is_named(monkeypatch):
    seam = material.SEAMS[0]
    monkeypatch.setattr(material, "upstream_text", lambda seam: "something else")
    assert material.digest(seam) != seam.digest
