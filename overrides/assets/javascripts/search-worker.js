/*
 * Search worker, in Material's place. It answers Material's set-up at once and loads, on the
 * first query, the search text of the reader's language (the `documents` parameter, from
 * site_build/search_text.py: the pages' sections, and the names and terms written in both scripts, from
 * data/search-terms.yml). partials/starter.html has the browser fetch it as soon as the reader
 * moves towards search. Words are compared as words.js says; results go back to Material in its
 * own format, with the reader's words: "Missing:" lists what they typed, marks cover whole
 * words, and every result link carries the query (?h=) for the page to mark.
 */
importScripts("words.js")

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 // Material's SearchMessageType
const FAILED = "failed" // ours, which Material ignores: partials/starter.html says so on the page
const TITLE_WEIGHT = 10, PAGE_WEIGHT = 1.5
const documentsUrl = new URL(new URL(location).searchParams.get("documents"), location)

let index // {docs: [{location, title, text, page, stems: {title: [...], text: [...]}}], spellings: Map}
let loading

// A failure is forgotten, so that the reader's next keystroke tries again.
function load() {
  loading ||= fetch(documentsUrl)
    .then(response => {
      if (!response.ok)
        throw new Error(`${response.status} ${response.url}`)
      return response.json()
    })
    .then(data => index = prepare(data))
    .catch(error => {
      loading = undefined
      throw error
    })
  return loading
}

// The words of the search text's HTML: tags out, character references read.
const ENTITIES = {amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0"}
const plain = html => html.replace(/<[^>]*>/g, " ").replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name) =>
  name[0] !== "#" ? ENTITIES[name.toLowerCase()] ?? entity
    : String.fromCodePoint(name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)))
const stems = text => Words.split(text).map(({word}) => Words.key(word).stem)

function prepare({docs, terms}) {
  // Each word of a name or term, with the same word in its other spellings: "डीपसीक" → "deepseek".
  const spellings = new Map()
  const wordsOf = spelling => Words.split(spelling).map(({word}) => word)
  for (const spelled of terms)
    for (const position of wordsOf(spelled[0]).keys()) {
      const words = spelled.map(spelling => wordsOf(spelling)[position])
      for (const each of words)
        spellings.set(Words.key(each).stem, words)
    }
  return {
    spellings,
    docs: docs.map(doc => ({
      ...doc, page: doc.location.split("#")[0],
      stems: {title: stems(plain(doc.title)), text: stems(plain(doc.text))},
    })),
  }
}

// The reader's words, each with every spelling it may take in the text.
function readQuery(query) {
  return Words.split(query.normalize("NFC")).map(({word}) => {
    const typed = Words.key(word)
    const alternatives = [typed]
    for (const [stem, words] of index.spellings)
      if (Words.matches(typed, stem))
        alternatives.push(...words.map(Words.key))
    return {word, alternatives}
  })
}

const count = (words, list) => list.filter(stem => words.alternatives.some(key => Words.matches(key, stem))).length
const saturate = frequency => frequency / (frequency + 1.2)

function search(query) {
  const words = readQuery(query)
  if (!words.length)
    return {items: []}
  const rarity = words.map(each => {
    const found = index.docs.filter(doc => count(each, doc.stems.title) + count(each, doc.stems.text)).length
    return Math.log(1 + index.docs.length / (found || 1))
  })
  const items = []
  for (const doc of index.docs) {
    let score = 0
    const terms = {}
    words.forEach((each, n) => {
      const title = count(each, doc.stems.title), text = count(each, doc.stems.text)
      terms[each.word] = title + text > 0
      score += rarity[n] * (TITLE_WEIGHT * saturate(title) + saturate(text))
    })
    if (!score)
      continue
    // A section that holds all the reader's words comes before one that holds some; a page's
    // opening comes a little before its sections.
    const share = Object.values(terms).filter(Boolean).length / words.length
    items.push({doc, terms, score: score * share ** 2 * (doc.page === doc.location ? PAGE_WEIGHT : 1)})
  }
  items.sort((a, b) => b.score - a.score)

  // Grouped by page, best first; every group holds its page, which shows what the group found.
  const groups = new Map()
  for (const item of items)
    groups.set(item.doc.page, [...groups.get(item.doc.page) || [], item])
  const h = words.map(each => each.word).join(" ")
  const marked = (html, terms) => Words.mark(html, stem => words.some(each =>
    terms[each.word] && each.alternatives.some(key => Words.matches(key, stem))))
  return {
    items: [...groups.entries()].map(([page, group]) => {
      if (!group.some(item => item.doc.location === page)) {
        const terms = Object.fromEntries(words.map(each => [each.word, group.some(item => item.terms[each.word])]))
        group.push({doc: index.docs.find(doc => doc.location === page), terms, score: 0})
      }
      return group.map(({doc, terms, score}) => {
        const [path, section] = doc.location.split("#")
        return {
          location: `${path}?h=${encodeURIComponent(h)}${section ? "#" + section : ""}`,
          title: marked(doc.title, terms), text: marked(doc.text, terms), score, terms,
        }
      })
    }),
  }
}

addEventListener("message", ev => {
  if (ev.data.type === SETUP) {
    postMessage({type: READY})
  } else if (ev.data.type === QUERY && !ev.data.data.trim()) {
    postMessage({type: RESULT, data: {items: []}}) // Material asks with an empty query at start
  } else if (ev.data.type === QUERY) {
    // Every query ends in results (maybe none) or, if loading or searching failed, in FAILED.
    load().then(() => search(ev.data.data))
      .then(data => postMessage({type: RESULT, data}))
      .catch(error => {
        postMessage({type: FAILED})
        throw error // for the console
      })
  }
})
