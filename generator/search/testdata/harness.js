// Runs the search's core (templates/search-core.js) in Node for the Go
// tests, through what it defines (window.cablesiteSearch): reads a JSON
// request on stdin, writes a JSON answer on stdout.
//
//	{"script": "templates/search-core.js", "index": "dir holding search/" or "",
//	 "tokens": ["text", ...], "queries": [{"q": "...", "sort": ""}, ...],
//	 "ids": ["07STATE126086", ...], "snippets": [{"q": "...", "text": "..."}, ...],
//	 "lists": [{"term": "...", "df": N, "pack": N, "index": N}, ...]}
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const req = JSON.parse(fs.readFileSync(0, "utf8"));
const ctx = { console, TextEncoder, URLSearchParams };
vm.createContext(ctx);
vm.runInContext(fs.readFileSync(req.script, "utf8"), ctx, { filename: req.script });
const api = ctx.cablesiteSearch;
const out = {};
const stop = new Set(Object.keys(req.stop || {}));

if (req.tokens) {
  out.tokens = req.tokens.map((s) => api.tokens(s).map((t) => [t.t, t.p, t.s, t.e]));
  out.facetKeys = req.tokens.map((s) => api.facetKey(s));
  out.idKeys = req.tokens.map((s) => api.idKey(s));
  out.fnv = req.tokens.map((s) => api.fnv1a(s));
}
if (req.order) {
  // The heap of order() against a full sort, on scores with many ties.
  out.order = req.order.map(([n, k, sort]) => {
    let x = 12345;
    const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const docs = Int32Array.from({ length: n }, (_, i) => i * 3);
    const scores = Float64Array.from({ length: n }, () => Math.floor(rnd() * 20) / 4);
    const got = Array.from(api.order({ docs, scores }, sort, k));
    const all = Array.from({ length: n }, (_, i) => i);
    if (sort === "date") all.reverse();
    else if (sort !== "oldest") all.sort((a, b) => scores[b] - scores[a] || docs[b] - docs[a]);
    const want = all.slice(0, k);
    return JSON.stringify(got) === JSON.stringify(want);
  });
}
if (req.snippets) {
  // [{q, text}]: the snippet of text for the query, its marks, and
  // whether text holds the query's phrases that the index cannot decide.
  out.snippets = req.snippets.map(({ q, text }) => {
    const pq = api.parseQuery(q, stop, false), snippet = api.snippet(text, api.marker(pq));
    // What a link to the hit carries to its page, and what the page
    // marks of it in the whole text.
    const hl = api.markQuery(pq), h = api.highlights(text, hl), back = api.parseQuery(hl, new Set(), false);
    const parts = (p) => JSON.stringify([p.words.map((w) => [w.term, w.prefix]), p.phrases.map((x) => x.terms)]);
    return {
      snippet,
      marks: api.marker(pq)(snippet).map((r) => snippet.slice(r.s, r.e)),
      holds: api.holdsPhrases(api.undecided(pq, stop), [text]),
      highlight: hl,
      sameQuery: parts(back) === parts(pq),
      pageMarks: h.ranges.map((r) => text.slice(r.s, r.e)),
      pageFirst: h.first < 0 ? -1 : h.ranges[h.first].s,
    };
  });
}
if (req.parse) {
  out.parse = req.parse.map((q) => api.parseQuery(q, stop, false));
  out.canon = req.parse.map((q) => api.canon(api.parseQuery(q, stop, false)));
  out.live = req.parse.map((q) => api.canon(api.parseQuery(q, stop, true)));
}

function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith(".js")) vm.runInContext(fs.readFileSync(p, "utf8"), ctx, { filename: p });
  }
}

async function main() {
  if (req.index) {
    walk(path.join(req.index, "search"));
    const ix = await api.open("search/");
    out.results = [];
    for (const q of req.queries || []) {
      const pq = api.parseQuery(q.q, ix.stop, false);
      const set = await ix.run(pq);
      if (!set) { out.results.push({ docs: [], scores: [] }); continue; }
      if (req.noFacets) { out.results.push({ docs: Array.from(set.docs) }); continue; }
      const facets = await ix.facets(set), facetsAll = await ix.facets(set, true);
      out.results.push({ docs: Array.from(set.docs), scores: Array.from(set.scores), facets, facetsAll });
    }
    if (req.lists) {
      // [{term, df, pack, index}]: a dictionary entry's posting list as
      // the client reads it, or that it refuses it.
      out.lists = [];
      for (const e of req.lists) {
        try {
          const l = await ix.postings(e);
          out.lists.push({ docs: Array.from(l.docs), lv: Array.from(l.lv) });
        } catch (err) {
          out.lists.push({ error: true });
        }
      }
    }
    out.ids = [];
    for (const q of req.ids || []) out.ids.push(await ix.findID(q));
    if (req.hits) out.hits = await ix.hits(req.hits);
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { process.stderr.write(String(e.stack || e)); process.exit(1); });
