"""Search quality: what a site's own search worker answers to a set of queries.

The worker is driven the way Material's script drives it (set-up with the search index and
Material's options, then one query at a time) from
a page of the site, so that this site's worker and stock Material's Lunr worker are measured the
same way. Used by tests/test_search_quality.py and ./dev bench.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml

ASK = """async queries => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const base = new URL(config.base, location)
  const setup = {...await (await fetch(new URL("search/search_index.json", base))).json(), options: {suggest: false}}
  const worker = new Worker(new URL(config.search, location))
  const next = type => new Promise(resolve => worker.addEventListener("message", function answer(ev) {
    if (ev.data.type === type) { worker.removeEventListener("message", answer); resolve(ev.data.data) }
  }))
  worker.postMessage({type: 0, data: setup})
  await next(1)
  const answers = []
  for (const query of queries) {
    worker.postMessage({type: 2, data: query})
    const result = await next(3)
    answers.push(result.items.map(group => group.map(item => item.location)))
  }
  worker.terminate()
  return answers
}"""

# The search worker's own code run on the page, where DevTools' CPU slowdown applies (it does not
# apply to workers): milliseconds for each query, after a first one that loads the search text.
TIME = """async queries => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const workerUrl = new URL(config.search, location)
  const code = await Promise.all([new URL("words.js", workerUrl), workerUrl].map(async url => (await fetch(url)).text()))
  let listener, answer
  new Function("location", "importScripts", "addEventListener", "postMessage", code.join("\\n"))(
    workerUrl.href, () => {}, (type, handler) => listener = handler, message => message.type === 3 && answer(message.data))
  const ask = query => new Promise(resolve => {
    answer = resolve
    listener({data: {type: 2, data: query}})
  })
  await ask(queries[0])
  const times = []
  for (const query of queries) {
    const asked = performance.now()
    await ask(query)
    times.push(performance.now() - asked)
  }
  return times
}"""


CASES = Path(__file__).resolve().parent.parent / "tests" / "search-quality.yml"


@dataclass
class Case:
    group: str  # what it tries: spelling, names, words, latin (Hindi in Latin letters), typos, ranking,
    # loanwords (English in Devanagari), english (on the Hindi site), vowels, questions, stopwords
    lang: str
    query: str
    expect: tuple[str, ...]  # pages, or sections where it matters ("reasons/#compute"), from the language's home
    why: str


def cases() -> list[Case]:
    return [Case(item["group"], item["lang"], item["query"], tuple(item["expect"]), item["why"])
            for item in yaml.safe_load(CASES.read_text(encoding="utf-8"))]


def lands_first(result: list[list[str]], expected: list[str], k: int) -> bool:
    """Whether one of the first k result groups lands on one of the expected places."""
    return any(hits(result, place, k) for place in expected)


def answers(browser, home_url: str, queries: list[str]) -> list[list[list[str]]]:
    """For each query, the result groups (best first), each the locations of its items (best
    first), as absolute paths without the highlighting query string."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(home_url)
        base = page.evaluate("new URL(JSON.parse(document.getElementById('__config').textContent).base, location).href")
        groups = page.evaluate(ASK, queries)
    finally:
        context.close()
    return [[[path(base, location) for location in group] for group in result] for result in groups]


def query_times(browser, home_url: str, queries: list[str], slowdown: float) -> list[float]:
    """Milliseconds this site's search takes to answer each query, its text loaded, on a CPU
    `slowdown` times slower (the page's policy set aside, to run the worker's code on the page)."""
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(home_url)
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        return page.evaluate(TIME, queries)
    finally:
        context.close()


def path(base: str, location: str) -> str:
    url = urlsplit(urljoin(base, location))
    return url.path + (f"#{url.fragment}" if url.fragment else "")


def lands(group: list[str], expected: str) -> bool:
    """A result group lands on the expected page, and on its section when one is expected: the
    group's best item is that section."""
    page = group[0].split("#")[0]
    if "#" in expected:
        return group[0] == expected
    return page == expected


def hits(result: list[list[str]], expected: str, k: int) -> bool:
    return any(lands(group, expected) for group in result[:k])
