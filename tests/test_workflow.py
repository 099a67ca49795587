"""The workflow (.github/workflows/deploy.yml) under zizmor's audit, and how its runs queue."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def test_workflows_are_clean_under_zizmors_pedantic_audit():
    """zizmor offline, with every audit a pedant asks for and no ignore comment honoured."""
    zizmor = Path(sys.executable).with_name("zizmor")
    result = subprocess.run([str(zizmor), "--offline", "--persona", "pedantic", "--no-config", "--no-ignores",
                             "--strict-collection", "--color", "never", str(WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0 and "No findings" in result.stdout, result.stdout + result.stderr


def test_a_newer_push_to_a_pull_request_cancels_its_older_run_and_a_deployment_runs_to_its_end():
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    group = workflow["concurrency"]["group"]
    assert "github.event.pull_request.number" in group and "github.event_name" in group
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}
