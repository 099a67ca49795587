/*
 * Material's script loads when the reader first touches, clicks, types, focuses or moves the
 * pointer: a page that is only read runs no script. What this file does until then is said in
 * overrides/partials/starter.html; the addresses it needs are that script tag's data-*.
 */
{
  const files = document.currentScript.dataset
  const bundle = files.bundle
  // Besides Material's script (start() asks for it): the worker, its words.js, the search text.
  const searchFiles = [files.worker, files.words, files.documents]
  const drawer = document.getElementById("__drawer"), search = document.getElementById("__search")
  const query = document.querySelector("input.md-search__input")
  const moves = ["pointerdown", "touchstart", "keydown", "focusin", "wheel", "mousemove"]
  let requested = false, starting = false, started = false, fetched = false

  const start = () => {
    if (requested)
      return
    requested = starting = true
    moves.forEach(name => removeEventListener(name, start, true))
    // The styles of what Material's script adds, side by side with it; it starts with both. They
    // come after the page's and before print's, as Material's rules came before the site's print.css.
    const styles = Object.assign(document.createElement("link"), {rel: "stylesheet", href: files.styles})
    const styled = new Promise(resolve => styles.onload = styles.onerror = resolve)
    document.head.insertBefore(styles, document.querySelector("link[rel=stylesheet][media=print]"))
    const script = document.createElement("script")
    script.src = bundle
    script.onload = () => styled.then(() => {
      document.dispatchEvent(new Event("DOMContentLoaded")) // Material starts on it
      started = true
      setTimeout(() => starting = false, 1000) // well past Material's start-up closing (125 ms)
      if (query.value) // typed before Material was there: search for it
        query.dispatchEvent(new KeyboardEvent("keyup"))
    })
    document.body.append(script)
  }

  const prepareSearch = () => {
    if (!fetched)
      searchFiles.forEach(url => fetch(url).catch(() => {}))
    fetched = true
    start()
  }

  // While Material starts, its clicks may open but not close the drawer or search (a click has
  // already unchecked the box when it is dispatched; cancelling it checks the box again).
  addEventListener("click", ev => {
    if (starting && !ev.isTrusted && (ev.target === drawer || ev.target === search) && !ev.target.checked)
      ev.preventDefault()
  }, true)

  search.addEventListener("change", () => {
    if (search.checked) {
      query.focus()
      prepareSearch()
    }
  })
  query.addEventListener("focus", prepareSearch)
  // Material reads the box on keyup only; text that comes without one (an input method, voice
  // typing, a paste, or keys typed while Material was starting) is announced as a keyup too.
  query.addEventListener("input", () => query.dispatchEvent(new KeyboardEvent("keyup")))
  query.form.addEventListener("submit", ev => ev.preventDefault())

  addEventListener("keydown", ev => {
    if (started || ev.ctrlKey || ev.metaKey || ev.altKey || ev.target.closest("input, textarea, select, [contenteditable]"))
      return
    const link = {n: "next", ".": "next", p: "prev", ",": "prev"}[ev.key]
    if (["/", "s", "f"].includes(ev.key)) {
      ev.preventDefault()
      if (!search.checked)
        search.click()
      query.focus()
    } else if (link && document.querySelector(`link[rel=${link}]`)) {
      location.href = document.querySelector(`link[rel=${link}]`).href
    }
  })

  // The search worker tells its own page, in a message Material ignores, that search failed.
  const PageWorker = Worker
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        const meta = document.querySelector(".md-search-result__meta")
        if (ev.data && ev.data.type === "failed")
          meta.textContent = meta.dataset.failed
      })
    }
  }

  document.addEventListener("click", ev => {
    const link = ev.target.closest("a.md-select__link[hreflang]")
    if (!link)
      return
    const top = document.querySelector(".md-header").getBoundingClientRect().bottom + 1
    const above = [...document.querySelectorAll("article :is(h2, h3, h4, h5, h6)[id]")]
      .filter(heading => heading.getBoundingClientRect().top <= top)
    link.hash = location.hash || (above.length ? above[above.length - 1].id : "")
  })

  // A citation's number shows its source beside it where the browser has popovers (elsewhere,
  // and with a modifier key, it stays a link to the references); the preview closes when the
  // focus leaves it and its number.
  const previewId = link => `source-${(link.hash || "").slice("#ref-".length)}` // the link to #ref-ID shows source-ID
  if (HTMLElement.prototype.togglePopover)
    document.addEventListener("click", ev => {
      const link = ev.target.closest("a.cite__link")
      const preview = link && document.getElementById(previewId(link))
      if (!preview || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey)
        return
      ev.preventDefault()
      if (!preview.querySelector(".source__close")) { // a close button, where previews open
        const close = document.createElement("button")
        Object.assign(close, {type: "button", className: "source__close", textContent: "×"})
        close.setAttribute("aria-label", preview.parentElement.dataset.close)
        close.addEventListener("click", () => preview.hidePopover())
        preview.append(close)
        preview.addEventListener("beforetoggle", ev => ev.newState === "closed" &&
          document.querySelectorAll("a.cite__link[aria-expanded=true]").forEach(a => a.setAttribute("aria-expanded", "false")))
      }
      preview.togglePopover({source: link})
      link.setAttribute("aria-expanded", String(preview.matches(":popover-open"))) // said by a screen reader
    })
  // Space, as on a button, for a number that opens a preview.
  document.addEventListener("keydown", ev => {
    if (ev.key === " " && ev.target.matches("a.cite__link") && HTMLElement.prototype.togglePopover) {
      ev.preventDefault()
      ev.target.click()
    }
  })
  document.addEventListener("focusout", ev => {
    const preview = document.querySelector(".source:popover-open"), next = ev.relatedTarget
    if (preview && next && !preview.contains(next) && previewId(next) !== preview.id)
      preview.hidePopover()
  })

  // Arriving from a search result (?h=): mark the words that search matched, as it matched them.
  const parameters = new URLSearchParams(location.search)
  if (parameters.get("h")) {
    const words = document.createElement("script")
    words.src = files.words
    words.onload = () => {
      const wanted = parameters.get("h").split(" ").filter(Boolean).map(Words.key)
      const content = document.querySelector("article.md-content__inner")
      const texts = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, node =>
        node.parentElement.closest("script, mark") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT)
      const found = []
      while (texts.nextNode())
        found.push(texts.currentNode)
      for (const node of found)
        for (const {word, at} of Words.split(node.data).reverse())
          if (wanted.some(key => Words.matches(key, Words.key(word).stem))) {
            const mark = document.createElement("mark")
            mark.textContent = word
            node.splitText(at).splitText(word.length)
            node.nextSibling.replaceWith(mark)
          }
    }
    document.body.append(words)
  }
  if (parameters.has("q"))
    start() // arriving with a search to show
  else
    moves.forEach(name => addEventListener(name, start, {capture: true, passive: true}))
  // This file may arrive after the reader's first move (it loads with the page, not in it): a
  // search already opened, focused or typed into is taken up as if it had just happened.
  if (search.checked || document.activeElement === query || query.value) {
    query.focus()
    prepareSearch()
  }
}
