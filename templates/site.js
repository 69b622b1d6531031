// cablesite: opens the original text when the address points into it
// (a link to #original, or to a line of it), so that such links work
// although the text sits in a closed <details>. Everything else works
// without script. And it marks on a cable's page what a search found
// there (markHits).
(function () {
  "use strict";
  function reveal() {
    var id = location.hash.slice(1);
    if (!id) return;
    try { id = decodeURIComponent(id); } catch (e) { return; }
    var el = document.getElementById(id);
    var d = el && el.closest ? el.closest("details") : null;
    if (d && !d.open) {
      d.open = true;
      el.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  // readText reads the text of the elements marked data-search-text (the
  // cable's body, and the editor's notes after it), as the index saw it:
  // paragraph numbers and markings left out, blocks on lines of their own.
  // It returns the text and its text nodes, each with where it starts in
  // the text and its length.
  function readText(roots) {
    var out = [], nodes = [], at = 0;
    function push(s) { out.push(s); at += s.length; }
    function walk(n) {
      for (var c = n.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) {
          nodes.push({ node: c, s: at, n: c.nodeValue.length });
          push(c.nodeValue);
          continue;
        }
        if (c.nodeType !== 1 || c.hasAttribute("data-search-skip") ||
            /(^|\s)(pilcrow|marking|visually-hidden)(\s|$)/.test(c.className)) continue;
        var block = /^(P|LI|UL|OL|H[1-6]|DIV|PRE|BLOCKQUOTE|TABLE|TR|TD|TH|SECTION|BR|HR|DL|DT|DD)$/.test(c.tagName);
        if (block) push("\n");
        walk(c);
        if (block) push("\n");
      }
    }
    for (var i = 0; i < roots.length; i++) {
      if (i > 0) push("\n\n");
      walk(roots[i]);
    }
    return { text: out.join(""), nodes: nodes };
  }

  // markHits marks on a cable's page what the search that led to it
  // found. A link to a hit carries the words and phrases to mark
  // (?highlight=...); the search's core script finds them, the one that
  // marked the hit's snippet, so that the page marks what the snippet
  // marked. The page names that script in a meta element. The page then
  // scrolls to the passage the snippet showed, unless its address points
  // elsewhere (#par3). Marks are <mark class="hit" data-hit="N"> around
  // text nodes (N: the mark's rank; a phrase across elements has a piece
  // in each): nothing is read as HTML. A bar atop the text counts them
  // and moves from one to the next (markBar).
  function markHits() {
    var q = new URLSearchParams(location.search).get("highlight");
    var root = document.querySelector("[data-search-text]");
    var meta = document.querySelector('meta[name="cablesite-search"]');
    if (!q || !root || !meta) return;
    var s = document.createElement("script");
    s.src = meta.getAttribute("content");
    s.onload = function () {
      var api = window.cablesiteSearch;
      if (!api || !api.highlights) return;
      var t = readText(document.querySelectorAll("[data-search-text]")), h = api.highlights(t.text, q), nodes = t.nodes;
      var pieces = [], k = nodes.length - 1;
      // From the last range back, so that splitting a text node keeps
      // the offsets of what comes before in it.
      for (var i = h.ranges.length - 1; i >= 0; i--) {
        var r = h.ranges[i];
        pieces[i] = [];
        while (k > 0 && nodes[k].s >= r.e) k--;
        for (var j = k; j >= 0 && nodes[j].s + nodes[j].n > r.s; j--) {
          var n = nodes[j], a = Math.max(r.s - n.s, 0), b = Math.min(r.e - n.s, n.n);
          if (a >= b) continue;
          var mid = n.node;
          if (b < mid.nodeValue.length) mid.splitText(b);
          if (a > 0) mid = mid.splitText(a);
          var mark = document.createElement("mark");
          mark.className = "hit";
          mark.setAttribute("data-hit", i);
          mid.parentNode.replaceChild(mark, mid);
          mark.appendChild(mid);
          pieces[i].unshift(mark);
        }
      }
      pieces = pieces.filter(function (p) { return p.length > 0; });
      root.setAttribute("data-marked", pieces.length);
      if (pieces.length) markBar(root, pieces, Math.max(h.first, 0), q);
    };
    document.head.appendChild(s);
  }

  // markBar puts atop root a bar that counts the marks (pieces: the
  // elements of each), shows the one at cur, moves to the previous and
  // next, and takes the marks away.
  function markBar(root, pieces, cur, q) {
    var bar = document.createElement("div"), count = document.createElement("span");
    bar.className = "hit-bar";
    bar.setAttribute("data-search-skip", "");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Marks of the search");
    count.className = "hit-count";
    count.setAttribute("aria-live", "polite");
    function button(text, label, onclick) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", onclick);
      bar.appendChild(b);
      return b;
    }
    function show(i, scroll) {
      pieces[cur].forEach(function (m) { m.classList.remove("hit-current"); });
      cur = (i + pieces.length) % pieces.length;
      pieces[cur].forEach(function (m) { m.classList.add("hit-current"); });
      count.textContent = "Mark " + (cur + 1) + " of " + pieces.length + ": " + q;
      root.setAttribute("data-current", cur);
      if (scroll) pieces[cur][0].scrollIntoView({ block: "center" });
    }
    bar.appendChild(count);
    if (pieces.length > 1) {
      button("\u2191", "Previous mark", function () { show(cur - 1, true); });
      button("\u2193", "Next mark", function () { show(cur + 1, true); });
    }
    button("\u00d7", "Take the marks away", function () {
      pieces.forEach(function (p) {
        p.forEach(function (m) {
          var parent = m.parentNode;
          while (m.firstChild) parent.insertBefore(m.firstChild, m);
          parent.removeChild(m);
          parent.normalize();
        });
      });
      bar.parentNode.removeChild(bar);
      root.removeAttribute("data-marked");
    });
    var heading = root.firstElementChild;
    root.insertBefore(bar, heading && /^H[1-6]$/.test(heading.tagName) ? heading.nextSibling : root.firstChild);
    show(cur, !location.hash);
  }
  markHits();

  // "/" focuses the search box, as on most sites with search, and
  // selects its text, so that typing replaces the last query.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("search-q") || document.getElementById("site-q");
    if (box) {
      e.preventDefault();
      box.focus();
      box.select();
    }
  });
})();
