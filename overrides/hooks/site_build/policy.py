"""The Content-Security-Policy of every page, and `mkdocs serve`'s live reload under it.

Nothing but the site's own files, and of inline scripts only those the build wrote, each allowed
by its hash. Data blocks (JSON, JSON-LD) are never run, so they need none.
"""

from __future__ import annotations

import base64
import hashlib
import re

from mkdocs.exceptions import PluginError

POLICY = ("default-src 'none'; script-src 'self'{hashes}; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; "
          "form-action 'none'; object-src 'none'")
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.S)
CHARSET = '<meta charset="utf-8">'


def script_hash(script: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def with_policy(html: str, name: str) -> str:
    """The page with its policy first in <head>, right after the charset, before any script."""
    if CHARSET not in html:
        raise PluginError(f"{name}: no '{CHARSET}' to put the Content-Security-Policy after")
    hashes = "".join(" " + script_hash(script) for script in dict.fromkeys(INLINE_SCRIPT.findall(html)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{POLICY.format(hashes=hashes)}">'
    return html.replace(CHARSET, f"{CHARSET}\n  {meta}", 1)


def allow_live_reload(server):
    """`mkdocs serve` adds its live-reload script to each page as it serves it, after the page's
    policy was written: allow that one script, by its hash, in the policy of the page it is
    served in. (MkDocs's private LiveReloadServer._inject_js_into_html: listed in material.py's
    SEAMS; tests/test_serve.py reloads a page in Chromium, so a change of it shows there.)"""
    inject = server._inject_js_into_html

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        served = inject(content, epoch)
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        if not served.startswith(b"<script>", at):
            raise PluginError("mkdocs serve no longer injects its live-reload script as "
                              "overrides/hooks/site_build/policy.py expects")
        script = served[at + len(b"<script>"):served.index(b"</script>", at)].decode()
        return served.replace(b"script-src 'self'", f"script-src 'self' {script_hash(script)}".encode(), 1)

    server._inject_js_into_html = inject_allowed
    return server
