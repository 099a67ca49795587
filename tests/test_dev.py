"""`./dev`, the README's two commands: before pytest, it sets up what the system lacks or says,
in one message, what is missing and how to install it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT

TOOLS = ["sh", "sed", "tr", "grep", "id", "printf", "dirname", "ldconfig", "git", "cat", "touch"]


def dev(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["sh", str(ROOT / "dev"), *args], capture_output=True, text=True, env=env, timeout=60)


def test_a_chromium_that_is_not_there_is_one_message_before_pytest():
    result = dev("test", env={**os.environ, "CHROMIUM": "/nowhere/chromium"})
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "./dev: CHROMIUM=/nowhere/chromium names no program here: point it to Chromium or Chrome, "
        "or unset it to use /usr/bin/chromium"]
    assert "pytest" not in result.stdout + result.stderr


def test_what_cannot_be_installed_is_named_with_its_install_command(tmp_path):
    """A system without apt-get (or sudo) and without Java: one message naming Java and the
    command that installs it, and pytest never starts."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool) or shutil.which(tool, path="/sbin:/usr/sbin")
        assert found, tool
        (bin_dir / tool).symlink_to(found)
    (bin_dir / "python3.11").symlink_to(sys.executable)
    result = dev("test", env={"PATH": str(bin_dir), "HOME": str(tmp_path), "PYTHON": "python3.11",
                              "CHROMIUM": shutil.which("chromium") or "/usr/bin/chromium"})
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Java" in lines[0] and "sudo apt-get install" in lines[0], lines
    assert "default-jre-headless" in lines[0] and "pytest" not in result.stdout
