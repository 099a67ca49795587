"""The build's Python, the tools and the tests pass Ruff (pyproject.toml: no undefined names, no
unused imports, sorted imports, pycodestyle, bugbear)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_code_passes_the_linter():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(ROOT)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
