"""Open every reference of data/references.yml, following redirects, and name each one that is
dead (an error, or no answer) or has moved (it answers from another address). Needs the network:
the deploy workflow runs it weekly and on demand (`./dev sources`); the build never does.

    python -m tools.check_sources [data/references.yml]
"""

from __future__ import annotations

import concurrent.futures
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import yaml

ROOT = Path(__file__).resolve().parent.parent
MAX_REDIRECTS = 10
TIMEOUT = 30  # seconds, per request
HEADERS = {"User-Agent": "Mozilla/5.0 (compatible; source check of a static site)", "Accept": "text/html,*/*"}


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # each hop is followed, and seen, by `check`


OPENER = urllib.request.build_opener(NoRedirects)


@dataclass(frozen=True)
class Finding:
    id: str
    url: str
    problem: str  # "dead" or "moved"
    detail: str

    def __str__(self) -> str:
        return f"{self.problem}: '{self.id}' {self.url} {self.detail}"


def check(id: str, url: str) -> Finding | None:
    """None if the address answers by itself; otherwise what is wrong with it."""
    address = url
    for _ in range(MAX_REDIRECTS + 1):
        try:
            with OPENER.open(urllib.request.Request(address, headers=HEADERS), timeout=TIMEOUT) as response:
                response.read(1024)
            break
        except urllib.error.HTTPError as answer:
            if answer.code in (301, 302, 303, 307, 308) and answer.headers.get("Location"):
                address = urljoin(address, answer.headers["Location"])
                continue
            return Finding(id, url, "dead", f"(HTTP {answer.code})")
        except (urllib.error.URLError, OSError) as problem:
            return Finding(id, url, "dead", f"({getattr(problem, 'reason', problem)})")
    else:
        return Finding(id, url, "dead", f"(more than {MAX_REDIRECTS} redirects)")
    return Finding(id, url, "moved", f"-> {address}") if address != url else None


def check_all(references: list[tuple[str, str]]) -> list[Finding]:
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = pool.map(lambda reference: check(*reference), references)
    return [finding for finding in results if finding]


def main(path: Path) -> int:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    findings = check_all([(entry["id"], entry["url"]) for entry in entries])
    for finding in findings:
        print(finding)
    print(f"{len(entries)} sources opened: {len(findings)} dead or moved")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "data" / "references.yml"))
