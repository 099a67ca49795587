/*
 * Search worker, in Material's place. It answers Material's set-up at once and loads, on the
 * first query, the search text of the reader's language (the `documents` parameter, from
 * site_build/search_text.py: each section's title and sentences, whether it is the article's,
 * the names and terms written in both scripts from data/search-terms.yml, the words that name a
 * date or a source, and the few words this worker says). partials/starter.html has the browser
 * fetch it as soon as the reader moves towards search.
 *
 * The little words of a query (words.js) are left out, unless they are all it has. A word of the
 * query finds the words of the text that words.js says it matches, with its other spellings
 * (search-terms.yml). A word in Latin letters also finds, on the Hindi site, the Hindi
 * words with its loose key ("niryat" finds "निर्यात") or, failing that, the Devanagari words with
 * its consonants ("model" finds "मॉडल"); a Devanagari word found nowhere finds the words with its
 * loose key or its consonants, in either script ("माडल" finds "मॉडल", "टेंसेंट" finds "Tencent"), or
 * the Latin letters it names ("आईपीओ" finds "IPO"). A word found no way at all may be two words
 * written as one ("huggingface") or, failing that, one edit away (two for long words: "deepsek").
 * Sections holding more of the words rank first, then those holding more of them in one sentence;
 * words found loosely rank below those found as typed, and the first result says how they were
 * read or what they were taken for, each once, in one line. Results go back to Material in its
 * own format: "Missing:" lists what the reader typed (for a query of a few words), each result
 * shows the one or two sentences that hold the match, and every result link carries the words
 * found, in the text's own script too (?h=), for the page to mark.
 *
 * Any input is bounded: a query counts its first MOST_WORDS different words, each to LONGEST
 * characters, and looks for typos in at most MOST_TYPOS of them.
 */
importScripts("words.js")

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 // Material's SearchMessageType
const FAILED = "failed" // ours, which Material ignores: partials/starter.html says so on the page
const TITLE_WEIGHT = 10, PAGE_WEIGHT = 1.5, TOGETHER_WEIGHT = 2
// How much a word found each way counts: as typed (or as the text's other spelling of it), by
// its stem or as the start of a word, as two words written as one, loosely, with edits.
const TYPED = 1, STEM = 0.9, SPLIT = 0.8, LOOSE = 0.6, TYPO = 0.5
const LEAD = 2
const SNIPPET = 200 // characters of a result's text, about four lines on a phone
const NOTE = 44 // characters of the note that says how words were read: a line on a phone
const LONGEST = 40, MOST_WORDS = 64, MOST_TYPOS = 8
const MISSING_UP_TO = 5 // words of a query for which Material says what a result lacks
const DEVANAGARI = /[\u0900-\u097f]/
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
const sentence = text => ({text, words: Words.split(text).map(({word, at}) => ({word, at, ...Words.key(word)}))})
const push = (map, key, value) => map.set(key, [...map.get(key) || [], value])

function prepare({docs, terms, dates, sources, labels}) {
  // Each word of a name or term, with the same word in its other spellings: "डीपसीक" → "DeepSeek".
  const spellings = new Map()
  const plainWords = spelling => Words.split(spelling).map(({word}) => word)
  for (const spelled of terms)
    for (const position of plainWords(spelled[0]).keys()) {
      // (a spelling that a newer Unicode splits otherwise than the build's loses the word)
      const words = spelled.map(spelling => plainWords(spelling)[position]).filter(Boolean)
      for (const each of words)
        spellings.set(Words.key(each).stem, words)
    }
  // Every word of the text, folded: its stem, how many sections hold it, how it is written, where.
  const vocabulary = new Map(), postings = new Map() // fold → [section, in the title, in the text, in its lead]
  const prepared = docs.map(doc => {
    const title = sentence(doc.title), sentences = doc.text.map(sentence)
    const counts = new Map() // fold → [in the title, in the text]
    for (const [part, words] of [[0, title.words], ...sentences.map(each => [1, each.words])])
      for (const {word, fold, stem} of words) {
        const count = counts.get(fold) || counts.set(fold, [0, 0]).get(fold)
        count[part] += 1
        const entry = vocabulary.get(fold) || vocabulary.set(fold, {stem, word, sections: 0, written: new Map()}).get(fold)
        entry.written.set(word, (entry.written.get(word) || 0) + 1)
        if (entry.written.get(word) > entry.written.get(entry.word))
          entry.word = word // the way the text writes it most often
      }
    const length = sentences.reduce((sum, each) => sum + each.words.length, 0)
    const lead = new Set(sentences.length ? sentences[0].words.map(({fold}) => fold) : [])
    const prepared = {...doc, page: doc.location.split("#")[0], title, sentences, length, named: (doc.named || []).map(sentence)}
    for (const [fold, [inTitle, inText]] of counts) {
      vocabulary.get(fold).sections += 1
      push(postings, fold, [prepared, inTitle, inText, lead.has(fold)])
    }
    return prepared
  })
  const average = prepared.reduce((sum, doc) => sum + doc.length, 0) / prepared.length || 1
  prepared.forEach(doc => doc.length /= average)
  // The folds by stem; by loose key (the Hindi words of three letters or more); by consonants.
  const stems = new Map(), looseKeys = new Map(), consonantKeys = new Map()
  for (const [fold, {stem}] of vocabulary) {
    push(stems, stem, fold)
    if (DEVANAGARI.test(fold) && [...fold].length > 2)
      push(looseKeys, Words.loose(fold), fold)
    for (const key of new Set([Words.consonants(fold), Words.consonants(stem)]))
      if (key)
        push(consonantKeys, key, fold)
  }
  const byLength = [] // the stems and their folds, by the stem's length (for typos)
  for (const entry of stems)
    (byLength[entry[0].length] ||= []).push(entry)
  return {
    spellings, vocabulary, postings, stems, byLength: Array.from(byLength, each => each || []), looseKeys, consonantKeys,
    labels, docs: prepared,
    folds: [...vocabulary.keys()].sort(), looseSorted: [...looseKeys.keys()].sort(),
    dates: new Set(dates.map(word => Words.key(word).stem)),
    // (not those, like "01.AI", whose every word most sections hold: they name no list)
    sources: sources.map(name => sentence(name).words).filter(words => words.some(({fold}) =>
      !vocabulary.has(fold) || vocabulary.get(fold).sections <= prepared.length / 2)).map(words => words.map(({stem}) => stem)),
  }
}

// The strings of a sorted list that start with `prefix`.
function startingWith(sorted, prefix) {
  let low = 0, high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (sorted[middle] < prefix)
      low = middle + 1
    else
      high = middle
  }
  const found = []
  while (low < sorted.length && sorted[low].startsWith(prefix))
    found.push(sorted[low++])
  return found
}

// Optimal string alignment distance between a and b, if it is at most `limit`; otherwise Infinity.
const rows = [0, 1, 2].map(() => new Int32Array(LONGEST + 1)) // a query word is at most LONGEST long
function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit || b.length > LONGEST)
    return Infinity
  let [before, previous, row] = rows
  for (let j = 0; j <= b.length; j++)
    previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    let least = i
    for (let j = 1; j <= b.length; j++) {
      let cell = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        cell = Math.min(cell, before[j - 2] + 1)
      row[j] = cell
      least = Math.min(least, cell)
    }
    if (least > limit)
      return Infinity
    ;[before, previous, row] = [previous, row, before]
  }
  return previous[b.length] <= limit ? previous[b.length] : Infinity
}

// The words of the text that a query word finds, each with how much it counts (`found`: fold →
// weight); `marks`: the words the page it opens marks; `read`: the text's words it was read as,
// where it was read loosely.
function find(word) {
  const typed = Words.key(word), latin = !DEVANAGARI.test(typed.fold)
  const found = new Map(), read = []
  const add = (folds, weight) => folds.forEach(fold => (found.get(fold) || 0) < weight && found.set(fold, weight))
  // As typed, by its stem or as the start of a word; then the same for its other spellings.
  const spelled = [...index.spellings].filter(([stem]) => Words.matches(typed, {stem, fold: stem})).flatMap(([, words]) => words)
  for (const key of [typed, ...spelled.map(Words.key)]) {
    add(index.stems.get(key.stem) || [], STEM)
    if (!key.whole)
      add(startingWith(index.folds, key.fold), STEM)
    if (index.vocabulary.has(key.fold))
      add([key.fold], TYPED)
  }
  const marks = found.size ? [word, ...spelled] : []
  // (the words most sections hold first: the note names the first)
  const readAs = (folds, weight) => {
    const more = folds.filter(fold => !found.has(fold)).sort((a, b) => index.vocabulary.get(b).sections - index.vocabulary.get(a).sections)
    const written = [...new Set(more.map(fold => index.vocabulary.get(fold).word))]
    add(more, weight)
    read.push(...written)
    marks.push(...written)
  }
  // In Latin letters and not yet found in Devanagari (through another spelling), or found nowhere.
  const unread = latin ? ![...found.keys()].some(fold => DEVANAGARI.test(fold)) : !found.size
  // Not for words of one or two letters, which would find too much ("ki": की, कि, के; "kai": के).
  if (unread && [...typed.fold].length > 2) {
    const loosely = key => [...index.looseKeys.get(key) || [], ...key.length >= 4 ? startingWith(index.looseSorted, key)
      .filter(each => each !== key).flatMap(each => index.looseKeys.get(each)) : []]
    const key = Words.loose(typed.fold), folds = loosely(key)
    // a final "a" typed where Hindi writes none: "rajasva", राजस्व
    readAs(folds.length || !key.endsWith("a") ? folds : loosely(key.slice(0, -1)), LOOSE)
  }
  if (unread && !read.length) {
    const letters = !latin && Words.spelled(typed.fold)
    readAs([...letters && index.stems.get(Words.key(letters).stem) || [], ...nearestByConsonants(typed, latin)], LOOSE)
  }
  return {word, typed, found, read, marks, corrected: null}
}

// The words with a query word's consonants (in Devanagari, for a word in Latin letters) whose
// loose keys are nearest its own: "source" finds सोर्स, not शीर्ष.
function nearestByConsonants(typed, latin) {
  const keys = new Set([Words.consonants(typed.fold), Words.consonants(typed.stem)])
  const folds = [...keys].flatMap(key => key && index.consonantKeys.get(key) || [])
    .filter(fold => !latin || DEVANAGARI.test(fold))
  const looseKey = Words.loose(typed.fold), edits = new Map() // stem → fewest edits of its words
  for (const fold of folds) {
    const stem = index.vocabulary.get(fold).stem
    edits.set(stem, Math.min(edits.get(stem) ?? Infinity, distance(looseKey, Words.loose(fold), LONGEST)))
  }
  const fewest = Math.min(...edits.values())
  return [...edits].filter(([, count]) => count === fewest).flatMap(([stem]) => index.stems.get(stem))
}

// A word found no other way: two words written as one ("huggingface" → "hugging face", "01ai" →
// "01 ai"), or the words one or two edits away.
const written = fold => index.vocabulary.get(fold).word

// Two words written as one ("digitalhumans", "Kaifu"): both looked for; the two as written, or "".
function splitInTwo(each) {
  const letters = [...each.typed.fold]
  for (let cut = 2; cut <= letters.length - 2; cut++) {
    const parts = [letters.slice(0, cut).join(""), letters.slice(cut).join("")].map(part => index.stems.get(Words.key(part).stem))
    if (parts.every(Boolean)) {
      parts.forEach(folds => folds.forEach(fold => each.found.has(fold) || each.found.set(fold, SPLIT)))
      return parts.map(folds => written(folds[0])).join(" ")
    }
  }
  return ""
}

// How many sections hold the word found, in the form that most hold (at least 1).
const sections = each => Math.max(1, ...[...each.found.keys()].map(fold => index.vocabulary.get(fold).sections))

function correct(each) {
  const letters = [...each.typed.fold]
  each.corrected = splitInTwo(each)
  if (!each.corrected && letters.length >= 5 && !each.typed.whole) {
    const limit = letters.length >= 8 ? 2 : 1
    let fewest = limit, nearest = [] // "lightening": Lightning, not tighter
    const length = each.typed.stem.length, near = index.byLength.slice(Math.max(0, length - limit), length + limit + 1)
    for (const [stem, folds] of near.flat()) {
      const edits = distance(each.typed.stem, stem, fewest)
      if (edits < fewest)
        [fewest, nearest] = [edits, []]
      if (edits === fewest)
        nearest.push(...folds)
    }
    nearest.forEach(fold => each.found.set(fold, TYPO))
    if (nearest.length)
      each.corrected = written(nearest.sort((a, b) => index.vocabulary.get(b).sections - index.vocabulary.get(a).sections)[0])
  }
  if (each.corrected)
    each.marks = each.corrected.split(" ")
}

// How much more of a word counts, the more often a section holds it, in a section of `length`
// words against the average (BM25's saturation and length normalisation).
const saturate = (frequency, length = 1) => frequency / (frequency + 1.2 * (0.5 + 0.5 * length))

// For each section that holds a query word: how often, in its title and text, and how it was
// found at best; a word in the section's first sentence counts LEAD more times (the section
// opens with it: it is about it).
function occurrences(words) {
  const held = new Map() // section → {title, text, weight}
  for (const [fold, weight] of words.found)
    for (const [doc, title, text, lead] of index.postings.get(fold)) {
      const count = held.get(doc) || held.set(doc, {title: 0, text: 0, weight: 0, lead: false}).get(doc)
      count.title += title
      count.text += text
      count.weight = Math.max(count.weight, weight)
      count.lead ||= lead
    }
  held.forEach(count => count.text += count.lead ? LEAD : 0)
  return held
}

// Whether the section's title or a sentence holds the query's words in the order typed, at most
// two other words apart ("AI प्लेटफॉर्म" in "AI 2.0 प्लेटफॉर्म").
function together(doc, words) {
  return [doc.title, ...doc.sentences].some(sentence => {
    let next = 0, last = -1
    sentence.words.forEach(({fold}, at) => {
      if (next < words.length && words[next].found.has(fold) && (next === 0 || at - last <= 3)) {
        next += 1
        last = at
      } else if (next > 0 && next < words.length && at - last > 3) {
        next = words[0].found.has(fold) ? 1 : 0
        last = at
      }
    })
    return next === words.length
  })
}

// The most query words that one sentence of the section (or its title) holds.
const mostInOneSentence = (doc, words) => Math.max(...[doc.title, ...doc.sentences].map(({words: written}) =>
  words.filter(each => written.some(({fold}) => each.found.has(fold))).length))

// Whether the query names the section's topic: its title, or a label of its fact box, holds every
// query word, and the query every word of it (but numbers and words of one or two letters).
function namesTopic(doc, words) {
  return [doc.title, ...doc.named].some(line => {
    const named = line.words.filter(({word}) => [...word].length > 2 && !/^\d+$/.test(word))
    return named.length > 0 && named.every(({fold}) => words.some(each => each.found.has(fold)))
      && words.every(each => line.words.some(({fold}) => each.found.has(fold)))
  })
}

// Whether some query words name a date (a year, a month) or a source (all words of its name).
function namesDateOrSource(words) {
  const stems = new Set(words.map(each => each.typed.stem))
  return words.some(each => /^\d{4}$/.test(each.typed.fold) || index.dates.has(each.typed.stem))
    || index.sources.some(name => name.every(stem => stems.has(stem)))
}

// The parts of a long sentence shown around its first match, in at most SNIPPET characters, cut
// at spaces, beginning where a clause begins if one ends with a colon before the match; else, if
// the sentence lists things after a colon, with the words that introduce the list ("we did not
// find: … a shutdown or a sale").
function windowed(text, first) {
  const cutAt = (at, forward) => forward ? text.indexOf(" ", at) + 1 : text.lastIndexOf(" ", at)
  let from = Math.max(0, first - SNIPPET / 3)
  from = from ? cutAt(from, true) : 0
  const clause = text.indexOf(": ", from), atClause = clause >= 0 && clause < first
  if (atClause)
    from = clause + 2
  const colon = atClause ? -1 : text.lastIndexOf(":", from - 1)
  const opening = colon > 0 ? text.lastIndexOf(":", colon - 1) + 1 : 0
  const lead = colon > 0 && colon - opening < SNIPPET / 2 && [opening + (text[opening] === " "), colon + 1]
  let to = Math.min(text.length, from + SNIPPET - (lead ? lead[1] - lead[0] : 0))
  to = to < text.length && cutAt(to, false) > from ? cutAt(to, false) : to
  return lead && lead[1] < from ? [lead, [from, to]] : [[lead ? lead[0] : from, to]]
}

// One or two sentences around the words found, in at most SNIPPET characters, the words marked.
function snippet(doc, isFound) {
  if (!doc.sentences.length)
    return ""
  const hits = doc.sentences.map(sentence => new Set(sentence.words.filter(({fold}) => isFound(fold)).map(({fold}) => fold)).size)
  const best = hits.indexOf(Math.max(...hits))
  const chosen = [doc.sentences[best]]
  const next = doc.sentences[best + 1]
  if (next && chosen[0].text.length + next.text.length < SNIPPET)
    chosen.push(next)
  const parts = chosen.map(({text, words}) => {
    const first = words.find(({fold}) => isFound(fold))
    const spans = text.length > SNIPPET ? windowed(text, first ? first.at : 0) : [[0, text.length]]
    const shown = spans.map(([from, to]) => marked(text.slice(from, to),
      words.filter(({word, at}) => at >= from && at + word.length <= to).map(each => ({...each, at: each.at - from})), isFound))
    return (spans[0][0] ? "… " : "") + shown.join(" … ") + (spans[spans.length - 1][1] < text.length ? " …" : "")
  })
  return `<p>${parts.join(" ")}</p>`
}

// A text escaped, with the words that `isFound` accepts marked (`words`: its words and their places).
const marked = (text, words, isFound) => {
  let html = "", at = 0
  for (const {word, at: start, fold} of words)
    if (isFound(fold)) {
      html += escape(text.slice(at, start)) + `<mark>${escape(word)}</mark>`
      at = start + word.length
    }
  return html + escape(text.slice(at))
}

// What the first result says of how the query was taken, in at most NOTE characters: "Showing
// results for …" (the query as taken if it fits, else only the words taken for others), then
// each reading once, by the word most sections hold ("niryat → निर्यात").
function note(words) {
  const taken = words.map(each => each.corrected || each.word).join(" ")
  const corrected = words.filter(each => each.corrected).map(each => each.corrected)
  const label = corrected.length && index.labels.corrected.replace("{words}", taken.length <= NOTE ? taken
    : [...new Set(corrected)].join(", "))
  const readings = [...new Set(words.filter(each => each.read.length).map(each => `${each.word} → ${each.read[0]}`))]
  let line = ""
  for (const part of [label, ...readings].filter(Boolean)) {
    const longer = line ? `${line} · ${part}` : part
    if (longer.length > NOTE) {
      line = line ? `${line} …` : part.slice(0, part.lastIndexOf(" ", NOTE - 2)) + " …"
      break
    }
    line = longer
  }
  return line && escape(line)
}

function search(query) {
  const all = [...new Set(Words.split(query.normalize("NFC")).map(({word}) => [...word].slice(0, LONGEST).join("")))]
  const meant = all.filter(word => !Words.stop(word))
  const words = (meant.length ? meant : all).slice(0, MOST_WORDS).map(find)
  words.filter(each => !each.found.size).slice(0, MOST_TYPOS).forEach(correct)
  // A word in Latin letters that one section alone holds may also be two that others hold
  // ("Kaifu": the 36Kr title's, and Kai-Fu everywhere else; a Hindi word, खरीदी, is no two).
  words.filter(each => each.found.size && sections(each) <= 1 && !DEVANAGARI.test(each.typed.fold)).forEach(each => each.marks.push(...splitInTwo(each).split(" ").filter(Boolean)))
  if (!words.length)
    return {items: []}
  const held = words.map(occurrences)
  const rarity = words.map(each => Math.log(1 + index.docs.length / sections(each)))
  const datedOrSourced = namesDateOrSource(words)
  const items = []
  for (const doc of new Set(held.flatMap(each => [...each.keys()]))) {
    let score = 0, holds = 0, exactly = 0, typed = 0
    const terms = {}
    words.forEach((each, n) => {
      const {title, text, weight} = held[n].get(doc) || {title: 0, text: 0, weight: 0}
      terms[each.word] = title + text > 0
      holds += terms[each.word]
      exactly += weight >= STEM
      typed += weight === TYPED
      score += rarity[n] * weight * (TITLE_WEIGHT * saturate(title) + saturate(text, doc.length))
    })
    if (words.length > 1 && together(doc, words))
      score *= TOGETHER_WEIGHT
    // A page's opening comes a little before its sections.
    score *= (doc.page === doc.location ? PAGE_WEIGHT : 1)
    items.push({doc, terms, score, holds, exactly, typed, topic: namesTopic(doc, words),
      inOne: holds > 1 ? mostInOneSentence(doc, words) : holds,
      after: Boolean(doc.article) === datedOrSourced, order: index.docs.indexOf(doc)})
  }
  // Sections that hold more of the reader's words first; of those, one whose title the query
  // names; then the article's before the site's own pages and lists (timeline, references, the
  // home page's facts), or after them if the query names a date or a source; then those that
  // hold more words by their stem, then as typed (not loosely or with edits); then by score.
  items.sort((a, b) => b.holds - a.holds || b.topic - a.topic || b.inOne - a.inOne || a.after - b.after || b.exactly - a.exactly
    || b.typed - a.typed || b.score - a.score || a.order - b.order)

  // Grouped by page, best first; every group holds its page, which shows what the group found.
  const groups = new Map()
  for (const item of items)
    groups.set(item.doc.page, [...groups.get(item.doc.page) || [], item])
  const h = [...new Set(words.flatMap(each => each.marks))].join(" ")
  const said = note(words)
  const isFoundIn = terms => {
    const folds = new Set(words.filter(each => terms[each.word]).flatMap(each => [...each.found.keys()]))
    return fold => folds.has(fold)
  }
  return {
    items: [...groups.entries()].map(([page, group], n) => {
      if (!group.some(item => item.doc.location === page)) {
        const terms = Object.fromEntries(words.map(each => [each.word, group.some(item => item.terms[each.word])]))
        group.push({doc: index.docs.find(doc => doc.location === page), terms, score: 0})
      }
      return group.map(({doc, terms, score}, m) => {
        const [path, section] = doc.location.split("#")
        // Material shows a page's own text only when no section of it is listed: the first group's
        // page and its first section both say how the query was taken, and one of them shows.
        const first = n === 0 && (m === 0 || doc.location === page) && said
        const isFound = isFoundIn(terms)
        // Material lists under "Missing:" the words a section lacks; of a long question, it lists none.
        const missing = words.length <= MISSING_UP_TO ? terms : Object.fromEntries(Object.entries(terms).filter(([, held]) => held))
        return {
          location: `${path}?h=${encodeURIComponent(h)}${section ? "#" + section : ""}`,
          title: marked(doc.title.text, doc.title.words, isFound),
          text: (first ? `<p class="search-note">${said}</p>` : "") + snippet(doc, isFound),
          score, terms: missing,
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
