"""The build's date: the last commit's, not the clock's, so that two builds of one commit are
byte-identical (the sitemap, JSON-LD). SOURCE_DATE_EPOCH, if set, wins."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError


def last_commit_time(project: Path) -> str:
    """The time of the project's last commit (seconds since 1970)."""
    try:
        last_commit = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True,
                                     cwd=project)
    except OSError as problem:
        raise PluginError(f"{project}: the build is dated by its last git commit, and git cannot be run here "
                          f"({problem.strerror}): install git, or set SOURCE_DATE_EPOCH "
                          "(seconds since 1970) to date the build") from problem
    if last_commit.returncode != 0 or not last_commit.stdout.strip().isdigit():
        raise PluginError(f"{project}: the build is dated by its last git commit, and this is no git checkout "
                          "with a commit: set SOURCE_DATE_EPOCH (seconds since 1970) to date the build")
    return last_commit.stdout.strip()


def date_the_build(project: Path):
    """MkDocs reads SOURCE_DATE_EPOCH for every date it writes."""
    if "SOURCE_DATE_EPOCH" not in os.environ:
        os.environ["SOURCE_DATE_EPOCH"] = last_commit_time(project)
