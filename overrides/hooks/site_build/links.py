"""Where a link written by the site's editors may lead: one rule for the pages of docs/ and for
the texts of data/ alike."""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

PAGE_LINK = re.compile(r"^(?P<page>[a-z0-9]+(?:-[a-z0-9]+)*\.md)(?:#(?P<anchor>[A-Za-z0-9_-]+))?$")
SAME_PAGE = re.compile(r"^#(?P<anchor>[A-Za-z0-9_-]+)$")
DATA_FILE = re.compile(r"^data/[a-z0-9-]+\.json$")
HOST_LABEL = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")
URL_CHARACTERS = re.compile(r"^[A-Za-z0-9\-._~:/?#@!$&+,;=%]+$")


class LinkError(ValueError):
    """Why a link may not be written, to be reported with its file and place."""


@dataclasses.dataclass(frozen=True)
class Link:
    kind: str  # "https", "page" (another page of the site, 'page.md#id'), "anchor" (this page) or "data"
    page: str | None = None
    anchor: str | None = None


def https_url(url: str) -> str:
    """The URL, if it is a plain https address of a real host name; LinkError otherwise."""
    if not URL_CHARACTERS.match(url):
        raise LinkError(f"'{url}' holds characters that need escaping (spaces, quotes, brackets, <, >)")
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise LinkError(f"'{url}' is not an https:// address")
    if "@" in parts.netloc:
        raise LinkError(f"'{url}' names a user before its host ('…@host'), which disguises the real host")
    labels = parts.netloc.split(".")
    if len(labels) < 2 or not all(HOST_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
        raise LinkError(f"'{url}' has no real host name ('{parts.netloc}'; lowercase, such as 'www.example.com')")
    return url


def check(target: str, allowed: tuple[str, ...] = ("https", "page", "anchor", "data")) -> Link:
    """What a link's target is, if it is of a kind `allowed`; LinkError otherwise."""
    if target.startswith("https:") and "https" in allowed:
        https_url(target)
        return Link("https")
    if (found := PAGE_LINK.match(target)) and "page" in allowed:
        return Link("page", found.group("page"), found.group("anchor"))
    if (found := SAME_PAGE.match(target)) and "anchor" in allowed:
        return Link("anchor", anchor=found.group("anchor"))
    if DATA_FILE.match(target) and "data" in allowed:
        return Link("data")
    kinds = {"https": "https:// addresses", "page": "the site's pages (page.md#id)", "anchor": "headings of the page (#id)",
             "data": "its data files (data/name.json)"}
    raise LinkError(f"link to '{target}': only {', '.join(kinds[kind] for kind in allowed)}")
