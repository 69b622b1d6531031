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
})();
