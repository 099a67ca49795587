/*
 * The site's search worker in Node, for tests/search_node.py: words.js and
 * search-worker.js as a build serves them, run as one function (as a worker runs them, without
 * Node's slower vm globals) with what a worker has (importScripts, postMessage,
 * addEventListener, and a fetch of the search text), answering one JSON request a line:
 *   {"query": "..."}  → {"ms": the worker's time, "items": Material's result groups} or {"error": "..."}
 *   {"split": "..."}  → {"words": Words.split's words}
 *
 *   node tests/search_worker.js SITE/assets/javascripts SITE/search/search_documents.json
 */
const fs = require("fs")
const path = require("path")
const readline = require("readline")

const [scripts, documents] = process.argv.slice(2)
const code = ["words.js", "search-worker.js"].map(name => fs.readFileSync(path.join(scripts, name), "utf-8"))
let listener, answer
const split = new Function("location", "importScripts", "addEventListener", "postMessage", "fetch",
  `${code.join("\n")}\nreturn Words.split`)(
  "https://example.org/assets/javascripts/search-worker.js?documents=search_documents.json",
  () => {}, // words.js is the function's first part
  (type, handler) => listener = handler,
  message => answer(message),
  async () => ({ok: true, json: async () => JSON.parse(fs.readFileSync(documents, "utf-8"))}))

const ask = query => new Promise(resolve => {
  answer = resolve
  listener({data: {type: 2, data: query}})
})

async function respond(request) {
  if ("split" in request)
    return {words: split(request.split).map(({word}) => word)}
  // The worker's time: the clock's (which other processes on a busy machine lengthen) or the
  // process's CPU time (which Node's helper threads, the garbage collector's, lengthen), whichever
  // is less; both are at least the time the worker's own thread spent.
  const asked = [performance.now(), process.cpuUsage()]
  const message = await ask(request.query)
  const {user, system} = process.cpuUsage(asked[1]), ms = Math.min(performance.now() - asked[0], (user + system) / 1000)
  return message.type === 3 ? {ms, items: message.data.items} : {ms, error: String(message.type)}
}

process.on("unhandledRejection", error => console.error(error)) // the worker rethrows, once it has said FAILED
readline.createInterface({input: process.stdin}).on("line", async line => {
  let reply
  try {
    reply = await respond(JSON.parse(line))
  } catch (error) {
    reply = {error: String(error && error.stack || error)}
  }
  process.stdout.write(JSON.stringify(reply) + "\n")
})
