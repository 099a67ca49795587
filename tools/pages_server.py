"""Serve a built site on loopback the way GitHub Pages serves a project site.

The site lives under a sub-path (`/REPO/`), text is gzip-compressed when the client accepts
it, a directory URL serves its index.html (and without its slash is redirected to it, 301), a
missing URL gets the site's 404.html with status 404, a malformed path (a NUL byte, bad
percent-encoding) gets 400, HEAD is answered, and a client that sends nothing is dropped. Every
file is sent with `Cache-Control: max-age=600`; for the benchmark's second page view it can also
send, as Pages does, validators (an ETag, and a Last-Modified, the one Chromium revalidates with
over this server's HTTP/1.0), answering a request that names them with 304, and an `Age`: with
`age=600` every file is stale as it arrives, as it is when a reader comes back after the ten
minutes. `served` lists each file it answered: the path asked, the status and the body's bytes. Used by
the tests and the benchmark:

    python -m tools.pages_server site/ --base /01ai-rise-and-fall/ --port 8000
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import mimetypes
import threading
import time
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")
TYPES = {".js": "application/javascript", ".json": "application/json", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".css": "text/css", ".html": "text/html", ".txt": "text/plain"}


class Link:
    """A slow network shared by every response (the benchmark's phone): a round trip before each
    response, then the bytes of all responses through one pipe at the link's rate."""

    def __init__(self, kbps: float, rtt_ms: float):
        self.rate, self.rtt = kbps * 1000 / 8, rtt_ms / 1000
        self.lock, self.free_at = threading.Lock(), 0.0

    def send(self, wfile, data: bytes):
        for start in range(0, len(data), 2048):
            chunk = data[start:start + 2048]
            with self.lock:
                self.free_at = max(time.monotonic(), self.free_at) + len(chunk) / self.rate
                done = self.free_at
            time.sleep(max(0.0, done - time.monotonic()))
            wfile.write(chunk)


class PagesHandler(BaseHTTPRequestHandler):
    timeout = 10  # seconds a client may take to send its request before the socket is closed
    link: Link | None = None  # a throttled network, for the benchmark
    validators = False  # an ETag on every file, and 304 for a request that names it
    age = 0  # seconds every file is said to have spent in Pages' cache (Age), when more than 0
    served: list[tuple[str, int, int]]  # the server's: each file answered

    def __init__(self, *args, root: Path, base: str, **kwargs):
        self.root, self.base = root, base
        super().__init__(*args, **kwargs)

    def do_GET(self):
        self.respond(send_body=True)

    def do_HEAD(self):
        self.respond(send_body=False)

    def respond(self, send_body: bool):
        if self.link:
            time.sleep(self.link.rtt)
        try:
            path = unquote(urlsplit(self.path).path, errors="strict")
        except (UnicodeDecodeError, ValueError):
            path = None
        if not path or not path.startswith("/") or "\x00" in path or "\\" in path:
            self.send_error(400, "Bad request")
            return
        found = self.locate(path)
        if isinstance(found, str):  # a directory asked for without its slash, as GitHub Pages answers
            self.send_response(301)
            self.send_header("Location", found)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200 if found else 404
        file = found or self.root / "404.html"
        body = file.read_bytes()
        tag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
        modified = email.utils.formatdate(file.stat().st_mtime, usegmt=True)
        asked = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if self.validators and found and (asked[0] == tag or asked[0] is None and asked[1] == modified):
            self.served.append((self.path, 304, 0))
            self.send_response(304)
            self.send_header("ETag", tag)
            self.send_header("Last-Modified", modified)
            self.send_cache_headers()
            self.end_headers()
            return
        kind = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        if self.validators:
            self.send_header("ETag", tag)
            self.send_header("Last-Modified", modified)
        self.send_cache_headers()
        self.end_headers()
        self.served.append((self.path, status, len(body) if send_body else 0))
        try:
            if send_body and self.link:
                self.link.send(self.wfile, body)
            elif send_body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser went on to another page before this one had come: no answer is owed

    def send_cache_headers(self):
        self.send_header("Cache-Control", "max-age=600")
        if self.age:
            self.send_header("Age", str(self.age))

    def locate(self, path: str) -> Path | str | None:
        """The file a path serves, the slash form to redirect a directory to, or None (404)."""
        if path + "/" == self.base:
            return self.base
        if not path.startswith(self.base):
            return None
        file = (self.root / path[len(self.base):]).resolve()
        if not (file == self.root or self.root in file.parents):
            return None
        if file.is_dir():
            if not path.endswith("/"):
                return path + "/"
            file = file / "index.html"
        return file if file.is_file() else None

    def log_message(self, format, *args):
        pass


class PagesServer:
    """A PagesServer on a free loopback port, in a background thread, as a context manager."""

    def __init__(self, root: Path, base: str = "/", port: int = 0, timeout: float = PagesHandler.timeout,
                 link: Link | None = None, validators: bool = False, age: int = 0):
        base = f"/{base.strip('/')}/".replace("//", "/")  # "/repo", "repo/" and "/repo/" are one sub-path
        self.served: list[tuple[str, int, int]] = []
        handler = partial(type("Handler", (PagesHandler,), {"timeout": timeout, "link": link, "validators": validators,
                                                            "age": age, "served": self.served}),
                          root=Path(root).resolve(), base=base)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_port}{base}"

    def __enter__(self) -> PagesServer:
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--base", default="/")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with PagesServer(args.root, args.base, args.port) as server:
        print(f"Serving {args.root} at {server.url}")
        threading.Event().wait()


if __name__ == "__main__":
    main()
