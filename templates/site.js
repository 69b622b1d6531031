// cablesite: opens the original text when the address points into it
// (a link to #original, or to a line of it), so that such links work
// although the text sits in a closed <details>. Everything else works
// without script. And it serves the search: it gives the search page a
// cable's text (postText), and marks on a cable's page what a search
// found there (markHits).
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

  // readText reads the text of root, the element marked data-search-text
  // (the cable's body), as the index saw it: paragraph numbers and
  // markings left out, blocks on lines of their own. It returns the text
  // and its text nodes, each with where it starts in the text and its
  // length.
  function readText(root) {
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
    walk(root);
    return { text: out.join(""), nodes: nodes };
  }

  // postText answers the search page, which opens a cable's page in a
  // hidden frame at #cablesite-text to show a snippet around the words
  // found and to check a phrase: it posts the text of the cable's body
  // (readText) to the frame's parent. A message, not a read of the
  // frame's document, because pages opened from disk are each of an
  // origin of their own.
  var framed = window.parent !== window && location.hash === "#cablesite-text";
  function postText() {
    if (!framed) return;
    var root = document.querySelector("[data-search-text]");
    window.parent.postMessage({ cablesiteText: root ? readText(root).text : null }, "*");
  }
  postText();

  // markHits marks on a cable's page what the search that led to it
  // found. A link to a hit carries the words and phrases to mark
  // (?highlight=...); the search's own script finds them, the one that
  // marked the hit's snippet, so that the page marks what the snippet
  // marked. The page names that script in a meta element. The page then
  // scrolls to the passage the snippet showed, unless its address points
  // elsewhere (#par3). Marks are <mark class="hit" data-hit="N"> around
  // text nodes (N: the mark's rank, a phrase across elements has a
  // piece in each): nothing is read as HTML.
  function markHits() {
    var q = framed ? null : new URLSearchParams(location.search).get("highlight");
    var root = document.querySelector("[data-search-text]");
    var meta = document.querySelector('meta[name="cablesite-search"]');
    if (!q || !root || !meta) return;
    var s = document.createElement("script");
    s.src = meta.getAttribute("content");
    s.onload = function () {
      var api = window.cablesiteSearch;
      if (!api || !api.highlights) return;
      var t = readText(root), h = api.highlights(t.text, q), nodes = t.nodes;
      var first = [], k = nodes.length - 1;
      // From the last range back, so that splitting a text node keeps
      // the offsets of what comes before in it.
      for (var i = h.ranges.length - 1; i >= 0; i--) {
        var r = h.ranges[i];
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
          first[i] = mark;
        }
      }
      root.setAttribute("data-marked", h.ranges.length);
      root.setAttribute("data-first", h.first);
      if (first[h.first] && !location.hash) first[h.first].scrollIntoView({ block: "center" });
    };
    document.head.appendChild(s);
  }
  markHits();

  // "/" focuses the search box, as on most sites with search.
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("search-q") || document.getElementById("site-q");
    if (box) {
      e.preventDefault();
      box.focus();
    }
  });
})();
