// cablesite: opens the original text when the address points into it
// (a link to #original, or to a line of it), so that such links work
// although the text sits in a closed <details>. Everything else works
// without script. And it gives the search page a cable's text: see
// postText.
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

  // postText answers the search page, which opens a cable's page in a
  // hidden frame at #cablesite-text to show a snippet around the words
  // found and to check a phrase: it posts the text of the element marked
  // data-search-text (the cable's body) to the frame's parent, as the
  // index saw it: paragraph numbers and markings left out, blocks on
  // lines of their own. A message, not a read of the frame's document,
  // because pages opened from disk are each of an origin of their own.
  function postText() {
    if (window.parent === window || location.hash !== "#cablesite-text") return;
    var root = document.querySelector("[data-search-text]"), out = [];
    function walk(n) {
      for (var c = n.firstChild; c; c = c.nextSibling) {
        if (c.nodeType === 3) { out.push(c.nodeValue); continue; }
        if (c.nodeType !== 1 || c.hasAttribute("data-search-skip") ||
            /(^|\s)(pilcrow|marking|visually-hidden)(\s|$)/.test(c.className)) continue;
        var block = /^(P|LI|UL|OL|H[1-6]|DIV|PRE|BLOCKQUOTE|TABLE|TR|TD|TH|SECTION|BR|HR|DL|DT|DD)$/.test(c.tagName);
        if (block) out.push("\n");
        walk(c);
        if (block) out.push("\n");
      }
    }
    if (root) walk(root);
    window.parent.postMessage({ cablesiteText: root ? out.join("") : null }, "*");
  }
  postText();

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
