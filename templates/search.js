// cablesite search: the client of the index that package generator/search
// writes under search/. Plain script, no framework, no fetch: the index is
// a set of classic scripts, each calling cablesiteSearch.shard(key,
// payload), loaded on demand with <script> elements, which works from a
// web host and from a folder opened from disk (file://). The format of the
// files is specified in generator/search/doc.go; the tokenizer below must
// agree with the Go one term for term (a Go test runs it in Node).
//
// On the search page (an element #search-app) it runs queries as the
// reader types, shows hits, facets and pages, and keeps the query in the
// address (search.html?q=...&sort=date&page=2). On any page, "/" focuses
// the search box. Nothing from the index is ever inserted as HTML: text
// goes in with textContent, highlights as <mark> elements.
(function (g) {
  "use strict";

  // ---------------------------------------------------------------
  // Tokenizer: see generator/search/token.go for the rules.

  var reL = /\p{L}/u, reNd = /\p{Nd}/u, reM = /\p{M}/u, reLu = /\p{Lu}/u;
  var MAX_TERM = 64;
  var asciiWord = [];
  for (var c0 = 0; c0 < 128; c0++) {
    asciiWord[c0] = (c0 >= 48 && c0 <= 57) || (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122);
  }

  function isApos(c) { return c === 0x27 || c === 0x2019 || c === 0x2018 || c === 0x2BC; }
  function isLetter(c) {
    if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    return reL.test(String.fromCodePoint(c));
  }
  function isWord(c) {
    if (c < 128) return asciiWord[c];
    if (isApos(c)) return false;
    var ch = String.fromCodePoint(c);
    return reL.test(ch) || reNd.test(ch);
  }
  function isUpper(c) {
    if (c < 128) return c >= 65 && c <= 90;
    return reLu.test(String.fromCodePoint(c));
  }
  function lower(c) {
    if (c < 128) return (c >= 65 && c <= 90) ? c + 32 : c;
    var l = String.fromCodePoint(c).toLowerCase().codePointAt(0);
    return l === 0x3C2 ? 0x3C3 : l; // final sigma is sigma
  }

  // fold returns the code points of text with letters decomposed and marks
  // dropped, each with the span of text it came from.
  function fold(text) {
    var cps = [], starts = [], ends = [];
    for (var i = 0; i < text.length;) {
      var c = text.codePointAt(i), n = c > 0xFFFF ? 2 : 1;
      if (c < 128) {
        cps.push(c); starts.push(i); ends.push(i + n);
      } else {
        var ch = String.fromCodePoint(c);
        if (reM.test(ch)) {
          // a mark: dropped
        } else if (reL.test(ch)) {
          var d = ch.normalize("NFD");
          for (var j = 0; j < d.length;) {
            var dc = d.codePointAt(j);
            j += dc > 0xFFFF ? 2 : 1;
            if (!reM.test(String.fromCodePoint(dc))) { cps.push(dc); starts.push(i); ends.push(i + n); }
          }
        } else {
          cps.push(c); starts.push(i); ends.push(i + n);
        }
      }
      i += n;
    }
    return { cps: cps, starts: starts, ends: ends };
  }

  function apostrophe(s, i) {
    var c = s[i];
    if (c === 0x2C) {
      return i > 0 && isUpper(s[i - 1]) && i + 1 < s.length && s[i + 1] === 0x53 &&
        (i + 2 >= s.length || !isWord(s[i + 2]));
    }
    return isApos(c);
  }

  // tokens returns the terms of text: [{t: term, p: position, s: start,
  // e: end}], start and end being offsets in text.
  function tokens(text) {
    var f = fold(text), s = f.cps, n = s.length, out = [], pos = 0;
    for (var i = 0; i < n;) {
      if (!isWord(s[i])) { i++; continue; }
      var start = f.starts[i], end = start, term = [], runes = 0, acronym = true, chunk = 0;
      while (i < n) {
        var c = s[i];
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
      out.push({ t: String.fromCodePoint.apply(null, term), p: pos, s: start, e: end });
      pos++;
    }
    return out;
  }

  function terms(text) { return tokens(text).map(function (t) { return t.t; }); }

  // facetKey is the key of a facet value: its terms joined by spaces.
  function facetKey(v) { return terms(v).join(" "); }

  // ---------------------------------------------------------------
  // Query syntax: words, word* (prefix), "phrases", field:value and
  // field:"quoted value" for tag, origin, class, year and date.

  var FIELDS = { tag: 1, origin: 1, class: 1, year: 1, date: 1 };

  function isSpace(ch) { return ch === " " || ch === "\t" || ch === "\n" || ch === "\r"; }

  // parseQuery parses q; with live set, the last word, unless a space
  // follows it, is read as a prefix (the reader is typing it).
  function parseQuery(q, stop, live) {
    var out = { words: [], phrases: [], filters: [] };
    var i = 0, n = q.length, lastWord = null;
    function indexable(t) {
      var cp = Array.from(t);
      if (cp.length === 1) return !isLetter(t.codePointAt(0));
      return !stop[t];
    }
    function addPhrase(ts) {
      if (ts.length === 1) {
        if (indexable(ts[0])) out.words.push({ term: ts[0], prefix: false });
      } else if (ts.length > 1) {
        out.phrases.push({ terms: ts });
      }
    }
    while (i < n) {
      var ch = q[i];
      if (isSpace(ch)) { i++; continue; }
      lastWord = null;
      if (ch === '"') {
        var end = q.indexOf('"', i + 1);
        var text = end >= 0 ? q.slice(i + 1, end) : q.slice(i + 1);
        i = end >= 0 ? end + 1 : n;
        addPhrase(terms(text));
        continue;
      }
      var j = i;
      while (j < n && !isSpace(q[j])) j++;
      var run = q.slice(i, j), colon = run.indexOf(":");
      if (colon > 0 && FIELDS.hasOwnProperty(run.slice(0, colon).toLowerCase())) {
        var field = run.slice(0, colon), value = run.slice(colon + 1), quoted = value.charAt(0) === '"';
        if (quoted) {
          var vs = i + field.length + 2, ve = q.indexOf('"', vs);
          value = ve >= 0 ? q.slice(vs, ve) : q.slice(vs);
          j = ve >= 0 ? ve + 1 : n;
        }
        value = value.trim();
        if (value) out.filters.push({ field: field.toLowerCase(), value: value, quoted: quoted });
        i = j;
        continue;
      }
      i = j;
      var prefix = /\*+$/.test(run);
      var ts = terms(run.replace(/\*+$/, ""));
      if (ts.length === 1 && prefix) {
        out.words.push({ term: ts[0], prefix: true });
      } else if (ts.length === 1) {
        lastWord = { term: ts[0], end: j };
        if (indexable(ts[0])) out.words.push({ term: ts[0], prefix: false });
      } else {
        addPhrase(ts);
      }
    }
    if (live && lastWord && lastWord.end === n && lastWord.term.length >= 2) {
      var k;
      for (k = 0; k < out.words.length; k++) {
        if (out.words[k].term === lastWord.term && !out.words[k].prefix) break;
      }
      if (k < out.words.length) out.words[k].prefix = true;
      else out.words.push({ term: lastWord.term, prefix: true });
    }
    return out;
  }

  // ---------------------------------------------------------------
  // Shards: loaded once each, as scripts; every caller gets one promise.

  var shards = {}; // key -> {promise, resolve, reject, payload}
  var indexBase = "search/";
  var filesPerDir = 1024;
  var loadLog = null; // keys loaded since the last reset, for tests and measures

  function shardPath(key) {
    var slash = key.indexOf("/");
    if (slash < 0) return indexBase + key + ".js";
    var n = +key.slice(slash + 1);
    return indexBase + key.slice(0, slash) + "/" + Math.floor(n / filesPerDir) + "/" + n + ".js";
  }

  function shard(key, payload) {
    var s = shards[key];
    if (!s) { s = shards[key] = {}; s.promise = Promise.resolve(payload); }
    s.payload = payload;
    s.done = true;
    if (s.resolve) s.resolve(payload);
  }

  function load(key) {
    var s = shards[key];
    if (s) return s.promise;
    s = shards[key] = {};
    s.promise = new Promise(function (resolve, reject) { s.resolve = resolve; s.reject = reject; });
    if (loadLog) loadLog.push(key);
    var el = document.createElement("script");
    el.src = shardPath(key);
    el.async = true;
    el.onload = function () {
      el.remove();
      if (!s.done) { delete shards[key]; s.reject(new Error(key + ": the file did not register its data")); }
    };
    el.onerror = function () {
      el.remove();
      delete shards[key];
      s.reject(new Error("cannot load " + shardPath(key)));
    };
    document.head.appendChild(el);
    return s.promise;
  }

  // ---------------------------------------------------------------
  // Decoding: varints in the index's alphabet (see encode.go).

  function Decoder(root) {
    var table = new Int8Array(128).fill(-1);
    for (var i = 0; i < root.alphabet.length; i++) table[root.alphabet.charCodeAt(i)] = i;
    this.table = table;
    this.T = root.terminal;
    this.C = root.alphabet.length - root.terminal;
  }
  // varints decodes every varint of s[from:to] into an array.
  Decoder.prototype.read = function (s, from, to, out) {
    var t = this.table, T = this.T, C = this.C, n = 0, mult = 1;
    for (var i = from; i < to; i++) {
      var v = t[s.charCodeAt(i)];
      if (v < 0) throw new Error("corrupt index data");
      if (v < T) { out.push(n + mult * v); n = 0; mult = 1; } else { n += mult * v; mult *= C; }
    }
    return out;
  };

  // A cursor reads varints one at a time.
  function Cursor(dec, s, i) { this.dec = dec; this.s = s; this.i = i || 0; }
  Cursor.prototype.varint = function () {
    var t = this.dec.table, T = this.dec.T, C = this.dec.C, n = 0, mult = 1;
    for (;;) {
      if (this.i >= this.s.length) throw new Error("corrupt index data");
      var v = t[this.s.charCodeAt(this.i++)];
      if (v < 0) throw new Error("corrupt index data");
      if (v < T) return n + mult * v;
      n += mult * v;
      mult *= C;
    }
  };
  Cursor.prototype.more = function () { return this.i < this.s.length; };

  // ---------------------------------------------------------------
  // The index.

  function Index(root) {
    this.root = root;
    this.dec = new Decoder(root);
    this.stop = {};
    for (var i = 0; i < root.stop.length; i++) this.stop[root.stop[i]] = true;
    this.dicts = {};    // shard number -> entries
    this.lists = {};    // "pack/index" -> {docs, lv}
    this.res = {};      // "pack/index" -> {off, data}
    this.packs = {};    // key -> {offs, lens, start}
    this.originKeys = root.origins.map(facetKey);
    this.classKeys = root.classes.map(facetKey);
  }

  Index.prototype.dict = function (i) {
    var self = this;
    if (this.dicts[i]) return Promise.resolve(this.dicts[i]);
    return load("t/" + i).then(function (payload) {
      if (self.dicts[i]) return self.dicts[i];
      var c = new Cursor(self.dec, payload), pack = c.varint(), index = c.varint(), prev = "", out = [], first = true;
      while (c.more()) {
        var shared = c.varint(), len = c.varint();
        var term = prev.slice(0, shared) + payload.substr(c.i, len);
        c.i += len;
        var v = c.varint();
        if (!first) {
          if (v & 1) { pack++; index = 0; } else { index++; }
        }
        first = false;
        out.push({ term: term, df: Math.floor(v / 2), pack: pack, index: index });
        prev = term;
      }
      self.dicts[i] = out;
      return out;
    });
  };

  // lookup returns the dictionary entries of term, or of every term that
  // starts with it when prefix is set.
  Index.prototype.lookup = function (term, prefix) {
    var first = this.root.dict, self = this;
    if (!first.length) return Promise.resolve([]);
    var lo = 0, hi = first.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (first[mid] > term) hi = mid; else lo = mid + 1; }
    var i = Math.max(0, lo - 1), out = [];
    function step(i) {
      return self.dict(i).then(function (entries) {
        for (var k = 0; k < entries.length; k++) {
          var e = entries[k];
          if (e.term === term || (prefix && e.term.lastIndexOf(term, 0) === 0)) out.push(e);
        }
        if (prefix && i + 1 < first.length && first[i + 1].lastIndexOf(term, 0) === 0) return step(i + 1);
        return out;
      });
    }
    return step(i);
  };

  // packList returns the index-th list of a pack payload.
  Index.prototype.packList = function (key, payload, index) {
    var p = this.packs[key];
    if (!p) {
      var c = new Cursor(this.dec, payload), k = c.varint();
      // A length takes a digit at least: more lists than that is a corrupt file.
      if (!(k >= 0 && k <= payload.length)) throw new Error("search: corrupt pack " + key);
      var offs = new Array(k), lens = new Array(k), off = 0;
      for (var i = 0; i < k; i++) { lens[i] = c.varint(); offs[i] = off; off += lens[i]; }
      p = this.packs[key] = { offs: offs, lens: lens, start: c.i };
    }
    var from = p.start + p.offs[index];
    return [from, from + p.lens[index]];
  };

  Index.prototype.postings = function (e) {
    var id = e.pack + "/" + e.index, self = this;
    if (this.lists[id]) return Promise.resolve(this.lists[id]);
    var key = "p/" + e.pack;
    return load(key).then(function (payload) {
      var r = self.packList(key, payload, e.index);
      var vals = self.dec.read(payload, r[0], r[1], []);
      var L = self.root.levels, docs = new Int32Array(vals.length), lv = new Uint8Array(vals.length), doc = -1;
      for (var i = 0; i < vals.length; i++) {
        doc += Math.floor(vals[i] / L);
        docs[i] = doc;
        lv[i] = vals[i] % L;
      }
      return (self.lists[id] = { docs: docs, lv: lv });
    });
  };

  // positions returns a term's residue sets: for posting i, the residues
  // data[off[i]..off[i+1]).
  Index.prototype.positions = function (e) {
    var id = e.pack + "/" + e.index, self = this;
    if (this.res[id]) return Promise.resolve(this.res[id]);
    var key = "q/" + e.pack;
    return load(key).then(function (payload) {
      var r = self.packList(key, payload, e.index), M = self.root.posMod, t = self.dec.table;
      var off = [0], data = [];
      for (var i = r[0]; i < r[1]; i++) {
        var v = t[payload.charCodeAt(i)];
        if (v === 2 * M) { off.push(data.length); continue; }
        if (v >= M) { data.push(v - M); continue; }
        data.push(v);
        off.push(data.length);
      }
      return (self.res[id] = { off: off, data: data });
    });
  };

  Index.prototype.idf = function (df) {
    var n = this.root.n;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };
  Index.prototype.impact = function (df, level) {
    return (this.root.k1 + 1) * this.idf(df) * (level + 0.5) / this.root.levels;
  };

  var MAX_EXPANSIONS = 16;

  // word returns the documents of a query word with its impact on each.
  Index.prototype.word = function (w) {
    var self = this;
    return this.lookup(w.term, w.prefix).then(function (entries) {
      if (w.prefix) {
        entries = entries.filter(function (e) { return e.term.indexOf(":") < 0; });
        entries.sort(function (a, b) {
          if ((a.term === w.term) !== (b.term === w.term)) return a.term === w.term ? -1 : 1;
          return b.df - a.df;
        });
        entries = entries.slice(0, MAX_EXPANSIONS);
      }
      w.expanded = entries.map(function (e) { return e.term; });
      return Promise.all(entries.map(function (e) { return self.postings(e); })).then(function (lists) {
        if (lists.length === 1) {
          var l = lists[0], sc = new Float64Array(l.docs.length), df = entries[0].df;
          for (var i = 0; i < sc.length; i++) sc[i] = self.impact(df, l.lv[i]);
          return { docs: l.docs, scores: sc };
        }
        var best = new Map();
        lists.forEach(function (l, k) {
          for (var i = 0; i < l.docs.length; i++) {
            var v = self.impact(entries[k].df, l.lv[i]), d = l.docs[i], o = best.get(d);
            if (o === undefined || v > o) best.set(d, v);
          }
        });
        var docs = Int32Array.from(best.keys()).sort(), scores = new Float64Array(docs.length);
        for (var j = 0; j < docs.length; j++) scores[j] = best.get(docs[j]);
        return { docs: docs, scores: scores };
      });
    });
  };

  // phrase returns the documents holding the phrase's indexed terms, each
  // followed by the phrase's next word as far as the index can tell: a
  // posting keeps the nextResidue of the words that follow its term.
  Index.prototype.phrase = function (ph) {
    var self = this, ts = [];
    ph.terms.forEach(function (t, i) {
      if (Array.from(t).length === 1 ? !isLetter(t.codePointAt(0)) : !self.stop[t]) {
        ts.push({ term: t, want: i + 1 < ph.terms.length ? nextResidue(ph.terms[i + 1], self.root.posMod) : -1 });
      }
    });
    if (!ts.length) return Promise.resolve(null);
    return Promise.all(ts.map(function (t) { return self.lookup(t.term, false); })).then(function (found) {
      if (found.some(function (f) { return !f.length; })) return { docs: new Int32Array(0), scores: new Float64Array(0) };
      var entries = found.map(function (f) { return f[0]; });
      var need = [Promise.all(entries.map(function (e) { return self.postings(e); })),
        Promise.all(entries.map(function (e, k) { return ts[k].want < 0 ? null : self.positions(e); }))];
      return Promise.all(need).then(function (r) {
        var lists = r[0], res = r[1], docs = [], scores = [];
        var idx = lists.map(function () { return 0; }), a = lists[0];
        outer:
        for (; idx[0] < a.docs.length; idx[0]++) {
          var doc = a.docs[idx[0]];
          for (var k = 1; k < lists.length; k++) {
            var l = lists[k];
            while (idx[k] < l.docs.length && l.docs[idx[k]] < doc) idx[k]++;
            if (idx[k] >= l.docs.length) break outer;
            if (l.docs[idx[k]] !== doc) continue outer;
          }
          for (var f = 0; f < ts.length; f++) if (ts[f].want >= 0 && !follows(res[f], idx[f], ts[f].want)) continue outer;
          var sc = 0;
          for (var m = 0; m < lists.length; m++) sc += self.impact(entries[m].df, lists[m].lv[idx[m]]);
          docs.push(doc);
          scores.push(sc);
        }
        return { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
      });
    });
  };

  // follows reports whether posting i of a term's residue sets holds want.
  function follows(res, i, want) {
    for (var j = res.off[i]; j < res.off[i + 1]; j++) if (res.data[j] === want) return true;
    return false;
  }

  // nextResidue is what a posting keeps of a word that follows its term:
  // the FNV-1a hash of the word's UTF-8 bytes, mixed by MurmurHash3's
  // finalizer, modulo mod (builder.go's nextResidue).
  function nextResidue(term, mod) {
    var h = fnv1a(term);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return (h >>> 0) % mod;
  }

  // facetKeys returns the facet keys a filter stands for (see searcher.go).
  Index.prototype.facetKeys = function (f) {
    var key = facetKey(f.value);
    if (f.field === "tag") return [key];
    var keys = f.field === "class" ? this.classKeys : this.originKeys;
    if (f.quoted && keys.indexOf(key) >= 0) return [key];
    var want = key.split(" ").filter(Boolean);
    return keys.filter(function (k) {
      var have = k.split(" ");
      return want.length > 0 && want.every(function (w) { return have.indexOf(w) >= 0; });
    });
  };

  // range returns a list of documents lo..hi-1.
  function range(lo, hi) {
    var out = new Int32Array(Math.max(0, hi - lo));
    for (var i = 0; i < out.length; i++) out[i] = lo + i;
    return out;
  }

  var DAY0 = -62135596800000; // 0001-01-01T00:00:00Z, day 0 of the index

  function parseDate(s, end) {
    var m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(s.trim());
    if (!m) return null;
    var y = +m[1], mo = m[2] ? +m[2] - 1 : (end ? 11 : 0), d;
    if (m[3]) d = +m[3];
    else d = end ? new Date(Date.UTC(y, mo + 1, 0)).getUTCDate() : 1;
    var t = new Date(DAY0); t.setUTCFullYear(y, mo, d); // Date.UTC reads years 0-99 as 1900-1999
    return Math.round((t - DAY0) / 864e5);
  }

  Index.prototype.days = function () {
    var self = this;
    if (this.dayTable) return Promise.resolve(this.dayTable);
    return load("days").then(function (payload) {
      var v = self.dec.read(payload, 0, payload.length, []), days = [], firsts = [], day = 0, doc = 0;
      for (var i = 0; i + 1 < v.length; i += 2) {
        day += v[i];
        days.push(day);
        firsts.push(doc);
        doc += v[i + 1];
      }
      return (self.dayTable = { days: days, firsts: firsts, end: doc });
    });
  };

  // filter returns the documents a filter allows, ascending.
  Index.prototype.filter = function (f) {
    var self = this, root = this.root;
    if (f.field === "year") {
      var ab = f.value.split(".."), lo = ab[0] ? +ab[0] : -Infinity, hi = ab.length > 1 ? (ab[1] ? +ab[1] : Infinity) : lo;
      var parts = [];
      root.years.forEach(function (y, i) {
        if (y[0] >= lo && y[0] <= hi) parts.push(range(y[1], i + 1 < root.years.length ? root.years[i + 1][1] : root.dated));
      });
      return Promise.resolve(concat(parts));
    }
    if (f.field === "date") {
      var se = f.value.split(".."), from = se[0] ? parseDate(se[0], false) : -Infinity;
      var to = se.length > 1 ? (se[1] ? parseDate(se[1], true) : Infinity) : parseDate(se[0], true);
      if (from === null || to === null) return Promise.resolve(new Int32Array(0));
      return this.days().then(function (t) {
        var a = 0, b = 0;
        while (a < t.days.length && t.days[a] < from) a++;
        b = a;
        while (b < t.days.length && t.days[b] <= to) b++;
        var lo = a < t.days.length ? t.firsts[a] : t.end, hi = b < t.days.length ? t.firsts[b] : t.end;
        return range(lo, hi);
      });
    }
    var keys = this.facetKeys(f);
    return Promise.all(keys.map(function (k) { return self.lookup(f.field + ":" + k, false); })).then(function (found) {
      var entries = [].concat.apply([], found);
      return Promise.all(entries.map(function (e) { return self.postings(e); })).then(function (lists) {
        if (lists.length === 1) return lists[0].docs;
        var all = [];
        lists.forEach(function (l) { for (var i = 0; i < l.docs.length; i++) all.push(l.docs[i]); });
        all.sort(function (x, y) { return x - y; });
        return Int32Array.from(all.filter(function (d, i) { return i === 0 || all[i - 1] !== d; }));
      });
    });
  };

  function concat(parts) {
    var n = 0;
    parts.forEach(function (p) { n += p.length; });
    var out = new Int32Array(n), o = 0;
    parts.forEach(function (p) { out.set(p, o); o += p.length; });
    return out;
  }

  // intersect keeps the documents of set that are in docs, adding scores.
  function intersect(set, docs, scores) {
    var outD = [], outS = [], i = 0, j = 0;
    while (i < set.docs.length && j < docs.length) {
      var a = set.docs[i], b = docs[j];
      if (a < b) i++;
      else if (a > b) j++;
      else { outD.push(a); outS.push(set.scores[i] + (scores ? scores[j] : 0)); i++; j++; }
    }
    return { docs: Int32Array.from(outD), scores: Float64Array.from(outS) };
  }

  // run evaluates a parsed query: the matching documents, ascending, with
  // their scores; null when the query asks nothing.
  Index.prototype.run = function (pq) {
    var self = this, parts = [];
    pq.words.forEach(function (w) { parts.push(self.word(w)); });
    pq.phrases.forEach(function (ph) { parts.push(self.phrase(ph)); });
    pq.filters.forEach(function (f) {
      parts.push(self.filter(f).then(function (docs) { return { docs: docs, scores: null }; }));
    });
    return Promise.all(parts).then(function (results) {
      results = results.filter(Boolean);
      if (!results.length) {
        if (!pq.filters.length) return null;
        return { docs: range(0, self.root.n), scores: new Float64Array(self.root.n) };
      }
      // Intersect the shortest first.
      results.sort(function (a, b) { return a.docs.length - b.docs.length; });
      var set = { docs: results[0].docs, scores: results[0].scores || new Float64Array(results[0].docs.length) };
      for (var k = 1; k < results.length; k++) set = intersect(set, results[k].docs, results[k].scores);
      return set;
    });
  };

  // order returns the positions in set of its first k documents in the
  // order asked: by score (ties: newest first), newest first, or oldest
  // first. Large results are not sorted whole: a heap keeps the best k.
  function order(set, sort, k) {
    var n = set.docs.length, i;
    k = Math.min(k, n);
    var out = new Int32Array(k);
    if (sort === "date") { for (i = 0; i < k; i++) out[i] = n - 1 - i; return out; }
    if (sort === "oldest") { for (i = 0; i < k; i++) out[i] = i; return out; }
    var sc = set.scores, docs = set.docs;
    function better(a, b) { return sc[a] > sc[b] || (sc[a] === sc[b] && docs[a] > docs[b]); }
    if (n <= 4 * k + 1000) {
      var all = Array.from({ length: n }, function (_, j) { return j; });
      all.sort(function (a, b) { return better(a, b) ? -1 : better(b, a) ? 1 : 0; });
      return Int32Array.from(all.slice(0, k));
    }
    // A min-heap of the best k so far: its root is the worst of them.
    var heap = [];
    function down(j) {
      for (;;) {
        var l = 2 * j + 1, r = l + 1, m = j;
        if (l < heap.length && better(heap[m], heap[l])) m = l;
        if (r < heap.length && better(heap[m], heap[r])) m = r;
        if (m === j) return;
        var t = heap[j]; heap[j] = heap[m]; heap[m] = t; j = m;
      }
    }
    for (i = 0; i < n; i++) {
      if (heap.length < k) {
        heap.push(i);
        for (var j = heap.length - 1; j > 0;) {
          var p = (j - 1) >> 1;
          if (!better(heap[p], heap[j])) break;
          var t = heap[j]; heap[j] = heap[p]; heap[p] = t; j = p;
        }
      } else if (k > 0 && better(i, heap[0])) {
        heap[0] = i;
        down(0);
      }
    }
    heap.sort(function (a, b) { return better(a, b) ? -1 : 1; });
    return Int32Array.from(heap);
  }

  // hits reads the blocks of the given documents.
  Index.prototype.hits = function (docs) {
    var self = this, B = this.root.docBlock;
    return Promise.all(Array.from(docs).map(function (d) {
      return load("d/" + Math.floor(d / B)).then(function (rows) {
        var r = rows[d % B], day = r[1], date = day >= 0 ? new Date(DAY0 + day * 864e5) : null;
        var iso = date ? date.toISOString().slice(0, 10) : "";
        var url = r[2] || (date ? "cable/" + iso.slice(0, 4) + "/" + iso.slice(5, 7) + "/" + r[0] + ".html" : "cable/undated/" + r[0] + ".html");
        return {
          doc: d, id: r[0], date: iso, url: url, subject: r[3],
          origin: r[4] >= 0 ? self.root.origins[r[4]] : "", classification: r[5] >= 0 ? self.root.classes[r[5]] : "",
          excerpt: r[6]
        };
      });
    }));
  };

  var MAX_FACET_BLOCKS = 6;

  // facets counts the results by year (always exactly), and by TAG, origin
  // and classification from the facet blocks: exactly when the results lie
  // in at most MAX_FACET_BLOCKS blocks, else from an even sample of them,
  // scaled up; or exactly from all of them when all is set.
  Index.prototype.facets = function (set, all) {
    var self = this, root = this.root, F = root.facetBlock, docs = set.docs;
    var years = {}, yi = 0, undated = 0;
    for (var i = 0; i < docs.length; i++) {
      var d = docs[i];
      if (d >= root.dated) { undated++; continue; }
      while (yi + 1 < root.years.length && root.years[yi + 1][1] <= d) yi++;
      years[root.years[yi][0]] = (years[root.years[yi][0]] || 0) + 1;
    }
    var blocks = [];
    for (var k = 0; k < docs.length; k++) {
      var b = Math.floor(docs[k] / F);
      if (!blocks.length || blocks[blocks.length - 1] !== b) blocks.push(b);
    }
    var exact = all || blocks.length <= MAX_FACET_BLOCKS, chosen = blocks;
    if (!exact) {
      chosen = [];
      for (var s = 0; s < MAX_FACET_BLOCKS; s++) chosen.push(blocks[Math.floor(s * blocks.length / MAX_FACET_BLOCKS)]);
    }
    var want = {};
    chosen.forEach(function (b) { want[b] = true; });
    return Promise.all([load("tags")].concat(chosen.map(function (b) { return load("f/" + b); }))).then(function (r) {
      var tagNames = r[0], payloads = {};
      chosen.forEach(function (b, i) { payloads[b] = r[i + 1]; });
      var tags = {}, origins = {}, classes = {}, sampled = 0;
      var parsed = {};
      for (var i = 0; i < docs.length; i++) {
        var d = docs[i], b = Math.floor(d / F);
        if (!want[b]) continue;
        if (!parsed[b]) parsed[b] = self.facetBlock(payloads[b]);
        var row = parsed[b][d - b * F];
        sampled++;
        if (row.o >= 0) origins[row.o] = (origins[row.o] || 0) + 1;
        if (row.c >= 0) classes[row.c] = (classes[row.c] || 0) + 1;
        for (var t = 0; t < row.t.length; t++) tags[row.t[t]] = (tags[row.t[t]] || 0) + 1;
      }
      var scale = exact || !sampled ? 1 : docs.length / sampled;
      function list(counts, names) {
        return Object.keys(counts).map(function (k) {
          return { name: names[k], count: exact ? counts[k] : Math.max(1, Math.round(counts[k] * scale)) };
        }).sort(function (a, b) { return (b.count - a.count) || (a.name < b.name ? -1 : 1); });
      }
      var yearList = Object.keys(years).map(function (y) { return { name: y, count: years[y] }; })
        .sort(function (a, b) { return b.name - a.name; });
      if (undated) yearList.push({ name: "undated", count: undated, none: true });
      return {
        exact: exact,
        sampled: sampled,
        blocks: blocks.length,
        year: yearList,
        tag: list(tags, tagNames),
        origin: list(origins, root.origins),
        "class": list(classes, root.classes)
      };
    });
  };

  Index.prototype.facetBlock = function (payload) {
    var c = new Cursor(this.dec, payload), rows = [];
    while (c.more()) {
      var o = c.varint() - 1, cl = c.varint() - 1, n = c.varint(), t = [], prev = -1;
      for (var i = 0; i < n; i++) { prev += c.varint() + 1; t.push(prev); }
      rows.push({ o: o, c: cl, t: t });
    }
    return rows;
  };

  // ---------------------------------------------------------------
  // Cable ids: 07STATE126086, 07 STATE 126086, STATE 126086 2007.

  var STATION_ALIASES = { SECSTATE: "STATE", USUN: "USUNNEWYORK", USEU: "USEUBRUSSELS", USNATO: "USNATO" };

  function idKey(id) {
    id = id.trim().toUpperCase();
    var m = /^(\d{2})([A-Z]+)(\d+)$/.exec(id);
    if (!m) return id;
    return m[2] + " " + (m[3].replace(/^0+/, "") || "0");
  }

  // parseID reads a query that names a cable: {key, yy} (yy "" when the
  // year is not given), or null.
  function parseID(q) {
    q = q.trim().toUpperCase().replace(/\s+/g, " ");
    var m, yy = "", station, num;
    if ((m = /^(\d{2}|\d{4}) ?([A-Z][A-Z-]*?) ?(\d+)$/.exec(q))) { yy = m[1].slice(-2); station = m[2]; num = m[3]; }
    else if ((m = /^([A-Z][A-Z-]*) (\d+)(?: (\d{4}|\d{2}))?$/.exec(q))) { station = m[1]; num = m[2]; yy = m[3] ? m[3].slice(-2) : ""; }
    else return null;
    station = station.replace(/-/g, "");
    station = STATION_ALIASES[station] || station;
    return { key: station + " " + (num.replace(/^0+/, "") || "0"), yy: yy };
  }

  function fnv1a(s) {
    var bytes = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) { h ^= bytes[i]; h = Math.imul(h, 16777619) >>> 0; }
    return h >>> 0;
  }

  // findID returns the cables a query names as an id: [{id, doc}].
  Index.prototype.findID = function (q) {
    var p = parseID(q);
    // Any other single word with a digit may be an id of another form.
    if (!p && /^\S*\d\S*$/.test(q.trim()) && q.indexOf(":") < 0) p = { key: idKey(q), yy: "" };
    if (!p) return Promise.resolve([]);
    var n = this.root.idShards;
    return load("i/" + (fnv1a(p.key) % n)).then(function (rows) {
      var out = [];
      for (var i = 0; i + 1 < rows.length; i += 2) {
        var id = rows[i];
        if (idKey(id) === p.key && (!p.yy || id.slice(0, 2) === p.yy)) out.push({ id: id, doc: rows[i + 1] });
      }
      return out;
    });
  };

  // ---------------------------------------------------------------
  // The API, for the page below and for tests.

  var api = g.cablesiteSearch || {};
  // ---------------------------------------------------------------
  // What the page shows of a hit: marks, snippets, phrases checked.

  // marker returns a function that finds in a text what the query asks
  // for: [{s: start, e: end, key}] in order, offsets in the text. A word
  // (or a term it expands to, or one starting with its prefix) is one
  // range; a phrase is one range from its first word to its last, and its
  // words alone are not marked. key tells which part of the query it is.
  function marker(pq) {
    var exact = {}, prefixes = [];
    pq.words.forEach(function (w, k) {
      exact[w.term] = "w" + k;
      if (w.prefix) prefixes.push({ p: w.term, key: "w" + k });
      (w.expanded || []).forEach(function (t) { if (!exact[t]) exact[t] = "w" + k; });
    });
    var phrases = pq.phrases.filter(function (p) { return p.terms.length > 1; });
    pq.phrases.forEach(function (p, k) { if (p.terms.length === 1 && !exact[p.terms[0]]) exact[p.terms[0]] = "p" + k; });
    function word(t) {
      if (exact[t]) return exact[t];
      for (var i = 0; i < prefixes.length; i++) if (t.lastIndexOf(prefixes[i].p, 0) === 0) return prefixes[i].key;
      return "";
    }
    return function (text, ts) {
      ts = ts || tokens(text);
      var out = [];
      for (var i = 0; i < ts.length;) {
        var found = null;
        for (var k = 0; k < phrases.length && !found; k++) {
          var p = phrases[k].terms, j = 0;
          while (j < p.length && i + j < ts.length && ts[i + j].t === p[j]) j++;
          if (j === p.length) found = { s: ts[i].s, e: ts[i + j - 1].e, key: "p" + pq.phrases.indexOf(phrases[k]), n: j };
        }
        if (!found) {
          var key = word(ts[i].t);
          if (key) found = { s: ts[i].s, e: ts[i].e, key: key, n: 1 };
        }
        if (found) { out.push(found); i += found.n; } else i++;
      }
      return out;
    };
  }

  var SNIPPET = 260, SNIPPET_LEAD = 8;

  // passage finds, in text read as the tokens ts with the ranges rs that
  // a marker found, the first passage of about SNIPPET characters that
  // holds the most distinct parts of the query. It returns the token it
  // starts at (a few words before the first range in it, at the start of
  // its sentence if that is near) and the index in rs of that range.
  function passage(text, ts, rs) {
    var best = -1, from = 0, at = 0, t = 0;
    for (var a = 0; a < rs.length; a++) {
      while (t < ts.length && ts[t].s < rs[a].s) t++;
      var first = t;
      for (var k = 0; k < SNIPPET_LEAD && first > 0; k++) {
        if (/[.!?:;]\s|\n/.test(text.slice(ts[first - 1].e, ts[first].s))) break;
        first--;
      }
      var limit = ts[first].s + SNIPPET, keys = {}, n = 0;
      for (var r = a; r < rs.length && rs[r].e <= limit; r++) {
        if (!keys[rs[r].key]) { keys[rs[r].key] = true; n++; }
      }
      if (n > best) { best = n; from = first; at = a; }
    }
    return { from: from, range: at };
  }

  // snippet returns the passage of text that mark's ranges pick (see
  // passage), with its white space collapsed and "…" where it cuts the
  // text; "" when text holds none of the query.
  function snippet(text, mark) {
    var ts = tokens(text), rs = mark(text, ts);
    if (!rs.length) return "";
    var from = passage(text, ts, rs).from;
    var last = from;
    while (last < ts.length && ts[last].e <= ts[from].s + SNIPPET) last++;
    // Near the end of the text, start earlier rather than show less.
    if (last === ts.length) while (from > 0 && text.length - ts[from - 1].s <= SNIPPET) from--;
    var start = ts[from].s, end = last > from ? ts[last - 1].e : ts[from].e;
    // Keep the punctuation around the words (up to the next space).
    while (start > 0 && !/\s/.test(text[start - 1]) && (from === 0 || start > ts[from - 1].e)) start--;
    while (end < text.length && !/\s/.test(text[end]) && (last >= ts.length || end < ts[last].s)) end++;
    var out = text.slice(start, end).replace(/\s+/g, " ").trim();
    if (from > 0) out = "… " + out;
    if (last < ts.length) out += " …";
    return out;
  }

  // holdsPhrases reports whether the phrases the index could not decide
  // are each in one of texts, word after word as the tokenizer reads them.
  function holdsPhrases(phrases, texts) {
    return phrases.every(function (p) {
      return texts.some(function (text) {
        var ts = tokens(text);
        outer:
        for (var i = 0; i + p.length <= ts.length; i++) {
          for (var j = 0; j < p.length; j++) if (ts[i + j].t !== p[j]) continue outer;
          return true;
        }
        return false;
      });
    });
  }

  // undecided returns the phrases of a query that the index lets through
  // approximately (doc.go, "Phrases"): those of two words or more, one of
  // them indexed.
  function undecided(pq, stop) {
    return pq.phrases.filter(function (p) {
      return p.terms.length > 1 && p.terms.some(function (t) {
        return Array.from(t).length === 1 ? !isLetter(t.codePointAt(0)) : !stop[t];
      });
    }).map(function (p) { return p.terms; });
  }

  // markQuery writes what marker marks of a parsed query, its words
  // (word* for a prefix) and "phrases", as a query that parseQuery reads
  // back to the same: a link to a hit carries it to the cable's page
  // (?highlight=...), which marks it there (site.js, api.highlights).
  function markQuery(pq) {
    return pq.words.map(function (w) { return w.term + (w.prefix ? "*" : ""); })
      .concat(pq.phrases.map(function (p) { return '"' + p.terms.join(" ") + '"'; }))
      .join(" ");
  }

  // highlights returns what a cable's page marks in its text for q, a
  // query as markQuery writes it: the ranges, as marker gives them, and
  // the index of the one that starts the passage the hit's snippet
  // showed (-1 when there is none).
  function highlights(text, q) {
    var ts = tokens(text), rs = marker(parseQuery(q, {}, false))(text, ts);
    return { ranges: rs, first: rs.length ? passage(text, ts, rs).range : -1 };
  }

  api.shard = shard;
  api.tokens = tokens;
  api.terms = terms;
  api.facetKey = facetKey;
  api.parseQuery = parseQuery;
  api.parseID = parseID;
  api.idKey = idKey;
  api.fnv1a = fnv1a;
  api.order = order;
  api.marker = marker;
  api.snippet = function (text, pq) { return snippet(text, marker(pq)); };
  api.holdsPhrases = holdsPhrases;
  api.undecided = undecided;
  api.markQuery = markQuery;
  api.highlights = highlights;
  g.cablesiteSearch = api;

  // open loads the index's root.
  api.open = function (base) {
    indexBase = base;
    return load("index").then(function (root) {
      filesPerDir = root.filesPerDir;
      return new Index(root);
    });
  };
  // startLog starts recording the keys of the shards loaded; stopLog
  // returns them.
  api.startLog = function () { loadLog = []; };
  api.stopLog = function () { var l = loadLog || []; loadLog = null; return l; };

  if (typeof document === "undefined") return;

  // ---------------------------------------------------------------
  // The page.

  var PER_PAGE = 20;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // afterPaint resolves once the browser has painted the page as it is
  // now, with the time (performance.now()) of the frame that paints it.
  function afterPaint() {
    return new Promise(function (resolve) {
      requestAnimationFrame(function () {
        var now = performance.now();
        setTimeout(function () { resolve(now); }, 0);
      });
    });
  }

  // num writes n with thousands separated by commas, as en-US does: not
  // by toLocaleString, whose first call loads the browser's number
  // formats (20 to 35 ms here, paid by the first results of a visit).
  function num(n) { return String(n).replace(/\B(?=(\d{3})+$)/g, ","); }

  // highlight appends text to parent, with what mark finds wrapped in
  // <mark>: built from text nodes, never HTML.
  function highlight(parent, text, mark) {
    var at = 0;
    mark(text).forEach(function (r) {
      if (r.s > at) parent.appendChild(document.createTextNode(text.slice(at, r.s)));
      parent.appendChild(el("mark", null, text.slice(r.s, r.e)));
      at = r.e;
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // Texts loads the text of cables from their pages, for snippets and to
  // check phrases: each page is opened in a hidden frame at
  // #cablesite-text, and the site's script there (site.js) posts the text
  // back. (Not a sandboxed frame: from disk, one could not load the
  // page's script.) A few frames at a time; the texts are kept for later
  // queries. A page that does not answer (a template without site.js, a
  // page missing) gives null, and after a few such pages and none that
  // answered, Texts stops asking.
  var TEXT_FRAMES = 6, TEXT_KEEP = 500, TEXT_WAIT = 1000, TEXT_TIMEOUT = 10000;
  function Texts(root) {
    this.root = root;
    this.kept = new Map(); // url -> promise of text
    this.queue = [];
    this.active = 0;
    this.frames = new Map(); // frame window -> function(text)
    this.answered = 0;
    this.silent = 0;
    var self = this;
    window.addEventListener("message", function (ev) {
      var done = self.frames.get(ev.source), d = ev.data;
      if (!done || !d || typeof d !== "object" || !("cablesiteText" in d)) return;
      self.answered++;
      done(typeof d.cablesiteText === "string" ? d.cablesiteText : null);
    });
  }

  Texts.prototype.get = function (url) {
    var p = this.kept.get(url), self = this;
    if (p) return p;
    if (this.silent >= 3 && !this.answered) return Promise.resolve(null);
    p = new Promise(function (resolve) { self.queue.push({ url: url, resolve: resolve }); });
    this.kept.set(url, p);
    if (this.kept.size > TEXT_KEEP) this.kept.delete(this.kept.keys().next().value);
    this.pump();
    return p;
  };

  // drop forgets the pages asked for but not opened yet: a new search
  // wants its own first. Their promises give undefined (not null: nothing
  // is known of those pages).
  Texts.prototype.drop = function () {
    var self = this;
    this.queue.forEach(function (job) {
      self.kept.delete(job.url);
      job.resolve(undefined);
    });
    this.queue = [];
  };

  Texts.prototype.pump = function () {
    var self = this;
    while (this.active < TEXT_FRAMES && this.queue.length) {
      var job = this.queue.shift();
      this.active++;
      this.open(job, function () { self.active--; self.pump(); });
    }
  };

  Texts.prototype.open = function (job, next) {
    var self = this, frame = document.createElement("iframe"), win = null, timers = [], ended = false;
    function end(text) {
      if (ended) return;
      ended = true;
      timers.forEach(clearTimeout);
      self.frames.delete(win);
      frame.remove();
      job.resolve(text);
      next();
    }
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.setAttribute("aria-hidden", "true");
    frame.addEventListener("load", function () {
      // The page's script posts before the frame's load event; a page
      // that has not posted a moment after it will not.
      timers.push(setTimeout(function () { if (!ended) { self.silent++; end(null); } }, TEXT_WAIT));
    });
    frame.src = this.root + job.url + "#cablesite-text";
    document.body.appendChild(frame);
    win = frame.contentWindow;
    this.frames.set(win, end);
    timers.push(setTimeout(function () { end(null); }, TEXT_TIMEOUT));
  };

  // quoteValue writes a facet's value for the query: quoted (an exact
  // name) for origins and classifications, and wherever a space needs it.
  function quoteValue(field, v) {
    return field === "origin" || field === "class" || /[\s"]/.test(v) ? '"' + v.replace(/"/g, "") + '"' : v;
  }

  function Page(app) {
    this.app = app;
    this.form = document.getElementById("search-form");
    this.input = document.getElementById("search-q");
    this.sortSel = document.getElementById("search-sort");
    this.from = document.getElementById("search-from");
    this.to = document.getElementById("search-to");
    this.status = document.getElementById("search-status");
    this.results = document.getElementById("search-results");
    this.facetsEl = document.getElementById("search-facets");
    this.pager = document.getElementById("search-pager");
    this.root = app.getAttribute("data-root") || "";
    this.seq = 0;
    this.sort = "";
    this.page = 0;
    this.texts = new Texts(this.root);
    this.verdicts = null; // {key: the phrases, of: doc -> holds them}
    var self = this;
    this.ready = api.open(app.getAttribute("data-index") || "search/").then(function (ix) {
      self.ix = ix;
      return ix;
    }, function (err) {
      self.say("The search index could not be loaded (" + err.message + ").");
      throw err;
    });
  }

  Page.prototype.say = function (msg) { this.status.textContent = msg; };

  // fromURL reads the query, sort and page from the address.
  Page.prototype.fromURL = function () {
    var p = new URLSearchParams(location.search);
    this.input.value = p.get("q") || "";
    this.sort = p.get("sort") || "";
    if (this.sortSel) this.sortSel.value = this.sort;
    this.page = Math.max(0, (parseInt(p.get("page"), 10) || 1) - 1);
    this.syncDates();
  };

  // toURL writes them back: pushState for a step the reader may want to
  // go back to, replaceState while typing.
  Page.prototype.toURL = function (push) {
    var p = new URLSearchParams();
    var q = this.input.value;
    if (q) p.set("q", q);
    if (this.sort) p.set("sort", this.sort);
    if (this.page > 0) p.set("page", String(this.page + 1));
    var s = p.toString(), url = location.pathname + (s ? "?" + s : "");
    if (url === location.pathname + location.search) return;
    try {
      if (push) history.pushState(null, "", url);
      else history.replaceState(null, "", url);
    } catch (e) {
      // Some browsers refuse history changes on file://; the search still works.
    }
  };

  // setFilter replaces the query's filters on field by value (none when
  // value is empty).
  Page.prototype.setFilter = function (field, value, add) {
    var q = this.input.value, re = new RegExp("(^|\\s)" + field + ':("[^"]*"?|\\S*)', "gi");
    if (!add) q = q.replace(re, " ");
    q = q.replace(/\s+/g, " ").trim();
    if (value) q = (q ? q + " " : "") + field + ":" + quoteValue(field, value);
    this.input.value = q;
  };

  Page.prototype.syncDates = function () {
    if (!this.from) return;
    var m = /(?:^|\s)date:(\S*)/i.exec(this.input.value), v = m ? m[1].split("..") : ["", ""];
    this.from.value = /^\d{4}-\d{2}-\d{2}$/.test(v[0]) ? v[0] : "";
    this.to.value = /^\d{4}-\d{2}-\d{2}$/.test(v[1] || "") ? v[1] : "";
  };

  // search runs the box's query and shows the results: the page of hits
  // first, with the excerpts the index holds, then the facets, then
  // snippets around the words found, from the cables' texts.
  Page.prototype.search = function (opts) {
    opts = opts || {};
    var self = this, seq = ++this.seq, q = this.input.value, t0 = performance.now();
    this.app.setAttribute("data-state", "busy");
    this.texts.drop();
    return this.ready.then(function (ix) {
      var pq = parseQuery(q, ix.stop, !!opts.live);
      api.startLog();
      var idHits = ix.findID(q).then(function (ids) { return ix.hits(ids.map(function (c) { return c.doc; })); });
      return Promise.all([ix.run(pq), idHits]).then(function (r) {
        var set = r[0], ids = r[1];
        if (seq !== self.seq) return;
        if (opts.jump && ids.length === 1) {
          if (opts.replace) location.replace(self.root + ids[0].url);
          else location.href = self.root + ids[0].url;
          return;
        }
        if (!set) {
          self.render(pq, null, ids);
          api.lastSearch = { q: q, ms: performance.now() - t0, keys: api.stopLog(), total: 0 };
          self.app.setAttribute("data-state", "done");
          return;
        }
        // While a phrase is checked, the hits known so far are shown; the
        // verdicts that come in together are shown once.
        var first = 0, final = false, partial = 0, latest = null;
        function shown(positions, checked) {
          var again = latest !== null;
          latest = { positions: positions, checked: checked };
          if (!again) setTimeout(show, 0);
        }
        function show() {
          var l = latest;
          latest = null;
          if (final || seq !== self.seq) return;
          l.checked = l.checked();
          if (l.positions.length <= partial) {
            if (partial) self.say(self.checking(partial, l.checked, set.docs.length));
            return;
          }
          partial = l.positions.length;
          self.view(ix, set, set, l.positions, set.docs.length, false).then(function (view) {
            if (seq !== self.seq || final || view.hits.length < partial) return;
            view.checking = true;
            view.checked = l.checked;
            view.candidates = set.docs.length;
            self.render(pq, view, ids);
            self.snippets(view.hits, pq, seq);
            if (!first) afterPaint().then(function (t) { first = first || t - t0; });
          });
        }
        return self.pick(ix, set, undecided(pq, ix.stop), seq, shown).then(function (view) {
          if (!view || seq !== self.seq) return;
          final = true;
          self.render(pq, view, ids);
          var painted = afterPaint(), snippets = self.snippets(view.hits, pq, seq);
          self.app.setAttribute("data-state", "results");
          return ix.facets(view.set).then(function (f) {
            if (seq !== self.seq) return;
            self.renderFacets(f, view);
            var last = { q: q, total: view.total, exact: view.exact, keys: api.stopLog(), facetsMs: performance.now() - t0 };
            return Promise.all([painted, snippets]).then(function (r) {
              if (seq !== self.seq) return;
              last.ms = first || r[0] - t0;
              last.snippetsMs = performance.now() - t0;
              api.lastSearch = last;
              self.app.setAttribute("data-state", "done");
            });
          });
        });
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.say("Search failed: " + err.message);
      self.app.setAttribute("data-state", "error");
    });
  };

  // pick returns the view of the page asked: its hits, the results they
  // are taken from (set, for the facets), their number (total) and whether
  // that number is exact. With phrases the index could not decide, it
  // checks the candidates in order against their texts, a few at a time,
  // until it has the page's hits (all of them when there are at most
  // PHRASE_CHECK, so that small results are counted exactly); the number
  // is then exact when every candidate has been checked, else estimated
  // from those checked. The reader may ask to check them all (checkAll,
  // up to CHECK_ALL candidates). Meanwhile it calls shown with the page's
  // hits known so far, those before the first candidate not yet checked.
  // It returns null when another search has started.
  var PHRASE_CHECK = 40, CHECK_CHUNK = TEXT_FRAMES, CHECK_ALL = 2000;
  Page.prototype.pick = function (ix, set, phrases, seq, shown) {
    var self = this, n = set.docs.length;
    if (!phrases.length) {
      this.page = Math.min(this.page, Math.max(0, Math.ceil(n / PER_PAGE) - 1));
      var idx = order(set, this.sort, (this.page + 1) * PER_PAGE);
      return this.view(ix, set, set, Array.from(idx.slice(this.page * PER_PAGE)), n, true);
    }
    var key = JSON.stringify(phrases);
    if (!this.verdicts || this.verdicts.key !== key) this.verdicts = { key: key, of: new Map() };
    var verdicts = this.verdicts.of, want = (this.page + 1) * PER_PAGE;
    var least = n <= PHRASE_CHECK || (this.checkAll === key && n <= CHECK_ALL) ? n : 0;
    var from = this.page * PER_PAGE;
    function known() {
      var c = 0;
      for (var i = 0; i < n; i++) if (verdicts.has(set.docs[i])) c++;
      return c;
    }
    // scan walks the first candidates in order: those known to hold the
    // phrases, those not checked yet, and how many of the first are known
    // before the first not checked.
    function scan(idx) {
      var held = [], pending = [], stable = -1;
      for (var i = 0; i < idx.length && (held.length + pending.length < want || i < least); i++) {
        var v = verdicts.get(set.docs[idx[i]]);
        if (v === undefined) {
          if (stable < 0) stable = held.length;
          pending.push(idx[i]);
        } else if (v) held.push(idx[i]);
      }
      return { held: held, pending: pending, stable: stable < 0 ? held.length : stable };
    }
    function step(k) {
      var idx = order(set, self.sort, k), r = scan(idx);
      if (r.pending.length) {
        // Show each hit as soon as those before it are known.
        var progress = function () {
          if (seq !== self.seq) return;
          var now = scan(idx);
          if (now.stable > from) shown(now.held.slice(from, Math.min(now.stable, from + PER_PAGE)), known);
        };
        progress();
        return self.check(ix, set, r.pending.slice(0, CHECK_CHUNK), phrases, verdicts, progress).then(function () {
          return seq === self.seq ? step(k) : null;
        });
      }
      if ((r.held.length < want || k < least) && k < n) return step(Math.min(n, 2 * k));
      return r.held;
    }
    return Promise.resolve(step(Math.min(n, want + PER_PAGE))).then(function (held) {
      if (!held) return null;
      var checked = 0, holding = 0, docs = [], scores = [];
      for (var i = 0; i < n; i++) {
        var v = verdicts.get(set.docs[i]);
        if (v === undefined) continue;
        checked++;
        if (v) { holding++; docs.push(set.docs[i]); scores.push(set.scores[i]); }
      }
      if (checked === n) {
        self.page = Math.min(self.page, Math.max(0, Math.ceil(holding / PER_PAGE) - 1));
        var only = { docs: Int32Array.from(docs), scores: Float64Array.from(scores) };
        return self.view(ix, set, only, held.slice(self.page * PER_PAGE, (self.page + 1) * PER_PAGE), holding, true);
      }
      var about = Math.max(held.length, Math.round(holding + (n - checked) * holding / checked));
      return self.view(ix, set, set, held.slice(from, from + PER_PAGE), about, false).then(function (view) {
        view.candidates = n;
        return view;
      });
    });
  };

  // view reads the hits at positions of from, for the page.
  Page.prototype.view = function (ix, from, set, positions, total, exact) {
    var docs = positions.map(function (i) { return from.docs[i]; });
    return ix.hits(docs).then(function (hits) {
      hits.forEach(function (h, k) { h.score = from.scores[positions[k]]; });
      return { set: set, hits: hits, total: total, exact: exact };
    });
  };

  // check reads the texts of the candidates at positions of set and
  // records whether each holds the phrases, calling each after each one.
  // A cable whose text cannot be read is kept, as the index let it
  // through.
  Page.prototype.check = function (ix, set, positions, phrases, verdicts, each) {
    var self = this, docs = positions.map(function (i) { return set.docs[i]; });
    return ix.hits(docs).then(function (hits) {
      return Promise.all(hits.map(function (h, k) {
        return self.texts.get(h.url).then(function (text) {
          if (text === undefined) return; // dropped for a newer search
          verdicts.set(docs[k], text === null || holdsPhrases(phrases, [h.subject || "", text]));
          each();
        });
      }));
    });
  };

  // snippets replaces each hit's excerpt by the passage of its text that
  // holds the most of the query, where the text holds any of it. A query
  // of filters alone has nothing to find in the texts: none is read.
  Page.prototype.snippets = function (hits, pq, seq) {
    var self = this, mark = marker(pq);
    if (!pq.words.length && !pq.phrases.length) return Promise.resolve();
    // A search shows its hits more than once while it checks a phrase:
    // each snippet is cut once.
    if (!this.cut || this.cut.seq !== seq) this.cut = { seq: seq, of: new Map() };
    var cut = this.cut.of;
    // The frames that read the texts start once the hits are painted:
    // opening one holds up the page a few milliseconds.
    return afterPaint().then(function () {
      if (seq === self.seq) return Promise.all(hits.map(snippet1));
    });
    function snippet1(h) {
      return self.texts.get(h.url).then(function (text) {
        var s = cut.get(h.url);
        if (s === undefined) {
          s = text ? snippet(text, mark) : "";
          cut.set(h.url, s);
        }
        if (!s || seq !== self.seq) return;
        var li = self.results.querySelector('li.hit[data-doc="' + h.doc + '"]');
        if (!li) return;
        var p = li.querySelector(".hit-snippet");
        if (!p) {
          p = el("p", "hit-snippet");
          li.appendChild(p);
        }
        p.textContent = "";
        highlight(p, s, mark);
        p.setAttribute("data-from", "text");
      });
    }
  };

  Page.prototype.render = function (pq, view, ids) {
    var self = this, mark = marker(pq), hl = markQuery(pq);
    this.results.textContent = "";
    this.pager.textContent = "";
    ids.forEach(function (c) {
      var li = el("li", "hit-jump"), a = el("a", null, "Go to cable " + c.id);
      a.href = self.root + c.url;
      li.appendChild(a);
      if (c.subject) li.appendChild(document.createTextNode(": " + c.subject));
      self.results.appendChild(li);
    });
    if (!view) {
      this.say(!this.input.value.trim() || ids.length ? "" :
        "Nothing to search for: common words such as \u201cthe\u201d and single letters are not indexed.");
      if (this.facetsEl) this.facetsEl.textContent = "";
      return;
    }
    var hits = view.hits, total = view.total, from = this.page * PER_PAGE;
    var count = view.exact ? num(total) : "About " + num(total);
    if (view.checking) {
      this.say(this.checking(hits.length, view.checked, view.candidates));
    } else {
      this.say(total === 0 ? "No cable matches." :
        (total === 1 && view.exact ? "1 cable matches." : count + " cables match") +
        (total > PER_PAGE || !view.exact ? "; showing " + num(from + 1) + "–" + num(from + hits.length) + "." : (total === 1 ? "" : ".")) +
        (view.exact ? "" : " The phrase is checked in each cable as its page of results is shown. "));
      if (!view.exact && view.candidates <= CHECK_ALL) {
        var all = el("button", "check-all", "Check all " + num(view.candidates) + " candidates");
        all.type = "button";
        all.title = "Reads the text of each of the " + num(view.candidates) + " cables the index gives for the phrase, to count them exactly";
        all.addEventListener("click", function () {
          self.checkAll = self.verdicts && self.verdicts.key;
          self.search().then(function () { self.input.focus(); });
        });
        this.status.appendChild(all);
      }
    }
    hits.forEach(function (h) {
      var li = el("li", "hit");
      li.setAttribute("data-doc", h.doc);
      var title = el("a", "hit-title");
      title.href = self.root + h.url + (hl ? "?highlight=" + encodeURIComponent(hl) : "");
      highlight(title, h.subject || h.id, mark);
      var h3 = el("h3");
      h3.appendChild(title);
      li.appendChild(h3);
      var meta = el("p", "hit-meta");
      if (h.date) {
        var time = el("time", null, h.date);
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
        var p = el("p", "hit-snippet");
        highlight(p, h.excerpt, mark);
        li.appendChild(p);
      }
      self.results.appendChild(li);
    });
    if (!view.checking) this.renderPager(total);
  };

  // checking is the status while a phrase is checked.
  Page.prototype.checking = function (found, checked, candidates) {
    return "Checking the phrase in the cables' texts (" + num(checked) + " of " + num(candidates) + "); " +
      num(found) + " found so far…";
  };

  Page.prototype.renderPager = function (total) {
    var self = this, pages = Math.ceil(total / PER_PAGE);
    if (pages <= 1) return;
    var ul = el("ul");
    function item(label, page, current, rel) {
      var li = el("li");
      if (current) {
        var span = el("span", null, label);
        span.setAttribute("aria-current", "page");
        li.appendChild(span);
      } else {
        var a = el("a", null, label);
        a.href = "?" + new URLSearchParams(Object.assign({ q: self.input.value }, self.sort ? { sort: self.sort } : {}, { page: String(page + 1) })).toString();
        if (rel) a.rel = rel;
        a.setAttribute("data-page", page);
        a.addEventListener("click", function (ev) {
          ev.preventDefault();
          self.page = page;
          self.toURL(true);
          self.search().then(function () { self.status.scrollIntoView && self.status.scrollIntoView(); });
        });
        li.appendChild(a);
      }
      ul.appendChild(li);
    }
    if (this.page > 0) item("Previous", this.page - 1, false, "prev");
    var shown = {};
    [0, this.page - 2, this.page - 1, this.page, this.page + 1, this.page + 2, pages - 1].forEach(function (p) {
      if (p >= 0 && p < pages) shown[p] = true;
    });
    var last = -1;
    Object.keys(shown).map(Number).sort(function (a, b) { return a - b; }).forEach(function (p) {
      if (last >= 0 && p > last + 1) ul.appendChild(el("li", "gap", "…"));
      item(String(p + 1), p, p === self.page);
      last = p;
    });
    if (this.page < pages - 1) item("Next", this.page + 1, false, "next");
    this.pager.appendChild(ul);
  };

  var FACETS = [
    { field: "tag", title: "TAGS", limit: 15 },
    { field: "origin", title: "Origin", limit: 10 },
    { field: "class", title: "Classification", limit: 6 },
    { field: "year", title: "Year", limit: 50 }
  ];

  Page.prototype.renderFacets = function (f, view) {
    if (!this.facetsEl) return;
    var self = this, set = view.set;
    this.facetsEl.textContent = "";
    if (!set.docs.length) return;
    var pq = parseQuery(this.input.value, this.ix.stop, false), active = {};
    pq.filters.forEach(function (x) { active[x.field + ":" + facetKey(x.value)] = true; });
    if (!view.exact) {
      this.facetsEl.appendChild(el("p", "facet-note", "Counts include the cables not yet checked for the phrase."));
    }
    if (!f.exact) {
      var note = el("p", "facet-note", "Counts for TAGS, origins and classifications are estimated from " +
        num(f.sampled) + " of the " + num(set.docs.length) + " results. ");
      var all = el("button", "facet-all", "Count them all");
      all.type = "button";
      all.title = "Reads the facets of all " + num(f.blocks) + " blocks of the results";
      all.addEventListener("click", function () {
        var seq = self.seq;
        all.disabled = true;
        self.ix.facets(set, true).then(function (exact) {
          if (seq !== self.seq) return;
          self.renderFacets(exact, view);
          var first = self.facetsEl.querySelector("button");
          if (first) first.focus();
        });
      });
      note.appendChild(all);
      this.facetsEl.appendChild(note);
    }
    FACETS.forEach(function (spec) {
      var items = f[spec.field];
      if (!items.length) return;
      var sec = el("section", "facet");
      sec.setAttribute("data-facet", spec.field);
      sec.appendChild(el("h2", null, spec.title));
      var ul = el("ul");
      items.slice(0, spec.limit).forEach(function (it) {
        if (it.none) return;
        var li = el("li"), key = spec.field + ":" + facetKey(it.name), on = !!active[key];
        var b = el("button", on ? "facet-value active" : "facet-value");
        b.type = "button";
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.setAttribute("data-value", it.name);
        b.appendChild(el("span", "facet-name", it.name));
        b.appendChild(el("span", "facet-count", ((f.exact || spec.field === "year") && view.exact ? "" : "≈") + num(it.count)));
        b.addEventListener("click", function () {
          self.setFilter(spec.field, on ? "" : it.name, false);
          self.page = 0;
          self.toURL(true);
          self.syncDates();
          self.search();
        });
        li.appendChild(b);
        ul.appendChild(li);
      });
      sec.appendChild(ul);
      self.facetsEl.appendChild(sec);
    });
  };

  Page.prototype.bind = function () {
    var self = this, timer = 0;
    this.form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      self.page = 0;
      self.toURL(true);
      self.search({ jump: true });
    });
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.page = 0;
        self.toURL(false);
        self.syncDates();
        self.search({ live: true });
      }, 120);
    });
    if (this.sortSel) {
      this.sortSel.addEventListener("change", function () {
        self.sort = self.sortSel.value;
        self.page = 0;
        self.toURL(true);
        self.search();
      });
    }
    function dateChange() {
      var a = self.from.value, b = self.to.value;
      self.setFilter("date", a || b ? a + ".." + b : "", false);
      self.page = 0;
      self.toURL(true);
      self.search();
    }
    if (this.from) {
      this.from.addEventListener("change", dateChange);
      this.to.addEventListener("change", dateChange);
    }
    window.addEventListener("popstate", function () {
      self.fromURL();
      self.search();
    });
    // Arrows move through the results; Enter opens the focused one (a link).
    this.app.addEventListener("keydown", function (ev) {
      if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
      var links = Array.from(self.results.querySelectorAll("li > a, .hit-title"));
      if (!links.length) return;
      var i = links.indexOf(document.activeElement);
      if (ev.target === self.input) {
        if (ev.key !== "ArrowDown") return;
        i = -1;
      }
      ev.preventDefault();
      if (ev.key === "ArrowDown") i = Math.min(links.length - 1, i + 1);
      else if (i <= 0) { self.input.focus(); return; }
      else i--;
      links[i].focus();
    });
  };

  // "/" focuses the search box, on any page.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target, tag = t && t.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
    var box = document.getElementById("search-q") || document.querySelector("input[name=q]");
    if (!box) return;
    ev.preventDefault();
    box.focus();
    box.select();
  });

  function start() {
    var app = document.getElementById("search-app");
    if (!app) return;
    var page = new Page(app);
    api.page = page;
    page.fromURL();
    page.bind();
    if (page.input.value.trim()) page.search({ jump: true, replace: true });
    else page.ready.then(function () { page.app.setAttribute("data-state", "ready"); }, function () {});
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : this);
