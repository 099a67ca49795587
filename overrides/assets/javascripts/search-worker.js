/*
 * Search worker: Material's own worker (named in the `material` query parameter), with queries
 * prepared for Hindi and English before Material reads them. The index keeps whole words
 * (mkdocs.yml: no stemming pipeline); each query word is reduced to a stem here, and Material
 * matches words that start with it, so that an inflected form finds its other forms.
 */
const QUERY = 2 // Material's SearchMessageType: SETUP, READY, QUERY, RESULT

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

addEventListener("message", ev => {
  if (ev.data.type === QUERY)
    ev.data.data = prepare(ev.data.data)
})

importScripts(new URL(location).searchParams.get("material"))
