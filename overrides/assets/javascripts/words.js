/*
 * How search compares words, shared by the search worker and the page's highlighter
 * (partials/starter.html), so that a page marks exactly the words that search matched.
 *
 * A word is folded (NFC; lower case; a nukta letter to its base letter; chandrabindu to
 * anusvara; no joiners) and reduced to a stem (Hindi inflections, after Ramanathan & Rao, "A
 * lightweight stemmer for Hindi", 2003; English plural "-्स" of words written in Devanagari;
 * English inflections). A query word whose stem has more than three letters matches the words
 * whose stem starts with its stem, so that "मॉडलों" finds "मॉडल" and a word being typed finds its
 * ends; a shorter one matches whole words only, so that "fu" does not find "future" nor "denies"
 * (stem "den") "dense".
 *
 * A loose key (`loose`) is the same for a Hindi word written in Devanagari and typed in Latin
 * letters ("निर्यात", "niryat", "niryaat" → "niryt"): Devanagari is written out in Latin letters,
 * then both fold together what readers write either way: long and short vowels, aspiration, the
 * inherent vowel (every "a", so that the schwa Hindi drops does not count), nukta, anusvara and
 * chandrabindu as "n" (and "m" before "p" or "b"), w/v, sh/s, ee/i, oo/u, z/j, ph/f, x/ksh, c/k,
 * doubled letters, a "y" before "e" or "i" ("naye", "नए"; "kiye", "किए").
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
    const folded = fold(word), stemmed = stem(folded)
    return {stem: stemmed, whole: letters(stemmed) <= 3}
  }

  const CONSONANTS = {
    क: "k", ख: "kh", ग: "g", घ: "gh", ङ: "n", च: "ch", छ: "chh", ज: "j", झ: "jh", ञ: "n", ट: "t", ठ: "th",
    ड: "d", ढ: "dh", ण: "n", त: "t", थ: "th", द: "d", ध: "dh", न: "n", प: "p", फ: "ph", ब: "b", भ: "bh",
    म: "m", य: "y", र: "r", ल: "l", ळ: "l", व: "v", श: "sh", ष: "sh", स: "s", ह: "h",
  }
  const VOWELS = {
    अ: "a", आ: "aa", इ: "i", ई: "ee", उ: "u", ऊ: "oo", ऋ: "ri", ए: "e", ऐ: "ai", ओ: "o", औ: "au", ऑ: "o", ऍ: "e",
  }
  // Vowel signs, and the virama, replace a consonant's inherent "a"; anusvara and visarga follow it.
  const SIGNS = {
    "\u093e": "aa", "\u093f": "i", "\u0940": "ee", "\u0941": "u", "\u0942": "oo", "\u0943": "ri", "\u0947": "e",
    "\u0948": "ai", "\u094b": "o", "\u094c": "au", "\u0949": "o", "\u0945": "e", "\u094d": "",
  }
  const MARKS = {"\u0902": "n", "\u0903": "h"}
  const LATIN_FOLDS = [
    [/x/g, "ksh"], [/q/g, "k"], [/c(?!h)/g, "k"], [/chh?/g, "c"], [/ph/g, "f"], [/sh/g, "s"], [/w/g, "v"],
    [/z/g, "j"], [/([kgcjtdb])h/g, "$1"], [/ee|ii/g, "i"], [/oo|uu/g, "u"], [/ai/g, "e"], [/au/g, "o"],
    [/^y(?=u)/, ""], [/m(?=[pb])/g, "n"], [/a/g, ""], [/(?<=.)y(?=[ei])/g, ""], [/(.)\1+/g, "$1"],
  ]

  // Devanagari in Latin letters, each consonant with its inherent "a" unless a virama or a vowel
  // sign follows: "निर्यात" → "niryaata".
  function romanise(word) {
    let latin = "", inherent = false
    for (const char of word) {
      if (SIGNS[char] !== undefined) {
        latin = (inherent ? latin.slice(0, -1) : latin) + SIGNS[char]
        inherent = false
      } else {
        latin += CONSONANTS[char] ? CONSONANTS[char] + "a" : VOWELS[char] ?? MARKS[char] ?? char
        inherent = Boolean(CONSONANTS[char])
      }
    }
    return latin
  }

  // The loose key of a folded word.
  const loose = folded => {
    let latin = DEVANAGARI.test(folded) ? romanise(folded.replace(/[०-९]/g, digit => digit.charCodeAt(0) - 0x966)) : folded
    for (const [pattern, replacement] of LATIN_FOLDS)
      latin = latin.replace(pattern, replacement)
    return latin
  }

  const matches = (query, textStem) => query.whole ? textStem === query.stem : textStem.startsWith(query.stem)

  // The words of a text, in order, with their place (for marking them).
  const split = text => [...text.matchAll(WORD)].map(match => ({word: match[0], at: match.index}))

  // Text with each word that `test(stem)` accepts wrapped in <mark>; tags and character
  // references (&amp;) are left alone.
  const mark = (html, test) => html.split(/(<[^>]*>|&(?:#x[0-9a-f]+|#[0-9]+|[a-z]+);)/i).map((part, n) => n % 2 ? part
    : part.replace(WORD, word => test(key(word).stem) ? `<mark>${word}</mark>` : word)).join("")

  return {fold, stem, key, loose, matches, split, mark}
})()
