"""Publishing on GitHub Pages: the workflow, the sub-path, gh-deploy, metadata and reproducibility."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.etree
import lxml.html
import yaml
from conftest import ARTICLE_SLUGS, LANGUAGES, PROJECT, ROOT, SLUGS, site_url

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
LOCALES = {"hi": "hi_IN", "en": "en_US"}


def test_workflows_follow_the_github_actions_schema():
    assert WORKFLOWS
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_every_change_and_publishes_the_build_it_tested():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    assert workflow["permissions"] == {"contents": "read"}
    test, deploy = workflow["jobs"]["test"], workflow["jobs"]["deploy"]
    assert test["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "test"
    assert "pull_request" in deploy["if"] and deploy["concurrency"]["cancel-in-progress"] is False
    runs = [step.get("run", "") for step in test["steps"]]
    build_step = next(step for step in test["steps"] if step.get("run", "").startswith("./dev build"))
    test_step = next(step for step in test["steps"] if step.get("run") == "./dev test")
    upload = next(step for step in test["steps"] if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    built = build_step["run"].split("--site-dir ")[1]
    assert runs.index(build_step["run"]) < runs.index("./dev test")
    assert test_step["env"]["TEST_SITE_DIR"] == built == upload["with"]["path"]  # the tested build is the one published
    assert "pull_request" in upload["if"]
    assert any(step.get("uses", "").startswith("actions/deploy-pages@") for step in deploy["steps"])


def test_workflow_pins_actions_by_commit_keeps_no_token_and_times_out():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), f"{action} is not pinned by a full commit SHA"
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), f"{action}: its version belongs in a comment"
    workflow = yaml.safe_load(text)
    for name, job in workflow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 30, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, name


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def references(url: str, body: bytes, kind: str) -> list[str]:
    """Every URL a page or stylesheet links to or loads."""
    if kind.startswith("text/css"):
        return [urljoin(url, found) for found in re.findall(rb"url\(\s*['\"]?([^'\")]+)", body)
                if not found.startswith(b"data:") for found in [found.decode()]]
    tree = lxml.html.fromstring(body)
    found = tree.xpath("//a/@href | //link[not(contains(@rel, 'alternate') or @rel='canonical')]/@href"
                       " | //script/@src | //img/@src | //source/@src")
    return [urljoin(url, href) for href in found]


def test_every_link_and_asset_works_under_the_sub_path(server):
    """Crawl the site served under /REPO/ from its two home pages: nothing internal is broken."""
    queue, seen, documents, broken = deque([server.url, server.url + "en/"]), set(), {}, []
    while queue:
        url = queue.popleft()
        page_url, _ = urldefrag(url)
        if page_url in seen:
            continue
        seen.add(page_url)
        status, kind, body = fetch(page_url)
        if status != 200:
            broken.append(f"{status}: {page_url}")
            continue
        if kind.startswith(("text/html", "text/css")):
            documents[page_url] = (kind, body)
            for link in references(page_url, body, kind):
                if link.startswith(server.url):
                    queue.append(link)
                elif urlsplit(link).netloc == urlsplit(server.url).netloc:
                    broken.append(f"outside the sub-path: {link} (from {page_url})")
    html_pages = [url for url, (kind, _) in documents.items() if kind.startswith("text/html")]
    assert len(html_pages) == len(LANGUAGES) * len(SLUGS)
    # Every anchor of every internal link exists on its target page.
    ids = {url: set(lxml.html.fromstring(body).xpath("//@id")) for url, (kind, body) in documents.items()
           if kind.startswith("text/html")}
    for url in html_pages:
        for link in references(url, documents[url][1], "text/html"):
            target, fragment = urldefrag(link)
            if fragment and target in ids and fragment not in ids[target]:
                broken.append(f"missing anchor #{fragment} on {target} (from {url})")
    assert not broken, "\n".join(broken)


def test_a_missing_url_gets_the_styled_bilingual_404_page(server):
    for missing in ["no-such-page/", "en/no-such-page/", "deep/er/still/"]:
        status, kind, body = fetch(server.url + missing)
        assert status == 404 and kind.startswith("text/html")
        tree = lxml.html.fromstring(body)
        assert "Page not found" in tree.findtext(".//h1/span")
        for asset in tree.xpath("//link[@rel='stylesheet']/@href | //script/@src"):
            assert fetch(urljoin(server.url + missing, asset))[0] == 200, asset


def test_gh_deploy_publishes_the_site_to_a_gh_pages_branch(tmp_path):
    work, remote = tmp_path / "work", tmp_path / "remote.git"
    work.mkdir()
    for name in PROJECT:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    git = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}
    env = {**os.environ, **git, "NO_MKDOCS_2_WARNING": "1"}
    for command in (["git", "init", "--bare", "--quiet", str(remote)], ["git", "init", "--quiet", str(work)]):
        subprocess.run(command, check=True, env=env)
    for command in (["git", "add", "-A"], ["git", "commit", "--quiet", "-m", "site"],
                    ["git", "remote", "add", "origin", str(remote)]):
        subprocess.run(command, cwd=work, check=True, env=env)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--strict", "--force"],
                            cwd=work, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    listing = subprocess.run(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote,
                             capture_output=True, text=True, check=True).stdout.split()
    for path in [".nojekyll", "index.html", "en/index.html", "404.html", "sitemap.xml", "robots.txt",
                 "reasons/index.html", "en/timeline/index.html", "search/search_index.json"]:
        assert path in listing, path


def head_values(page) -> dict[str, list[str]]:
    tree, values = page.tree, {}
    for meta in tree.xpath("//head/meta[@property or @name]"):
        values.setdefault(meta.get("property") or meta.get("name"), []).append(meta.get("content"))
    return values


def test_every_page_tells_search_engines_and_link_previews_what_it_is(pages):
    base = site_url()
    for page in pages:
        tree, meta = page.tree, head_values(page)
        url = base + page.url
        assert tree.xpath("//head/link[@rel='canonical']/@href") == [url]
        alternates = {link.get("hreflang"): link.get("href")
                      for link in tree.xpath("//head/link[contains(concat(' ', @rel, ' '), ' alternate ')][@hreflang]")}
        assert alternates == {"hi": base + page.slug, "en": base + "en/" + page.slug, "x-default": base + page.slug}
        description = meta["description"][0]
        assert len(description) > 50
        assert meta["og:description"] == [description] == meta["twitter:description"]
        assert meta["og:url"] == [url] and meta["og:locale"] == [LOCALES[page.lang]]
        assert meta["og:locale:alternate"] == [locale for lang, locale in LOCALES.items() if lang != page.lang]
        assert meta["og:site_name"][0] and meta["og:title"][0] and meta["twitter:card"] == ["summary_large_image"]
        assert meta["og:title"] == meta["twitter:title"]
        assert meta["og:type"] == ["website" if page.slug == "" else "article"]


def test_article_pages_carry_article_structured_data(page):
    base = site_url()
    for lang in LANGUAGES:
        for slug in ARTICLE_SLUGS:
            current = page(lang, slug)
            (article,) = [data for data in current.structured if data.get("@type") == "Article"]
            assert article["headline"] == " ".join(current.article.cssselect("h1")[0].text_content().split())
            assert article["inLanguage"] == lang and article["url"] == base + current.url
            datetime.date.fromisoformat(article["datePublished"])
            datetime.date.fromisoformat(article["dateModified"])
            assert article["publisher"]["@type"] == "Organization" and article["publisher"]["name"]
            other = base + ("en/" + slug if lang == "hi" else slug)
            assert (article.get("workTranslation") or article.get("translationOfWork")) == {"@id": other}


def test_the_json_in_the_pages_is_utf_8_not_escapes(pages):
    """JSON-LD and Material's configuration write Devanagari as it is (three bytes a letter), not as
    \\u escapes (six, which compress with nothing of the page); only < > & ' are escaped, so that
    no text can end its script block."""
    for page in pages:
        for script in page.tree.xpath("//script[contains(@type, 'json')]"):
            assert set(re.findall(r"\\u([0-9a-fA-F]{4})", script.text)) <= {"003c", "003e", "0026", "0027"}, page.url


def test_timeline_events_are_structured_data(page):
    events = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        timeline = page(lang, "timeline/")
        (listing,) = [data for data in timeline.structured if data.get("@type") == "ItemList"]
        assert listing["itemListOrder"] == "https://schema.org/ItemListOrderAscending"
        items = listing["itemListElement"]
        assert [item["startDate"] for item in items] == sorted(str(event["date"]) for event in events)
        for item in items:
            assert item["@type"] == "Event"
            anchor = item["url"].split("#")[1]
            assert item["url"] == site_url() + timeline.url + "#" + anchor
            (heading,) = timeline.tree.xpath(f"//h2[@id='{anchor}']")
            assert item["name"] == " ".join(heading.text_content().split())


def test_sitemap_lists_every_page_with_its_alternates_and_robots_points_to_it(site):
    base = site_url()
    sitemap = lxml.etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = sitemap.xpath("//s:url", namespaces=ns)
    locations = [url.findtext("s:loc", namespaces=ns) for url in urls]
    assert sorted(locations) == sorted(base + prefix + slug for prefix in LANGUAGES.values() for slug in SLUGS)
    for url in urls:
        alternates = {link.get("hreflang"): link.get("href") for link in url.xpath("x:link", namespaces=ns)}
        slug = url.findtext("s:loc", namespaces=ns).removeprefix(base).removeprefix("en/")
        assert alternates == {"hi": base + slug, "en": base + "en/" + slug}
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {base}sitemap.xml" in robots.splitlines()


def test_two_builds_of_one_commit_are_identical_and_dated_by_it(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    first, second = tmp_path / "first", tmp_path / "second"
    for site_dir in (first, second):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
                                cwd=ROOT, capture_output=True, text=True, env={**env, "NO_MKDOCS_2_WARNING": "1"})
        assert result.returncode == 0, result.stderr
    files = sorted(path.relative_to(first) for path in first.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(second) for path in second.rglob("*") if path.is_file())
    different = [str(path) for path in files if (first / path).read_bytes() != (second / path).read_bytes()]
    assert not different, different
    epoch = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True).stdout
    last_commit = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%d")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (first / "sitemap.xml").read_text())) == {last_commit}


def test_without_git_the_build_says_how_to_date_it(tmp_path):
    """A tarball of the repository (no .git), built where git is missing or finds no history: one
    clear line naming SOURCE_DATE_EPOCH; with SOURCE_DATE_EPOCH alone, it builds, dated by it."""
    project = tmp_path / "project"
    project.mkdir()
    for name in PROJECT:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, project / name)
    env = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    no_git = tmp_path / "bin"
    no_git.mkdir()
    (no_git / "python").symlink_to(sys.executable)
    for path in (f"{no_git}", env["PATH"]):
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                                cwd=project, capture_output=True, text=True,
                                env={**env, "PATH": path, "NO_MKDOCS_2_WARNING": "1", "GIT_CEILING_DIRECTORIES": str(tmp_path)})
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
        assert result.returncode != 0 and len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
        assert "SOURCE_DATE_EPOCH" in errors[0] and "git" in errors[0], errors[0]
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True,
                            env={**env, "PATH": str(no_git), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1780000000"})
    assert result.returncode == 0, result.stderr
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", (tmp_path / "site" / "sitemap.xml").read_text())) == {"2026-05-28"}
