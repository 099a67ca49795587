"""Benchmark this site against stock Material built from the same docs/, and write BENCHMARKS.md.

    ./dev bench [--runs 7] [--lighthouse-runs 3] [--no-lighthouse] [--before REV]

1. Build times: one cold build of this site (no social card cached), then clean `mkdocs build`
   of this site and of a stock configuration (Material and
   mkdocs-static-i18n with the same pages, languages and Markdown extensions; no hooks, no
   overrides, no extra CSS), alternating the two, several runs; medians and their ratio.
2. Bytes and requests per page in Chromium, both sites served with gzip on loopback under
   /01ai-rise-and-fall/ as GitHub Pages would: at load, render-critical (before first render:
   the document, its stylesheets, fonts and parser-blocking scripts) and, for this site, after a
   first search; with --before, the same of this site built at an earlier commit; and beside
   them each page's floor: its own text (the words of its content, compressed), which no
   stylesheet or markup can go below.
3. A reader's first search on a phone (400 kbps, 400 ms round trip, 4x slower CPU): seconds
   from the first tap on search to the first result, on a page opened 3 s before the tap and
   on one just opened, Hindi and English, this site against stock Material, median of three.
4. Search quality on tests/search-quality.yml: hit@1 and hit@3 (the top result, or one of the
   top three, lands where the reader wants) per group of queries, for this site and for stock
   Material (Lunr with `language: hi`); and how long this site's search takes to answer each
   query on a 4x slower CPU.
6. A second view of a page on the same phone after the cache time (every file stale, revalidated
   as GitHub Pages answers: tools/pages_server.py), with and without the site's service worker:
   the requests that reach the server, and the time to the first text painted.
5. Lighthouse 12 (mobile preset) on every page of this site and on two pages of the stock
   build, when Node.js is available (npm installs the pinned version in tools/lighthouse/):
   the median of three runs a page, as Lighthouse's own guidance on variability advises.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import lxml.html
import yaml
from playwright.sync_api import sync_playwright

from tools import layout
from tools.pageload import CHROMIUM, CHROMIUM_ARGS, first_preview, first_result, measure, search, second_view
from tools.pages_server import Link, PagesServer
from tools.searchquality import answers, cases, lands_first, query_times

ROOT = Path(__file__).resolve().parent.parent
BASE = "/01ai-rise-and-fall/"
PAGES = [prefix + slug for prefix in layout.languages().values() for slug in layout.pages()]
STOCK_LIGHTHOUSE_PAGES = ["", "reasons/"]
FIRST_SEARCHES = [("", "मॉडल"), ("en/", "Qwen")]  # a home page and what a reader types there
OPENED_FOR = [3.0, 0.0]  # seconds between opening the page and the tap on search
FIRST_PREVIEWS = ["reasons/", "en/timeline/"]  # pages whose first citation a reader taps (this site's only)
SECOND_VIEWS = ["reasons/", "en/timeline/"]  # pages a reader comes back to (this site's only)
CACHE_TIME = 600  # seconds GitHub Pages lets a browser keep a file (max-age)
SLOW_PHONE = {"kbps": 400, "rtt_ms": 400}
SLOW_PHONE_CPU = 4  # times slower than this machine
LIGHTHOUSE = ROOT / "tools" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
AT_LOAD_BUDGET, CRITICAL_BUDGET = 25_000, 20_000  # bytes a page (tests/test_budget.py holds them too)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}


def stock_project(folder: Path) -> Path:
    """The same docs/ under a stock configuration; pages lose only their custom template."""
    ours = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in ours["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    shutil.copytree(ROOT / "docs", folder / "docs")
    for page in (folder / "docs").glob("*.md"):
        page.write_text(re.sub(r"^template: .*\n", "", page.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    config = {
        "site_name": ours["site_name"],
        "site_url": "https://example.github.io/01ai-rise-and-fall/",
        "theme": {"name": "material", "language": "hi"},
        "plugins": ["search", {"i18n": {"docs_structure": "suffix", "languages": [
            {key: value for key, value in language.items() if key in ("locale", "name", "default", "nav_translations")}
            for language in i18n["languages"]]}}],
        "nav": ours["nav"],
        "markdown_extensions": ours["markdown_extensions"],
    }
    for language in config["plugins"][1]["i18n"]["languages"]:
        language["default"] = language.get("default") == "true"
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build(config: Path, site: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--clean", "--quiet", "--config-file", str(config),
                    "--site-dir", str(site)], check=True, env=ENV, capture_output=True)
    return time.perf_counter() - started


def built_at(revision: str, folder: Path) -> Path:
    """This site as an earlier commit built it (a git worktree of it, built with today's packages)."""
    subprocess.run(["git", "worktree", "add", "--detach", str(folder / "tree"), revision], cwd=ROOT, check=True,
                   capture_output=True)
    try:
        build(folder / "tree" / "mkdocs.yml", folder / "site")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(folder / "tree")], cwd=ROOT, check=True)
    return folder / "site"


def floor(site: Path, page: str) -> tuple[int, int]:
    """The page's own text, compressed: the words of its content, which are what it is for; and its
    article as HTML, compressed: that text with its citations, notes, sources for the previews and
    print, and structured data, without the theme's header, navigation and footer."""
    articles = lxml.html.parse(str(site / page / "index.html")).xpath("//article")
    text = " ".join(" ".join(words for element in articles for words in element.xpath(".//text()[not(ancestor::script)]")).split())
    markup = "".join(lxml.html.tostring(element, encoding="unicode") for element in articles)
    return len(gzip.compress(text.encode("utf-8"))), len(gzip.compress(markup.encode("utf-8")))


def lighthouse_cli() -> Path | None:
    cli = LIGHTHOUSE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.exists() and shutil.which("npm") and shutil.which("node"):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=LIGHTHOUSE, check=False)
    return cli if cli.exists() and shutil.which("node") else None


def lighthouse(cli: Path, url: str, runs: int) -> dict:
    """Median scores and layout shift of several Lighthouse runs."""
    results = [lighthouse_run(cli, url) for _ in range(runs)]
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def lighthouse_run(cli: Path, url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
                        f"--only-categories={','.join(CATEGORIES)}",
                        f"--chrome-flags=--headless=new {' '.join(CHROMIUM_ARGS)}"],
                       env={**os.environ, "CHROME_PATH": str(CHROMIUM)}, check=True, capture_output=True)
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["cls"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
    return scores


def search_quality(browser, site_url: str) -> dict[str, dict]:
    """For each group of the set, how many of its queries land at rank 1 and within the top 3."""
    landed = []  # (case, [hit@1, hit@3])
    for lang, prefix in layout.languages().items():
        chosen = [case for case in cases() if case.lang == lang]
        results = answers(browser, site_url + prefix, [case.query for case in chosen])
        for case, result in zip(chosen, results, strict=True):
            landed.append((case, [lands_first(result, [BASE + prefix + place for place in case.expect], k) for k in (1, 3)]))
    groups = list(dict.fromkeys(case.group for case, _ in landed))
    return {group: {"queries": sum(case.group == group for case, _ in landed),
                    **{k: sum(hit[n] for case, hit in landed if case.group == group) for n, k in enumerate((1, 3))}}
            for group in groups}


def search_times(browser, site_url: str) -> list[float]:
    """Milliseconds this site's search takes for each query of the set, on a 4x slower CPU."""
    return [time for lang, prefix in layout.languages().items()
            for time in query_times(browser, site_url + prefix, [case.query for case in cases() if case.lang == lang],
                                    SLOW_PHONE_CPU)]


def first_previews(browser, url: str, opened_for: float, runs: int) -> tuple[float, float] | None:
    """The medians of `runs` first taps on a citation, to the preview shown and whole (None if
    one showed no preview)."""
    taken = [first_preview(browser, url, opened_for) for _ in range(runs)]
    return None if None in taken else tuple(statistics.median(times) for times in zip(*taken, strict=True))


def kb(size: int) -> str:
    return f"{size / 1000:.1f}"


def table(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def main():
    parser = argparse.ArgumentParser(description="Benchmark against stock Material; write BENCHMARKS.md.")
    parser.add_argument("--runs", type=int, default=7, help="builds of each site (default 7)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs a page (default 3)")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--search-runs", type=int, default=3, help="first searches a case (default 3)")
    parser.add_argument("--before", metavar="REV", help="also measure the pages of this site at an earlier commit")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        stock_config = stock_project(temp / "stock")
        sites = {"this site": temp / "site", "stock": temp / "stock-site"}
        configs = {"this site": ROOT / "mkdocs.yml", "stock": stock_config}
        shutil.rmtree(ROOT / ".cache" / "cards", ignore_errors=True)  # a cold build: every social card drawn
        cold = build(configs["this site"], sites["this site"])
        times = {name: [] for name in sites}
        for _ in range(args.runs):
            for name in sites:  # alternating, so that both meet the same machine
                times[name].append(build(configs[name], sites[name]))
        median = {name: statistics.median(values) for name, values in times.items()}
        ratio = median["this site"] / median["stock"]
        before = built_at(args.before, temp / "before") if args.before else None
        floors = {page: floor(sites["this site"], page) for page in PAGES}

        loads, searched, scores, firsts, previews, quality, second_views = {}, {}, {}, {}, {}, {}, {}
        cli = None if args.no_lighthouse else lighthouse_cli()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            if before:
                with PagesServer(before, BASE) as server:
                    for page in PAGES:
                        loads["before", page] = measure(browser, server.url + page)
                with PagesServer(before, BASE, link=Link(**SLOW_PHONE)) as server:
                    for (page, query), opened_for in itertools.product(FIRST_SEARCHES, OPENED_FOR):
                        taken = [first_result(browser, server.url + page, query, opened_for)
                                 for _ in range(args.search_runs)]
                        firsts["before", page, opened_for] = None if None in taken else statistics.median(taken)
                    for page, opened_for in itertools.product(FIRST_PREVIEWS, OPENED_FOR):
                        previews["before", page, opened_for] = first_previews(browser, server.url + page, opened_for,
                                                                              args.search_runs)
            for name, site in sites.items():
                with PagesServer(site, BASE) as server:
                    for page in PAGES:
                        loads[name, page] = measure(browser, server.url + page)
                        if name == "this site":
                            searched[page] = measure(browser, server.url + page, lambda tab: search(tab, "Yi"))
                        wanted = PAGES if name == "this site" else STOCK_LIGHTHOUSE_PAGES
                        if cli and page in wanted:
                            scores[name, page] = lighthouse(cli, server.url + page, args.lighthouse_runs)
                with PagesServer(site, BASE) as server:
                    quality[name] = search_quality(browser, server.url)
                    if name == "this site":
                        query_ms = search_times(browser, server.url)
                with PagesServer(site, BASE, link=Link(**SLOW_PHONE)) as server:
                    for (page, query), opened_for in itertools.product(FIRST_SEARCHES, OPENED_FOR):
                        taken = [first_result(browser, server.url + page, query, opened_for)
                                 for _ in range(args.search_runs)]
                        firsts[name, page, opened_for] = None if None in taken else statistics.median(taken)
                    if name == "this site":
                        for page, opened_for in itertools.product(FIRST_PREVIEWS, OPENED_FOR):
                            previews[name, page, opened_for] = first_previews(browser, server.url + page, opened_for,
                                                                              args.search_runs)
                if name == "this site":
                    with PagesServer(site, BASE, link=Link(**SLOW_PHONE), validators=True, age=CACHE_TIME) as server:
                        for page, worker in itertools.product(SECOND_VIEWS, (True, False)):
                            taken = [second_view(browser, server, server.url + page, worker) for _ in range(args.search_runs)]
                            second_views[page, worker] = [statistics.median(values) for values in zip(*taken, strict=True)]
            browser.close()

    header = ["page", "site", "requests at load", "KB at load", "critical requests", "critical KB",
              "KB after a first search", "KB kept for offline after load", "Lighthouse perf / a11y / best pr. / SEO",
              "CLS"]
    rows = []
    # Each measured build: its key in the results, and its name in the tables.
    measured = ([("before", f"before ({args.before})")] if before else []) + [(name, name) for name in sites]
    for page in PAGES:
        for key, name in measured:
            load = loads[key, page]
            score = scores.get((key, page))
            rows.append([f"/{page}", name,
                         f"{len(load.requests)}" + (f" (+{len(load.failed)} failed)" if load.failed else ""),
                         kb(load.total), str(len(load.critical)), kb(load.critical_total),
                         kb(searched[page].total) if name == "this site" else "",
                         kb(load.kept_total) if load.kept else "",
                         " / ".join(f"{score[c]:g}" for c in CATEGORIES) if score else "",
                         f"{score['cls']:.3f}" if score else ""])
    ours = [loads["this site", page] for page in PAGES]
    over = [f"/{page} ({kb(loads['this site', page].total)} at load, {kb(loads['this site', page].critical_total)} "
            f"critical)" for page in PAGES if loads["this site", page].total > AT_LOAD_BUDGET
            or loads["this site", page].critical_total > CRITICAL_BUDGET]
    floor_rows = [[f"/{page}", kb(floors[page][0]), kb(floors[page][1]), kb(loads["this site", page].total),
                   kb(loads["this site", page].total - floors[page][0]),
                   kb(loads["this site", page].critical_total)] for page in PAGES]
    summary = [
        f"Build, clean, median of {args.runs} alternating runs: this site {median['this site']:.2f} s, "
        f"stock {median['stock']:.2f} s, ratio {ratio:.2f} (budget: at most 1.30, and under 3 s); these builds "
        f"find their social cards drawn. A cold build, drawing all {2 * len(layout.pages())} cards: {cold:.2f} s.",
        f"Largest page at load: {kb(max(load.total for load in ours))} KB; largest render-critical: "
        f"{kb(max(load.critical_total for load in ours))} KB (budget: {kb(AT_LOAD_BUDGET)} KB at load and "
        f"{kb(CRITICAL_BUDGET)} KB render-critical a page). "
        + (f"Over budget: {', '.join(over)}." if over else "Every page is within budget."),
    ]
    if not cli:
        summary.append("Lighthouse: not run (no Node.js, or --no-lighthouse).")
    seconds = lambda value: "no result in 60 s" if value is None else f"{value:.2f}"  # noqa: E731
    first_rows = [[f"/{page} “{query}”", "opened 3 s before" if opened_for else "just opened",
                   *(seconds(firsts[key, page, opened_for]) for key, _ in measured)]
                  for (page, query), opened_for in itertools.product(FIRST_SEARCHES, OPENED_FOR)]
    ours_measured = [(key, name) for key, name in measured if key != "stock"]
    preview_rows = [[f"/{page}", "opened 3 s before" if opened_for else "just opened",
                     *("no preview in 60 s" if previews[key, page, opened_for] is None
                       else " / ".join(f"{value:.2f}" for value in previews[key, page, opened_for])
                       for key, _ in ours_measured)]
                    for page, opened_for in itertools.product(FIRST_PREVIEWS, OPENED_FOR)]
    report = "\n".join([
        "# Benchmarks",
        "",
        f"One run of `./dev bench` on {datetime.date.today().isoformat()}: {os.cpu_count()} cores, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, Chromium at {CHROMIUM}.",
        "Both sites are served with gzip on loopback under the GitHub Pages sub-path. KB are 1000 bytes on "
        "the wire (compressed body and headers), at page load in a phone-sized tab, with no user action; "
        "critical is the HTML document, its stylesheets, fonts and parser-blocking scripts. Stock is Material with "
        "mkdocs-static-i18n, `language: hi`, the same docs/ and Markdown extensions, no hooks or overrides. "
        "This site loads Material's script and the search text only when the reader first interacts or "
        "searches; \"after a first search\" counts everything a page has loaded once the reader has "
        "searched for \"Yi\". Lighthouse uses its mobile preset (simulated slow 4G, 4x CPU slowdown); "
        f"scores are the median of {args.lighthouse_runs} runs a page.",
        "",
        *[f"- {line}" for line in summary],
        "",
        table([[name, *(f"{t:.2f}" for t in times[name]), f"{median[name]:.2f}"] for name in sites],
              ["build", *(f"run {i + 1} (s)" for i in range(args.runs)), "median (s)"]),
        "",
        table(rows, header),
        "",
        "The floor of each page: its own text (the words of its content, compressed alone) and its article "
        "(that text as HTML with its citations, editor's notes, the sources its previews and its print show, "
        "and its structured data, compressed alone), beside what the page costs at load, the part of that "
        "which is not its text (the theme, the styles, the markup, the scripts), and its render-critical "
        "bytes: the whole document, which holds the article, page.css and before-paint.js.",
        "",
        table(floor_rows, ["page", "its text (KB)", "its article (KB)", "at load (KB)",
                           "at load, besides its text (KB)", "render-critical (KB)"]),
        "",
        f"First search on a phone: seconds from the first tap on search to the first result, over a "
        f"{SLOW_PHONE['kbps']} kbps link with a {SLOW_PHONE['rtt_ms']} ms round trip (the server's, shared by "
        f"every request, workers' included) and a 4x slower CPU; the reader taps search, taps the box if the "
        f"cursor is not in it, and types; median of {args.search_runs} runs.",
        "",
        table(first_rows, ["page and query", "tap", *(f"{name} (s)" for _, name in measured)]),
        "",
        f"First tap on a citation on the same phone (the reader's first touch of the page): seconds from the "
        f"tap on the page's first source number to its preview shown beside it / to the preview whole, with "
        f"the source's title and address; median of {args.search_runs} runs.",
        "",
        table(preview_rows, ["page", "tap", *(f"{name} (s)" for _, name in ours_measured)]),
        "",
        f"A second view of a page on the same phone, after the cache time: the page was opened once (and, with "
        f"the service worker, kept), then opened again with every file of the first view stale, as "
        f"{CACHE_TIME // 60} minutes later (GitHub Pages' max-age), and revalidated as Pages answers (ETag, "
        f"Last-Modified, 304); requests that reach the server until the network is idle, the bytes of their "
        f"bodies, and seconds from the navigation to the first text painted; median of {args.search_runs} runs. "
        f"Chromium checks the worker for an update (a request for sw.js) on its own schedule: counted when it "
        f"falls within the view.",
        "",
        table([[f"/{page}", "with" if worker else "without", f"{second_views[page, worker][0]:g}",
                kb(second_views[page, worker][1]), f"{second_views[page, worker][2]:.2f}"]
               for page, worker in itertools.product(SECOND_VIEWS, (True, False))],
              ["page", "service worker", "requests on the wire", "KB of bodies", "time to text (s)"]),
        "",
        "Search quality on the set of tests/search-quality.yml, by group: spelling (nukta and chandrabindu "
        "typed either way, English plurals in Devanagari, oblique forms), names (in either script), words "
        "(short words, inflected forms, headings' words), latin (Hindi typed in Latin letters, on the Hindi "
        "site), typos (a letter left out, swapped or wrong; two words written as one), ranking (the "
        "article before the lists, unless a date or a source is named), loanwords (English words and names "
        "written in Devanagari where the text writes them in Latin letters), english (English typed on the "
        "Hindi site where the text writes Devanagari), vowels (vowel signs written another way), questions "
        "(as readers ask them, in their own words) and stopwords (the little words of both languages, and "
        "stems that keep to their meaning): how many queries' top result "
        "(hit@1), or one of the top three (hit@3), lands on the page or section the reader wants. Stock "
        "Material searches both languages in one Lunr index with `language: hi`.",
        "",
        table([[group, str(quality["this site"][group]["queries"]),
                *(f"{quality[name][group][k]} ({quality[name][group][k] / quality[name][group]['queries']:.0%})"
                  for name in sites for k in (1, 3))]
               for group in quality["this site"]],
              ["group", "queries", *(f"{name} hit@{k}" for name in sites for k in (1, 3))]),
        "",
        f"A query, once the search text is loaded, on a {SLOW_PHONE_CPU}x slower CPU (DevTools' slowdown, with "
        f"the worker's code run on the page, since the slowdown does not reach workers), over the "
        f"{len(query_ms)} queries of the set: median {statistics.median(query_ms):.1f} ms, slowest "
        f"{max(query_ms):.1f} ms (budget 50 ms).",
        "",
    ])
    (ROOT / "BENCHMARKS.md").write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()
