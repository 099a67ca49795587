/*
 * Material's script loads when the reader first touches, clicks, types, focuses or moves the
 * pointer: a page that is only read runs no script. What this file does until then is said in
 * overrides/partials/starter.html; the addresses it needs are that script tag's data-*.
 */
{
  const files = document.currentScript.dataset
  // Besides Material's script (start() asks for it): the worker, its words.js, the search text.
  const searchFiles = [files.worker, files.words, files.documents]
  const drawer = document.getElementById("__drawer"), search = document.getElementById("__search")
  const query = document.querySelector("input.md-search__input")
  const moves = ["pointerdown", "touchstart", "keydown", "focusin", "wheel", "mousemove"]
  let requested = false, starting = false, started = false, fetched = false
  // The previews of the sources that all the pages of a language cite, in one file (files.sources).
  const list = document.querySelector(".cited-sources") // this page's list of the sources it cites
  let previews = null, fetchingPreviews = null
  const read = text => previews = new DOMParser().parseFromString(text, "text/html")
  const fetchPreviews = () => fetchingPreviews ??= fetch(files.sources)
    .then(response => response.ok ? response.text() : Promise.reject(new Error(response.statusText)))
    .then(read, error => {
      fetchingPreviews = null // asked again at the next number opened
      throw error
    })

  // The previews' file is fetched when the reader goes towards a number (the pointer over it, a
  // touch or the focus on it), not with Material's script: a first search does not share the link
  // with it.
  const towardsNumber = move => move?.target.closest?.("a.cite__link")
  if (list)
    ["pointerover", "focusin"].forEach(name => addEventListener(name, move => towardsNumber(move) &&
      fetchPreviews().catch(() => {}), {capture: true, passive: true}))

  const start = move => {
    if (requested)
      return
    requested = starting = true
    moves.forEach(name => removeEventListener(name, start, true))
    // A first move on a number: the previews' file first, alone on a slow link, then the rest.
    if (list && towardsNumber(move))
      fetchPreviews().catch(() => {}).then(load)
    else
      load()
  }

  // Material's script, and the styles of what it adds, side by side; it starts with both. They
  // come after the page's and before print's, as Material's rules came before the site's print.css.
  const load = () => {
    const styles = Object.assign(document.createElement("link"), {rel: "stylesheet", href: files.styles})
    const styled = new Promise(resolve => styles.onload = styles.onerror = resolve)
    document.head.insertBefore(styles, document.querySelector("link[rel=stylesheet][media=print]"))
    const script = document.createElement("script")
    script.src = files.bundle
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
    const rel = {n: "next", ".": "next", p: "prev", ",": "prev"}[ev.key], link = rel && document.querySelector(`link[rel=${rel}]`)
    if (["/", "s", "f"].includes(ev.key)) {
      ev.preventDefault()
      if (!search.checked)
        search.click()
      query.focus()
    } else if (link) {
      location.href = link.href
    }
  })

  // Space and Enter flip the colour toggle, as on a button (a radio's own keys are the arrows).
  document.querySelectorAll("input.md-option").forEach(input => input.addEventListener("keydown", ev => {
    if (ev.key !== " " && ev.key !== "Enter")
      return
    ev.preventDefault()
    ev.stopImmediatePropagation() // Material's script, once there, also acts on Enter
    const other = document.getElementById(input.nextElementSibling.htmlFor)
    other.click()
    other.focus()
  }))

  // Material's drawer and search buttons are labels of its toggles, which neither the keyboard nor
  // a screen reader takes for buttons (HTML lets a label have no other role): each gets a button,
  // in the place of its icon and looking as it did, named as what it opens (the navigation,
  // search), which flips the toggle (not by a click on it, which the guard above may stop). The
  // drawer opened by a key takes the focus; Escape, or the focus leaving it, closes it, the focus
  // back on its button; so does closed search, where the header shows its button (a phone's).
  const sidebar = document.querySelector(".md-sidebar--primary")
  const flip = (toggle, on) => {
    toggle.checked = on
    toggle.dispatchEvent(new Event("change"))
  }
  const [drawerButton, searchButton] = [[drawer, sidebar.querySelector("nav")], [search, query.closest(".md-search")]]
    .map(([toggle, opens]) => {
      const label = document.querySelector(`.md-header__button[for=${toggle.id}]`), button = document.createElement("button")
      button.type = "button"
      button.setAttribute("aria-label", opens.getAttribute("aria-label"))
      Object.assign(button.style, {display: "block", color: "inherit", cursor: "inherit"})
      button.append(...label.childNodes)
      label.append(button)
      button.addEventListener("click", ev => {
        flip(toggle, !toggle.checked)
        if (toggle === drawer && drawer.checked && ev.detail === 0) // pressed by a key
          sidebar.querySelector("a").focus()
      })
      return button
    })
  const expanded = () => drawerButton.setAttribute("aria-expanded", drawer.checked)
  expanded()
  drawer.addEventListener("change", expanded)
  sidebar.addEventListener("keydown", ev => {
    if (ev.key === "Escape" && drawer.checked) {
      flip(drawer, false)
      drawerButton.focus()
    }
  })
  sidebar.addEventListener("focusout", ev => drawer.checked && ev.relatedTarget && !sidebar.contains(ev.relatedTarget) &&
    flip(drawer, false))
  // Escape closes search, as Material does (its own closing may come while it starts).
  addEventListener("keydown", ev => ev.key === "Escape" && search.checked && flip(search, false))
  search.addEventListener("change", () => search.checked || !searchButton.checkVisibility() || searchButton.focus())

  // The search worker tells its own page, in a message Material ignores, that search failed.
  const PageWorker = Worker
  window.Worker = class extends PageWorker {
    constructor(...args) {
      super(...args)
      this.addEventListener("message", ev => {
        const meta = document.querySelector(".md-search-result__meta")
        if (ev.data?.type === "failed")
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
  // focus leaves it and its number. Once the previews' file is there, the page places the
  // previews of the sources it cites in its list, in the order of their numbers, when a number is
  // opened or the page is printed (which waits for the file). A number opened before that shows at
  // once what the page knows, its number and the source's name (the link's label), and the rest
  // when the file comes; if it cannot come, the number leads to the references.
  const previewId = link => `source-${(link.hash || "").slice("#ref-".length)}` // the link to #ref-ID shows source-ID
  let placed = false
  const placePreviews = () => {
    if (!previews || placed)
      return
    placed = true
    const cited = new Map([...document.querySelectorAll("a.cite__link")].map(link => [previewId(link), link]))
    const found = [...cited].map(([id, link]) => [previews.getElementById(id), link]).filter(([preview]) => preview)
    let next = list.querySelector(".cited-sources__all")
    // From the last number: each before the one after it; one that is open stays where it is.
    for (const [preview, link] of found.sort(([, one], [, other]) => other.textContent - one.textContent)) {
      preview.querySelector(".source__more a").setAttribute("href", link.getAttribute("href"))
      const made = document.getElementById(preview.id), whole = document.importNode(preview, true)
      if (made)
        made.firstElementChild.replaceWith(...whole.children) // its close button stays
      next = made && made.matches(":popover-open") ? made : list.insertBefore(made || whole, next)
    }
  }
  const known = link => { // what a number's preview says before the file is there
    const preview = Object.assign(document.createElement("div"), {className: "source", id: previewId(link), popover: "auto"})
    const line = document.createElement("p"), number = document.createElement("span")
    preview.setAttribute("role", "dialog")
    preview.setAttribute("aria-label", link.getAttribute("aria-label"))
    Object.assign(number, {className: "source__number", textContent: link.textContent})
    line.append(number, " " + link.getAttribute("aria-label").split(": ").slice(1).join(": "))
    preview.append(line)
    list.insertBefore(preview, list.querySelector(".cited-sources__all"))
  }
  let opener = null // the number whose preview was opened last
  // Closed, a preview gives the focus back to its number, unless the reader has put it elsewhere.
  const giveFocusBack = preview => {
    const focused = document.activeElement
    if (focused === document.body || preview.contains(focused))
      opener.focus({preventScroll: true})
  }
  // A tap outside closes it as the finger lifts, and the focus leaves the number after that, before
  // or after the preview says it closed: the tap's click gives it back too.
  let tappedOutside = null // the preview open when a pointer went down outside it
  // A preview that covers its number (the phone's sheet across the bottom of the screen): the page
  // scrolls the number up, above it.
  const uncover = () => {
    const preview = document.querySelector(".source:popover-open")
    if (!preview)
      return
    const sheet = preview.getBoundingClientRect(), number = opener.getBoundingClientRect()
    if (number.bottom > sheet.top && number.top < sheet.bottom)
      scrollBy(0, number.bottom - sheet.top + 8)
  }
  const showPreview = link => {
    const preview = document.getElementById(previewId(link))
    if (!preview.querySelector(".source__close")) { // a close button, where previews open
      const close = document.createElement("button")
      Object.assign(close, {type: "button", className: "source__close", textContent: "×"})
      close.setAttribute("aria-label", list.dataset.close)
      close.addEventListener("click", () => preview.hidePopover())
      preview.append(close)
      preview.addEventListener("beforetoggle", ev => ev.newState === "closed" &&
        document.querySelectorAll("a.cite__link[aria-expanded=true]").forEach(a => a.setAttribute("aria-expanded", "false")))
      preview.addEventListener("toggle", ev => ev.newState === "closed" && giveFocusBack(preview))
      // A swipe down closes it, from the top of its text.
      let swipe = null
      preview.addEventListener("touchstart", ev => swipe = preview.scrollTop > 0 ? null : ev.touches[0].clientY, {passive: true})
      preview.addEventListener("touchend", ev => swipe !== null && ev.changedTouches[0].clientY - swipe > 40 && preview.hidePopover())
    }
    // Opened from an editor's note: the words of this source that the note rests on, too.
    preview.querySelector(".source__words")?.remove()
    const words = link.closest(".editor li")?.querySelector(`.evidence__item[data-ref="${preview.id.slice(7)}"]`)
    if (words) {
      const box = Object.assign(document.createElement("div"), {className: "evidence source__words"})
      box.append(words.cloneNode(true))
      preview.lastChild.before(box)
    }
    opener = link
    preview.togglePopover({source: link})
    link.setAttribute("aria-expanded", String(preview.matches(":popover-open"))) // said by a screen reader
    uncover()
  }
  if (list && HTMLElement.prototype.togglePopover) {
    addEventListener("pointerdown", ev =>
      tappedOutside = !ev.target.closest(".source") && document.querySelector(".source:popover-open"), true)
    document.addEventListener("click", ev => {
      if (tappedOutside)
        giveFocusBack(tappedOutside)
      tappedOutside = null
      const link = ev.target.closest("a.cite__link")
      if (!link || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey)
        return
      ev.preventDefault()
      start()
      placePreviews()
      if (!document.getElementById(previewId(link)))
        known(link)
      showPreview(link)
      if (!placed)
        fetchPreviews().then(() => {
          placePreviews()
          uncover() // now that it says all it has to
        }, () => location.assign(link.href))
    })
  }
  const tapped = __md_held // before this file ran (before-paint.js held it)
  __md_held = false
  tapped?.click()
  if (list)
    addEventListener("beforeprint", () => {
      if (!previews) { // the printed page is laid out when this returns: the file, at once
        const request = new XMLHttpRequest()
        request.open("GET", files.sources, false)
        try {
          request.send()
          if (request.status === 200)
            read(request.responseText)
        } catch {} // the page prints with the address of the references instead
      }
      placePreviews()
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
    words.onload = () => Words.mark(document.querySelector("article.md-content__inner"), parameters.get("h"))
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

  // Once the page has loaded, the site's service worker (sw.js at the site's root, written by
  // site_build/offline.py) keeps it, and what it needs, for reading offline.
  const offlineWorker = new URL("../../sw.js", document.currentScript.src)
  addEventListener("load", () => navigator.serviceWorker?.register(offlineWorker).catch(() => {}))
}
