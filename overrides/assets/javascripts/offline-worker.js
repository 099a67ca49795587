/*
 * The site's service worker, for reading offline: site_build/offline.py writes it to the site's
 * root as sw.js, after SITE, what the build knows (addresses are from the site's root):
 *   version    a digest of the build's content: the name of this build's one cache
 *   pages      the site's pages, in every language
 *   immutable  the files whose address carries a digest of their content (?v=, Material's bundle)
 *   languages  by the prefix of their pages: the shell every page needs (its styles and scripts,
 *              the sources' previews, the offline page), what a page keeps once it has used it
 *              (Material's script, the search worker, words.js, the search text), the note above
 *              a kept copy and the names of the months
 *   preview    true under `mkdocs serve`: keep nothing
 * starter.js registers it once a page has loaded. A page comes from the site first, revalidated
 * (while the site answers, never an older text than it has); the copy kept of every page read,
 * with its shell, answers when the network does not, with a note of the day it was kept and of
 * the day its facts were last checked; a page not kept answers with the offline page of its
 * language, which links those that are (its language's first, then the others'). A file of
 * `immutable` comes from the cache first, the others from the site first. A new build's worker
 * keeps again what the old cache held, as the new build has it, and deletes the old cache when it
 * takes over.
 */
const CACHE = `offline-${SITE.version}`
const ours = name => name.startsWith("offline-")
const address = path => new URL(path, registration.scope).href
const languages = Object.entries(SITE.languages).sort(([one], [other]) => other.length - one.length)
  .map(([prefix, language]) => ({...language, prefix: address(prefix)}))
const languageOf = url => languages.find(language => url.startsWith(language.prefix))
const pages = new Set(SITE.pages.map(address))
const immutable = new Set(SITE.immutable.map(address))
const files = new Set(languages.flatMap(language => [...language.shell, ...language.used]).map(address))
// Each file of this build by its address without the version: an older build's file -> this build's.
const current = new Map([...files].map(url => [url.split("?v=")[0], url]))
const withoutQuery = url => url.split(/[?#]/)[0]

const keep = async (cache, url, mode) => {
  const response = await fetch(url, {cache: mode, mode: "same-origin"})
  if (response.ok)
    await cache.put(url, response)
}

// A page and its shell (what the page has used is kept as it is fetched through this worker).
const keepPage = async (cache, response, url) => {
  await cache.put(url, response)
  await Promise.all(languageOf(url).shell.map(address).map(async file => await cache.match(file) || keep(cache, file, "default")))
}

const keptCopy = async (url, language) => {
  const copy = await caches.match(url, {cacheName: CACHE})
  if (!copy)
    return null
  const kept = new Date(copy.headers.get("Date"))
  const iso = [kept.getFullYear(), kept.getMonth() + 1, kept.getDate()].map(n => String(n).padStart(2, "0")).join("-")
  const notice = language.notice.replace("{iso}", iso)
    .replace("{label}", `${kept.getDate()} ${language.months[kept.getMonth()]} ${kept.getFullYear()}`)
  const html = (await copy.text()).replace(/<article\b[^>]*>/, opening => opening + notice)
  return new Response(html, {headers: {"Content-Type": "text/html; charset=utf-8"}})
}

// A kept page of another language, as an item of the offline page's list: its title (as its own
// <title> writes it, escaped, without the site's name) in its language.
const otherItem = async (cache, request) => {
  const html = await (await cache.match(request)).text()
  const [, lang = ""] = html.match(/<html[^>]*\slang="([^"]*)"/) || []
  const [, title = request.url] = html.match(/<title>([^<]*?)(?: - [^<]*)?<\/title>/) || []
  return `<li lang="${lang}"><a href="${request.url}">${title}</a></li>`
}

// The offline page of the page's language, or, where no page of it is kept, of one that has some:
// its language's pages that are kept, then those kept of the others.
const offlinePage = async language => {
  let page = null
  for (const offline of [language, ...languages].map(each => address(each.offline)))
    page ||= await caches.match(offline, {cacheName: CACHE})
  if (!page)
    return Response.error()
  let html = await page.text()
  const cache = await caches.open(CACHE), others = []
  for (const request of await cache.keys())
    if (pages.has(request.url)) {
      const path = request.url.slice(registration.scope.length), listed = `data-kept="${path}" hidden`
      if (html.includes(listed))
        html = html.replace(listed, `data-kept="${path}"`)
      else
        others.push(await otherItem(cache, request))
    }
  html = html.replace(/(<ul class="kept-pages">[\s\S]*?)(<\/ul>)/, (all, items, end) => items + others.join("") + end)
  return new Response(html, {headers: {"Content-Type": "text/html; charset=utf-8"}})
}

const page = async (event, url) => {
  const language = languageOf(url)
  try {
    const response = await fetch(event.request, {cache: "no-cache"})
    if (response.ok && response.type === "basic" && pages.has(url)) {
      const copy = response.clone()
      event.waitUntil(caches.open(CACHE).then(cache => keepPage(cache, copy, url)))
    }
    return response
  } catch (offline) {
    return await keptCopy(url, language) || offlinePage(language)
  }
}

const file = async event => {
  const url = event.request.url
  const kept = immutable.has(url) && await caches.match(url, {cacheName: CACHE})
  if (kept)
    return kept
  try {
    const response = await fetch(event.request)
    if (response.ok) {
      const copy = response.clone()
      event.waitUntil(caches.open(CACHE).then(cache => cache.put(url, copy)))
    }
    return response
  } catch (offline) {
    return await caches.match(url, {cacheName: CACHE}) || Response.error()
  }
}

if (SITE.preview) {
  // Under `mkdocs serve`: what an earlier worker kept on this address goes, and so does this worker.
  addEventListener("install", () => skipWaiting())
  addEventListener("activate", event => event.waitUntil(caches.keys()
    .then(names => Promise.all(names.filter(ours).map(name => caches.delete(name))))
    .then(() => registration.unregister())))
} else {
  addEventListener("install", event => event.waitUntil((async () => {
    const cache = await caches.open(CACHE)
    for (const name of (await caches.keys()).filter(name => ours(name) && name !== CACHE)) {
      const old = await caches.open(name)
      for (const request of await old.keys()) {
        const now = pages.has(request.url) ? request.url : current.get(request.url.split("?v=")[0])
        if (now && now === request.url && immutable.has(now))
          await cache.put(now, await old.match(request)) // the same address: the same bytes
        else if (now)
          await keep(cache, now, "no-cache")
      }
    }
    // The pages open now: among them the one that registered this worker, loaded before it came.
    for (const client of await clients.matchAll({type: "window", includeUncontrolled: true})) {
      const url = withoutQuery(client.url)
      if (pages.has(url) && !await cache.match(url)) {
        const response = await fetch(url)
        if (response.ok)
          await keepPage(cache, response, url)
      }
    }
    await skipWaiting()
  })()))

  addEventListener("activate", event => event.waitUntil((async () => {
    for (const name of (await caches.keys()).filter(name => ours(name) && name !== CACHE))
      await caches.delete(name)
    await clients.claim()
  })()))

  addEventListener("fetch", event => {
    const url = event.request.url
    if (event.request.method !== "GET" || !url.startsWith(registration.scope))
      return
    if (event.request.mode === "navigate")
      event.respondWith(page(event, withoutQuery(url)))
    else if (files.has(url))
      event.respondWith(file(event))
  })
}
