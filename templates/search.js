// cablesite search, the search page: runs queries as the reader types,
// shows hits, facets and pages, and keeps the query in the address
// (search.html?q=...&sort=date&page=2). It runs on the core
// (search-core.js, loaded before it), which reads the index and marks
// what a query finds; this script is the page around it. Nothing from
// the index or a cable is ever inserted as HTML: text goes in with
// textContent, highlights as <mark> elements.
//
// One search runs at a time: each has an AbortController, aborted when
// the next one starts, and its work stops at its next step (the core's
// current and checkCurrent throw Stale, which the page ignores).
//
// Sections: helpers, the cables' texts (Texts), snippets (Snippets),
// phrases checked in the texts (PhraseCheck), the results and their pages
// (ResultsView), facets (FacetsView), and the page that ties them to the
// form and the address (SearchPage). When a search is done, #search-app
// dispatches the event "cablesite:search" (see start).
(function (g) {
  "use strict";
  const api = g.cablesiteSearch || {};
  const { parseQuery, markQuery, marked, fatal, terms, marker, snippet, holdsPhrases, undecided, order, facetKey, current, checkCurrent, Stale, newTask, breathe } = api;

  const PER_PAGE = 20;

  // ---------------------------------------------------------------
  // Helpers.

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // afterPaint resolves once the browser has painted the page as it is
  // now, with the time (performance.now()) of the frame that paints it.
  const afterPaint = () => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const now = performance.now();
      setTimeout(() => resolve(now), 0);
    });
  });

  // nextTask resolves in a task of its own, after what is queued.
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

  // num writes n with thousands separated by commas, as en-US does: not
  // by toLocaleString, whose first call loads the browser's number
  // formats (20 to 35 ms here, paid by the first results of a visit).
  const num = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

  // highlight appends text to parent, with what mark finds wrapped in
  // <mark>: built from text nodes, never HTML.
  function highlight(parent, text, mark) {
    let at = 0;
    for (const r of mark(text)) {
      if (r.s > at) parent.appendChild(document.createTextNode(text.slice(at, r.s)));
      parent.appendChild(el("mark", null, text.slice(r.s, r.e)));
      at = r.e;
    }
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // quiet lets the Stale of an abandoned search pass silently, and
  // anything else through.
  const quiet = (err) => {
    if (!(err instanceof Stale)) throw err;
  };

  // view reads the hits at positions of from, for a page of results:
  // {set (the results the facets count), hits, total, exact}.
  async function view(ix, from, set, positions, total, exact) {
    const hits = await ix.hits(positions.map((i) => from.docs[i]));
    hits.forEach((h, k) => { h.score = from.scores[positions[k]]; });
    return { set, hits, total, exact };
  }

  // ---------------------------------------------------------------
  // Texts loads the text of cables, for snippets and to check phrases:
  // the build writes each cable's text, as the index read it, beside its
  // page (cable/.../ID.txt.js, see package search), a script of one call,
  // cablesiteSearch.text(url, text), loaded like the index's files, which
  // works from disk too. A few at a time; the texts are kept for later
  // queries. A text that does not load gives null, and after a few such
  // and none that loaded, Texts stops asking.

  const TEXT_LOADS = 6, TEXT_KEEP = 500;

  class Texts {
    constructor(root) {
      this.root = root;
      this.kept = new Map(); // url -> promise of text
      this.queue = [];
      this.active = 0;
      this.waiting = new Map(); // url -> function(text), while its script loads
      this.answered = 0;
      this.silent = 0;
      this.watched = new WeakSet(); // the signals whose abort drops their texts
      api.text = (url, text) => {
        const done = this.waiting.get(url);
        if (!done) return;
        this.answered++;
        done(typeof text === "string" ? text : null);
      };
      // Script elements go in the page through the core's queue, a few
      // per task, with the index's.
      this.insert = api.insertScript || ((s) => document.head.appendChild(s));
    }

    // get returns the text of the cable whose page is at url, null when it
    // cannot be read. The texts a search asked for (with its signal) and
    // that are not loading yet when it is abandoned are dropped, since the
    // newer search wants its own first: their promises give undefined (not
    // null: nothing is known of those cables).
    get(url, signal) {
      let p = this.kept.get(url);
      if (p) return p;
      if (this.silent >= 3 && !this.answered) return Promise.resolve(null);
      if (signal && signal.aborted) return Promise.resolve(undefined);
      const job = { url, signal };
      p = job.promise = new Promise((resolve) => { job.resolve = resolve; });
      this.queue.push(job);
      this.kept.set(url, p);
      if (this.kept.size > TEXT_KEEP) this.kept.delete(this.kept.keys().next().value);
      if (signal && !this.watched.has(signal)) {
        this.watched.add(signal);
        signal.addEventListener("abort", () => this.drop(signal));
      }
      this.pump();
      return p;
    }

    drop(signal) {
      this.queue = this.queue.filter((job) => {
        if (job.signal !== signal) return true;
        if (this.kept.get(job.url) === job.promise) this.kept.delete(job.url);
        job.resolve(undefined);
        return false;
      });
    }

    pump() {
      while (this.active < TEXT_LOADS && this.queue.length) {
        const job = this.queue.shift();
        this.active++;
        this.load(job, () => { this.active--; this.pump(); });
      }
    }

    load(job, next) {
      const s = document.createElement("script");
      let ended = false;
      const end = (text) => {
        if (ended) return;
        ended = true;
        this.waiting.delete(job.url);
        s.remove();
        // What waits for the text (a snippet, a phrase's check) runs in a
        // task of its own, not in the one that ran the script.
        if (newTask) newTask().then(() => job.resolve(text));
        else job.resolve(text);
        next();
      };
      this.waiting.set(job.url, end);
      s.async = true;
      s.src = this.root + job.url.replace(/\.html$/, "") + ".txt.js";
      // The script calls api.text as it runs, before its load event.
      s.onload = () => { if (!ended) { this.silent++; end(null); } };
      s.onerror = () => { this.silent++; end(null); };
      this.insert(s);
    }
  }

  // ---------------------------------------------------------------
  // Snippets replaces each hit's excerpt by the passage of its text that
  // holds the most of the query, where the text holds any of it.

  class Snippets {
    constructor(texts, list) {
      this.texts = texts;
      this.list = list; // the <ol> of the hits
      this.cut = null; // {signal, of: url -> snippet} of the current search
      this.watch = null; // the IntersectionObserver of the hits shown
    }

    // fill cuts the snippets of the hits on screen and of those about to
    // scroll in (a screen ahead), as they come: the others are not read.
    // It resolves once those on screen at first are in.
    async fill(hits, pq, signal) {
      // A query of filters alone has nothing to find in the texts: none is
      // read.
      const m = api.marked(pq);
      if (!m.words.length && !m.phrases.length) return;
      const mark = marker(pq);
      // A search shows its hits more than once while it checks a phrase:
      // each snippet is cut once.
      if (!this.cut || this.cut.signal !== signal) this.cut = { signal, of: new Map() };
      const cut = this.cut.of;
      const one = async (h) => {
        const text = await this.texts.get(h.url, signal);
        let s = cut.get(h.url);
        if (s === undefined) {
          s = text ? snippet(text, mark) : "";
          cut.set(h.url, s);
        }
        checkCurrent(signal);
        const li = s && this.list.querySelector(`li.hit[data-doc="${h.doc}"]`);
        if (!li) return;
        let p = li.querySelector(".hit-snippet");
        if (!p) {
          p = el("p", "hit-snippet");
          li.appendChild(p);
        }
        p.textContent = "";
        highlight(p, s, mark);
        p.setAttribute("data-from", "text");
      };
      if (this.watch) this.watch.disconnect();
      // The texts load once the hits are painted.
      await current(signal, afterPaint());
      if (typeof IntersectionObserver !== "function") {
        await Promise.all(hits.map(one));
        return;
      }
      const byDoc = new Map(hits.map((h) => [String(h.doc), h]));
      await new Promise((resolve) => {
        let first = true;
        const watch = this.watch = new IntersectionObserver((entries) => {
          const now = [];
          for (const e of entries) {
            const h = e.isIntersecting && byDoc.get(e.target.getAttribute("data-doc"));
            if (!h || signal.aborted) continue;
            watch.unobserve(e.target);
            now.push(one(h).catch(quiet));
          }
          if (signal.aborted) watch.disconnect();
          if (first) {
            first = false;
            Promise.all(now).then(resolve);
          }
        }, { rootMargin: "0px 0px 100% 0px" });
        let any = false;
        for (const li of this.list.querySelectorAll("li.hit")) {
          if (byDoc.has(li.getAttribute("data-doc"))) { watch.observe(li); any = true; }
        }
        if (!any) resolve();
      });
      checkCurrent(signal);
    }
  }

  // ---------------------------------------------------------------
  // PhraseCheck picks the hits of a query with phrases the index could
  // not decide: it checks the candidates in order against their texts, a
  // few at a time, until it has the page's hits (all of them when there
  // are at most PHRASE_CHECK, so that small results are counted exactly).
  // The number of results is then exact when every candidate has been
  // checked, else estimated from those checked. The reader may ask to
  // check them all (up to CHECK_ALL candidates). The verdicts are kept
  // while the phrases stay the same, for the next pages.

  const PHRASE_CHECK = 40, CHECK_CHUNK = TEXT_LOADS, CHECK_ALL = 2000;

  class PhraseCheck {
    constructor(texts) {
      this.texts = texts;
      this.verdicts = null; // {key: the phrases, of: doc -> holds them}
      this.checkAll = null; // the key of the phrases to check all of
    }

    // checkAllNext makes the next pick of the current phrases check all
    // their candidates.
    checkAllNext() { this.checkAll = this.verdicts && this.verdicts.key; }

    // pick returns the view of page at (from 0) of set by sort, with its
    // page in view.at (the last page when there are fewer). Meanwhile it
    // calls shown with the page's hits known so far, those before the
    // first candidate not yet checked, and a function counting the
    // candidates checked.
    async pick(ix, set, phrases, at, sort, signal, shown) {
      const n = set.docs.length, key = JSON.stringify(phrases);
      if (!this.verdicts || this.verdicts.key !== key) this.verdicts = { key, of: new Map() };
      const verdicts = this.verdicts.of, want = (at + 1) * PER_PAGE, from = at * PER_PAGE;
      const least = n <= PHRASE_CHECK || (this.checkAll === key && n <= CHECK_ALL) ? n : 0;
      const known = () => {
        let c = 0;
        for (let i = 0; i < n; i++) if (verdicts.has(set.docs[i])) c++;
        return c;
      };
      // scan walks the first candidates in order: those known to hold the
      // phrases, those not checked yet, and how many of the first are
      // known before the first not checked.
      const scan = (idx) => {
        const held = [], pending = [];
        let stable = -1;
        for (let i = 0; i < idx.length && (held.length + pending.length < want || i < least); i++) {
          const v = verdicts.get(set.docs[idx[i]]);
          if (v === undefined) {
            if (stable < 0) stable = held.length;
            pending.push(idx[i]);
          } else if (v) held.push(idx[i]);
        }
        return { held, pending, stable: stable < 0 ? held.length : stable };
      };
      let k = Math.min(n, want + PER_PAGE), held;
      for (;;) {
        const idx = order(set, sort, k), r = scan(idx);
        if (r.pending.length) {
          // Show each hit as soon as those before it are known.
          const progress = () => {
            if (signal.aborted) return;
            const now = scan(idx);
            if (now.stable > from) shown(now.held.slice(from, Math.min(now.stable, from + PER_PAGE)), known);
          };
          progress();
          await current(signal, this.check(ix, set, r.pending.slice(0, CHECK_CHUNK), phrases, verdicts, progress, signal));
        } else if ((r.held.length < want || k < least) && k < n) {
          k = Math.min(n, 2 * k);
        } else {
          held = r.held;
          break;
        }
      }
      let checked = 0, holding = 0;
      const docs = [], scores = [];
      for (let i = 0; i < n; i++) {
        const v = verdicts.get(set.docs[i]);
        if (v === undefined) continue;
        checked++;
        if (v) { holding++; docs.push(set.docs[i]); scores.push(set.scores[i]); }
      }
      if (checked === n) {
        at = Math.min(at, Math.max(0, Math.ceil(holding / PER_PAGE) - 1));
        const only = { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
        const v = await view(ix, set, only, held.slice(at * PER_PAGE, (at + 1) * PER_PAGE), holding, true);
        v.at = at;
        return v;
      }
      const about = Math.max(held.length, Math.round(holding + (n - checked) * holding / checked));
      const v = await view(ix, set, set, held.slice(from, from + PER_PAGE), about, false);
      v.candidates = n;
      v.at = at;
      return v;
    }

    // check reads the texts of the candidates at positions of set and
    // records whether each holds the phrases, calling each after each one.
    // A cable whose text cannot be read is kept, as the index let it
    // through.
    async check(ix, set, positions, phrases, verdicts, each, signal) {
      const docs = positions.map((i) => set.docs[i]), hits = await ix.hits(docs);
      await Promise.all(hits.map(async (h, k) => {
        const text = await this.texts.get(h.url, signal);
        if (text === undefined) return; // dropped for a newer search
        verdicts.set(docs[k], text === null || holdsPhrases(phrases, [h.subject || "", text]));
        each();
      }));
    }
  }

  // ---------------------------------------------------------------
  // ResultsView shows the status, the hits and the pager.

  // The hits come in slices of about what a phone's screen shows, each
  // once the one before is painted: the style and layout of each slice
  // are then a task of their own.
  const HITS_PER_SLICE = 5;

  class ResultsView {
    constructor(page) {
      this.page = page; // the SearchPage: its elements and actions
      this.shown = 0; // counts the calls of show, so that an older one stops
    }

    // show shows the status and the hits of a view (none: the cables a
    // query names, and why nothing was searched), and the pager. It
    // resolves once every hit is in the page; the first are there when it
    // returns.
    async show(pq, view, ids) {
      const page = this.page, list = page.results, mark = marker(pq), hl = markQuery(pq), call = ++this.shown;
      list.textContent = "";
      page.pager.textContent = "";
      for (const c of ids) {
        const li = el("li", "hit-jump"), a = el("a", null, "Go to cable " + c.id);
        a.href = page.root + c.url;
        li.appendChild(a);
        if (c.subject) li.appendChild(document.createTextNode(": " + c.subject));
        list.appendChild(li);
      }
      if (!view) {
        const stop = pq.notices.find((n) => n.fatal);
        if (stop) {
          page.say(ids.length ? "" : "No search: " + stop.text);
          return;
        }
        page.say(!page.input.value.trim() || ids.length ? "" :
          "Nothing to search for: common words such as \u201cthe\u201d and single letters are not indexed.");
        return;
      }
      const hits = view.hits, total = view.total, from = page.at * PER_PAGE;
      if (view.checking) {
        page.say(this.checking(hits.length, view.checked, view.candidates));
      } else {
        const count = view.exact ? num(total) : "About " + num(total);
        page.say(total === 0 ? "No cable matches." :
          (total === 1 && view.exact ? "1 cable matches." : count + " cables match") +
          (total > PER_PAGE || !view.exact ? "; showing " + num(from + 1) + "–" + num(from + hits.length) + "." : (total === 1 ? "" : ".")) +
          (view.exact ? "" : " The phrase is checked in each cable as its page of results is shown. "));
        if (!view.exact && view.candidates <= CHECK_ALL) {
          const all = el("button", "check-all", "Check all " + num(view.candidates) + " candidates");
          all.type = "button";
          all.title = "Reads the text of each of the " + num(view.candidates) + " cables the index gives for the phrase, to count them exactly";
          all.addEventListener("click", () => page.checkAllCandidates());
          page.status.appendChild(all);
        }
      }
      for (let at = 0; at < hits.length;) {
        if (at > 0) {
          await afterPaint();
          if (call !== this.shown) return;
        }
        const part = document.createDocumentFragment(), end = at + HITS_PER_SLICE;
        for (; at < end && at < hits.length; at++) part.appendChild(this.hit(hits[at], mark, hl));
        list.appendChild(part);
      }
      if (!view.checking) this.pages(total);
    }

    hit(h, mark, hl) {
      const li = el("li", "hit");
      li.setAttribute("data-doc", h.doc);
      const title = el("a", "hit-title");
      title.href = this.page.root + h.url + (hl ? "?highlight=" + encodeURIComponent(hl) : "");
      highlight(title, h.subject || h.id, mark);
      const h3 = el("h3");
      h3.appendChild(title);
      li.appendChild(h3);
      const meta = el("p", "hit-meta");
      if (h.date) {
        const time = el("time", null, h.date);
        time.setAttribute("datetime", h.date);
        meta.appendChild(time);
        meta.appendChild(document.createTextNode(" · "));
      }
      meta.appendChild(el("span", "hit-id", h.id));
      if (h.origin) meta.appendChild(document.createTextNode(" · " + h.origin));
      if (h.classification) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(el("span", "hit-class", h.classification));
      }
      li.appendChild(meta);
      if (h.excerpt) {
        const p = el("p", "hit-snippet");
        highlight(p, h.excerpt, mark);
        li.appendChild(p);
      }
      return li;
    }

    // checking is the status while a phrase is checked.
    checking(found, checked, candidates) {
      return "Checking the phrase in the cables' texts (" + num(checked) + " of " + num(candidates) + "); " +
        num(found) + " found so far…";
    }

    pages(total) {
      const page = this.page, count = Math.ceil(total / PER_PAGE);
      if (count <= 1) return;
      const ul = el("ul");
      const item = (label, p, isCurrent, rel) => {
        const li = el("li");
        if (isCurrent) {
          const span = el("span", null, label);
          span.setAttribute("aria-current", "page");
          li.appendChild(span);
        } else {
          const a = el("a", null, label);
          a.href = "?" + new URLSearchParams({ q: page.input.value, ...(page.sort ? { sort: page.sort } : {}), page: String(p + 1) });
          if (rel) a.rel = rel;
          a.setAttribute("data-page", p);
          a.addEventListener("click", (ev) => {
            ev.preventDefault();
            page.goToPage(p);
          });
          li.appendChild(a);
        }
        ul.appendChild(li);
      };
      if (page.at > 0) item("Previous", page.at - 1, false, "prev");
      const shown = new Set([0, page.at - 2, page.at - 1, page.at, page.at + 1, page.at + 2, count - 1].filter((p) => p >= 0 && p < count));
      let last = -1;
      for (const p of Array.from(shown).sort((a, b) => a - b)) {
        if (last >= 0 && p > last + 1) ul.appendChild(el("li", "gap", "…"));
        item(String(p + 1), p, p === page.at);
        last = p;
      }
      if (page.at < count - 1) item("Next", page.at + 1, false, "next");
      page.pager.appendChild(ul);
    }
  }

  // ---------------------------------------------------------------
  // Suggestions: when a query finds nothing or little, "Did you mean"
  // links from the index's own vocabulary (Index.suggest: edit distance
  // weighted by frequency) for its rare or unknown words, and, for a query
  // of several words that finds nothing, the query without the word that
  // empties it.

  const FEW = 3; // results under which words are corrected

  class Suggestions {
    constructor(page) {
      this.page = page;
      this.box = null;
    }

    element() {
      if (!this.box) {
        const page = this.page;
        this.box = el("div", "search-suggest");
        this.box.id = "search-suggest";
        this.box.hidden = true;
        page.status.parentNode.insertBefore(this.box, page.status.nextSibling);
      }
      return this.box;
    }

    clear() { if (this.box) { this.box.textContent = ""; this.box.hidden = true; } }

    // show offers what may do better than q (parsed pq), which found total.
    async show(ix, q, pq, total, signal) {
      this.clear();
      if (total >= FEW || fatal(pq)) return;
      const words = marked(pq).words.filter((w) => !w.prefix);
      const fixes = [];
      for (const w of words) {
        const e = await current(signal, ix.lookup(w.term, false)), df = e.length ? e[0].df : 0;
        if (df >= FEW) continue;
        const s = (await current(signal, ix.suggest(w.term, 1))).filter((x) => x.df > df);
        if (s.length) fixes.push({ from: w.term, to: s[0].term });
      }
      const links = [];
      if (fixes.length) {
        let toks = queryTokens(q);
        for (const f of fixes) toks = toks.map((t) => replaceWord(t, f.from, f.to));
        const fixed = toks.join(" "), set = await current(signal, ix.run(parseQuery(fixed, ix.stop, false), signal));
        if (set && set.docs.length > total) links.push({ lead: "Did you mean ", q: fixed, text: fixes.map((f) => f.to).join(" "), n: set.docs.length });
      }
      const required = pq.words.length + pq.phrases.length;
      if (total === 0 && required >= 2) {
        let best = null;
        for (const t of queryTokens(q)) {
          const tt = terms(t.replace(/^-|\*+$/g, ""));
          if (t[0] === "-" || t.indexOf(":") >= 0 || t === "OR" || t === "NOT" || !tt.length) continue;
          const rest = queryTokens(q).filter((x) => x !== t).join(" ");
          const set = await current(signal, ix.run(parseQuery(rest, ix.stop, false), signal));
          if (set && set.docs.length && (!best || set.docs.length > best.n)) best = { lead: "No cable holds them all; without \u201c" + t + "\u201d: ", q: rest, text: rest, n: set.docs.length };
        }
        if (best) links.push(best);
      }
      if (!links.length) return;
      const box = this.element();
      for (const l of links) {
        const p = el("p", "search-suggestion");
        p.appendChild(document.createTextNode(l.lead));
        const a = el("a", null, l.text);
        a.href = "search.html?q=" + encodeURIComponent(l.q);
        a.addEventListener("click", (ev) => {
          if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button) return;
          ev.preventDefault();
          this.page.runQuery(l.q);
        });
        p.appendChild(a);
        p.appendChild(document.createTextNode(" (" + num(l.n) + (l.n === 1 ? " cable)" : " cables)") + (l.lead === "Did you mean " ? "?" : "")));
        box.appendChild(p);
      }
      box.hidden = false;
    }
  }

  // replaceWord returns a part of a query with the word from (a term)
  // written to instead, the part unchanged when it is not that word.
  function replaceWord(t, from, to) {
    const neg = t[0] === "-" ? "-" : "";
    const body = neg ? t.slice(1) : t;
    if (body.indexOf(":") >= 0 || body[0] === '"') return t;
    const ts = terms(body);
    return ts.length === 1 && ts[0] === from ? neg + to : t;
  }

  // ---------------------------------------------------------------
  // TimeChart draws the results over time, in the style of the build's
  // SVG charts (package timeline: svg.timeline, rect.bar, rect.hit, a
  // <title> per bar): a bar per year, or per month when the results span
  // three years or less. Each bar is a link that narrows the search to
  // its period (year:Y or date:Y-M), reached with Tab like any link.

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const SVGNS = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVGNS, tag);
    for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  class TimeChart {
    constructor(page) {
      this.page = page;
      this.box = null;
    }

    element() {
      if (!this.box) {
        const page = this.page;
        this.box = el("figure", "chart search-chart");
        this.box.id = "search-chart";
        this.box.hidden = true;
        // Below the hits, so that its coming moves none of them.
        page.results.parentNode.insertBefore(this.box, page.pager);
      }
      return this.box;
    }

    clear() { if (this.box) { this.box.textContent = ""; this.box.hidden = true; } }

    // counts returns the bars of a set of results: [{label, title, field,
    // value, n}], per year from the year facet, or per month (from the
    // index's days) when the years span three or less.
    async counts(ix, set, years) {
      const ys = years.filter((y) => !y.none).map((y) => ({ y: +y.name, n: y.count })).sort((a, b) => a.y - b.y);
      if (!ys.length) return [];
      const lo = ys[0].y, hi = ys[ys.length - 1].y;
      if (hi - lo + 1 > 3) {
        const out = [];
        for (let y = lo; y <= hi; y++) {
          const f = ys.find((x) => x.y === y), n = f ? f.n : 0;
          out.push({ label: String(y), title: y + ": " + num(n) + (n === 1 ? " cable" : " cables"), field: "year", value: String(y), n, year: y, month: -1 });
        }
        return out;
      }
      const t = await ix.days(), by = new Map();
      let k = 0;
      for (let i = 0; i < set.docs.length; i++) {
        const d = set.docs[i];
        if (d >= ix.root.dated) break;
        while (k + 1 < t.firsts.length && t.firsts[k + 1] <= d) k++;
        const date = new Date(-62135596800000 + t.days[k] * 864e5), key = date.getUTCFullYear() * 12 + date.getUTCMonth();
        by.set(key, (by.get(key) || 0) + 1);
      }
      const keys = Array.from(by.keys()), first = Math.min(...keys), last = Math.max(...keys), out = [];
      for (let m = first; m <= last; m++) {
        const y = Math.floor(m / 12), mo = m % 12, n = by.get(m) || 0, v = y + "-" + String(mo + 1).padStart(2, "0");
        out.push({ label: mo === 0 || m === first ? String(y) : "", title: MONTHS[mo] + " " + y + ": " + num(n) + (n === 1 ? " cable" : " cables"), field: "date", value: v, n, year: y, month: mo });
      }
      return out;
    }

    async show(ix, set, years, signal) {
      const bars = await this.counts(ix, set, years);
      checkCurrent(signal);
      const box = this.element();
      if (bars.length < 2) { box.textContent = ""; box.hidden = true; return; }
      await breathe(signal);
      const page = this.page, W = 720, H = 170, left = 44, right = 8, top = 18, bottom = 26;
      const plotW = W - left - right, plotH = H - top - bottom, slot = plotW / bars.length, gap = Math.min(2, slot / 4);
      const max = Math.max(...bars.map((b) => b.n), 1), total = bars.reduce((a, b) => a + b.n, 0);
      const per = bars[0].month >= 0 ? "month" : "year";
      const busiest = bars.reduce((a, b) => (b.n > a.n ? b : a));
      const root = svg("svg", { class: "timeline", viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "group", "aria-labelledby": "search-chart-title search-chart-desc" });
      root.appendChild(svg("title", { id: "search-chart-title" }, "Results per " + per));
      root.appendChild(svg("desc", { id: "search-chart-desc" }, num(total) + " dated results from " + bars[0].title.split(":")[0] + " to " +
        bars[bars.length - 1].title.split(":")[0] + "; the most in " + busiest.title + ". Each bar narrows the search to its " + per + "."));
      root.appendChild(svg("text", { class: "label caption", x: 0, y: 11 }, "Cables per " + per));
      root.appendChild(svg("path", { class: "axis", fill: "none", stroke: "currentColor", d: "M" + left + " " + top + "V" + (top + plotH) + "H" + (W - right) }));
      root.appendChild(svg("text", { class: "label", "text-anchor": "end", x: left - 4, y: top + 4 }, num(max)));
      root.appendChild(svg("text", { class: "label", "text-anchor": "end", x: left - 4, y: top + plotH }, "0"));
      const every = per === "year" ? Math.max(1, Math.ceil(bars.length / 12)) : 1;
      // Built in slices (a chart of months has up to 36 bars, six
      // elements each), put in the page at once.
      for (let i = 0; i < bars.length; i++) {
        if (i % 12 === 11) await breathe(signal);
        const b = bars[i], x = left + i * slot, h = b.n ? Math.max(1, b.n / max * plotH) : 0;
        const q = withFilter(page.input.value, b.field, b.value);
        const a = svg("a", { href: "search.html?q=" + encodeURIComponent(q), class: "search-chart-bar" });
        a.setAttribute("data-value", b.value);
        a.appendChild(svg("title", {}, b.title));
        a.appendChild(svg("rect", { class: "hit", fill: "transparent", x: x.toFixed(2), y: top, width: Math.max(slot, 1).toFixed(2), height: plotH }));
        a.appendChild(svg("rect", { class: "bar", x: (x + gap / 2).toFixed(2), y: (top + plotH - h).toFixed(2), width: Math.max(slot - gap, 1).toFixed(2), height: h.toFixed(2) }));
        a.addEventListener("click", (ev) => {
          if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button) return;
          ev.preventDefault();
          page.filterOn(b.field, b.value);
        });
        root.appendChild(a);
        if (b.label && (per === "month" || i % every === 0)) {
          root.appendChild(svg("path", { class: "tick", fill: "none", stroke: "currentColor", d: "M" + (x + slot / 2).toFixed(2) + " " + (top + plotH) + "v4" }));
          root.appendChild(svg("text", { class: "label", "text-anchor": "middle", x: (x + slot / 2).toFixed(2), y: H - 6 }, b.label));
        }
      }
      box.textContent = "";
      box.appendChild(root);
      box.hidden = false;
    }
  }

  // ---------------------------------------------------------------
  // FacetsView shows the counts of the results by TAG, origin,
  // classification and year; a click on a value filters on it.

  const FACETS = [
    { field: "tag", title: "TAGS", limit: 15, plural: "TAGS" },
    { field: "origin", title: "Origin", limit: 10, plural: "origins" },
    { field: "class", title: "Classification", limit: 8, plural: "classifications" },
    { field: "year", title: "Year", limit: 50, plural: "years" },
  ];

  // classLevel orders classifications from the most restricted down.
  function classLevel(name) {
    const n = name.toUpperCase(), noforn = /NOFORN/.test(n) ? 0.5 : 0;
    if (/TOP SECRET/.test(n)) return 6 + noforn;
    if (/SECRET/.test(n)) return 4 + noforn;
    if (/CONFIDENTIAL/.test(n)) return 3 + noforn;
    if (/UNCLASSIFIED/.test(n)) return /OFFICIAL USE|FOUO|SBU/.test(n) ? 2 : 1;
    return 0;
  }

  // queryTokens splits a query as written into its parts: runs of
  // characters but white space, a quoted stretch counting as one.
  function queryTokens(q) {
    const out = [];
    for (let i = 0; i < q.length;) {
      if (/\s/.test(q[i])) { i++; continue; }
      let j = i;
      while (j < q.length && !/\s/.test(q[j])) {
        if (q[j] === '"') { const e = q.indexOf('"', j + 1); j = e < 0 ? q.length : e + 1; } else j++;
      }
      out.push(q.slice(i, j));
      i = j;
    }
    return out;
  }

  // fieldToken returns the value of a part field:value (unquoted), null
  // when the part is not a filter on field.
  function fieldToken(t, field) {
    if (t.slice(0, field.length + 1).toLowerCase() !== field + ":") return null;
    return t.slice(field.length + 1).replace(/^"|"$/g, "");
  }

  // withoutField returns a query without its filters on field (those it
  // must match, not its exclusions) and the ORs that joined them, and the
  // values they had.
  function withoutField(q, field) {
    const toks = queryTokens(q), gone = new Set(), values = [];
    toks.forEach((t, i) => {
      const v = fieldToken(t, field);
      if (v !== null) { gone.add(i); if (v) values.push(v); }
    });
    const keep = toks.filter((t, i) => !gone.has(i) && !(t === "OR" && (gone.has(i - 1) || gone.has(i + 1))));
    return { q: keep.join(" "), values };
  }

  // selection returns, per facet field, the keys of the values a parsed
  // query selects: its filters on the field, alone or in an OR group of
  // filters on that field only.
  function selection(pq) {
    const sel = {};
    for (const spec of FACETS) sel[spec.field] = new Set();
    const add = (f) => { if (sel[f.field]) sel[f.field].add(facetKey(f.value)); };
    pq.filters.forEach(add);
    for (const g of pq.any || []) {
      if (g.every((a) => a.filter && a.filter.field === g[0].filter.field)) g.forEach((a) => add(a.filter));
    }
    return sel;
  }

  class FacetsView {
    constructor(page) {
      this.page = page;
      this.box = page.facetsEl;
      this.expanded = new Set(); // fields whose every value is shown
      this.meanings = null; // TAG -> meaning, once loaded
      this.shown = 0; // counts the calls of show and clear, so that an older show stops
    }

    clear() {
      this.shown++;
      if (this.box) this.box.textContent = "";
    }

    // show shows the facets f of a view's results. own gives, for a field
    // the query selects values of, that field's counts over the results of
    // the query without its own selection (disjunctive facets: values of
    // one field add up, fields narrow each other). With sliced, a field at
    // a time, each once the one before is painted; it resolves once all
    // are in the page.
    async show(f, view, own, sliced) {
      if (!this.box) return;
      const page = this.page, set = view.set;
      own = own || {};
      this.clear();
      const call = this.shown;
      const pq = parseQuery(page.input.value, page.ix.stop, false), sel = selection(pq);
      if (!set.docs.length && !Object.keys(own).length) return;
      // Built apart, put in the page at once.
      const box = document.createDocumentFragment();
      if (!view.exact) {
        box.appendChild(el("p", "facet-note", "Counts include the cables not yet checked for the phrase."));
      }
      if (!f.exact) box.appendChild(this.countAll(f, view, own));
      for (const spec of FACETS) {
        const chosen = sel[spec.field];
        let items = (own[spec.field] || f[spec.field]).filter((it) => !it.none);
        // A chosen value stays in the list, with its count or none.
        for (const k of chosen) {
          if (!items.some((it) => facetKey(it.name) === k)) {
            const v = pq.filters.concat(...(pq.any || []).map((g) => g.map((a) => a.filter).filter(Boolean)))
              .find((x) => x.field === spec.field && facetKey(x.value) === k);
            if (v) items = items.concat([{ name: v.value, count: 0 }]);
          }
        }
        if (!items.length) continue;
        if (spec.field === "class") items = items.slice().sort((a, b) => classLevel(b.name) - classLevel(a.name) || (a.name < b.name ? -1 : 1));
        const sec = el("section", "facet");
        sec.setAttribute("data-facet", spec.field);
        sec.appendChild(el("h2", null, spec.title));
        const exact = (f.exact || spec.field === "year") && view.exact;
        const all = this.expanded.has(spec.field);
        const ul = el("ul");
        const shown = all ? items : items.filter((it, i) => i < spec.limit || chosen.has(facetKey(it.name)));
        for (const it of shown) {
          const li = el("li"), on = chosen.has(facetKey(it.name));
          const b = el("button", on ? "facet-value active" : "facet-value");
          b.type = "button";
          b.setAttribute("aria-pressed", on ? "true" : "false");
          b.setAttribute("data-value", it.name);
          b.appendChild(el("span", "facet-name", it.name));
          const meaning = spec.field === "tag" && this.meanings ? this.meanings.get(it.name) : "";
          if (meaning) b.appendChild(el("span", "facet-meaning", meaning));
          b.appendChild(el("span", "facet-count", (exact ? "" : "≈") + num(it.count)));
          b.addEventListener("click", () => page.toggleFacet(spec.field, it.name));
          li.appendChild(b);
          ul.appendChild(li);
        }
        if (items.length > spec.limit) {
          const more = el("button", "facet-more", all ? "Fewer " + spec.plural : "All " + num(items.length) + " " + spec.plural);
          more.type = "button";
          more.setAttribute("aria-expanded", all ? "true" : "false");
          more.addEventListener("click", () => {
            if (all) this.expanded.delete(spec.field); else this.expanded.add(spec.field);
            this.show(f, view, own);
            const again = this.box.querySelector('section[data-facet="' + spec.field + '"] ' + (all ? ".facet-more" : ".facet-filter"));
            if (again) again.focus();
          });
          if (all) {
            const filter = el("input", "facet-filter");
            filter.type = "search";
            filter.setAttribute("aria-label", "Filter the " + spec.plural);
            filter.placeholder = "Filter " + spec.plural;
            filter.addEventListener("input", () => {
              const w = filter.value.trim().toLowerCase();
              for (const li of ul.children) li.hidden = !!w && li.textContent.toLowerCase().indexOf(w) < 0;
            });
            sec.appendChild(filter);
          }
          sec.appendChild(ul);
          sec.appendChild(more);
        } else {
          sec.appendChild(ul);
        }
        box.appendChild(sec);
        if (sliced) {
          this.box.appendChild(box);
          await afterPaint();
          if (call !== this.shown) return;
        }
      }
      this.box.appendChild(box);
    }

    // loadMeanings reads the TAGS' meanings from the index, once.
    async loadMeanings(ix) {
      if (this.meanings) return;
      try {
        this.meanings = await ix.tagMeanings();
      } catch (err) {
        this.meanings = new Map(); // an index without them: codes alone
      }
    }

    // countAll is the note that facets are estimated, with a button that
    // counts them exactly, for as long as the search that showed them is
    // the current one.
    countAll(f, view, own) {
      const page = this.page, signal = page.signal, set = view.set;
      const note = el("p", "facet-note", "Counts for TAGS, origins and classifications are estimated from " +
        num(f.sampled) + " of the " + num(set.docs.length) + " results. ");
      const all = el("button", "facet-all", "Count them all");
      all.type = "button";
      all.title = "Reads the facets of all " + num(f.blocks) + " blocks of the results";
      all.addEventListener("click", async () => {
        all.disabled = true;
        try {
          this.show(await page.ix.facets(set, true, signal), view, own);
          const first = this.box.querySelector("button");
          if (first) first.focus();
        } catch (err) {
          quiet(err);
        }
      });
      note.appendChild(all);
      return note;
    }
  }

  // ---------------------------------------------------------------
  // SearchPage: the form, the address, and the search that shows results.

  class SearchPage {
    constructor(app) {
      this.app = app;
      this.form = document.getElementById("search-form");
      this.input = document.getElementById("search-q");
      this.sortSel = document.getElementById("search-sort");
      this.from = document.getElementById("search-from");
      this.to = document.getElementById("search-to");
      this.status = document.getElementById("search-status");
      // What the page explains of a query (an unknown field, an unclosed
      // quotation mark, a query that can match nothing): a list before
      // the status.
      this.noticesEl = document.getElementById("search-notices");
      if (!this.noticesEl && this.status) {
        this.noticesEl = el("ul", "search-notices");
        this.noticesEl.id = "search-notices";
        this.noticesEl.hidden = true;
        this.status.parentNode.insertBefore(this.noticesEl, this.status);
      }
      this.results = document.getElementById("search-results");
      this.facetsEl = document.getElementById("search-facets");
      this.pager = document.getElementById("search-pager");
      this.root = app.getAttribute("data-root") || "";
      this.sort = "";
      this.at = 0; // the page of results, from 0
      this.controller = null; // the current search's
      this.ix = null;
      this.texts = new Texts(this.root);
      this.phrases = new PhraseCheck(this.texts);
      this.snippets = new Snippets(this.texts, this.results);
      this.resultsView = new ResultsView(this);
      this.facetsView = new FacetsView(this);
      this.chart = new TimeChart(this);
      this.suggestions = new Suggestions(this);
      this.ready = api.open(app.getAttribute("data-index") || "search/").then((ix) => (this.ix = ix), (err) => {
        this.say("The search index could not be loaded (" + err.message + ").");
        throw err;
      });
    }

    // signal is the current search's AbortSignal.
    get signal() { return this.controller && this.controller.signal; }

    say(msg) { this.status.textContent = msg; }

    // notices shows what a parsed query's notices explain; none hides the
    // list.
    notices(list) {
      const box = this.noticesEl;
      if (!box) return;
      box.textContent = "";
      for (const n of list) {
        const li = el("li", n.fatal ? "search-notice search-notice-fatal" : "search-notice", n.text);
        li.setAttribute("data-code", n.code);
        box.appendChild(li);
      }
      box.hidden = !list.length;
    }

    // fromURL reads the query, sort and page from the address.
    fromURL() {
      const p = new URLSearchParams(location.search);
      this.input.value = p.get("q") || "";
      this.sort = p.get("sort") || "";
      if (this.sortSel) this.sortSel.value = this.sort;
      this.at = Math.max(0, (parseInt(p.get("page"), 10) || 1) - 1);
      this.syncDates();
    }

    // toURL writes them back: pushState for a step the reader may want to
    // go back to, replaceState while typing.
    toURL(push) {
      const p = new URLSearchParams(), q = this.input.value;
      if (q) p.set("q", q);
      if (this.sort) p.set("sort", this.sort);
      if (this.at > 0) p.set("page", String(this.at + 1));
      const s = p.toString(), url = location.pathname + (s ? "?" + s : "");
      if (url === location.pathname + location.search) return;
      try {
        if (push) history.pushState(null, "", url);
        else history.replaceState(null, "", url);
      } catch (e) {
        // Some browsers refuse history changes on file://; the search still works.
      }
    }

    // setFilter replaces the query's filters on field by value (none when
    // value is empty).
    setFilter(field, value) {
      this.input.value = withFilter(this.input.value, field, value);
    }

    // runQuery runs q as a new search, in the address.
    runQuery(q) {
      this.input.value = q;
      this.at = 0;
      this.toURL(true);
      this.syncDates();
      this.search();
      this.input.focus();
    }

    // toggleFacet adds value to the values of field the query selects, or
    // takes it away: the values of one field are joined by OR.
    toggleFacet(field, value) {
      const w = withoutField(this.input.value, field), key = facetKey(value);
      let values = w.values.filter((v) => facetKey(v) !== key);
      if (values.length === w.values.length) values = values.concat([value]);
      const sel = values.map((v) => field + ":" + quoteValue(field, v)).join(" OR ");
      this.input.value = (w.q + (w.q && sel ? " " : "") + sel).trim();
      this.at = 0;
      this.toURL(true);
      this.syncDates();
      this.search();
    }

    // ownFacets counts, for each facet field that pq selects values of,
    // that field over the results of the query without them.
    async ownFacets(ix, pq, q, signal) {
      const sel = selection(pq), own = {};
      await Promise.all(FACETS.filter((spec) => sel[spec.field].size).map(async (spec) => {
        const rest = parseQuery(withoutField(q, spec.field).q, ix.stop, false);
        const set = (await ix.run(rest, signal)) || ix.all();
        own[spec.field] = (await ix.facets(set, false, signal))[spec.field];
      }));
      checkCurrent(signal);
      return own;
    }

    syncDates() {
      if (!this.from) return;
      const m = /(?:^|\s)date:(\S*)/i.exec(this.input.value), v = m ? m[1].split("..") : ["", ""];
      this.from.value = /^\d{4}-\d{2}-\d{2}$/.test(v[0]) ? v[0] : "";
      this.to.value = /^\d{4}-\d{2}-\d{2}$/.test(v[1] || "") ? v[1] : "";
    }

    // The reader's steps: each is a new search, in the address.

    filterOn(field, value) {
      this.setFilter(field, value);
      this.at = 0;
      this.toURL(true);
      this.syncDates();
      this.search();
    }

    async goToPage(p) {
      this.at = p;
      this.toURL(true);
      await this.search();
      if (this.status.scrollIntoView) this.status.scrollIntoView();
    }

    async checkAllCandidates() {
      this.phrases.checkAllNext();
      await this.search();
      this.input.focus();
    }

    // search runs the box's query and shows the results: the page of hits
    // first, with the excerpts the index holds, then the facets, then
    // snippets around the words found, from the cables' texts. With jump,
    // a query that names one cable goes to it (replacing the address with
    // replace); with live, the last word is a prefix being typed. It never
    // fails: errors are said on the page.
    async search({ live = false, jump = false, replace = false } = {}) {
      if (this.controller) this.controller.abort();
      const controller = new AbortController(), signal = controller.signal;
      this.controller = controller;
      const q = this.input.value, t0 = performance.now();
      this.app.setAttribute("data-state", "busy");
      try {
        const ix = await current(signal, this.ready);
        const pq = parseQuery(q, ix.stop, live);
        this.notices(pq.notices);
        const idHits = ix.findID(q).then((ids) => ix.hits(ids.map((c) => c.doc)));
        const [set, ids] = await current(signal, Promise.all([ix.run(pq, signal), idHits]));
        if (jump && ids.length === 1) {
          if (replace) location.replace(this.root + ids[0].url);
          else location.href = this.root + ids[0].url;
          return;
        }
        if (!set) {
          this.render(pq, null, ids);
          this.done({ query: q, total: 0, exact: true, firstResultsMs: performance.now() - t0, notices: pq.notices.map((n) => n.code) });
          return;
        }
        // While a phrase is checked, the hits known so far are shown; the
        // verdicts that come in together are shown once.
        let first = 0, final = false, partial = 0, latest = null;
        const show = async () => {
          const l = latest;
          latest = null;
          if (final || signal.aborted) return;
          const checked = l.checked();
          if (l.positions.length <= partial) {
            if (partial) this.say(this.resultsView.checking(partial, checked, set.docs.length));
            return;
          }
          partial = l.positions.length;
          const v = await current(signal, view(ix, set, set, l.positions, set.docs.length, false));
          if (final || v.hits.length < partial) return;
          Object.assign(v, { checking: true, checked, candidates: set.docs.length });
          const all = this.render(pq, v, ids);
          all.then(() => { if (!final) return this.snippets.fill(v.hits, pq, signal); }).catch(quiet);
          if (!first) {
            const t = await afterPaint();
            first = first || t - t0;
          }
        };
        const shown = (positions, checked) => {
          const again = latest !== null;
          latest = { positions, checked };
          if (!again) setTimeout(() => show().catch(quiet), 0);
        };
        const v = await current(signal, this.pick(ix, set, undecided(pq, ix.stop), signal, shown));
        final = true;
        const all = this.render(pq, v, ids);
        const painted = afterPaint(), snippets = all.then(() => this.snippets.fill(v.hits, pq, signal)).catch(quiet);
        this.app.setAttribute("data-state", "results");
        // The figures are set as they come, not in const declarations:
        // tdewolff/minify (v2.24.25, v2.25.0) moves a destructuring
        // declaration before the const declaration just above it.
        const figures = { query: q, total: v.total, exact: v.exact, notices: pq.notices.map((n) => n.code) };
        // The hits are painted before the facets are counted, and the
        // facets before the chart is drawn: each in a task of its own, so
        // that the page answers the reader in between.
        // Every hit in the page and painted.
        await current(signal, all);
        await current(signal, afterPaint());
        const [facets, own] = await current(signal, Promise.all([
          ix.facets(v.set, false, signal), this.ownFacets(ix, pq, q, signal), this.facetsView.loadMeanings(ix)]));
        await current(signal, this.facetsView.show(facets, v, own, true));
        await current(signal, nextTask());
        await current(signal, Promise.all([this.chart.show(ix, v.set, facets.year, signal), this.suggestions.show(ix, q, pq, v.total, signal)]));
        figures.facetsMs = performance.now() - t0;
        const [paintedAt] = await current(signal, Promise.all([painted, snippets]));
        figures.firstResultsMs = first || paintedAt - t0;
        figures.snippetsMs = performance.now() - t0;
        this.done(figures);
      } catch (err) {
        if (err instanceof Stale || signal.aborted) return;
        this.say("Search failed: " + err.message);
        this.app.setAttribute("data-state", "error");
      }
    }

    // pick returns the view of the page asked: its hits, the results they
    // are taken from (set, for the facets), their number (total) and
    // whether that number is exact. Phrases that the index could not
    // decide are checked in the texts (PhraseCheck).
    async pick(ix, set, phrases, signal, shown) {
      if (phrases.length) {
        const v = await this.phrases.pick(ix, set, phrases, this.at, this.sort, signal, shown);
        this.at = v.at;
        return v;
      }
      const n = set.docs.length;
      this.at = Math.min(this.at, Math.max(0, Math.ceil(n / PER_PAGE) - 1));
      const idx = order(set, this.sort, (this.at + 1) * PER_PAGE);
      return view(ix, set, set, Array.from(idx.slice(this.at * PER_PAGE)), n, true);
    }

    // render shows the results of a view; it resolves once every hit is
    // in the page.
    render(pq, v, ids) {
      const all = this.resultsView.show(pq, v, ids);
      if (!v) {
        this.facetsView.clear();
        this.chart.clear();
      }
      this.suggestions.clear();
      return all;
    }

    // done tells that the search is done: the event "cablesite:search"
    // with its figures, then data-state="done".
    done(detail) {
      this.app.dispatchEvent(new CustomEvent("cablesite:search", { bubbles: true, detail }));
      this.app.setAttribute("data-state", "done");
    }

    bind() {
      let timer = 0;
      this.form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        clearTimeout(timer);
        this.at = 0;
        this.toURL(true);
        this.search({ jump: true });
      });
      this.input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.at = 0;
          this.toURL(false);
          this.syncDates();
          this.search({ live: true });
        }, 120);
      });
      if (this.sortSel) {
        this.sortSel.addEventListener("change", () => {
          this.sort = this.sortSel.value;
          this.at = 0;
          this.toURL(true);
          this.search();
        });
      }
      if (this.from) {
        const dateChange = () => {
          const a = this.from.value, b = this.to.value;
          this.setFilter("date", a || b ? a + ".." + b : "");
          this.at = 0;
          this.toURL(true);
          this.search();
        };
        this.from.addEventListener("change", dateChange);
        this.to.addEventListener("change", dateChange);
      }
      window.addEventListener("popstate", () => {
        this.fromURL();
        this.search();
      });
      // Arrows move through the results; Enter opens the focused one (a link).
      this.app.addEventListener("keydown", (ev) => {
        if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
        const links = Array.from(this.results.querySelectorAll("li > a, .hit-title"));
        if (!links.length) return;
        let i = links.indexOf(document.activeElement);
        if (ev.target === this.input) {
          if (ev.key !== "ArrowDown") return;
          i = -1;
        }
        ev.preventDefault();
        if (ev.key === "ArrowDown") i = Math.min(links.length - 1, i + 1);
        else if (i <= 0) { this.input.focus(); return; }
        else i--;
        links[i].focus();
      });
    }
  }

  // withFilter returns query q with its filters on field replaced by
  // field:value (none when value is empty), and the ORs that joined them
  // gone. A filter on year and one on date narrow each other: a bar of
  // the chart replaces both.
  function withFilter(q, field, value) {
    let w = withoutField(q, field).q;
    if (value && (field === "year" || field === "date")) w = withoutField(w, field === "year" ? "date" : "year").q;
    return (w + (w && value ? " " : "") + (value ? field + ":" + quoteValue(field, value) : "")).trim();
  }

  // quoteValue writes a facet's value for the query: quoted (an exact
  // name) for origins and classifications, and wherever a space needs it.
  function quoteValue(field, v) {
    return field === "origin" || field === "class" || /[\s"]/.test(v) ? '"' + v.replace(/"/g, "") + '"' : v;
  }

  // start runs the page on #search-app. When a search is done, the app
  // element dispatches "cablesite:search" (it bubbles), whose detail is
  // {query, total, exact, firstResultsMs, facetsMs, snippetsMs}: the times
  // since the search started until its first hits were painted, its facets
  // shown and its snippets cut (the last two absent when the query asks
  // nothing), for a site's own scripts (statistics) and for measures.
  function start() {
    const app = document.getElementById("search-app");
    if (!app) return;
    if (!api.open) {
      const status = document.getElementById("search-status");
      if (status) status.textContent = "The search cannot run: its core script (search-core.js) is not loaded before search.js.";
      app.setAttribute("data-state", "error");
      return;
    }
    const page = new SearchPage(app);
    page.fromURL();
    page.bind();
    if (page.input.value.trim()) page.search({ jump: true, replace: true });
    else page.ready.then(() => app.setAttribute("data-state", "ready"), () => {});
  }

  Object.assign(api, { SearchPage, Texts });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
