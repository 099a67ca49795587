// Firefox's Reader View on a page: Mozilla Readability run in jsdom on the HTML file given, with
// the page's address; prints the extracted article as JSON (title, textContent, content).
const fs = require("fs")
const {JSDOM} = require("jsdom")
const {Readability} = require("@mozilla/readability")

const [file, url] = process.argv.slice(2)
const dom = new JSDOM(fs.readFileSync(file, "utf8"), {url})
const article = new Readability(dom.window.document).parse()
process.stdout.write(JSON.stringify(article && {title: article.title, text: article.textContent, html: article.content}))
