/*
 * How search compares words, shared by the search worker and the page's highlighter (`mark`,
 * which starter.js calls on a page opened from a search result), so that a page marks exactly
 * the words that search matched.
 *
 * A word is a run of letters, combining marks and digits (`WORD`; site_build/words.py splits
 * the site's terms the same way, and tests/test_words.py holds the two equal). It is folded (NFC;
 * lower case; a nukta letter to its base letter; chandrabindu to anusvara; Devanagari digits to
 * 0-9) and reduced to a stem (Hindi inflections, after Ramanathan & Rao, "A lightweight stemmer
 * for Hindi", 2003; English plural "-्स" of words written in Devanagari; English inflections). A
 * query word matches the words with its stem and, if its stem has more than three letters, the
 * words it begins, so that "मॉडलों" finds "मॉडल" and a word being typed finds its ends; but
 * "founded" finds neither "foundational" nor "founder" nor "found" (of "find", its stem), and "fu"
 * not "future".
 *
 * A loose key (`loose`) is the same for a Hindi word written in Devanagari and typed in Latin
 * letters ("निर्यात", "niryat", "niryaat" → "niryt"): Devanagari is written out in Latin letters,
 * without the "a" Hindi does not say at a word's end, then both fold together what readers write
 * either way: long and short vowels, aspiration, the "a" inside a word (so that the schwa Hindi
 * drops does not count; a word's first and last "a" stay: "karan" is कारण, not करना), nukta,
 * anusvara and chandrabindu as "n" (and "m" before "p" or "b"), w/v, sh/s, ee/i, oo/u, z/j,
 * ph/f, x/ksh, c/k, doubled letters, a "y" before "e" or "i" ("naye", "नए"; "kiye", "किए").
 *
 * A consonant key (`consonants`) is where an English word and its Devanagari spelling meet,
 * whatever vowels each writes: "model", "मॉडल", "माडल" → "mdl"; "company", "कंपनी" → "knpn";
 * a vowel that begins the word counts ("'"). `spelled` reads a Devanagari word made of the names
 * of Latin letters as those letters ("आईपीओ" → "ipo").
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

  const fold = word => word.normalize("NFC").toLowerCase().replace(/\u093c/g, "").replace(/\u0901/g, "\u0902")
    .replace(/[०-९]/g, digit => digit.charCodeAt(0) - 0x966)

  // The little words of both languages (and of Hindi typed in Latin letters), which say nothing of
  // what a reader looks for: a query leaves them out unless they are all it has.
  const STOP = new Set(("a about also an and are as at be been being but by can could did do does for from had has have " +
    "he her his how i if in into is it its me my of on or our she so than that the their them then there these they this " +
    "those to was we were what when where which who why will with would you your " +
    "का के की को में से पर ने और या है हैं हूँ था थी थे हो रहा रही रहे गया गई गए क्या कि यह वह ये वे इस उस इन उन इसे उसे " +
    "इसका इसकी इसके उसका उसकी उसके इसने उसने मैं हम आप मुझे हमें अपना अपनी अपने भी ही तो हुआ हुई हुए किया किए एक अब " +
    "जैसे तक लिए साथ कुछ कब क्यों कैसे कौन कहाँ कितना कितनी कितने " +
    "ka ke ki ko me mein se par ne aur ya hai hain hun tha thi the ho raha rahi rahe gaya gayi gaye kya yah yeh vah woh " +
    "ye bhi hi hua hui hue kiya kiye ek ab jaise tak liye sath kuch kab kyon kyu kaise kaun kahan kitna kitni kitne")
    .split(" ").map(fold))
  const stop = word => STOP.has(fold(word))

  const letters = word => [...word].filter(char => /[\p{L}\p{N}]/u.test(char)).length

  function stem(folded) {
    let word = folded
    if (DEVANAGARI.test(word) && letters(word) > 2) // "स्टार्टअप्स" → "स्टार्टअप", "मॉडल्स" → "मॉडल"
      word = word.replace(/्स$/, "")
    if (/[aeiou]y$/.test(word)) // "buy", "key"
      return word
    if (word === "found") // "we found", not the stem of "founded"
      return "find"
    const endings = DEVANAGARI.test(word) ? HINDI_ENDINGS : ENGLISH_ENDINGS
    for (const ending of endings)
      if (word.endsWith(ending) && [...word].length - [...ending].length >= 2)
        return word.slice(0, word.length - ending.length)
    return word
  }

  // What a word of a query (or of the text) is compared by.
  const key = word => {
    const folded = fold(word), stemmed = stem(folded)
    return {fold: folded, stem: stemmed, whole: letters(stemmed) <= 3}
  }

  const matches = (query, text) => text.stem === query.stem || !query.whole && text.fold.startsWith(query.fold)

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
    [/^y(?=u)/, ""], [/m(?=[pb])/g, "n"], [/(?<=.)a(?=.)/g, ""], [/(?<=.)y(?=[ei])/g, ""], [/(.)\1+/g, "$1"],
  ]
  // English spellings and the Devanagari written out, to their consonants: "ti" of "-tion" and the
  // "c" and "g" before e, i or y as Hindi writes them (शन, स, ज), "tu" before r as च; a "w" or a
  // "y" before no vowel is one ("crew", "company").
  const ENGLISH_SOUNDS = [
    [/ch/g, "C"], [/ti(?=[aeiou])/g, "s"], [/t(?=ur)/g, "C"], [/c(?=[eiy])/g, "s"], [/ck|c|q/g, "k"], [/C/g, "ch"],
    [/(?<!g)g(?=[eiy])/g, "j"], [/w(?![aeiou])/g, ""], [/w/g, "v"], [/z/g, "j"],
  ]
  const CONSONANT_FOLDS = [
    [/y(?=[ou])/g, ""], [/x/g, "ks"], [/ph/g, "f"], [/([kgcjtdbs])h/g, "$1"], [/m(?=[pb])/g, "n"], [/^[aeiou]+/, "'"],
    [/[aeiou]|y(?![aeiou])/g, ""], [/(.)\1+/g, "$1"],
  ]
  const LETTER_NAMES = {
    ए: "a", बी: "b", सी: "c", डी: "d", ई: "e", एफ: "f", जी: "g", एच: "h", आई: "i", जे: "j", के: "k", एल: "l", एम: "m",
    एन: "n", ओ: "o", पी: "p", क्यू: "q", आर: "r", एस: "s", टी: "t", यू: "u", वी: "v", डब्ल्यू: "w", एक्स: "x", वाई: "y", जेड: "z",
  }
  const NAMED = new RegExp(Object.keys(LETTER_NAMES).sort((a, b) => b.length - a.length).join("|"), "g")

  // Devanagari in Latin letters, each consonant with its inherent "a" unless a virama or a vowel
  // sign follows, and none at the end: "निर्यात" → "niryaat".
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
    return inherent ? latin.slice(0, -1) : latin
  }

  const folded = (word, folds) => folds.reduce((latin, [pattern, replacement]) => latin.replace(pattern, replacement),
    DEVANAGARI.test(word) ? romanise(word) : word)

  // The loose key of a folded word.
  const loose = word => folded(word, LATIN_FOLDS)

  // The consonant key of a folded word, if it has three consonants or more (fewer would find too much).
  const consonants = word => {
    const found = folded(word, DEVANAGARI.test(word) ? CONSONANT_FOLDS : [...ENGLISH_SOUNDS, ...CONSONANT_FOLDS])
    return /^'?[a-z]{3,}$/.test(found) && found
  }

  // The Latin letters a folded Devanagari word spells by their names, if it is made of them.
  const spelled = word => {
    const names = word.match(NAMED) || []
    return names.join("") === word && names.map(name => LETTER_NAMES[name]).join("")
  }

  // The words of a text, in order, with their place (for marking them).
  const split = text => [...text.matchAll(WORD)].map(match => ({word: match[0], at: match.index}))

  // On a page opened from a search result: each word of the element's text that search matched
  // (the words of `wanted`, as ?h= gives them) in a <mark>. Only the page calls it (it comes with
  // this file, which the page loads only then), so that no other page carries it.
  const mark = (element, wanted) => {
    const keys = wanted.split(" ").filter(Boolean).map(key)
    const texts = document.createTreeWalker(element, NodeFilter.SHOW_TEXT, node =>
      node.parentElement.closest("script, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)
    const found = []
    while (texts.nextNode())
      found.push(texts.currentNode)
    for (const node of found)
      for (const {word, at} of split(node.data).reverse()) {
        const read = key(word)
        if (keys.some(each => matches(each, read))) {
          const marked = document.createElement("mark")
          marked.textContent = word
          node.splitText(at).splitText(word.length)
          node.nextSibling.replaceWith(marked)
        }
      }
  }

  return {fold, stop, key, matches, loose, consonants, spelled, split, mark}
})()
