"""Every page carries a strict Content-Security-Policy that allows exactly its own inline scripts."""

from __future__ import annotations

import base64
import hashlib

import lxml.html

REQUIRED = {"default-src": ["'none'"], "base-uri": ["'none'"], "form-action": ["'none'"], "object-src": ["'none'"],
            "style-src": ["'self'"], "connect-src": ["'self'"], "worker-src": ["'self'"],
            "manifest-src": ["'self'"]}


def policy(html: str) -> tuple[dict[str, list[str]], int, int]:
    """The page's policy, and the positions of its meta element and of its first script."""
    tree = lxml.html.fromstring(html)
    (meta,) = tree.xpath("//meta[@http-equiv='Content-Security-Policy']")
    elements = list(tree.iter())
    directives = {}
    for directive in meta.get("content").split(";"):
        name, *values = directive.split()
        directives[name] = values
    return directives, elements.index(meta), elements.index(tree.xpath("//script")[0])


def test_every_page_allows_only_its_own_inline_scripts(pages, site):
    documents = [(page.url, page.html) for page in pages] + [(name, (site / name).read_text(encoding="utf-8"))
                                                             for name in ("404.html", "en/404.html")]
    for url, html in documents:
        directives, meta_at, first_script_at = policy(html)
        assert meta_at < first_script_at, f"/{url}: the policy must come before the first script"
        for name, values in REQUIRED.items():
            assert directives[name] == values, (url, name)
        scripts = lxml.html.fromstring(html).xpath("//script[not(@src) and not(@type)]")
        hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(script.text.encode()).digest()).decode() + "'"
                  for script in scripts}
        assert set(directives["script-src"]) == {"'self'"} | hashes, url
        assert not any("unsafe" in value for values in directives.values() for value in values), url
