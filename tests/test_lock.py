"""requirements.lock pins every package the project installs, with hashes, as pyproject.toml asks."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata

from conftest import ROOT
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

LOCK = (ROOT / "requirements.lock").read_text(encoding="utf-8")
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?: \\\n +--hash=sha256:[0-9a-f]{64})+)", re.M)


def locked() -> dict[str, str]:
    return {canonicalize_name(name): version for name, version, _ in ENTRY.findall(LOCK)}


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["build-system"]["build-backend"]
    return [Requirement(text) for text in project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]]


def test_every_line_of_the_lock_is_a_pinned_package_with_hashes():
    packages = [line for line in LOCK.splitlines() if line and not line.startswith((" ", "#"))]
    assert len(packages) == len(ENTRY.findall(LOCK)) > 30, "an entry without == or without hashes"
    assert "--generate-hashes" in LOCK and "--extra=test" in LOCK


def test_the_lock_pins_what_pyproject_asks_for():
    pins = locked()
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} is not in requirements.lock: run ./dev lock"
        assert requirement.specifier.contains(pins[name]), f"{requirement} but the lock has {pins[name]}: run ./dev lock"


def test_the_lock_holds_everything_its_packages_need():
    """Closed under dependencies, for this machine: what a locked package requires is locked too."""
    pins, environment = locked(), default_environment()
    for name, version in pins.items():
        assert Version(metadata.version(name)) == Version(version), f"installed {name} is not the locked {version}"
        for text in metadata.requires(name) or []:
            requirement = Requirement(text)
            if requirement.marker and not requirement.marker.evaluate({**environment, "extra": ""}):
                continue
            assert canonicalize_name(requirement.name) in pins, f"{name} needs {requirement}, which is not locked"
