// cablesite: opens the original text when the address points into it
// (a link to #original, or to a line of it), so that such links work
// although the text sits in a closed <details>. Everything else works
// without script.
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
