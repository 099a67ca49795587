/*
 * What every page runs before it is painted, from the header, right after the colour toggle
 * (partials/javascripts/palette.html): one file, cached, in the place of the inline scripts of
 * Material's partials/javascripts/base.html and palette.html.
 * - Material's storage helpers, scoped to the site's root (this file is in assets/javascripts/);
 * - the page marked as scripted;
 * - the colour scheme the reader chose (or their device asks for), kept by the toggle until
 *   Material's script arrives (it reads the same stored choice, in its __palette format).
 *   (starter.js, which runs once the page is read, makes Space and Enter flip it.)
 * - a citation's number tapped before starter.js has run (it is deferred, and a page still
 *   arriving shows its first numbers before it runs) held for it: starter.js takes it and opens
 *   its preview; if the page has loaded and nothing took it, it is followed as the link it is.
 */
__md_scope = new URL("../..", document.currentScript.src)
__md_hash = text => [...text].reduce((hash, char) => (hash << 5) - hash + char.charCodeAt(0), 0)
{
  const kept = {} // with cookies blocked, even reading localStorage throws: what is stored lasts for the page
  __md_get = (key, storage, scope = __md_scope) => {
    try {
      return JSON.parse((storage || localStorage).getItem(scope.pathname + "." + key))
    } catch {
      return kept[scope.pathname + "." + key] ?? null
    }
  }
  __md_set = (key, value, storage, scope = __md_scope) => {
    try {
      (storage || localStorage).setItem(scope.pathname + "." + key, JSON.stringify(value))
    } catch { // or it is full
      kept[scope.pathname + "." + key] = value
    }
  }
}

document.documentElement.classList.replace("no-js", "js")
{
  const inputs = [...document.querySelectorAll("input.md-option")]
  const apply = (input, store) => {
    const color = {}
    for (const key of ["media", "scheme", "primary", "accent"])
      document.body.setAttribute(`data-md-color-${key}`, color[key] = input.getAttribute(`data-md-color-${key}`))
    inputs.forEach(other => other.nextElementSibling.hidden = other !== input)
    input.checked = true
    if (store)
      __md_set("__palette", {index: inputs.indexOf(input), color})
  }
  const stored = __md_get("__palette")
  if (inputs.length) {
    apply(stored && inputs[stored.index] || inputs.find(input => matchMedia(input.dataset.mdColorMedia).matches) || inputs[0])
    inputs.forEach(input => input.addEventListener("change", () => apply(input, true)))
  }
}

__md_held = null // a number tapped before starter.js has run (false once it has)
addEventListener("click", ev => {
  const link = __md_held !== false && HTMLElement.prototype.togglePopover && !(ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey)
    && ev.target.closest?.("a.cite__link")
  if (link) {
    ev.preventDefault()
    __md_held = link
  }
}, true)
addEventListener("load", () => __md_held && location.assign(__md_held.href))
