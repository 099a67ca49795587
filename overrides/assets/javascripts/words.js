/*
 * How search compares words, shared by the search worker and the page's highlighter
 * (partials/starter.html), so that a page marks exactly the words that search matched.
 *
 * A word is folded (NFC; lower case; a nukta letter to its base letter; chandrabindu to
 * anusvara; no joiners) and reduced to a stem (Hindi inflections, after Ramanathan & Rao, "A
 * lightweight stemmer for Hindi", 2003; English plural "-्स" of words written in Devanagari;
 * English inflections). A query word of more than three letters matches the words whose stem
 * starts with its stem, so that "मॉडलों" finds "मॉडल" and a word being typed finds its ends; a
 * shorter one matches whole words only, so that "fu" does not find "future".
 */
const Words = (() => {
  const WORD = /[\p{L}\p{M}\p{N}]+/gu
  const HINDI_ENDINGS = [
    "ियों", "ियां", "ाओं", "ाएं", "ुओं", "ुएं", "ाइयों",
    "ाकर", "ाइए", "ाईं", "ाया", "ेगी", "ेगा", "ोगी", "ोगे", "ाने", "ाना", "ाते", "ाती", "ाता",
    "तीं", "ते", "ती", "ता", "ने", "ना", "नी",
    "ों", "ें", "ां", "ीं", "ुं", "ूं", "ाए", "ाओ", "ीय", "िक",
    "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ौ", "ं", "्",
  ]
  const ENGLISH_ENDINGS = ["ies", "ing", "ied", "ed", "es", "s", "y", "e"]
  const DEVANAGARI = /[\u0900-\u097f]/

  const fold = word => word.normalize("NFC").toLowerCase()
    .replace(/\u093c/g, "").replace(/\u0901/g, "\u0902").replace(/[\u200c\u200d]/g, "")

  const letters = word => [...word].filter(char => /[\p{L}\p{N}]/u.test(char)).length

  function stem(folded) {
    let word = folded
    if (DEVANAGARI.test(word) && letters(word) > 2) // "स्टार्टअप्स" → "स्टार्टअप", "मॉडल्स" → "मॉडल"
      word = word.replace(/्स$/, "")
    const endings = DEVANAGARI.test(word) ? HINDI_ENDINGS : ENGLISH_ENDINGS
    for (const ending of endings)
      if (word.endsWith(ending) && [...word].length - [...ending].length >= 2)
        return word.slice(0, word.length - ending.length)
    return word
  }

  // What a word of a query (or of the text) is compared by.
  const key = word => {
    const folded = fold(word)
    return {stem: stem(folded), whole: letters(folded) <= 3}
  }

  const matches = (query, textStem) => query.whole ? textStem === query.stem : textStem.startsWith(query.stem)

  // The words of a text, in order, with their place (for marking them).
  const split = text => [...text.matchAll(WORD)].map(match => ({word: match[0], at: match.index}))

  // Text with each word that `test(stem)` accepts wrapped in <mark>; tags and character
  // references (&amp;) are left alone.
  const mark = (html, test) => html.split(/(<[^>]*>|&(?:#x[0-9a-f]+|#[0-9]+|[a-z]+);)/i).map((part, n) => n % 2 ? part
    : part.replace(WORD, word => test(key(word).stem) ? `<mark>${word}</mark>` : word)).join("")

  return {fold, stem, key, matches, split, mark}
})()
