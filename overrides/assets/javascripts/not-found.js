/*
 * The page for a missing address (404.html). GitHub Pages serves one, the default language's, for
 * every missing address: under another language's root (/en/…) this shows that language's 404
 * page (en/404.html, data-pages) in its place, then gives the address bar back the address the
 * reader asked for. Without a script, the default language's page says it in every language.
 */
{
  const path = location.pathname, asked = new URLSearchParams(location.search).get("address")
  const root = document.currentScript.dataset.roots.split(" ").find(root => root && path.startsWith(root))
  if (root && path === root + "404.html" && asked && asked.startsWith(root))
    history.replaceState(null, "", asked)
  else if (root && path !== root + "404.html") {
    document.documentElement.hidden = true // not a glimpse of the other language
    location.replace(`${root}404.html?address=${encodeURIComponent(path + location.search + location.hash)}`)
  }
}
