/*
 * Search worker, in Material's place. It answers Material's set-up at once and loads, on the
 * first query, the search text of the reader's language (the `documents` parameter, from
 * site_build/search_text.py: each section's title and sentences, whether it is the article's,
 * the names and terms written in both scripts from data/search-terms.yml, the words that name a
 * date or a source, and the few words this worker says). partials/starter.html has the browser
 * fetch it as soon as the reader moves towards search.
 *
 * A word of the query finds the words of the text that words.js says it matches and, on the
 * Hindi site, the Hindi words with its loose key (typed in Latin letters: "niryat" finds
 * "निर्यात"); failing both, the words one edit away (two for long words: "deepsek"), or two words
 * written as one ("huggingface"). Those matches rank below exact ones, and the result says what
 * they matched. Results go back to Material in its own format: "Missing:" lists what the reader
 * typed, each result shows the one or two sentences that hold the match, and every result link
 * carries the words found (?h=) for the page to mark.
 */
importScripts("words.js")

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 // Material's SearchMessageType
const FAILED = "failed" // ours, which Material ignores: partials/starter.html says so on the page
const TITLE_WEIGHT = 10, PAGE_WEIGHT = 1.5, TOGETHER_WEIGHT = 2
const EXACT = 1, SPLIT = 0.8, LOOSE = 0.6, TYPO = 0.5 // how much a word found each way counts
const LEAD = 2
const SNIPPET = 200 // characters of a result's text, about four lines on a phone
const documentsUrl = new URL(new URL(location).searchParams.get("documents"), location)

let index
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

const escape = text => text.replace(/[&<>"']/g, char => `&#${char.charCodeAt(0)};`)
const wordsOf = text => Words.split(text).map(({word, at}) => ({word, at, stem: Words.key(word).stem}))

function prepare({docs, terms, dates, sources, labels}) {
  // Each word of a name or term, with the same word in its other spellings: "डीपसीक" → "deepseek".
  const spellings = new Map()
  const plainWords = spelling => Words.split(spelling).map(({word}) => word)
  for (const spelled of terms)
    for (const position of plainWords(spelled[0]).keys()) {
      const words = spelled.map(spelling => plainWords(spelling)[position])
      for (const each of words)
        spellings.set(Words.key(each).stem, words)
    }
  // Every stem of the text: how many sections hold it, and the words written with it.
  const vocabulary = new Map()
  const prepared = docs.map(doc => {
    const title = {text: doc.title, words: wordsOf(doc.title)}
    const sentences = doc.text.map(text => ({text, words: wordsOf(text)}))
    const counts = new Map() // stem → [in the title, in the text]
    for (const [part, sentence] of [[0, title], ...sentences.map(sentence => [1, sentence])])
      for (const {word, stem} of sentence.words) {
        const count = counts.get(stem) || counts.set(stem, [0, 0]).get(stem)
        count[part] += 1
        if (!vocabulary.has(stem))
          vocabulary.set(stem, {word, sections: 0, written: new Map()})
        const entry = vocabulary.get(stem)
        entry.written.set(word, (entry.written.get(word) || 0) + 1)
        if (entry.written.get(word) > entry.written.get(entry.word))
          entry.word = word // the way the text writes it most often
      }
    for (const stem of counts.keys())
      vocabulary.get(stem).sections += 1
    const length = sentences.reduce((sum, sentence) => sum + sentence.words.length, 0)
    return {...doc, page: doc.location.split("#")[0], title, sentences, counts, length}
  })
  const average = prepared.reduce((sum, doc) => sum + doc.length, 0) / prepared.length || 1
  prepared.forEach(doc => doc.length /= average)
  // The loose keys of the text's Hindi words of three letters or more, each with the words that
  // have it and their stems.
  const looseKeys = new Map()
  for (const [stem, entry] of vocabulary)
    for (const word of entry.written.keys()) {
      const key = /[\u0900-\u097f]/.test(word) && [...word].length > 2 && Words.loose(Words.fold(word))
      if (key)
        looseKeys.set(key, [...looseKeys.get(key) || [], {stem, word}])
    }
  return {
    spellings, vocabulary, looseKeys, labels, docs: prepared,
    dates: new Set(dates.map(word => Words.key(word).stem)),
    sources: sources.map(name => wordsOf(name).map(({stem}) => stem)),
  }
}

// Optimal string alignment distance between a and b, if it is at most `limit`; otherwise Infinity.
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit)
    return Infinity
  let before = [], previous = [...Array(b.length + 1).keys()]
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j], before[j - 2] + 1)
    }
    if (Math.min(...row) > limit)
      return Infinity
    before = previous
    previous = row
  }
  return previous[b.length] <= limit ? previous[b.length] : Infinity
}

// The stems of the text that a query word finds, each with how much it counts: exactly (as
// words.js says, with the word's other spellings) and loosely; failing both, with one or two
// edits, or as two words. `read`: the Hindi words each loosely found stem was read as;
// `corrected`: what the word was taken for, where it was found neither way.
function find(word) {
  const typed = Words.key(word)
  const keys = [typed]
  for (const [stem, words] of index.spellings)
    if (Words.matches(typed, stem))
      keys.push(...words.map(Words.key))
  const found = new Map()
  for (const stem of index.vocabulary.keys())
    if (keys.some(key => Words.matches(key, stem)))
      found.set(stem, EXACT)
  const folded = Words.fold(word), length = [...folded].length
  // Not for words of one or two letters, which would find too much ("ki": की, कि, के; "kai": के).
  const looseKey = length > 2 && Words.loose(folded), read = new Map() // stem → the words it was read as
  if (looseKey)
    for (const [key, words] of index.looseKeys)
      if (key === looseKey || (looseKey.length >= 4 && key.startsWith(looseKey)))
        for (const {stem, word} of words)
          if (!found.has(stem) || read.has(stem)) {
            found.set(stem, LOOSE)
            read.set(stem, [...read.get(stem) || [], word])
          }
  if (found.size || length < 4)
    return {word, found, read, corrected: null}

  if (length >= 5) {
    const limit = length >= 8 ? 2 : 1
    const near = [...index.vocabulary].map(([stem, entry]) => ({stem, entry, edits: distance(typed.stem, stem, limit)}))
      .filter(({edits}) => edits < Infinity)
    const fewest = Math.min(...near.map(({edits}) => edits))
    const nearest = near.filter(({edits}) => edits === fewest) // "lightening": Lightning, not tighter
    nearest.forEach(({stem}) => found.set(stem, TYPO))
    if (found.size)
      return {word, found, read, corrected: nearest.sort((a, b) => b.entry.sections - a.entry.sections)[0].entry.word}
  }
  // Two words written as one: "huggingface" → "hugging face", "01ai" → "01 ai".
  const letters = [...folded]
  for (let cut = 2; cut <= letters.length - 2; cut++) {
    const parts = [letters.slice(0, cut).join(""), letters.slice(cut).join("")].map(Words.key)
    const stems = parts.map(part => index.vocabulary.has(part.stem) ? part.stem : null)
    if (stems.every(Boolean)) {
      stems.forEach(stem => found.set(stem, SPLIT))
      return {word, found, read, corrected: stems.map(stem => index.vocabulary.get(stem).word).join(" ")}
    }
  }
  return {word, found, read, corrected: null}
}

// How much more of a word counts, the more often a section holds it, in a section of `length`
// words against the average (BM25's saturation and length normalisation).
const saturate = (frequency, length = 1) => frequency / (frequency + 1.2 * (0.5 + 0.5 * length))

// How often a section holds a query word, weighted by how the word was found; a word in the
// section's first sentence counts LEAD more times (the section opens with it: it is about it).
function occurrences(doc, words) {
  let title = 0, text = 0, weight = 0
  for (const [stem, counts] of doc.counts) {
    const found = words.found.get(stem)
    if (found) {
      title += counts[0]
      text += counts[1]
      weight = Math.max(weight, found)
    }
  }
  if (doc.sentences.length && doc.sentences[0].words.some(({stem}) => words.found.has(stem)))
    text += LEAD
  return {title, text, weight}
}

// Whether the section's title or a sentence holds the query's words in the order typed, at most
// two other words apart ("AI प्लेटफॉर्म" in "AI 2.0 प्लेटफॉर्म").
function together(doc, words) {
  return [doc.title, ...doc.sentences].some(sentence => {
    let next = 0, last = -1
    sentence.words.forEach(({stem}, at) => {
      if (next < words.length && words[next].found.has(stem) && (next === 0 || at - last <= 3)) {
        next += 1
        last = at
      } else if (next > 0 && next < words.length && at - last > 3) {
        next = words[0].found.has(stem) ? 1 : 0
        last = at
      }
    })
    return next === words.length
  })
}

// Whether the query names the section's topic: its title holds every query word, and the query
// every word of its title (but numbers and words of one or two letters).
function namesTopic(doc, words) {
  const title = doc.title.words.filter(({word}) => [...word].length > 2 && !/^\d+$/.test(word))
  return title.length > 0 && title.every(({stem}) => words.some(each => each.found.has(stem)))
    && words.every(each => doc.title.words.some(({stem}) => each.found.has(stem)))
}

// Whether some query words name a date (a year, a month) or a source (all words of its name).
function namesDateOrSource(words) {
  const stems = new Set(words.map(each => Words.key(each.word).stem))
  return words.some(each => /^\d{4}$/.test(each.word) || index.dates.has(Words.key(each.word).stem))
    || index.sources.some(name => name.every(stem => stems.has(stem)))
}

// One or two sentences around the words found, in at most SNIPPET characters, the words marked.
function snippet(doc, isFound) {
  if (!doc.sentences.length)
    return ""
  const hits = sentence => new Set(sentence.words.filter(({stem}) => isFound(stem)).map(({stem}) => stem)).size
  let best = 0
  doc.sentences.forEach((sentence, n) => {
    if (hits(sentence) > hits(doc.sentences[best]))
      best = n
  })
  let chosen = [doc.sentences[best]]
  const next = doc.sentences[best + 1]
  if (next && chosen[0].text.length + next.text.length < SNIPPET)
    chosen.push(next)
  const parts = chosen.map(sentence => {
    const first = sentence.words.find(({stem}) => isFound(stem))
    let from = 0, to = sentence.text.length
    if (to > SNIPPET) { // a long sentence: a window around its first match, cut at spaces
      from = Math.max(0, (first ? first.at : 0) - SNIPPET / 3)
      from = from ? sentence.text.indexOf(" ", from) + 1 : 0
      to = Math.min(to, from + SNIPPET)
      to = to < sentence.text.length && sentence.text.lastIndexOf(" ", to) > from ? sentence.text.lastIndexOf(" ", to) : to
    }
    const words = sentence.words.filter(({word, at}) => at >= from && at + word.length <= to)
      .map(each => ({...each, at: each.at - from}))
    return (from ? "… " : "") + marked(sentence.text.slice(from, to), words, isFound) + (to < sentence.text.length ? " …" : "")
  })
  return `<p>${parts.join(" ")}</p>`
}

// A text escaped, with the words that `isFound` accepts marked (`words`: its words and their places).
const marked = (text, words, isFound) => {
  let html = "", at = 0
  for (const {word, at: start, stem} of words)
    if (isFound(stem)) {
      html += escape(text.slice(at, start)) + `<mark>${escape(word)}</mark>`
      at = start + word.length
    }
  return html + escape(text.slice(at))
}

function search(query) {
  const words = Words.split(query.normalize("NFC")).map(({word}) => find(word))
  if (!words.length)
    return {items: []}
  const rarity = words.map(each => {
    const sections = Math.max(1, ...[...each.found.keys()].map(stem => index.vocabulary.get(stem).sections))
    return Math.log(1 + index.docs.length / sections)
  })
  const datedOrSourced = namesDateOrSource(words)
  const items = []
  for (const doc of index.docs) {
    let score = 0, held = 0, exactly = 0
    const terms = {}
    words.forEach((each, n) => {
      const {title, text, weight} = occurrences(doc, each)
      terms[each.word] = title + text > 0
      held += terms[each.word]
      exactly += weight === EXACT
      score += rarity[n] * weight * (TITLE_WEIGHT * saturate(title) + saturate(text, doc.length))
    })
    if (!score)
      continue
    if (words.length > 1 && together(doc, words))
      score *= TOGETHER_WEIGHT

    // A page's opening comes a little before its sections.
    score *= (doc.page === doc.location ? PAGE_WEIGHT : 1)
    items.push({doc, terms, score, held, exactly, topic: namesTopic(doc, words), after: Boolean(doc.article) === datedOrSourced})
  }
  // Sections that hold more of the reader's words first; of those, one whose title the query
  // names; then the article's before the site's own pages and lists (timeline, references, the
  // home page's facts), or after them if the query names a date or a source; then those that
  // hold more words as typed (not loosely or with edits); then by score.
  items.sort((a, b) => b.held - a.held || b.topic - a.topic || a.after - b.after || b.exactly - a.exactly
    || b.score - a.score)

  // Grouped by page, best first; every group holds its page, which shows what the group found.
  const groups = new Map()
  for (const item of items)
    groups.set(item.doc.page, [...groups.get(item.doc.page) || [], item])
  // The page marks the words that were found: as typed, or those the reader's words were taken for.
  const h = [...new Set(words.flatMap(each => each.corrected ? each.corrected.split(" ")
    : [each.word, ...[...each.read.values()].flat()]))].join(" ")
  const corrected = words.some(each => each.corrected) &&
    index.labels.corrected.replace("{words}", escape(words.map(each => each.corrected || each.word).join(" ")))
  const isFoundIn = terms => stem => words.some(each => terms[each.word] && each.found.has(stem))
  return {
    items: [...groups.entries()].map(([page, group], n) => {
      if (!group.some(item => item.doc.location === page)) {
        const terms = Object.fromEntries(words.map(each => [each.word, group.some(item => item.terms[each.word])]))
        group.push({doc: index.docs.find(doc => doc.location === page), terms, score: 0})
      }
      return group.map(({doc, terms, score}, m) => {
        const [path, section] = doc.location.split("#")
        const isFound = isFoundIn(terms)
        // What the reader's Latin letters were read as, where this section holds it: "niryat → निर्यात".
        const read = words.map(each => [each.word, [...each.read].filter(([stem]) => doc.counts.has(stem)).flatMap(([, read]) => read)])
          .filter(([, read]) => read.length).map(([word, read]) => `${escape(word)} → ${escape(read.slice(0, 2).join(", "))}`)
        // Material shows a page's own text only when no section of it is listed: the first group's
        // page and its first section both say what the query was taken for, and one of them shows.
        const first = n === 0 && (m === 0 || doc.location === page)
        const notes = [first && corrected, read.length && read.join(" · ")].filter(Boolean)
        return {
          location: `${path}?h=${encodeURIComponent(h)}${section ? "#" + section : ""}`,
          title: marked(doc.title.text, doc.title.words, isFound),
          text: notes.map(note => `<p class="search-note">${note}</p>`).join("") + snippet(doc, isFound),
          score, terms,
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
