// cablesite search, the core: what any page needs to search the index
// that package generator/search writes under search/, or to mark what a
// search found. Every page of a site with search names this script in
// <meta name="cablesite-search">: a cable's page loads it to mark the
// words of a hit (site.js), the search page runs its UI (search.js) on it.
//
// A classic script, no framework, no fetch, no module: the index is a set
// of classic scripts, each calling cablesiteSearch.shard(key, payload),
// loaded on demand with <script> elements, which works from a web host
// and from a folder opened from disk (file://). The format of the files is
// specified in generator/search/doc.go; the tokenizer below must agree
// with the Go one term for term (Go tests run this file in Node).
//
// It defines window.cablesiteSearch, whose members are listed at the end:
// sections, in order, for the tokenizer, queries, cancellation, shards,
// the index, ranking, cable ids and highlighting.
(function (g) {
  "use strict";

  // ---------------------------------------------------------------
  // Tokenizer: see generator/search/token.go for the rules.

  const reL = /\p{L}/u, reNd = /\p{Nd}/u, reM = /\p{M}/u, reLu = /\p{Lu}/u;
  const MAX_TERM = 64;
  const asciiWord = Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122));

  const isApos = (c) => c === 0x27 || c === 0x2019 || c === 0x2018 || c === 0x2BC;
  function isLetter(c) {
    if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    return reL.test(String.fromCodePoint(c));
  }
  function isWord(c) {
    if (c < 128) return asciiWord[c];
    if (isApos(c)) return false;
    const ch = String.fromCodePoint(c);
    return reL.test(ch) || reNd.test(ch);
  }
  function isUpper(c) {
    if (c < 128) return c >= 65 && c <= 90;
    return reLu.test(String.fromCodePoint(c));
  }
  function lower(c) {
    if (c < 128) return (c >= 65 && c <= 90) ? c + 32 : c;
    const l = String.fromCodePoint(c).toLowerCase().codePointAt(0);
    return l === 0x3C2 ? 0x3C3 : l; // final sigma is sigma
  }

  // fold returns the code points of text with letters decomposed and marks
  // dropped, each with the span of text it came from.
  function fold(text) {
    const cps = [], starts = [], ends = [];
    for (let i = 0; i < text.length;) {
      const c = text.codePointAt(i), n = c > 0xFFFF ? 2 : 1;
      if (c < 128) {
        cps.push(c); starts.push(i); ends.push(i + n);
      } else {
        const ch = String.fromCodePoint(c);
        if (reM.test(ch)) {
          // a mark: dropped
        } else if (reL.test(ch)) {
          for (const d of ch.normalize("NFD")) {
            if (!reM.test(d)) { cps.push(d.codePointAt(0)); starts.push(i); ends.push(i + n); }
          }
        } else {
          cps.push(c); starts.push(i); ends.push(i + n);
        }
      }
      i += n;
    }
    return { cps, starts, ends };
  }

  function apostrophe(s, i) {
    const c = s[i];
    if (c === 0x2C) {
      return i > 0 && isUpper(s[i - 1]) && i + 1 < s.length && s[i + 1] === 0x53 &&
        (i + 2 >= s.length || !isWord(s[i + 2]));
    }
    return isApos(c);
  }

  // tokens returns the terms of text: [{t: term, p: position, s: start,
  // e: end}], start and end being offsets in text.
  function tokens(text) {
    const f = fold(text), s = f.cps, n = s.length, out = [];
    let pos = 0;
    for (let i = 0; i < n;) {
      if (!isWord(s[i])) { i++; continue; }
      const start = f.starts[i], term = [];
      let end = start, runes = 0, acronym = true, chunk = 0;
      while (i < n) {
        const c = s[i];
        if (isWord(c)) {
          if (runes < MAX_TERM) term.push(lower(c));
          runes++; chunk++;
          if (chunk > 1 || !isLetter(c)) acronym = false;
          end = f.ends[i];
          i++;
          continue;
        }
        if (apostrophe(s, i) && i + 1 < n && isWord(s[i + 1])) {
          if ((s[i + 1] === 0x73 || s[i + 1] === 0x53) && (i + 2 >= n || !isWord(s[i + 2]))) {
            end = f.ends[i + 1];
            i += 2;
            break;
          }
          i++;
          acronym = false;
          continue;
        }
        if (c === 0x2E && acronym && chunk === 1 && i + 1 < n && isLetter(s[i + 1]) && !isApos(s[i + 1]) &&
            (i + 2 >= n || !isWord(s[i + 2]))) {
          i++;
          chunk = 0;
          continue;
        }
        break;
      }
      out.push({ t: String.fromCodePoint(...term), p: pos, s: start, e: end });
      pos++;
    }
    return out;
  }

  const terms = (text) => tokens(text).map((t) => t.t);

  // facetKey is the key of a facet value: its terms joined by spaces.
  const facetKey = (v) => terms(v).join(" ");

  // indexable reports whether a term is in the index: not a stop word
  // (stop: a Set) and not a single letter.
  function indexable(t, stop) {
    if (Array.from(t).length === 1) return !isLetter(t.codePointAt(0));
    return !stop.has(t);
  }

  // ---------------------------------------------------------------
  // Queries (doc.go, "Query syntax"): words, word* (prefix), "phrases"
  // ("word": that form only), field:value and field:"quoted value"; OR
  // between two of them; -x and NOT x exclude. A parsed query is {words:
  // [{term, prefix, exact}], phrases: [{terms}], filters: [{field, value,
  // quoted}], any: [[atom, ...]], not: [atom], notices: [{code, text,
  // fatal}]}, an atom being {word}, {phrase} or {filter}: words, phrases
  // and filters must all match, one atom at least of each group of any,
  // none of not; a fatal notice means the query is not run. The Go
  // mirror (generator/search, ParseQuery) parses the same.

  const FIELDS = ["tag", "origin", "class", "year", "date", "to", "from", "subject", "signer", "ref", "in"];

  const isSpace = (ch) => ch === " " || ch === "\t" || ch === "\n" || ch === "\r";

  const reYearValue = /^(\d{1,4})?(\.\.(\d{1,4})?)?$/, reDateValue = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

  function validDate(s) {
    const m = reDateValue.exec(s);
    if (!m) return false;
    if (m[2] && (+m[2] < 1 || +m[2] > 12)) return false;
    if (m[3] && (+m[3] < 1 || +m[3] > 31)) return false;
    return true;
  }

  // checkFilterValue returns what is wrong with a year: or date: value,
  // "" when nothing is.
  function checkFilterValue(field, v) {
    if (field === "year" && (v === ".." || !reYearValue.test(v))) {
      return "year: takes a year or a range of years: year:2006, year:2006..2008, year:..2005.";
    }
    if (field === "date") {
      const k = v.indexOf(".."), isRange = k >= 0, a = isRange ? v.slice(0, k) : v, b = isRange ? v.slice(k + 2) : "";
      const ok = (a !== "" || b !== "") && (a === "" || validDate(a)) && (!isRange || b === "" || validDate(b));
      if (!ok) return "date: takes a day, a month or a year, or a range of them: date:2006-03-15, date:2006-03..2006-06.";
    }
    return "";
  }

  // atomString writes an atom as a query would.
  function atomString(a) {
    if (a.word) return (a.word.exact ? '"' + a.word.term + '"' : a.word.term) + (a.word.prefix ? "*" : "");
    if (a.phrase) return '"' + a.phrase.terms.join(" ") + '"';
    if (a.filter) return a.filter.field + ":" + (a.filter.quoted ? '"' + a.filter.value + '"' : a.filter.value);
    return "";
  }

  // positives returns the words, phrases and filters of a parsed query as
  // atoms.
  const positives = (pq) => pq.words.map((word) => ({ word })).concat(
    pq.phrases.map((phrase) => ({ phrase })), pq.filters.map((filter) => ({ filter })));

  const fatal = (pq) => pq.notices.some((n) => n.fatal);

  // parseQuery parses q, dropping the words of stop (a Set of stop words);
  // with live set, the last word, unless a space follows it, is read as a
  // prefix (the reader is typing it).
  function parseQuery(q, stop, live) {
    const out = { words: [], phrases: [], filters: [], any: [], not: [], notices: [] };
    const units = [], n = q.length;
    let i = 0, neg = false, parens = false, lastWord = -1;
    const notice = (code, text, fatal) => {
      if (!out.notices.some((x) => x.code === code && x.text === text)) out.notices.push({ code, text, fatal });
    };
    const push = (atom, text) => { units.push({ atom, neg, text }); neg = false; };
    const phraseAtom = (ts, exact) => {
      if (ts.length === 1 && indexable(ts[0], stop)) return { word: { term: ts[0], prefix: false, exact } };
      if (ts.length > 1) return { phrase: { terms: ts } };
      return null;
    };
    const QUOTE = "A quotation mark is not closed: the phrase runs to the end of the query.";
    while (i < n) {
      const c = q[i];
      if (isSpace(c)) { i++; continue; }
      if (c === "(" || c === ")") { parens = true; i++; continue; }
      lastWord = -1;
      if (c === "-" && i + 1 < n && !isSpace(q[i + 1]) && q[i + 1] !== "-") { neg = true; i++; continue; }
      if (c === '"') {
        const end = q.indexOf('"', i + 1);
        const text = end >= 0 ? q.slice(i + 1, end) : q.slice(i + 1);
        if (end < 0) notice("quote", QUOTE, false);
        i = end >= 0 ? end + 1 : n;
        push(phraseAtom(terms(text), true), '"' + text + '"');
        continue;
      }
      let j = i;
      while (j < n && !isSpace(q[j]) && q[j] !== "(" && q[j] !== ")") j++;
      const run = q.slice(i, j);
      if (run === "OR") { units.push({ or: true }); i = j; continue; }
      if (run === "NOT") { neg = true; i = j; continue; }
      const colon = run.indexOf(":");
      if (colon > 0) {
        const field = run.slice(0, colon), lf = field.toLowerCase();
        let value = run.slice(colon + 1);
        if (FIELDS.includes(lf)) {
          const quoted = value.charAt(0) === '"';
          if (quoted) {
            const vs = i + field.length + 2, ve = q.indexOf('"', vs);
            if (ve < 0) notice("quote", QUOTE, false);
            value = ve >= 0 ? q.slice(vs, ve) : q.slice(vs);
            j = ve >= 0 ? ve + 1 : n;
          }
          i = j;
          value = value.trim();
          if (!value) { neg = false; continue; }
          const msg = checkFilterValue(lf, value);
          if (msg) notice("value", msg, true);
          push({ filter: { field: lf, value, quoted } }, run);
          continue;
        }
        if (/^[A-Za-z]+$/.test(field) && value.trim()) {
          notice("field", 'There is no field "' + field + ':". Fields: ' + FIELDS.join(": ") + ":.", true);
          i = j;
          neg = false;
          continue;
        }
      }
      i = j;
      const prefix = /\*$/.test(run);
      const ts = terms(run.replace(/\*+$/, ""));
      if (ts.length === 1 && prefix) {
        push({ word: { term: ts[0], prefix: true, exact: false } }, run);
      } else if (ts.length === 1) {
        if (j === n && !neg) lastWord = units.length;
        push(phraseAtom(ts, false), run);
      } else if (ts.length > 1) {
        push(phraseAtom(ts, false), run);
      } else {
        neg = false;
      }
    }
    if (neg) notice("not", "An exclusion (- or NOT) needs a word, phrase or filter after it.", false);
    if (parens) notice("parens", "Parentheses do not group: OR joins the word, phrase or filter on each side of it, and everything else must match.", false);
    if (live && lastWord >= 0) {
      const u = units[lastWord], ts = terms(u.text);
      if (ts.length === 1 && Array.from(ts[0]).length >= 2) {
        if (!u.atom) u.atom = { word: { term: ts[0], prefix: false, exact: false } };
        u.atom.word.prefix = true;
      }
    }
    // Group the units joined by OR.
    const groups = [];
    let joinNext = false;
    units.forEach((u, k) => {
      if (u.or) {
        if (!groups.length || k + 1 >= units.length || units[k + 1].or) notice("or", "OR needs a word, phrase or filter on each side.", false);
        else joinNext = true;
        return;
      }
      if (joinNext) groups[groups.length - 1].push(u);
      else groups.push([u]);
      joinNext = false;
    });
    const add = (a) => {
      if (a.word) out.words.push(a.word);
      else if (a.phrase) out.phrases.push(a.phrase);
      else if (a.filter) out.filters.push(a.filter);
    };
    const contains = (as, a) => as.some((b) => atomString(b) === atomString(a));
    for (const g of groups) {
      if (g.length === 1) {
        const u = g[0];
        if (!u.atom) continue;
        if (u.neg) out.not.push(u.atom); else add(u.atom);
        continue;
      }
      const alts = [];
      for (const u of g) {
        if (u.neg) notice("ornot", "An exclusion cannot be a side of OR.", true);
        if (u.atom && !contains(alts, u.atom)) alts.push(u.atom);
      }
      if (alts.length === 1) add(alts[0]);
      else if (alts.length > 1) out.any.push(alts);
    }
    const npos = out.words.length + out.phrases.length + out.filters.length + out.any.length;
    if (npos === 0 && out.not.length) notice("onlynot", "A query of exclusions alone matches nothing: add what to search for.", true);
    for (const a of out.not) {
      if (contains(positives(out), a)) notice("never", "The query excludes " + atomString(a) + " and asks for it: nothing can match.", false);
    }
    return out;
  }

  // canon writes a parsed query in one line, as the Go mirror's
  // Query.Canon does (tests compare them).
  function canon(pq) {
    const parts = positives(pq).map(atomString);
    for (const g of pq.any) parts.push("(" + g.map(atomString).join(" OR ") + ")");
    for (const a of pq.not) parts.push("-" + atomString(a));
    for (const x of pq.notices) parts.push("[" + (x.fatal ? "!" : "") + x.code + "]");
    return parts.join(" ");
  }

  // markQuery writes what marker marks of a parsed query, its words
  // (word* for a prefix) and "phrases", as a query that parseQuery reads
  // back to the same: a link to a hit carries it to the cable's page
  // (?highlight=...), which marks it there (site.js, highlights).
  function markQuery(pq) {
    const m = marked(pq);
    // A word's other forms (its stem class, w.expanded once run) are
    // marked too.
    const forms = (w) => w.prefix || !w.expanded ? [] : w.expanded.filter((t) => t !== w.term);
    return m.words.map((w) => [w.term + (w.prefix ? "*" : "")].concat(forms(w)).join(" "))
      .concat(m.phrases.map((p) => '"' + p.terms.join(" ") + '"'))
      .join(" ");
  }

  // marked returns the words and phrases a page marks of a parsed query:
  // those that must match, then those of its OR groups.
  function marked(pq) {
    const words = pq.words.slice(), phrases = pq.phrases.slice();
    for (const g of pq.any || []) {
      for (const a of g) {
        if (a.word) words.push(a.word);
        else if (a.phrase) phrases.push(a.phrase);
      }
    }
    return { words, phrases };
  }

  // ---------------------------------------------------------------
  // Cancellation. A search runs with an AbortSignal, which the page aborts
  // when a newer search starts; the work of the older one stops at its
  // next step, where checkCurrent throws Stale (the page ignores it).

  class Stale extends Error {
    constructor() {
      super("a newer search replaced this one");
      this.name = "Stale";
    }
  }

  function checkCurrent(signal) {
    if (signal && signal.aborted) throw new Stale();
  }

  // current waits for promise, then throws Stale if signal was aborted
  // meanwhile.
  async function current(signal, promise) {
    const v = await promise;
    checkCurrent(signal);
    return v;
  }

  // ---------------------------------------------------------------
  // Slices: a search's work runs in tasks of a few milliseconds each, so
  // that a slow phone's main thread answers the reader in between (no
  // task over 50 ms at 4x CPU throttling; issue 16). Long steps call
  // breathe, which lets the browser run what waits (a keystroke, a
  // frame) once the current task has run SLICE_MS, and then throws Stale
  // when the search was abandoned meanwhile. A task is yielded with
  // scheduler.yield where the browser has it, else by a message (not a
  // timer, which browsers clamp to 4 ms when nested); where there is
  // neither (Node, in the Go tests) nothing is yielded.

  const SLICE_MS = 8;
  const clock = () => (g.performance ? g.performance.now() : 0);
  const yieldTask = (() => {
    if (g.scheduler && typeof g.scheduler.yield === "function") return () => g.scheduler.yield();
    if (typeof g.MessageChannel === "function") {
      const ch = new g.MessageChannel(), waiting = [];
      ch.port1.onmessage = () => waiting.shift()();
      return () => new Promise((resolve) => { waiting.push(resolve); ch.port2.postMessage(0); });
    }
    return () => Promise.resolve();
  })();

  // slice holds when the current slice of work started.
  const slice = { start: clock() };

  // newTask resolves in a task of its own, whose slice starts then.
  async function newTask() {
    await yieldTask();
    slice.start = clock();
  }

  // breathe yields the task when its slice is spent, and throws Stale if
  // signal was aborted meanwhile.
  async function breathe(signal) {
    if (clock() - slice.start >= SLICE_MS) await newTask();
    checkCurrent(signal);
  }

  // ---------------------------------------------------------------
  // Shards: each file of the index is loaded once, as a script; every
  // caller gets the same promise.

  // Putting a script element in the page holds the main thread a moment
  // (some milliseconds on a slow phone, more for the first ones): a few
  // per slice of INSERT_MS.
  const INSERT_MS = 3;

  class Shards {
    constructor() {
      this.base = "search/";
      this.filesPerDir = 1024;
      this.byKey = new Map(); // key -> {promise, resolve, reject, done}
      this.waiting = []; // script elements not in the page yet
    }

    // insert puts a script element in the page, a few per task (see
    // INSERT_MS): a search asks for twenty files at once, and the page
    // for the texts of its hits.
    // The elements asked for in one task go in from the next one on.
    insert(el) {
      this.waiting.push(el);
      if (this.waiting.length === 1) yieldTask().then(() => this.flush());
    }

    flush() {
      const t0 = clock();
      do document.head.appendChild(this.waiting.shift());
      while (this.waiting.length && clock() - t0 < INSERT_MS);
      if (this.waiting.length) yieldTask().then(() => this.flush());
    }

    path(key) {
      const slash = key.indexOf("/");
      if (slash < 0) return this.base + key + ".js";
      const n = +key.slice(slash + 1);
      return this.base + key.slice(0, slash) + "/" + Math.floor(n / this.filesPerDir) + "/" + n + ".js";
    }

    // register is what a file of the index calls, as
    // cablesiteSearch.shard(key, payload).
    // The work that waits for the file runs in a task of its own, not in
    // the one that ran the script (its parsing and compilation).
    register(key, payload) {
      let s = this.byKey.get(key);
      if (!s) {
        s = { promise: Promise.resolve(payload) };
        this.byKey.set(key, s);
      }
      s.done = true;
      if (s.resolve) newTask().then(() => s.resolve(payload));
    }

    // load returns the payload of the file of key. With now, its script
    // element goes in the page at once, not through the queue: the
    // index's root, which a page asks for as it starts, so that it loads
    // with the page (before its load event), as before the queue.
    load(key, now) {
      let s = this.byKey.get(key);
      if (s) return s.promise;
      s = {};
      s.promise = new Promise((resolve, reject) => { s.resolve = resolve; s.reject = reject; });
      this.byKey.set(key, s);
      const el = document.createElement("script");
      el.src = this.path(key);
      el.async = true;
      el.onload = () => {
        el.remove();
        if (!s.done) {
          this.byKey.delete(key);
          s.reject(new Error(key + ": the file did not register its data"));
        }
      };
      el.onerror = () => {
        el.remove();
        this.byKey.delete(key);
        s.reject(new Error("cannot load " + this.path(key)));
      };
      if (now) document.head.appendChild(el);
      else this.insert(el);
      return s.promise;
    }
  }

  const shards = new Shards();

  // ---------------------------------------------------------------
  // Decoding: varints in the index's alphabet (see encode.go).

  class Decoder {
    constructor(root) {
      this.table = new Int8Array(128).fill(-1);
      for (let i = 0; i < root.alphabet.length; i++) this.table[root.alphabet.charCodeAt(i)] = i;
      this.T = root.terminal;
      this.C = root.alphabet.length - root.terminal;
      // The digits that carry 6 bits of a posting list: 0..63.
      this.bits = this.table.map((v) => (v < 64 ? v : -1));
      // The canonical code of levels (postings.go): for each 7 bits that
      // start with a level's code, the level and the code's length (8*len+level).
      const lens = root.levelCode || [], order = lens.map((_, l) => l).sort((a, b) => lens[a] - lens[b] || a - b);
      this.lcode = new Uint8Array(128);
      let code = 0, prev = 0;
      order.forEach((l, i) => {
        const len = lens[l];
        if (!(len >= 1 && len <= 7)) throw new Error("search: corrupt level code");
        if (i > 0) code++;
        code <<= len - prev;
        prev = len;
        const from = code << (7 - len), to = (code + 1) << (7 - len);
        if (to > 128) throw new Error("search: corrupt level code");
        this.lcode.fill(8 * len + l, from, to);
      });
    }

    // list decodes a posting list of df postings, s[from:to], straight
    // into typed arrays (see postings.go): its first document (times 8
    // plus its level when it has levels), its Rice parameter k, then
    // bits, 6 to a character, read into a 32-bit buffer from its top: per
    // posting, the gap less one in Rice's code, then the level's code.
    list(s, from, to, df, hasLevels, n) {
      const b = this.bits, L = hasLevels ? 8 : 1, lc = this.lcode;
      const docs = new Int32Array(df), lv = new Uint8Array(df);
      const c = new Cursor(this, s.slice(0, to), from), first = c.varint(), k = df > 1 ? c.varint() : 0;
      // Documents are below n, under 2^31: int32 arithmetic.
      let i = c.i, doc = Math.floor(first / L) | 0;
      docs[0] = doc;
      lv[0] = first % L;
      if (!(df >= 1 && k <= 24 && doc < n)) throw corrupt();
      // acc holds nb bits from its top; the bits under them are zero.
      let acc = 0, nb = 0;
      for (let j = 1; j < df; j++) {
        // The quotient: zeros up to a one (refilling once the buffer
        // holds only zeros).
        let q = 0;
        while (acc === 0) {
          if (i >= to) throw corrupt();
          q += nb;
          nb = 0;
          while (nb <= 24 && i < to) {
            const d = b[s.charCodeAt(i++)];
            if (d < 0) throw corrupt();
            acc |= d << (26 - nb);
            nb += 6;
          }
        }
        const z = clz32(acc);
        q += z;
        acc <<= z + 1;
        nb -= z + 1;
        // Then k bits and a level's code (7 bits at most), in one refill
        // but for k > 18.
        if (nb < k + 7) {
          while (nb <= 24 && i < to) {
            const d = b[s.charCodeAt(i++)];
            if (d < 0) throw corrupt();
            acc |= d << (26 - nb);
            nb += 6;
          }
        }
        let g = q;
        if (k) {
          if (nb < k) throw corrupt();
          const r = acc >>> (32 - k);
          g = q < 64 ? (q << k) | r : q * (1 << k) + r;
          acc <<= k;
          nb -= k;
        }
        doc += g + 1;
        if (doc >= n) throw corrupt();
        docs[j] = doc;
        if (hasLevels) {
          if (nb < 7) {
            while (nb <= 24 && i < to) {
              const d = b[s.charCodeAt(i++)];
              if (d < 0) throw corrupt();
              acc |= d << (26 - nb);
              nb += 6;
            }
          }
          const e = lc[acc >>> 25], len = e >> 3;
          if (len === 0 || len > nb) throw corrupt();
          lv[j] = e & 7;
          acc <<= len;
          nb -= len;
        }
      }
      // Left: the last character's padding, fewer than 6 zero bits.
      if (doc >= n || i < to || nb >= 6 || acc !== 0) throw corrupt();
      return { docs, lv };
    }

    // read appends every varint of s[from:to] to out.
    read(s, from, to, out) {
      const t = this.table, T = this.T, C = this.C;
      let n = 0, mult = 1;
      for (let i = from; i < to; i++) {
        const v = t[s.charCodeAt(i)];
        if (v < 0) throw new Error("corrupt index data");
        if (v < T) { out.push(n + mult * v); n = 0; mult = 1; } else { n += mult * v; mult *= C; }
      }
      return out;
    }
  }

  const corrupt = () => new Error("corrupt index data"), clz32 = Math.clz32;

  // A Cursor reads varints one at a time.
  class Cursor {
    constructor(dec, s, i) { this.dec = dec; this.s = s; this.i = i || 0; }

    varint() {
      const t = this.dec.table, T = this.dec.T, C = this.dec.C;
      let n = 0, mult = 1;
      for (;;) {
        if (this.i >= this.s.length) throw new Error("corrupt index data");
        const v = t[this.s.charCodeAt(this.i++)];
        if (v < 0) throw new Error("corrupt index data");
        if (v < T) return n + mult * v;
        n += mult * v;
        mult *= C;
      }
    }

    more() { return this.i < this.s.length; }
  }

  // ---------------------------------------------------------------
  // The index: dictionary, postings, residues, filters, hits, facets.
  // Its methods resolve to plain values; run and facets take the search's
  // signal and stop between their steps when it is aborted.

  // A word of MIN_START_LEN code points or more that the index does not
  // hold matches the MAX_EXPANSIONS most frequent words that start with it.
  const MAX_EXPANSIONS = 16, MAX_FACET_BLOCKS = 6, MIN_START_LEN = 4;
  const EMPTY = () => ({ docs: new Int32Array(0), scores: new Float64Array(0) });

  class Index {
    constructor(root) {
      this.root = root;
      this.dec = new Decoder(root);
      this.stop = new Set(root.stop);
      this.dicts = new Map(); // shard number -> entries
      this.lists = new Map(); // "pack/index" -> {docs, lv}
      this.res = new Map(); // "pack/index" -> {off, data}
      this.packs = new Map(); // key -> {offs, lens, start}
      this.keysOf = new Map(); // "origin", "class" -> the facet keys of its names, once asked for
      this.dayTable = null;
    }

    async dict(i) {
      if (this.dicts.has(i)) return this.dicts.get(i);
      const payload = await shards.load("t/" + i);
      if (this.dicts.has(i)) return this.dicts.get(i);
      const c = new Cursor(this.dec, payload), out = [];
      let pack = c.varint(), index = c.varint(), prev = "", first = true;
      while (c.more()) {
        const shared = c.varint(), len = c.varint();
        const term = prev.slice(0, shared) + payload.substr(c.i, len);
        c.i += len;
        const v = c.varint();
        if (!first) {
          if (v & 2) { pack++; index = 0; } else { index++; }
        }
        first = false;
        out.push({ term, df: Math.floor(v / 4), pack, index, cls: v & 1 ? c.varint() : -1 });
        prev = term;
      }
      this.dicts.set(i, out);
      return out;
    }

    // lookup returns the dictionary entries of term, or of every term that
    // starts with it when prefix is set.
    async lookup(term, prefix) {
      const first = this.root.dict;
      if (!first.length) return [];
      let lo = 0, hi = first.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (first[mid] > term) hi = mid; else lo = mid + 1;
      }
      const out = [];
      for (let i = Math.max(0, lo - 1); ; i++) {
        for (const e of await this.dict(i)) {
          if (e.term === term || (prefix && e.term.startsWith(term))) out.push(e);
        }
        if (!(prefix && i + 1 < first.length && first[i + 1].startsWith(term))) return out;
      }
    }

    // packList returns the range in a pack payload of its index-th list.
    packList(key, payload, index) {
      let p = this.packs.get(key);
      if (!p) {
        const c = new Cursor(this.dec, payload), k = c.varint();
        // A length takes a digit at least: more lists than that is a corrupt file.
        if (!(k >= 0 && k <= payload.length)) throw new Error("search: corrupt pack " + key);
        const offs = new Array(k), lens = new Array(k);
        let off = 0;
        for (let i = 0; i < k; i++) { lens[i] = c.varint(); offs[i] = off; off += lens[i]; }
        p = { offs, lens, start: c.i };
        this.packs.set(key, p);
      }
      const from = p.start + p.offs[index];
      return [from, from + p.lens[index]];
    }

    async postings(e) {
      const id = e.pack + "/" + e.index;
      if (this.lists.has(id)) return this.lists.get(id);
      const key = "p/" + e.pack, payload = await shards.load(key);
      await breathe();
      if (this.lists.has(id)) return this.lists.get(id);
      const [from, to] = this.packList(key, payload, e.index);
      const list = this.dec.list(payload, from, to, e.df, e.term.indexOf(":") < 0, this.root.n);
      this.lists.set(id, list);
      return list;
    }

    // positions returns a term's residue sets: for posting i, the residues
    // data[off[i]..off[i+1]).
    async positions(e) {
      const id = e.pack + "/" + e.index;
      if (this.res.has(id)) return this.res.get(id);
      const key = "q/" + e.pack, payload = await shards.load(key);
      const [from, to] = this.packList(key, payload, e.index), M = this.root.posMod, t = this.dec.table;
      const off = [0], data = [];
      for (let i = from; i < to; i++) {
        const v = t[payload.charCodeAt(i)];
        if (v === 2 * M) { off.push(data.length); continue; }
        if (v >= M) { data.push(v - M); continue; }
        data.push(v);
        off.push(data.length);
      }
      const sets = { off, data };
      this.res.set(id, sets);
      return sets;
    }

    // stemClass returns the terms of a row of forms (file s/N): the forms
    // of a word, as the index's builder found them (its English stem, and
    // the words derived from it).
    async stemClass(cls) {
      const S = this.root.stemShard, rows = await shards.load("s/" + Math.floor(cls / S));
      if (!(cls % S < rows.length)) throw new Error("search: corrupt stem class " + cls);
      return rows[cls % S].split(" ");
    }

    // word returns the documents of a query word with its impact on each,
    // and records in w.expanded the terms it stands for.
    async word(w) {
      let entries = await this.lookup(w.term, w.prefix);
      if (w.prefix) {
        entries = entries.filter((e) => e.term.indexOf(":") < 0);
        entries.sort((a, b) => {
          if ((a.term === w.term) !== (b.term === w.term)) return a.term === w.term ? -1 : 1;
          return b.df - a.df;
        });
        entries = entries.slice(0, MAX_EXPANSIONS);
      } else if (!w.exact) {
        if (entries.length === 1 && entries[0].cls >= 0) {
          // The word's other forms: the terms of its row of forms (s/N).
          const forms = (await this.stemClass(entries[0].cls)).filter((f) => f !== w.term);
          for (const es of await Promise.all(forms.map((f) => this.lookup(f, false)))) entries.push(...es);
        }
        if (!entries.length && Array.from(w.term).length >= MIN_START_LEN) {
          // A word the index does not hold: the most frequent words that start with it.
          const more = (await this.lookup(w.term, true)).filter((e) => e.term.indexOf(":") < 0);
          more.sort((a, b) => b.df - a.df);
          entries = more.slice(0, MAX_EXPANSIONS);
        }
      }
      w.expanded = entries.map((e) => e.term);
      const lists = await Promise.all(entries.map((e) => this.postings(e)));
      if (lists.length === 1) {
        const l = lists[0], sc = new Float64Array(l.docs.length), df = entries[0].df;
        for (let i = 0; i < sc.length; i++) sc[i] = impact(this.root, df, l.lv[i]);
        return { docs: l.docs, scores: sc };
      }
      // The best impact of each document over the lists: in a Map when
      // the lists are short, else in an array by document (impacts are
      // above 0), read back in order.
      const N = this.root.n, total = lists.reduce((a, l) => a + l.docs.length, 0);
      const imps = lists.map((l, k) => Float64Array.from({ length: this.root.levels }, (_, v) => impact(this.root, entries[k].df, v)));
      if (total * 16 < N) {
        const best = new Map();
        lists.forEach((l, k) => {
          for (let i = 0; i < l.docs.length; i++) {
            const v = imps[k][l.lv[i]], d = l.docs[i], o = best.get(d);
            if (o === undefined || v > o) best.set(d, v);
          }
        });
        const docs = Int32Array.from(best.keys()).sort(), scores = new Float64Array(docs.length);
        for (let j = 0; j < docs.length; j++) scores[j] = best.get(docs[j]);
        return { docs, scores };
      }
      const best = new Float64Array(N);
      let count = 0;
      for (let k = 0; k < lists.length; k++) {
        const l = lists[k], imp = imps[k];
        for (let i = 0; i < l.docs.length; i++) {
          const d = l.docs[i], v = imp[l.lv[i]];
          if (best[d] === 0) count++;
          if (v > best[d]) best[d] = v;
        }
        await breathe();
      }
      const docs = new Int32Array(count), scores = new Float64Array(count);
      for (let d = 0, j = 0; j < count; d++) {
        if (best[d] > 0) { docs[j] = d; scores[j++] = best[d]; }
      }
      return { docs, scores };
    }

    // phrase returns the documents holding the phrase's indexed terms, each
    // followed by the phrase's next word as far as the index can tell: a
    // posting keeps the nextResidue of the words that follow its term.
    async phrase(ph) {
      const ts = [];
      ph.terms.forEach((t, i) => {
        if (indexable(t, this.stop)) {
          ts.push({ term: t, want: i + 1 < ph.terms.length ? nextResidue(ph.terms[i + 1], this.root.posMod) : -1 });
        }
      });
      if (!ts.length) return null;
      const found = await Promise.all(ts.map((t) => this.lookup(t.term, false)));
      if (found.some((f) => !f.length)) return EMPTY();
      const entries = found.map((f) => f[0]);
      const [lists, res] = await Promise.all([
        Promise.all(entries.map((e) => this.postings(e))),
        Promise.all(entries.map((e, k) => ts[k].want < 0 ? null : this.positions(e))),
      ]);
      const docs = [], scores = [], idx = lists.map(() => 0), a = lists[0];
      outer:
      for (; idx[0] < a.docs.length; idx[0]++) {
        if ((idx[0] & 1023) === 1023) await breathe();
        const doc = a.docs[idx[0]];
        for (let k = 1; k < lists.length; k++) {
          const l = lists[k];
          while (idx[k] < l.docs.length && l.docs[idx[k]] < doc) idx[k]++;
          if (idx[k] >= l.docs.length) break outer;
          if (l.docs[idx[k]] !== doc) continue outer;
        }
        for (let f = 0; f < ts.length; f++) if (ts[f].want >= 0 && !follows(res[f], idx[f], ts[f].want)) continue outer;
        let sc = 0;
        for (let m = 0; m < lists.length; m++) sc += impact(this.root, entries[m].df, lists[m].lv[idx[m]]);
        docs.push(doc);
        scores.push(sc);
      }
      return { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
    }

    // facetKeys returns the facet keys a filter stands for (see the Go
    // mirror's facetKeys).
    facetKeys(f) {
      const key = facetKey(f.value);
      if (f.field === "tag") return [key];
      let keys = this.keysOf.get(f.field);
      if (!keys) this.keysOf.set(f.field, keys = (f.field === "class" ? this.root.classes : this.root.origins).map(facetKey));
      if (f.quoted && keys.includes(key)) return [key];
      const want = key.split(" ").filter(Boolean);
      return keys.filter((k) => {
        const have = k.split(" ");
        return want.length > 0 && want.every((w) => have.includes(w));
      });
    }

    // fieldFilter returns the documents of a to:, from:, subject:, signer:
    // or ref: filter: those holding every key of fieldKeys, a prefix key by
    // any of the terms it starts.
    async fieldFilter(f) {
      const keys = fieldKeys(f, this.stop);
      if (!keys.length) return new Int32Array(0);
      const found = await Promise.all(keys.map((k) => this.lookup(k.term, k.prefix)));
      const lists = await Promise.all(found.map((es) => Promise.all(es.map((e) => this.postings(e)))));
      let set = null;
      for (const ls of lists) {
        let u = EMPTY();
        for (const l of ls) u = union(u, l.docs, null);
        set = set ? intersect(set, u.docs, null) : u;
        if (!set.docs.length) return new Int32Array(0);
      }
      return set.docs;
    }

    async days() {
      if (this.dayTable) return this.dayTable;
      const payload = await shards.load("days");
      const v = this.dec.read(payload, 0, payload.length, []), days = [], firsts = [];
      let day = 0, doc = 0;
      for (let i = 0; i + 1 < v.length; i += 2) {
        day += v[i];
        days.push(day);
        firsts.push(doc);
        doc += v[i + 1];
      }
      this.dayTable = { days, firsts, end: doc };
      return this.dayTable;
    }

    // filter returns the documents a filter allows, ascending.
    async filter(f) {
      const root = this.root;
      if (f.field === "year") {
        const ab = f.value.split(".."), lo = ab[0] ? +ab[0] : -Infinity, hi = ab.length > 1 ? (ab[1] ? +ab[1] : Infinity) : lo;
        const parts = [];
        root.years.forEach((y, i) => {
          if (y[0] >= lo && y[0] <= hi) parts.push(range(y[1], i + 1 < root.years.length ? root.years[i + 1][1] : root.dated));
        });
        return concat(parts);
      }
      if (f.field === "date") {
        const se = f.value.split(".."), from = se[0] ? parseDate(se[0], false) : -Infinity;
        const to = se.length > 1 ? (se[1] ? parseDate(se[1], true) : Infinity) : parseDate(se[0], true);
        if (from === null || to === null) return new Int32Array(0);
        const t = await this.days();
        let a = 0;
        while (a < t.days.length && t.days[a] < from) a++;
        let b = a;
        while (b < t.days.length && t.days[b] <= to) b++;
        return range(a < t.days.length ? t.firsts[a] : t.end, b < t.days.length ? t.firsts[b] : t.end);
      }
      if (TEXT_FIELDS.includes(f.field)) return this.fieldFilter(f);
      const found = await Promise.all(this.facetKeys(f).map((k) => this.lookup(f.field + ":" + k, false)));
      const lists = await Promise.all([].concat(...found).map((e) => this.postings(e)));
      if (lists.length === 1) return lists[0].docs;
      const all = [];
      for (const l of lists) for (let i = 0; i < l.docs.length; i++) all.push(l.docs[i]);
      all.sort((x, y) => x - y);
      return Int32Array.from(all.filter((d, i) => i === 0 || all[i - 1] !== d));
    }

    // atom returns the documents of a word, phrase or filter ({word},
    // {phrase} or {filter}) with their scores (null for a filter); null
    // when it asks nothing (a phrase of stop words).
    async atom(a) {
      if (a.word) return this.word(a.word);
      if (a.phrase) return this.phrase(a.phrase);
      return { docs: await this.filter(a.filter), scores: null };
    }

    // run evaluates a parsed query: the matching documents, ascending, with
    // their scores; null when the query asks nothing or is not to be run
    // (a fatal notice).
    async run(pq, signal) {
      if (fatal(pq)) return null;
      const any = pq.any || [], not = pq.not || [];
      const parts = [
        ...positives(pq).map((a) => this.atom(a)),
        ...any.map(async (g) => {
          const rs = (await Promise.all(g.map((a) => this.atom(a)))).filter(Boolean);
          if (!rs.length) return null;
          let u = EMPTY();
          for (const r of rs) u = union(u, r.docs, r.scores);
          return u;
        }),
      ];
      const [results, nots] = await current(signal, Promise.all([
        Promise.all(parts),
        Promise.all(not.map((a) => this.atom(a))),
      ]));
      const found = results.filter(Boolean);
      await breathe(signal);
      let set;
      if (!found.length) {
        if (!pq.filters.length && !any.length) return null;
        set = { docs: range(0, this.root.n), scores: new Float64Array(this.root.n) };
      } else {
        // Intersect the shortest first.
        found.sort((a, b) => a.docs.length - b.docs.length);
        set = { docs: found[0].docs, scores: found[0].scores || new Float64Array(found[0].docs.length) };
        for (let k = 1; k < found.length; k++) {
          set = intersect(set, found[k].docs, found[k].scores);
          await breathe(signal);
        }
      }
      let out = EMPTY();
      for (const r of nots) if (r) out = union(out, r.docs, null);
      return out.docs.length ? subtract(set, out.docs) : set;
    }

    // hits reads the blocks of the given documents.
    hits(docs) {
      const B = this.root.docBlock;
      return Promise.all(Array.from(docs, async (d) => {
        const r = (await shards.load("d/" + Math.floor(d / B)))[d % B];
        const day = r[1], date = day >= 0 ? new Date(DAY0 + day * 864e5) : null;
        const iso = date ? date.toISOString().slice(0, 10) : "";
        const url = r[2] || (date ? "cable/" + iso.slice(0, 4) + "/" + iso.slice(5, 7) + "/" + r[0] + ".html" : "cable/undated/" + r[0] + ".html");
        return {
          doc: d, id: r[0], date: iso, url, subject: r[3],
          origin: r[4] >= 0 ? this.root.origins[r[4]] : "", classification: r[5] >= 0 ? this.root.classes[r[5]] : "",
          excerpt: r[6],
        };
      }));
    }

    // facets counts the results by year (always exactly), and by TAG,
    // origin and classification from the facet blocks: exactly when the
    // results lie in at most MAX_FACET_BLOCKS blocks, else from an even
    // sample of them, scaled up; or exactly from all of them when all is
    // set.
    async facets(set, all, signal) {
      const root = this.root, F = root.facetBlock, docs = set.docs;
      const years = new Map();
      let yi = 0, undated = 0;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (d >= root.dated) { undated++; continue; }
        while (yi + 1 < root.years.length && root.years[yi + 1][1] <= d) yi++;
        const y = root.years[yi][0];
        years.set(y, (years.get(y) || 0) + 1);
      }
      const blocks = [];
      for (let k = 0; k < docs.length; k++) {
        const b = Math.floor(docs[k] / F);
        if (!blocks.length || blocks[blocks.length - 1] !== b) blocks.push(b);
      }
      const exact = all || blocks.length <= MAX_FACET_BLOCKS;
      let chosen = blocks;
      if (!exact) {
        chosen = [];
        for (let s = 0; s < MAX_FACET_BLOCKS; s++) chosen.push(blocks[Math.floor(s * blocks.length / MAX_FACET_BLOCKS)]);
      }
      const [tagNames, ...payloads] = await current(signal, Promise.all([shards.load("tags"), ...chosen.map((b) => shards.load("f/" + b))]));
      const rows = new Map(); // block -> its payload, then its rows once parsed
      chosen.forEach((b, i) => rows.set(b, payloads[i]));
      const tags = new Map(), origins = new Map(), classes = new Map(), add = (m, k) => m.set(k, (m.get(k) || 0) + 1);
      let sampled = 0;
      for (let i = 0; i < docs.length; i++) {
        if ((i & 1023) === 1023) await breathe(signal);
        const d = docs[i], b = Math.floor(d / F);
        let block = rows.get(b);
        if (block === undefined) continue;
        if (typeof block === "string") {
          await breathe(signal);
          rows.set(b, block = this.facetBlock(block));
        }
        const row = block[d - b * F];
        sampled++;
        if (row.o >= 0) add(origins, row.o);
        if (row.c >= 0) add(classes, row.c);
        for (const t of row.t) add(tags, t);
      }
      await breathe(signal);
      const scale = exact || !sampled ? 1 : docs.length / sampled;
      const list = (counts, names) => Array.from(counts, ([k, n]) => ({ name: names[k], count: exact ? n : Math.max(1, Math.round(n * scale)) }))
        .sort((a, b) => (b.count - a.count) || (a.name < b.name ? -1 : 1));
      const yearList = Array.from(years, ([y, n]) => ({ name: String(y), count: n })).sort((a, b) => b.name - a.name);
      if (undated) yearList.push({ name: "undated", count: undated, none: true });
      return {
        exact,
        sampled,
        blocks: blocks.length,
        year: yearList,
        tag: list(tags, tagNames),
        origin: list(origins, root.origins),
        class: list(classes, root.classes),
      };
    }

    facetBlock(payload) {
      const c = new Cursor(this.dec, payload), rows = [];
      while (c.more()) {
        const o = c.varint() - 1, cl = c.varint() - 1, n = c.varint(), t = [];
        let prev = -1;
        for (let i = 0; i < n; i++) { prev += c.varint() + 1; t.push(prev); }
        rows.push({ o, c: cl, t });
      }
      return rows;
    }

    // suggest returns terms of the index's vocabulary near term, for a
    // query that finds nothing or little: the terms of the dictionary
    // shard that would hold it and of its neighbours (words that share
    // its first letters), at an edit distance (a letter added, dropped,
    // changed, or two swapped) of at most 1, or 2 for a term of five
    // letters or more, scored by frequency and distance
    // (log10(1+df) - 1.5 * distance), the best k.
    async suggest(term, k) {
      const first = this.root.dict;
      if (!first.length || term.length < 3) return [];
      let lo = 0, hi = first.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (first[mid] > term) hi = mid; else lo = mid + 1;
      }
      const at = Math.max(0, lo - 1), near = [at - 1, at, at + 1].filter((i) => i >= 0 && i < first.length);
      const entries = [].concat(...await Promise.all(near.map((i) => this.dict(i))));
      const max = term.length >= 5 ? 2 : 1, out = [];
      for (const e of entries) {
        if (e.term === term || e.term.indexOf(":") >= 0 || Math.abs(e.term.length - term.length) > max) continue;
        const d = editDistance(term, e.term, max);
        if (d <= max) out.push({ term: e.term, df: e.df, d, score: Math.log10(1 + e.df) - 1.5 * d });
      }
      out.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
      return out.slice(0, k);
    }

    // all returns every document, as a set with no scores.
    all() { return { docs: range(0, this.root.n), scores: new Float64Array(this.root.n) }; }

    // tagMeanings returns the meanings of the TAGS (file tagm): a Map from
    // name to meaning, those the index knows.
    async tagMeanings() {
      const [names, meanings] = await Promise.all([shards.load("tags"), shards.load("tagm")]), out = new Map();
      names.forEach((n, i) => { if (meanings[i]) out.set(n, meanings[i]); });
      return out;
    }

    // findID returns the cables a query names as an id: [{id, doc}].
    async findID(q) {
      let p = parseID(q);
      // Any other single word with a digit may be an id of another form.
      if (!p && /^\S*\d\S*$/.test(q.trim()) && q.indexOf(":") < 0) p = { key: idKey(q), yy: "" };
      if (!p) return [];
      const rows = await shards.load("i/" + (fnv1a(p.key) % this.root.idShards)), out = [];
      for (let i = 0; i + 1 < rows.length; i += 2) {
        const id = rows[i];
        if (idKey(id) === p.key && (!p.yy || id.slice(0, 2) === p.yy)) out.push({ id, doc: rows[i + 1] });
      }
      return out;
    }
  }

  const TEXT_FIELDS = ["to", "from", "subject", "signer", "ref", "in"];

  // fieldKeys returns the terms a to:, from:, subject:, signer: or ref:
  // filter asks for, all of which must match (doc.go, "Fields"): for ref:
  // and a quoted name, the whole value ("to:=amembassy bogota"); else each
  // of its words ("to:bogota"). A word ending in * is a prefix.
  function fieldKeys(f, stop) {
    const whole = f.field === "ref" || f.field === "in";
    if (whole || (f.quoted && f.field !== "subject")) {
      const key = facetKey(f.value.replace(/\*+$/, ""));
      if (!key) return [];
      return [{ term: f.field + ":" + (whole ? "" : "=") + key, prefix: /\*$/.test(f.value) }];
    }
    const out = [];
    for (const chunk of f.value.split(/[ \t\n\r]+/)) {
      if (!chunk) continue;
      const prefix = /\*$/.test(chunk), ts = terms(chunk.replace(/\*+$/, ""));
      ts.forEach((t, k) => {
        const p = prefix && k === ts.length - 1;
        if (f.field === "subject" && !p && !indexable(t, stop)) return;
        out.push({ term: f.field + ":" + t, prefix: p });
      });
    }
    return out;
  }

  // editDistance returns the optimal string alignment distance of a and
  // b (insertions, deletions, substitutions, swaps of two neighbours),
  // or max+1 once it is past max.
  function editDistance(a, b, max) {
    const n = a.length, m = b.length;
    if (Math.abs(n - m) > max) return max + 1;
    let prev2 = null, prev = Array.from({ length: m + 1 }, (_, j) => j);
    for (let i = 1; i <= n; i++) {
      const cur = [i];
      let best = i;
      for (let j = 1; j <= m; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
        cur.push(v);
        best = Math.min(best, v);
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[m];
  }

  // follows reports whether posting i of a term's residue sets holds want.
  function follows(res, i, want) {
    for (let j = res.off[i]; j < res.off[i + 1]; j++) if (res.data[j] === want) return true;
    return false;
  }

  // nextResidue is what a posting keeps of a word that follows its term:
  // the FNV-1a hash of the word's UTF-8 bytes, mixed by MurmurHash3's
  // finalizer, modulo mod (builder.go's nextResidue).
  function nextResidue(term, mod) {
    let h = fnv1a(term);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % mod;
  }

  // range returns a list of documents lo..hi-1.
  function range(lo, hi) {
    const out = new Int32Array(Math.max(0, hi - lo));
    for (let i = 0; i < out.length; i++) out[i] = lo + i;
    return out;
  }

  // union returns the documents of set or of docs, adding the scores of
  // those in both (scores null: 0).
  function union(set, docs, scores) {
    const outD = [], outS = [];
    let i = 0, j = 0;
    const sd = set.docs, ss = set.scores, sc = (k) => scores ? scores[k] : 0;
    while (i < sd.length || j < docs.length) {
      if (j >= docs.length || (i < sd.length && sd[i] < docs[j])) { outD.push(sd[i]); outS.push(ss[i]); i++; }
      else if (i >= sd.length || sd[i] > docs[j]) { outD.push(docs[j]); outS.push(sc(j)); j++; }
      else { outD.push(docs[j]); outS.push(ss[i] + sc(j)); i++; j++; }
    }
    return { docs: Int32Array.from(outD), scores: Float64Array.from(outS) };
  }

  // subtract returns set without the documents of not (ascending).
  function subtract(set, not) {
    const outD = [], outS = [];
    let j = 0;
    for (let i = 0; i < set.docs.length; i++) {
      const d = set.docs[i];
      while (j < not.length && not[j] < d) j++;
      if (j < not.length && not[j] === d) continue;
      outD.push(d);
      outS.push(set.scores[i]);
    }
    return { docs: Int32Array.from(outD), scores: Float64Array.from(outS) };
  }

  function concat(parts) {
    const out = new Int32Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  }

  // DAY0 is 0001-01-01T00:00:00Z, day 0 of the index (doc.go).
  const DAY0 = -62135596800000;

  // utcDay returns the time of a day; unlike Date.UTC, it reads years 0
  // to 99 as written, not as 1900 to 1999.
  function utcDay(y, mo, d) {
    const t = new Date(DAY0);
    t.setUTCFullYear(y, mo, d);
    return t.getTime();
  }

  // parseDate returns the day number (days since 0001-01-01) of a date
  // written YYYY, YYYY-MM or YYYY-MM-DD: its first day, or with end its
  // last; null when s is no such date.
  function parseDate(s, end) {
    const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s.trim());
    if (!m) return null;
    const y = +m[1], mo = m[2] ? +m[2] - 1 : (end ? 11 : 0);
    const d = m[3] ? +m[3] : end ? new Date(utcDay(y, mo + 1, 0)).getUTCDate() : 1;
    return Math.round((utcDay(y, mo, d) - DAY0) / 864e5);
  }

  // ---------------------------------------------------------------
  // Ranking: BM25 impacts (doc.go, "Ranking"), the intersection of
  // results, and the order of the first k.

  function impact(root, df, level) {
    const idf = Math.log(1 + (root.n - df + 0.5) / (df + 0.5));
    return (root.k1 + 1) * idf * (level + 0.5) / root.levels;
  }

  // intersect keeps the documents of set that are in docs, adding scores.
  function intersect(set, docs, scores) {
    const outD = [], outS = [];
    let i = 0, j = 0;
    while (i < set.docs.length && j < docs.length) {
      const a = set.docs[i], b = docs[j];
      if (a < b) i++;
      else if (a > b) j++;
      else { outD.push(a); outS.push(set.scores[i] + (scores ? scores[j] : 0)); i++; j++; }
    }
    return { docs: Int32Array.from(outD), scores: Float64Array.from(outS) };
  }

  // order returns the positions in set of its first k documents in the
  // order asked: by score (ties: newest first), newest first ("date"), or
  // oldest first ("oldest"). Large results are not sorted whole: a heap
  // keeps the best k.
  function order(set, sort, k) {
    const n = set.docs.length;
    k = Math.min(k, n);
    if (sort === "date") return Int32Array.from({ length: k }, (_, i) => n - 1 - i);
    if (sort === "oldest") return Int32Array.from({ length: k }, (_, i) => i);
    const sc = set.scores, docs = set.docs;
    const better = (a, b) => sc[a] > sc[b] || (sc[a] === sc[b] && docs[a] > docs[b]);
    if (n <= 4 * k + 1000) {
      const all = Array.from({ length: n }, (_, j) => j);
      all.sort((a, b) => better(a, b) ? -1 : better(b, a) ? 1 : 0);
      return Int32Array.from(all.slice(0, k));
    }
    // A min-heap of the best k so far: its root is the worst of them.
    const heap = [];
    const swap = (a, b) => { const t = heap[a]; heap[a] = heap[b]; heap[b] = t; };
    for (let i = 0; i < n; i++) {
      if (heap.length < k) {
        heap.push(i);
        for (let j = heap.length - 1; j > 0;) {
          const p = (j - 1) >> 1;
          if (!better(heap[p], heap[j])) break;
          swap(j, p);
          j = p;
        }
      } else if (k > 0 && better(i, heap[0])) {
        heap[0] = i;
        for (let j = 0; ;) {
          const l = 2 * j + 1, r = l + 1;
          let m = j;
          if (l < heap.length && better(heap[m], heap[l])) m = l;
          if (r < heap.length && better(heap[m], heap[r])) m = r;
          if (m === j) break;
          swap(j, m);
          j = m;
        }
      }
    }
    heap.sort((a, b) => better(a, b) ? -1 : 1);
    return Int32Array.from(heap);
  }

  // ---------------------------------------------------------------
  // Cable ids: 07STATE126086, 07 STATE 126086, STATE 126086 2007.

  const STATION_ALIASES = { SECSTATE: "STATE", USUN: "USUNNEWYORK", USEU: "USEUBRUSSELS", USNATO: "USNATO" };

  function idKey(id) {
    id = id.trim().toUpperCase();
    const m = /^(\d{2})([A-Z]+)(\d+)$/.exec(id);
    if (!m) return id;
    return m[2] + " " + (m[3].replace(/^0+/, "") || "0");
  }

  // parseID reads a query that names a cable: {key, yy} (yy "" when the
  // year is not given), or null.
  function parseID(q) {
    q = q.trim().toUpperCase().replace(/\s+/g, " ");
    let m, yy = "", station, num;
    if ((m = /^(\d{2}|\d{4}) ?([A-Z][A-Z-]*?) ?(\d+)$/.exec(q))) { yy = m[1].slice(-2); station = m[2]; num = m[3]; }
    else if ((m = /^([A-Z][A-Z-]*) (\d+)(?: (\d{4}|\d{2}))?$/.exec(q))) { station = m[1]; num = m[2]; yy = m[3] ? m[3].slice(-2) : ""; }
    else return null;
    station = station.replace(/-/g, "");
    station = STATION_ALIASES[station] || station;
    return { key: station + " " + (num.replace(/^0+/, "") || "0"), yy };
  }

  function fnv1a(s) {
    let h = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(s)) { h ^= byte; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  // ---------------------------------------------------------------
  // Highlighting: what the page marks of a query in a text, the passage
  // a snippet shows, and the check of phrases against a text.

  // marker returns a function that finds in a text what the query asks
  // for: [{s: start, e: end, key}] in order, offsets in the text. A word
  // (or a term it expands to, or one starting with its prefix) is one
  // range; a phrase is one range from its first word to its last, and its
  // words alone are not marked. key tells which part of the query it is.
  function marker(pq) {
    pq = marked(pq);
    const exact = new Map(), prefixes = [];
    pq.words.forEach((w, k) => {
      exact.set(w.term, "w" + k);
      if (w.prefix) prefixes.push({ p: w.term, key: "w" + k });
      for (const t of w.expanded || []) if (!exact.has(t)) exact.set(t, "w" + k);
    });
    const phrases = [];
    pq.phrases.forEach((p, k) => {
      if (p.terms.length > 1) phrases.push({ terms: p.terms, key: "p" + k });
      else if (!exact.has(p.terms[0])) exact.set(p.terms[0], "p" + k);
    });
    const word = (t) => {
      if (exact.has(t)) return exact.get(t);
      const p = prefixes.find((x) => t.startsWith(x.p));
      return p ? p.key : "";
    };
    return (text, ts) => {
      ts = ts || tokens(text);
      const out = [];
      for (let i = 0; i < ts.length;) {
        let found = null;
        for (let k = 0; k < phrases.length && !found; k++) {
          const p = phrases[k].terms;
          let j = 0;
          while (j < p.length && i + j < ts.length && ts[i + j].t === p[j]) j++;
          if (j === p.length) found = { s: ts[i].s, e: ts[i + j - 1].e, key: phrases[k].key, n: j };
        }
        if (!found) {
          const key = word(ts[i].t);
          if (key) found = { s: ts[i].s, e: ts[i].e, key, n: 1 };
        }
        if (found) { out.push(found); i += found.n; } else i++;
      }
      return out;
    };
  }

  const SNIPPET = 260, SNIPPET_LEAD = 8;

  // passage finds, in text read as the tokens ts with the ranges rs that
  // a marker found, the first passage of about SNIPPET characters that
  // holds the most distinct parts of the query. It returns the token it
  // starts at (a few words before the first range in it, at the start of
  // its sentence if that is near) and the index in rs of that range.
  function passage(text, ts, rs) {
    let best = -1, from = 0, at = 0, t = 0;
    for (let a = 0; a < rs.length; a++) {
      while (t < ts.length && ts[t].s < rs[a].s) t++;
      let first = t;
      for (let k = 0; k < SNIPPET_LEAD && first > 0; k++) {
        if (/[.!?:;]\s|\n/.test(text.slice(ts[first - 1].e, ts[first].s))) break;
        first--;
      }
      const limit = ts[first].s + SNIPPET, keys = new Set();
      for (let r = a; r < rs.length && rs[r].e <= limit; r++) keys.add(rs[r].key);
      if (keys.size > best) { best = keys.size; from = first; at = a; }
    }
    return { from, range: at };
  }

  // snippet returns the passage of text that mark's ranges pick (see
  // passage), with its white space collapsed and "…" where it cuts the
  // text; "" when text holds none of the query.
  function snippet(text, mark) {
    const ts = tokens(text), rs = mark(text, ts);
    if (!rs.length) return "";
    let from = passage(text, ts, rs).from, last = from;
    while (last < ts.length && ts[last].e <= ts[from].s + SNIPPET) last++;
    // Near the end of the text, start earlier rather than show less.
    if (last === ts.length) while (from > 0 && text.length - ts[from - 1].s <= SNIPPET) from--;
    let start = ts[from].s, end = last > from ? ts[last - 1].e : ts[from].e;
    // Keep the punctuation around the words (up to the next space).
    while (start > 0 && !/\s/.test(text[start - 1]) && (from === 0 || start > ts[from - 1].e)) start--;
    while (end < text.length && !/\s/.test(text[end]) && (last >= ts.length || end < ts[last].s)) end++;
    let out = text.slice(start, end).replace(/\s+/g, " ").trim();
    if (from > 0) out = "… " + out;
    if (last < ts.length) out += " …";
    return out;
  }

  // holdsPhrases reports whether the phrases the index could not decide
  // are each in one of texts, word after word as the tokenizer reads them.
  function holdsPhrases(phrases, texts) {
    return phrases.every((p) => texts.some((text) => {
      const ts = tokens(text);
      outer:
      for (let i = 0; i + p.length <= ts.length; i++) {
        for (let j = 0; j < p.length; j++) if (ts[i + j].t !== p[j]) continue outer;
        return true;
      }
      return false;
    }));
  }

  // undecided returns the phrases of a query that the index lets through
  // approximately (doc.go, "Phrases"): those of two words or more, one of
  // them indexed.
  function undecided(pq, stop) {
    return pq.phrases.filter((p) => p.terms.length > 1 && p.terms.some((t) => indexable(t, stop))).map((p) => p.terms);
  }

  // highlights returns what a cable's page marks in its text for q, a
  // query as markQuery writes it: the ranges, as marker gives them, and
  // the index of the one that starts the passage the hit's snippet
  // showed (-1 when there is none).
  function highlights(text, q) {
    const ts = tokens(text), rs = marker(parseQuery(q, new Set(), false))(text, ts);
    return { ranges: rs, first: rs.length ? passage(text, ts, rs).range : -1 };
  }

  // ---------------------------------------------------------------
  // The namespace. open loads the index's root, from base ("search/").

  async function open(base) {
    shards.base = base;
    const root = await shards.load("index", true);
    shards.filesPerDir = root.filesPerDir;
    return new Index(root);
  }

  g.cablesiteSearch = Object.assign(g.cablesiteSearch || {}, {
    shard: (key, payload) => shards.register(key, payload),
    open,
    tokens, terms, facetKey, parseQuery, markQuery, marked, canon, fatal, editDistance, parseID, idKey, fnv1a,
    order,
    marker, snippet, holdsPhrases, undecided, highlights,
    Stale, checkCurrent, current, breathe, newTask,
    insertScript: (el) => shards.insert(el),
  });
})(typeof window !== "undefined" ? window : this);
