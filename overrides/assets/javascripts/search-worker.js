/*
 * Search worker. It answers Material's set-up at once, and loads the search itself only when
 * the reader first searches (partials/starter.html has the browser fetch both files as soon as
 * the reader moves towards search): Material's own worker (the `material` parameter) and the text of
 * the reader's language (the `documents` parameter, from hooks/site.py). Queries are prepared
 * for Hindi and English before Material reads them: the index keeps whole words (mkdocs.yml:
 * no stemming pipeline), each query word is reduced to a stem here, and Material matches the
 * words that start with it, so that an inflected form finds its other forms.
 */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3 // Material's SearchMessageType
const parameters = new URL(location).searchParams

// Inflectional endings, longest first: plural and oblique forms, postpositional
// endings and verb endings (after Ramanathan & Rao, "A lightweight stemmer for Hindi", 2003).
const HINDI_ENDINGS = [
  "ियों", "ियां", "ियाँ", "ाओं", "ाएं", "ाएँ", "ुओं", "ुएं", "ुएँ", "ाइयों",
  "ाकर", "ाइए", "ाईं", "ाया", "ेगी", "ेगा", "ोगी", "ोगे", "ाने", "ाना", "ाते", "ाती", "ाता",
  "तीं", "ते", "ती", "ता", "ने", "ना", "नी",
  "ों", "ें", "ां", "ाँ", "ीं", "ुं", "ूं", "ाए", "ाओ", "ीय", "िक",
  "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ", "ं", "ँ", "्",
]
const ENGLISH_ENDINGS = ["ies", "ing", "ied", "ed", "es", "s", "y", "e"]

function stem(word) {
  const endings = /[\u0900-\u097f]/.test(word) ? HINDI_ENDINGS : ENGLISH_ENDINGS
  const letters = [...word]
  for (const ending of endings) {
    const rest = letters.length - [...ending].length
    if (word.endsWith(ending) && rest >= 2)
      return word.slice(0, word.length - ending.length)
  }
  return word
}

// NFC, so that a nukta letter typed precomposed (U+0958 क़) meets the text's normalised form;
// dandas and punctuation part words, as in the index; then every plain word (no Lunr
// operators) is reduced to its stem.
function prepare(query) {
  return query.normalize("NFC").replace(/[।॥,;!?“”‘’()]/g, " ").trim().split(/\s+/)
    .map(word => /^[\p{L}\p{M}\p{N}]{4,}$/u.test(word) ? stem(word.toLowerCase()) : word)
    .join(" ")
}

// Material's set-up message, and the promise of Material's worker holding the full index.
let setup, ready

// Both files at once; Material's worker is then run from the browser's cache. A failure is
// forgotten, so that the reader's next keystroke tries again, and the page is told, so that
// it can say so (partials/starter.html).
function loadSearch() {
  const get = name => fetch(new URL(parameters.get(name), location)).then(response => {
    if (!response.ok)
      throw new Error(`${response.status} ${response.url}`)
    return response
  })
  ready ||= Promise.all([get("documents").then(response => response.json()), get("material")])
    .then(([documents]) => {
      importScripts(parameters.get("material"))
      dispatchEvent(new MessageEvent("message", {data: {...setup, data: {...setup.data, docs: documents}}}))
      return new Promise(resolve => setTimeout(resolve)) // Material builds its index in a microtask
    })
    .catch(error => {
      ready = undefined
      new BroadcastChannel("search").postMessage("failed")
      throw error
    })
  return ready
}

addEventListener("message", ev => {
  if (!ev.isTrusted)
    return // a message of ours, for Material's worker
  ev.stopImmediatePropagation()
  if (ev.data.type === SETUP) {
    setup = ev.data
    postMessage({type: READY})
  } else if (ev.data.type === QUERY && !ev.data.data.trim()) {
    postMessage({type: RESULT, data: {items: []}}) // Material asks with an empty query at start
  } else if (ev.data.type === QUERY) {
    const query = {type: QUERY, data: prepare(ev.data.data)}
    loadSearch().then(() => dispatchEvent(new MessageEvent("message", {data: query})), () => {})
  }
})
