"""The build of "01.AI का उदय और पतन": the Python that MkDocs runs through overrides/hooks/hooks.py.

    hooks.py       the events of MkDocs, each handed to the module that does its job
    build.py       what one build knows (Build), made in on_config
    settings.py    what the build takes from mkdocs.yml; a page's address
    records.py     data/*.yml as typed records, checked against docs/ (pages.py) and texts.py
    pages.py       the pages of docs/: read once (as MkDocs reads them), checked, paragraphs
    reading.py     what Python-Markdown reads in a page: headings, citations, raw HTML, links, text
    texts.py       the little Markdown of data texts
    links.py       where a link may lead (pages and data texts alike)
    render.py      the records as each page's Markdown (partials/records.html)
    head.py        a page's title as text, Open Graph locales, the brand colour
    cards.py       the social cards
    search_text.py each language's own search text
    words.py       how the site splits text into words, as search does
    previews.py    the sources' previews, one file for each language's pages
    feeds.py       each language's Atom feed: the changes, and what was found since the article
    styles.py      the site's stylesheets as readers get them (minified)
    css_cut.py     Material's stylesheets cut to what the pages show (page.css, scripted.css)
    scripts.py     the site's scripts as readers get them (minified)
    policy.py      the Content-Security-Policy, and live reload under it
    offline.py     reading offline: the manifests and icons, the offline pages, the service worker
    dates.py       the build's date, from git or SOURCE_DATE_EPOCH
    html_fix.py    HTML that Material writes and the Nu checker refuses
    jinja_env.py   the Jinja environments: templates compiled once, kept on disk; JSON as UTF-8
    material.py    every seam with Material (and MkDocs), and the tested Material versions
"""
